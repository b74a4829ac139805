// Services: the small contracts between a session and the device. The
// Session (engine/session) uses them, so this layer owns them; each runner
// implements them (the SDL shell in platform/src/sdl_services.cpp), and the
// null ones below serve tests and headless runs. No SDL here: nothing in
// engine/ includes platform/.
//
// [SECTION] Audio
// [SECTION] Speech
// [SECTION] Haptics
// [SECTION] Lifecycle (keep awake)
// [SECTION] Clock (the wall clock, for dates)
// [SECTION] Routine audio (the card's "Save as audio")
// [SECTION] Services bundle and null implementations
#pragma once

#include "unknot/model.hpp"
#include "unknot/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Audio
//-----------------------------------------------------------------------------
enum class CueSound { Chime, Inhale, Exhale, HoldTick, SwitchSides, Finish };

class Audio {
public:
    virtual ~Audio() = default;
    virtual bool available() const = 0;
    // Plays `sound` so that its first sample is heard `delayMs` after the
    // instant of this call (0: at once). The app looks ahead: it asks for a
    // segment's cue a few frames early, with the delay to the segment's start.
    virtual void play(CueSound sound, int delayMs = 0) = 0;
    virtual void setVolume(float volume01) = 0;
    // Cancels cues not yet started and fades the sounding ones out in a few
    // milliseconds (pause, skip, back, stop).
    virtual void stopAll() = 0;
    // Mute keeps the volume: unmuting brings the same level back. While muted,
    // cues are dropped (not scheduled at zero gain), so the device sleeps; muting
    // also fades out what sounds. Not pure, so that test doubles written before
    // mute existed still compile (they just ignore it).
    virtual void setMuted(bool /*muted*/) {}
    virtual bool muted() const { return false; }
    // Why there is no sound, in English, for a details line under the UI's own
    // (translated) "No sound device"; empty while sound works or before the
    // device was tried. The UI decides from available(), not from this text.
    virtual std::string status() const { return available() ? std::string() : "no sound device"; }
};

//-----------------------------------------------------------------------------
// [SECTION] Speech
//-----------------------------------------------------------------------------
// A voice that speaks a line of text on the session clock. What is spoken and
// when is the session's business (speech_plan.hpp); an implementation only
// synthesises and places. On the desktop it is espeak-ng mixed into the app's
// own audio stream (platform/src/speech_sdl.cpp), so speech keeps time like
// the cues and stops with them. The web build's seam is this class too: an
// implementation over the browser's speechSynthesis passes `lang` to pick a
// voice and reports available() false where the device has none.
class Speech {
public:
    virtual ~Speech() = default;
    // False without a voice for `lang` (Settings says so; the tones still work).
    virtual bool available(const std::string& lang) const = 0;
    // Speaks `text` in `lang` so that it starts `delayMs` after this call.
    virtual void say(const std::string& text, const std::string& lang, int delayMs) = 0;
    // Silences what is being said and drops what is not yet started.
    virtual void stopAll() = 0;
    // How long `text` lasts when spoken, in ms: the synthesiser's own timing
    // where it has one. The session plans around it (speech never covers a cue).
    virtual std::int64_t durationMs(const std::string& text, const std::string& lang) const = 0;
    // Speaking rate in words per minute, and the voice's own volume (apart
    // from the tones').
    virtual void setRate(int wordsPerMinute) = 0;
    virtual void setVolume(float volume01) = 0;
};

// A rough speaking rate for implementations that cannot measure: 15 characters
// a second at 175 words a minute (espeak-ng's default rate), scaled.
inline std::int64_t estimateSpeechMs(const std::string& text, int wordsPerMinute) {
    const int wpm = wordsPerMinute > 0 ? wordsPerMinute : 175;
    return static_cast<std::int64_t>(text.size()) * 1000 * 175 / (15 * static_cast<std::int64_t>(wpm));
}

//-----------------------------------------------------------------------------
// [SECTION] Haptics
//-----------------------------------------------------------------------------
enum class HapticPattern { One, Two, Long };

