// Pure helpers behind the screens (see presentation.hpp).
//
// [SECTION] Motion
// [SECTION] Time
// [SECTION] Step summaries
// [SECTION] Touch targets
// [SECTION] Numbers and dates
// [SECTION] The body map
#include "unknot/ui/presentation.hpp"
#include "unknot/ui/strings.hpp"

#include "figure_draw.hpp"

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
        std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
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
    std::string out =
        formatSeconds(step.inhaleMs) + "-" + formatSeconds(step.holdMs) + "-" + formatSeconds(step.exhaleMs);
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

//-----------------------------------------------------------------------------
// [SECTION] Numbers and dates
//-----------------------------------------------------------------------------
std::string formatPercent(int percent, const std::string& lang) {
    return std::to_string(percent) + (isFrench(lang) ? "\u202f%" : "%");
}

std::string formatSigned(double value, int decimals, const std::string& lang) {
    decimals = std::clamp(decimals, 0, 3);
    double scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const long long q = std::llround(std::fabs(value) * scale);
    std::string digits = std::to_string(q);
    if (decimals > 0) {
        while (static_cast<int>(digits.size()) <= decimals) digits.insert(0, "0");
        digits.insert(digits.size() - static_cast<std::size_t>(decimals), isFrench(lang) ? "," : ".");
    }
    // Zero has no sign: "-0.0" would read as a change that did not happen.
    if (q == 0) return digits;
    return (value < 0 ? "\u2212" : "+") + digits;
}

