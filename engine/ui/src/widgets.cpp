// The few widgets every screen is built from (see widgets.hpp).
//
// [SECTION] Frame and hotspots
// [SECTION] Buttons and chips
// [SECTION] Text and panels
// [SECTION] Scroll regions with drag-to-scroll
#include "widgets.hpp"

#include "unknot/ui/presentation.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Frame and hotspots
//-----------------------------------------------------------------------------
void Widgets::beginFrame(float em, std::vector<Hotspot>* hotspots, std::vector<TextLine>* lines) {
    em_ = em;
    touch_ = touchHeight(em);
    fonts_ = Fonts::current();
    hotspots_ = hotspots;
    lines_ = lines;
    piece_ = 0;
    applyStyleColors(pal_);
    scrollStack_.clear();
    if (resetScroll_ > 0) --resetScroll_;
    // A release outside any scroll region (or one that closed) ends the drag.
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left) && !ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        drag_.pressed = false;
        drag_.active = false;
    }
}

void Widgets::setTheme(ThemeId id) {
    theme_ = id;
    pal_ = paletteFor(id);
}

void Widgets::hot(const std::string& id) { hotRect(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }

bool Widgets::hasHot(const std::string& id) const {
    if (!hotspots_) return false;
    for (const Hotspot& h : *hotspots_)
        if (h.id == id) return true;
    return false;
}

void Widgets::hotRect(const std::string& id, ImVec2 a, ImVec2 b) {
    if (!hotspots_) return;
    const ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 ca = dl->GetClipRectMin(), cb = dl->GetClipRectMax();
    // Half a pixel of slack: rectangles are floats and rounding differs by a hair.
    if (a.y < ca.y - 0.5f || b.y > cb.y + 0.5f) return;
    hotspots_->push_back(Hotspot{id, a.x, a.y, b.x - a.x, b.y - a.y});
}

//-----------------------------------------------------------------------------
// [SECTION] Text caps
//-----------------------------------------------------------------------------
std::string_view capText(std::string_view s, std::string& storage, std::size_t maxChars) {
    // Never more characters than bytes: short text needs no counting.
    if (s.size() <= maxChars) return s;
    std::size_t chars = 0, i = 0;
    for (; i < s.size(); ++i) {
        // A character starts at every byte that is not a continuation byte.
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == maxChars) break;
    }
    if (i >= s.size()) return s;
    storage.assign(s.data(), i);
    storage += kEllipsis;
    return storage;
}

std::string cappedText(std::string_view s, std::size_t maxChars) {
    std::string storage;
    const std::string_view v = capText(s, storage, maxChars);
    return v.data() == storage.data() ? storage : std::string(v);
}

std::string ellipsizeToWidth(std::string_view text, ImFont* font, float size, float width) {
    std::string storage;
    text = capText(text, storage, kMaxDrawnChars);
    if (text.empty()) return {};
    const char* b = text.data();
    const char* e = b + text.size();
    // Widths rounded up as ImGui::CalcTextSize() rounds them.
    const auto rounded = [](float w) { return std::floor(w + 0.95f); };
    const float dotsW = rounded(font->CalcTextSizeA(size, FLT_MAX, 0, kEllipsis).x);
    // Walk forward a character at a time, adding widths (in the order Dear
    // ImGui adds them), until the text no longer fits.
    float x = 0;
    const char* fitEnd = b;  // the longest prefix that fits with "…" after it
    for (const char* p = b; p < e;) {
        const char* q = p + 1;
        while (q < e && (static_cast<unsigned char>(*q) & 0xC0) == 0x80) ++q;
        x += font->CalcTextSizeA(size, FLT_MAX, 0, p, q).x;
        if (rounded(x) + dotsW <= width)
            fitEnd = q;
        else if (rounded(x) > width)
            break;
        p = q;
        if (p == e) return std::string(text);  // all of it fits
    }
    while (fitEnd > b && fitEnd[-1] == ' ') --fitEnd;
    return std::string(b, fitEnd) + kEllipsis;
}

//-----------------------------------------------------------------------------
// [SECTION] Buttons and chips
//-----------------------------------------------------------------------------
float longestWord(ImFont* font, std::string_view s) {
    float widest = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t j = std::min(s.find(' ', i), s.size());
        if (j > i)
            widest = std::max(widest, font->CalcTextSizeA(fontPx(font), FLT_MAX, 0, s.data() + i, s.data() + j).x);
        i = j + 1;
    }
    return widest;
}

