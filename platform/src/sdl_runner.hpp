// The desktop (and mobile) SDL runner: the interactive loop, idle when still,
// paced when moving, calling the phases of runner.hpp.
#pragma once

#include "bench_stats.hpp"
#include "trace.hpp"
#include "unknot/platform/damage.hpp"
#include "unknot/platform/runner.hpp"
#include "unknot/platform/sdl_services.hpp"
#include "unknot/platform/window.hpp"
#include "unknot/ui/app.hpp"

#include <cstdint>
#include <functional>

namespace unknot::platform {

// What the loop drives; everything is owned by the caller and outlives run().
struct LoopContext {
    ui::App& app;
    SdlWindow& window;
    SdlRenderer& renderer;
    SdlAudio& audio;
    SdlHaptics& haptics;
    Trace& trace;
    PartialRenderer* partial = nullptr;  // null: redraw everything every frame
    BenchStats* bench = nullptr;         // null unless --bench
    double benchSeconds = 0;
    bool exitAfterFirstFrame = false;
    std::int64_t originNs = 0;  // where the app clock reads 0
    std::int64_t startNs = 0;   // when the loop starts
    // Every `periodicMs` (0: never): the content watch. True: redraw.
    std::function<bool()> periodic = {};
    int periodicMs = 0;
};

class SdlRunner final : public AbstractRunner {
public:
    explicit SdlRunner(const LoopContext& context);
    // postInit, the loop, beforeExit; the exit status (0, or 128 + N after
    // signal N).
    int run() override;

private:
    std::int64_t appMs(std::int64_t ns) const { return (ns - c_.originNs) / 1'000'000; }
    int loop();
    bool handle(const SDL_Event& e);     // false: quit
    bool periodicWork(std::int64_t t);   // true: the loop ends (bench done)
    bool waitForEvents(std::int64_t t);  // false: quit
    bool drawNextFrame(bool& endNow);    // false: quit

    LoopContext c_;
    bool paced_ = false;
    int fps_ = 60;
    std::int64_t benchEndNs_ = 0;
    int framesSinceInput_ = 0;
    bool backgrounded_ = false;
    bool shown_ = false;
    std::int64_t lastIndex_ = -1;
    std::int64_t nextPeriodicNs_ = 0;
};

}  // namespace unknot::platform
