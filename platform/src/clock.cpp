// The clock (see clock.hpp).
#include "clock.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>

namespace unknot::platform {

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::int64_t wallUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int SystemClock::utcOffsetMinutes(std::int64_t wallMs) const {
    const std::time_t t = static_cast<std::time_t>(wallMs / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    return static_cast<int>(local.tm_gmtoff / 60);
}

namespace {

// bench/run_app passes the wall time just before exec in UNKNOT_LAUNCH_US
// (bash's $EPOCHREALTIME, no fork).
std::optional<std::int64_t> launchUsFromEnv() {
    const char* s = std::getenv("UNKNOT_LAUNCH_US");
    if (!s || !*s) return std::nullopt;
    char* end = nullptr;
    const long long v = std::strtoll(s, &end, 10);
    if (*end != '\0' || v <= 0) return std::nullopt;
    return v;
}

// Fallback origin when UNKNOT_LAUNCH_US is absent: as early as static
// initialization allows.
const std::int64_t gProcessStartUs = wallUs();
bool gLogStartup = false;

}  // namespace

std::int64_t launchUs() { return launchUsFromEnv().value_or(gProcessStartUs); }

void logStartupPhases(bool on) { gLogStartup = on; }

void startupPhase(const char* name) {
    if (gLogStartup)
        std::fprintf(stderr, "startup %-10s %8.3f ms\n", name, static_cast<double>(wallUs() - launchUs()) / 1000.0);
}

double cpuSeconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

long maxRssKb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;  // kilobytes on Linux
}

}  // namespace unknot::platform
