// The page calls (see web_bridge.hpp). Each EM_JS body is a few lines of the
// page's own JavaScript; window.unknot is made by pre.js.
#include "web_bridge.hpp"

#include <emscripten.h>

// clang-format off
EM_JS(void, unknot_js_sync, (), { Module.unknotSyncJournal(); });
EM_JS(void, unknot_js_announce, (const char* text), { Module.unknotAnnounce(UTF8ToString(text)); });
EM_JS(void, unknot_js_title, (const char* text), { document.title = UTF8ToString(text); });
EM_JS(void, unknot_js_state, (const char* json), {
    window.unknot.state = JSON.parse(UTF8ToString(json));
    Module.unknotStateChanged(window.unknot.state);
});
EM_JS(void, unknot_js_awake, (int on), { Module.unknotKeepAwake(on !== 0); });
EM_JS(int, unknot_js_vibrate, (const int* pattern, int count), {
    if (typeof navigator.vibrate !== "function") return 0;
    var p = [];
    for (var i = 0; i < count; ++i) p.push(HEAP32[(pattern >> 2) + i]);
    window.unknot.vibrations.push(p);
    return navigator.vibrate(p) ? 1 : 0;
});
EM_JS(int, unknot_js_can_vibrate, (), { return typeof navigator.vibrate === "function" ? 1 : 0; });
EM_JS(int, unknot_js_mobile, (), {
    return (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) ? 1 : 0;
});
EM_JS(int, unknot_js_has_voice, (const char* lang), { return Module.unknotHasVoice(UTF8ToString(lang)) ? 1 : 0; });
EM_JS(void, unknot_js_speak, (const char* text, const char* lang, int delayMs, double rate, double volume), {
    Module.unknotSpeak(UTF8ToString(text), UTF8ToString(lang), delayMs, rate, volume);
});
EM_JS(void, unknot_js_stop_speaking, (), { Module.unknotStopSpeaking(); });
EM_JS(void, unknot_js_first_frame, (), { Module.unknotFirstFrame(); });
EM_JS(void, unknot_js_frame, (), { window.unknot.frames++; });
EM_JS(void, unknot_js_wake_after, (int ms), { setTimeout(function() { Module._unknot_web_wake(); }, ms); });
// One timer for the reminder, at most 10 minutes ahead (then looked at again:
// setTimeout cannot wait weeks, and the clock may be set meanwhile).
EM_JS(void, unknot_js_reminder_at, (double atMs), {
    clearTimeout(Module.unknotReminderTimer);
    window.unknot.reminderAt = atMs >= 0 ? atMs : null;
    if (atMs < 0) return;
    var wait = Math.max(0, Math.min(atMs - Date.now() + 1, 600000));
    Module.unknotReminderTimer = setTimeout(function() { Module._unknot_web_reminder(); }, wait);
});
EM_JS(void, unknot_js_download, (const char* path), {
    var p = UTF8ToString(path);
    var name = p.split("/").pop();
    var type = name.endsWith(".json") ? "application/json" : name.endsWith(".wav") ? "audio/wav" : "text/csv";
    var data = FS.readFile(p);
    var url = URL.createObjectURL(new Blob([data], {type: type}));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
    window.unknot.downloads.push(name);
    // What tests read back: the size, and the header of a .wav.
    window.unknot.lastDownload = {name: name, type: type, size: data.length, head: Array.from(data.subarray(0, 44))};
});
// The voice's data: a plain ustar archive (cmake/web/app), unpacked here
// into the page's memory. State: 0 not fetched, 1 fetching, 2 here, 3 failed.
EM_JS(void, unknot_js_fetch_voice, (const char* folder), {
    var root = UTF8ToString(folder);
    Module.unknotVoice = 1;
    var text = function(b, at, n) {
        var end = at;
        while (end < at + n && b[end] !== 0) end++;
        return new TextDecoder().decode(b.subarray(at, end));
    };
    fetch("voice/espeak-ng-data.tar").then(function(r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.arrayBuffer();
    }).then(function(buffer) {
        var b = new Uint8Array(buffer), files = 0;
        for (var at = 0; at + 512 <= b.length;) {
            var name = text(b, at, 100);
            if (!name) break;
            var prefix = text(b, at + 345, 155);
            if (prefix) name = prefix + "/" + name;
            var size = parseInt(text(b, at + 124, 12), 8) || 0;
            var type = b[at + 156];
            if (at + 512 + size > b.length) throw new Error("the voice's archive is cut short");
            if ((type === 48 || type === 0) && name.indexOf("..") < 0) {
                var path = root + "/" + name;
                FS.mkdirTree(path.substring(0, path.lastIndexOf("/")));
                FS.writeFile(path, b.subarray(at + 512, at + 512 + size));
                files++;
            }
            at += 512 + Math.ceil(size / 512) * 512;
        }
        if (files === 0) throw new Error("the voice's archive is empty");
        Module.unknotVoice = 2;
    }).catch(function(e) {
        console.warn("unknot: the voice could not be fetched: " + e);
        Module.unknotVoice = 3;
    }).finally(function() { Module._unknot_web_wake(); });
});
EM_JS(int, unknot_js_voice_state, (), { return Module.unknotVoice || 0; });
EM_JS(void, unknot_js_forget_voice, (), { Module.unknotVoice = 0; });
// clang-format on

namespace unknot::platform::web {

void startJournalSync() { unknot_js_sync(); }
void announce(const std::string& text) { unknot_js_announce(text.c_str()); }
void setDocumentTitle(const std::string& title) { unknot_js_title(title.c_str()); }
void publishState(const std::string& json) { unknot_js_state(json.c_str()); }
void keepAwake(bool on) { unknot_js_awake(on ? 1 : 0); }
bool vibrate(const int* pattern, int count) { return unknot_js_vibrate(pattern, count) != 0; }
bool canVibrate() { return unknot_js_can_vibrate() != 0; }
bool isMobile() { return unknot_js_mobile() != 0; }
bool hasVoice(const std::string& lang) { return unknot_js_has_voice(lang.c_str()) != 0; }
void speak(const std::string& text, const std::string& lang, int delayMs, double rate, double volume) {
    unknot_js_speak(text.c_str(), lang.c_str(), delayMs, rate, volume);
}
void stopSpeaking() { unknot_js_stop_speaking(); }
void firstFrameDrawn() { unknot_js_first_frame(); }
void frameDrawn() { unknot_js_frame(); }
void wakeAfter(int ms) { unknot_js_wake_after(ms); }
void reminderAt(std::int64_t atMs) { unknot_js_reminder_at(static_cast<double>(atMs)); }
void offerDownload(const std::string& path) { unknot_js_download(path.c_str()); }
VoiceData voiceData() { return static_cast<VoiceData>(unknot_js_voice_state()); }
void fetchVoiceData(const std::string& folder) { unknot_js_fetch_voice(folder.c_str()); }
void forgetVoiceData() { unknot_js_forget_voice(); }

}  // namespace unknot::platform::web
