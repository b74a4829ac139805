// Session: one routine run on a Player and recorded in the journal, outside
// any UI. It owns the cue look-ahead (each segment's sound put into the audio
// stream at its exact start, and played once), the haptics, keep-awake, the
// stop question and the record. Time is always passed in: `nowMs` is the app's
// monotonic clock, `wallMs` Unix ms (UTC) for the journal; nothing here reads
// a clock, so tests move time by hand.
//
// [SECTION] Wiring
// [SECTION] Session
#pragma once

#include "unknot/model.hpp"
#include "unknot/player.hpp"
#include "unknot/result.hpp"
#include "unknot/session/services.hpp"
#include "unknot/session/speech_plan.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace unknot {

class Journal;

//-----------------------------------------------------------------------------
// [SECTION] Wiring
//-----------------------------------------------------------------------------
// What a session is connected to; kept from one session to the next.
struct SessionWiring {
    Journal* journal = nullptr;  // where the record goes; null: not recorded
    Services services;           // null members mean "none"
    bool sound = true;           // Settings' sound and haptics switches
    bool haptics = false;
    // Settings' voice switches: one for guided routines (self-massage,
    // stretching, ...), one for breathing-only ones, whose tones suffice.
    bool voiceGuided = false;
    bool voiceBreathing = false;
    std::string lang = "en";  // the language the voice speaks
    bool voiceFor(Kind k) const { return k == Kind::Breathing ? voiceBreathing : voiceGuided; }
};

// How far ahead a cue is put into the audio stream: more than one frame (so
// the frame before a segment starts always sees it), little enough that a
// pause in between is rare; a pause cancels it anyway (stopAll).
inline constexpr std::int64_t kSoundLookAheadMs = 50;

// The sound of a segment: rising for inhale, falling for exhale, a tick for a
// hold, a chime for a new step, another for switching sides.
CueSound cueSoundFor(const Segment& s);
// The buzz of a segment, if it has one.
std::optional<HapticPattern> hapticFor(const Segment& s);

//-----------------------------------------------------------------------------
// [SECTION] Session
//-----------------------------------------------------------------------------
class Session {
public:
    Session() = default;
    explicit Session(SessionWiring wiring) : wiring_(std::move(wiring)) {}

    // Where the record goes and which devices cue; kept by start() and end().
    void connect(Journal* journal, Services services) {
        wiring_.journal = journal;
        wiring_.services = services;
    }
    // The sound and haptics switches (Settings, applied live). Turning sound
    // off also cancels a sound put ahead.
    void setCues(bool sound, bool haptics);
    // The voice switches and the language (Settings, applied live). Turning
    // the running routine's voice off silences it at once; on, it speaks from
    // there; a new language applies from the next start.
    void setVoice(bool guided, bool breathing, std::string lang);
    bool voiceOn() const { return voiceOn_; }
    const SessionWiring& wiring() const { return wiring_; }

    // Lifetime. start() ends any session before (silencing it) and starts the
    // routine's compiled timeline at `nowMs`; end() silences the session, saves
    // a note typed but not yet saved, and forgets the session.
    void start(const Library& lib, const Routine& r, std::int64_t nowMs, std::int64_t wallMs);
    void end();
    bool running() const { return player && player->state() != PlayerState::Finished; }

    // Once per frame, before drawing: moves the player to `nowMs`, plays the
    // cues it hands over, puts the next one ahead, records a session that just
    // finished. True when the player's state changed (the UI redraws).
    bool advance(std::int64_t nowMs, std::int64_t wallMs);
    void handleCues(const std::vector<CueEvent>& events);
    void scheduleAhead(std::int64_t nowMs);
    // A control was used: the sound put ahead is wrong now (cues and speech).
    void cancelAhead();
    // Speech: hands the speech service each utterance of the plan a little
    // ahead of its time (like the cues), only while the session runs or waits
    // for a tap, never while paused or in the stop question.
    void scheduleSpeech(std::int64_t nowMs);
    const std::vector<Utterance>& speechPlan() const { return speechPlan_; }

    // The controls, each cancelling the sound put ahead where it is wrong now.
    void pause(std::int64_t nowMs);
    void resume(std::int64_t nowMs);
    void skip(std::int64_t nowMs);
    void back(std::int64_t nowMs);
    void continueAfterTap(std::int64_t nowMs);

    // The stop question. askStop pauses a running session (time spent deciding
    // is not practice); cancelStop ("Keep going") resumes it only if the
    // question paused it; confirmStop stops. backInSession is Back (the
    // device's key or the on-screen one) during a session: it asks, or, while
    // asking, keeps going.
    void askStop(std::int64_t nowMs);
    void cancelStop(std::int64_t nowMs);
    void confirmStop(std::int64_t nowMs);
    void backInSession(std::int64_t nowMs);

    // The app went to the background: a running session pauses. True if it did.
    bool suspend(std::int64_t nowMs);

    // Keep-awake: on only while a session runs (or waits for a tap) on the
    // player screen. Sent to the device only when it changes.
    bool wantsKeepAwake(bool playerScreenShown) const;
    void updateKeepAwake(bool playerScreenShown);

    // The record: written once, the moment the player finishes or is stopped,
    // before the end screen shows (the journal commits synchronously). The
    // pain after and the note update it.
    void record(std::int64_t nowMs, std::int64_t wallMs);
    Result<void> setPainBefore(std::optional<int> pain);
    Result<void> setPainAfter(std::optional<int> pain);
    void editNote(std::string text);  // typed, not saved yet
    void saveNote();                  // saved if recorded and changed

    // The run's state. The screens of engine/ui still read (and some write)
    // these directly; new code goes through the methods above.
    std::unique_ptr<Player> player;
    const Routine* routine = nullptr;
    bool confirmingStop = false;
    bool pausedForConfirm = false;  // resume on "Keep going" only if we paused
    bool finishCued = false;
    PlayerState lastState = PlayerState::Ready;
    std::optional<int> painBefore;
    std::string area;              // the area list the routine was chosen from
    std::int64_t startedWall = 0;  // Unix ms
    bool recorded = false;
    std::string uid;
    std::optional<int> painAfter;
    std::string note;
    bool noteSaved = true;
    // Sound scheduled ahead of its segment (the index), so the cue event of
    // that segment does not play it again.
    std::optional<std::size_t> soundAhead;

private:
    void clearRun();
    void planVoice();
    void cancelCues();
    void cancelSpeech();
    void sayFinal();
    void finished(std::int64_t nowMs, std::int64_t wallMs);
    SessionWiring wiring_;
    std::optional<bool> awake_;  // the last keep-awake value sent to the device
    bool voiceOn_ = false;       // the voice speaks in this run (by the routine's kind)
    std::vector<Utterance> speechPlan_;
    std::size_t nextUtterance_ = 0;  // the first not yet handed to the speech service
    bool speechRewind_ = false;      // cancelled: find nextUtterance_ again from the position
};

}  // namespace unknot
