// Fit for tired eyes (issue 14): what the player, the card and History say,
// read back from the lines the UI laid out (App::textLines()) and, where a
// mark is a shape, from the last frame's draw data.
//
// [SECTION] Rig and reading helpers
// [SECTION] The card: "× N" for a repeated step, rounded times
// [SECTION] The player: the switch, Next, Previous step
// [SECTION] History: contrast, the weeks' dates, equal pain, the streak
// [SECTION] After Done: "Saved to your journal"
#include "figure_draw.hpp"
#include "harness.hpp"
#include "unknot/session/services.hpp"
#include "unknot/ui/presentation.hpp"
#include "unknot/ui/strings.hpp"
#include "widgets.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

//-----------------------------------------------------------------------------
// [SECTION] Rig and reading helpers
//-----------------------------------------------------------------------------
namespace {
// One piece of text of the last frame: its lines joined with spaces, where
// its first line starts, and the px size it was laid out at.
struct Piece {
    std::string text;
    float x = 0, y = 0, size = 0;
};
std::vector<Piece> pieces(const App& app) {
    std::vector<Piece> out;
    int current = -1;
    for (const TextLine& l : app.textLines()) {
        if (l.piece != current) {
            out.push_back(Piece{"", l.x, l.y, l.h});
            current = l.piece;
        } else {
            out.back().text += ' ';
        }
        out.back().text += l.text;
    }
    return out;
}
std::string listPieces(const App& app) {
    std::ostringstream o;
    for (const Piece& p : pieces(app)) o << "  " << p.text << "  (" << p.size << " px)\n";
    return o.str();
}
// A copy, not a pointer: pieces() is rebuilt on every call.
std::optional<Piece> findPiece(const App& app, const std::string& text) {
    for (Piece& p : pieces(app))
        if (p.text == text) return std::move(p);
    return std::nullopt;
}
// The text of the piece that starts inside hotspot `id` (a button's label).
std::string labelOf(const App& app, const std::string& id) {
    const Hotspot* h = Harness::find(app, id);
    if (!h) return "(no " + id + ")";
    for (const Piece& p : pieces(app))
        if (p.x >= h->x && p.x <= h->x + h->w && p.y >= h->y && p.y <= h->y + h->h) return p.text;
    return "";
}
int countPieces(const App& app, const std::string& text) {
    int n = 0;
    for (const Piece& p : pieces(app)) n += p.text == text ? 1 : 0;
    return n;
}

// The screen rig with a wall clock the test sets, no pain question, in `theme`.
struct Rig : ScreenRig {
    Rig(float W, float H, int pct, const std::string& lang, ThemeId theme = ThemeId::Light)
        : ScreenRig(W, H, pct, lang, {.theme = theme, .askPain = false, .manualClock = true}) {}
};

// The first routine of the bundled pack with a side switch, and the index of
// that switch segment.
std::pair<const Routine*, std::size_t> routineWithSwitch() {
    for (const Routine& r : bundled().routines) {
        const Timeline tl = compileTimeline(bundled(), r);
        for (std::size_t i = 0; i + 1 < tl.segments.size(); ++i)
            if (tl.segments[i].kind == SegmentKind::Switch) return {&r, i};
    }
    return {nullptr, 0};
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The card
//-----------------------------------------------------------------------------
TEST_CASE("a step repeated in a row shows once on the card, with × N", "[ui][eyes]") {
    needFont();
    // Tall enough that the whole card is laid out in view.
    Rig rig(390, 4000, 100, "en");
    rig.open("card:shoulder-rolls");
    const std::string rolled = "Roll your shoulders up, back and down in one slow circle.";
    INFO("laid out:\n" << listPieces(rig.app));
    // shoulder-rolls says `repeat: 5` around this one step.
    CHECK(countPieces(rig.app, rolled) == 1);
    bool timesShown = false;
    for (const Piece& p : pieces(rig.app)) timesShown = timesShown || p.text.find("\u00d7\u00a05") != std::string::npos;
    CHECK(timesShown);
}

TEST_CASE("card times are rounded for people; the player keeps the exact time", "[ui][eyes]") {
    needFont();
    for (const char* lang : {"en", "fr"}) {
        Rig rig(390, 4000, 100, lang);
        int checked = 0;
        for (const Routine& r : bundled().routines) {
            const std::int64_t total = Catalog(bundled()).totalSeconds(r.id);
            if (total < 120 || total % 60 == 0) continue;  // a time where rounding shows
            rig.open("card:" + r.id);
            const std::string about = formatAboutDuration(total, lang);
            INFO(r.id << " (" << total << " s) in " << lang << ": card laid out:\n" << listPieces(rig.app));
            CHECK(about.find(lang == std::string("en") ? "about" : "environ") == 0);
            CHECK(findPiece(rig.app, about).has_value());
            // The player, at the start: the exact time left, to the second.
            rig.open("play:" + r.id + "@0");
            const std::string exact = trf("player.left", lang, {{"t", formatClock(total * 1000)}});
            INFO("player laid out:\n" << listPieces(rig.app));
            CHECK(findPiece(rig.app, exact).has_value());
            if (++checked == 3) break;
        }
        CHECK(checked == 3);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The player
//-----------------------------------------------------------------------------
TEST_CASE("a switch says \"Now: left side\" in large words, and Next names the hold on that side", "[ui][eyes]") {
    needFont();
    const auto [r, index] = routineWithSwitch();
    REQUIRE(r != nullptr);
    const Timeline tl = compileTimeline(bundled(), *r);
    const Segment& sw = tl.segments[index];
    const Segment& nx = tl.segments[index + 1];
    REQUIRE(nx.side != Side::None);
    for (const char* lang : {"en", "fr"}) {
        Rig rig(1280, 800, 100, lang);
        char route[200];
        std::snprintf(route, sizeof route, "play:%s@%.3f", r->id.c_str(),
                      static_cast<double>(sw.startMs + sw.durationMs / 2) / 1000.0);
        rig.open(route, sw.startMs + sw.durationMs / 2);
        REQUIRE(rig.app.player()->current()->kind == SegmentKind::Switch);
        const std::string side = tr(nx.side == Side::Left ? "player.side_left" : "player.side_right", lang);
        const std::string now = trf("player.now_side", lang, {{"s", side}});
        const std::string next =
            trf("player.next", lang, {{"s", trf("player.next_side", lang, {{"s", nx.say.get(lang)}, {"side", side}})}});
        INFO(route << " in " << lang << ": laid out:\n" << listPieces(rig.app));
        const std::optional<Piece> nowPiece = findPiece(rig.app, now);
        REQUIRE(nowPiece.has_value());
        // Next may be shortened to its line, from the end: the side comes first.
        const std::string nextStart = trf("player.next", lang, {{"s", ""}});
        std::optional<Piece> nextPiece;
        for (const Piece& p : pieces(rig.app))
            if (p.text.rfind(nextStart, 0) == 0) nextPiece = p;
        REQUIRE(nextPiece.has_value());
        std::string shown = nextPiece->text;
        if (shown.size() >= 3 && shown.compare(shown.size() - 3, 3, "\u2026") == 0) shown.resize(shown.size() - 3);
        CHECK(next.rfind(shown, 0) == 0);
        CHECK(shown.find(side) != std::string::npos);
        // Large: bigger than the body text Next is set in.
        CHECK(nowPiece->size > nextPiece->size * 1.2f);
    }
}

TEST_CASE("the player's previous-step button and the way out are named apart", "[ui][eyes]") {
    needFont();
    for (const char* lang : {"en", "fr"}) {
        Rig rig(1280, 800, 100, lang);
        rig.open("play:neck-release@20");
        const std::string previous = labelOf(rig.app, "back"), leave = labelOf(rig.app, "back-nav");
        INFO(lang << ": previous step \"" << previous << "\", leave \"" << leave << "\"");
        CHECK(previous == tr("player.back", lang));
        CHECK(leave == tr("nav.back", lang));
        // Neither word is the other, nor inside it.
        CHECK(previous.find(leave) == std::string::npos);
        CHECK(leave.find(previous) == std::string::npos);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] History
//-----------------------------------------------------------------------------
namespace {
SessionRecord sessionAt(std::int64_t at, const char* id, std::optional<int> before, std::optional<int> after) {
    SessionRecord s;
    s.routineId = id;
    s.startedAt = at;
    s.endedAt = at + 300'000;
    s.practisedSeconds = 290;
    s.finished = true;
    s.painBefore = before;
    s.painAfter = after;
    return s;
}

void add(Journal& j, SessionRecord s) { j.addSession(s); }

// Every glyph vertex's colour in the rectangle [x0, x1] x [y0, y1].
std::vector<ImU32> glyphColours(float x0, float y0, float x1, float y1) {
    std::vector<ImU32> out;
    const ImDrawData* dd = ImGui::GetDrawData();
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    for (int l = 0; l < dd->CmdListsCount; ++l)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
            if ((v.uv.x != white.x || v.uv.y != white.y) && v.pos.x >= x0 && v.pos.x <= x1 && v.pos.y >= y0 &&
                v.pos.y <= y1)
                out.push_back(v.col);
    return out;
}

// Shape vertices (no glyphs) of exactly colour `col` in a band of y.
std::vector<ImVec2> shapeVertices(ImU32 col, float y0, float y1) {
    std::vector<ImVec2> out;
    const ImDrawData* dd = ImGui::GetDrawData();
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    for (int l = 0; l < dd->CmdListsCount; ++l)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
            if (v.uv.x == white.x && v.uv.y == white.y && v.col == col && v.pos.y >= y0 && v.pos.y <= y1)
                out.push_back(v.pos);
    return out;
}
}  // namespace

TEST_CASE("History: each session's date and name are in body-size text at 4.5:1 in every theme", "[ui][eyes]") {
    needFont();
    for (const ThemeId theme : {ThemeId::Light, ThemeId::Dark, ThemeId::HighContrast, ThemeId::PureBlack}) {
        Rig rig(390, 3000, 100, "en", theme);
        add(*rig.journal, sessionAt(rig.clock.ms - 3'600'000, "neck-release", 4, 3));
        rig.open("history");
        const Routine* r = bundled().findRoutine("neck-release");
        std::optional<Piece> title;  // a copy: pieces() returns a temporary
        for (const Piece& p : pieces(rig.app))
            if (p.text.find(r->title.get("en")) != std::string::npos && p.text.find(", ") != std::string::npos)
                title = p;
        INFO(themeName(theme) << ": laid out:\n" << listPieces(rig.app));
        REQUIRE(title.has_value());
        CHECK(title->size >= 20.0f - 0.01f);  // the body size at 100 %
        const std::vector<ImU32> cols = glyphColours(title->x, title->y, title->x + 300, title->y + title->size);
        REQUIRE_FALSE(cols.empty());
        const Palette pal = paletteFor(theme);
        for (const ImU32 c : cols) CHECK(contrastRatio(c | IM_COL32_A_MASK, pal.surface) >= 4.5f);
    }
}

TEST_CASE("History: the weeks strip says which dates it covers", "[ui][eyes]") {
    needFont();
    for (const char* lang : {"en", "fr"}) {
        Rig rig(390, 3000, 100, lang);
        for (int d = 0; d < 10; ++d)
            add(*rig.journal, sessionAt(rig.clock.ms - d * 2 * 86'400'000LL, "neck-release", {}, {}));
        rig.open("history");
        const History h = rig.journal->history(HistoryQuery{rig.clock.ms, 0});
        const std::int64_t weeks = static_cast<std::int64_t>(h.daysPractised.size() / 7);
        REQUIRE(weeks > 0);
        const std::int64_t last = h.firstDayStartMs + (weeks * 7 - 1) * 86'400'000LL;
        const std::string range =
            formatShortDay(h.firstDayStartMs, 0, lang) + " \u2013 " + formatShortDay(last, 0, lang);
        INFO(lang << ": want \"" << range << "\"; laid out:\n" << listPieces(rig.app));
        CHECK(findPiece(rig.app, range).has_value());
    }
}

TEST_CASE("History: each row of the weeks strip is labelled with its Monday's date, at 100 and 200%", "[ui][eyes]") {
    needFont();
    for (const int pct : {100, 200})
        for (const char* lang : {"en", "fr"}) {
            Rig rig(390, 3000, pct, lang);
            add(*rig.journal, sessionAt(rig.clock.ms - 3 * 86'400'000LL, "neck-release", {}, {}));
            rig.open("history");
            const History h = rig.journal->history(HistoryQuery{rig.clock.ms, 0});
            const std::int64_t weeks = static_cast<std::int64_t>(h.daysPractised.size() / 7);
            REQUIRE(weeks > 1);
            float lastY = -1;
            for (std::int64_t row = 0; row < weeks; ++row) {
                const std::string label = formatDayMonth(h.firstDayStartMs + row * 7 * 86'400'000LL, 0, lang);
                INFO(lang << " at " << pct << "%: row " << row << " wants \"" << label << "\"; laid out:\n"
                          << listPieces(rig.app));
                const std::optional<Piece> p = findPiece(rig.app, label);
                REQUIRE(p.has_value());
                CHECK(p->x >= 0);
                CHECK(p->y > lastY);  // one row under the other, oldest first
                lastY = p->y;
            }
        }
}

TEST_CASE("History: equal pain before and after shows both marks, the ring around the disc", "[ui][eyes]") {
    needFont();
    Rig rig(390, 3000, 100, "en");
    add(*rig.journal, sessionAt(rig.clock.ms - 3'600'000, "neck-release", 5, 5));
    rig.open("history");
    // The chart lies between its heading and the legend's "Before".
    const std::optional<Piece> heading = findPiece(rig.app, tr("history.chart", "en"));
    REQUIRE(heading.has_value());
    const float top = heading->y + heading->size;
    const std::optional<Piece> legend = findPiece(rig.app, tr("history.before", "en"));
    const float bottom = legend ? legend->y : top + 16 * 20.0f;
    const Palette pal = paletteFor(ThemeId::Light);
    std::vector<ImVec2> accent = shapeVertices(pal.accent, top, bottom);
    REQUIRE_FALSE(accent.empty());
    // The chart's disc is the topmost accent shape (the legend's is below).
    ImVec2 first = accent.front();
    for (const ImVec2& v : accent)
        if (v.y < first.y) first = v;
    std::vector<ImVec2> disc;
    for (const ImVec2& v : accent)
        if (std::hypot(v.x - first.x, v.y - first.y) < 1.0f * 20.0f) disc.push_back(v);
    ImVec2 c(0, 0);
    for (const ImVec2& v : disc) c = ImVec2(c.x + v.x, c.y + v.y);
    c = ImVec2(c.x / static_cast<float>(disc.size()), c.y / static_cast<float>(disc.size()));
    auto dist = [&](ImVec2 v) { return std::hypot(v.x - c.x, v.y - c.y); };
    float discR = 0, ringIn = 1e9f;
    for (const ImVec2& v : disc) discR = std::max(discR, dist(v));
    // The "before" ring: the muted shape around the same point.
    for (const ImVec2& v : shapeVertices(pal.textMuted, top, bottom))
        if (dist(v) < discR * 3.0f) ringIn = std::min(ringIn, dist(v));
    REQUIRE(ringIn < 1e9f);
    INFO("after disc radius " << discR << ", before ring's inner edge " << ringIn);
    // All of the ring's stroke lies outside the disc drawn over it, with a
    // gap (a ring of the disc's own radius would be half covered).
    CHECK(ringIn >= discR + 1.5f);
}

TEST_CASE("History: one day practised reads as people speak, never \"1 day in a row\"", "[ui][eyes]") {
    needFont();
    for (const char* lang : {"en", "fr"}) {
        Rig rig(390, 3000, 100, lang);
        add(*rig.journal, sessionAt(rig.clock.ms - 3'600'000, "neck-release", {}, {}));
        rig.open("history");
        INFO(lang << ": laid out:\n" << listPieces(rig.app));
        bool said = false;
        for (const Piece& p : pieces(rig.app)) {
            CHECK(p.text.find("1 day in a row") == std::string::npos);
            CHECK(p.text.find("1 days") == std::string::npos);
            CHECK(p.text.find("1 jours") == std::string::npos);
            said = said || p.text.find(tr("history.streak_one", lang)) == 0;
        }
        CHECK(said);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] After Done
//-----------------------------------------------------------------------------
TEST_CASE("after Done the card says the session is saved to the journal, once", "[ui][eyes]") {
    needFont();
    for (const char* lang : {"en", "fr"}) {
        Rig rig(390, 844, 100, lang);
        rig.open("card:neck-release");
        CHECK(!findPiece(rig.app, tr("end.saved", lang)).has_value());
        rig.h.start(rig.app);
        REQUIRE(rig.app.screenName() == "player");
        rig.h.runUntil(rig.app, rig.h.now + 10 * 60'000);
        REQUIRE(rig.app.screenName() == "end");
        REQUIRE(rig.h.reveal(rig.app, "done", 195, 600));
        rig.h.tap(rig.app, "done");
        INFO(lang << ": " << rig.app.screenName() << " laid out:\n" << listPieces(rig.app));
        REQUIRE(rig.app.screenName() == "card");
        CHECK(findPiece(rig.app, tr("end.saved", lang)).has_value());
        CHECK(rig.journal->allSessions().size() == 1);
        // Said once: gone when the card is opened again.
        rig.open("card:neck-release");
        CHECK(!findPiece(rig.app, tr("end.saved", lang)).has_value());
    }
}
