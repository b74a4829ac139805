// The journal's screens: the pain question before a session (and its picker,
// also on the end screen), and History: the days practised, the streak, pain
// before and after over time, the average change per routine, every session,
// and Export.
//
// [SECTION] The 0-10 pain picker
// [SECTION] Before a session: "How is your pain right now?"
// [SECTION] History
// [SECTION] History: the strip of weeks
// [SECTION] History: the chart (ImDrawList)
#include "app_impl.hpp"

#include "unknot/ui/strings.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <functional>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] The 0-10 pain picker
//-----------------------------------------------------------------------------
// Eleven big targets, in rows of equal buttons (as many per row as fit a
// fingertip and a two-digit number), with the scale's ends named under it:
// 0 no pain, 10 the worst imaginable.
std::optional<int> App::Impl::painPicker(const std::string& idPrefix, std::optional<int> selected, float width) {
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    // Wider than a fingertip: stiff or shaky hands should not need precision.
    const float minW = std::max(ui.touch() * 1.4f, ImGui::CalcTextSize("10").x * 1.6f + 1.2f * ui.em());
    constexpr int kValues = kPainMax - kPainMin + 1;
    int perRow = std::clamp(static_cast<int>((width + sp) / (minW + sp)), 1, kValues);
    // Even rows: 11 in rows of 6+5 or 4+4+3 reads better than 10+1.
    const int rows = (kValues + perRow - 1) / perRow;
    perRow = (kValues + rows - 1) / rows;
    const float bw = std::floor((width - sp * static_cast<float>(perRow - 1)) / static_cast<float>(perRow));
    std::optional<int> tapped;
    for (int v = kPainMin; v <= kPainMax; ++v) {
        if ((v - kPainMin) % perRow != 0) ImGui::SameLine(0, sp);
        const bool on = selected && *selected == v;
        if (ui.button(idPrefix + std::to_string(v), std::to_string(v), bw, on ? Tone::Selected : Tone::Quiet,
                      ui.fonts().large))
            tapped = v;
    }
    ui.text(tr("pain.scale", lang), nullptr, pal().textMuted);
    return tapped;
}

//-----------------------------------------------------------------------------
// [SECTION] Before a session
//-----------------------------------------------------------------------------
void App::Impl::drawPainBefore(const screen::PainBefore& sc) {
    const Routine* r = lib().findRoutine(sc.routine);
    topBar(r ? r->title.get(lang) : sc.routine, true);
    if (!r) return;
    const float em = ui.em();
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float colW = wide ? std::min(avail.x, 30.0f * em) : avail.x;
    const float x0 = ImGui::GetCursorPosX() + (avail.x - colW) * 0.5f;
    ImGui::SetCursorPosX(x0);
    ui.beginScroll("pain-before", avail.y - ui.touch() - sp, colW);
    ui.text(tr("pain.before", lang), ui.fonts().large);
    ui.text(tr("pain.optional", lang), nullptr, pal().textMuted);
    ImGui::Dummy(ImVec2(0, 0.3f * em));
    std::optional<int> picked = painPicker("pain:", std::nullopt, 0);
    ImGui::Dummy(ImVec2(0, 0.6f * em));
    // Skipping can become the default: the question then stays away.
    const bool never = ui.button("pain-never", tr("pain.never", lang), 0, Tone::Quiet);
    ui.endScroll();
    ImGui::SetCursorPosX(x0);
    const bool skip = ui.button("pain-skip", tr("pain.skip", lang), colW, Tone::Quiet, ui.fonts().large);
    if (picked || skip || never) {
        const std::string id = r->id;
        later.push_back([this, id, picked, never] {
            const Routine* rr = lib().findRoutine(id);
            if (!rr) return;
            if (never) {
                Settings next = settings;
                next.askPain = false;
                changeSettings(next);
            }
            const std::string area = pendingArea;
            // The question is replaced by the session: Back from the player
            // goes to the card, not to the question again.
            replaceTop(screen::Player{id});
            startSession(*rr, now);
            (void)session.setPainBefore(picked);  // from the picker: in range
            session.area = area;
        });
    }
}

