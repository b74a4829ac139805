// Plans over weeks: which routines to do on which day, as the loader builds
// them from a pack's plans/*.yaml (content/README.md, "Plans"). Plain data
// and lookups only, header-only so unknot_core's sources stay as they are.
//
// [SECTION] Limits
// [SECTION] Plan
// [SECTION] PlanBook: every plan loaded, plus what went wrong
#pragma once

#include "unknot/diagnostics.hpp"
#include "unknot/text.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Limits
//-----------------------------------------------------------------------------
// A year of weeks is far beyond the seeds' three or four weeks, and keeps a
// hostile file from making the plan screen and the journal hold thousands
// of days. content/README.md and content/schema/plan.schema.json say the same.
inline constexpr std::size_t kMaxPlanWeeks = 52;
inline constexpr std::size_t kPlanDaysPerWeek = 7;
// Home exercise works best with a few exercises at a time (the seeds say 2
// to 4), so a day names 1 to 3 routines.
inline constexpr std::size_t kMaxRoutinesPerPlanDay = 3;
inline constexpr std::size_t kMaxPlanSummaryChars = 600;

//-----------------------------------------------------------------------------
// [SECTION] Plan
//-----------------------------------------------------------------------------
// One day: the routines to do, in order; none on a rest day.
struct PlanDay {
    std::vector<std::string> routines;
    bool rest() const { return routines.empty(); }
};

struct PlanWeek {
    std::vector<PlanDay> days;  // kPlanDaysPerWeek of them
};

// After the weeks: keep going at a gentler rhythm (the seeds: every two weeks
// or monthly once the first weeks are done).
enum class PlanRhythm { Weekly, Fortnightly, Monthly };

inline const char* toString(PlanRhythm r) {
    switch (r) {
    case PlanRhythm::Weekly: return "weekly";
    case PlanRhythm::Fortnightly: return "fortnightly";
    case PlanRhythm::Monthly: return "monthly";
    }
    return "weekly";
}

inline std::optional<PlanRhythm> planRhythmFromString(std::string_view s) {
    if (s == "weekly") return PlanRhythm::Weekly;
    if (s == "fortnightly") return PlanRhythm::Fortnightly;
    if (s == "monthly") return PlanRhythm::Monthly;
    return std::nullopt;
}

struct PlanThen {
    PlanRhythm every = PlanRhythm::Fortnightly;
    std::vector<std::string> routines;  // 1 to kMaxRoutinesPerPlanDay
};

struct Plan {
    std::string id;
    Text title;
    Text summary;
    std::vector<PlanWeek> weeks;
    std::optional<PlanThen> then;
    // The routine that replaces a day's routines in flare mode ("" = none:
    // the day is then a rest day in flare mode). Lint checks it is flare-safe.
    std::string flareDay;
    std::string path;  // the file it came from
    std::string pack;  // the id of its pack

    std::size_t dayCount() const { return weeks.size() * kPlanDaysPerWeek; }
    // Day `index` from 0 (week index / 7, day index % 7); null past the end.
    const PlanDay* day(std::size_t index) const {
        std::size_t w = index / kPlanDaysPerWeek, d = index % kPlanDaysPerWeek;
        if (w >= weeks.size() || d >= weeks[w].days.size()) return nullptr;
        return &weeks[w].days[d];
    }
};

//-----------------------------------------------------------------------------
// [SECTION] PlanBook
//-----------------------------------------------------------------------------
// The plans that loaded, sorted by id, and every problem found in plan files.
// A plan with an error is left out; the rest are complete.
struct PlanBook {
    std::vector<Plan> plans;
    std::vector<Diagnostic> diagnostics;

    const Plan* find(std::string_view id) const {
        for (const auto& p : plans)
            if (p.id == id) return &p;
        return nullptr;
    }
};

}  // namespace unknot
