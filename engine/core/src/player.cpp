// The player: a timeline run from a clock passed in.
//
// [SECTION] State names
// [SECTION] Position arithmetic
// [SECTION] Controls
// [SECTION] Update: crossing segments, waits and cues
#include "unknot/player.hpp"

#include <algorithm>
#include <cassert>
#include <type_traits>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] State names
//-----------------------------------------------------------------------------
const char* toString(PlayerState s) {
    switch (s) {
    case PlayerState::Ready: return "ready";
    case PlayerState::Running: return "running";
    case PlayerState::Paused: return "paused";
    case PlayerState::WaitingForTap: return "waiting";
    case PlayerState::Finished: return "finished";
    }
    return "?";
}

// Each alternative of the state is one PlayerState (player.hpp).
PlayerState Player::state() const {
    return std::visit(
        [](const auto& st) {
            using S = std::decay_t<decltype(st)>;
            if constexpr (std::is_same_v<S, ReadyS>)
                return PlayerState::Ready;
            else if constexpr (std::is_same_v<S, RunningS>)
                return PlayerState::Running;
            else if constexpr (std::is_same_v<S, PausedS>)
                return PlayerState::Paused;
            else if constexpr (std::is_same_v<S, WaitingS>)
                return PlayerState::WaitingForTap;
            else
                return PlayerState::Finished;
        },
        state_);
}

Player::Player(Timeline timeline) : timeline_(std::move(timeline)) {
    // For each segment, where the clock must stop next: the start of the
    // first wait at or after it, or the end. Computed once, so positionMs()
    // is O(1) per frame whatever the session's length.
    stopAt_.resize(timeline_.segments.size() + 1, timeline_.totalMs);
    for (std::size_t i = timeline_.segments.size(); i-- > 0;)
        stopAt_[i] = timeline_.segments[i].untimed() ? timeline_.segments[i].startMs : stopAt_[i + 1];
}

const Segment* Player::current() const {
    return current_ < timeline_.segments.size() ? &timeline_.segments[current_] : nullptr;
}

