// The journal as the screens use it: sessions recorded before the end screen
// shows, pain before and after, favourites and recent routines on Home,
// settings that survive a restart, the first-start safety note, flare mode,
// failed writes kept and retried, History and Export, and the --watch overlay.
// File journals live in a temporary folder of their own, removed afterwards.
//
// [SECTION] Helpers: a temporary folder, an App on a journal, running to the end
// [SECTION] Sessions: recorded before the end screen, pain after, stopped early
// [SECTION] The pain question: "Don't ask again"
// [SECTION] Favourites and recent routines on Home
// [SECTION] Settings survive a restart
// [SECTION] The safety note: first start, Home, cards
// [SECTION] Flare mode
// [SECTION] A write that fails is kept and retried; notices on Home
// [SECTION] History and Export
// [SECTION] unknot --watch: the content error overlay
// [SECTION] More of the session record: area, wall-clock times, note, pain after cleared
// [SECTION] The language button on Home
#include "harness.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;
namespace fs = std::filesystem;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
// A fresh folder under the system's temporary folder, removed with its files.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        static int counter = 0;
        path_ =
            fs::temp_directory_path() / ("unknot-journal-ui-" + std::to_string(rd()) + "-" + std::to_string(++counter));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    fs::path path_;
};

std::unique_ptr<Journal> openJournal(const std::string& path) {
    auto j = Journal::open(path, 0);
    REQUIRE(j != nullptr);
    INFO("notices: " << (j->notices().empty() ? std::string() : j->notices().front()));
    REQUIRE(j->persistent());
    return j;
}

AppConfig configFor(const Library& lib, Journal* j) {
    AppConfig cfg;
    cfg.library = &lib;
    cfg.journal = j;
    return cfg;
}

// The virtual clock value at which the running session's position is 0.
std::int64_t sessionOrigin(const Harness& h, const App& app) {
    REQUIRE(app.player() != nullptr);
    return h.now - app.player()->positionMs(h.now);
}

// Every hotspot id with `prefix` seen while scrolling the region under
// (x, y) from its top to its bottom (until a few drags in a row show nothing
// new), as a finger reading a whole list would.
std::set<std::string> collectWhileScrolling(Harness& h, App& app, const std::string& prefix, float x, float y) {
    std::set<std::string> seen;
    const float H = ImGui::GetIO().DisplaySize.y;
    auto note = [&] {
        std::size_t before = seen.size();
        for (const Hotspot& hs : app.hotspots())
            if (hs.id.rfind(prefix, 0) == 0) seen.insert(hs.id);
        return seen.size() > before;
    };
    note();
    int still = 0;
    for (int i = 0; i < 80 && still < 4; ++i) {
        h.drag(app, x, y, y - H * 0.25f);
        still = note() ? 0 : still + 1;
    }
    return seen;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Sessions
//-----------------------------------------------------------------------------
// Skip through to the end, one frame at a time: the frame after which the
// app first says "end" (what the web page publishes, and then shows) has the
// session committed already, not one frame later.
TEST_CASE("a session ended by a tap is in the journal in the frame that ends it", "[ui][journal]") {
    TempDir dir;
    const Library lib = smallLibrary();
    auto j = openJournal(dir.file("journal.db"));
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 2);
    h.start(app);
    REQUIRE(app.screenName() == "player");
    bool ended = false;
    auto frame = [&] {
        h.frame(app);
        if (app.screenName() == "end" && !ended) {
            ended = true;
            INFO("the first frame that says \"end\"");
            CHECK(j->allSessions().size() == 1);
            CHECK(j->pendingWrites() == 0);
        }
    };
    for (int i = 0; i < 200 && !ended; ++i) {
        const Hotspot* s = Harness::find(app, "continue");
        if (!s) s = Harness::find(app, "skip");
        REQUIRE(s != nullptr);
        h.moveMouse(s->x + s->w * 0.5f, s->y + s->h * 0.5f);
        frame();
        h.mouseDown(true);
        frame();
        h.mouseDown(false);
        frame();
        h.moveMouse(-1000, -1000);
        frame();
    }
    REQUIRE(ended);
}

