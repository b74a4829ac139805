// setupImGui(): fonts at three sizes and the calm style, all in em units.
//
// [SECTION] Glyph ranges (Latin-1, Latin Extended-A, typographic punctuation)
// [SECTION] Fonts (crisp on HiDPI: rasterized at physical size, scaled back)
// [SECTION] Style
// [SECTION] Themes (four palettes, applied live)
#include "unknot/ui/app.hpp"
#include "widgets.hpp"

#include <imgui.h>

#include <cstring>
#include <optional>
#include <string>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Glyph ranges
//-----------------------------------------------------------------------------
// French needs Latin-1 (é è à ç « » · and the no-break space) and Latin
// Extended-A (œ Œ); typography needs ’ “ ” – — … from General Punctuation
// (which also holds the narrow no-break space). Static: the atlas keeps a pointer.
static const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
    0x0100, 0x017F,  // Latin Extended-A
    0x2010, 0x2027,  // ‐ – — ‘ ’ “ ” • … and friends
    0x202F, 0x202F,  // narrow no-break space (French punctuation)
    0x2030, 0x203A,  // ‰ ‹ ›
    0x2190, 0x2193,  // arrows
    0x2212, 0x2212,  // minus sign (pain change "−1.8")
    0x2605, 0x2606,  // ★ ☆ (favourites, in text)
    0,
};

//-----------------------------------------------------------------------------
// [SECTION] Fonts
//-----------------------------------------------------------------------------
Fonts Fonts::current() {
    Fonts f;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    ImFont* fallback = ImGui::GetFont();
    f.body = atlas->Fonts.Size > 0 ? atlas->Fonts[0] : fallback;
    f.large = atlas->Fonts.Size > 1 ? atlas->Fonts[1] : f.body;
    f.huge = atlas->Fonts.Size > 2 ? atlas->Fonts[2] : f.large;
    return f;
}

float fontPx(const ImFont* font) { return font->FontSize * ImGui::GetIO().FontGlobalScale; }

// The huge size only draws the countdown (formatCountdown: digits and ':'),
// so it carries only those glyphs: the atlas, the largest allocation of the
// app, stays small (peak memory 26 -> 20 MB).
static const ImWchar kCountdownRanges[] = {0x0020, 0x0020, 0x0030, 0x003A, 0};

static void addFont(const std::string& ttf, float logicalPx, float dpiScale, const ImWchar* ranges = kGlyphRanges) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig cfg;
    cfg.SizePixels = logicalPx * dpiScale;
    // Oversampling sharpens small text; from ~28 px on it only doubles the atlas.
    cfg.OversampleH = logicalPx < 28.0f ? 2 : 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    if (ttf.empty()) {
        // The built-in bitmap font is only drawn well at 13 px; scaled it stays
        // readable, and the shell has already warned that the real font is missing.
        io.Fonts->AddFontDefault(&cfg);
        return;
    }
    // The atlas frees the data of each font it owns, so each size gets its own
    // IM_ALLOC'd copy (sharing one buffer would free it three times).
    void* data = IM_ALLOC(ttf.size());
    std::memcpy(data, ttf.data(), ttf.size());
    cfg.FontDataOwnedByAtlas = true;
    io.Fonts->AddFontFromMemoryTTF(data, static_cast<int>(ttf.size()), cfg.SizePixels, &cfg, ranges);
}

