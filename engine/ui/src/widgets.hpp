// Internal: the calm theme and the few widgets every screen is built from.
// Everything is sized in em (the body font's height) so the whole UI follows
// the font size; the only absolute number is the 48 px fingertip minimum.
//
// [SECTION] Theme (a palette: a value each App holds)
// [SECTION] Fonts
// [SECTION] Text caps (how much of any text is drawn)
// [SECTION] Wrapping between words
// [SECTION] Widgets: buttons, chips, text, scroll regions with drag-to-scroll
#pragma once

#include "unknot/ui/app.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Theme
//-----------------------------------------------------------------------------
// The palette every screen draws with. Four themes (Settings): Light, soft
// muted colours on a warm off-white with one teal accent and a muted
// terracotta only for stop and cautions (text > 10:1); Dark; High contrast
// (black on white, outlined buttons); Pure black (OLED screens, dark rooms).
// The same roles in every theme, so screens never test which theme is on.
// A palette is a value: each App's Widgets holds its own (no globals), and
// every screen reads it from there while drawing, so a change of theme shows
// on the next frame, and two Apps in one process never share colours.
struct Palette {
    ImU32 bg, surface, surfaceHover, surfaceActive;
    ImU32 text, textMuted;
    ImU32 accent, accentHover, accentActive, accentSoft, accentTint, onAccent;
    ImU32 sand, sandSoft;                      // switch sides
    ImU32 caution, cautionHover, cautionTint;  // stop, cautions
    ImU32 track;                               // empty ring / bar
    ImU32 body, bodyEdge;                      // the body map figure
    ImU32 outline;                             // button edges (alpha 0: none)
};

// The palette of a theme. Text on bg and on surface, and onAccent on accent,
// keep at least 4.5:1 (WCAG AA) in every theme and 7:1 in high contrast
// (checked by tests/ui/test_themes.cpp).
Palette paletteFor(ThemeId id);
// Sets Dear ImGui's style colours (the current context's) from `p`: the
// window background, scroll bars and text input draw with them.
void applyStyleColors(const Palette& p);

//-----------------------------------------------------------------------------
// [SECTION] Fonts
//-----------------------------------------------------------------------------
// The three sizes setupImGui() adds, in this order; when a caller built its
// own atlas with fewer, every size falls back to the default font.
struct Fonts {
    ImFont* body = nullptr;
    ImFont* large = nullptr;  // ~1.6 em: titles, prompts
    ImFont* huge = nullptr;   // ~3 em: countdown numbers
    static Fonts current();
};
// The logical pixel size a font draws at (its raster size times the global scale).
float fontPx(const ImFont* font);
// The width of the widest space-separated word of `s` in `font`: what must
// fit for a line to wrap without breaking a word.
float longestWord(ImFont* font, std::string_view s);

//-----------------------------------------------------------------------------
// [SECTION] Text caps
//-----------------------------------------------------------------------------
// Text reaches the screen from content packs (also ones with lint errors,
// shown under --watch), imports and the journal (a note), so it can be any
// length. Dear ImGui 1.86 lays wrapped text out again every frame, emits up to
// 4 vertices for every character of a piece it draws (even the lines past the
// clip rectangle), reserves 4 per byte up front, and indexes a draw list with
// 16 bits (65,535 vertices without the backend's VtxOffset): a 20,000-character
// prompt aborted the app and a 900 KB summary took 3 s and 1 GB to draw.
// So every widget below draws at most kMaxDrawnChars characters of a piece of
// text (cut at a character boundary, ending in "…"): at most 8,000 vertices
// and 8 KB of layout per piece, whatever the input's size. Titles (the top
// bar, list rows) are cut at kMaxTitleChars. Pieces wholly outside the clip
// rectangle are not drawn at all.
inline constexpr std::size_t kMaxDrawnChars = 2000;
inline constexpr std::size_t kMaxTitleChars = 120;
// A window shorter than this many em is short: a phone on its side at 175 %
// text or more (844x390 is 9.75 em at 200 %, 11.1 at 175 %, 13 at 150 %).
// Its top bar keeps the title to one line, and the player gives the bar's
// height to the prompt.
inline constexpr float kShortWindowEm = 12.0f;
// The list's search field keeps this many characters (a paste can be huge).
inline constexpr std::size_t kMaxSearchChars = 100;
// The content problems screen lists this many diagnostics, then a count.
inline constexpr std::size_t kMaxProblemsShown = 200;
inline constexpr const char* kEllipsis = "\xe2\x80\xa6";  // U+2026