TEST_CASE("a finished session is in the journal file before the end screen shows, with pain before and after",
          "[ui][journal]") {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    const Library lib = smallLibrary();
    const Timeline tl = compileTimeline(lib, *lib.findRoutine("neck-release"));
    std::string uid;
    {
        auto j = openJournal(path);
        Harness h(390, 844);
        App app(configFor(lib, j.get()));
        std::string err;
        REQUIRE(app.open("card:neck-release", 0, &err));
        h.frames(app, 2);
        h.tap(app, "start");
        REQUIRE(app.screenName() == "pain");
        h.tap(app, "pain:5");
        REQUIRE(app.screenName() == "player");
        REQUIRE(app.player()->state() == PlayerState::Running);
        REQUIRE(j->allSessions().empty());  // nothing recorded at the start

        // Frame by frame to the end: nothing is recorded while it runs, and
        // the first frame that shows the end screen finds the session saved.
        const std::int64_t origin = sessionOrigin(h, app);
        while (app.screenName() != "end" && h.now < origin + tl.totalMs + 2000) {
            REQUIRE(j->allSessions().empty());
            h.frame(app);
        }
        REQUIRE(app.screenName() == "end");
        const std::vector<SessionRecord> all = j->allSessions();
        REQUIRE(all.size() == 1);
        REQUIRE(j->pendingWrites() == 0);  // committed, not held in memory
        const SessionRecord& s = all.front();
        CHECK(s.routineId == "neck-release");
        CHECK(s.finished);
        CHECK_FALSE(s.stoppedAtStep.has_value());
        REQUIRE(s.painBefore.has_value());
        CHECK(*s.painBefore == 5);
        CHECK_FALSE(s.painAfter.has_value());
        CHECK(s.practisedSeconds >= tl.totalMs / 1000);
        CHECK(s.practisedSeconds <= tl.totalMs / 1000 + 1);
        CHECK(s.endedAt >= s.startedAt);
        CHECK_FALSE(s.uid.empty());
        uid = s.uid;

        // The same question after: the answer updates the recorded session.
        REQUIRE(h.reveal(app, "pain-after:3", 195, 600));
        h.tap(app, "pain-after:3");
        REQUIRE(app.screenName() == "end");
        auto after = j->session(uid);
        REQUIRE(after.has_value());
        REQUIRE(after->painAfter.has_value());
        CHECK(*after->painAfter == 3);
        CHECK(j->allSessions().size() == 1);  // updated, not added again
        REQUIRE(h.reveal(app, "done", 195, 600));
        h.tap(app, "done");
        REQUIRE(app.screenName() == "card");
        CHECK(j->allSessions().size() == 1);
    }
    // The file, opened again from disk, holds it all.
    auto again = openJournal(path);
    auto s = again->session(uid);
    REQUIRE(s.has_value());
    CHECK(s->routineId == "neck-release");
    CHECK(s->finished);
    REQUIRE(s->painBefore.has_value());
    CHECK(*s->painBefore == 5);
    REQUIRE(s->painAfter.has_value());
    CHECK(*s->painAfter == 3);
    CHECK(again->allSessions().size() == 1);
}

TEST_CASE("a session stopped early is recorded as not finished, with the step it stopped at", "[ui][journal]") {
    const Library lib = smallLibrary();
    const Timeline tl = compileTimeline(lib, *lib.findRoutine("neck-release"));
    REQUIRE(tl.segments.size() >= 2);
    REQUIRE(tl.segments[1].step == 2);  // the sided stretch is the second step
    auto j = Journal::inMemory();
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 2);
    h.start(app);  // skips the pain question
    REQUIRE(app.screenName() == "player");
    const std::int64_t origin = sessionOrigin(h, app);
    h.runUntil(app, origin + tl.segments[1].startMs + 2000);
    REQUIRE(app.player()->current()->step == 2);
    h.tap(app, "stop");
    REQUIRE(j->allSessions().empty());  // the question alone records nothing
    h.tap(app, "stop-confirm");
    REQUIRE(app.screenName() == "end");
    const auto all = j->allSessions();
    REQUIRE(all.size() == 1);
    CHECK(all[0].routineId == "neck-release");
    CHECK_FALSE(all[0].finished);
    REQUIRE(all[0].stoppedAtStep.has_value());
    CHECK(*all[0].stoppedAtStep == 1);           // 0-based: the second step
    CHECK_FALSE(all[0].painBefore.has_value());  // skipped
    // About 7 s ran (5 s sit + 2 s into the stretch, plus the taps' frames).
    CHECK(all[0].practisedSeconds >= 7);
    CHECK(all[0].practisedSeconds <= 8);
}

TEST_CASE("leaving a running session with Back and confirming records it once, stopped early", "[ui][journal]") {
    const Library lib = smallLibrary();
    auto j = Journal::inMemory();
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 2);
    h.start(app);
    h.frames(app, 60);
    REQUIRE(app.goBack(h.now));  // asks first
    h.frames(app, 2);
    REQUIRE(Harness::find(app, "stop-confirm") != nullptr);
    h.tap(app, "stop-confirm");
    REQUIRE(app.screenName() == "end");
    h.tap(app, "done");
    REQUIRE(app.screenName() == "card");
    const auto all = j->allSessions();
    REQUIRE(all.size() == 1);
    CHECK_FALSE(all[0].finished);
    REQUIRE(all[0].stoppedAtStep.has_value());
    CHECK(*all[0].stoppedAtStep == 0);
}

//-----------------------------------------------------------------------------
// [SECTION] The pain question
//-----------------------------------------------------------------------------
TEST_CASE("Don't ask again, on the pain question, is saved: after a restart Start goes straight to the player",
          "[ui][journal]") {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    const Library lib = smallLibrary();
    {
        auto j = openJournal(path);
        Harness h(390, 844);
        App app(configFor(lib, j.get()));
        REQUIRE(app.settings().askPain);
        std::string err;
        REQUIRE(app.open("card:neck-release", 0, &err));
        h.frames(app, 2);
        h.tap(app, "start");
        REQUIRE(app.screenName() == "pain");
        REQUIRE(h.reveal(app, "pain-never", 195, 500));
        h.tap(app, "pain-never");
        REQUIRE(app.screenName() == "player");  // it also starts the session
        CHECK_FALSE(app.settings().askPain);
        REQUIRE(j->setting("ask_pain").has_value());
        CHECK(*j->setting("ask_pain") == "0");
    }
    auto j = openJournal(path);
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    CHECK_FALSE(app.settings().askPain);
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 2);
    h.tap(app, "start");
    REQUIRE(app.screenName() == "player");
    // Nor does the end screen ask for the pain after.
    h.tap(app, "stop");
    h.tap(app, "stop-confirm");
    REQUIRE(app.screenName() == "end");
    CHECK(Harness::find(app, "pain-after:0") == nullptr);
    CHECK_FALSE(h.reveal(app, "pain-after:3", 195, 600, 6));
}

