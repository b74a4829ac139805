// Hostile text in the screens: content and user text of any length reaches the
// UI (a --watch reload of a pack with errors, an import, a note), and must draw
// within Dear ImGui 1.86's limits at a cost that does not grow with its size.
//
// [SECTION] A library of huge text, built in memory
// [SECTION] What a frame cost (vertices: work, not wall time)
// [SECTION] Class: render limits (card, player, list, home, history, problems)
// [SECTION] Class: the text caps themselves (UTF-8 boundaries, ellipsis)
// [SECTION] Class: Back during the stop question (device key and on-screen)
#include "harness.hpp"

#include "unknot/journal.hpp"
#include "widgets.hpp"  // engine/ui/src: the caps under test

#include <algorithm>
#include <memory>

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

//-----------------------------------------------------------------------------
// [SECTION] A library of huge text
//-----------------------------------------------------------------------------
namespace {

// `n` bytes of words ("stretch gently ..."), like a real text wraps.
std::string words(std::size_t n) {
    static const std::string w = "stretch gently and breathe slowly while the shoulders drop ";
    std::string s;
    s.reserve(n);
    while (s.size() < n) s += w;
    s.resize(n);
    return s;
}

// One routine whose every text is huge: a 20,000-character title, prompts and
// tips, a 900 KB summary (or `summaryBytes`), a 20,000-character caution.
Library hostileLibrary(std::size_t summaryBytes = 900 * 1024) {
    Library lib;
    Area neck;
    neck.id = "neck";
    neck.label = both("Neck", "Cou");
    neck.spots = {MapSpot{false, 0.5f, 0.135f, 0.03f}};
    lib.areas.push_back(neck);
    Routine r;
    r.id = "huge";
    r.title = both(words(20000), words(20000));
    r.summary = both(words(summaryBytes), words(summaryBytes));
    r.kind = Kind::Stretch;
    r.areas = {"neck"};
    r.cautions = {both(words(20000), words(20000))};
    Timed t;
    t.seconds = 30;
    // One prompt of 20,000 characters with no space at all: Dear ImGui then
    // breaks it anywhere, a glyph per column.
    std::string solid(20000, 'x');
    r.steps = {say(both(words(20000), words(20000)), t, both(words(20000), words(20000))), say(both(solid, solid), t),
               say(both(words(20000), words(20000)), t)};
    lib.routines = {r};
    return lib;
}

//-----------------------------------------------------------------------------
// [SECTION] What a frame cost
//-----------------------------------------------------------------------------
struct FrameCost {
    int largestList = 0;  // vertices in the fullest draw list
    long vertices = 0;    // in all of them
    std::string largestOwner;
};

FrameCost lastFrameCost() {
    FrameCost c;
    const ImDrawData* dd = ImGui::GetDrawData();
    REQUIRE(dd != nullptr);
    for (int i = 0; i < dd->CmdListsCount; ++i) {
        const ImDrawList* dl = dd->CmdLists[i];
        c.vertices += dl->VtxBuffer.Size;
        if (dl->VtxBuffer.Size > c.largestList) {
            c.largestList = dl->VtxBuffer.Size;
            c.largestOwner = dl->_OwnerName ? dl->_OwnerName : "?";
        }
    }
    return c;
}

// The headless harness has no VtxOffset (like a backend without it): a draw
// list past 65,535 vertices would wrap its 16-bit indices. Each piece of text
// is at most kMaxDrawnChars characters, 4 vertices each; a screen shows a few
// such pieces at once.
constexpr int kVertexLimit = 65535;
constexpr long kFrameBudget = 12 * 4 * static_cast<long>(kMaxDrawnChars);

void checkCost(const std::string& where) {
    const FrameCost c = lastFrameCost();
    INFO(where << ": largest draw list " << c.largestOwner << " with " << c.largestList << " vertices, " << c.vertices
               << " in all");
    CHECK(c.largestList < kVertexLimit);
    CHECK(c.vertices <= kFrameBudget);
}

// Frames, checking each, then finger drags down the scroll region at (x, y).
void framesAndScroll(App& app, Harness& h, const std::string& where, float x, float y) {
    for (int i = 0; i < 3; ++i) {
        h.frame(app);
        checkCost(where + ", frame " + std::to_string(i));
    }
    const float H = ImGui::GetIO().DisplaySize.y;
    for (int i = 0; i < 4; ++i) {
        h.drag(app, x, y, y - H * 0.4f);
        checkCost(where + ", after " + std::to_string(i + 1) + " drags");
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Class: render limits
//-----------------------------------------------------------------------------
TEST_CASE("render limits: a 20,000-character prompt and a 900 KB summary draw within 65,535 vertices a list",
          "[ui][hostile]") {
    const auto size = GENERATE(std::pair<float, float>{390, 844}, std::pair<float, float>{1280, 800});
    INFO("window " << size.first << "x" << size.second);
    const Library lib = hostileLibrary();
    Harness h(size.first, size.second, 20.0f, appFont());
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    std::string err;

    REQUIRE(app.open("card:huge", 0, &err));
    framesAndScroll(app, h, "card", size.first * 0.3f, size.second * 0.6f);
    REQUIRE(app.screenName() == "card");

    for (const char* play : {"play:huge@1", "play:huge@31", "play:huge@61"}) {
        REQUIRE(app.open(play, 0, &err));
        h.now = 1000;
        framesAndScroll(app, h, play, size.first * 0.5f, size.second * 0.55f);
        REQUIRE(app.screenName() == "player");
    }
}

TEST_CASE("render limits: the cost of a frame does not grow with the text's size", "[ui][hostile]") {
    // The same card with a 10 KB and a 900 KB summary: once past the cap,
    // more text costs nothing more (the same vertices, the same layout).
    long cost[2] = {0, 0};
    int i = 0;
    for (const std::size_t bytes : {std::size_t{10 * 1024}, std::size_t{900 * 1024}}) {
        const Library lib = hostileLibrary(bytes);
        Harness h(390, 844, 20.0f, appFont());
        AppConfig cfg;
        cfg.library = &lib;
        App app(cfg);
        std::string err;
        REQUIRE(app.open("card:huge", 0, &err));
        h.frames(app, 3);
        cost[i++] = lastFrameCost().vertices;
    }
    INFO("vertices with a 10 KB summary: " << cost[0] << ", with 900 KB: " << cost[1]);
    CHECK(cost[0] == cost[1]);
    CHECK(cost[1] <= kFrameBudget);
}

TEST_CASE("render limits: titles in lists, Home, History and many problems stay within the limits", "[ui][hostile]") {
    Library lib = hostileLibrary(20000);
    // A thousand routines with long titles, and ten thousand long diagnostics.
    const Routine proto = lib.routines.front();
    for (int i = 0; i < 1000; ++i) {
        Routine r = proto;
        r.id = "huge-" + std::to_string(1000 + i);
        lib.routines.push_back(r);
    }
    std::sort(lib.routines.begin(), lib.routines.end(), [](const Routine& a, const Routine& b) { return a.id < b.id; });
    for (int i = 0; i < 10000; ++i)
        lib.diagnostics.push_back(Diagnostic{"routines/huge.yaml", i + 1, 1, Severity::Error, words(5000)});
    auto journal = Journal::inMemory();
    for (int i = 0; i < 20; ++i) {
        SessionRecord s;
        s.routineId = "huge-" + std::to_string(1000 + i);
        s.startedAt = 1767225600000 + i * 60000;
        s.endedAt = s.startedAt + 30000;
        s.practisedSeconds = 30;
        s.finished = true;
        s.note = words(static_cast<std::size_t>(kMaxNoteChars));
        REQUIRE(journal->addSession(s) == WriteStatus::Saved);
        REQUIRE(journal->setFavourite(s.routineId, true, s.startedAt) == WriteStatus::Saved);
    }
    Harness h(390, 844, 20.0f, appFont());
    AppConfig cfg;
    cfg.library = &lib;
    cfg.journal = journal.get();
    unknot::ManualClock clock(std::int64_t{1767225600000} + 3600000);
    cfg.services.clock = &clock;
    App app(cfg);
    std::string err;
    for (const char* screen : {"home", "list", "history", "problems"}) {
        INFO("screen " << screen);
        REQUIRE(app.open(screen, 0, &err));
        framesAndScroll(app, h, screen, 390 * 0.5f, 844 * 0.6f);
    }
}

TEST_CASE("render limits: a huge paste into the search field is cut to its first 100 characters", "[ui][hostile]") {
    // A title that holds the first kMaxSearchChars of the paste: found only
    // if the field was cut (the whole paste is in no routine).
    Library lib = smallLibrary();
    for (Routine& r : lib.routines)
        if (r.id == "neck-release") r.title = both(std::string(kMaxSearchChars, 'q') + " neck", "cou");
    Harness h(390, 844, 20.0f, appFont());
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    std::string err;
    REQUIRE(app.open("list", 0, &err));
    h.frames(app, 3);
    REQUIRE(Harness::find(app, "card:neck-release") != nullptr);
    h.tap(app, "search");
    ImGui::GetIO().AddInputCharactersUTF8(std::string(20000, 'q').c_str());
    h.frames(app, 3);
    checkCost("list after a 20,000-character paste");
    INFO("hotspots: " << Harness::listHotspots(app));
    CHECK(Harness::find(app, "card:neck-release") != nullptr);
    CHECK(Harness::find(app, "card:breathing-4-2-6") == nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] Class: the text caps themselves
//-----------------------------------------------------------------------------
TEST_CASE("text caps: cut at a character boundary with an ellipsis, short text untouched", "[ui][hostile]") {
    std::string storage;
    CHECK(capText("short", storage) == "short");
    CHECK(capText("", storage).empty());
    // 2,500 two-byte characters: cut after kMaxDrawnChars characters, never
    // inside one, then "…".
    std::string accents;
    for (int i = 0; i < 2500; ++i) accents += "\xc3\xa9";  // é
    const std::string_view cut = capText(accents, storage);
    CHECK(cut.size() == 2 * kMaxDrawnChars + 3);
    CHECK(cut.substr(cut.size() - 3) == kEllipsis);
    CHECK(cut.substr(0, 2 * kMaxDrawnChars) == std::string_view(accents).substr(0, 2 * kMaxDrawnChars));
    // Exactly at the cap: untouched.
    const std::string exact(kMaxDrawnChars, 'a');
    CHECK(capText(exact, storage) == exact);
    CHECK(cappedText(std::string(kMaxDrawnChars + 1, 'a')) == exact + kEllipsis);
    // Four-byte characters count as one each.
    std::string emoji;
    for (int i = 0; i < 10; ++i) emoji += "\xf0\x9f\x98\x80";
    CHECK(cappedText(emoji, 3) == "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80" + std::string(kEllipsis));
}

TEST_CASE("text caps: one-line ellipsis fits its width and walks only what fits", "[ui][hostile]") {
    Harness h(390, 844, 20.0f, appFont());
    ImGui::NewFrame();
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const std::string shortText = "Next: breathe";
    CHECK(ellipsizeToWidth(shortText, font, size, 1000) == shortText);
    std::string longText;
    for (int i = 0; i < 100000; ++i) longText += "\xc3\xa9 ";  // 300 KB
    const std::string cut = ellipsizeToWidth(longText, font, size, 200);
    CHECK(ImGui::CalcTextSize(cut.c_str()).x <= 200);
    REQUIRE(cut.size() >= 3);
    CHECK(cut.substr(cut.size() - 3) == kEllipsis);
    CHECK(cut.size() < 200);  // a line's worth, not the input
    // Never half a character before the ellipsis.
    const std::string body = cut.substr(0, cut.size() - 3);
    CHECK((body.empty() || static_cast<unsigned char>(body.back()) != 0xc3));
    CHECK(ellipsizeToWidth("", font, size, 100).empty());
    ImGui::EndFrame();
}

TEST_CASE("wrapping: a name too long for any line breaks after its own '-' or '/', else at the line's end",
          "[ui][hostile]") {
    Harness h(390, 844, 20.0f, appFont());
    ImGui::NewFrame();
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float width = ImGui::CalcTextSize("tennis-ball-back-").x + 1;
    const auto joined = [](const Wrapped& w) {
        std::string s;
        for (const WrappedLine& l : w.lines) s += l.text + (l.after == ' ' ? " " : "");
        return s;
    };
    SECTION("a file's name, in a sentence") {
        const std::string text = "Sent to: tennis-ball-back-wall-en.wav";
        const Wrapped w = wrapWords(font, size, text, width);
        REQUIRE(w.lines.size() == 3);
        CHECK(w.lines[0].text == "Sent to:");
        CHECK(w.lines[1].text == "tennis-ball-back-");
        CHECK(w.lines[1].after == '-');
        CHECK(w.lines[2].text == "wall-en.wav");
        CHECK(joined(w) == text);  // nothing lost or doubled
        for (const WrappedLine& l : w.lines) CHECK(l.w <= width);
    }
    SECTION("a path breaks after a '/'") {
        const Wrapped w = wrapWords(font, size, "/home/someone/audio/tennis-ball-back-wall-en.opus", width);
        REQUIRE(w.lines.size() >= 3);
        CHECK(w.lines[0].after == '/');
        for (const WrappedLine& l : w.lines) CHECK(l.w <= width);
        CHECK(joined(w) == "/home/someone/audio/tennis-ball-back-wall-en.opus");
    }
    SECTION("a word with no such mark is cut where the line ends, the last resort") {
        const std::string word(60, 'm');
        const Wrapped w = wrapWords(font, size, word, width);
        REQUIRE(w.lines.size() >= 2);
        CHECK(w.lines[0].after == 'm');  // says a word was broken inside
        CHECK(joined(w) == word);
    }
    ImGui::EndFrame();
}

//-----------------------------------------------------------------------------
// [SECTION] Class: Back during the stop question
//-----------------------------------------------------------------------------
TEST_CASE("Back during the stop question keeps going, from the device key or the on-screen Back",
          "[ui][nav][hostile]") {
    const Library lib = smallLibrary();
    Harness h(390, 844);
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 3);
    h.start(app);
    REQUIRE(app.player()->state() == PlayerState::Running);

    SECTION("Stop, then the on-screen Back, then Keep going: running again") {
        h.tap(app, "stop");
        REQUIRE(app.player()->state() == PlayerState::Paused);
        h.tap(app, "back-nav");  // answers the question: keep going
        CHECK(Harness::find(app, "stop-confirm") == nullptr);
        CHECK(app.player()->state() == PlayerState::Running);
    }
    SECTION("on-screen Back twice: asks, then keeps going") {
        h.tap(app, "back-nav");
        REQUIRE(Harness::find(app, "stop-confirm") != nullptr);
        REQUIRE(app.player()->state() == PlayerState::Paused);
        h.tap(app, "back-nav");
        CHECK(Harness::find(app, "stop-confirm") == nullptr);
        CHECK(app.player()->state() == PlayerState::Running);
    }
    SECTION("on-screen Back, then Keep going: running again") {
        h.tap(app, "back-nav");
        REQUIRE(Harness::find(app, "stop-cancel") != nullptr);
        h.tap(app, "stop-cancel");
        CHECK(app.player()->state() == PlayerState::Running);
    }
    SECTION("Stop, device Back, Keep going is not needed: running again") {
        h.tap(app, "stop");
        REQUIRE(app.goBack(h.now));
        h.frames(app, 2);
        CHECK(Harness::find(app, "stop-confirm") == nullptr);
        CHECK(app.player()->state() == PlayerState::Running);
    }
}
