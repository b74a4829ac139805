// setupImGui(): fonts at three sizes and the calm style, all in em units.
//
// [SECTION] Glyph ranges (Latin-1, Latin Extended-A, typographic punctuation)
// [SECTION] Fonts (crisp on HiDPI: rasterized at physical size, scaled back)
// [SECTION] Style
#include "unknot/ui/app.hpp"
#include "widgets.hpp"

#include <imgui.h>

#include <cstring>

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

static void addFont(const std::string& ttf, float logicalPx, float dpiScale,
                    const ImWchar* ranges = kGlyphRanges) {
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

    auto c = [](ImU32 u) { return ImGui::ColorConvertU32ToFloat4(u); };
    ImVec4* col = st.Colors;
    col[ImGuiCol_Text] = c(theme::text);
    col[ImGuiCol_TextDisabled] = c(theme::textMuted);
    col[ImGuiCol_WindowBg] = c(theme::bg);
    col[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    col[ImGuiCol_PopupBg] = c(theme::bg);
    col[ImGuiCol_Border] = c(theme::track);
    col[ImGuiCol_FrameBg] = c(theme::surface);
    col[ImGuiCol_FrameBgHovered] = c(theme::surfaceHover);
    col[ImGuiCol_FrameBgActive] = c(theme::surfaceActive);
    col[ImGuiCol_Button] = c(theme::surface);
    col[ImGuiCol_ButtonHovered] = c(theme::surfaceHover);
    col[ImGuiCol_ButtonActive] = c(theme::surfaceActive);
    col[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    col[ImGuiCol_ScrollbarGrab] = c(theme::track);
    col[ImGuiCol_ScrollbarGrabHovered] = c(theme::bodyEdge);
    col[ImGuiCol_ScrollbarGrabActive] = c(theme::bodyEdge);
    col[ImGuiCol_CheckMark] = c(theme::accent);
    col[ImGuiCol_SliderGrab] = c(theme::accent);
    col[ImGuiCol_SliderGrabActive] = c(theme::accentActive);
    col[ImGuiCol_Header] = c(theme::accentTint);
    col[ImGuiCol_HeaderHovered] = c(theme::accentTint);
    col[ImGuiCol_HeaderActive] = c(theme::accentTint);
    col[ImGuiCol_Separator] = c(theme::track);
    col[ImGuiCol_TextSelectedBg] = c(theme::accentSoft);
    col[ImGuiCol_NavHighlight] = c(theme::accent);
    col[ImGuiCol_ModalWindowDimBg] = ImVec4(0.2f, 0.2f, 0.2f, 0.25f);
}

}  // namespace unknot::ui
