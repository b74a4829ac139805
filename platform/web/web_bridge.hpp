// The C++ side of the page's JavaScript (platform/web/pre.js): each function
// here is one small call into the page. Kept in one place so the rest of the
// web shell is plain C++.
#pragma once

#include <cstdint>
#include <string>

namespace unknot::platform::web {

// Starts FS.syncfs(false) of the journal's folder; the page calls
// unknot_web_synced(ok) when IndexedDB has it (several in a row are queued).
void startJournalSync();
// The live region (role=status, aria-live=polite) and document.title.
void announce(const std::string& text);
void setDocumentTitle(const std::string& title);
// The screen's hotspots as JSON, for the page's tests (window.unknot.state).
void publishState(const std::string& json);
// The Screen Wake Lock: taken while a session runs, released otherwise.
void keepAwake(bool on);
// navigator.vibrate with a pattern of ms (on, off, on...); false when absent.
bool vibrate(const int* pattern, int count);
bool canVibrate();
bool isMobile();
// The browser's speechSynthesis (pre.js, "Speech"): whether the device has a
// voice for `lang` ("en", "fr"); `text` spoken in that voice `delayMs` after
// this call (nothing without one), at `rate` (1: the voice's usual speed) and
// `volume` (0 to 1); stopSpeaking drops what is waiting and silences the rest.
bool hasVoice(const std::string& lang);
void speak(const std::string& text, const std::string& lang, int delayMs, double rate, double volume);
void stopSpeaking();
// After the first frame: the page hides its "Loading" text and marks the time.
void firstFrameDrawn();
// One drawn frame counted (window.unknot.frames: the idle test reads it).
void frameDrawn();
// Calls unknot_web_wake() after `ms` (a sound's end, a haptic pulse).
void wakeAfter(int ms);
// Calls unknot_web_reminder() at `atMs` (Unix ms; -1: no reminder).
void reminderAt(std::int64_t atMs);
// Hands a file of the in-browser file system to the user as a download (the
// browser's own "save" flow): how History's Export reaches the phone's files.
void offerDownload(const std::string& path);
// The voice's data for "Save as audio" (voice/espeak-ng-data.tar), fetched
// once, unpacked into `folder`; the page wakes the App when it is done.
enum class VoiceData { NotFetched, Fetching, Here, Failed };
VoiceData voiceData();
void fetchVoiceData(const std::string& folder);
void forgetVoiceData();  // after a failure: the next ask fetches again

}  // namespace unknot::platform::web