//-----------------------------------------------------------------------------
// [SECTION] Favourites and recent routines
//-----------------------------------------------------------------------------
TEST_CASE("the star on a card makes a favourite that Home lists after a restart, and tapping it again removes it",
          "[ui][journal]") {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    const Library lib = smallLibrary();
    {
        auto j = openJournal(path);
        Harness h(390, 844);
        App app(configFor(lib, j.get()));
        std::string err;
        REQUIRE(app.open("card:neck-release", 0, &err));
        h.frames(app, 2);
        REQUIRE_FALSE(j->isFavourite("neck-release"));
        h.tap(app, "favourite");
        REQUIRE(app.screenName() == "card");
        CHECK(j->isFavourite("neck-release"));
        CHECK(j->favourites() == std::vector<std::string>{"neck-release"});
    }
    auto j = openJournal(path);
    REQUIRE(j->isFavourite("neck-release"));
    {
        // A phone: Home scrolls down to its Favourites.
        Harness h(390, 844);
        App app(configFor(lib, j.get()));
        h.frames(app, 3);
        REQUIRE(app.screenName() == "home");
        REQUIRE(h.reveal(app, "fav:neck-release", 195, 500));
        CHECK(Harness::find(app, "fav:breathing-4-2-6") == nullptr);
        h.tap(app, "fav:neck-release");
        REQUIRE(app.screenName() == "card");
        h.tap(app, "favourite");
        CHECK_FALSE(j->isFavourite("neck-release"));
        CHECK(j->favourites().empty());
        h.tap(app, "back-nav");
        REQUIRE(app.screenName() == "home");
    }
    // A window tall enough for the whole of Home: no row is left.
    Harness h(800, 2400);
    App app(configFor(lib, j.get()));
    h.frames(app, 3);
    REQUIRE(Harness::find(app, "settings") != nullptr);
    for (const Hotspot& hs : app.hotspots()) CHECK(hs.id.rfind("fav:", 0) != 0);
}

TEST_CASE("after a session Home lists the routine under Recent, also after a restart", "[ui][journal]") {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    const Library lib = smallLibrary();
    {
        auto j = openJournal(path);
        Harness h(800, 2400);
        App app(configFor(lib, j.get()));
        h.frames(app, 3);
        for (const Hotspot& hs : app.hotspots()) CHECK(hs.id.rfind("recent:", 0) != 0);  // none yet
        std::string err;
        REQUIRE(app.open("card:wait-test", h.now, &err));
        h.frames(app, 2);
        h.start(app);
        h.tap(app, "stop");
        h.tap(app, "stop-confirm");
        REQUIRE(app.screenName() == "end");
        h.tap(app, "done");
        REQUIRE(app.open("home", h.now, &err));
        h.frames(app, 3);
        CHECK(Harness::find(app, "recent:wait-test") != nullptr);
        CHECK(Harness::find(app, "recent:neck-release") == nullptr);
    }
    auto j = openJournal(path);
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    h.frames(app, 3);
    REQUIRE(h.reveal(app, "recent:wait-test", 195, 500));
    h.tap(app, "recent:wait-test");
    REQUIRE(app.screenName() == "card");
    h.frames(app, 2);
    // The card's routine: its Start starts wait-test.
    h.start(app);
    REQUIRE(app.player() != nullptr);
    CHECK(app.player()->timeline().routineId == "wait-test");
}

//-----------------------------------------------------------------------------
// [SECTION] Settings survive a restart
//-----------------------------------------------------------------------------
TEST_CASE("settings changed on the Settings screen are the same after a restart", "[ui][journal]") {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    const Library lib = smallLibrary();
    Settings before;
    {
        auto j = openJournal(path);
        Harness h(390, 844);
        App app(configFor(lib, j.get()));
        const Settings defaults = app.settings();
        REQUIRE(defaults.theme == ThemeId::Light);
        REQUIRE(defaults.textPercent == 100);
        REQUIRE(defaults.lang == "en");
        REQUIRE_FALSE(defaults.reducedMotion);
        REQUIRE_FALSE(defaults.flareMode);
        h.frames(app, 2);
        h.tap(app, "settings");
        REQUIRE(app.screenName() == "settings");
        h.tap(app, "theme:dark");
        CHECK(app.settings().theme == ThemeId::Dark);
        h.tap(app, "text:150");
        CHECK(app.settings().textPercent == 150);
        CHECK(h.builtPx() == 30.0f);  // the fonts were rebuilt at 150 %
        h.tap(app, "lang:fr");
        CHECK(app.language() == "fr");
        REQUIRE(h.reveal(app, "reduced-motion", 195, 600));
        h.tap(app, "reduced-motion");
        CHECK(app.settings().reducedMotion);
        REQUIRE(h.reveal(app, "flare-mode", 195, 600));
        h.tap(app, "flare-mode");
        CHECK(app.settings().flareMode);
        REQUIRE(h.reveal(app, "volume:40", 195, 600));
        h.tap(app, "volume:40");
        CHECK(app.settings().volumePercent == 40);
        REQUIRE(app.screenName() == "settings");
        before = app.settings();
    }
    auto j = openJournal(path);
    App app(configFor(lib, j.get()));
    const Settings& s = app.settings();
    CHECK(s.theme == ThemeId::Dark);
    CHECK(s.textPercent == 150);
    CHECK(s.lang == "fr");
    CHECK(s.reducedMotion);
    CHECK(s.flareMode);
    CHECK(s.volumePercent == 40);
    CHECK(s.theme == before.theme);
    CHECK(s.sound == before.sound);
    CHECK(s.haptics == before.haptics);
    CHECK(s.askPain == before.askPain);
    CHECK(s.safetyAcknowledged == before.safetyAcknowledged);
    CHECK(app.language() == "fr");
    CHECK(app.wantedFontPx(20) == 30.0f);
    // --lang wins for the run without replacing the saved choice.
    AppConfig forced = configFor(lib, j.get());
    forced.lang = "en";
    App english(forced);
    CHECK(english.language() == "en");
    REQUIRE(j->setting("lang").has_value());
    CHECK(*j->setting("lang") == "fr");
}

