// The player: runs a timeline from a clock the caller passes in. It never reads
// the time itself, and every position is computed from the start time and the
// time spent paused or waiting, never by adding up frame deltas, so a ten-hour
// session ends exactly when it should.
//
// [SECTION] State: what the caller does next
// [SECTION] Cues: fired once per segment entered
// [SECTION] Player
#pragma once

#include "unknot/timeline.hpp"

#include <cstdint>
#include <variant>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] State
//-----------------------------------------------------------------------------
enum class PlayerState {
    Ready,          // call start()
    Running,        // call update(now) every frame and draw
    Paused,         // draw once and idle until resume()
    WaitingForTap,  // show Continue; call continueAfterTap(now)
    Finished,       // show the end screen
};
const char* toString(PlayerState s);

//-----------------------------------------------------------------------------
// [SECTION] Cues
//-----------------------------------------------------------------------------
struct CueEvent {
    std::size_t segment = 0;
    std::int64_t dueMs = 0;  // the caller's clock time at which it was due
};

//-----------------------------------------------------------------------------
// [SECTION] Player
//-----------------------------------------------------------------------------
// Times are the caller's clock in milliseconds (any origin, monotonic).
class Player {
public:
    explicit Player(Timeline timeline);

    void start(std::int64_t now);
    void pause(std::int64_t now);
    void resume(std::int64_t now);
    // Next segment (a sided step's next side, a breathing block's next phase).
    void skip(std::int64_t now);
    // To the start of the current segment, or of the previous one when the
    // current one began less than 2 s ago.
    void back(std::int64_t now);
    void restart(std::int64_t now);
    void continueAfterTap(std::int64_t now);
    // Stops the session early; the state becomes Finished with finishedEarly().
    void stop(std::int64_t now);

    // Advances to `now`; returns the cues that became due since the last call,
    // in order, each exactly once.
    std::vector<CueEvent> update(std::int64_t now);

    PlayerState state() const;
    const Timeline& timeline() const { return timeline_; }
    std::size_t currentIndex() const { return current_; }
    const Segment* current() const;
    const Segment* next() const;  // the next segment that is a new prompt, or null
    bool finishedEarly() const { return stoppedEarly_; }

    // Position on the timeline (ms from its start); frozen while paused/waiting.
    std::int64_t positionMs(std::int64_t now) const;
    // 0..1 within the current segment (1 for a wait), and over the whole session.
    double segmentProgress(std::int64_t now) const;
    double overallProgress(std::int64_t now) const;
    std::int64_t segmentLeftMs(std::int64_t now) const;
    std::int64_t timeLeftMs(std::int64_t now) const;
    // Time actually practised (running), for the journal.
    std::int64_t elapsedRunningMs(std::int64_t now) const;

private:
    // The state, one struct per PlayerState, each holding only the time that
    // state needs, so no field means different things in different states.
    struct ReadyS {};
    struct RunningS {};
    struct PausedS {
        std::int64_t since;
    };  // when pause() was called
    struct WaitingS {
        std::int64_t since;
    };  // when the wait began
    struct FinishedS {
        std::int64_t at;
    };  // when the session ended
    using StateV = std::variant<ReadyS, RunningS, PausedS, WaitingS, FinishedS>;

    void seek(std::int64_t now, std::size_t index);
    void enter(std::size_t index, std::int64_t dueMs);
    bool is(PlayerState s) const { return state() == s; }

    Timeline timeline_;
    std::vector<std::int64_t> stopAt_;  // per segment: the next wait's start, or the end
    StateV state_ = ReadyS{};
    std::size_t current_ = 0;
    // position = now - origin_ while running; frozen at frozenPos_ otherwise.
    std::int64_t origin_ = 0;
    std::int64_t frozenPos_ = 0;
    std::int64_t startedAt_ = 0;
    std::int64_t pausedTotal_ = 0;  // time spent paused or waiting, ended spells only
    std::size_t cuedThrough_ = 0;   // cues fired for segments < cuedThrough_
    bool stoppedEarly_ = false;
    std::vector<CueEvent> pending_;
};

}  // namespace unknot
