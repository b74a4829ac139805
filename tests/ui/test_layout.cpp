// Layout: every screen at a phone (390x844) and a laptop (1280x800), in English
// and French: every hotspot inside the window and a fingertip tall, nothing
// laid out past the right edge, the screen's key buttons present.
//
// [SECTION] Checks shared by the cases
// [SECTION] Every screen, sizes x languages x font sizes
// [SECTION] Tap waits
// [SECTION] Language toggle
// [SECTION] The breathing shape
#include "harness.hpp"

#include "unknot/ui/presentation.hpp"

#include <algorithm>

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

//-----------------------------------------------------------------------------
// [SECTION] Checks shared by the cases
//-----------------------------------------------------------------------------
namespace {

struct Case {
    std::string open;                   // App::open() name
    std::int64_t at = 0;                // the clock of the first frame (virtual time for play:)
    std::string screen;                 // the expected screenName()
    std::vector<std::string> required;  // hotspots that must be reachable, top to bottom
    std::string tapFirst;               // a hotspot tapped before checking (e.g. "stop")
};

// Every vertex the frame drew, against the window's width: text laid out past
// the edge (not wrapped) shows here even though the renderer would clip it.
float rightmostVertex() {
    const ImDrawData* dd = ImGui::GetDrawData();
    float right = 0;
    for (int i = 0; i < dd->CmdListsCount; ++i) {
        const ImDrawList* dl = dd->CmdLists[i];
        for (const ImDrawVert& v : dl->VtxBuffer) right = std::max(right, v.pos.x);
    }
    return right;
}

void checkLayout(App& app, Harness& h, const Case& c, float W, float H) {
    INFO("screen " << c.open << " (" << c.screen << ")");
    INFO("hotspots: " << Harness::listHotspots(app));
    REQUIRE(app.screenName() == c.screen);
    REQUIRE_FALSE(app.hotspots().empty());
    for (const std::string& id : c.required) {
        INFO("required hotspot " << id);
        // Reachable: on screen, or brought on screen by dragging the content.
        CHECK(h.reveal(app, id, W * 0.6f, H * 0.6f));
    }
    // Home is the root: a back button everywhere else, never on Home.
    CHECK((Harness::find(app, "back-nav") != nullptr) == (c.screen != "home"));
    for (const Hotspot& s : app.hotspots()) {
        // Bars and overlays are recorded for tests, they are not buttons.
        if (s.id == "progress-bar" || s.id == "motion-bar" || s.id == "lint-overlay") continue;
        INFO("hotspot " << s.id << " at " << s.x << "," << s.y << " size " << s.w << "x" << s.h);
        // Inside the window (half a pixel for float rounding).
        CHECK(s.x >= -0.5f);
        CHECK(s.y >= -0.5f);
        CHECK(s.x + s.w <= W + 0.5f);
        CHECK(s.y + s.h <= H + 0.5f);
        // A fingertip: 48 logical px at least, both ways.
        CHECK(s.h >= 48.0f - 0.01f);
        CHECK(s.w >= 48.0f - 0.01f);
    }
    // Anti-aliasing adds a pixel of fringe; anything more is overflow.
    CHECK(rightmostVertex() <= W + 1.5f);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Every screen, sizes x languages x font sizes
//-----------------------------------------------------------------------------
TEST_CASE("every screen fits at 390x844 and 1280x800, in English and French", "[ui][layout]") {
    const auto size = GENERATE(std::pair<float, float>{390, 844}, std::pair<float, float>{1280, 800},
                               std::pair<float, float>{844, 390});
    const std::string lang = GENERATE(std::string("en"), std::string("fr"));
    // 20 px is the default; 26 px is what someone with tired eyes may choose.
    const float fontPx = GENERATE(20.0f, 26.0f);
    const float W = size.first, H = size.second;
    INFO("window " << W << "x" << H << ", " << lang << ", font " << fontPx << " px");

    // The bundled content, plus one error so the problems banner and screen show.
    Library lib = bundled();
    Diagnostic d;
    d.path = "content/core/routines/broken.yaml";
    d.line = 12;
    d.severity = Severity::Error;
    d.message =
        "unknown key 'duraton' (did you mean 'duration'?) and a long explanation that must wrap "
        "instead of running past the edge of a small phone screen";
    lib.diagnostics.push_back(d);
    d.severity = Severity::Warning;
    d.message = "a warning";
    lib.diagnostics.push_back(d);

    const std::vector<Case> cases = {
        {"home", 0, "home", {"lang", "problems", "start-breathing", "browse", "all"}, ""},
        {"browse", 0, "browse", {"area:neck"}, ""},
        {"area:neck", 0, "list", {"card:jaw-neck-shoulders-headache"}, ""},
        {"list", 0, "list", {"search", "filters"}, ""},
        {"list",
         0,
         "list",
         {"filter:kind:breathing", "filter:no-equipment", "filter:max:5", "filter:flare-safe"},
         "filters"},
        {"problems", 0, "problems", {}, ""},
        {"card:neck-release", 0, "card", {"start"}, ""},
        {"card:breathing-4-2-6", 0, "card", {"start"}, ""},
        {"card:hand-massage-arthritis", 0, "card", {"start"}, ""},
        {"play:breathing-4-2-6@3.9", 3900, "player", {"pause", "back", "skip", "stop"}, ""},
        {"play:breathing-4-2-6@40", 40000, "player", {"pause", "back", "skip", "stop"}, ""},
        {"play:neck-release@40", 40000, "player", {"pause", "back", "skip", "stop"}, ""},
        {"play:neck-release@72", 72000, "player", {"pause", "back", "skip", "stop"}, ""},
        {"play:neck-release@20", 20000, "player", {"stop-confirm", "stop-cancel"}, "stop"},
        {"play:neck-release@20", 20000, "player", {"resume"}, "pause"},
        {"play:neck-release@100000", 100000000, "end", {"done"}, ""},
    };
    for (const Case& c : cases) {
        Harness h(W, H, fontPx);
        AppConfig cfg;
        cfg.library = &lib;
        cfg.lang = lang;
        App app(cfg);
        std::string err;
        INFO("open " << c.open);
        REQUIRE(app.open(c.open, 0, &err));
        h.now = c.at;
        h.frames(app, 3);
        if (!c.tapFirst.empty()) h.tap(app, c.tapFirst);
        checkLayout(app, h, c, W, H);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Tap waits
//-----------------------------------------------------------------------------
TEST_CASE("a tap wait shows one large Continue that fits", "[ui][layout]") {
    const float W = GENERATE(390.0f, 1280.0f);
    const float H = W < 500 ? 844.0f : 800.0f;
    const Library lib = smallLibrary();
    Harness h(W, H);
    AppConfig cfg;
    cfg.library = &lib;
    cfg.lang = "fr";
    App app(cfg);
    std::string err;
    REQUIRE(app.open("play:wait-test@5", 0, &err));
    h.now = 5000;
    h.frames(app, 3);
    checkLayout(app, h, Case{"play:wait-test@5", 5000, "player", {"continue", "stop"}, ""}, W, H);
    const Hotspot* c = Harness::find(app, "continue");
    REQUIRE(c != nullptr);
    CHECK(c->h >= 48.0f);
}

TEST_CASE("a tap step continues on a tap anywhere on the player, Space, Enter or play/pause, and says so",
          "[ui][layout]") {
    const Library lib = smallLibrary();
    Harness h(390, 844);
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    auto waitAgain = [&] {
        std::string err;
        REQUIRE(app.open("play:wait-test@5", 0, &err));
        h.now = 5000;
        h.frames(app, 3);
        REQUIRE(app.player()->state() == PlayerState::WaitingForTap);
    };
    waitAgain();
    // The hint says how to go on.
    bool hinted = false;
    const TextLine* prompt = nullptr;
    for (const TextLine& l : app.textLines()) {
        hinted = hinted || l.text.find("anywhere") != std::string::npos;
        if (l.text.rfind("Find your ball", 0) == 0) prompt = &l;
    }
    CHECK(hinted);
    SECTION("a tap on the prompt's words, not on a button") {
        REQUIRE(prompt != nullptr);
        const float x = prompt->x + 4, y = prompt->y + prompt->h * 0.5f;
        h.moveMouse(x, y);
        h.frame(app);
        h.mouseDown(true);
        h.frame(app);
        h.mouseDown(false);
        h.frame(app);
        CHECK(app.player()->state() == PlayerState::Running);
    }
    SECTION("the keys a person reaches for") {
        for (const int key : {44, 40, 88, 261}) {
            INFO("key index " << key);
            waitAgain();
            h.pressKey(app, key);
            CHECK(app.player()->state() == PlayerState::Running);
        }
        // Another key does nothing.
        waitAgain();
        h.pressKey(app, 4);  // "A"
        CHECK(app.player()->state() == PlayerState::WaitingForTap);
    }
    SECTION("a tap on Stop asks to stop; it does not continue") {
        h.tap(app, "stop");
        CHECK(app.player()->state() != PlayerState::Running);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Language toggle
//-----------------------------------------------------------------------------
TEST_CASE("the language switches live from the Home toggle", "[ui][layout]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    h.frames(app, 3);
    REQUIRE(app.language() == "en");
    h.tap(app, "lang");
    REQUIRE(app.language() == "fr");
    h.tap(app, "lang");
    REQUIRE(app.language() == "en");
}

//-----------------------------------------------------------------------------
// [SECTION] The breathing shape
//-----------------------------------------------------------------------------
TEST_CASE("the breathing shape grows on inhale, holds full, shrinks on exhale, rests small", "[ui][layout]") {
    float prev = -1;
    for (int i = 0; i <= 20; ++i) {
        const float s = breathScale(BreathPhase::Inhale, i / 20.0);
        INFO("inhale at " << i / 20.0);
        REQUIRE(s > prev);
        prev = s;
    }
    REQUIRE(breathScale(BreathPhase::Inhale, 0.0) == Approx(0.0f));
    REQUIRE(breathScale(BreathPhase::Inhale, 1.0) == Approx(1.0f));
    for (int i = 0; i <= 20; ++i) REQUIRE(breathScale(BreathPhase::Hold, i / 20.0) == Approx(1.0f));
    prev = 2;
    for (int i = 0; i <= 20; ++i) {
        const float s = breathScale(BreathPhase::Exhale, i / 20.0);
        INFO("exhale at " << i / 20.0);
        REQUIRE(s < prev);
        prev = s;
    }
    REQUIRE(breathScale(BreathPhase::Exhale, 1.0) == Approx(0.0f));
    for (int i = 0; i <= 20; ++i) REQUIRE(breathScale(BreathPhase::Rest, i / 20.0) == Approx(0.0f));
    // Eased: slow at the ends, fastest in the middle of the breath.
    const float startStep = breathScale(BreathPhase::Inhale, 0.05) - breathScale(BreathPhase::Inhale, 0.0);
    const float midStep = breathScale(BreathPhase::Inhale, 0.525) - breathScale(BreathPhase::Inhale, 0.475);
    REQUIRE(midStep > 3 * startStep);
    // Continuous across phases: no jump when the inhale ends and the hold starts.
    REQUIRE(breathScale(BreathPhase::Inhale, 1.0) == Approx(breathScale(BreathPhase::Hold, 0.0)));
    REQUIRE(breathScale(BreathPhase::Hold, 1.0) == Approx(breathScale(BreathPhase::Exhale, 0.0)));
}