TEST_CASE("a damaged or unknown saved setting falls back to its default", "[ui][journal]") {
    auto j = Journal::inMemory();
    j->setSetting("theme", "sepia");
    j->setSetting("text_percent", "huge");
    j->setSetting("reduced_motion", "perhaps");
    j->setSetting("volume", "500");
    const Library lib = smallLibrary();
    App app(configFor(lib, j.get()));
    CHECK(app.settings().theme == ThemeId::Light);
    CHECK(app.settings().textPercent == 100);
    CHECK_FALSE(app.settings().reducedMotion);
    CHECK(app.settings().volumePercent == 100);  // clamped
}

TEST_CASE("a language forced with --lang is for that run only, even when other settings are saved", "[ui][journal]") {
    auto j = Journal::inMemory();
    j->setSetting("lang", "en");
    const Library lib = smallLibrary();
    {
        AppConfig cfg = configFor(lib, j.get());
        cfg.lang = "fr";  // unknot --lang fr --text-size 150
        App app(cfg);
        CHECK(app.language() == "fr");
        Settings s = app.settings();
        s.textPercent = 150;
        app.setSettings(s);
        REQUIRE(j->setting("text_percent").has_value());
        CHECK(*j->setting("text_percent") == "150");
        CHECK(*j->setting("lang") == "en");  // the saved choice is untouched
        // Choosing a language in the app is a real choice: it is saved.
        app.setLanguage("en");
        app.setLanguage("fr");
        CHECK(*j->setting("lang") == "fr");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The safety note
//-----------------------------------------------------------------------------
TEST_CASE("the safety note comes first on a first start, cannot be skipped, and is not shown again once read",
          "[ui][journal][safety]") {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    const Library lib = smallLibrary();
    {
        auto j = openJournal(path);
        Harness h(390, 844);
        AppConfig cfg = configFor(lib, j.get());
        cfg.askSafetyFirst = true;
        App app(cfg);
        h.frame(app);
        REQUIRE(app.screenName() == "safety");
        CHECK(Harness::find(app, "safety-ok") != nullptr);
        CHECK(Harness::find(app, "back-nav") == nullptr);
        // Back does not leave it (the next frame shows it again).
        app.goBack(h.now);
        h.frames(app, 2);
        CHECK(app.screenName() == "safety");
        CHECK(Harness::find(app, "back-nav") == nullptr);
        // Nor does opening another screen.
        std::string err;
        REQUIRE(app.open("browse", h.now, &err));
        h.frames(app, 2);
        CHECK(app.screenName() == "safety");
        h.tap(app, "safety-ok");
        // Back to where the app was going (Browse, opened above).
        CHECK(app.screenName() == "browse");
        CHECK(app.settings().safetyAcknowledged);
        REQUIRE(j->setting("safety_acknowledged").has_value());
        CHECK(*j->setting("safety_acknowledged") == "1");
        h.frames(app, 5);
        CHECK(app.screenName() == "browse");
    }
    auto j = openJournal(path);
    Harness h(390, 844);
    AppConfig cfg = configFor(lib, j.get());
    cfg.askSafetyFirst = true;
    App app(cfg);
    h.frame(app);
    CHECK(app.screenName() == "home");
    CHECK(Harness::find(app, "safety-ok") == nullptr);
}

TEST_CASE("a first start opened on a card shows the safety note, then the card", "[ui][journal][safety]") {
    const Library lib = smallLibrary();
    auto j = Journal::inMemory();
    Harness h(390, 844);
    AppConfig cfg = configFor(lib, j.get());
    cfg.askSafetyFirst = true;
    App app(cfg);
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));  // unknot --screen card:neck-release
    h.frame(app);
    REQUIRE(app.screenName() == "safety");
    h.tap(app, "safety-ok");
    CHECK(app.screenName() == "card");
    CHECK(Harness::find(app, "start") != nullptr);
}

TEST_CASE("the whole safety note is reachable from Home and from a card, with Back", "[ui][journal][safety]") {
    const auto size = GENERATE(std::pair<float, float>{390, 844}, std::pair<float, float>{1280, 800});
    INFO("window " << size.first << "x" << size.second);
    const Library lib = smallLibrary();
    auto j = Journal::inMemory();
    Harness h(size.first, size.second);
    App app(configFor(lib, j.get()));
    h.frames(app, 3);
    REQUIRE(app.screenName() == "home");
    REQUIRE(h.reveal(app, "safety", size.first * 0.5f, size.second * 0.5f));
    h.tap(app, "safety");
    REQUIRE(app.screenName() == "safety");
    CHECK(Harness::find(app, "back-nav") != nullptr);
    CHECK(Harness::find(app, "safety-ok") == nullptr);  // not a first start
    h.tap(app, "back-nav");
    REQUIRE(app.screenName() == "home");

    std::string err;
    REQUIRE(app.open("card:neck-release", h.now, &err));
    h.frames(app, 2);
    REQUIRE(h.reveal(app, "safety", size.first * 0.25f, size.second * 0.6f));
    h.tap(app, "safety");
    REQUIRE(app.screenName() == "safety");
    CHECK(Harness::find(app, "back-nav") != nullptr);
    REQUIRE(app.goBack(h.now));
    h.frames(app, 2);
    CHECK(app.screenName() == "card");
}

