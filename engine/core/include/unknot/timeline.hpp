// The timeline: a routine compiled into a flat list of segments with exact
// start times. Repeats are unrolled, includes spliced in, sides and switches and
// every breathing phase of every cycle become segments of their own.
#pragma once

#include "unknot/figure.hpp"
#include "unknot/model.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace unknot {

enum class SegmentKind {
    Timed,   // a timed prompt (possibly one side of a sided step)
    Switch,  // "switch sides" between two sides
    Breath,  // one phase of one breathing cycle
    Wait,    // untimed: waits for a tap; takes no time on the timeline
};
enum class BreathPhase { None, Inhale, Hold, Exhale, Rest };

const char* toString(SegmentKind k);
const char* toString(BreathPhase p);

struct Segment {
    SegmentKind kind = SegmentKind::Timed;
    std::int64_t startMs = 0;
    std::int64_t durationMs = 0;  // 0 for Wait
    int step = 0;                 // 1-based number of the prompt step in the session
    Side side = Side::None;
    BreathPhase phase = BreathPhase::None;
    int cycle = 0, cycles = 0;  // 1-based, for Breath
    Text say, tip;
    Text voice;            // spoken instead of `say` when set (SayStep::voice)
    bool quiet = false;    // `voice: none`: the step speaks nothing
    int countAloud = 0;    // Breath: cycles whose phases are named aloud
    Cue cue = Cue::Chime;  // fires at the segment's start
    std::string image;
    std::string routineId;  // the routine the step was written in
    // The step's figure (figure.hpp), or null; every segment of the step
    // shares it. Figures are written for the right side: a left-side segment
    // draws the mirror (`mirrored`). A switch goes from the side it leaves
    // (`fromMirrored`) to the side that comes next (`mirrored`), so the
    // figure can move across while the person changes sides.
    std::shared_ptr<const StepFigure> figure;
    bool mirrored = false;
    bool fromMirrored = false;

    std::int64_t endMs() const { return startMs + durationMs; }
    bool untimed() const { return kind == SegmentKind::Wait; }
};

struct Timeline {
    std::string routineId;
    std::vector<Segment> segments;
    std::int64_t totalMs = 0;  // sum of the timed segments
    int steps = 0;             // number of prompt steps

    // Index of the segment playing at `ms` (the last one starting at or before
    // it, skipping none); segments.size() when past the end.
    std::size_t indexAt(std::int64_t ms) const;
};

// The most segments one timeline holds; compiling stops there. The loader
// refuses routines of more than LoadLimits::maxSegments (100,000), so only a
// Library built by hand can reach it.
inline constexpr std::size_t kMaxTimelineSegments = 1000000;

//-----------------------------------------------------------------------------
// Lengths: how long a step lasts and how many segments it becomes, written
// once. The compiler below expands steps by these rules and the loader's
// limits (a step's and a routine's length, its segments) count by them, so a
// routine the loader accepts is exactly the timeline that plays.
//-----------------------------------------------------------------------------
// A switch segment goes between two sides when the switch lasts > 0 s.
bool switchesSides(const Timed& t);
// Seconds of a timed step: every side, and the switches between them.
std::int64_t timedStepSeconds(const Timed& t);
// Segments of a timed step: one per side (one without sides), plus switches.
std::int64_t timedStepSegments(const Timed& t);
// Phases of one breathing cycle that last > 0 ms (a phase of 0 is left out).
int breathPhaseCount(const Breathe& b);

// The length and segment count of a list of steps, saturating at
// kLengthCap: repeats multiply, and a few nested ones must not overflow.
inline constexpr std::int64_t kLengthCap = std::int64_t(1) << 50;
struct StepsLength {
    std::int64_t ms = 0, segments = 0;
};
// `include` gives an included routine's length (zero when unknown).
StepsLength measureSteps(const Steps& steps, const std::function<StepsLength(const std::string& id)>& include);

// Compiles a routine of `lib`. Includes must have been checked by the loader;
// an unknown or cyclic include here is skipped, never followed forever. It
// recurses neither over repeats nor over includes (an explicit stack), so any
// nesting depth is safe.
Timeline compileTimeline(const Library& lib, const Routine& routine);

// The figure of `seg` with the session at `positionMs` (the player's
// position, which stands still while paused): a pure function of its inputs,
// so the same moment always gives the same shapes. A timed or untimed step
// eases between its keyframes over the segment; a switch turns the end pose
// from the side it leaves to the mirror on the side that comes. Reduced
// motion gives the end pose of the segment's own side, with no mark moving.
// No figure, or one whose pose the book lacks, gives empty shapes (no limbs).
FigureShapes segmentFigure(const FigureBook& book, const Segment& seg, std::int64_t positionMs, bool reducedMotion);
// Between two compositions of the same pose (a switch): every point and size
// at `k` (0: a, 1: b). Shapes that do not match point for point give the
// nearer of the two.
FigureShapes blendShapes(const FigureShapes& a, const FigureShapes& b, float k);

// One step of a compiled timeline as a card lists it: when it starts, how
// long it lasts in all, and its shape (sides, breathing counts).
struct StepSummary {
    int step = 0;
    SegmentKind kind = SegmentKind::Timed;  // Timed (maybe sided), Breath or Wait
    std::int64_t startMs = 0, totalMs = 0;
    Text say, tip;
    std::vector<Side> sides;
    std::int64_t sideMs = 0, switchMs = 0;
    std::int64_t inhaleMs = 0, holdMs = 0, exhaleMs = 0, restMs = 0;
    int cycles = 0;
    std::string routineId;
    std::shared_ptr<const StepFigure> figure;  // as written (the right side), or null
};
std::vector<StepSummary> summarizeSteps(const Timeline& t);
// The figure a card shows at its top: the first step's figure that places a
// prop (it shows what to do with the equipment), else the first figure; null
// when no step has one.
std::shared_ptr<const StepFigure> keyFigure(const std::vector<StepSummary>& steps);
// "30 s each side (right, left), 5 s to switch", "4-2-6 breathing, 25 cycles
// (5 min)", "until you tap Continue": how the CLI describes a step.
std::string describeStep(const StepSummary& s);

// The cautions shown on a card: the routine's own, then those of every routine
// it includes (once each, in order).
std::vector<Text> collectCautions(const Library& lib, const Routine& routine);

// "mm:ss.mmm  what it is: what it says", one line per segment; the transcript
// that `unknot play --clock virtual` prints and golden tests compare.
std::string formatTranscript(const Timeline& t, const std::string& lang);
std::string describeSegment(const Segment& s, const std::string& lang);

}  // namespace unknot