//-----------------------------------------------------------------------------
// [SECTION] History
//-----------------------------------------------------------------------------
void App::Impl::drawHistory(screen::History& sc) {
    HistoryView& historyView = sc.view;
    topBar(tr("history.title", lang), true);
    const float em = ui.em();
    const float W = ImGui::GetContentRegionAvail().x;
    const float colW = wide ? std::min(W, 40.0f * em) : W;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (W - colW) * 0.5f);
    // Queried once when the screen opens or the journal changed: 10,000
    // sessions must not cost a query per frame.
    if (!historyView.valid || historyView.at != journal->changeCount()) {
        HistoryQuery q;
        q.nowMs = wallNow();
        q.utcOffsetMinutes = utcOffset(q.nowMs);
        historyView.data = journal->history(q);
        historyView.at = journal->changeCount();
        historyView.valid = true;
    }
    const History& h = historyView.data;
    const int offset = utcOffset(wallNow());
    ui.beginScroll("history", 0, colW);
    drawJournalNotices(0);

    // The days practised, and the streak in words (never colour alone).
    drawHistoryStrip(historyView, ImGui::GetContentRegionAvail().x);
    const std::string streak = h.currentStreak == 1
                                   ? std::string(tr("history.streak_one", lang))
                                   : trf("history.streak_many", lang, {{"n", std::to_string(h.currentStreak)}});
    const std::string total = h.totalSessions == 1
                                  ? std::string(tr("history.total_one", lang))
                                  : trf("history.total_many", lang, {{"n", std::to_string(h.totalSessions)}});
    ui.text(h.currentStreak > 0 ? streak + "  \u00b7  " + total : total);

    if (h.totalSessions == 0) {
        ImGui::Dummy(ImVec2(0, 0.4f * em));
        ui.text(tr("history.empty", lang), nullptr, pal().textMuted);
    }

    // Pain before and after, over time.
    ImGui::Dummy(ImVec2(0, 0.4f * em));
    ui.text(tr("history.chart", lang), ui.fonts().large);
    if (h.chart.empty()) {
        ui.text(tr("history.chart_empty", lang), nullptr, pal().textMuted);
    } else {
        const float cw = ImGui::GetContentRegionAvail().x;
        drawHistoryChart(historyView, cw, std::clamp(cw * 0.55f, 8.0f * em, 16.0f * em));
    }

    drawHistoryAverages(h);
    drawHistorySessions(h, offset);
    drawHistoryExport(historyView, offset);
    ui.text(tr("history.private", lang), nullptr, pal().textMuted);
    ui.endScroll();
}

// What seems to help: the average change per routine.
void App::Impl::drawHistoryAverages(const History& h) {
    const float em = ui.em();
    if (!h.averages.empty()) {
        ImGui::Dummy(ImVec2(0, 0.4f * em));
        ui.text(tr("history.averages", lang), ui.fonts().large);
        for (const RoutineAverage& a : h.averages) {
            const std::string change = formatSigned(a.averageChange, 1, lang);
            const std::string line =
                a.sessions == 1
                    ? trf("history.average_one", lang, {{"r", routineTitle(a.routineId)}, {"c", change}})
                    : trf("history.average_many", lang,
                          {{"r", routineTitle(a.routineId)}, {"c", change}, {"n", std::to_string(a.sessions)}});
            ui.text(line);
        }
        ui.text(tr("history.averages_note", lang), nullptr, pal().textMuted);
    }
}

