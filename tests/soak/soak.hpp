// Soak helpers: what a long session may not grow (resident memory, open file
// descriptors), read from /proc, and the routine of a ten-hour session.
//
// [SECTION] Process counters
// [SECTION] A ten-hour routine built in code
#pragma once

#include "unknot/model.hpp"

#include <filesystem>
#include <fstream>
#include <string>

namespace soak {

//-----------------------------------------------------------------------------
// [SECTION] Process counters
//-----------------------------------------------------------------------------
inline long statusKiB(const std::string& key) {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
    return -1;
}
inline long residentKiB() { return statusKiB("VmRSS"); }

inline long openFds() {
    long n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
    return n;
}

// Under AddressSanitizer freed memory sits in a quarantine of up to 256 MiB,
// so resident memory says nothing about leaks there; LeakSanitizer checks
// them instead, at exit.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kResidentMemoryIsMeaningful = false;
#else
constexpr bool kResidentMemoryIsMeaningful = true;
#endif

//-----------------------------------------------------------------------------
// [SECTION] A ten-hour routine
//-----------------------------------------------------------------------------
inline unknot::Text text(const std::string& en) {
    unknot::Text t;
    t.byLang = {{"en", en}, {"fr", en}};
    return t;
}

inline unknot::Step sayStep(const std::string& s, std::variant<unknot::Timed, unknot::WaitTap, unknot::Breathe> body) {
    unknot::SayStep st;
    st.say = text(s);
    st.body = std::move(body);
    unknot::Step step;
    step.v = std::move(st);
    return step;
}

// 31 s, a sided stretch (2 x 30 s + 5 s switch), optionally a tap wait, then
// 2,992 cycles of 4-2-6 breathing: 36,000 s of timed play, ten hours exactly.
inline unknot::Library tenHourLibrary(bool withWait) {
    unknot::Library lib;
    unknot::Area neck;
    neck.id = "neck";
    neck.label = text("Neck");
    lib.areas.push_back(neck);
    unknot::Routine r;
    r.id = "ten-hours";
    r.title = text("Ten hours");
    r.summary = text("A soak test.");
    r.kind = unknot::Kind::Breathing;
    r.areas = {"neck"};
    unknot::Timed plain;
    plain.seconds = 31;
    unknot::Timed sided;
    sided.seconds = 30;
    sided.sides = {unknot::Side::Left, unknot::Side::Right};
    sided.switchSeconds = 5;
    unknot::Breathe br;
    br.inhaleMs = 4000;
    br.holdMs = 2000;
    br.exhaleMs = 6000;
    br.restMs = 0;
    br.cycles = 2992;
    r.steps = {sayStep("Settle.", plain), sayStep("Tilt.", sided)};
    if (withWait) r.steps.push_back(sayStep("Tap when ready.", unknot::WaitTap{}));
    r.steps.push_back(sayStep("Breathe.", br));
    lib.routines = {r};
    return lib;
}

}  // namespace soak