const Segment* Player::next() const {
    // The next prompt worth announcing: a new step, a new side, a switch.
    // Breathing phases of the same step are not "next" items.
    const Segment* cur = current();
    for (std::size_t i = current_ + 1; i < timeline_.segments.size(); ++i) {
        const Segment& s = timeline_.segments[i];
        if (!cur || s.step != cur->step || s.kind == SegmentKind::Switch ||
            (s.kind == SegmentKind::Timed && s.side != cur->side))
            return &s;
    }
    return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Position arithmetic
//-----------------------------------------------------------------------------
// While running, the position is `now - origin_`: origin_ is the clock time at
// which the timeline's 0 would have been, shifted once per pause, wait, skip or
// back. Nothing is ever accumulated frame by frame.
std::int64_t Player::positionMs(std::int64_t now) const {
    if (!is(PlayerState::Running)) return frozenPos_;
    std::int64_t pos = now - origin_;
    // Never past the next wait or the end: update() moves the state there.
    return std::clamp<std::int64_t>(pos, 0, stopAt_[std::min(current_, stopAt_.size() - 1)]);
}

double Player::segmentProgress(std::int64_t now) const {
    const Segment* s = current();
    if (!s) return 1.0;
    if (s->untimed() || s->durationMs <= 0) return is(PlayerState::WaitingForTap) ? 1.0 : 0.0;
    double p = double(positionMs(now) - s->startMs) / double(s->durationMs);
    return std::clamp(p, 0.0, 1.0);
}

double Player::overallProgress(std::int64_t now) const {
    if (is(PlayerState::Finished)) return 1.0;
    if (timeline_.totalMs <= 0) return 0.0;
    return std::clamp(double(positionMs(now)) / double(timeline_.totalMs), 0.0, 1.0);
}

std::int64_t Player::segmentLeftMs(std::int64_t now) const {
    const Segment* s = current();
    if (!s || s->untimed()) return 0;
    return std::max<std::int64_t>(0, s->endMs() - positionMs(now));
}

std::int64_t Player::timeLeftMs(std::int64_t now) const {
    if (is(PlayerState::Finished)) return 0;
    return std::max<std::int64_t>(0, timeline_.totalMs - positionMs(now));
}

std::int64_t Player::elapsedRunningMs(std::int64_t now) const {
    // Running time is the span from start to `end`, less the time held:
    // the spells already over (pausedTotal_) and the one going on, if any.
    if (is(PlayerState::Ready)) return 0;
    struct Span {
        std::int64_t end, held;
    };
    Span span = std::visit(
        [&](const auto& st) -> Span {
            using S = std::decay_t<decltype(st)>;
            if constexpr (std::is_same_v<S, ReadyS> || std::is_same_v<S, RunningS>)
                return {now, pausedTotal_};
            else if constexpr (std::is_same_v<S, FinishedS>)
                return {st.at, pausedTotal_};
            else
                return {now, pausedTotal_ + now - st.since};  // paused or waiting
        },
        state_);
    return std::max<std::int64_t>(0, span.end - startedAt_ - span.held);
}

//-----------------------------------------------------------------------------
// [SECTION] Controls
//-----------------------------------------------------------------------------
void Player::enter(std::size_t index, std::int64_t dueMs) {
    current_ = index;
    // A segment entered fires its cue once. Going back lowers cuedThrough_,
    // so segments played again sound again; nothing else can fire twice.
    if (index < timeline_.segments.size() && index >= cuedThrough_) {
        if (timeline_.segments[index].cue == Cue::Chime) pending_.push_back({index, dueMs});
        cuedThrough_ = index + 1;
    }
}

void Player::seek(std::int64_t now, std::size_t index) {
    assert(!is(PlayerState::Ready) && "seek needs a started player");
    if (index >= timeline_.segments.size()) {
        frozenPos_ = timeline_.totalMs;
        current_ = timeline_.segments.size();
        if (!is(PlayerState::Finished)) state_ = FinishedS{now};
        pending_.clear();
        return;
    }
    const Segment& s = timeline_.segments[index];
    // Going back re-arms the cues of the segments played again.
    if (index < cuedThrough_) cuedThrough_ = index;
    bool wasPaused = is(PlayerState::Paused);
    if (const auto* w = std::get_if<WaitingS>(&state_)) {
        pausedTotal_ += now - w->since;
        state_ = RunningS{};
    }
    enter(index, now);
    origin_ = now - s.startMs;
    frozenPos_ = s.startMs;
    if (wasPaused) return;  // stays paused at the new place
    if (s.untimed())
        state_ = WaitingS{now};
    else
        state_ = RunningS{};
}

void Player::start(std::int64_t now) {
    if (!is(PlayerState::Ready)) return;
    startedAt_ = now;
    pausedTotal_ = 0;
    state_ = RunningS{};
    cuedThrough_ = 0;
    pending_.clear();
    if (timeline_.segments.empty()) {
        state_ = FinishedS{now};
        return;
    }
    seek(now, 0);
}

void Player::pause(std::int64_t now) {
    if (!is(PlayerState::Running)) return;
    frozenPos_ = positionMs(now);
    state_ = PausedS{now};
}

void Player::resume(std::int64_t now) {
    const auto* p = std::get_if<PausedS>(&state_);
    if (!p) return;
    pausedTotal_ += now - p->since;
    origin_ = now - frozenPos_;
    const Segment* s = current();
    // Paused while waiting: back to waiting, a new spell from now.
    if (s && s->untimed())
        state_ = WaitingS{now};
    else
        state_ = RunningS{};
}

void Player::skip(std::int64_t now) {
    if (is(PlayerState::Ready) || is(PlayerState::Finished)) return;
    update(now);
    seek(now, current_ + 1);
}

void Player::back(std::int64_t now) {
    if (is(PlayerState::Ready)) return;
    if (const auto* f = std::get_if<FinishedS>(&state_)) {
        // Back from the end returns to the last segment, paused-free.
        pausedTotal_ += now - f->at;  // time spent on the end screen
        state_ = RunningS{};
        stoppedEarly_ = false;
        std::size_t last = timeline_.segments.empty() ? 0 : timeline_.segments.size() - 1;
        seek(now, last);
        return;
    }
    update(now);
    const Segment* s = current();
    std::int64_t into = s ? positionMs(now) - s->startMs : 0;
    std::size_t target = current_;
    if ((into < 2000 || s->untimed()) && current_ > 0) target = current_ - 1;
    seek(now, target);
}

void Player::restart(std::int64_t now) {
    state_ = ReadyS{};
    stoppedEarly_ = false;
    start(now);
}

void Player::continueAfterTap(std::int64_t now) {
    const auto* w = std::get_if<WaitingS>(&state_);
    if (!w) return;
    const Segment& s = timeline_.segments[current_];
    pausedTotal_ += now - w->since;
    state_ = RunningS{};
    origin_ = now - s.startMs;
    // Several waits in a row each need their own tap.
    seek(now, current_ + 1);
}

void Player::stop(std::int64_t now) {
    if (is(PlayerState::Ready) || is(PlayerState::Finished)) return;
    update(now);
    if (is(PlayerState::Finished)) return;
    frozenPos_ = positionMs(now);
    if (const auto* p = std::get_if<PausedS>(&state_)) pausedTotal_ += now - p->since;
    if (const auto* w = std::get_if<WaitingS>(&state_)) pausedTotal_ += now - w->since;
    state_ = FinishedS{now};
    stoppedEarly_ = true;
    pending_.clear();
}

//-----------------------------------------------------------------------------
// [SECTION] Update
//-----------------------------------------------------------------------------
std::vector<CueEvent> Player::update(std::int64_t now) {
    if (is(PlayerState::Running)) {
        std::int64_t pos = now - origin_;
        // Walk forward over every segment whose start has passed, so a late
        // frame still fires each crossed cue once, in order, with its due time.
        while (current_ < timeline_.segments.size()) {
            const Segment& s = timeline_.segments[current_];
            if (s.untimed()) {
                // Reached a wait: freeze exactly at its start.
                state_ = WaitingS{origin_ + s.startMs};
                frozenPos_ = s.startMs;
                break;
            }
            if (pos < s.endMs()) break;
            std::size_t nextIndex = current_ + 1;
            if (nextIndex >= timeline_.segments.size()) {
                frozenPos_ = timeline_.totalMs;
                current_ = nextIndex;
                state_ = FinishedS{origin_ + timeline_.totalMs};
                break;
            }
            enter(nextIndex, origin_ + timeline_.segments[nextIndex].startMs);
        }
    }
    std::vector<CueEvent> out;
    out.swap(pending_);
    return out;
}

}  // namespace unknot
