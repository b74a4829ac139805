// Which day of a plan today is, what it asks for, and whether it is done: a
// pure computation from the plan, the run's start date, the clock and the
// days done (from the journal), so Home's "Today" card and the plan screen
// show the same thing and tests need no clock. Header-only.
//
// [SECTION] Calendar dates
// [SECTION] Today in a plan
#pragma once

#include "unknot/plan.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace unknot::session {

//-----------------------------------------------------------------------------
// [SECTION] Calendar dates
//-----------------------------------------------------------------------------
// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil), so date differences need no time zone library.
constexpr std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// "YYYY-MM-DD" as days since 1970-01-01; nullopt when it is not that shape.
// (The journal refuses dates that do not exist before they get here.)
inline std::optional<std::int64_t> parseDayNumber(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    return daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

// The person's calendar day at `nowMs` (Unix ms), `utcOffsetMinutes` east of
// UTC (the shell passes its local offset), as days since 1970-01-01.
constexpr std::int64_t localDayNumber(std::int64_t nowMs, int utcOffsetMinutes) {
    const std::int64_t ms = nowMs + std::int64_t{utcOffsetMinutes} * 60000;
    constexpr std::int64_t kDayMs = 86400000;
    return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
}

//-----------------------------------------------------------------------------
// [SECTION] Today in a plan
//-----------------------------------------------------------------------------
// Days between maintenance sessions once the weeks are over. Monthly is four
// weeks, so the day of the week stays the same.
constexpr int rhythmDays(PlanRhythm r) {
    switch (r) {
    case PlanRhythm::Weekly: return 7;
    case PlanRhythm::Fortnightly: return 14;
    case PlanRhythm::Monthly: return 28;
    }
    return 7;
}

struct PlanToday {
    enum class Phase { NotStarted, Weeks, Then, Finished };
    Phase phase = Phase::NotStarted;
    std::int64_t day = 0;  // the plan day (0 = the start date); negative before it
    int week = 0;          // 1-based, during the weeks
    int dayOfWeek = 0;     // 1 to 7, during the weeks
    // Today's routines, in order, after the flare swap; empty: a rest day.
    std::vector<std::string> routines;
    bool flareSwapped = false;            // flare mode changed today (to the flare-day routine, or to rest)
    bool done = false;                    // today has routines and is marked done
    std::optional<std::int64_t> nextDay;  // the next plan day with routines, after today
    int daysDone = 0;                     // days done so far in this run
};

namespace detail {
// The routines of plan day `d` (not before the start), without flare mode.
inline std::vector<std::string> planDayRoutines(const Plan& p, std::int64_t d) {
    const auto total = static_cast<std::int64_t>(p.dayCount());
    if (d < total) return p.day(static_cast<std::size_t>(d))->routines;
    // After the weeks: a maintenance day every rhythmDays, the first one a
    // rhythm after the end of the last week.
    if (!p.then) return {};
    const std::int64_t after = d - total + 1;
    return after % rhythmDays(p.then->every) == 0 ? p.then->routines : std::vector<std::string>{};
}
}  // namespace detail

// Today in `plan`, run started on `startDate` ("YYYY-MM-DD"), at `nowMs` with
// the person's UTC offset; `doneDays` from the journal (any order), `flare`
// the person's flare mode. Missed days are simply past: nothing is carried
// over and nothing is owed.
inline PlanToday planToday(const Plan& plan, const std::string& startDate, std::int64_t nowMs, int utcOffsetMinutes,
                           const std::vector<int>& doneDays, bool flare) {
    PlanToday t;
    const auto start = parseDayNumber(startDate);
    if (!start) return t;
    t.day = localDayNumber(nowMs, utcOffsetMinutes) - *start;
    t.daysDone = static_cast<int>(doneDays.size());
    const auto total = static_cast<std::int64_t>(plan.dayCount());
    if (t.day < 0) {
        t.phase = PlanToday::Phase::NotStarted;
    } else if (t.day < total) {
        t.phase = PlanToday::Phase::Weeks;
        t.week = static_cast<int>(t.day / static_cast<std::int64_t>(kPlanDaysPerWeek)) + 1;
        t.dayOfWeek = static_cast<int>(t.day % static_cast<std::int64_t>(kPlanDaysPerWeek)) + 1;
    } else {
        t.phase = plan.then ? PlanToday::Phase::Then : PlanToday::Phase::Finished;
    }
    if (t.day >= 0) t.routines = detail::planDayRoutines(plan, t.day);
    if (flare && !t.routines.empty()) {
        t.flareSwapped = true;
        t.routines = plan.flareDay.empty() ? std::vector<std::string>{} : std::vector<std::string>{plan.flareDay};
    }
    t.done = !t.routines.empty() && std::find(doneDays.begin(), doneDays.end(), t.day) != doneDays.end();
    // The next day with routines: within a maintenance rhythm at most (or
    // the end of the weeks when there is no `then`).
    const std::int64_t from = std::max<std::int64_t>(t.day + 1, 0);
    const std::int64_t limit = std::max<std::int64_t>(total, from) + (plan.then ? rhythmDays(plan.then->every) : 0);
    for (std::int64_t d = from; d <= limit; ++d)
        if (!detail::planDayRoutines(plan, d).empty()) {
            t.nextDay = d;
            break;
        }
    return t;
}

}  // namespace unknot::session