// `s` itself when it has at most `maxChars` characters (UTF-8 code points);
// otherwise its first `maxChars` characters and "…", held in `storage`.
std::string_view capText(std::string_view s, std::string& storage, std::size_t maxChars = kMaxDrawnChars);
// The same as a string (for text kept across a frame, like a list row's).
std::string cappedText(std::string_view s, std::size_t maxChars = kMaxDrawnChars);
// `text` cut to fit `width` px of `font` at `size` on one line, ending in an
// ellipsis, never splitting a UTF-8 character. Linear in what fits: it walks
// forward, so a megabyte of text costs what one line does.
std::string ellipsizeToWidth(std::string_view text, ImFont* font, float size, float width);

//-----------------------------------------------------------------------------
// [SECTION] Wrapping between words
//-----------------------------------------------------------------------------
// Dear ImGui 1.86 breaks a word that does not fit its line anywhere inside it
// ("Unkn / ot", "Gent / le / rele / ase" at 200 % text), which a tired reader
// cannot read. Every piece of wrapped text in Unknot is laid out by wrapWords
// and drawn a line at a time: lines break only at spaces and at '\n' (a
// no-break space, as in French "Ensuite\u00a0:", never breaks). A word wider
// than the line first shrinks its whole piece (fitPx, down to a floor of
// 0.6 em); a word still too wide at the floor is ellipsized in a title, and
// broken only in running text (a hostile prompt of 20,000 letters).
enum class TooWide { Break, Ellipsize };
struct WrappedLine {
    std::string text;
    char after = '\0';  // the source character after the line (see TextLine)
    float w = 0;
};
struct Wrapped {
    float size = 0;  // the px size the lines are laid out at
    std::vector<WrappedLine> lines;
    float width = 0, height = 0;
};
Wrapped wrapWords(ImFont* font, float size, std::string_view s, float width, TooWide mode = TooWide::Break);
// `text` as one laid-out line at `size` px of `font`, as it is (the caller
// has already shortened it): for a line drawn with drawWrapped, so it is
// recorded like every other piece of text.
Wrapped oneLine(ImFont* font, float size, std::string text);
// The size `font` draws `s` at so that its widest word fits `width`: the
// font's own size when it fits, else smaller, never below `floorPx`.
float fitPx(ImFont* font, std::string_view s, float width, float floorPx);

//-----------------------------------------------------------------------------
// [SECTION] Widgets
//-----------------------------------------------------------------------------
// Quiet: most buttons. Primary: the one thing to do next. Caution: a stop
// that is already confirmed. Notice: a soft caution tint (the problems banner).
enum class Tone { Quiet, Primary, Caution, Notice, Selected };

// Drag-to-scroll state: Dear ImGui 1.86 scrolls only with the wheel and the
// scrollbar, so a finger drag over a scroll region is turned into SetScrollY
// here, and a drag never ends as a tap on the button under the finger.
struct DragScroll {
    std::string region;  // the scroll region the press started in
    ImVec2 startMouse{0, 0};
    float startScroll = 0;
    bool pressed = false;  // the mouse went down inside `region`
    bool active = false;   // moved past the threshold: now a drag, not a tap
};

