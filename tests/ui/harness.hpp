// Test harness for the UI: a headless Dear ImGui context (no window, no GPU),
// a clock the test moves, and mouse input fed frame by frame to tap hotspots.
//
// [SECTION] Libraries: the bundled content, and a small one built in code
// [SECTION] Harness: context, frames, taps and drags
// [SECTION] Text clipping, from the last frame's draw data
// [SECTION] A plan rig: the bundled plans on a clock the test moves
// [SECTION] A screen rig
#pragma once

#include "unknot/loader.hpp"
#include "unknot/plans.hpp"
#include "unknot/timeline.hpp"
#include "unknot/ui/app.hpp"

#include <imgui.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace unknot::ui::test {

//-----------------------------------------------------------------------------
// [SECTION] Libraries
//-----------------------------------------------------------------------------
// The content pack that ships with the app, loaded once per test binary.
inline const Library& bundled() {
    static const Library lib = [] {
        LoadOptions o;
        o.vocabularyDir = UNKNOT_SOURCE_DIR "/content";
        o.paths = {UNKNOT_SOURCE_DIR "/content"};
        return loadLibrary(o);
    }();
    return lib;
}

// The bundled pack's plans over weeks, loaded once, as the shell loads them.
inline const PlanBook& bundledPlans() {
    static const PlanBook plans = loadPlans(bundled());
    return plans;
}

inline Text both(const std::string& en, const std::string& fr) {
    Text t;
    t.byLang = {{"en", en}, {"fr", fr}};
    return t;
}

inline Step say(Text s, std::variant<Timed, WaitTap, Breathe> body, Text tip = {}) {
    SayStep st;
    st.say = std::move(s);
    st.tip = std::move(tip);
    st.body = std::move(body);
    Step step;
    step.v = std::move(st);
    return step;
}

// A library that does not depend on the content pack: a 3-cycle 4-2-6
// breathing routine, a sided stretch with a switch, and one with a tap wait.
inline Library smallLibrary() {
    Library lib;
    Area neck;
    neck.id = "neck";
    neck.label = both("Neck", "Cou");
    neck.spots = {MapSpot{false, 0.5f, 0.135f, 0.03f}, MapSpot{true, 0.5f, 0.135f, 0.035f}};
    lib.areas.push_back(neck);
    Equipment chair;
    chair.id = "chair";
    chair.label = both("Chair", "Chaise");
    lib.equipment.push_back(chair);

    Routine b;
    b.id = "breathing-4-2-6";
    b.title = both("4-2-6 breathing", "Respiration 4-2-6");
    b.summary = both("Slow breathing.", "Respiration lente.");
    b.kind = Kind::Breathing;
    b.areas = {"neck"};
    b.flareSafe = true;
    b.cautions = {both("Stop if dizzy.", "Arrêtez en cas de vertige.")};
    Breathe br;
    br.inhaleMs = 4000;
    br.holdMs = 2000;
    br.exhaleMs = 6000;
    br.restMs = 0;
    br.cycles = 3;
    b.steps = {say(both("Breathe with the circle.", "Respirez avec le cercle."), br,
                   both("Let your shoulders drop.", "Relâchez les épaules."))};

    Routine s;
    s.id = "neck-release";
    s.title = both("Gentle neck release", "Détente douce de la nuque");
    s.kind = Kind::Stretch;
    s.areas = {"neck"};
    s.equipment = {"chair"};
    Timed sided;
    sided.seconds = 10;
    sided.sides = {Side::Left, Side::Right};
    sided.switchSeconds = 5;
    Timed plain;
    plain.seconds = 5;
    s.steps = {say(both("Sit comfortably.", "Asseyez-vous."), plain),
               say(both("Tilt your ear toward your shoulder.", "Penchez l’oreille vers l’épaule."), sided)};

    Routine w;
    w.id = "wait-test";
    w.title = both("With a pause", "Avec une pause");
    w.kind = Kind::Relaxation;
    w.areas = {"neck"};
    w.steps = {say(both("Get ready.", "Préparez-vous."), plain),
               say(both("Find your ball, then tap Continue.", "Prenez la balle, puis touchez Continuer."), WaitTap{}),
               say(both("Roll gently.", "Roulez doucement."), plain)};

    lib.routines = {b, s, w};  // sorted by id, as the loader leaves them
    return lib;
}

