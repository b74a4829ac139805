// Pure helpers behind the screens: easing, the breathing shape, clock text and
// the step summaries of a card. No ImGui here, so tests check them directly.
//
// [SECTION] Motion (easing, the breathing shape)
// [SECTION] Time as the screens show it
// [SECTION] Step summaries (a card's list of steps)
// [SECTION] Touch targets
// [SECTION] Numbers and dates in the UI's language
#pragma once

#include "unknot/timeline.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Motion
//-----------------------------------------------------------------------------
// Sine ease-in-out on 0..1 (clamped): slow at both ends, like a calm breath.
float easeInOut(double t);

// How full the breathing shape is, 0 (smallest) to 1 (fullest), at `progress`
// (0..1) through a phase: it grows through the inhale, stays full through the
// hold, shrinks through the exhale and stays small through the rest.
float breathScale(BreathPhase phase, double progress);

//-----------------------------------------------------------------------------
// [SECTION] Time
//-----------------------------------------------------------------------------
// Whole seconds rounded up, so a countdown shows "1" until the very end and
// never "0" while time is left.
std::int64_t ceilSeconds(std::int64_t ms);
// "m:ss", or "h:mm:ss" from an hour ("12:30", "1:02:03"); rounded up.
std::string formatClock(std::int64_t ms);
// The number inside a countdown ring: "7" under a minute, else "m:ss".
std::string formatCountdown(std::int64_t ms);

//-----------------------------------------------------------------------------
// [SECTION] Step summaries
//-----------------------------------------------------------------------------
// How long a step takes, in the UI's language, from the engine's summary of
// it (unknot::summarizeSteps): "30 s each side", "4-2-6 × 25 (5 min)",
// "45 s", "At your own pace" for a wait.
std::string stepTimeText(const StepSummary& step, const std::string& lang);
// The breathing counts of a step: "4-2-6", "4-7-8-2" (rest only when there is one).
std::string breathPattern(const StepSummary& step);

//-----------------------------------------------------------------------------
// [SECTION] Touch targets
//-----------------------------------------------------------------------------
// The smallest height of anything tappable, in logical px, for a font of `em`
// px: 48 px (a fingertip) or 2.4 em for large text, whichever is taller.
float touchHeight(float em);

//-----------------------------------------------------------------------------
// [SECTION] Numbers and dates
//-----------------------------------------------------------------------------
// English: "150%", "-1.8", "21 Nov 2026", "14:05". French: "150 %" (narrow
// no-break space), "−1,8" (decimal comma), "21 nov. 2026", "14 h 05".
// Signed numbers use the minus sign U+2212 in both, never a hyphen.
std::string formatPercent(int percent, const std::string& lang);
std::string formatSigned(double value, int decimals, const std::string& lang);
// A local calendar day from Unix ms and a UTC offset in minutes.
struct CivilDate {
    int year = 1970, month = 1, day = 1;  // month 1..12
    int weekday = 0;                      // 0 = Monday
    int hour = 0, minute = 0;
};
CivilDate civilDate(std::int64_t unixMs, int utcOffsetMinutes);
std::string formatDate(std::int64_t unixMs, int utcOffsetMinutes, const std::string& lang);
std::string formatTime(std::int64_t unixMs, int utcOffsetMinutes, const std::string& lang);
// "Mon 16 Nov" / "lun. 16 nov.": short, for list rows.
std::string formatShortDay(std::int64_t unixMs, int utcOffsetMinutes, const std::string& lang);
// One letter per weekday, Monday first: "M T W T F S S" / "L M M J V S D".
std::string weekdayInitial(int weekday, const std::string& lang);

// A routine's length as people say it, on cards and lists: "about 10 min",
// "about 1 h 5 min", "under a minute" ("environ 10 min", "moins d’une
// minute"). Exact times belong in the player and the command line.
std::string formatAboutDuration(std::int64_t seconds, const std::string& lang);

// A spot of the body map, in px: which area, its centre and its radius.
struct MapCircle {
    std::string area;
    float x = 0, y = 0, r = 0;
};
// The spots of one view as drawn, none overlapping another: a spot that
// covers another area's centre (a "whole body" circle over the belly) stays
// off the map (its area button lists it), and every other keeps at most half
// the distance to its nearest neighbour, less `gap`.
std::vector<MapCircle> separateMapCircles(const std::vector<MapCircle>& spots, float gap);

}  // namespace unknot::ui
