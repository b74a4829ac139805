// Session: the voice. The plan (speech_plan.hpp) says what is spoken and
// when; this file hands each utterance to the speech service a little ahead
// of its time, as scheduleAhead() does for the cues, so it starts on the
// session clock whatever the frame timing.
//
// [SECTION] Switch and plan
// [SECTION] The frame: speech put ahead
#include "unknot/session/session.hpp"

#include <algorithm>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Switch and plan
//-----------------------------------------------------------------------------
void Session::setVoice(bool guided, bool breathing, std::string lang) {
    wiring_.voiceGuided = guided;
    wiring_.voiceBreathing = breathing;
    wiring_.lang = std::move(lang);
    if (!routine) return;
    const bool was = voiceOn_;
    voiceOn_ = wiring_.voiceFor(routine->kind);
    if (was && !voiceOn_) cancelSpeech();
    // Turned on mid-session: speak from here on.
    if (voiceOn_ && !was) {
        planVoice();
        speechRewind_ = true;
    }
}

void Session::planVoice() {
    speechPlan_.clear();
    nextUtterance_ = 0;
    Speech* speech = wiring_.services.speech;
    if (!player || !speech || !voiceOn_) return;
    const std::string lang = wiring_.lang;
    speechPlan_ = planSpeech(player->timeline(), {lang, false},
                             [&](const std::string& text) { return speech->durationMs(text, lang); });
}

void Session::cancelSpeech() {
    if (wiring_.services.speech) wiring_.services.speech->stopAll();
    speechRewind_ = true;
}

// The session ran to its end: what is said after it ("Well done") goes now,
// at its offset from the end (the player stops at the end; no position moves
// past it to reach the look-ahead).
void Session::sayFinal() {
    Speech* speech = wiring_.services.speech;
    if (!speech || !voiceOn_) return;
    const std::size_t end = player->timeline().segments.size();
    for (; nextUtterance_ < speechPlan_.size(); ++nextUtterance_) {
        const Utterance& u = speechPlan_[nextUtterance_];
        if (u.segment >= end) speech->say(u.text, wiring_.lang, static_cast<int>(u.offsetMs));
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The frame
//-----------------------------------------------------------------------------
void Session::scheduleSpeech(std::int64_t nowMs) {
    Speech* speech = wiring_.services.speech;
    if (!player || !speech || !voiceOn_ || confirmingStop) return;
    const Player& p = *player;
    const bool waiting = p.state() == PlayerState::WaitingForTap;
    if (p.state() != PlayerState::Running && !waiting) return;
    const Timeline& t = p.timeline();
    const std::size_t cur = p.currentIndex();
    const std::int64_t pos = p.positionMs(nowMs);
    if (speechRewind_) {
        // After a pause, skip or back: what was handed over but had not yet
        // started was dropped; speak from the position on.
        speechRewind_ = false;
        nextUtterance_ = static_cast<std::size_t>(
            std::find_if(speechPlan_.begin(), speechPlan_.end(),
                         [&](const Utterance& u) {
                             return u.segment > cur || (u.segment == cur && utteranceTimeMs(t, u) >= pos);
                         }) -
            speechPlan_.begin());
    }
    for (; nextUtterance_ < speechPlan_.size(); ++nextUtterance_) {
        const Utterance& u = speechPlan_[nextUtterance_];
        if (u.segment < cur) continue;  // passed (a skip)
        // Nothing after a wait is due before the tap, nor the end before it.
        if ((waiting && u.segment > cur) || u.segment >= t.segments.size()) break;
        // At a wait the position stands still: its words go at once, at
        // their offset from the wait's start (this frame is the first of it).
        const std::int64_t ahead = waiting ? u.offsetMs : utteranceTimeMs(t, u) - pos;
        if (!waiting && ahead > kSoundLookAheadMs) break;
        speech->say(u.text, wiring_.lang, static_cast<int>(std::max<std::int64_t>(0, ahead)));
    }
}

}  // namespace unknot
