#include "unknot/session/reminder.hpp"

namespace unknot::session {

namespace {
constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kMinuteMs = 60000;
}  // namespace

std::int64_t localTimeMs(std::int64_t day, int minute, const OffsetAt& offsetAt) {
    const std::int64_t local = day * kDayMs + std::int64_t{minute} * kMinuteMs;
    // First with the offset at that day's UTC midnight, then with the offset
    // at the instant found: one correction settles a daylight-saving change.
    const std::int64_t guess = local - std::int64_t{offsetAt(day * kDayMs)} * kMinuteMs;
    return local - std::int64_t{offsetAt(guess)} * kMinuteMs;
}

std::optional<ReminderDue> nextReminder(const std::optional<TodayInPlan>& today, int minute, bool flare,
                                        std::int64_t wallMs, const OffsetAt& offsetAt) {
    if (!today || !today->plan) return std::nullopt;
    const std::int64_t day0 = localDayNumber(wallMs, offsetAt(wallMs));
    // Today: its own routines and what is done of them.
    const std::int64_t at0 = localTimeMs(day0, minute, offsetAt);
    if (at0 > wallMs && !today->today.routines.empty() && !today->allDone())
        return ReminderDue{at0, today->today.routines, true};
    // A later day: nothing of it can be done yet, so it needs a reminder
    // whenever it has routines.
    for (std::int64_t d = day0 + 1; d <= day0 + kReminderHorizonDays; ++d) {
        const std::int64_t at = localTimeMs(d, minute, offsetAt);
        const PlanToday t = planToday(*today->plan, today->run.startDate, at, offsetAt(at), today->daysDone, flare);
        if (!t.routines.empty() && !t.done) return ReminderDue{at, t.routines, false};
    }
    return std::nullopt;
}

}  // namespace unknot::session
