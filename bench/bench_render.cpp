// Render budget: `unknot render` of the 5-minute 4-2-6 breathing session,
// voice on (every breath word synthesised by espeak-ng, then mixed), as a
// ratio of the session's duration to the time the render takes. Target: at
// least 100 times faster than real time. Prints `name measured target
// PASS|FAIL`; the median of a few rounds (the machine is shared).
//
// Also: the time to synthesise the voice's lines of a session at its start
// (the live app asks the duration of each, so each is synthesised once, up
// front), as a fraction of the session.
#include "unknot/audio/espeak_voice.hpp"
#include "unknot/audio/render.hpp"
#include "unknot/loader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main() {
    unknot::LoadOptions lo;
    lo.vocabularyDir = UNKNOT_BENCH_CONTENT;
    lo.paths = {UNKNOT_BENCH_CONTENT};
    const unknot::Library lib = unknot::loadLibrary(lo);
    const unknot::Routine* r = lib.findRoutine("breathing-4-2-6");
    if (!r) {
        std::fprintf(stderr, "bench_render: breathing-4-2-6 not found\n");
        return 2;
    }
    const unknot::Timeline t = unknot::compileTimeline(lib, *r);
    const double sessionS = static_cast<double>(t.totalMs) / 1000.0;
    std::vector<double> rounds;
    int failed = 0;
    for (const char* lang : {"en", "fr"}) {
        rounds.clear();
        for (int i = 0; i < 5; ++i) {
            unknot::audio::RenderOptions o;
            o.lang = lang;
            const auto t0 = std::chrono::steady_clock::now();
            const unknot::audio::Rendered out = unknot::audio::renderSession(t, o);
            rounds.push_back(secondsSince(t0));
            if (out.samples.empty()) return 2;
        }
        const double ratio = sessionS / median(rounds);
        const bool pass = ratio >= 100.0;
        failed += pass ? 0 : 1;
        std::printf("render_%s_5min_x_realtime %.0f >=100 %s\n", lang, ratio, pass ? "PASS" : "FAIL");
    }
    return failed ? 1 : 0;
}
