// The daily reminder in a browser: the Notifications API, with the person's
// permission, asked on the tap that turns the reminder on (browsers allow the
// question only in answer to one). Shown through the site's service worker
// where it runs (Android's Chrome has no `new Notification`; a tap on it
// brings the page forward, sw.js), else as a page notification. Only while
// the page is open: a page that is closed runs nothing.
//
// The App says when (App::reminderAtWallMs); the web runner keeps a timer for
// it (web_runner.cpp, armReminder), since a hidden tab draws no frames.
#include "web_shell.hpp"

#include <emscripten.h>

#include <array>

// clang-format off
EM_JS(int, unknot_js_notify_permission, (), {
    if (typeof Notification === "undefined") return 0;
    return Notification.permission === "granted" ? 2 : Notification.permission === "denied" ? 3 : 1;
});
EM_JS(void, unknot_js_notify_ask, (), {
    if (typeof Notification === "undefined") return;
    Notification.requestPermission().then(function() { Module._unknot_web_wake(); }, function() {});
});
EM_JS(void, unknot_js_notify_show, (const char* title, const char* body), {
    var t = UTF8ToString(title);
    var options = {body: UTF8ToString(body), icon: "icons/icon-192.png", tag: "unknot-reminder", lang: document.documentElement.lang || ""};
    Module.unknotNotifyError = "";
    function failed(e) { Module.unknotNotifyError = String((e && e.message) || e); Module._unknot_web_wake(); }
    function inPage() { try { new Notification(t, options); } catch (e) { failed(e); } }
    window.unknot.notifications.push({title: t, body: options.body});
    if (navigator.serviceWorker && navigator.serviceWorker.getRegistration)
        navigator.serviceWorker.getRegistration().then(function(r) {
            if (r && r.active) return r.showNotification(t, options);
            inPage();
        }).catch(failed);
    else
        inPage();
});
EM_JS(int, unknot_js_notify_error, (char* out, int cap), {
    var s = Module.unknotNotifyError || "";
    stringToUTF8(s, out, cap);
    return s.length;
});
// clang-format on

namespace unknot::platform {

namespace {
class WebNotifier final : public Notifier {
public:
    NotifyPermission permission() const override {
        switch (unknot_js_notify_permission()) {
        case 1: return NotifyPermission::NotAsked;
        case 2: return NotifyPermission::Granted;
        case 3: return NotifyPermission::Denied;
        default: return NotifyPermission::Unsupported;
        }
    }
    void requestPermission() override { unknot_js_notify_ask(); }
    void show(const std::string& title, const std::string& body) override {
        if (permission() == NotifyPermission::Granted) unknot_js_notify_show(title.c_str(), body.c_str());
    }
    std::string lastError() const override {
        std::array<char, 512> buf{};
        if (unknot_js_notify_error(buf.data(), static_cast<int>(buf.size())) == 0) return {};
        return buf.data();
    }
};
}  // namespace

Notifier& webNotifier() {
    static WebNotifier notifier;
    return notifier;
}

}  // namespace unknot::platform
