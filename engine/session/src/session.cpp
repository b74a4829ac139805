// Session: one routine run and recorded, with cue look-ahead, haptics,
// keep-awake and the stop question. No UI and no clock here.
//
// [SECTION] Cues of a segment
// [SECTION] Lifetime
// [SECTION] The frame: advance, cues, look-ahead
// [SECTION] Controls and the stop question
// [SECTION] Keep-awake
// [SECTION] The record
#include "unknot/session/session.hpp"

#include "unknot/journal.hpp"

#include <algorithm>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Cues of a segment
//-----------------------------------------------------------------------------
CueSound cueSoundFor(const Segment& s) {
    switch (s.kind) {
    case SegmentKind::Breath:
        if (s.phase == BreathPhase::Inhale) return CueSound::Inhale;
        if (s.phase == BreathPhase::Exhale) return CueSound::Exhale;
        return CueSound::HoldTick;
    case SegmentKind::Switch: return CueSound::SwitchSides;
    case SegmentKind::Timed:
    case SegmentKind::Wait: break;
    }
    return CueSound::Chime;
}

std::optional<HapticPattern> hapticFor(const Segment& s) {
    if (s.kind == SegmentKind::Breath && s.phase == BreathPhase::Inhale) return HapticPattern::One;
    if (s.kind == SegmentKind::Breath && s.phase == BreathPhase::Exhale) return HapticPattern::Two;
    if (s.kind == SegmentKind::Switch) return HapticPattern::Long;
    return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] Lifetime
//-----------------------------------------------------------------------------
void Session::setCues(bool sound, bool haptics) {
    wiring_.sound = sound;
    wiring_.haptics = haptics;
    if (Audio* audio = wiring_.services.audio) {
        audio->setMuted(!sound);
        if (!sound) cancelCues();
    }
}

// The run's state goes; the wiring and the last keep-awake value sent stay.
void Session::clearRun() {
    Session fresh(wiring_);
    fresh.awake_ = awake_;
    *this = std::move(fresh);
}

void Session::start(const Library& lib, const Routine& r, std::int64_t nowMs, std::int64_t wallMs) {
    if (Audio* audio = wiring_.services.audio) audio->stopAll();
    clearRun();
    routine = &r;
    startedWall = wallMs;
    player = std::make_unique<Player>(compileTimeline(lib, r));
    player->start(nowMs);
    lastState = player->state();
    voiceOn_ = wiring_.voiceFor(r.kind);
    planVoice();
}

void Session::end() {
    if (player) cancelAhead();
    // A note typed but not yet saved (the end screen left by Back) is kept.
    saveNote();
    clearRun();
}

//-----------------------------------------------------------------------------
// [SECTION] The frame
//-----------------------------------------------------------------------------
bool Session::advance(std::int64_t nowMs, std::int64_t wallMs) {
    if (!player) return false;
    Player& p = *player;
    // update() advances only while running, but it also hands over the cue of
    // a segment entered by a tap (skip or back while paused, Continue): that
    // one sounds at once, as feedback, not later on resume.
    if (p.state() != PlayerState::Ready) handleCues(p.update(nowMs));
    // A paused or stopped session is silent: what still sounds, and what was
    // put ahead into the stream, stops.
    const bool silenced = p.state() == PlayerState::Paused || (p.state() == PlayerState::Finished && p.finishedEarly());
    if (silenced && p.state() != lastState) cancelAhead();
    if (p.state() == PlayerState::Finished && !finishCued) finished(nowMs, wallMs);
    scheduleAhead(nowMs);
    scheduleSpeech(nowMs);
    if (p.state() == lastState) return false;
    lastState = p.state();
    return true;
}

void Session::finished(std::int64_t nowMs, std::int64_t wallMs) {
    finishCued = true;
    confirmingStop = false;
    // Only a session that ran to its end gets the closing sound.
    if (!player->finishedEarly() && wiring_.sound && wiring_.services.audio)
        wiring_.services.audio->play(CueSound::Finish, 0);
    if (!player->finishedEarly()) sayFinal();
    record(nowMs, wallMs);
}

void Session::handleCues(const std::vector<CueEvent>& events) {
    if (!player) return;
    const auto& segs = player->timeline().segments;
    for (const CueEvent& ev : events) {
        if (ev.segment >= segs.size()) continue;
        const Segment& s = segs[ev.segment];
        if (s.cue == Cue::None) continue;  // the author asked for silence here
        // A sound scheduled ahead already sits in the audio stream at the
        // segment's exact start; otherwise (a tap, a skip, the first segment)
        // it plays now, as feedback.
        const bool ahead = soundAhead && *soundAhead == ev.segment;
        if (ahead) soundAhead.reset();
        if (!ahead && wiring_.sound && wiring_.services.audio) wiring_.services.audio->play(cueSoundFor(s), 0);
        const std::optional<HapticPattern> buzz = hapticFor(s);
        if (buzz && wiring_.haptics && wiring_.services.haptics) wiring_.services.haptics->play(*buzz);
    }
}

// Puts the next segment's sound into the audio stream at the segment's exact
// start, so it sounds on time whatever the frame timing: the player's event
// for it arrives up to a frame late.
void Session::scheduleAhead(std::int64_t nowMs) {
    if (!player || !wiring_.sound || !wiring_.services.audio) return;
    const Player& p = *player;
    if (p.state() != PlayerState::Running) return;
    const std::size_t next = p.currentIndex() + 1;
    const auto& segs = p.timeline().segments;
    if (next >= segs.size() || (soundAhead && *soundAhead == next)) return;
    const Segment* cur = p.current();
    // A wait ends on a tap, not at a time: nothing to schedule after it.
    if (!cur || cur->kind == SegmentKind::Wait) return;
    const std::int64_t left = p.segmentLeftMs(nowMs);
    if (left > kSoundLookAheadMs) return;
    const Segment& s = segs[next];
    soundAhead = next;
    if (s.cue == Cue::None) return;
    wiring_.services.audio->play(cueSoundFor(s), static_cast<int>(std::max<std::int64_t>(0, left)));
}