//-----------------------------------------------------------------------------
// [SECTION] Flare mode
//-----------------------------------------------------------------------------
TEST_CASE("flare mode lists only flare-safe routines, and all of them", "[ui][journal][flare]") {
    const Library& lib = bundled();
    std::set<std::string> all, safe;
    for (const Routine& r : lib.routines) {
        all.insert("card:" + r.id);
        if (r.flareSafe) safe.insert("card:" + r.id);
    }
    // The test means something only when the content has both kinds.
    REQUIRE(!safe.empty());
    REQUIRE(safe.size() < all.size());

    auto j = Journal::inMemory();
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    std::string err;
    // Off: the whole list scrolls by (which checks the collecting itself).
    REQUIRE(app.open("list", 0, &err));
    h.frames(app, 3);
    REQUIRE(app.screenName() == "list");
    CHECK(collectWhileScrolling(h, app, "card:", 195, 700) == all);

    Settings s = app.settings();
    s.flareMode = true;
    app.setSettings(s);
    REQUIRE(app.open("list", h.now, &err));
    h.frames(app, 3);
    const std::set<std::string> shown = collectWhileScrolling(h, app, "card:", 195, 700);
    for (const std::string& id : shown) {
        INFO(id << " is not flare-safe but is listed in flare mode");
        CHECK(safe.count(id) == 1);
    }
    CHECK(shown == safe);
    CHECK(shown.size() == safe.size());
}

TEST_CASE("flare mode hides Home's breathing button only when that routine is not flare-safe", "[ui][journal][flare]") {
    const bool breathingSafe = GENERATE(true, false);
    INFO("breathing-4-2-6 flare-safe: " << breathingSafe);
    Library lib = smallLibrary();
    for (Routine& r : lib.routines)
        if (r.id == "breathing-4-2-6") r.flareSafe = breathingSafe;
    auto j = Journal::inMemory();
    Harness h(800, 2400);
    App app(configFor(lib, j.get()));
    h.frames(app, 3);
    REQUIRE(Harness::find(app, "start-breathing") != nullptr);  // off: always shown
    Settings s = app.settings();
    s.flareMode = true;
    app.setSettings(s);
    h.frames(app, 3);
    CHECK((Harness::find(app, "start-breathing") != nullptr) == breathingSafe);
    CHECK(Harness::find(app, "browse") != nullptr);
    // Favourites and recent rows follow the same rule.
    j->setFavourite("neck-release", true, 1);  // not flare-safe in the small library
    j->setFavourite("breathing-4-2-6", true, 2);
    h.frames(app, 3);
    CHECK(Harness::find(app, "fav:neck-release") == nullptr);
    CHECK((Harness::find(app, "fav:breathing-4-2-6") != nullptr) == breathingSafe);
}

//-----------------------------------------------------------------------------
// [SECTION] A write that fails is kept and retried; notices on Home
//-----------------------------------------------------------------------------
TEST_CASE("a session whose write fails is kept, shown, and saved by Retry on Home", "[ui][journal]") {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    const Library lib = smallLibrary();
    const Timeline tl = compileTimeline(lib, *lib.findRoutine("neck-release"));
    auto j = openJournal(path);
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 2);
    h.tap(app, "start");
    h.tap(app, "pain:7");
    REQUIRE(app.screenName() == "player");
    j->setReadOnlyForTesting(true);  // the folder became read-only mid-session
    h.runUntil(app, sessionOrigin(h, app) + tl.totalMs + 200);
    REQUIRE(app.screenName() == "end");
    CHECK(j->pendingWrites() > 0);
    // Held in memory and shown by every query.
    const auto all = j->allSessions();
    REQUIRE(all.size() == 1);
    CHECK(all[0].routineId == "neck-release");
    REQUIRE(all[0].painBefore.has_value());
    CHECK(*all[0].painBefore == 7);
    HistoryQuery q;
    q.nowMs = 1'795'000'000'000LL + h.now;
    CHECK(j->history(q).totalSessions == 1);
    // The pain after, answered while still failing, is kept too.
    REQUIRE(h.reveal(app, "pain-after:2", 195, 600));
    h.tap(app, "pain-after:2");
    REQUIRE(j->session(all[0].uid).has_value());
    CHECK(j->session(all[0].uid)->painAfter == std::optional<int>(2));
    {
        auto disk = openJournal(path);  // really not in the file yet
        CHECK(disk->allSessions().empty());
    }
    REQUIRE(h.reveal(app, "done", 195, 600));
    h.tap(app, "done");

    // Home says so, with Retry.
    REQUIRE(app.open("home", h.now, &err));
    h.frames(app, 3);
    REQUIRE(h.reveal(app, "journal-retry", 195, 400));
    // History still lists it.
    REQUIRE(app.open("history", h.now, &err));
    h.frames(app, 3);
    CHECK(app.screenName() == "history");

    // Retry while still failing: still pending, nothing lost.
    REQUIRE(app.open("home", h.now, &err));
    h.frames(app, 3);
    REQUIRE(h.reveal(app, "journal-retry", 195, 400));
    h.tap(app, "journal-retry");
    CHECK(j->pendingWrites() > 0);
    CHECK(j->allSessions().size() == 1);

    // The folder is writable again: Retry saves it, and the notice goes.
    j->setReadOnlyForTesting(false);
    REQUIRE(h.reveal(app, "journal-retry", 195, 400));
    h.tap(app, "journal-retry");
    CHECK(j->pendingWrites() == 0);
    h.frames(app, 2);
    CHECK(Harness::find(app, "journal-retry") == nullptr);
    CHECK_FALSE(h.reveal(app, "journal-retry", 195, 400, 6));
    auto disk = openJournal(path);
    const auto saved = disk->allSessions();
    REQUIRE(saved.size() == 1);
    CHECK(saved[0].uid == all[0].uid);
    CHECK(saved[0].painBefore == std::optional<int>(7));
    CHECK(saved[0].painAfter == std::optional<int>(2));
    CHECK(saved[0].finished);
}

