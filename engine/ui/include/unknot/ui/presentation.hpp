// Pure helpers behind the screens: easing, the breathing shape, clock text and
// the step summaries of a card. No ImGui here, so tests check them directly.
//
// [SECTION] Motion (easing, the breathing shape)
// [SECTION] Time as the screens show it
// [SECTION] Step summaries (a card's list of steps)
// [SECTION] Touch targets
// [SECTION] Numbers and dates in the UI's language
// [SECTION] The body map (regions, labels, colours)
#pragma once

#include "unknot/figure.hpp"
#include "unknot/timeline.hpp"

#include <cstdint>
#include <functional>
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
// "16 Nov" / "16 nov.": the day and the month, for a calendar row's label.
std::string formatDayMonth(std::int64_t unixMs, int utcOffsetMinutes, const std::string& lang);
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

//-----------------------------------------------------------------------------
// [SECTION] The body map
//-----------------------------------------------------------------------------
// The map draws the figure model's standing person (poses stand-front and
// stand-back) and, on it, each area as a soft round region; every area shown
// has one label beside the figure, joined to its region by a thin line. The
// labels are the targets (a fingertip at least, never overlapping); a tap on
// a region itself also works. Pure geometry, so the tests check it without a
// window.

// One region of an area, in figure space (the figure model's unit square,
// content/areas.yaml `map`): centre and radius.
struct MapRegion {
    std::string area;
    float x = 0, y = 0, r = 0;
};
// What the figure covers of its square (from its composed shapes), so the
// map can size the body itself, not the empty square around it.
struct FigureExtent {
    float x0 = 0, y0 = 0, x1 = 1, y1 = 1;
};
// The box around a figure's body (limbs, torso, head; not the scene), in
// figure space; the whole square when it has no shapes.
FigureExtent figureExtent(const FigureShapes& s);
struct MapLabelBox {
    std::string area;
    float x = 0, y = 0, w = 0, h = 0;  // the label's target, px
    float ax = 0, ay = 0;              // where its line meets the region, px
};
struct BodyMapLayout {
    float figX = 0, figY = 0, figSize = 0;  // the figure's square, px
    std::vector<MapCircle> regions;         // px; none overlaps another
    std::vector<MapLabelBox> labels;        // top to bottom; none overlaps another
    float width = 0, height = 0;            // all of it, from (0, 0)
};
struct BodyMapMetrics {
    float width = 0;             // available across, px
    float maxBodyH = 0;          // the tallest the body may be drawn, px
    float minTarget = 48;        // a label is at least this tall and wide
    float gap = 8;               // between labels, and between body and labels
    float maxLabelShare = 0.5f;  // of the width, at most, for the labels
    // The widest single word of a label, padding included: the column grows
    // to it (up to 3/4 of the width) so a long word at large text keeps its
    // size instead of shrinking; the body narrows instead.
    float widestWord = 0;
    // A wide window at large text (a laptop at 200 %): the labels' column is
    // far taller than maxBodyH, and lines from the spots would run far down
    // to their labels. Then the body grows to the column's height, as wide as
    // the width allows, so each label sits beside its spot (the map scrolls).
    bool growToLabels = false;
};
// The size of an area's label (its target, padding included) when it may
// be at most `maxW` wide: the caller measures with its font.
using MapLabelMeasure = std::function<std::pair<float, float>(const std::string& area, float maxW)>;
// Lays one view out: the body at the left, sized to fit both the height and
// the labels' column at its right; each area of `regions` (in the order
// given, first region of an area the label's anchor: the one nearest the
// labels) gets one label, placed level with its region where it can and
// pushed down just enough not to overlap the one above. Regions that would
// overlap at this size shrink to half the distance between them, less `gap`.
BodyMapLayout layoutBodyMap(const std::vector<MapRegion>& regions, FigureExtent body, const BodyMapMetrics& m,
                            const MapLabelMeasure& measure);
// The area whose region holds the point (px), or "".
std::string mapRegionAt(const BodyMapLayout& l, float x, float y);

// Colours (ImU32, 0xAABBGGRR): a region's outline, the accent moved toward
// the text or the background until it stands at least 3:1 against the body
// it is drawn on (and against the background, where a region meets it).
std::uint32_t mapRegionEdge(std::uint32_t body, std::uint32_t accent, std::uint32_t text, std::uint32_t bg);

}  // namespace unknot::ui
