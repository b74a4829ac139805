// Internal: the calm theme and the few widgets every screen is built from.
// Everything is sized in em (the body font's height) so the whole UI follows
// the font size; the only absolute number is the 48 px fingertip minimum.
//
// [SECTION] Theme (colours)
// [SECTION] Fonts
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
// Soft, muted colours on a warm off-white; one teal accent; a muted terracotta
// only for stop and cautions. Text stays dark grey for contrast (> 10:1).
namespace theme {
inline ImU32 rgb(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }
inline const ImU32 bg = IM_COL32(248, 244, 237, 255);        // warm off-white
inline const ImU32 surface = IM_COL32(239, 233, 223, 255);   // cards, quiet buttons
inline const ImU32 surfaceHover = IM_COL32(230, 223, 211, 255);
inline const ImU32 surfaceActive = IM_COL32(220, 211, 197, 255);
inline const ImU32 text = IM_COL32(43, 43, 46, 255);         // dark grey
inline const ImU32 textMuted = IM_COL32(88, 86, 84, 255);    // still > 6:1 on bg
inline const ImU32 accent = IM_COL32(61, 122, 124, 255);     // muted teal
inline const ImU32 accentHover = IM_COL32(52, 108, 110, 255);
inline const ImU32 accentActive = IM_COL32(43, 94, 96, 255);
inline const ImU32 accentSoft = IM_COL32(61, 122, 124, 60);
inline const ImU32 accentTint = IM_COL32(214, 230, 228, 255);
inline const ImU32 onAccent = IM_COL32(255, 255, 255, 255);
inline const ImU32 sand = IM_COL32(184, 138, 76, 255);       // switch sides
inline const ImU32 sandSoft = IM_COL32(184, 138, 76, 55);
inline const ImU32 caution = IM_COL32(160, 78, 62, 255);     // stop, cautions
inline const ImU32 cautionHover = IM_COL32(142, 66, 52, 255);
inline const ImU32 cautionTint = IM_COL32(246, 228, 220, 255);
inline const ImU32 track = IM_COL32(221, 214, 203, 255);     // empty ring / bar
inline const ImU32 body = IM_COL32(226, 216, 203, 255);      // the body map figure
inline const ImU32 bodyEdge = IM_COL32(196, 184, 168, 255);
}  // namespace theme

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
    // Per frame: the body em, the language and where hotspots are recorded.
    void beginFrame(float em, std::vector<Hotspot>* hotspots);
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
    bool button(const std::string& id, std::string_view label, float width, Tone tone,
                ImFont* font = nullptr, std::string_view sublabel = {});
    // A toggle chip that flows onto the next line when the current one is full.
    bool chip(const std::string& id, std::string_view label, bool on);
    void beginFlow();
    // Reserves `width` in the flow (SameLine or a new line) and returns it, clamped.
    float flowPlace(float width);

    // Wrapped text at the current window's right edge.
    void text(std::string_view s, ImFont* font = nullptr, ImU32 col = theme::text);
    // Height `s` takes wrapped to `width`.
    float textHeight(std::string_view s, ImFont* font, float width) const;
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

private:
    float em_ = 16, touch_ = 48;
    Fonts fonts_;
    std::vector<Hotspot>* hotspots_ = nullptr;
    DragScroll drag_;
    std::vector<std::string> scrollStack_;
    bool flowFirst_ = true;
    float flowRight_ = 0;
};

}  // namespace unknot::ui