TEST_CASE("a journal file moved aside is told on Home until OK is tapped", "[ui][journal]") {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    {
        std::ofstream garbage(path, std::ios::binary);
        garbage << std::string(8192, 'x');  // not an SQLite file
    }
    auto j = Journal::open(path, 1'795'000'000'000LL);
    REQUIRE(j != nullptr);
    REQUIRE_FALSE(j->noticesDetailed().empty());
    CHECK(j->noticesDetailed().front().key == "journal.moved_corrupt");
    const Library lib = smallLibrary();
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    h.frames(app, 3);
    REQUIRE(h.reveal(app, "journal-ok", 195, 400));
    CHECK(Harness::find(app, "journal-retry") == nullptr);  // nothing pending
    h.tap(app, "journal-ok");
    CHECK(j->noticesDetailed().empty());
    h.frames(app, 2);
    CHECK(Harness::find(app, "journal-ok") == nullptr);
    CHECK_FALSE(h.reveal(app, "journal-ok", 195, 400, 6));
    // The damaged file was kept aside, not overwritten.
    int aside = 0;
    for (const auto& e : fs::directory_iterator(dir.path()))
        if (e.path().filename().string() != "journal.db" && fs::file_size(e.path()) == 8192) ++aside;
    CHECK(aside == 1);
}

//-----------------------------------------------------------------------------
// [SECTION] History and Export
//-----------------------------------------------------------------------------
namespace {
// 40 sessions over the three weeks before the app's test clock (wallNow() is
// a fixed day when no wall clock is given), most with both pains.
std::vector<std::string> fillJournal(Journal& j, const Library& lib) {
    const std::int64_t today = 1'795'000'000'000LL;
    const std::int64_t day = 86'400'000;
    std::vector<std::string> uids;
    for (int i = 0; i < 40; ++i) {
        SessionRecord r;
        r.routineId = lib.routines[static_cast<std::size_t>(i) % lib.routines.size()].id;
        r.startedAt = today - 21 * day + (static_cast<std::int64_t>(i) * 21 * day) / 40 + 9 * 3'600'000;
        r.endedAt = r.startedAt + 300'000;
        r.practisedSeconds = 240 + i;
        r.finished = i % 5 != 0;
        if (!r.finished) r.stoppedAtStep = 0;
        if (i % 4 != 3) {
            r.painBefore = 3 + i % 6;
            r.painAfter = std::max(0, 1 + i % 6);
        }
        if (i % 7 == 0) r.note = "Session " + std::to_string(i) + ": felt looser";
        REQUIRE(j.addSession(r) == WriteStatus::Saved);
        uids.push_back(r.uid);
    }
    return uids;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

TEST_CASE("History draws 40 sessions over three weeks within the window, and Export writes every session",
          "[ui][journal][history]") {
    const auto size = GENERATE(std::pair<float, float>{390, 844}, std::pair<float, float>{1280, 800});
    INFO("window " << size.first << "x" << size.second);
    TempDir dir;
    const Library lib = smallLibrary();
    auto j = openJournal(dir.file("journal.db"));
    const std::vector<std::string> uids = fillJournal(*j, lib);
    const fs::path out = dir.path() / "export";
    fs::create_directories(out);

    Harness h(size.first, size.second);
    AppConfig cfg = configFor(lib, j.get());
    cfg.exportDir = out.string();
    App app(cfg);
    std::string err;
    REQUIRE(app.open("history", 0, &err));
    h.frames(app, 3);
    REQUIRE(app.screenName() == "history");
    CHECK(app.layoutOverflow() == 0.0f);
    CHECK(Harness::find(app, "back-nav") != nullptr);
    REQUIRE(h.reveal(app, "export", size.first * 0.5f, size.second * 0.6f, 200));
    CHECK(app.layoutOverflow() == 0.0f);
    CHECK(fs::is_empty(out));
    h.tap(app, "export");
    CHECK(app.screenName() == "history");

    std::vector<fs::path> csv, json;
    for (const auto& e : fs::directory_iterator(out)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("unknot-journal-", 0) != 0) continue;
        if (e.path().extension() == ".csv") csv.push_back(e.path());
        if (e.path().extension() == ".json") json.push_back(e.path());
    }
    REQUIRE(csv.size() == 1);
    REQUIRE(json.size() == 1);
    const std::string js = slurp(json[0]);
    const std::string cs = slurp(csv[0]);
    for (const std::string& uid : uids) {
        INFO("uid " << uid);
        CHECK(js.find(uid) != std::string::npos);
        CHECK(cs.find(uid) != std::string::npos);
    }
    CHECK(js == exportJson(*j));  // the same as the command line's export
}

TEST_CASE("History with an empty journal, and no Export without a folder", "[ui][journal][history]") {
    const Library lib = smallLibrary();
    auto j = Journal::inMemory();
    Harness h(390, 844);
    App app(configFor(lib, j.get()));  // exportDir ""
    std::string err;
    REQUIRE(app.open("history", 0, &err));
    h.frames(app, 3);
    REQUIRE(app.screenName() == "history");
    CHECK(app.layoutOverflow() == 0.0f);
    CHECK_FALSE(h.reveal(app, "export", 195, 500, 6));
}

//-----------------------------------------------------------------------------
// [SECTION] unknot --watch
//-----------------------------------------------------------------------------
TEST_CASE(
    "watch mode: content errors show over the card shown, and go when fixed, and a removed routine closes its card",
    "[ui][journal][watch]") {
    const Library lib1 = smallLibrary();
    Library lib2 = smallLibrary();
    lib2.diagnostics.push_back(
        {"routines/neck-release.yaml", 12, 3, Severity::Error, "unknown key 'titel' (did you mean 'title'?)"});
    Library lib3 = smallLibrary();
    lib3.diagnostics.push_back({"routines/neck-release.yaml", 4, 1, Severity::Warning, "missing fr text"});
    Library lib4 = smallLibrary();
    lib4.routines.erase(std::remove_if(lib4.routines.begin(), lib4.routines.end(),
                                       [](const Routine& r) { return r.id == "neck-release"; }),
                        lib4.routines.end());
    lib4.diagnostics.push_back(lib2.diagnostics.front());

    Harness h(390, 844);
    AppConfig cfg = configFor(lib1, nullptr);
    cfg.watch = true;
    App app(cfg);
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 3);
    REQUIRE(app.screenName() == "card");
    CHECK(Harness::find(app, "lint-overlay") == nullptr);