CivilDate civilDate(std::int64_t unixMs, int utcOffsetMinutes) {
    const std::int64_t localMs = unixMs + static_cast<std::int64_t>(utcOffsetMinutes) * 60'000;
    // Floor division: dates before 1970 still land on the right day.
    std::int64_t days = localMs / 86'400'000;
    std::int64_t msOfDay = localMs % 86'400'000;
    if (msOfDay < 0) {
        msOfDay += 86'400'000;
        --days;
    }
    CivilDate d;
    d.hour = static_cast<int>(msOfDay / 3'600'000);
    d.minute = static_cast<int>(msOfDay / 60'000 % 60);
    d.weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
    // Howard Hinnant's civil_from_days.
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
    return d;
}

static const char* monthName(int month, bool fr) {
    static const char* en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char* frs[] = {"janv.", "févr.", "mars",  "avr.", "mai",  "juin",
                                "juil.", "août",  "sept.", "oct.", "nov.", "déc."};
    const int i = std::clamp(month, 1, 12) - 1;
    return fr ? frs[i] : en[i];
}

static const char* weekdayShort(int weekday, bool fr) {
    static const char* en[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* frs[] = {"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."};
    const int i = std::clamp(weekday, 0, 6);
    return fr ? frs[i] : en[i];
}

std::string formatDate(std::int64_t unixMs, int utcOffsetMinutes, const std::string& lang) {
    const CivilDate d = civilDate(unixMs, utcOffsetMinutes);
    return std::to_string(d.day) + " " + monthName(d.month, isFrench(lang)) + " " + std::to_string(d.year);
}

std::string formatTime(std::int64_t unixMs, int utcOffsetMinutes, const std::string& lang) {
    const CivilDate d = civilDate(unixMs, utcOffsetMinutes);
    const std::string mm = (d.minute < 10 ? "0" : "") + std::to_string(d.minute);
    if (isFrench(lang)) return std::to_string(d.hour) + "\u00a0h\u00a0" + mm;
    return (d.hour < 10 ? "0" : "") + std::to_string(d.hour) + ":" + mm;
}

std::string formatShortDay(std::int64_t unixMs, int utcOffsetMinutes, const std::string& lang) {
    const CivilDate d = civilDate(unixMs, utcOffsetMinutes);
    const bool fr = isFrench(lang);
    return std::string(weekdayShort(d.weekday, fr)) + " " + std::to_string(d.day) + " " + monthName(d.month, fr);
}

std::string formatDayMonth(std::int64_t unixMs, int utcOffsetMinutes, const std::string& lang) {
    const CivilDate d = civilDate(unixMs, utcOffsetMinutes);
    return std::to_string(d.day) + "\u00a0" + monthName(d.month, isFrench(lang));
}

std::string weekdayInitial(int weekday, const std::string& lang) {
    static const char* en[] = {"M", "T", "W", "T", "F", "S", "S"};
    static const char* frs[] = {"L", "M", "M", "J", "V", "S", "D"};
    const int i = std::clamp(weekday, 0, 6);
    return isFrench(lang) ? frs[i] : en[i];
}

std::string formatAboutDuration(std::int64_t seconds, const std::string& lang) {
    if (seconds < 60) return tr("time.under_minute", lang);
    const std::int64_t minutes = (seconds + 30) / 60;  // to the nearest minute
    const std::string h = std::to_string(minutes / 60), m = std::to_string(minutes % 60);
    if (minutes < 60) return trf("time.about_min", lang, {{"m", m}});
    if (minutes % 60 == 0) return trf("time.about_h", lang, {{"h", h}});
    return trf("time.about_h_min", lang, {{"h", h}, {"m", m}});
}

std::vector<MapCircle> separateMapCircles(const std::vector<MapCircle>& spots, float gap) {
    auto dist = [](const MapCircle& a, const MapCircle& b) { return std::hypot(a.x - b.x, a.y - b.y); };
    std::vector<MapCircle> kept;
    for (const MapCircle& s : spots) {
        bool covers = false;
        for (const MapCircle& o : spots) covers = covers || (o.area != s.area && o.r < s.r && dist(s, o) < s.r);
        if (!covers) kept.push_back(s);
    }
    std::vector<MapCircle> out = kept;
    for (std::size_t i = 0; i < out.size(); ++i)
        for (std::size_t j = 0; j < kept.size(); ++j)
            if (i != j) out[i].r = std::min(out[i].r, std::max(0.0f, dist(kept[i], kept[j]) * 0.5f - gap));
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] The body map
//-----------------------------------------------------------------------------
namespace {
// The body's scale (px per figure unit): as tall as allowed, and narrow
// enough that the labels' column fits at its right.
float mapScale(FigureExtent body, const BodyMapMetrics& m, float labelW) {
    const float bw = std::max(0.01f, body.x1 - body.x0), bh = std::max(0.01f, body.y1 - body.y0);
    return std::max(1.0f, std::min(m.maxBodyH / bh, (m.width - m.gap - labelW) / bw));
}

// The labels' column: each label level with its anchor where it can be,
// pushed down just enough to clear the one above; then, when the column runs
// past the body, pulled back up as far as the space above allows.
void stackLabels(std::vector<MapLabelBox>& labels, float bodyH, float gap) {
    std::stable_sort(labels.begin(), labels.end(),
                     [](const MapLabelBox& a, const MapLabelBox& b) { return a.ay < b.ay; });
    float next = 0;
    for (MapLabelBox& b : labels) {
        b.y = std::max(b.ay - b.h * 0.5f, next);
        next = b.y + b.h + gap;
    }
    float limit = bodyH;
    for (auto it = labels.rbegin(); it != labels.rend(); ++it) {
        it->y = std::max(0.0f, std::min(it->y, limit - it->h));
        limit = it->y - gap;
    }
    next = 0;
    for (MapLabelBox& b : labels) {
        b.y = std::max(b.y, next);
        next = b.y + b.h + gap;
    }
}
}  // namespace

FigureExtent figureExtent(const FigureShapes& s) {
    if (s.limbs.empty()) return {};
    FigureExtent e{1, 1, 0, 0};
    auto take = [&](Vec2 p, float r) {
        e.x0 = std::min(e.x0, p.x - r);
        e.y0 = std::min(e.y0, p.y - r);
        e.x1 = std::max(e.x1, p.x + r);
        e.y1 = std::max(e.y1, p.y + r);
    };
    for (const Limb& l : s.limbs) {
        take(l.a, l.wa * 0.5f);
        take(l.b, l.wb * 0.5f);
    }
    for (const Vec2& p : s.torso) take(p, 0);
    take(s.head, s.headR);
    return e;
}

BodyMapLayout layoutBodyMap(const std::vector<MapRegion>& regions, FigureExtent body, const BodyMapMetrics& m,
                            const MapLabelMeasure& measure) {
    // One label per area, anchored on its region nearest the labels (the
    // rightmost): an area with a region on each side has one label.
    std::vector<std::string> areas;
    for (const MapRegion& r : regions)
        if (std::find(areas.begin(), areas.end(), r.area) == areas.end()) areas.push_back(r.area);
    const float maxLabelW = std::max({m.minTarget, m.width * m.maxLabelShare, std::min(m.widestWord, m.width * 0.75f)});
    float labelW = m.minTarget;
    for (const std::string& a : areas) labelW = std::max(labelW, std::min(maxLabelW, measure(a, maxLabelW).first));

    BodyMapLayout l;
    BodyMapMetrics fit = m;
    if (m.growToLabels) {
        float column = 0;
        for (const std::string& a : areas) column += std::max(m.minTarget, measure(a, labelW).second) + m.gap;
        fit.maxBodyH = std::max(m.maxBodyH, column - m.gap);
    }
    const float s = mapScale(body, fit, labelW);
    const float bodyW = (body.x1 - body.x0) * s, bodyH = (body.y1 - body.y0) * s;
    const float left = std::max(0.0f, (m.width - (bodyW + m.gap + labelW)) * 0.5f);
    l.figSize = s;
    l.figX = left - body.x0 * s;
    l.figY = -body.y0 * s;
    std::vector<MapCircle> px;
    px.reserve(regions.size());
    for (const MapRegion& r : regions) px.push_back({r.area, l.figX + r.x * s, l.figY + r.y * s, r.r * s});
    l.regions = separateMapCircles(px, std::max(1.0f, m.gap * 0.25f));

    const float labelX = left + bodyW + m.gap;
    for (const std::string& a : areas) {
        const MapCircle* anchor = nullptr;
        for (const MapCircle& c : l.regions)
            if (c.area == a && (!anchor || c.x > anchor->x)) anchor = &c;
        if (!anchor) continue;
        const auto [w, h] = measure(a, labelW);
        (void)w;
        MapLabelBox b{a, labelX, 0, labelW, std::max(m.minTarget, h), anchor->x + anchor->r, anchor->y};
        l.labels.push_back(b);
    }
    stackLabels(l.labels, bodyH, m.gap);
    l.width = std::max(m.width, labelX + labelW);
    l.height = bodyH;
    for (const MapLabelBox& b : l.labels) l.height = std::max(l.height, b.y + b.h);
    return l;
}

std::string mapRegionAt(const BodyMapLayout& l, float x, float y) {
    for (const MapCircle& c : l.regions)
        if (std::hypot(x - c.x, y - c.y) <= c.r) return c.area;
    return {};
}

std::uint32_t mapRegionEdge(std::uint32_t body, std::uint32_t accent, std::uint32_t text, std::uint32_t bg) {
    auto mixed = [](std::uint32_t a, std::uint32_t b, float t) {
        std::uint32_t out = 0xFF000000u;
        for (int shift = 0; shift < 24; shift += 8) {
            const float x = static_cast<float>((a >> shift) & 0xFFu), y = static_cast<float>((b >> shift) & 0xFFu);
            out |= static_cast<std::uint32_t>(std::lround(x + (y - x) * t)) << shift;
        }
        return out;
    };
    // Toward the text first: a colour past the body, away from the
    // background, stands apart from both.
    for (float t = 0; t <= 1.0f; t += 0.05f) {
        const std::uint32_t c = mixed(accent, text, t);
        if (contrastRatio(c, body) >= 3.0f && contrastRatio(c, bg) >= 3.0f) return c;
    }
    for (float t = 0; t <= 1.0f; t += 0.05f) {
        const std::uint32_t c = mixed(accent, bg, t);
        if (contrastRatio(c, body) >= 3.0f) return c;
    }
    return text | 0xFF000000u;
}

}  // namespace unknot::ui