bool Widgets::button(const std::string& id, std::string_view label, float width, Tone tone, ImFont* font,
                     std::string_view sublabel) {
    std::string labelCut, subCut;
    label = capText(label, labelCut);
    sublabel = capText(sublabel, subCut);
    if (!font) font = fonts_.body;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (width <= 0 || width > avail) width = std::max(avail, touch_);
    // Generous side padding, but a short word in a narrow button keeps its
    // line: padding shrinks before a word would break in the middle, and a
    // word still too wide shrinks the label ("Conti-nue" broken mid-word is
    // harder to read than smaller text).
    const float oneLine = font->CalcTextSizeA(fontPx(font), FLT_MAX, 0, label.data(), label.data() + label.size()).x;
    const float padX = std::clamp((width - oneLine) * 0.5f, 0.3f * em_, 0.8f * em_);
    const float padY = 0.45f * em_;
    const float wrapW = std::max(1.0f, width - 2 * padX);
    const Wrapped lw = wrap(label, font, wrapW, TooWide::Ellipsize);
    const Wrapped sw = sublabel.empty() ? Wrapped{} : wrap(sublabel, fonts_.body, wrapW);
    const ImVec2 ts(lw.width, lw.height);
    const ImVec2 ss(sw.width, sw.height);
    const float gap = sublabel.empty() ? 0 : 0.2f * em_;
    const float height = std::max(touch_, ts.y + gap + ss.y + 2 * padY);

    bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
    // A drag that scrolled the list is not a tap on what lies under the finger.
    if (drag_.active) pressed = false;
    const bool held = ImGui::IsItemActive() && !drag_.active;
    const bool hovered = ImGui::IsItemHovered() && !drag_.active;
    hot(id);

    ImU32 fill = pal_.surface, ink = pal_.text, subInk = pal_.textMuted;
    switch (tone) {
    case Tone::Quiet: fill = held ? pal_.surfaceActive : hovered ? pal_.surfaceHover : pal_.surface; break;
    case Tone::Primary:
        fill = held ? pal_.accentActive : hovered ? pal_.accentHover : pal_.accent;
        ink = subInk = pal_.onAccent;
        break;
    case Tone::Caution:
        fill = held || hovered ? pal_.cautionHover : pal_.caution;
        ink = subInk = pal_.onAccent;
        break;
    case Tone::Notice:
        fill = held ? pal_.surfaceActive : hovered ? pal_.surfaceHover : pal_.cautionTint;
        ink = subInk = pal_.caution;
        break;
    case Tone::Selected:
        fill = held ? pal_.accentActive : pal_.accent;
        ink = subInk = pal_.onAccent;
        break;
    }
    // Scrolled out of sight: nothing to draw (Dear ImGui would still emit
    // every glyph of the label).
    if (!ImGui::IsItemVisible()) return pressed;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, fill, 0.6f * em_);
    // High contrast: an edge, since a fill alone may not stand out.
    if ((pal_.outline & IM_COL32_A_MASK) != 0)
        dl->AddRect(a, b, pal_.outline, 0.6f * em_, ImDrawFlags_None, std::max(1.5f, 0.1f * em_));
    // One line: centred. Several lines (or a sublabel): left-aligned and wrapped.
    const bool centred = sublabel.empty() && lw.lines.size() == 1;
    const float top = a.y + (height - (ts.y + gap + ss.y)) * 0.5f;
    const float x = centred ? a.x + (width - ts.x) * 0.5f : a.x + padX;
    drawWrapped(dl, font, lw, ImVec2(std::floor(x), std::floor(top)), ink);
    if (!sublabel.empty())
        drawWrapped(dl, fonts_.body, sw, ImVec2(std::floor(a.x + padX), std::floor(top + ts.y + gap)), subInk);
    return pressed;
}

