// The daily reminder: when the next one is due and what it names. A pure
// computation from today in the active plan, the chosen time and the clock, so
// the App only hands the answer to the platform's notifier (services.hpp) and
// tests need no clock.
//
// The rule, in one place:
// - A reminder is for a plan day that has routines and is not done. Rest
//   days, days already done and a plan not started yet send nothing, and no
//   plan sends nothing at all (Home is where a plan starts).
// - It is due at the chosen local time of that day, strictly after now: an
//   Unknot opened after today's time waits for tomorrow (the person is here
//   already), and one that shows today's reminder schedules the next day's.
// - The local time is the offset at that instant, so a daylight-saving change
//   between now and then does not move it by an hour.
#pragma once

#include "unknot/session/plan_progress.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace unknot::session {

// Minutes east of UTC at a Unix-ms instant (the Clock's utcOffsetMinutes).
using OffsetAt = std::function<int(std::int64_t wallMs)>;

// How far ahead a reminder is looked for: two monthly rhythms of a plan's
// "then", so a plan in its maintenance phase still has one.
inline constexpr int kReminderHorizonDays = 62;

struct ReminderDue {
    std::int64_t atMs = 0;              // Unix ms
    std::vector<std::string> routines;  // that day's routines, after the flare swap
    bool today = false;                 // today's practice (else a later day's)
};

// The instant `minute` minutes after the start of local day `day` (days since
// 1970-01-01), with the offset in force at that instant.
std::int64_t localTimeMs(std::int64_t day, int minute, const OffsetAt& offsetAt);

// The next reminder strictly after `wallMs` for the plan run `today` (as
// todayInPlan gave it at `wallMs`), at `minute` after local midnight;
// nullopt without a plan or when no day in kReminderHorizonDays needs one.
std::optional<ReminderDue> nextReminder(const std::optional<TodayInPlan>& today, int minute, bool flare,
                                        std::int64_t wallMs, const OffsetAt& offsetAt);

}  // namespace unknot::session
