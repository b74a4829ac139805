// Compiling routines into timelines: sides and switches, repeats, includes,
// breathing phases, waits, and the transcript format.
#include "helpers.hpp"
#include "unknot/timeline.hpp"

#include <catch2/catch.hpp>

using namespace unknot;
using testing::TempDir;

namespace {
Timeline compileText(TempDir& d, const std::string& id, const std::string& steps, Library* keep = nullptr) {
    d.write(id + ".yaml", testing::routineHead(id) + steps);
    Library lib = testing::load({d.str()});
    INFO((lib.diagnostics.empty() ? "" : formatDiagnostic(lib.diagnostics[0])));
    REQUIRE(lib.findRoutine(id));
    Timeline t = compileTimeline(lib, *lib.findRoutine(id));
    if (keep) *keep = std::move(lib);
    return t;
}
}  // namespace

TEST_CASE("sides become one segment each, with switches between") {
    TempDir d;
    Timeline t = compileText(d, "s", "  - say: Stretch\n    duration: 30s\n    sides: [right, left]\n");
    REQUIRE(t.segments.size() == 3);
    CHECK(t.segments[0].side == Side::Right);
    CHECK(t.segments[1].kind == SegmentKind::Switch);
    CHECK(t.segments[1].durationMs == 5000);  // the default switch
    CHECK(t.segments[1].side == Side::Left);
    CHECK(t.segments[2].startMs == 35000);
    CHECK(t.totalMs == 65000);
    CHECK(t.steps == 1);
}

TEST_CASE("switch 0 leaves the switch out") {
    TempDir d;
    Timeline t = compileText(d, "s", "  - say: Stretch\n    duration: 20\n    sides: [left, right]\n    switch: 0\n");
    REQUIRE(t.segments.size() == 2);
    CHECK(t.segments[1].startMs == 20000);
    CHECK(t.totalMs == 40000);
}

TEST_CASE("breathing phases become segments; a phase of 0 is left out") {
    TempDir d;
    Timeline t = compileText(
        d, "b", "  - say: Breathe\n    breathe: {inhale: 3.5, hold: 0, exhale: 4.25, rest: 1, cycles: 2}\n");
    REQUIRE(t.segments.size() == 6);
    CHECK(t.segments[0].phase == BreathPhase::Inhale);
    CHECK(t.segments[1].phase == BreathPhase::Exhale);
    CHECK(t.segments[1].startMs == 3500);
    CHECK(t.segments[2].phase == BreathPhase::Rest);
    CHECK(t.segments[3].cycle == 2);
    CHECK(t.segments[3].cycles == 2);
    CHECK(t.totalMs == 17500);
}

TEST_CASE("4-7-8 for a minute is three cycles, 57 s: never stopped mid-breath") {
    TempDir d;
    Timeline t = compileText(d, "b", "  - say: Breathe\n    breathe: {inhale: 4, hold: 7, exhale: 8, duration: 1m}\n");
    CHECK(t.totalMs == 57000);
    CHECK(t.segments.back().phase == BreathPhase::Exhale);
    CHECK(t.segments.back().cycle == 3);
}

TEST_CASE("repeats unroll, nested too, each pass a new step") {
    TempDir d;
    Timeline t = compileText(d, "r",
                             "  - repeat: 3\n    steps:\n      - say: Press\n        duration: 20s\n"
                             "      - repeat: 2\n        steps:\n          - say: Release\n            duration: 5s\n");
    CHECK(t.segments.size() == 9);
    CHECK(t.totalMs == 3 * (20000 + 2 * 5000));
    CHECK(t.steps == 9);
    CHECK(t.segments[3].say.get("en") == "Press");
}

TEST_CASE("includes splice the other routine's steps and its cautions") {
    TempDir d;
    d.write("part.yaml", testing::routineHead("part") + "  - say: Part\n    duration: 7s\n");
    Library lib;
    Timeline t =
        compileText(d, "whole", "  - say: Before\n    duration: 3s\n  - include: part\n  - include: part\n", &lib);
    REQUIRE(t.segments.size() == 3);
    CHECK(t.segments[1].routineId == "part");
    CHECK(t.segments[2].startMs == 10000);
    CHECK(t.totalMs == 17000);
    // The same caution text in both is shown once.
    CHECK(collectCautions(lib, *lib.findRoutine("whole")).size() == 1);
}

TEST_CASE("a wait takes no time and stops the clock at its start") {
    TempDir d;
    Timeline t = compileText(
        d, "w", "  - say: A\n    duration: 5s\n  - say: Wait\n    wait: tap\n  - say: B\n    duration: 5s\n");
    REQUIRE(t.segments.size() == 3);
    CHECK(t.segments[1].untimed());
    CHECK(t.segments[1].startMs == 5000);
    CHECK(t.segments[2].startMs == 5000);
    CHECK(t.indexAt(5000) == 1);  // the wait wins over what starts with it
    CHECK(t.indexAt(4999) == 0);
    CHECK(t.indexAt(10000) == 3);
    CHECK(t.totalMs == 10000);
}

TEST_CASE("step summaries describe what a card lists") {
    TempDir d;
    Timeline t = compileText(d, "c",
                             "  - say: Side\n    duration: 30s\n    sides: [right, left]\n"
                             "  - say: Breathe\n    breathe: {inhale: 4, hold: 2, exhale: 6, duration: 5m}\n"
                             "  - say: Tap\n    wait: tap\n");
    auto s = summarizeSteps(t);
    REQUIRE(s.size() == 3);
    CHECK(describeStep(s[0]) == "30 s each side (right, left), 5 s to switch");
    CHECK(describeStep(s[1]) == "4-2-6 breathing, 25 cycles (5 min)");
    CHECK(describeStep(s[2]) == "until you tap Continue");
    CHECK(s[1].startMs == 65000);
}

TEST_CASE("the transcript prints offsets and each prompt once") {
    TempDir d;
    Timeline t = compileText(
        d, "x", "  - say: {en: Hello, fr: Bonjour}\n    duration: 2s\n    sides: [left, right]\n    switch: 1s\n");
    CHECK(formatTranscript(t, "fr") ==
          "00:00.000  step 1 · left · 2 s · chime · Bonjour\n"
          "00:02.000  step 1 · switch to right · 1 s · chime\n"
          "00:03.000  step 1 · right · 2 s · chime\n"
          "00:05.000  end · 5 s\n");
}

TEST_CASE("the lengths the loader's limits count by are the timeline's own") {
    // measureSteps (the loader's per-routine limits) and the compiler must
    // agree on time and segments for every kind of step.
    TempDir d;
    Library lib;
    Timeline t = compileText(d, "mix",
                             "  - say: Stretch\n    duration: 30s\n    sides: [right, left]\n    switch: 5s\n"
                             "  - say: Hold\n    duration: 10s\n    sides: [left]\n    switch: 3s\n"
                             "  - repeat: 3\n    steps:\n      - say: Roll\n        duration: 4s\n"
                             "  - say: Breathe\n    breathe: {inhale: 4, hold: 0, exhale: 6, cycles: 2}\n"
                             "  - say: Wait\n    wait: tap\n",
                             &lib);
    StepsLength len = measureSteps(lib.findRoutine("mix")->steps, [](const std::string&) { return StepsLength{}; });
    CHECK(len.ms == t.totalMs);
    CHECK(len.segments == static_cast<std::int64_t>(t.segments.size()));
    CHECK(len.ms == (30 + 5 + 30) * 1000 + 10 * 1000 + 3 * 4 * 1000 + 2 * 10 * 1000);
    CHECK(len.segments == 3 + 1 + 3 + 2 * 2 + 1);
}