//-----------------------------------------------------------------------------
// [SECTION] Harness
//-----------------------------------------------------------------------------
// The app's own TrueType font, from the build tree (copied there from the
// Debian package at build time); "" when it is missing (built-in font).
inline const std::string& appFont() {
    static const std::string ttf = [] {
        std::ifstream in(UNKNOT_BINARY_DIR "/share/unknot/assets/fonts/DejaVuSans.ttf", std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }();
    return ttf;
}

// Tests whose meaning depends on real glyph widths (wrapping, clipping, sizes)
// cannot run without the app's font: they report a skip, not a pass (ctest
// reads exit 77 as skipped, SKIP_RETURN_CODE).
inline void needFont() {
    if (appFont().empty()) {
        std::printf("SKIP: DejaVuSans.ttf missing from the build tree: glyph widths unknown\n");
        std::exit(77);
    }
}

class Harness {
public:
    // `ttf` "": Dear ImGui's built-in font (fast); appFont(): the real one, for
    // checks where glyph widths matter (clipping, wrapping).
    Harness(float width, float height, float fontPx = 20.0f, const std::string& ttf = {})
        : basePx_(fontPx), builtPx_(fontPx), ttf_(ttf) {
        ctx_ = ImGui::CreateContext();
        build(fontPx);
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
    }
    // The font size the atlas was last built at (the text size setting).
    float builtPx() const { return builtPx_; }
    ~Harness() { ImGui::DestroyContext(ctx_); }
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    std::int64_t now = 0;
    static constexpr std::int64_t kFrameMs = 16;

    // One frame at `now`, then the clock moves on by one frame. Like the
    // shell, the fonts are rebuilt between frames when the text size changed.
    void frame(App& app) {
        const float want = app.wantedFontPx(basePx_);
        if (want != builtPx_) {
            build(want);
            builtPx_ = want;
        }
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = kFrameMs / 1000.0f;
        ImGui::NewFrame();
        app.frame(now);
        ImGui::Render();
        now += kFrameMs;
    }
    void frames(App& app, int n) {
        for (int i = 0; i < n; ++i) frame(app);
    }
    // Frames until the clock reaches `t` (the player follows this clock).
    void runUntil(App& app, std::int64_t t) {
        while (now < t) frame(app);
    }

    static const Hotspot* find(const App& app, const std::string& id) {
        for (const Hotspot& h : app.hotspots())
            if (h.id == id) return &h;
        return nullptr;
    }
    static std::string listHotspots(const App& app) {
        std::string s;
        for (const Hotspot& h : app.hotspots()) s += h.id + " ";
        return s;
    }

    // A key pressed for one frame and released, by its io.KeysDown index (the
    // SDL backend's scancodes: Space 44, Enter 40, keypad Enter 88,
    // AUDIOPLAY 261), with io.KeyMap filled as that backend fills it.
    void pressKey(App& app, int index) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyMap[ImGuiKey_Space] = 44;
        io.KeyMap[ImGuiKey_Enter] = 40;
        io.KeyMap[ImGuiKey_KeyPadEnter] = 88;
        io.KeysDown[index] = true;
        frame(app);
        io.KeysDown[index] = false;
        frames(app, 2);
    }

    void moveMouse(float x, float y) { ImGui::GetIO().MousePos = ImVec2(x, y); }
    void mouseDown(bool down) { ImGui::GetIO().MouseDown[0] = down; }

    // Taps a hotspot at its centre the way a finger does: move, press, release,
    // one frame each (Dear ImGui 1.86 reads io.MousePos / io.MouseDown), then
    // two frames so the next screen is drawn and its hotspots recorded.
    void tap(App& app, const std::string& id) {
        const Hotspot* h = find(app, id);
        INFO("hotspot " << id << " among: " << listHotspots(app));
        REQUIRE(h != nullptr);
        const float x = h->x + h->w * 0.5f, y = h->y + h->h * 0.5f;
        moveMouse(x, y);
        frame(app);
        mouseDown(true);
        frame(app);
        mouseDown(false);
        frame(app);
        moveMouse(-1000, -1000);  // lift the finger: no hover left behind
        frames(app, 2);
    }

    // Starts the routine whose Start button (`id`) is on screen, answering the
    // optional pain question with Skip when it is asked.
    void start(App& app, const std::string& id = "start") {
        tap(app, id);
        if (app.screenName() == "pain") tap(app, "pain-skip");
    }

    // A vertical drag from (x, y0) to (x, y1) in small steps, then release.
    void drag(App& app, float x, float y0, float y1, int steps = 12) {
        moveMouse(x, y0);
        frame(app);
        mouseDown(true);
        frame(app);
        for (int i = 1; i <= steps; ++i) {
            moveMouse(x, y0 + (y1 - y0) * static_cast<float>(i) / static_cast<float>(steps));
            frame(app);
        }
        mouseDown(false);
        frame(app);
        moveMouse(-1000, -1000);
        frames(app, 2);
    }

    // Scrolls the region under (x, y) by finger drags, up to `tries` times,
    // until hotspot `id` is fully on screen: what a person does to reach a
    // button below the fold. True when it shows.
    // The drag starts at y, then (if the content did not move) higher up:
    // a pinned footer may sit under y on a short screen.
    // Short drags (a tenth of the height): a tall button in a short region is
    // fully visible only over a small range of scroll positions.
    bool reveal(App& app, const std::string& id, float x, float y, int tries = 40) {
        const float H = ImGui::GetIO().DisplaySize.y;
        const float starts[] = {y, H * 0.45f, H * 0.3f};
        for (int i = 0; i < tries && !find(app, id); ++i) {
            const float y0 = starts[i % 3];
            drag(app, x, y0, y0 - H * 0.1f);
        }
        return find(app, id) != nullptr;
    }

private:
    void build(float px) {
        std::string warning;
        setupImGui(ttf_, px, 1.0f, &warning);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // a built atlas, as a renderer would ask
        // Lines drawn as plain triangles, so any textured vertex is a glyph
        // (clippedText() below tells text from shapes by that).
        ImGui::GetStyle().AntiAliasedLinesUseTex = false;
    }
    float basePx_, builtPx_;
    std::string ttf_;
    ImGuiContext* ctx_ = nullptr;
};

