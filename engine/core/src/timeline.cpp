// Compiling routines into timelines, and printing them.
//
// [SECTION] Lengths
// [SECTION] Compiling
// [SECTION] Cautions
// [SECTION] Transcripts
#include "unknot/timeline.hpp"

#include <algorithm>
#include <set>

namespace unknot {

const char* toString(SegmentKind k) {
    switch (k) {
    case SegmentKind::Timed: return "timed";
    case SegmentKind::Switch: return "switch";
    case SegmentKind::Breath: return "breath";
    case SegmentKind::Wait: return "wait";
    }
    return "?";
}

const char* toString(BreathPhase p) {
    switch (p) {
    case BreathPhase::Inhale: return "inhale";
    case BreathPhase::Hold: return "hold";
    case BreathPhase::Exhale: return "exhale";
    case BreathPhase::Rest: return "rest";
    case BreathPhase::None: break;
    }
    return "none";
}

std::size_t Timeline::indexAt(std::int64_t ms) const {
    // The last segment starting at or before `ms` whose end is after it; a
    // wait segment (zero length) is "at" its start.
    auto it = std::upper_bound(segments.begin(), segments.end(), ms,
                               [](std::int64_t t, const Segment& s) { return t < s.startMs; });
    std::size_t i = static_cast<std::size_t>(it - segments.begin());
    if (i == 0) return 0;
    // Among segments starting at the same time, the first untimed one wins:
    // playback stops at a wait before anything after it.
    std::size_t j = i - 1;
    while (j > 0 && segments[j - 1].startMs == segments[j].startMs) --j;
    for (std::size_t k = j; k < i; ++k)
        if (segments[k].untimed() ? ms == segments[k].startMs : ms < segments[k].endMs()) return k;
    return i;
}

//-----------------------------------------------------------------------------
// [SECTION] Lengths
//-----------------------------------------------------------------------------
bool switchesSides(const Timed& t) { return t.switchSeconds > 0 && t.sides.size() > 1; }

namespace {
std::int64_t sideCount(const Timed& t) { return std::max<std::int64_t>(1, static_cast<std::int64_t>(t.sides.size())); }
std::int64_t switchCount(const Timed& t) { return switchesSides(t) ? sideCount(t) - 1 : 0; }
std::int64_t satAdd(std::int64_t a, std::int64_t b) { return std::min(kLengthCap, a + b); }
std::int64_t satMul(std::int64_t a, std::int64_t b) {
    return a > kLengthCap / std::max<std::int64_t>(1, b) ? kLengthCap : std::min(kLengthCap, a * b);
}
}  // namespace

std::int64_t timedStepSeconds(const Timed& t) { return t.seconds * sideCount(t) + t.switchSeconds * switchCount(t); }
std::int64_t timedStepSegments(const Timed& t) { return sideCount(t) + switchCount(t); }
int breathPhaseCount(const Breathe& b) { return (b.inhaleMs > 0) + (b.holdMs > 0) + (b.exhaleMs > 0) + (b.restMs > 0); }

// Recurses over repeats only, which nest inside one file (the loader bounds
// their depth); includes are measured by the caller.
StepsLength measureSteps(const Steps& steps, const std::function<StepsLength(const std::string& id)>& include) {
    StepsLength s;
    auto add = [&](std::int64_t ms, std::int64_t segments) {
        s.ms = satAdd(s.ms, ms);
        s.segments = satAdd(s.segments, segments);
    };
    for (const auto& st : steps) {
        if (auto* say = std::get_if<SayStep>(&st.v)) {
            if (auto* t = std::get_if<Timed>(&say->body))
                add(timedStepSeconds(*t) * 1000, timedStepSegments(*t));
            else if (auto* b = std::get_if<Breathe>(&say->body))
                add(satMul(b->cycleMs(), b->cycles), satMul(breathPhaseCount(*b), b->cycles));
            else
                add(0, 1);
        } else if (auto* r = std::get_if<RepeatStep>(&st.v)) {
            StepsLength inner = measureSteps(r->steps, include);
            add(satMul(inner.ms, r->count), satMul(inner.segments, r->count));
        } else if (auto* inc = std::get_if<IncludeStep>(&st.v)) {
            StepsLength other = include(inc->routineId);
            add(other.ms, other.segments);
        }
    }
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Compiling
//-----------------------------------------------------------------------------
namespace {
// Iterative: repeats and includes push a frame on an explicit stack instead
// of recursing, so however deep a library nests (the loader bounds include
// depth, but a Library can be built by hand) compiling uses no C++ stack
// beyond its own frame. The segments are capped too (kMaxTimelineSegments).
struct Compiler {
    const Library& lib;
    Timeline& t;
    std::int64_t now = 0;
    struct Frame {
        const Steps* list;
        std::size_t next = 0;
        int runsLeft = 0;  // further runs of `list` (a repeat)
        const std::string* routineId;
        bool include = false;  // this frame splices in routine *routineId
    };
    std::vector<Frame> frames;
    std::vector<const std::string*> including;  // routines being spliced, to refuse cycles

    bool full() const { return t.segments.size() >= kMaxTimelineSegments; }

    void add(Segment s) {
        if (full()) return;
        s.startMs = now;
        now += s.durationMs;
        t.segments.push_back(std::move(s));
    }

    void say(const SayStep& say, const std::string& routineId) {
        int number = ++t.steps;
        Segment base;
        base.step = number;
        base.say = say.say;
        base.tip = say.tip;
        base.cue = say.cue;
        base.image = say.image;
        base.voice = say.voice;
        base.quiet = say.quiet;
        base.routineId = routineId;
        base.figure = say.figure;
        if (auto* tm = std::get_if<Timed>(&say.body)) {
            if (tm->sides.empty()) {
                Segment s = base;
                s.durationMs = tm->seconds * 1000;
                add(std::move(s));
            }
            for (std::size_t i = 0; i < tm->sides.size(); ++i) {
                if (i > 0 && switchesSides(*tm)) {
                    Segment sw = base;
                    sw.kind = SegmentKind::Switch;
                    sw.durationMs = tm->switchSeconds * 1000;
                    sw.side = tm->sides[i];  // the side that comes next
                    sw.fromMirrored = tm->sides[i - 1] == Side::Left;
                    sw.mirrored = tm->sides[i] == Side::Left;
                    add(std::move(sw));
                }
                Segment s = base;
                s.side = tm->sides[i];
                s.mirrored = tm->sides[i] == Side::Left;
                s.durationMs = tm->seconds * 1000;
                add(std::move(s));
            }
        } else if (std::holds_alternative<WaitTap>(say.body)) {
            Segment s = base;
            s.kind = SegmentKind::Wait;
            add(std::move(s));
        } else {
            const auto& b = std::get<Breathe>(say.body);
            const std::pair<BreathPhase, std::int64_t> phases[] = {{BreathPhase::Inhale, b.inhaleMs},
                                                                   {BreathPhase::Hold, b.holdMs},
                                                                   {BreathPhase::Exhale, b.exhaleMs},
                                                                   {BreathPhase::Rest, b.restMs}};
            for (int c = 1; c <= b.cycles && !full(); ++c)
                for (const auto& [phase, ms] : phases) {
                    if (ms <= 0) continue;  // a phase of 0 is left out
                    Segment s = base;
                    s.kind = SegmentKind::Breath;
                    s.phase = phase;
                    s.cycle = c;
                    s.cycles = b.cycles;
                    s.countAloud = b.countAloud;
                    s.durationMs = ms;
                    add(std::move(s));
                }
        }
    }

    void run(const Routine& routine) {
        including.push_back(&routine.id);
        frames.push_back({&routine.steps, 0, 0, &routine.id, true});
        while (!frames.empty() && !full()) {
            Frame& f = frames.back();
            if (f.next == f.list->size()) {
                if (f.runsLeft > 0) {
                    --f.runsLeft;
                    f.next = 0;
                    continue;
                }
                if (f.include) including.pop_back();
                frames.pop_back();
                continue;
            }
            const Step& st = (*f.list)[f.next++];
            const std::string* routineId = f.routineId;  // f may move below
            if (auto* s = std::get_if<SayStep>(&st.v)) {
                say(*s, *routineId);
            } else if (auto* r = std::get_if<RepeatStep>(&st.v)) {
                if (r->count > 0 && !r->steps.empty()) frames.push_back({&r->steps, 0, r->count - 1, routineId, false});
            } else if (auto* inc = std::get_if<IncludeStep>(&st.v)) {
                const Routine* other = lib.findRoutine(inc->routineId);
                bool cyclic = std::any_of(including.begin(), including.end(),
                                          [&](const std::string* id) { return *id == inc->routineId; });
                if (!other || cyclic) continue;  // the loader reported it
                including.push_back(&other->id);
                frames.push_back({&other->steps, 0, 0, &other->id, true});
            }
        }
    }
};
}  // namespace

Timeline compileTimeline(const Library& lib, const Routine& routine) {
    Timeline t;
    t.routineId = routine.id;
    Compiler c{lib, t, 0, {}, {}};
    c.run(routine);
    t.totalMs = c.now;
    return t;
}

std::vector<StepSummary> summarizeSteps(const Timeline& t) {
    std::vector<StepSummary> out;
    for (const auto& seg : t.segments) {
        if (out.empty() || out.back().step != seg.step) {
            StepSummary s;
            s.step = seg.step;
            s.kind = seg.kind == SegmentKind::Switch ? SegmentKind::Timed : seg.kind;
            s.startMs = seg.startMs;
            s.say = seg.say;
            s.tip = seg.tip;
            s.cycles = seg.cycles;
            s.routineId = seg.routineId;
            s.figure = seg.figure;
            out.push_back(std::move(s));
        }
        StepSummary& s = out.back();
        s.totalMs += seg.durationMs;
        if (seg.kind == SegmentKind::Timed) {
            s.sideMs = seg.durationMs;
            if (seg.side != Side::None) s.sides.push_back(seg.side);
        } else if (seg.kind == SegmentKind::Switch) {
            s.switchMs = seg.durationMs;
        } else if (seg.kind == SegmentKind::Breath && seg.cycle == 1) {
            switch (seg.phase) {
            case BreathPhase::Inhale: s.inhaleMs = seg.durationMs; break;
            case BreathPhase::Hold: s.holdMs = seg.durationMs; break;
            case BreathPhase::Exhale: s.exhaleMs = seg.durationMs; break;
            case BreathPhase::Rest: s.restMs = seg.durationMs; break;
            case BreathPhase::None: break;
            }
        }
    }
    return out;
}

std::shared_ptr<const StepFigure> keyFigure(const std::vector<StepSummary>& steps) {
    std::shared_ptr<const StepFigure> first;
    for (const auto& s : steps) {
        if (!s.figure) continue;
        if (!s.figure->props.empty()) return s.figure;
        if (!first) first = s.figure;
    }
    return first;
}

std::string describeStep(const StepSummary& s) {
    switch (s.kind) {
    case SegmentKind::Wait: return "until you tap Continue";
    case SegmentKind::Breath: {
        std::string counts = formatSeconds(s.inhaleMs);
        for (auto ms : {s.holdMs, s.exhaleMs, s.restMs})
            if (ms > 0) counts += "-" + formatSeconds(ms);
        return counts + " breathing, " + std::to_string(s.cycles) + (s.cycles == 1 ? " cycle (" : " cycles (") +
               formatDurationHuman((s.totalMs + 999) / 1000) + ")";
    }
    default: break;
    }
    if (s.sides.empty()) return formatDurationHuman(s.sideMs / 1000);
    std::string d = formatDurationHuman(s.sideMs / 1000) + (s.sides.size() > 1 ? " each side (" : " (");
    for (std::size_t i = 0; i < s.sides.size(); ++i) d += (i ? ", " : "") + std::string(toString(s.sides[i]));
    d += ")";
    if (s.switchMs > 0 && s.sides.size() > 1) d += ", " + formatDurationHuman(s.switchMs / 1000) + " to switch";
    return d;
}

//-----------------------------------------------------------------------------
// [SECTION] Cautions
//-----------------------------------------------------------------------------
std::vector<Text> collectCautions(const Library& lib, const Routine& routine) {
    std::vector<Text> out;
    std::set<std::string> seenRoutines, seenText;
    // Depth-first, in order, with an explicit stack (no recursion through
    // includes): each routine's own cautions, then those of what it includes.
    struct Frame {
        const Steps* list;
        std::size_t next;
    };
    std::vector<Frame> stack;
    auto enter = [&](const Routine& r) {
        if (!seenRoutines.insert(r.id).second) return;
        for (const auto& c : r.cautions) {
            // The same sentence in two routines is shown once.
            std::string key;
            for (const auto& [l, s] : c.byLang) key += l + ":" + s + "\n";
            if (seenText.insert(key).second) out.push_back(c);
        }
        stack.push_back({&r.steps, 0});
    };
    enter(routine);
    while (!stack.empty()) {
        Frame& f = stack.back();
        if (f.next == f.list->size()) {
            stack.pop_back();
            continue;
        }
        const Step& st = (*f.list)[f.next++];
        if (auto* inc = std::get_if<IncludeStep>(&st.v)) {
            if (const Routine* o = lib.findRoutine(inc->routineId)) enter(*o);
        } else if (auto* rep = std::get_if<RepeatStep>(&st.v)) {
            stack.push_back({&rep->steps, 0});
        }
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Transcripts
//-----------------------------------------------------------------------------
std::string describeSegment(const Segment& s, const std::string& /*lang*/) {
    std::string d = "step " + std::to_string(s.step);
    switch (s.kind) {
    case SegmentKind::Timed:
        if (s.side != Side::None) d += std::string(" · ") + toString(s.side);
        d += " · " + formatSeconds(s.durationMs) + " s";
        break;
    case SegmentKind::Switch:
        d += std::string(" · switch to ") + toString(s.side) + " · " + formatSeconds(s.durationMs) + " s";
        break;
    case SegmentKind::Breath:
        d += std::string(" · ") + toString(s.phase) + " " + formatSeconds(s.durationMs) + " s · cycle " +
             std::to_string(s.cycle) + "/" + std::to_string(s.cycles);
        break;
    case SegmentKind::Wait: d += " · wait for tap"; break;
    }
    if (s.cue == Cue::Chime) d += " · chime";
    return d;
}

std::string formatTranscript(const Timeline& t, const std::string& lang) {
    std::string out;
    int lastStep = 0;
    for (const auto& s : t.segments) {
        out += formatOffset(s.startMs) + "  " + describeSegment(s, lang);
        // The prompt is printed once per step, on its first segment.
        if (s.step != lastStep) {
            out += " · " + s.say.get(lang);
            lastStep = s.step;
        }
        out += "\n";
    }
    out += formatOffset(t.totalMs) + "  end · " + formatDurationHuman(t.totalMs / 1000) + "\n";
    return out;
}

}  // namespace unknot