void setupImGui(const std::string& ttf, float fontPx_, float dpiScale, std::string* warning) {
    IM_ASSERT(ImGui::GetCurrentContext() != nullptr && "call ImGui::CreateContext() first");
    if (fontPx_ <= 0) fontPx_ = 18;
    if (dpiScale <= 0) dpiScale = 1;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // The atlas as tall as its glyphs, not rounded up to a power of two: the
    // three sizes fill 512x515, which rounded up was 512x1024 (2 MB of RGBA
    // texture, half of it empty). SDL's renderers take any height.
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    if (ttf.empty() && warning)
        *warning = "no TrueType font given: using Dear ImGui's built-in font (accents may be missing)";
    // Order matters: Fonts::current() reads body, large, huge by index.
    addFont(ttf, fontPx_, dpiScale);
    addFont(ttf, fontPx_ * 1.6f, dpiScale);
    addFont(ttf, fontPx_ * 3.0f, dpiScale, kCountdownRanges);
    io.FontDefault = io.Fonts->Fonts[0];
    // Glyphs are rasterized at physical size; drawing scales them back to
    // logical pixels, so text is crisp on HiDPI and layout stays in logical px.
    io.FontGlobalScale = 1.0f / dpiScale;
    // The app is touch-first: no ini file, no window moving by dragging content.
    io.IniFilename = nullptr;
    io.ConfigWindowsMoveFromTitleBarOnly = true;

    //-------------------------------------------------------------------------
    // [SECTION] Style
    //-------------------------------------------------------------------------
    const float em = fontPx_;
    ImGuiStyle& st = ImGui::GetStyle();
    st = ImGuiStyle();
    st.WindowPadding = ImVec2(0.8f * em, 0.6f * em);
    st.FramePadding = ImVec2(0.7f * em, 0.5f * em);
    st.ItemSpacing = ImVec2(0.6f * em, 0.6f * em);
    st.ItemInnerSpacing = ImVec2(0.4f * em, 0.4f * em);
    st.IndentSpacing = 1.2f * em;
    st.ScrollbarSize = 0.4f * em;
    st.GrabMinSize = 1.0f * em;
    st.WindowBorderSize = 0;
    st.ChildBorderSize = 0;
    st.PopupBorderSize = 0;
    st.FrameBorderSize = 0;
    st.WindowRounding = 0;
    st.ChildRounding = 0.6f * em;
    st.FrameRounding = 0.6f * em;
    st.PopupRounding = 0.6f * em;
    st.ScrollbarRounding = 0.4f * em;
    st.GrabRounding = 0.4f * em;
    st.TouchExtraPadding = ImVec2(0, 0);
    st.AntiAliasedLines = true;
    st.AntiAliasedFill = true;

    // The colours: Light until an App draws its first frame with its own
    // palette (Widgets::beginFrame).
    applyStyleColors(paletteFor(ThemeId::Light));
}

//-----------------------------------------------------------------------------
// [SECTION] Themes
//-----------------------------------------------------------------------------
// The names live with the settings store (unknot/session/settings.hpp);
// these keep the UI's older spelling for the shell and the tests.
const char* toString(ThemeId t) { return unknot::themeName(t); }

bool parseTheme(const std::string& s, ThemeId* out) {
    const std::optional<ThemeId> t = unknot::parseThemeName(s);
    if (t) *out = *t;
    return t.has_value();
}

namespace {
ImU32 rgb(int r, int g, int b, int a = 255) {
    return IM_COL32(static_cast<unsigned>(r), static_cast<unsigned>(g), static_cast<unsigned>(b),
                    static_cast<unsigned>(a));
}
}  // namespace