//-----------------------------------------------------------------------------
// [SECTION] Text clipping, from the last frame's draw data
//-----------------------------------------------------------------------------
// Every glyph drawn in the last frame that is cut: past its clip rectangle
// sideways (text laid out wider than its box, anywhere), or past the top-level
// window vertically (a screen taller than the display with no scroll region
// to hold it). Text cut at the edge of a scroll region is not counted: it
// scrolls into view. Each entry says where, for the failure message.
inline std::vector<std::string> clippedText(float W, float H) {
    std::vector<std::string> out;
    const ImDrawData* dd = ImGui::GetDrawData();
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    for (int l = 0; l < dd->CmdListsCount; ++l) {
        const ImDrawList* dl = dd->CmdLists[l];
        const std::string owner = dl->_OwnerName ? dl->_OwnerName : "";
        // Scroll regions may cut text at their edges (it scrolls into view);
        // the top-level window and the player's still "visual" box may not.
        const bool topLevel = owner.find('/') == std::string::npos || owner.find("/visual_") != std::string::npos;
        for (const ImDrawCmd& cmd : dl->CmdBuffer) {
            if (cmd.UserCallback) continue;
            const ImVec4 c = cmd.ClipRect;
            for (unsigned e = 0; e < cmd.ElemCount; ++e) {
                const ImDrawVert& v =
                    dl->VtxBuffer[static_cast<int>(cmd.VtxOffset) + dl->IdxBuffer[static_cast<int>(cmd.IdxOffset + e)]];
                if (v.uv.x == white.x && v.uv.y == white.y) continue;  // a shape, not a glyph
                const bool sideways = v.pos.x < c.x - 1.0f || v.pos.x > c.z + 1.0f || v.pos.x > W + 1.0f;
                const bool below = topLevel && (v.pos.y > c.w + 1.0f || v.pos.y > H + 1.0f);
                if (sideways || below) {
                    out.push_back(std::string(dl->_OwnerName ? dl->_OwnerName : "?") + " glyph at " +
                                  std::to_string(v.pos.x) + "," + std::to_string(v.pos.y) + " clip " +
                                  std::to_string(c.x) + "," + std::to_string(c.y) + "-" + std::to_string(c.z) + "," +
                                  std::to_string(c.w));
                    break;  // one per command is enough to say where
                }
            }
        }
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] A plan rig
//-----------------------------------------------------------------------------
// The bundled plans driven by taps (test_plans_ui.cpp, test_reminders.cpp):
// a phone, a wall clock the test moves (ManualClock, from kMondayMs), a
// journal in memory, the pain question off and the safety note read.
// 2026-11-30 10:00 UTC: the start day, a Monday.
constexpr std::int64_t kMondayMs = 1'796'032'800'000LL;

struct PlanRig {
    Harness h{390, 844};
    ManualClock clock{kMondayMs, 0};
    NullLifecycle life;
    NullNotifier notifier;  // the daily reminder's notifications, recorded
    std::unique_ptr<Journal> journal = Journal::inMemory();
    App app{[this] {
        AppConfig cfg;
        cfg.library = &bundled();
        cfg.plans = &bundledPlans();
        cfg.journal = journal.get();
        cfg.services.clock = &clock;
        cfg.services.lifecycle = &life;
        cfg.services.notifier = &notifier;
        return cfg;
    }()};
    PlanRig() {
        Settings s = app.settings();
        s.askPain = false;
        s.safetyAcknowledged = true;
        app.setSettings(s);
        h.frames(app, 3);
    }
    // Whether the words laid out this frame hold `part` (lines joined: a
    // sentence may wrap).
    bool says(const std::string& part) const {
        std::string all;
        for (const TextLine& l : app.textLines()) all += l.text + " ";
        return all.find(part) != std::string::npos;
    }
    bool has(const std::string& id) const { return Harness::find(app, id) != nullptr; }
    // Taps the hotspot, scrolling the screen to it first when it is below the fold.
    void tapShown(const std::string& id) {
        REQUIRE(h.reveal(app, id, 195, 500));
        h.tap(app, id);
    }
    // Plays the routine on screen to its end screen: the clock runs, and
    // Space continues each tap step.
    void playToEnd() {
        REQUIRE(app.screenName() == "player");
        for (int i = 0; i < 200000 && app.screenName() == "player"; ++i) {
            if (app.player()->state() == PlayerState::WaitingForTap)
                h.pressKey(app, 44);
            else
                h.frame(app);
        }
        REQUIRE(app.screenName() == "end");
    }
};

//-----------------------------------------------------------------------------
// [SECTION] A screen rig
//-----------------------------------------------------------------------------
// What the screen tests set apart from the text size and the language.
struct ScreenOptions {
    ThemeId theme = ThemeId::Light;
    bool reducedMotion = false;
    bool askPain = true;
    bool manualClock = false;  // the app's wall clock is the rig's `clock`, which the test sets
};

// The real font and an App on the bundled content at `pct` % text in `lang`,
// with a journal in memory, the safety note acknowledged, and `open` to go to
// a route at a session time.
struct ScreenRig {
    Harness h;
    ManualClock clock{1'795'000'000'000LL};
    NullNotifier notifier;  // Settings shows the reminder's switch, as on a desktop with a bus
    std::unique_ptr<Journal> journal = Journal::inMemory();
    App app;
    ScreenRig(float W, float H, int pct, const std::string& lang, ScreenOptions o = {})
        : h(W, H, 20.0f, appFont()), app([this, o] {
              AppConfig cfg;
              cfg.library = &bundled();
              cfg.journal = journal.get();
              cfg.exportDir = "/tmp";
              cfg.plans = &bundledPlans();
              if (o.manualClock) cfg.services.clock = &clock;
              cfg.services.notifier = &notifier;
              return cfg;
          }()) {
        Settings s = app.settings();
        s.textPercent = pct;
        s.lang = lang;
        s.theme = o.theme;
        s.reducedMotion = o.reducedMotion;
        s.askPain = o.askPain;
        s.safetyAcknowledged = true;
        app.setSettings(s);
        h.frames(app, 2);
    }
    void open(const std::string& route, std::int64_t at = 0) {
        std::string err;
        h.now = at;
        INFO("open " << route << ": " << err);
        REQUIRE(app.open(route, h.now, &err));
        h.frames(app, 3);
    }
};

}  // namespace unknot::ui::test