bool Widgets::toggle(const std::string& id, std::string_view label, std::string_view sublabel, bool on) {
    std::string labelCut, subCut;
    label = capText(label, labelCut);
    sublabel = capText(sublabel, subCut);
    ImFont* font = fonts_.body;
    const float width = std::max(ImGui::GetContentRegionAvail().x, touch_);
    const float pad = 0.7f * em_;
    // The switch: a pill 2.6 em wide, its knob at the right when on.
    const float swW = 2.6f * em_, swH = 1.4f * em_;
    const float textW = std::max(1.0f, width - 3 * pad - swW);
    const Wrapped lw = wrap(label, font, textW);
    const Wrapped sw = sublabel.empty() ? Wrapped{} : wrap(sublabel, font, textW);
    const ImVec2 ls(lw.width, lw.height);
    const ImVec2 ss(sw.width, sw.height);
    const float gap = sublabel.empty() ? 0 : 0.15f * em_;
    const float height = std::max(touch_, ls.y + gap + ss.y + 0.9f * em_);
    bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
    if (drag_.active) pressed = false;
    const bool held = ImGui::IsItemActive() && !drag_.active;
    const bool hovered = ImGui::IsItemHovered() && !drag_.active;
    hot(id);
    if (!ImGui::IsItemVisible()) return pressed;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, held ? pal_.surfaceActive : hovered ? pal_.surfaceHover : pal_.surface, 0.6f * em_);
    if ((pal_.outline & IM_COL32_A_MASK) != 0)
        dl->AddRect(a, b, pal_.outline, 0.6f * em_, ImDrawFlags_None, std::max(1.5f, 0.1f * em_));
    const float top = a.y + (height - (ls.y + gap + ss.y)) * 0.5f;
    drawWrapped(dl, font, lw, ImVec2(a.x + pad, top), pal_.text);
    if (!sublabel.empty()) drawWrapped(dl, font, sw, ImVec2(a.x + pad, top + ls.y + gap), pal_.textMuted);
    const ImVec2 s0(b.x - pad - swW, (a.y + b.y - swH) * 0.5f), s1(b.x - pad, (a.y + b.y + swH) * 0.5f);
    dl->AddRectFilled(s0, s1, on ? pal_.accent : pal_.track, swH * 0.5f);
    if ((pal_.outline & IM_COL32_A_MASK) != 0)
        dl->AddRect(s0, s1, pal_.outline, swH * 0.5f, ImDrawFlags_None, std::max(1.5f, 0.1f * em_));
    const float knobR = swH * 0.5f - 0.18f * em_;
    const ImVec2 knob(on ? s1.x - swH * 0.5f : s0.x + swH * 0.5f, (s0.y + s1.y) * 0.5f);
    dl->AddCircleFilled(knob, knobR, on ? pal_.onAccent : pal_.bg, 24);
    // The state in a shape as well as a colour: a tick when on.
    if (on) {
        const float k = knobR * 0.5f;
        const ImVec2 pts[3] = {ImVec2(knob.x - k, knob.y), ImVec2(knob.x - k * 0.3f, knob.y + k * 0.7f),
                               ImVec2(knob.x + k, knob.y - k * 0.6f)};
        dl->AddPolyline(pts, 3, pal_.accent, ImDrawFlags_None, std::max(1.5f, 0.12f * em_));
    }
    return pressed;
}

void Widgets::beginFlow() {
    flowFirst_ = true;
    flowRight_ = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
}

float Widgets::flowPlace(float width) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    if (!flowFirst_) {
        const float lastRight = ImGui::GetItemRectMax().x;
        if (lastRight + spacing + width <= flowRight_) ImGui::SameLine(0, spacing);
    }
    flowFirst_ = false;
    return std::min(width, ImGui::GetContentRegionAvail().x);
}

bool Widgets::chip(const std::string& id, std::string_view label, bool on) {
    std::string cut;
    label = capText(label, cut, kMaxTitleChars);
    const float padX = 0.8f * em_;
    const ImVec2 ts = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    const float w = flowPlace(ts.x + 2 * padX + 1);
    return button(id, label, w, on ? Tone::Selected : Tone::Quiet);
}

//-----------------------------------------------------------------------------
// [SECTION] Text and panels
//-----------------------------------------------------------------------------
void Widgets::text(std::string_view s, ImFont* font, ImU32 col) {
    std::string cut;
    s = capText(s, cut);
    if (!font) font = fonts_.body;
    // Wrap at the window's content edge: nothing is drawn past the screen,
    // and no word is broken (a large word shrinks its text instead).
    const float width = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    const Wrapped w = wrap(s, font, width);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w.width, w.height));
    drawWrapped(ImGui::GetWindowDrawList(), font, w, pos, col);  // only the lines in sight are drawn
}

Wrapped Widgets::wrap(std::string_view s, ImFont* font, float width, TooWide mode) const {
    std::string cut;
    s = capText(s, cut);
    if (!font) font = fonts_.body;
    width = std::max(1.0f, width);
    return wrapWords(font, fitPx(font, s, width, floorPx()), s, width, mode);
}