Palette paletteFor(ThemeId id) {
    switch (id) {
    case ThemeId::Dark:
        // Warm charcoal, not black: easier on tired eyes than pure contrast.
        return {rgb(30, 32, 35),    rgb(45, 48, 52),        rgb(55, 59, 64),    rgb(66, 71, 77),
                rgb(234, 231, 225), rgb(184, 180, 172),     rgb(128, 196, 194), rgb(144, 208, 206),
                rgb(108, 178, 176), rgb(128, 196, 194, 60), rgb(38, 62, 63),    rgb(12, 26, 26),
                rgb(220, 180, 124), rgb(220, 180, 124, 55), rgb(238, 150, 130), rgb(246, 166, 146),
                rgb(70, 42, 38),    rgb(64, 68, 74),        rgb(122, 116, 108), rgb(150, 142, 132),
                rgb(0, 0, 0, 0)};
    case ThemeId::HighContrast:
        // Black on white; buttons carry a dark outline because their fill
        // alone would not stand out from the page.
        return {rgb(255, 255, 255), rgb(240, 240, 240), rgb(225, 225, 225), rgb(205, 205, 205),  rgb(0, 0, 0),
                rgb(34, 34, 34),    rgb(0, 80, 84),     rgb(0, 62, 65),     rgb(0, 46, 48),      rgb(0, 80, 84, 70),
                rgb(205, 236, 236), rgb(255, 255, 255), rgb(110, 62, 0),    rgb(110, 62, 0, 50), rgb(150, 24, 0),
                rgb(120, 18, 0),    rgb(255, 226, 218), rgb(110, 110, 110), rgb(110, 110, 110),  rgb(0, 0, 0),
                rgb(0, 0, 0)};
    case ThemeId::PureBlack:
        // True black for OLED screens and dark rooms; text is a soft off-white,
        // bright enough to read, not glaring.
        return {rgb(0, 0, 0),       rgb(22, 22, 22),        rgb(34, 34, 34),    rgb(46, 46, 46),
                rgb(222, 219, 212), rgb(168, 164, 156),     rgb(104, 176, 174), rgb(120, 190, 188),
                rgb(88, 160, 158),  rgb(104, 176, 174, 60), rgb(14, 40, 40),    rgb(0, 0, 0),
                rgb(206, 166, 110), rgb(206, 166, 110, 50), rgb(226, 136, 116), rgb(236, 152, 132),
                rgb(48, 20, 16),    rgb(44, 44, 44),        rgb(108, 104, 98),  rgb(136, 130, 122),
                rgb(0, 0, 0, 0)};
    case ThemeId::Light: break;
    }
    // Soft, muted colours on a warm off-white; one teal accent; a muted
    // terracotta only for stop and cautions.
    return {rgb(248, 244, 237), rgb(239, 233, 223), rgb(230, 223, 211), rgb(220, 211, 197),    rgb(43, 43, 46),
            rgb(88, 86, 84),    rgb(61, 122, 124),  rgb(52, 108, 110),  rgb(43, 94, 96),       rgb(61, 122, 124, 60),
            rgb(214, 230, 228), rgb(255, 255, 255), rgb(184, 138, 76),  rgb(184, 138, 76, 55), rgb(160, 78, 62),
            rgb(142, 66, 52),   rgb(246, 228, 220), rgb(221, 214, 203), rgb(140, 128, 114),    rgb(118, 108, 96),
            rgb(0, 0, 0, 0)};
}

void applyStyleColors(const Palette& p) {
    if (!ImGui::GetCurrentContext()) return;
    auto c = [](ImU32 u) { return ImGui::ColorConvertU32ToFloat4(u); };
    ImVec4* col = ImGui::GetStyle().Colors;
    col[ImGuiCol_Text] = c(p.text);
    col[ImGuiCol_TextDisabled] = c(p.textMuted);
    col[ImGuiCol_WindowBg] = c(p.bg);
    col[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    col[ImGuiCol_PopupBg] = c(p.bg);
    col[ImGuiCol_Border] = c(p.track);
    col[ImGuiCol_FrameBg] = c(p.surface);
    col[ImGuiCol_FrameBgHovered] = c(p.surfaceHover);
    col[ImGuiCol_FrameBgActive] = c(p.surfaceActive);
    col[ImGuiCol_Button] = c(p.surface);
    col[ImGuiCol_ButtonHovered] = c(p.surfaceHover);
    col[ImGuiCol_ButtonActive] = c(p.surfaceActive);
    col[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    col[ImGuiCol_ScrollbarGrab] = c(p.track);
    col[ImGuiCol_ScrollbarGrabHovered] = c(p.bodyEdge);
    col[ImGuiCol_ScrollbarGrabActive] = c(p.bodyEdge);
    col[ImGuiCol_CheckMark] = c(p.accent);
    col[ImGuiCol_SliderGrab] = c(p.accent);
    col[ImGuiCol_SliderGrabActive] = c(p.accentActive);
    col[ImGuiCol_Header] = c(p.accentTint);
    col[ImGuiCol_HeaderHovered] = c(p.accentTint);
    col[ImGuiCol_HeaderActive] = c(p.accentTint);
    col[ImGuiCol_Separator] = c(p.track);
    col[ImGuiCol_TextSelectedBg] = c(p.accentSoft);
    col[ImGuiCol_NavHighlight] = c(p.accent);
    col[ImGuiCol_ModalWindowDimBg] = ImVec4(0.2f, 0.2f, 0.2f, 0.25f);
}

}  // namespace unknot::ui