// Every session, newest first.
void App::Impl::drawHistorySessions(const History& h, int offset) {
    const float em = ui.em();
    if (!h.sessions.empty()) {
        ImGui::Dummy(ImVec2(0, 0.4f * em));
        ui.text(tr("history.sessions", lang), ui.fonts().large);
        for (const SessionRecord& s : h.sessions) {
            std::string title = formatShortDay(s.startedAt, offset, lang) + ", " +
                                formatTime(s.startedAt, offset, lang) + "  \u00b7  " + routineTitle(s.routineId);
            std::string sub = formatDurationHuman(s.practisedSeconds);
            sub += "  \u00b7  ";
            sub += s.finished
                       ? tr("history.finished", lang)
                       : trf("history.stopped_at", lang, {{"n", std::to_string(s.stoppedAtStep.value_or(0) + 1)}});
            if (s.painBefore || s.painAfter) {
                const std::string b = s.painBefore ? std::to_string(*s.painBefore) : "\u2013";
                const std::string a = s.painAfter ? std::to_string(*s.painAfter) : "\u2013";
                sub += "  \u00b7  " + trf("history.pain", lang, {{"b", b}, {"a", a}});
            }
            if (!s.note.empty()) sub += "\n" + s.note;
            // The date and the routine in the muted text colour (4.5:1 on the
            // panel in every theme), not the faint track colour.
            ui.notePanel(title, {sub}, pal().surface, pal().textMuted);
        }
        if (h.totalSessions > static_cast<int>(h.sessions.size()))
            ui.text(trf("history.older", lang,
                        {{"n", std::to_string(h.totalSessions - static_cast<int>(h.sessions.size()))}}),
                    nullptr, pal().textMuted);
    }
}

// Export: the whole journal as CSV and JSON files in the data folder.
void App::Impl::drawHistoryExport(HistoryView& historyView, int offset) {
    ImGui::Dummy(ImVec2(0, 0.4f * ui.em()));
    if (!cfg.exportDir.empty() && ui.button("export", tr("history.export", lang), 0, Tone::Quiet)) {
        const CivilDate d = civilDate(wallNow(), offset);
        char stamp[32];
        std::snprintf(stamp, sizeof stamp, "%04d%02d%02d-%02d%02d", d.year, d.month, d.day, d.hour, d.minute);
        const std::string base = cfg.exportDir + (cfg.exportDir.back() == '/' ? "" : "/") + "unknot-journal-" + stamp;
        // One moment of the journal for both files, each written by the
        // command line's rule (writeExportFile: a temporary file, synced and
        // renamed; never through a link or into a folder; every write checked).
        const JournalSnapshot snap = snapshot(*journal);
        bool ok = true;
        for (const auto& [ext, data] : {std::pair<std::string, std::string>{".csv", exportCsv(snap)},
                                        std::pair<std::string, std::string>{".json", exportJson(snap, INT64_MIN)}})
            ok = ok && writeExportFile(base + ext, data).empty();
        historyView.exportMessage = ok ? trf("history.exported", lang, {{"path", base + ".csv / .json"}})
                                       : trf("history.export_failed", lang, {{"path", cfg.exportDir}});
        changed();
    }
    if (!historyView.exportMessage.empty()) ui.text(historyView.exportMessage, nullptr, pal().textMuted);
}

//-----------------------------------------------------------------------------
// [SECTION] History: the strip of weeks
//-----------------------------------------------------------------------------
// The strip's rows, each labelled with the date of its Monday ("16 Nov"), as
// a paper calendar is: in a column at the left where it fits beside day
// cells of at least 1 em (a label may shrink to 80 % for that); otherwise
// (large text on a phone) above its row, at full size, the cells kept large.
struct StripLayout {
    float cell = 0, labelW = 0, labelPx = 0, labelLine = 0;  // labelLine > 0: labels above their rows
    std::vector<std::string> labels;
    float rowH() const { return cell + labelLine; }
};

static StripLayout stripLayout(const History& h, int weeks, float width, float em, ImFont* font,
                               const std::function<int(std::int64_t)>& offsetAt, const std::string& lang) {
    StripLayout L;
    float widest = 0;
    const float px = fontPx(font);
    for (int row = 0; row < weeks; ++row) {
        const std::int64_t monday = h.firstDayStartMs + static_cast<std::int64_t>(row) * 7 * 86'400'000LL;
        L.labels.push_back(formatDayMonth(monday, offsetAt(monday), lang));
        widest = std::max(widest, font->CalcTextSizeA(px, FLT_MAX, 0, L.labels.back().c_str()).x);
    }
    const float gap = 0.3f * em;
    const float room = width - 7 * em - gap;  // the most the labels can take beside cells of 1 em
    L.labelPx = widest <= room ? px : px * room / std::max(widest, 1.0f);
    if (L.labelPx >= 0.8f * px) {
        L.labelW = widest * L.labelPx / px + gap;
    } else {
        L.labelPx = px;
        L.labelLine = px * 1.15f;
    }
    L.cell = std::min((width - L.labelW) / 7.0f, 2.6f * em);
    return L;
}