void Session::cancelAhead() {
    cancelCues();
    cancelSpeech();
}

void Session::cancelCues() {
    if (wiring_.services.audio) wiring_.services.audio->stopAll();
    soundAhead.reset();
}

//-----------------------------------------------------------------------------
// [SECTION] Controls and the stop question
//-----------------------------------------------------------------------------
void Session::pause(std::int64_t nowMs) {
    if (!player) return;
    player->pause(nowMs);
    cancelAhead();
}

void Session::resume(std::int64_t nowMs) {
    if (player) player->resume(nowMs);
}

void Session::skip(std::int64_t nowMs) {
    if (!player) return;
    player->skip(nowMs);
    cancelAhead();
}

void Session::back(std::int64_t nowMs) {
    if (!player) return;
    player->back(nowMs);
    cancelAhead();
}

void Session::continueAfterTap(std::int64_t nowMs) {
    if (!player) return;
    player->continueAfterTap(nowMs);
    cancelAhead();
}

void Session::askStop(std::int64_t nowMs) {
    // Asked already: asking again must not forget that the question paused
    // the session (then "Keep going" would leave it paused).
    if (!player || confirmingStop) return;
    confirmingStop = true;
    cancelSpeech();  // also at a tap step, which the question does not pause
    pausedForConfirm = false;
    if (player->state() == PlayerState::Running) {
        player->pause(nowMs);
        pausedForConfirm = true;
    }
}

void Session::cancelStop(std::int64_t nowMs) {
    confirmingStop = false;
    if (pausedForConfirm && player && player->state() == PlayerState::Paused) player->resume(nowMs);
    pausedForConfirm = false;
}

void Session::confirmStop(std::int64_t nowMs) {
    confirmingStop = false;
    pausedForConfirm = false;
    if (!player) return;
    player->stop(nowMs);
    cancelAhead();
}

void Session::backInSession(std::int64_t nowMs) {
    if (confirmingStop)
        cancelStop(nowMs);
    else
        askStop(nowMs);
}

bool Session::suspend(std::int64_t nowMs) {
    if (!player || player->state() != PlayerState::Running) return false;
    player->pause(nowMs);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Keep-awake
//-----------------------------------------------------------------------------
bool Session::wantsKeepAwake(bool playerScreenShown) const {
    if (!playerScreenShown || !player) return false;
    const PlayerState s = player->state();
    return s == PlayerState::Running || s == PlayerState::WaitingForTap;
}

void Session::updateKeepAwake(bool playerScreenShown) {
    const bool want = wantsKeepAwake(playerScreenShown);
    // Sent only on change: the device call may be costly.
    if (wiring_.services.lifecycle && (!awake_ || *awake_ != want)) wiring_.services.lifecycle->setKeepAwake(want);
    awake_ = want;
}

//-----------------------------------------------------------------------------
// [SECTION] The record
//-----------------------------------------------------------------------------
namespace {
// Practice is counted in whole seconds, rounded up: a started second counts.
std::int64_t practisedSeconds(std::int64_t ms) { return ms <= 0 ? 0 : (ms + 999) / 1000; }

Result<void> checkPain(std::optional<int> pain) {
    if (pain && (*pain < kPainMin || *pain > kPainMax))
        return fail("pain " + std::to_string(*pain) + " is outside " + std::to_string(kPainMin) + ".." +
                    std::to_string(kPainMax));
    return {};
}
}  // namespace

void Session::record(std::int64_t nowMs, std::int64_t wallMs) {
    if (!player || recorded || !wiring_.journal) return;
    const Player& p = *player;
    SessionRecord rec;
    rec.routineId = p.timeline().routineId;
    rec.startedAt = startedWall;
    rec.endedAt = std::max(rec.startedAt, wallMs);
    rec.practisedSeconds = practisedSeconds(p.elapsedRunningMs(nowMs));
    rec.finished = !p.finishedEarly();
    if (p.finishedEarly()) {
        if (const Segment* seg = p.current()) rec.stoppedAtStep = seg->step > 0 ? seg->step - 1 : 0;
    }
    rec.painBefore = painBefore;
    rec.area = area;
    (void)wiring_.journal->addSession(rec);  // Pending: kept in memory, retried, never dropped
    recorded = true;
    uid = rec.uid;
}

Result<void> Session::setPainBefore(std::optional<int> pain) {
    Result<void> ok = checkPain(pain);
    if (ok) painBefore = pain;
    return ok;
}

Result<void> Session::setPainAfter(std::optional<int> pain) {
    Result<void> ok = checkPain(pain);
    if (!ok) return ok;
    painAfter = pain;
    if (recorded && wiring_.journal) (void)wiring_.journal->setPainAfter(uid, painAfter);
    return ok;
}

void Session::editNote(std::string text) {
    note = std::move(text);
    noteSaved = false;
}

void Session::saveNote() {
    if (!recorded || noteSaved || !wiring_.journal) return;
    (void)wiring_.journal->setNote(uid, note);
    noteSaved = true;
}

}  // namespace unknot
