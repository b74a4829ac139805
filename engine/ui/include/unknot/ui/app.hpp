// The app's screens, in Dear ImGui only: no SDL here, so tests drive them
// headless. The platform shell owns the window, the event loop and the clock,
// and calls App::frame() once per frame between ImGui::NewFrame() and
// ImGui::Render().
#pragma once

#include "unknot/catalog.hpp"
#include "unknot/journal.hpp"
#include "unknot/model.hpp"
#include "unknot/plan.hpp"
#include "unknot/player.hpp"
#include "unknot/session/services.hpp"
#include "unknot/session/settings.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace unknot::ui {

// A named interactive item drawn in the last frame, in logical pixels from the
// window's top-left ("start", "pause", "area:neck", "card:neck-release", ...).
// The end-to-end test clicks on these with real input events.
struct Hotspot {
    std::string id;
    float x = 0, y = 0, w = 0, h = 0;
};

// One line of wrapped text as the last frame laid it out (logical px), for
// tests that check meaning: `after` is the character of the source text right
// after the line ('\0' at its end, ' ' or '\n' when the line broke between
// words; '-', '/' or '_' when a name too long for any line, a file's name or
// path, broke after that character, which ends the line; anything else means
// a word was broken inside). `visible`: the whole
// line lies inside the region it was drawn in (not scrolled or clipped away).
// `piece` numbers the pieces of text in the frame (lines of one piece share it).
struct TextLine {
    std::string text;
    float x = 0, y = 0, w = 0, h = 0;
    char after = '\0';
    bool visible = true;
    int piece = 0;
};

// Settings and ThemeId live in engine/session (unknot/session/settings.hpp),
// with the table that loads, saves and clamps them; the names below keep
// ui::Settings and ui::ThemeId working for the shell and the tests.
using unknot::Settings;
using unknot::ThemeId;
// The theme names, as the shell's --theme takes them (style.cpp).
const char* toString(ThemeId t);
bool parseTheme(const std::string& s, ThemeId* out);

struct AppConfig {
    const Library* library = nullptr;  // owned by the caller, outlives the App
    // Audio, haptics, keep-awake and the wall clock; null members mean "none"
    // (no clock: a fixed day plus the app clock, see services.hpp).
    unknot::Services services;
    // Forced language (--lang); "" uses the saved one, else `defaultLang`.
    std::string lang;
    std::string defaultLang = "en";
    // The journal (sessions, favourites, settings); null: one in memory.
    Journal* journal = nullptr;
    // A phone or tablet: haptics default to on, and the shell has a vibrator.
    bool mobile = false;
    // Where Export writes (the user's data folder); "" disables the button.
    std::string exportDir;
    // Show the safety note on a first start, until it is acknowledged (the
    // shell sets it; tests of other screens leave it off).
    bool askSafetyFirst = false;
    // unknot --watch: content errors show in an overlay as file:line: message.
    bool watch = false;
    // "Make your own": where made breathing patterns are saved (the person's
    // own pack, <data folder>/packs/mine) and the bundled content folder they
    // are checked against; an empty ownPackDir hides the screen. After a save
    // or a delete the App calls reloadLibrary, which loads the content again
    // and returns it (owned by the caller and outliving the App, like
    // `library`); without it the change shows at the next start.
    std::string ownPackDir;
    std::string vocabularyDir;
    std::function<const Library*()> reloadLibrary;
    // Plans over weeks (the packs' plans/ folders, unknot::loadPlans): owned
    // by the caller and outliving the App, like `library`; the caller may
    // change its contents when content reloads. Null: no plans are offered.
    const PlanBook* plans = nullptr;
};

// Builds the fonts and the style, in em units, for a font of `fontPx` logical
// pixels at `dpiScale` physical pixels per logical pixel. `ttf` holds the bytes
// of a TrueType font; when empty, ImGui's built-in font is used and `warning`
// says so. Call once after ImGui::CreateContext(), before the first frame.
void setupImGui(const std::string& ttf, float fontPx, float dpiScale, std::string* warning);

class App {
public:
    explicit App(AppConfig config);
    ~App();

    // Draws the whole UI as one full-screen window. `nowMs` is the app clock
    // (monotonic ms); the player follows it and nothing else.
    void frame(std::int64_t nowMs);

    // True while something moves (a running session, an animation in flight):
    // the shell keeps drawing at the display rate. False: it may block for input.
    bool needsAnimation() const;

    // The daily reminder's next instant (Unix ms, on the services' Clock), or
    // -1 when none is set: the runner wakes then, even when idle, and calls
    // tick(), which shows it through the services' Notifier. Without drawing:
    // a hidden browser tab gets no frames, but its timers still run.
    std::int64_t reminderAtWallMs() const;
    void tick(std::int64_t nowMs);
    // Escape, Backspace, the Android back key. False when already at Home.
    bool goBack(std::int64_t nowMs);

    // The app went to the background, was minimized or lost focus.
    void onSuspend(std::int64_t nowMs);

    // The app is about to end (the window closed, a quit signal): a note typed
    // on the end screen and not yet saved is saved, and journal writes that
    // failed earlier are tried once more. A session still playing is not
    // recorded (as when the window is closed). Cheap: a few SQLite writes at most.
    void onQuit(std::int64_t nowMs);

    // Opens a screen by name, for screenshots and tests: "home", "browse",
    // "area:ID", "card:ID", "play:ID@SECONDS" (the player at that virtual time
    // on a clock whose 0 is the session start), "problems". False + error if
    // the name or the id is unknown.
    bool open(const std::string& screen, std::int64_t nowMs, std::string* error);

    void setLanguage(const std::string& lang);
    const std::string& language() const;
    const Settings& settings() const;
    // Replaces every setting (saved, applied on the next frame).
    void setSettings(const Settings& s);
    // The body text size in logical px the fonts should be built at for the
    // current text size setting: the shell rebuilds the atlas when it changes.
    float wantedFontPx(float basePx) const;
    // Content reloaded (unknot --watch): the screen shown stays when its
    // routine or area still exists. `lib` outlives the App like the first.
    void setLibrary(const Library* lib);
    // A short name of the screen shown ("home", "browse", "list", "card",
    // "player", "end", "problems"), for tests.
    std::string screenName() const;
    const std::vector<Hotspot>& hotspots() const;
    // Every line of wrapped text the last frame laid out (see TextLine).
    const std::vector<TextLine>& textLines() const;
    // How far, in logical px, the last frame's screen laid itself out past the
    // bottom or the right of the window (0 when it fits; scroll regions hold
    // their overflow and do not count). Tests assert it stays 0.
    float layoutOverflow() const;
    // The session's player while the player or end screen is open, else null
    // (tests read its state; the shell may show it in a debug overlay).
    const Player* player() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace unknot::ui