// Seven columns, Monday first, one row per week, oldest at the top: a filled
// disc on each day practised, a ring around today.
void App::Impl::drawHistoryStrip(const HistoryView& view, float width) {
    const History& h = view.data;
    const float em = ui.em();
    const int weeks = static_cast<int>(h.daysPractised.size() / 7);
    if (weeks == 0) return;
    // Which weeks these are: the first day and the last, in words.
    const std::int64_t lastDay = h.firstDayStartMs + (static_cast<std::int64_t>(weeks) * 7 - 1) * 86'400'000LL;
    ui.text(formatShortDay(h.firstDayStartMs, utcOffset(h.firstDayStartMs), lang) + " \u2013 " +
                formatShortDay(lastDay, utcOffset(lastDay), lang),
            nullptr, pal().textMuted);
    ImFont* font = ui.fonts().body;
    const StripLayout L = stripLayout(
        h, weeks, width, em, font, [this](std::int64_t ms) { return utcOffset(ms); }, lang);
    const float cell = L.cell;
    const float gridW = L.labelW + cell * 7;
    const float xl = ImGui::GetCursorScreenPos().x + (width - gridW) * 0.5f;
    const float x0 = xl + L.labelW;
    const float y0 = ImGui::GetCursorScreenPos().y;
    float y = y0;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int d = 0; d < 7; ++d) {
        const std::string l = weekdayInitial(d, lang);
        const ImVec2 ts = ImGui::CalcTextSize(l.c_str());
        dl->AddText(font, fontPx(font), ImVec2(x0 + cell * (static_cast<float>(d) + 0.5f) - ts.x * 0.5f, y),
                    pal().textMuted, l.c_str());
    }
    y += ImGui::GetTextLineHeightWithSpacing();
    // The centre height of each row's cells.
    auto rowMid = [&](int row) { return y + L.rowH() * static_cast<float>(row) + L.labelLine + cell * 0.5f; };
    // Each row's date (recorded as laid-out text): beside the row, or above it.
    for (std::size_t row = 0; row < L.labels.size(); ++row) {
        const Wrapped w = oneLine(font, L.labelPx, L.labels[row]);
        const float mid = rowMid(static_cast<int>(row));
        const ImVec2 at =
            L.labelLine > 0 ? ImVec2(x0, mid - cell * 0.5f - L.labelLine) : ImVec2(xl, mid - L.labelPx * 0.5f);
        ui.drawWrapped(dl, font, w, at, pal().textMuted);
    }
    // Today's index in the strip, from the local date.
    const std::int64_t todayIndex =
        (wallNow() + static_cast<std::int64_t>(utcOffset(wallNow())) * 60'000 -
         (h.firstDayStartMs + static_cast<std::int64_t>(utcOffset(h.firstDayStartMs)) * 60'000)) /
        86'400'000;
    const float r = cell * 0.32f;
    for (int i = 0; i < weeks * 7; ++i) {
        const int row = i / 7, col = i % 7;
        const ImVec2 c(x0 + cell * (static_cast<float>(col) + 0.5f), rowMid(row));
        if (i > todayIndex) continue;  // the rest of this week is still to come
        if (h.daysPractised[static_cast<std::size_t>(i)])
            dl->AddCircleFilled(c, r, pal().accent, 20);
        else
            dl->AddCircleFilled(c, r * 0.35f, pal().track, 12);
        if (i == todayIndex) dl->AddCircle(c, r + 0.15f * em, pal().text, 24, std::max(1.5f, 0.08f * em));
    }
    // The weekday letters and the rows of weeks, and a little air below.
    ImGui::Dummy(ImVec2(width, y - y0 + L.rowH() * static_cast<float>(weeks) + 0.3f * em));
}

//-----------------------------------------------------------------------------
// [SECTION] History: the chart
//-----------------------------------------------------------------------------
// Pain (0-10, up is worse) for each session with both answers, oldest at the
// left: "before" as hollow rings on a muted line, "after" as filled discs on
// an accent line, so the two differ in shape and not only in colour.
void App::Impl::drawHistoryChart(const HistoryView& view, float width, float height) {
    const std::vector<ChartPoint>& pts = view.data.chart;
    const float em = ui.em();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ui.fonts().body;
    const float fs = fontPx(font);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float labelW = ImGui::CalcTextSize("10").x + 0.4f * em;
    const float left = p0.x + labelW, right = p0.x + width - 0.5f * em;
    const float top = p0.y + 0.5f * fs, bottom = p0.y + height - 0.5f * fs;
    auto yOf = [&](int v) { return bottom - (bottom - top) * static_cast<float>(v) / 10.0f; };
    for (int v : {0, 5, 10}) {
        const float y = yOf(v);
        dl->AddLine(ImVec2(left, y), ImVec2(right, y), pal().track, 1.0f);
        const std::string t = std::to_string(v);
        dl->AddText(font, fs, ImVec2(p0.x, y - fs * 0.5f), pal().textMuted, t.c_str());
    }
    const std::size_t n = pts.size();
    auto xOf = [&](std::size_t i) {
        return n == 1 ? (left + right) * 0.5f
                      : left + 0.5f * em + (right - left - em) * static_cast<float>(i) / static_cast<float>(n - 1);
    };
    const float thick = std::max(1.5f, 0.1f * em);
    const float dot = std::clamp((right - left) / static_cast<float>(n) * 0.3f, 0.15f * em, 0.35f * em);
    std::vector<ImVec2> before, after;
    for (std::size_t i = 0; i < n; ++i) {
        before.emplace_back(xOf(i), yOf(pts[i].before));
        after.emplace_back(xOf(i), yOf(pts[i].after));
    }
    if (n > 1) {
        dl->AddPolyline(before.data(), static_cast<int>(n), pal().textMuted, ImDrawFlags_None, thick);
        dl->AddPolyline(after.data(), static_cast<int>(n), pal().accent, ImDrawFlags_None, thick);
    }
    for (std::size_t i = 0; i < n; ++i) {
        // Equal pain before and after: the "before" ring goes around the
        // "after" disc, so both marks stay visible.
        const float ring = pts[i].before == pts[i].after ? dot + 1.5f * thick : dot;
        dl->AddCircleFilled(before[i], ring, pal().bg, 12);
        dl->AddCircle(before[i], ring, pal().textMuted, 12, thick);
        dl->AddCircleFilled(after[i], dot, pal().accent, 12);
    }
    ImGui::Dummy(ImVec2(width, height));
    // The legend, in words as well as shapes.
    const ImVec2 l = ImGui::GetCursorScreenPos();
    const float cy = l.y + fs * 0.5f;
    const float dotL = 0.35f * em;  // the legend's marks: readable whatever the chart's density
    dl->AddCircle(ImVec2(l.x + dotL, cy), dotL, pal().textMuted, 12, thick);
    const std::string b = tr("history.before", lang), a = tr("history.after", lang);
    dl->AddText(font, fs, ImVec2(l.x + 3 * dotL, l.y), pal().text, b.c_str());
    float ax = l.x + 3 * dotL + ImGui::CalcTextSize(b.c_str()).x + 1.2f * em;
    float ay = l.y;
    // Large text on a phone: "After" goes under "Before" rather than past the edge.
    if (ax + 3 * dotL + ImGui::CalcTextSize(a.c_str()).x > l.x + width) {
        ax = l.x;
        ay += fs + 0.3f * em;
    }
    dl->AddCircleFilled(ImVec2(ax + dotL, ay + fs * 0.5f), dotL, pal().accent, 12);
    dl->AddText(font, fs, ImVec2(ax + 3 * dotL, ay), pal().text, a.c_str());
    ImGui::Dummy(ImVec2(width, ay - l.y + fs + 0.3f * em));
    // First and last dates under the chart.
    const int offset = utcOffset(wallNow());
    ui.text(n == 1 ? formatDate(pts.front().at, offset, lang)
                   : formatDate(pts.front().at, offset, lang) + " \u2013 " + formatDate(pts.back().at, offset, lang),
            nullptr, pal().textMuted);
}

}  // namespace unknot::ui