class Widgets {
public:
    // Per frame: the body em and where hotspots are recorded. It also sets
    // Dear ImGui's style colours from this palette: the context may be shared.
    void beginFrame(float em, std::vector<Hotspot>* hotspots, std::vector<TextLine>* lines = nullptr);
    // The colours every screen draws with; a new theme shows from the next frame.
    const Palette& pal() const { return pal_; }
    ThemeId theme() const { return theme_; }
    void setTheme(ThemeId id);
    float em() const { return em_; }
    float touch() const { return touch_; }
    const Fonts& fonts() const { return fonts_; }
    bool dragging() const { return drag_.active; }

    // Records the last item's rectangle under `id` when it is fully visible
    // vertically (a half-hidden item is not reliably tappable); x is kept as
    // drawn, so an item drawn past the window's edge shows in the tests.
    void hot(const std::string& id);
    bool hasHot(const std::string& id) const;

    // A big rounded button with wrapped text, at least touch() tall; `width`
    // <= 0 means all the space left on the line. True when tapped (not dragged).
    bool button(const std::string& id, std::string_view label, float width, Tone tone, ImFont* font = nullptr,
                std::string_view sublabel = {});
    // A full-width row with a label, a muted line under it and an on/off
    // switch at the right; the whole row is the target. True when tapped.
    bool toggle(const std::string& id, std::string_view label, std::string_view sublabel, bool on);
    // A toggle chip that flows onto the next line when the current one is full.
    bool chip(const std::string& id, std::string_view label, bool on);
    void beginFlow();
    // Reserves `width` in the flow (SameLine or a new line) and returns it, clamped.
    float flowPlace(float width);

    // Wrapped text at the current window's right edge.
    void text(std::string_view s, ImFont* font = nullptr) { text(s, font, pal_.text); }
    void text(std::string_view s, ImFont* font, ImU32 col);
    // Height `s` takes wrapped to `width` (as text() and wrap() lay it out).
    float textHeight(std::string_view s, ImFont* font, float width) const;
    // `s` (capped) laid out in `font` at `width`, shrunk to fit its widest
    // word down to floorPx(), lines broken only between words.
    Wrapped wrap(std::string_view s, ImFont* font, float width, TooWide mode = TooWide::Break) const;
    // Draws laid-out lines from `pos` (each centred in `centreW` when > 0),
    // skipping lines out of the clip rectangle, and records them (TextLine).
    void drawWrapped(ImDrawList* dl, ImFont* font, const Wrapped& w, ImVec2 pos, ImU32 col, float centreW = 0);
    // The smallest size a piece of text shrinks to before a word gives way.
    // 0.6 em: at 200 % text still larger than the body text at 125 %.
    float floorPx() const { return 0.6f * em_; }
    // A soft rounded panel behind wrapped text (cautions, the safety note).
    void notePanel(std::string_view title, const std::vector<std::string>& lines, ImU32 tint, ImU32 edge,
                   float width = 0);
    float notePanelHeight(std::string_view title, const std::vector<std::string>& lines, float width) const;
    // Records a rectangle that is not the last item (a spot on the body map).
    void hotRect(const std::string& id, ImVec2 a, ImVec2 b);

    // A scroll region of `height` (<= 0: the rest of the window) that scrolls
    // with a finger or mouse drag as well as the wheel.
    void beginScroll(const char* id, float height, float width = 0);
    void endScroll();
    // The scroll regions drawn in the next frame start at their top (a new
    // screen; going back keeps the scroll of the screen returned to).
    void scrollToTopNextFrame() { resetScroll_ = 2; }

private:
    ThemeId theme_ = ThemeId::Light;
    Palette pal_ = paletteFor(ThemeId::Light);
    float em_ = 16, touch_ = 48;
    Fonts fonts_;
    std::vector<Hotspot>* hotspots_ = nullptr;
    std::vector<TextLine>* lines_ = nullptr;
    int piece_ = 0;  // pieces of text drawn this frame
    DragScroll drag_;
    std::vector<std::string> scrollStack_;
    int resetScroll_ = 0;  // frames whose scroll regions start at the top
    bool flowFirst_ = true;
    float flowRight_ = 0;
};

}  // namespace unknot::ui