    app.setLibrary(&lib2);
    h.frame(app);
    CHECK(Harness::find(app, "lint-overlay") != nullptr);
    CHECK(app.screenName() == "card");
    CHECK(Harness::find(app, "start") != nullptr);  // the card is still usable
    h.frames(app, 5);
    CHECK(Harness::find(app, "lint-overlay") != nullptr);  // it stays until fixed

    app.setLibrary(&lib3);  // fixed; a warning alone is no overlay
    h.frame(app);
    CHECK(Harness::find(app, "lint-overlay") == nullptr);
    CHECK(app.screenName() == "card");

    app.setLibrary(&lib2);
    h.frame(app);
    REQUIRE(Harness::find(app, "lint-overlay") != nullptr);
    app.setLibrary(&lib4);  // the routine itself went away
    h.frames(app, 2);
    CHECK(app.screenName() == "home");
    CHECK(Harness::find(app, "lint-overlay") != nullptr);
    std::string e2;
    CHECK_FALSE(app.open("card:neck-release", h.now, &e2));

    app.setLibrary(&lib1);
    h.frame(app);
    CHECK(Harness::find(app, "lint-overlay") == nullptr);
    CHECK(app.screenName() == "home");
}

TEST_CASE("watch mode: a reload during a session keeps the session when its routine is still there",
          "[ui][journal][watch]") {
    const Library lib1 = smallLibrary();
    Library lib2 = smallLibrary();
    lib2.diagnostics.push_back({"routines/other.yaml", 2, 1, Severity::Error, "bad duration"});
    Harness h(390, 844);
    AppConfig cfg = configFor(lib1, nullptr);
    cfg.watch = true;
    App app(cfg);
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 2);
    h.start(app);
    REQUIRE(app.screenName() == "player");
    app.setLibrary(&lib2);
    h.frame(app);
    CHECK(app.screenName() == "player");
    CHECK(app.player() != nullptr);
    CHECK(Harness::find(app, "lint-overlay") != nullptr);
    CHECK(Harness::find(app, "pause") != nullptr);
}

TEST_CASE("without --watch there is no overlay, whatever the content says", "[ui][journal][watch]") {
    Library lib = smallLibrary();
    lib.diagnostics.push_back({"routines/neck-release.yaml", 12, 3, Severity::Error, "oops"});
    Harness h(390, 844);
    App app(configFor(lib, nullptr));
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 3);
    CHECK(Harness::find(app, "lint-overlay") == nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] More of the session record: area, wall-clock times, note, pain after cleared
//-----------------------------------------------------------------------------
TEST_CASE("a session started from an area's list records that area, through the pain question or not",
          "[ui][journal]") {
    const bool ask = GENERATE(true, false);
    INFO("ask pain: " << ask);
    const Library lib = smallLibrary();
    auto j = Journal::inMemory();
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    Settings s = app.settings();
    s.askPain = ask;
    app.setSettings(s);
    std::string err;
    REQUIRE(app.open("area:neck", 0, &err));
    h.frames(app, 2);
    REQUIRE(h.reveal(app, "card:neck-release", 195, 600));
    h.tap(app, "card:neck-release");
    REQUIRE(app.screenName() == "card");
    h.tap(app, "start");
    REQUIRE(app.screenName() == (ask ? "pain" : "player"));
    if (ask) h.tap(app, "pain:4");
    h.tap(app, "stop");
    h.tap(app, "stop-confirm");
    REQUIRE(app.screenName() == "end");
    const auto all = j->allSessions();
    REQUIRE(all.size() == 1);
    CHECK(all[0].area == "neck");
    CHECK(all[0].painBefore == (ask ? std::optional<int>(4) : std::nullopt));
}