class Haptics {
public:
    virtual ~Haptics() = default;
    virtual bool available() const = 0;
    virtual void play(HapticPattern pattern) = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Lifecycle
//-----------------------------------------------------------------------------
class Lifecycle {
public:
    virtual ~Lifecycle() = default;
    // Keeps the screen on (only while a session runs).
    virtual void setKeepAwake(bool on) = 0;
    virtual bool keepAwake() const = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Clock
//-----------------------------------------------------------------------------
// The wall clock: when a session started and ended, which day it is, where a
// day begins in local time. It is not the session clock: that one is the
// monotonic `nowMs` the runner passes to every call, and the player follows
// it alone. Keeping the wall clock behind a contract is what lets tests move
// the date (midnight, daylight-saving changes, a week of streaks) as a number.
class Clock {
public:
    virtual ~Clock() = default;
    // Now, in Unix milliseconds (UTC).
    virtual std::int64_t wallMs() const = 0;
    // Local time = UTC + this many minutes at the instant `wallMs` (daylight
    // saving moves it, so it is asked per instant, not once).
    virtual int utcOffsetMinutes(std::int64_t wallMs) const = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Routine audio (the card's "Save as audio")
//-----------------------------------------------------------------------------
// A whole guided session as one audio file, for the screen off or a phone in
// a pocket. The card uses it, so it lives here. Both runners render through
// the app's own mixer (engine/audio), the same path as `unknot render`: the
// desktop writes .opus into the data folder
// (platform/include/unknot/platform/routine_audio.hpp); the web writes .wav
// and hands it to the browser's downloads (platform/web/web_routine_audio.cpp).
// A runner without one (tests) gets no "Save as audio" on the card.
struct AudioSaveOptions {
    std::string lang = "en";
    bool voice = true;  // the person's voice setting for this kind of routine
    int wordsPerMinute = 165;
    float volume = 0.8f;        // the cues
    float speechVolume = 1.0f;  // the voice
};

// Where the file went, for the card to tell the person.
struct SavedAudioFile {
    std::string where;        // a path on this device, or the downloaded file's name
    bool downloaded = false;  // handed to the browser's downloads (the web)
    bool voiced = true;       // false: asked with the voice, but no voice here: tones only
};

class RoutineAudio {
public:
    virtual ~RoutineAudio() = default;
    // Writes the file (blocking: a second or two for a long routine) and
    // says where it went; or says why it could not.
    virtual Result<SavedAudioFile> save(const Library& lib, const Routine& routine, const AudioSaveOptions& o) = 0;
    // False while what `o` needs is still on its way (the web fetches the
    // voice's data the first time): the card then says it is getting the
    // voice ready and asks again when the runner wakes it. Never blocks.
    virtual bool ready(const AudioSaveOptions& o) {
        (void)o;
        return true;
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Notifier (the daily reminder)
//-----------------------------------------------------------------------------
// A notification outside the window: the desktop's notification service
// (D-Bus), or the browser's Notifications API. The App decides what is due
// and when (unknot/session/reminder.hpp) and calls show() at that instant
// (the runner wakes it: App::reminderAtWallMs, App::tick); the notifier only
// carries the words out. It exists only while Unknot runs: nothing is sent
// when it is closed.
enum class NotifyPermission {
    Unsupported,  // no notification service here (no session bus, an old browser)
    NotAsked,     // the browser has not asked the person yet
    Granted,
    Denied,  // the person said no (the browser's own settings can change it)
};

class Notifier {
public:
    virtual ~Notifier() = default;
    virtual NotifyPermission permission() const = 0;
    // Asks the person (the browser's own question); nothing on the desktop.
    // Called from a tap, which browsers require.
    virtual void requestPermission() = 0;
    // Shows it now, without waiting for the service's answer.
    virtual void show(const std::string& title, const std::string& body) = 0;
    // Why the last one could not be shown ("" when it was, or none was sent).
    virtual std::string lastError() const { return {}; }
};

//-----------------------------------------------------------------------------
// [SECTION] Services bundle and null implementations
//-----------------------------------------------------------------------------
class NullAudio final : public Audio {
public:
    bool available() const override { return false; }
    void play(CueSound, int) override { ++played; }
    void setVolume(float volume01) override { volume = volume01; }
    void stopAll() override { ++stops; }
    void setMuted(bool m) override { muted_ = m; }
    bool muted() const override { return muted_; }
    std::string status() const override { return "no sound (null audio)"; }
    // What was asked for (tests read them): cues, stopAll() calls, last volume.
    int played = 0;
    int stops = 0;
    float volume = 0.8f;

private:
    bool muted_ = false;
};
// Shows nothing; records what it was asked to show, so a test sees the
// reminders the App sent and their words.
class NullNotifier final : public Notifier {
public:
    NotifyPermission permission() const override { return allowed; }
    void requestPermission() override {
        ++asked;
        if (allowed == NotifyPermission::NotAsked) allowed = answer;
    }
    void show(const std::string& title, const std::string& body) override { shown.push_back({title, body}); }
    std::string lastError() const override { return error; }
    struct Shown {
        std::string title, body;
    };
    NotifyPermission allowed = NotifyPermission::Granted;
    NotifyPermission answer = NotifyPermission::Granted;  // what requestPermission() makes of NotAsked
    std::vector<Shown> shown;
    int asked = 0;
    std::string error;
};
class NullHaptics final : public Haptics {
public:
    bool available() const override { return false; }
    void play(HapticPattern) override { ++played; }
    int played = 0;
};
class NullLifecycle final : public Lifecycle {
public:
    void setKeepAwake(bool on) override { awake_ = on; }
    bool keepAwake() const override { return awake_; }

private:
    bool awake_ = false;
};

// A clock the test moves: `ms` is now, `offsetMinutes` the local offset.
class ManualClock final : public Clock {
public:
    explicit ManualClock(std::int64_t startMs = 0, int offset = 0) : ms(startMs), offsetMinutes(offset) {}
    std::int64_t wallMs() const override { return ms; }
    int utcOffsetMinutes(std::int64_t) const override { return offsetMinutes; }
    std::int64_t ms;
    int offsetMinutes;
};

// Speaks nothing and records what it was asked: every say() with its delay,
// every stopAll(). Durations are the estimate above.
class NullSpeech final : public Speech {
public:
    struct Said {
        std::string text, lang;
        int delayMs = 0;
    };
    bool available(const std::string&) const override { return false; }
    void say(const std::string& text, const std::string& lang, int delayMs) override {
        said.push_back({text, lang, delayMs});
    }
    void stopAll() override { ++stops; }
    std::int64_t durationMs(const std::string& text, const std::string&) const override {
        return estimateSpeechMs(text, rate);
    }
    void setRate(int wordsPerMinute) override { rate = wordsPerMinute; }
    void setVolume(float volume01) override { volume = volume01; }
    std::vector<Said> said;
    int stops = 0;
    int rate = 175;
    float volume = 1.0f;
};

// Writes nothing: records each request and answers with `failWith` (when
// set) or a made-up path, so a test sees what the card asked for.
class NullRoutineAudio final : public RoutineAudio {
public:
    bool ready(const AudioSaveOptions&) override { return readyAfter-- <= 0; }
    Result<SavedAudioFile> save(const Library&, const Routine& routine, const AudioSaveOptions& o) override {
        asked.push_back({routine.id, o});
        if (!failWith.empty()) return fail(failWith);
        if (downloads) return SavedAudioFile{routine.id + "-" + o.lang + ".wav", true, voiced || !o.voice};
        return SavedAudioFile{"/null/audio/" + routine.id + "-" + o.lang + ".opus", false, voiced || !o.voice};
    }
    struct Asked {
        std::string routine;
        AudioSaveOptions options;
    };
    std::vector<Asked> asked;
    std::string failWith;
    bool downloads = false;  // as the web does: a .wav handed to the browser
    bool voiced = true;      // false: as a build without a voice does
    int readyAfter = 0;      // ready() says false this many times (a voice being fetched)
};

struct Services {
    Audio* audio = nullptr;
    Haptics* haptics = nullptr;
    Lifecycle* lifecycle = nullptr;
    Speech* speech = nullptr;  // fourth: brace-initialisers of the first three still compile
    // Null: a fixed day (2026-11-18, UTC) plus the app clock, so dates in
    // tests and screenshots are deterministic.
    Clock* clock = nullptr;
    RoutineAudio* routineAudio = nullptr;  // null: the card offers no "Save as audio"
    Notifier* notifier = nullptr;          // null: reminders are in the app only
};

}  // namespace unknot
