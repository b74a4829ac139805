// Pure helpers behind the screens (see presentation.hpp).
//
// [SECTION] Motion
// [SECTION] Time
// [SECTION] Step summaries
// [SECTION] Touch targets
#include "unknot/ui/presentation.hpp"
#include "unknot/ui/strings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Motion
//-----------------------------------------------------------------------------
float easeInOut(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return static_cast<float>(0.5 - 0.5 * std::cos(t * 3.14159265358979323846));
}

float breathScale(BreathPhase phase, double progress) {
    switch (phase) {
    case BreathPhase::Inhale: return easeInOut(progress);
    case BreathPhase::Hold: return 1.0f;
    case BreathPhase::Exhale: return 1.0f - easeInOut(progress);
    case BreathPhase::Rest: return 0.0f;
    case BreathPhase::None: break;
    }
    // Not a breathing segment: a calm middle size.
    return 0.5f;
}

//-----------------------------------------------------------------------------
// [SECTION] Time
//-----------------------------------------------------------------------------
std::int64_t ceilSeconds(std::int64_t ms) {
    if (ms <= 0) return 0;
    return (ms + 999) / 1000;
}

std::string formatClock(std::int64_t ms) {
    const std::int64_t s = ceilSeconds(ms);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                      static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60),
                      static_cast<long long>(s % 60));
    return buf;
}

std::string formatCountdown(std::int64_t ms) {
    const std::int64_t s = ceilSeconds(ms);
    if (s < 60) return std::to_string(s);
    return formatClock(ms);
}

//-----------------------------------------------------------------------------
// [SECTION] Step summaries
//-----------------------------------------------------------------------------
std::string breathPattern(const StepSummary& step) {
    // In, hold and out always show (a 0 hold is part of the pattern's name);
    // the rest only when the pattern has one.
    std::string out = formatSeconds(step.inhaleMs) + "-" + formatSeconds(step.holdMs) + "-" +
                      formatSeconds(step.exhaleMs);
    if (step.restMs > 0) out += "-" + formatSeconds(step.restMs);
    return out;
}

// Whole seconds, rounded to the nearest: 4.5 s of total shows as "5 s".
static std::string human(std::int64_t ms) { return formatDurationHuman((ms + 500) / 1000); }

std::string stepTimeText(const StepSummary& step, const std::string& lang) {
    switch (step.kind) {
    case SegmentKind::Breath:
        return breathPattern(step) + " \u00d7 " + std::to_string(step.cycles) + " (" + human(step.totalMs) + ")";
    case SegmentKind::Wait: return tr("card.when_ready", lang);
    case SegmentKind::Timed:
    case SegmentKind::Switch: break;
    }
    if (step.sides.size() >= 2) return trf("card.each_side", lang, {{"t", human(step.sideMs)}});
    if (step.sides.size() == 1)
        return trf(step.sides.front() == Side::Left ? "card.left_only" : "card.right_only", lang,
                   {{"t", human(step.sideMs)}});
    return human(step.totalMs);
}

//-----------------------------------------------------------------------------
// [SECTION] Touch targets
//-----------------------------------------------------------------------------
float touchHeight(float em) { return std::max(48.0f, 2.4f * em); }

}  // namespace unknot::ui