void Widgets::drawWrapped(ImDrawList* dl, ImFont* font, const Wrapped& w, ImVec2 pos, ImU32 col, float centreW) {
    const ImVec2 ca = dl->GetClipRectMin(), cb = dl->GetClipRectMax();
    const int piece = piece_++;
    float y = pos.y;
    for (const WrappedLine& l : w.lines) {
        const float x = centreW > 0 ? std::floor(pos.x + (centreW - l.w) * 0.5f) : pos.x;
        const bool inView = y + w.size > ca.y && y < cb.y;
        if (inView) dl->AddText(font, w.size, ImVec2(x, y), col, l.text.data(), l.text.data() + l.text.size());
        if (lines_)
            lines_->push_back(
                TextLine{l.text, x, y, l.w, w.size, l.after, y >= ca.y - 0.5f && y + w.size <= cb.y + 0.5f, piece});
        y += w.size;
    }
}

float Widgets::textHeight(std::string_view s, ImFont* font, float width) const { return wrap(s, font, width).height; }

float Widgets::notePanelHeight(std::string_view title, const std::vector<std::string>& lines, float width) const {
    const float pad = 0.7f * em_;
    const float inner = std::max(1.0f, width - 2 * pad - 0.3f * em_);
    float h = 2 * pad - 0.3f * em_;
    if (!title.empty()) h += textHeight(title, fonts_.body, inner) + 0.3f * em_;
    for (const std::string& l : lines) h += textHeight(l, fonts_.body, inner) + 0.3f * em_;
    return h;
}

void Widgets::notePanel(std::string_view title, const std::vector<std::string>& lines, ImU32 tint, ImU32 edge,
                        float width) {
    const float pad = 0.7f * em_;
    if (width <= 0 || width > ImGui::GetContentRegionAvail().x) width = ImGui::GetContentRegionAvail().x;
    const float inner = std::max(1.0f, width - 2 * pad - 0.3f * em_);
    const float h = notePanelHeight(title, lines, width);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    // Scrolled out of sight (a long list of problems): only its place is kept.
    if (!ImGui::IsRectVisible(a, ImVec2(a.x + width, a.y + h))) {
        ImGui::Dummy(ImVec2(width, h));
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + width, a.y + h), tint, 0.6f * em_);
    // A soft bar on the left edge marks the panel's kind without shouting.
    dl->AddRectFilled(a, ImVec2(a.x + 0.3f * em_, a.y + h), edge, 0.6f * em_, ImDrawFlags_RoundCornersLeft);
    float y = a.y + pad;
    const float x = a.x + pad + 0.3f * em_;
    if (!title.empty()) {
        const Wrapped t = wrap(title, fonts_.body, inner);
        drawWrapped(dl, fonts_.body, t, ImVec2(x, y), edge);
        y += t.height + 0.3f * em_;
    }
    for (const std::string& line : lines) {
        const Wrapped l = wrap(line, fonts_.body, inner);
        drawWrapped(dl, fonts_.body, l, ImVec2(x, y), pal_.text);
        y += l.height + 0.3f * em_;
    }
    ImGui::Dummy(ImVec2(width, h));
}

//-----------------------------------------------------------------------------
// [SECTION] Scroll regions with drag-to-scroll
//-----------------------------------------------------------------------------
void Widgets::beginScroll(const char* id, float height, float width) {
    if (height <= 0) height = ImGui::GetContentRegionAvail().y;
    ImGui::BeginChild(id, ImVec2(width, std::max(height, touch_)), false, ImGuiWindowFlags_None);
    if (resetScroll_ > 0) ImGui::SetScrollY(0.0f);
    scrollStack_.push_back(id);
}

void Widgets::endScroll() {
    IM_ASSERT(!scrollStack_.empty() && "endScroll() without beginScroll()");
    const std::string id = scrollStack_.back();
    scrollStack_.pop_back();
    const ImGuiIO& io = ImGui::GetIO();
    // Hovered even while a button inside holds the press: the press starts on
    // a card, and only the movement tells a drag from a tap.
    const bool hovered =
        ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && hovered) {
        drag_.region = id;
        drag_.startMouse = io.MousePos;
        drag_.startScroll = ImGui::GetScrollY();
        drag_.pressed = true;
        drag_.active = false;
    }
    if (drag_.pressed && drag_.region == id) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            const float dy = io.MousePos.y - drag_.startMouse.y;
            // Past a small threshold a press becomes a drag: fingers wobble.
            const float threshold = std::max(8.0f, 0.5f * em_);
            if (!drag_.active && std::fabs(dy) > threshold) drag_.active = true;
            if (drag_.active) ImGui::SetScrollY(std::clamp(drag_.startScroll - dy, 0.0f, ImGui::GetScrollMaxY()));
        } else {
            // Released: buttons drawn earlier this frame already saw `active`.
            drag_.pressed = false;
            drag_.active = false;
        }
    }
    ImGui::EndChild();
}

}  // namespace unknot::ui