TEST_CASE("the session's times come from the wall clock: it ends when it started plus its length", "[ui][journal]") {
    const Library lib = smallLibrary();
    const Timeline tl = compileTimeline(lib, *lib.findRoutine("neck-release"));
    auto j = Journal::inMemory();
    Harness h(390, 844);
    const std::int64_t wall = 1'800'000'000'000LL;
    // The wall clock runs with the app clock here, as a real one would.
    struct FollowingClock final : unknot::Clock {
        const Harness* h = nullptr;
        std::int64_t base = 0;
        std::int64_t wallMs() const override { return base + h->now; }
        int utcOffsetMinutes(std::int64_t) const override { return 0; }
    } clock;
    clock.h = &h;
    clock.base = wall;
    AppConfig cfg = configFor(lib, j.get());
    cfg.services.clock = &clock;
    App app(cfg);
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 2);
    h.start(app);
    const std::int64_t startWall = wall + h.now;
    h.runUntil(app, sessionOrigin(h, app) + tl.totalMs + 100);
    REQUIRE(app.screenName() == "end");
    const auto all = j->allSessions();
    REQUIRE(all.size() == 1);
    CHECK(std::llabs(all[0].startedAt - startWall) <= 5 * Harness::kFrameMs);
    CHECK(std::llabs((all[0].endedAt - all[0].startedAt) - tl.totalMs) <= 5 * Harness::kFrameMs);
}

TEST_CASE("the note typed on the end screen is saved, and tapping the chosen pain again clears it", "[ui][journal]") {
    const Library lib = smallLibrary();
    auto j = Journal::inMemory();
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 2);
    h.tap(app, "start");
    h.tap(app, "pain:6");
    h.tap(app, "stop");
    h.tap(app, "stop-confirm");
    REQUIRE(app.screenName() == "end");
    const std::string uid = j->allSessions().at(0).uid;

    REQUIRE(h.reveal(app, "pain-after:2", 195, 600));
    h.tap(app, "pain-after:2");
    CHECK(j->session(uid)->painAfter == std::optional<int>(2));
    h.tap(app, "pain-after:2");  // the same number again: no answer
    CHECK_FALSE(j->session(uid)->painAfter.has_value());
    h.tap(app, "pain-after:1");
    CHECK(j->session(uid)->painAfter == std::optional<int>(1));

    REQUIRE(h.reveal(app, "note", 195, 600));
    h.tap(app, "note");
    ImGui::GetIO().AddInputCharactersUTF8("Felt looser");
    h.frames(app, 2);
    // Left with Done while the field still has the focus: the note is kept.
    REQUIRE(h.reveal(app, "done", 195, 600));
    h.tap(app, "done");
    REQUIRE(app.screenName() == "card");
    REQUIRE(j->session(uid).has_value());
    CHECK(j->session(uid)->note == "Felt looser");
    CHECK(j->session(uid)->painAfter == std::optional<int>(1));
}

// The shell calls App::onQuit when the window closes or SIGTERM/SIGINT comes
// (platform/README.md, "Signals"): nothing the user gave is left behind.
TEST_CASE("quitting saves the note being typed and tries pending writes once", "[ui][journal][signals]") {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    const Library lib = smallLibrary();
    auto j = openJournal(path);
    Harness h(390, 844);
    App app(configFor(lib, j.get()));
    std::string err;
    REQUIRE(app.open("card:neck-release", 0, &err));
    h.frames(app, 2);
    h.tap(app, "start");
    h.tap(app, "pain:6");
    j->setReadOnlyForTesting(true);  // the session's write fails: pending
    h.tap(app, "stop");
    h.tap(app, "stop-confirm");
    REQUIRE(app.screenName() == "end");
    REQUIRE(j->pendingWrites() > 0);
    REQUIRE(h.reveal(app, "note", 195, 600));
    h.tap(app, "note");
    ImGui::GetIO().AddInputCharactersUTF8("Sore, then easier");
    h.frames(app, 2);  // typed, the field still has the focus: not saved yet
    j->setReadOnlyForTesting(false);
    app.onQuit(h.now);
    CHECK(j->pendingWrites() == 0);
    auto disk = openJournal(path);
    const auto saved = disk->allSessions();
    REQUIRE(saved.size() == 1);
    CHECK(saved[0].note == "Sore, then easier");
    CHECK(saved[0].painBefore == std::optional<int>(6));
}

//-----------------------------------------------------------------------------
// [SECTION] The language button on Home
//-----------------------------------------------------------------------------
// Home's language button once changed the shown language without changing
// Settings: not saved, and the next change on the Settings screen put English
// back. It now goes through Settings like the chips.
TEST_CASE("the language chosen with Home's button is kept by other settings changes and after a restart",
          "[ui][journal]") {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    const Library lib = smallLibrary();
    {
        auto j = openJournal(path);
        Harness h(390, 844);
        App app(configFor(lib, j.get()));
        h.frames(app, 3);
        REQUIRE(app.language() == "en");
        h.tap(app, "lang");
        REQUIRE(app.language() == "fr");
        CHECK(app.settings().lang == "fr");
        h.tap(app, "settings");
        REQUIRE(app.screenName() == "settings");
        h.tap(app, "theme:dark");
        REQUIRE(app.settings().theme == ThemeId::Dark);
        CHECK(app.language() == "fr");  // a theme change must not switch the language back
    }
    auto j = openJournal(path);
    App app(configFor(lib, j.get()));
    CHECK(app.language() == "fr");
}
