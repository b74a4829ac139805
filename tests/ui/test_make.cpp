// "Make your own" driven headless (issue 16 part 1): a pattern is set with
// the steppers and a typed name, saved into the own pack of a temporary data
// folder, found in the list, edited from its card and deleted after a
// confirmation; a failed write keeps the form and says why.
#include "harness.hpp"

#include "unknot/own_pack.hpp"
#include "unknot/session/route.hpp"

#include <filesystem>
#include <memory>
#include <random>
#include <sstream>

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

namespace {
std::string readFile(const std::string& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A data folder of its own, and the libraries the app reloads from it (kept
// alive as the shell keeps them: the App points into the last one).
struct OwnData {
    std::filesystem::path dir;
    std::vector<std::unique_ptr<Library>> libs;
    OwnData() {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() / ("unknot-make-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(dir);
        reload();
    }
    ~OwnData() { std::filesystem::remove_all(dir); }
    OwnData(const OwnData&) = delete;
    OwnData& operator=(const OwnData&) = delete;
    std::string packDir() const { return (dir / "packs" / "mine").string(); }
    std::string routineFile(const std::string& id) const { return packDir() + "/routines/" + id + ".yaml"; }
    const Library* reload() {
        LoadOptions o;
        o.vocabularyDir = UNKNOT_SOURCE_DIR "/content";
        o.paths = {UNKNOT_SOURCE_DIR "/content", (dir / "packs").string()};
        libs.push_back(std::make_unique<Library>(loadLibrary(o)));
        return libs.back().get();
    }
    const Library& lib() const { return *libs.back(); }
    AppConfig config(unknot::NullLifecycle& life) {
        AppConfig cfg;
        cfg.library = libs.back().get();
        cfg.services.lifecycle = &life;
        cfg.ownPackDir = packDir();
        cfg.vocabularyDir = UNKNOT_SOURCE_DIR "/content";
        cfg.reloadLibrary = [this] { return reload(); };
        return cfg;
    }
};

void typeText(Harness& h, App& app, const std::string& field, const std::string& text) {
    h.tap(app, field);
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    h.frames(app, 2);
}

// Taps a hotspot of the make screen, scrolling to it first when it is below the fold.
void tapMake(Harness& h, App& app, const std::string& id) {
    const float W = ImGui::GetIO().DisplaySize.x, H = ImGui::GetIO().DisplaySize.y;
    REQUIRE(h.reveal(app, id, W * 0.5f, H * 0.6f));
    h.tap(app, id);
}

bool hasText(const App& app, const std::string& part) {
    for (const TextLine& l : app.textLines())
        if (l.text.find(part) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("make: routes make and make:ID read back, make: alone is refused", "[ui][make]") {
    for (const char* text : {"make", "make:my-calm"}) {
        const Result<Route> r = parseRoute(text);
        REQUIRE(r.ok());
        CHECK(formatRoute(*r) == text);
    }
    CHECK(std::get<route::Make>(*parseRoute("make:my-calm")).routine == "my-calm");
    CHECK_FALSE(parseRoute("make:").ok());
}

TEST_CASE("make: Home offers Make your own only when there is an own pack", "[ui][make]") {
    Harness h(390, 844);
    unknot::NullLifecycle life;
    AppConfig cfg;
    cfg.library = &bundled();
    cfg.services.lifecycle = &life;
    App plain(cfg);
    h.frames(plain, 3);
    CHECK(Harness::find(plain, "make") == nullptr);
    std::string error;
    CHECK_FALSE(plain.open("make", h.now, &error));

    OwnData data;
    App app(data.config(life));
    h.frames(app, 3);
    h.tap(app, "make");
    CHECK(app.screenName() == "make");
    CHECK(app.layoutOverflow() == 0);
}

TEST_CASE("make: set the phases, save, find it in the list, edit it, delete it", "[ui][make]") {
    Harness h(390, 844);
    unknot::NullLifecycle life;
    OwnData data;
    App app(data.config(life));
    h.frames(app, 3);
    h.tap(app, "make");
    REQUIRE(app.screenName() == "make");

    // No name yet: Save does nothing.
    h.tap(app, "make-save");
    CHECK(app.screenName() == "make");
    CHECK_FALSE(std::filesystem::exists(data.packDir()));

    typeText(h, app, "make-name", "Evening calm");
    tapMake(h, app, "make-hold-more");    // 0 -> 0.5 s
    tapMake(h, app, "make-hold-more");    // 1 s
    tapMake(h, app, "make-exhale-more");  // 6 -> 6.5 s
    tapMake(h, app, "make-in-breaths");
    h.tap(app, "make-save");
    REQUIRE(app.screenName() == "card");
    const Routine* made = data.lib().findRoutine("my-evening-calm");
    REQUIRE(made);
    CHECK(made->packId == kOwnPackId);
    CHECK(made->title.get("en") == "Evening calm");
    const std::string yaml = readFile(data.routineFile("my-evening-calm"));
    CHECK(yaml.find("hold: 1") != std::string::npos);
    CHECK(yaml.find("exhale: 6.5") != std::string::npos);

    // In the list like any routine.
    std::string error;
    REQUIRE(app.open("list", h.now, &error));
    h.frames(app, 3);
    CHECK(h.reveal(app, "card:my-evening-calm", 195, 600));

    // Edit from its card: the form opens with the saved pattern.
    REQUIRE(app.open("card:my-evening-calm", h.now, &error));
    h.frames(app, 3);
    h.tap(app, "make-edit");
    REQUIRE(app.screenName() == "make");
    tapMake(h, app, "make-inhale-more");  // 4 -> 4.5 s
    h.tap(app, "make-save");
    CHECK(app.screenName() == "card");
    CHECK(readFile(data.routineFile("my-evening-calm")).find("inhale: 4.5") != std::string::npos);
    CHECK(data.lib().findRoutine("my-evening-calm"));

    // Delete asks first; "Keep it" keeps it.
    REQUIRE(app.open("make:my-evening-calm", h.now, &error));
    h.frames(app, 3);
    tapMake(h, app, "make-delete");
    tapMake(h, app, "make-delete-no");
    CHECK(std::filesystem::exists(data.routineFile("my-evening-calm")));
    tapMake(h, app, "make-delete");
    tapMake(h, app, "make-delete-yes");
    CHECK_FALSE(std::filesystem::exists(data.routineFile("my-evening-calm")));
    CHECK_FALSE(data.lib().findRoutine("my-evening-calm"));
    CHECK(app.screenName() == "home");  // its card and form went with it
}

TEST_CASE("make: a save that cannot be written keeps the form and says why", "[ui][make]") {
    Harness h(390, 844);
    unknot::NullLifecycle life;
    OwnData data;
    std::filesystem::create_directories(data.routineFile("my-blocked") + ".tmp");  // the temporary name is taken
    App app(data.config(life));
    h.frames(app, 3);
    std::string error;
    REQUIRE(app.open("make", h.now, &error));
    h.frames(app, 3);
    typeText(h, app, "make-name", "Blocked");
    h.tap(app, "make-save");
    CHECK(app.screenName() == "make");
    CHECK_FALSE(std::filesystem::exists(data.routineFile("my-blocked")));
    bool said = false;
    for (int i = 0; i < 20 && !said; ++i) {
        said = hasText(app, "cannot write");
        if (!said) h.drag(app, 195, 500, 400);
    }
    CHECK(said);
}

TEST_CASE("make: a shorter out-breath brings the gentle note", "[ui][make]") {
    Harness h(390, 844);
    unknot::NullLifecycle life;
    OwnData data;
    App app(data.config(life));
    h.frames(app, 3);
    std::string error;
    REQUIRE(app.open("make", h.now, &error));
    h.frames(app, 3);
    CHECK_FALSE(hasText(app, "Jafari"));
    for (int i = 0; i < 6; ++i) tapMake(h, app, "make-exhale-less");  // 6 -> 3 s, under the 4 s in-breath
    const float W = ImGui::GetIO().DisplaySize.x;
    bool shown = hasText(app, "Jafari");
    for (int i = 0; i < 20 && !shown; ++i) {
        h.drag(app, W * 0.5f, 500, 400);
        shown = hasText(app, "Jafari");
    }
    CHECK(shown);
}

TEST_CASE("make: every stepper's - and + are whole on screen at 100 and 200 % text, phone and laptop, en and fr",
          "[ui][make]") {
    needFont();
    const char* steppers[] = {"make-inhale", "make-hold", "make-exhale", "make-rest", "make-amount", "make-count"};
    for (const ImVec2 size : {ImVec2(390, 844), ImVec2(1280, 800)})
        for (const int pct : {100, 200})
            for (const char* lang : {"en", "fr"}) {
                INFO(size.x << "x" << size.y << " at " << pct << " % in " << lang);
                Harness h(size.x, size.y, 20.0f, appFont());
                unknot::NullLifecycle life;
                OwnData data;
                App app(data.config(life));
                Settings s = app.settings();
                s.textPercent = pct;
                s.lang = lang;
                s.safetyAcknowledged = true;
                app.setSettings(s);
                h.frames(app, 2);
                std::string error;
                REQUIRE(app.open("make", h.now, &error));
                h.frames(app, 3);
                // The scroll area's right edge: the window's padding and the
                // scroll bar beside it are not room for a button.
                const ImGuiStyle& st = ImGui::GetStyle();
                const float right = size.x - st.WindowPadding.x - st.ScrollbarSize + 0.5f;
                for (const char* stepper : steppers)
                    for (const char* end : {"-less", "-more"}) {
                        const std::string id = std::string(stepper) + end;
                        INFO(id);
                        REQUIRE(h.reveal(app, id, size.x * 0.5f, size.y * 0.6f));
                        const Hotspot* hs = Harness::find(app, id);
                        REQUIRE(hs != nullptr);
                        CHECK(hs->x >= st.WindowPadding.x - 0.5f);
                        CHECK(hs->x + hs->w <= right);
                        CHECK(hs->w >= 44.0f);  // a finger's target
                    }
            }
}
