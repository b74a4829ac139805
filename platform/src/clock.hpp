// The clock: one monotonic clock in ns (the app sees ms from its start), the
// wall clock, the launch time for --exit-after-first-frame, CPU and memory
// figures for --bench.
#pragma once

#include "unknot/session/services.hpp"

#include <cstdint>

namespace unknot::platform {

std::int64_t nowNs();   // monotonic (steady_clock)
std::int64_t wallUs();  // wall time (system_clock), for dates and launch times

// The session layer's Clock contract on this machine's clock and time zone.
class SystemClock final : public unknot::Clock {
public:
    std::int64_t wallMs() const override { return wallUs() / 1000; }
    int utcOffsetMinutes(std::int64_t wallMs) const override;
};

// When the process was launched, in wall µs: UNKNOT_LAUNCH_US if bench/run_app
// set it (so the figure includes exec and dynamic linking), else the static
// initialization of clock.cpp.
std::int64_t launchUs();

// --exit-after-first-frame also prints when each start-up phase ended (to
// stderr), so a slow start can be pinned on content, SDL, fonts or audio.
void logStartupPhases(bool on);
void startupPhase(const char* name);

double cpuSeconds();  // user + system time of this process
long maxRssKb();      // peak resident memory
}  // namespace unknot::platform
