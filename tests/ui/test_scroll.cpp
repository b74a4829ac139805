// Drag-to-scroll: Dear ImGui 1.86 has no touch scrolling, so the app turns a
// vertical drag over a list into scrolling, and a drag never opens a card.
//
// [SECTION] Drag-to-scroll
// [SECTION] Search
#include "harness.hpp"

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

// The lowest card fully on screen (the one with the most room to move up).
//-----------------------------------------------------------------------------
// [SECTION] Drag-to-scroll
//-----------------------------------------------------------------------------
static const Hotspot* lowestCard(const App& app) {
    const Hotspot* best = nullptr;
    for (const Hotspot& h : app.hotspots())
        if (h.id.rfind("card:", 0) == 0 && (!best || h.y > best->y)) best = &h;
    return best;
}

TEST_CASE("dragging the card list scrolls it and does not open a card", "[ui][scroll]") {
    Harness h(390, 844);
    AppConfig cfg;
    cfg.library = &bundled();
    App app(cfg);
    std::string err;
    REQUIRE(app.open("list", 0, &err));
    h.frames(app, 3);
    const Hotspot* low = lowestCard(app);
    REQUIRE(low != nullptr);
    const std::string id = low->id;
    const float x = low->x + low->w * 0.5f, y = low->y + low->h * 0.5f;
    const float y0 = low->y;

    // The press starts on the card itself: only the movement makes it a drag.
    h.drag(app, x, y, y - 200);
    INFO("hotspots after drag: " << Harness::listHotspots(app));
    REQUIRE(app.screenName() == "list");
    const Hotspot* moved = Harness::find(app, id);
    REQUIRE(moved != nullptr);
    CHECK(moved->y == Approx(y0 - 200).margin(2.0));

    // Dragging back down returns to the top (and never above it).
    h.drag(app, x, y - 300, y + 400);
    REQUIRE(app.screenName() == "list");
    const Hotspot* back = Harness::find(app, id);
    REQUIRE(back != nullptr);
    CHECK(back->y == Approx(y0).margin(2.0));

    // A tap (no movement) still opens the card: the drag logic must not eat taps.
    h.tap(app, id);
    REQUIRE(app.screenName() == "card");
}

TEST_CASE("a wobble under the threshold is still a tap", "[ui][scroll]") {
    Harness h(390, 844);
    AppConfig cfg;
    cfg.library = &bundled();
    App app(cfg);
    std::string err;
    REQUIRE(app.open("list", 0, &err));
    h.frames(app, 3);
    const Hotspot* low = lowestCard(app);
    REQUIRE(low != nullptr);
    const float x = low->x + low->w * 0.5f, y = low->y + low->h * 0.5f;
    h.drag(app, x, y, y - 3, 3);  // 3 px: a finger settling, not a drag
    REQUIRE(app.screenName() == "card");
}

TEST_CASE("dragging the card detail scrolls the steps into view", "[ui][scroll]") {
    Harness h(390, 844);
    AppConfig cfg;
    cfg.library = &bundled();
    App app(cfg);
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 3);
    const Hotspot* start = Harness::find(app, "start");
    REQUIRE(start != nullptr);
    const float startY = start->y;
    h.drag(app, 195, 600, 200);
    REQUIRE(app.screenName() == "card");
    // Start is pinned: it stays where it was while the body scrolls.
    const Hotspot* after = Harness::find(app, "start");
    REQUIRE(after != nullptr);
    CHECK(after->y == Approx(startY));
}

//-----------------------------------------------------------------------------
// [SECTION] Search
//-----------------------------------------------------------------------------
TEST_CASE("typing in the search box filters the list, accents and case folded", "[ui][scroll]") {
    Harness h(1280, 800);
    AppConfig cfg;
    cfg.library = &bundled();
    cfg.lang = "fr";
    App app(cfg);
    std::string err;
    REQUIRE(app.open("list", 0, &err));
    h.frames(app, 3);
    h.tap(app, "search");
    // "ÉPAULE" folds to "epaule", as the French titles' "épaule(s)" do.
    ImGui::GetIO().AddInputCharactersUTF8("ÉPAULE");
    h.frames(app, 3);
    INFO("hotspots: " << Harness::listHotspots(app));
    REQUIRE(app.screenName() == "list");
    REQUIRE(h.reveal(app, "card:shoulder-rolls", 640, 500));
    // Nothing about feet matches "épaule", wherever one scrolls.
    REQUIRE_FALSE(h.reveal(app, "card:tennis-ball-foot", 640, 500));
    // Clearing the search brings every routine back.
    for (int i = 0; i < 4; ++i) h.drag(app, 640, 200, 780);  // back to the top
    h.tap(app, "search");                                    // the caret lands after the text
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Backspace] = 8;  // 1.86: the backend maps keys; here, any free index
    for (int i = 0; i < 6; ++i) {
        io.KeysDown[8] = true;
        h.frame(app);
        io.KeysDown[8] = false;
        h.frame(app);
    }
    REQUIRE(h.reveal(app, "card:tennis-ball-foot", 640, 500));
}
