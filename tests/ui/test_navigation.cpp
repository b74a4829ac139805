// Navigation through the real screens by tapping hotspots, the back stack,
// suspend, keep-awake and the animation hint.
//
// [SECTION] Content the tests rely on
// [SECTION] Journeys by tapping hotspots
// [SECTION] Back stack and open()
// [SECTION] Suspend, keep-awake, animation hint
// [SECTION] Screenshot mode (play:ID@SECONDS)
// [SECTION] Body map
#include "harness.hpp"

#include "screens.hpp"  // Router, one struct per screen (engine/ui/src)
#include "unknot/session/route.hpp"

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

//-----------------------------------------------------------------------------
// [SECTION] Content the tests rely on
//-----------------------------------------------------------------------------
TEST_CASE("the bundled content loads without errors (the UI tests rely on it)", "[ui][nav]") {
    const Library& lib = bundled();
    INFO("diagnostics: " << lib.diagnostics.size());
    REQUIRE(countErrors(lib.diagnostics) == 0);
    REQUIRE(lib.findRoutine("neck-release") != nullptr);
    REQUIRE(lib.findRoutine("breathing-4-2-6") != nullptr);
    REQUIRE(lib.findArea("neck") != nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] Journeys by tapping hotspots
//-----------------------------------------------------------------------------
TEST_CASE("home -> browse -> neck -> card -> start -> pause -> resume -> stop -> end -> back home", "[ui][nav]") {
    const auto size = GENERATE(std::pair<float, float>{390, 844}, std::pair<float, float>{1280, 800});
    INFO("window " << size.first << "x" << size.second);
    Harness h(size.first, size.second);
    unknot::NullLifecycle life;
    AppConfig cfg;
    cfg.library = &bundled();
    cfg.services.lifecycle = &life;
    App app(cfg);
    h.frames(app, 3);
    REQUIRE(app.screenName() == "home");
    REQUIRE(Harness::find(app, "back-nav") == nullptr);  // Home is the root: no back

    h.tap(app, "browse");
    REQUIRE(app.screenName() == "browse");
    // The areas sit below the map on a phone: scroll to Neck as a finger would.
    REQUIRE(h.reveal(app, "area:neck", size.first * 0.75f, size.second * 0.7f));
    h.tap(app, "area:neck");
    REQUIRE(app.screenName() == "list");
    REQUIRE(h.reveal(app, "card:neck-release", size.first * 0.5f, size.second * 0.7f));
    h.tap(app, "card:neck-release");
    REQUIRE(app.screenName() == "card");
    REQUIRE(app.player() == nullptr);

    h.start(app);
    REQUIRE(app.screenName() == "player");
    REQUIRE(app.player() != nullptr);
    REQUIRE(app.player()->state() == PlayerState::Running);
    REQUIRE(app.player()->timeline().routineId == "neck-release");
    REQUIRE(life.keepAwake());

    h.tap(app, "pause");
    REQUIRE(app.player()->state() == PlayerState::Paused);
    REQUIRE_FALSE(life.keepAwake());
    // Paused means paused: the position does not move while frames go by.
    const std::int64_t frozen = app.player()->positionMs(h.now);
    h.frames(app, 30);
    REQUIRE(app.player()->positionMs(h.now) == frozen);

    h.tap(app, "resume");
    REQUIRE(app.player()->state() == PlayerState::Running);
    REQUIRE(life.keepAwake());

    h.tap(app, "stop");
    // Stop asks first; the question pauses the session.
    REQUIRE(app.screenName() == "player");
    REQUIRE(Harness::find(app, "stop-confirm") != nullptr);
    REQUIRE(Harness::find(app, "stop-cancel") != nullptr);
    REQUIRE(app.player()->state() == PlayerState::Paused);
    h.tap(app, "stop-cancel");
    REQUIRE(app.player()->state() == PlayerState::Running);
    REQUIRE(Harness::find(app, "stop-confirm") == nullptr);

    h.tap(app, "stop");
    h.tap(app, "stop-confirm");
    REQUIRE(app.screenName() == "end");
    REQUIRE(app.player()->state() == PlayerState::Finished);
    REQUIRE(app.player()->finishedEarly());
    REQUIRE_FALSE(life.keepAwake());

    h.tap(app, "done");
    REQUIRE(app.screenName() == "card");
    REQUIRE(app.player() == nullptr);
    h.tap(app, "back-nav");
    REQUIRE(app.screenName() == "list");
    h.tap(app, "back-nav");
    REQUIRE(app.screenName() == "browse");
    h.tap(app, "back-nav");
    REQUIRE(app.screenName() == "home");
}

TEST_CASE("Home starts the 4-2-6 breathing in one tap", "[ui][nav]") {
    Harness h(390, 844);
    AppConfig cfg;
    cfg.library = &bundled();
    App app(cfg);
    h.frames(app, 3);
    h.start(app, "start-breathing");
    REQUIRE(app.screenName() == "player");
    REQUIRE(app.player()->timeline().routineId == "breathing-4-2-6");
    REQUIRE(app.player()->state() == PlayerState::Running);
}

TEST_CASE("Home hides the breathing button when the routine is not installed", "[ui][nav]") {
    Harness h(390, 844);
    Library lib = smallLibrary();
    lib.routines.erase(lib.routines.begin());  // breathing-4-2-6
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    h.frames(app, 3);
    REQUIRE(Harness::find(app, "start-breathing") == nullptr);
    REQUIRE(Harness::find(app, "browse") != nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] Back stack and open()
//-----------------------------------------------------------------------------
TEST_CASE("goBack pops the stack and returns false at Home", "[ui][nav]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    h.frames(app, 2);
    REQUIRE_FALSE(app.goBack(h.now));
    REQUIRE(app.screenName() == "home");

    std::string err;
    REQUIRE(app.open("area:neck", h.now, &err));
    h.frames(app, 2);
    REQUIRE(app.screenName() == "list");
    REQUIRE(app.goBack(h.now));
    REQUIRE(app.screenName() == "browse");
    REQUIRE(app.goBack(h.now));
    REQUIRE(app.screenName() == "home");
    REQUIRE_FALSE(app.goBack(h.now));
    REQUIRE(app.screenName() == "home");

    // In a session, back asks before leaving (a second back cancels the question).
    REQUIRE(app.open("card:neck-release", h.now, &err));
    h.frames(app, 2);
    h.start(app);
    REQUIRE(app.screenName() == "player");
    REQUIRE(app.goBack(h.now));
    h.frames(app, 2);
    REQUIRE(app.screenName() == "player");
    REQUIRE(Harness::find(app, "stop-confirm") != nullptr);
    REQUIRE(app.player()->state() == PlayerState::Paused);
    REQUIRE(app.goBack(h.now));
    h.frames(app, 2);
    REQUIRE(Harness::find(app, "stop-confirm") == nullptr);
    REQUIRE(app.player()->state() == PlayerState::Running);
}

TEST_CASE("open() rejects unknown screens and ids with a reason", "[ui][nav]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    std::string err;
    REQUIRE_FALSE(app.open("card:nope", 0, &err));
    REQUIRE(err.find("nope") != std::string::npos);
    REQUIRE_FALSE(app.open("nowhere", 0, &err));
    REQUIRE_FALSE(app.open("play:neck-release@abc", 0, &err));
    REQUIRE(app.screenName() == "home");
}

TEST_CASE("open() reads the one route grammar (parseRoute) and names what is unknown", "[ui][nav]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    std::string err;
    // Shape errors are parseRoute's own words, whatever asks.
    REQUIRE_FALSE(app.open("play:breathing-4-2-6@-1", 0, &err));
    CHECK(err == parseRoute("play:breathing-4-2-6@-1").error().message);
    REQUIRE_FALSE(app.open("card:", 0, &err));
    CHECK(err == parseRoute("card:").error().message);
    REQUIRE_FALSE(app.open("nowhere", 0, &err));
    CHECK(err == parseRoute("nowhere").error().message);
    // Ids are the App's question: it holds the library.
    REQUIRE_FALSE(app.open("area:elbow", 0, &err));
    CHECK(err == "unknown area: elbow");
    REQUIRE_FALSE(app.open("pain:nope", 0, &err));
    CHECK(err == "unknown routine: nope");
    REQUIRE_FALSE(app.open("play:nope@3", 0, &err));
    CHECK(err == "unknown routine: nope");
    CHECK(app.screenName() == "home");
    // Every route formatRoute writes opens, on the screen it names.
    const std::vector<std::pair<Route, std::string>> routes = {
        {route::Home{}, "home"},
        {route::Browse{}, "browse"},
        {route::List{}, "list"},
        {route::List{"neck"}, "list"},
        {route::Problems{}, "problems"},
        {route::Settings{}, "settings"},
        {route::Safety{}, "safety"},
        {route::History{}, "history"},
        {route::Card{"breathing-4-2-6"}, "card"},
        {route::PainBefore{"breathing-4-2-6"}, "pain"},
        {route::Play{"breathing-4-2-6", 2000}, "player"},
    };
    for (const auto& [r, name] : routes) {
        INFO(formatRoute(r));
        REQUIRE(app.open(formatRoute(r), 0, &err));
        CHECK(app.screenName() == name);
    }
}

TEST_CASE("Router: Home is the root; find() reaches the nearest screen of a kind", "[ui][nav]") {
    Router r;
    CHECK(r.topIs<screen::Home>());
    CHECK_FALSE(r.pop());  // the root stays
    r.push(screen::List{"neck"});
    r.push(screen::Card{"neck-release"});
    r.push(screen::List{"hands"});
    REQUIRE(r.find<screen::List>() != nullptr);
    CHECK(r.find<screen::List>()->area == "hands");
    CHECK(r.find<screen::Player>() == nullptr);
    r.replaceTop(screen::Player{"neck-release"});
    CHECK(r.topIs<screen::Player>());
    CHECK(r.find<screen::List>()->area == "neck");
    CHECK(*screenRoutine(r.top()) == "neck-release");
    CHECK(r.pop());
    CHECK(r.pop());
    CHECK(r.pop());
    CHECK(r.stack().size() == 1);
    CHECK(screenRoutine(r.top()) == nullptr);
    r.push(screen::Browse{});
    r.reset();
    CHECK(r.stack().size() == 1);
    CHECK(r.topIs<screen::Home>());
}

//-----------------------------------------------------------------------------
// [SECTION] Suspend, keep-awake, animation hint
//-----------------------------------------------------------------------------
TEST_CASE("onSuspend pauses a running session; keep-awake follows the state", "[ui][nav]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    unknot::NullLifecycle life;
    AppConfig cfg;
    cfg.library = &lib;
    cfg.services.lifecycle = &life;
    App app(cfg);
    h.frames(app, 2);
    REQUIRE_FALSE(life.keepAwake());
    std::string err;
    REQUIRE(app.open("card:wait-test", h.now, &err));
    h.frames(app, 2);
    REQUIRE_FALSE(life.keepAwake());  // a card is not a session
    h.start(app);
    REQUIRE(app.player()->state() == PlayerState::Running);
    REQUIRE(life.keepAwake());

    app.onSuspend(h.now);
    REQUIRE(app.player()->state() == PlayerState::Paused);
    REQUIRE_FALSE(life.keepAwake());
    h.frames(app, 5);
    REQUIRE(app.player()->state() == PlayerState::Paused);  // frames do not resume it
    h.tap(app, "resume");
    REQUIRE(life.keepAwake());

    // Waiting for a tap keeps the screen on: the person is following the prompt.
    h.runUntil(app, h.now + 6000);
    REQUIRE(app.player()->state() == PlayerState::WaitingForTap);
    REQUIRE(life.keepAwake());
    // Suspending while waiting does not pause (nothing runs) and changes nothing.
    app.onSuspend(h.now);
    REQUIRE(app.player()->state() == PlayerState::WaitingForTap);
    h.tap(app, "continue");
    REQUIRE(app.player()->state() == PlayerState::Running);
    REQUIRE(app.player()->current()->say.get("en") == "Roll gently.");

    // Leaving the player (stop, done) lets the screen sleep.
    h.tap(app, "stop");
    h.tap(app, "stop-confirm");
    REQUIRE_FALSE(life.keepAwake());
    h.tap(app, "done");
    REQUIRE_FALSE(life.keepAwake());
}

TEST_CASE("needsAnimation is true only while a session runs (after a change settles)", "[ui][nav]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    h.frames(app, 5);
    REQUIRE_FALSE(app.needsAnimation());  // Home at rest: the shell may sleep
    std::string err;
    REQUIRE(app.open("card:neck-release", h.now, &err));
    REQUIRE(app.needsAnimation());  // the new screen still has to be drawn
    h.frames(app, 5);
    REQUIRE_FALSE(app.needsAnimation());
    h.start(app);
    h.frames(app, 5);
    REQUIRE(app.needsAnimation());
    h.tap(app, "pause");
    h.frames(app, 5);
    REQUIRE_FALSE(app.needsAnimation());
}

//-----------------------------------------------------------------------------
// [SECTION] Screenshot mode (play:ID@SECONDS)
//-----------------------------------------------------------------------------
TEST_CASE("play:ID@SECONDS shows the session at that virtual time, waits passed", "[ui][nav]") {
    Harness h(390, 844);
    const Library lib = smallLibrary();
    AppConfig cfg;
    cfg.library = &lib;
    App app(cfg);
    std::string err;
    // Breathing: at 3.9 s the first inhale has 100 ms left.
    REQUIRE(app.open("play:breathing-4-2-6@3.9", 0, &err));
    h.now = 3900;
    h.frame(app);
    REQUIRE(app.screenName() == "player");
    REQUIRE(app.player()->state() == PlayerState::Running);
    REQUIRE(app.player()->current()->phase == BreathPhase::Inhale);
    REQUIRE(app.player()->segmentLeftMs(3900) == 100);

    // wait-test: 5 s, a tap wait (no time on the virtual clock), 5 s.
    REQUIRE(app.open("play:wait-test@7", 0, &err));
    h.now = 7000;
    h.frame(app);
    REQUIRE(app.player()->state() == PlayerState::Running);
    REQUIRE(app.player()->current()->say.get("en") == "Roll gently.");
    REQUIRE(app.player()->positionMs(7000) == 7000);

    // Exactly at the wait: the Continue button shows.
    REQUIRE(app.open("play:wait-test@5", 0, &err));
    h.now = 5000;
    h.frames(app, 2);
    REQUIRE(app.player()->state() == PlayerState::WaitingForTap);
    REQUIRE(Harness::find(app, "continue") != nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] Body map
//-----------------------------------------------------------------------------
TEST_CASE("tapping a spot on the body map lists that area; front and back differ", "[ui][nav]") {
    SECTION("phone: one view at a time, with a Front/Back toggle") {
        Harness h(390, 844);
        AppConfig cfg;
        cfg.library = &bundled();
        App app(cfg);
        std::string err;
        REQUIRE(app.open("browse", 0, &err));
        h.frames(app, 3);
        // The upper back has spots on the back view only.
        REQUIRE(Harness::find(app, "spot:neck") != nullptr);
        REQUIRE(Harness::find(app, "spot:upper-back") == nullptr);
        h.tap(app, "view-back");
        REQUIRE(Harness::find(app, "spot:upper-back") != nullptr);
        h.tap(app, "spot:upper-back");
        REQUIRE(app.screenName() == "list");
        // The list is the upper back's: a routine for it can be reached.
        REQUIRE(h.reveal(app, "card:tennis-ball-back-wall", 195, 600));
        // ...and only the upper back's: scrolling to the end never shows a hands routine.
        REQUIRE_FALSE(h.reveal(app, "card:hand-massage-arthritis", 195, 600));
    }
    SECTION("laptop: front and back side by side") {
        Harness h(1280, 800);
        AppConfig cfg;
        cfg.library = &bundled();
        App app(cfg);
        std::string err;
        REQUIRE(app.open("browse", 0, &err));
        h.frames(app, 3);
        REQUIRE(Harness::find(app, "view-back") == nullptr);
        REQUIRE(Harness::find(app, "spot:upper-back") != nullptr);
        REQUIRE(Harness::find(app, "spot:hands") != nullptr);
        h.tap(app, "spot:hands");
        REQUIRE(app.screenName() == "list");
        REQUIRE(h.reveal(app, "card:hand-massage-arthritis", 640, 500));
    }
}
