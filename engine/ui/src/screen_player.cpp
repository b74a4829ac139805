// The player: the heart of Unknot. One clock only (the nowMs given to frame()),
// calm motion, big words, big buttons; and the end screen.
//
// [SECTION] Drawing helpers (rings, arrows, badges)
// [SECTION] The visual: breathing shape, countdown ring, switch, continue
// [SECTION] Player screen layout
// [SECTION] Controls: screen_player_controls.cpp
// [SECTION] End screen
#include "app_impl.hpp"
#include "player_figure.hpp"

#include "unknot/ui/strings.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <functional>

namespace unknot::ui {

static constexpr float kPi = 3.14159265358979323846f;

//-----------------------------------------------------------------------------
// [SECTION] Drawing helpers
//-----------------------------------------------------------------------------
// Text centred on `c`, at `size` px of `font`, on one line. Drawn as laid-out
// text, so what the visual says (the side, the phase, the seconds) is read
// back like any other words (App::textLines).
static void centredText(Widgets& ui, ImDrawList* dl, ImFont* font, float size, ImVec2 c, ImU32 col,
                        const std::string& full) {
    const Wrapped one = oneLine(font, size, cappedText(full, kMaxTitleChars));
    ui.drawWrapped(dl, font, one, ImVec2(std::floor(c.x - one.width * 0.5f), std::floor(c.y - size * 0.5f)), col);
}

// An arc from the top, clockwise, over `fraction` of the circle.
static void arc(ImDrawList* dl, ImVec2 c, float r, float fraction, ImU32 col, float thick) {
    fraction = std::clamp(fraction, 0.0f, 1.0f);
    if (fraction <= 0.0f) return;
    const float a0 = -kPi * 0.5f;
    const int segments = std::max(8, static_cast<int>(64 * fraction));
    dl->PathArcTo(c, r, a0, a0 + 2 * kPi * fraction, segments);
    dl->PathStroke(col, ImDrawFlags_None, thick);
}

// A horizontal double arrow (switch sides), drawn: no glyph needed.
static void doubleArrow(ImDrawList* dl, ImVec2 c, float halfW, ImU32 col, float thick) {
    const float h = halfW * 0.35f;
    dl->AddLine(ImVec2(c.x - halfW, c.y), ImVec2(c.x + halfW, c.y), col, thick);
    dl->AddLine(ImVec2(c.x - halfW, c.y), ImVec2(c.x - halfW + h, c.y - h), col, thick);
    dl->AddLine(ImVec2(c.x - halfW, c.y), ImVec2(c.x - halfW + h, c.y + h), col, thick);
    dl->AddLine(ImVec2(c.x + halfW, c.y), ImVec2(c.x + halfW - h, c.y - h), col, thick);
    dl->AddLine(ImVec2(c.x + halfW, c.y), ImVec2(c.x + halfW - h, c.y + h), col, thick);
}

// A soft pill with a word in it, centred on `c`.
static void badge(Widgets& ui, ImDrawList* dl, ImFont* font, float size, ImVec2 c, const std::string& s, ImU32 fill,
                  ImU32 ink) {
    const float em = ui.em();
    const ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0, s.c_str());
    const ImVec2 a(c.x - ts.x * 0.5f - 0.8f * em, c.y - ts.y * 0.5f - 0.3f * em);
    const ImVec2 b(c.x + ts.x * 0.5f + 0.8f * em, c.y + ts.y * 0.5f + 0.3f * em);
    dl->AddRectFilled(a, b, fill, (b.y - a.y) * 0.5f);
    centredText(ui, dl, font, size, c, ink, s);
}

static const char* phaseKey(BreathPhase p) {
    switch (p) {
    case BreathPhase::Inhale: return "player.breathe_in";
    case BreathPhase::Hold: return "player.hold";
    case BreathPhase::Exhale: return "player.breathe_out";
    case BreathPhase::Rest: return "player.rest";
    case BreathPhase::None: break;
    }
    return "player.rest";
}

//-----------------------------------------------------------------------------
// [SECTION] The visual
//-----------------------------------------------------------------------------
// Fills the current child window: a top row (side badge or breathing cycle), the
// shape in the middle, a bottom row (the phase word, or "Paused").
// The box's rows and the shape's size, from the current child window.
App::Impl::VisualBox App::Impl::visualBox(ImVec2 origin) const {
    const float em = ui.em();
    const Fonts& f = ui.fonts();
    const Player& p = *session.player;
    VisualBox v;
    const ImVec2 box = ImGui::GetContentRegionAvail();
    v.origin = origin;
    v.W = box.x;
    v.H = box.y;
    // A short box (large text on a phone): the top row goes first, then the
    // bottom row's word steps down to the body size; the shape keeps 2.5 em.
    v.wordFont = f.large;
    v.topH = fontPx(f.body) + 1.0f * em;
    float bottomH = fontPx(f.large) + 0.6f * em;
    if (v.H < v.topH + bottomH + 2.5f * em) v.topH = 0;
    if (v.H < v.topH + bottomH + 2.5f * em) {
        v.wordFont = f.body;
        bottomH = fontPx(f.body) + 0.4f * em;
    }
    v.midH = std::max(1.0f * em, v.H - v.topH - bottomH);
    v.c = ImVec2(origin.x + v.W * 0.5f, origin.y + v.topH + v.midH * 0.5f);
    v.bottomC = ImVec2(v.c.x, origin.y + v.topH + v.midH + bottomH * 0.5f);
    v.thick = std::max(3.0f, 0.45f * em);
    // The ring's stroke is drawn centred on R: keep all of it inside the box.
    v.R = std::max(1.0f * em, std::min(v.W, v.midH) * 0.5f - 0.3f * em - v.thick * 0.5f);
    v.paused = p.state() == PlayerState::Paused;
    v.left = p.segmentLeftMs(now);
    v.progress = p.segmentProgress(now);
    return v;
}

// Fills the current child window: a top row (side badge or breathing cycle), the
// shape in the middle, a bottom row (the phase word, or "Paused").
void App::Impl::drawPlayerVisual(const Segment& seg, ImVec2 origin) {
    // The step's figure first, above or beside the shape, in the shape's room.
    origin = placePlayerFigure(ui, lib().figures, seg, session.player->positionMs(now), settings.reducedMotion, origin,
                               figureCache);
    const VisualBox v = visualBox(origin);
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Top row: which side, or which breath of how many. With no room for it,
    // the side is still said below the shape.
    const ImVec2 topC(v.c.x, origin.y + v.topH * 0.5f);
    if (v.topH > 0 && seg.side != Side::None && seg.kind != SegmentKind::Switch)
        badge(ui, dl, f.body, fontPx(f.body), topC, tr(seg.side == Side::Left ? "common.left" : "common.right", lang),
              pal().accentTint, pal().accent);
    else if (v.topH > 0 && seg.kind == SegmentKind::Breath && seg.cycles > 0)
        centredText(ui, dl, f.body, fontPx(f.body), topC, pal().textMuted,
                    trf("player.cycle", lang, {{"i", std::to_string(seg.cycle)}, {"n", std::to_string(seg.cycles)}}));

    if (settings.reducedMotion && seg.kind != SegmentKind::Wait)
        drawVisualStill(seg, v);
    else if (seg.kind == SegmentKind::Wait)
        drawVisualWait(v);
    else
        drawVisualShape(seg, v);
}

// Reduced motion: no shape grows, shrinks or turns. The phase in words, the
// seconds left, and a bar that fills at an even pace (no easing).
void App::Impl::drawVisualStill(const Segment& seg, const VisualBox& v) {
    const float em = ui.em();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool breath = seg.kind == SegmentKind::Breath;
    const bool sw = seg.kind == SegmentKind::Switch;
    std::string word = breath ? tr(phaseKey(seg.phase), lang) : sw ? tr("player.switch", lang) : "";
    if (v.paused) word = tr("player.paused", lang);
    const float wordH = word.empty() ? 0 : fontPx(f.large) + 0.4f * em;
    const float numH = std::min(fontPx(f.huge), v.midH * 0.5f);
    const float barH = 0.9f * em;
    const float blockH = wordH + numH + 0.6f * em + barH;
    float y = v.origin.y + v.topH + std::max(0.0f, (v.midH - blockH) * 0.5f);
    if (!word.empty()) {
        centredText(ui, dl, f.large, fontPx(f.large), ImVec2(v.c.x, y + fontPx(f.large) * 0.5f),
                    v.paused ? pal().textMuted
                    : sw     ? pal().sand
                             : pal().accent,
                    word);
        y += wordH;
    }
    centredText(ui, dl, f.huge, numH, ImVec2(v.c.x, y + numH * 0.5f), pal().text, formatCountdown(v.left));
    y += numH + 0.6f * em;
    const float bw = std::min(v.W - 1.0f * em, 18.0f * em);
    const ImVec2 b0(v.c.x - bw * 0.5f, y), b1(v.c.x + bw * 0.5f, y + barH);
    dl->AddRectFilled(b0, b1, pal().track, barH * 0.5f);
    const float fill = static_cast<float>(std::clamp(v.progress, 0.0, 1.0));
    if (fill > 0) dl->AddRectFilled(b0, ImVec2(b0.x + bw * fill, b1.y), sw ? pal().sand : pal().accent, barH * 0.5f);
    ui.hotRect("motion-bar", b0, b1);
}

// A breath: a disc that grows and shrinks. A timed step or a switch: a ring
// that empties as the time runs out.
void App::Impl::drawVisualShape(const Segment& seg, const VisualBox& v) {
    const float em = ui.em();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c = v.c;
    const float R = v.R;
    // The number must fit inside the smallest shape it sits in.
    auto number = [&](float fitR, ImU32 col) {
        const float sz = std::min(fontPx(f.huge), fitR * 1.1f);
        centredText(ui, dl, f.huge, sz, c, col, formatCountdown(v.left));
    };
    if (seg.kind == SegmentKind::Breath) {
        const float rMin = R * 0.45f;
        const float r = rMin + (R - rMin) * breathScale(seg.phase, v.progress);
        dl->AddCircle(c, R, pal().track, 64, std::max(1.5f, 0.08f * em));  // the full size, as a guide
        dl->AddCircleFilled(c, r, (pal().accent & ~IM_COL32_A_MASK) | (70u << IM_COL32_A_SHIFT), 64);
        dl->AddCircle(c, r, pal().accent, 64, v.thick * 0.6f);
        number(rMin, pal().text);
        centredText(ui, dl, v.wordFont, fontPx(v.wordFont), v.bottomC, v.paused ? pal().textMuted : pal().accent,
                    v.paused ? std::string(tr("player.paused", lang)) : std::string(tr(phaseKey(seg.phase), lang)));
        return;
    }
    const bool sw = seg.kind == SegmentKind::Switch;
    const ImU32 col = sw ? pal().sand : pal().accent;
    dl->AddCircleFilled(c, R - v.thick * 0.5f,
                        sw ? pal().sandSoft : (pal().accent & ~IM_COL32_A_MASK) | (28u << IM_COL32_A_SHIFT), 64);
    dl->AddCircle(c, R, pal().track, 64, v.thick);
    // The ring empties as the time runs out.
    arc(dl, c, R, static_cast<float>(1.0 - v.progress), col, v.thick);
    number(R * 0.7f, pal().text);
    if (sw) doubleArrow(dl, ImVec2(c.x, c.y + R * 0.55f), R * 0.4f, col, std::max(2.0f, 0.15f * em));
    // The words below say which side comes now; the ring says to switch.
    if (v.paused)
        centredText(ui, dl, v.wordFont, fontPx(v.wordFont), v.bottomC, pal().textMuted, tr("player.paused", lang));
    else if (sw)
        centredText(ui, dl, v.wordFont, fontPx(v.wordFont), v.bottomC, pal().sand, tr("player.switch", lang));
    else if (v.topH <= 0 && seg.side != Side::None && !sw)
        centredText(ui, dl, v.wordFont, fontPx(v.wordFont), v.bottomC, pal().accent,
                    tr(seg.side == Side::Left ? "common.left" : "common.right", lang));
}

// One large Continue: the session waits for the person, not the clock.
void App::Impl::drawVisualWait(const VisualBox& v) {
    const float bw = std::min(v.W, 16.0f * ui.em());
    const std::string hint = tr("player.tap_hint", lang);
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    const float hintH = ui.textHeight(hint, ui.fonts().body, v.W);
    // The hint only when it fits under the button in this box.
    const bool showHint = v.H >= ui.touch() + sp + hintH;
    const float blockH = ui.touch() + (showHint ? sp + hintH : 0.0f);
    ImGui::SetCursorScreenPos(ImVec2(v.c.x - bw * 0.5f, v.origin.y + std::max(0.0f, (v.H - blockH) * 0.5f)));
    if (ui.button("continue", tr("player.continue", lang), bw, Tone::Primary, ui.fonts().large)) {
        session.continueAfterTap(now);
        changed();
    }
    if (showHint) {
        ImGui::SetCursorScreenPos(ImVec2(v.origin.x, ImGui::GetCursorScreenPos().y));
        ui.text(hint, nullptr, pal().textMuted);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Player screen layout
//-----------------------------------------------------------------------------
void App::Impl::drawPlayer() {
    if (!session.player) {
        topBar(tr("card.missing", lang), true);
        return;
    }
    Player& p = *session.player;
    const std::string title = session.routine ? session.routine->title.get(lang) : p.timeline().routineId;
    const Segment* seg = p.current();
    const float em = ui.em();
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    // A phone on its side at large text (844x390 at 175 and 200 %): the top
    // bar would take a quarter of the height the prompt needs, so it gives
    // way. The person chose this routine on its card a moment ago, and
    // leaving stays one tap away (Stop, or the device's Back).
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const bool sideways = seg && display.x > display.y * 1.5f && display.y < kShortWindowEm * em;
    // Large text in a window under 25 em tall (a phone at 175 and 200 %, a
    // laptop at 200 %): the title keeps one line. On a phone at 200 % a
    // routine's name took four, and the side and the seconds left had no room.
    if (!sideways) topBar(title, true, false, {}, display.y < 25.0f * em);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // A phone on its side with large text: the height is what is short, so
    // the controls go in a column beside the words (drawPlayerBeside). Only
    // where the column holds the time and two rows of controls, and not for
    // "Stop?", which needs a row.
    const bool landscape = avail.x > avail.y * 1.5f;
    const float columnH = ImGui::GetTextLineHeight() + 2.0f * ui.touch() + 3.0f * sp;
    if (seg && landscape && avail.y < 14.0f * em && avail.y >= columnH && !session.confirmingStop) {
        drawPlayerBeside(*seg, avail);
        return;
    }
    // Bottom first (progress, controls), so the middle gets what is left.
    // The four controls share one row when each can be 6 em wide; a landscape
    // window puts the shape beside the words even below 40 em.
    // A phone on its side: one row too (its height is what is short).
    const bool oneRow = avail.x >= 26.0f * em || landscape;
    // Large text on a phone: when a control's word no longer fits its button
    // on one line, Back, Skip and Stop become drawn symbols (the words would
    // break mid-way) and the two answers to "Stop?" stack.
    const ControlsLayout layout = controlsLayout(avail.x, oneRow);
    const float controlsH = playerControlsHeight(avail.x, oneRow, layout);
    // A short window (a phone on its side, large text): the time left goes
    // beside the bar, on one line, so the prompt keeps its lines.
    const float lineH = ImGui::GetTextLineHeight();
    // Also when a long prompt would leave no line for the side and the
    // seconds left: they come before the session's bar has its own row.
    const float roomFull = avail.y - controlsH - (0.6f * em + sp + lineH) - 2 * sp;
    const bool compactProgress =
        roomFull < 3.0f * lineH ||
        (seg && promptHeight(*seg, avail.x, roomFull) + sp + playerStatusHeight(*seg) > roomFull);
    const float progressH = compactProgress ? lineH : 0.6f * em + sp + lineH;
    // What the words and the visual share: never taller than what is left,
    // so the controls are never pushed off the bottom of the screen.
    const float room = std::max(0.0f, avail.y - controlsH - progressH - 2 * sp);
    const ImVec2 mainA = ImGui::GetCursorScreenPos();
    moreInControls = false;
    if (seg && room >= ui.floorPx()) drawPlayerMain(*seg, ImVec2(avail.x, room));
    ImGui::SetCursorScreenPos(ImVec2(mainA.x, mainA.y + room + sp));
    continueOnTapAnywhere(mainA, ImVec2(mainA.x + avail.x, mainA.y + room));
    // Even then no line for them (a very long prompt at 200 %): the side and
    // the seconds left take the session bar's place.
    if (compactProgress && seg && seg->kind != SegmentKind::Wait &&
        promptHeight(*seg, avail.x, room) + sp + playerStatusHeight(*seg) > room)
        drawPlayerStatus(*seg, avail.x);
    else
        drawSessionProgress(avail.x, compactProgress);
    drawPlayerControls(avail.x, oneRow, layout);
}

// How tall the prompt alone is laid out in `width` (the words' own rules).
float App::Impl::promptHeight(const Segment& seg, float width, float room) const {
    return layoutPlayerWords(seg, width, room, 0).promptW.height;
}

// The height the controls take: one or two rows of buttons, or "Stop?" and
// its answers while that is asked.
float App::Impl::playerControlsHeight(float width, bool oneRow, const ControlsLayout& layout) const {
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    const float rows = oneRow ? 1.0f : 2.0f;
    const float confirmRows = layout.stackConfirm ? 2.0f : 1.0f;
    if (session.confirmingStop && !oneRow)
        return ui.textHeight(tr("player.stop_ask", lang), ui.fonts().large, width) + sp +
               confirmRows * (ui.touch() + sp) - sp;
    return rows * ui.touch() + (rows - 1) * sp;
}

// A phone on its side with large text: the words and the visual take the
// whole height at the left; the time left tops a column at the right, the
// controls at its bottom, where a thumb holding the phone reaches them.
void App::Impl::drawPlayerBeside(const Segment& seg, ImVec2 avail) {
    const float em = ui.em();
    const float colW = std::floor(std::min(avail.x * 0.4f, 3.0f * ui.touch() + 2.0f * ImGui::GetStyle().ItemSpacing.x));
    const float mainW = avail.x - colW - 1.0f * em;
    const ImVec2 mainA = ImGui::GetCursorScreenPos();
    drawPlayerMain(seg, ImVec2(mainW, avail.y));
    continueOnTapAnywhere(mainA, ImVec2(mainA.x + mainW, mainA.y + avail.y));
    const float colX = mainA.x + avail.x - colW;
    const ControlsLayout layout = controlsLayout(colW, false);
    ImGui::SetCursorScreenPos(ImVec2(colX, mainA.y));
    ImGui::BeginGroup();
    // A prompt that takes the whole height leaves the side and the seconds
    // left no line beside it: they take the session bar's place.
    if (promptHeight(seg, mainW, avail.y) + ImGui::GetStyle().ItemSpacing.y + playerStatusHeight(seg) > avail.y &&
        seg.kind != SegmentKind::Wait)
        drawPlayerStatus(seg, colW);
    else
        drawSessionProgress(colW, true);
    ImGui::EndGroup();
    const float controlsY = mainA.y + avail.y - playerControlsHeight(colW, false, layout);
    ImGui::SetCursorScreenPos(ImVec2(colX, std::max(ImGui::GetCursorScreenPos().y, controlsY)));
    ImGui::BeginGroup();
    drawPlayerControls(colW, false, layout);
    ImGui::EndGroup();
}

// The visual and the words in `box`, by priority: the words first (the
// prompt whole), the visual in what is left; beside the words in a landscape
// window when they fit there.
void App::Impl::drawPlayerMain(const Segment& seg, ImVec2 box) {
    const float em = ui.em();
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImGuiWindowFlags still = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    // Below this the shape and its words cannot be read: one status line instead.
    const float minVisual = fontPx(ui.fonts().body) + 3.5f * em;
    const float statusH = playerStatusHeight(seg);
    if (wide || box.x > box.y * 1.2f) {
        const float visW = std::min(box.y, box.x * 0.45f);
        const float wordsW = box.x - visW - 1.5f * em;
        const PlayerWords w = layoutPlayerWords(seg, wordsW, box.y, 0);
        // Beside the visual only when no word of the prompt has to break,
        // and the prompt keeps the person's text size (a narrow column at
        // 200 % would shrink it: then the visual gives way instead).
        bool whole = w.promptW.size >= fontPx(ui.fonts().body) - 0.5f;
        for (const WrappedLine& l : w.promptW.lines)
            whole = whole && (l.after == '\0' || l.after == ' ' || l.after == '\n');
        if (w.fits && whole && visW >= minVisual && w.tipShown == !w.tip.empty()) {
            ImGui::BeginChild("visual", ImVec2(visW, box.y), false, still);
            drawPlayerVisual(seg, ImGui::GetCursorScreenPos());
            ImGui::EndChild();
            ImGui::SetCursorScreenPos(ImVec2(origin.x + visW + 1.5f * em, origin.y));
            ImGui::BeginChild("prompt", ImVec2(wordsW, box.y), false, still);
            drawPlayerWords(w, wordsW);
            ImGui::EndChild();
            return;
        }
    }
    // The tip never takes the visual's room: it folds behind "More" first.
    const PlayerWords w = layoutPlayerWords(seg, box.x, box.y, minVisual + sp);
    const float visH = box.y - w.height - sp;
    if (!w.fits) {
        // Even the prompt alone is taller than the room (a hostile pack, a
        // phone on its side at 200 %): the words scroll, the last resort.
        // A drag scrolls them where a scroll region fits (a fingertip tall).
        if (box.y >= ui.touch()) {
            ui.beginScroll("prompt", box.y, box.x);
            drawPlayerWords(w, box.x);
            ui.endScroll();
        } else {
            ImGui::BeginChild("prompt", ImVec2(box.x, box.y), false, ImGuiWindowFlags_NoScrollbar);
            drawPlayerWords(w, box.x);
            ImGui::EndChild();
        }
        return;
    }
    if (visH >= minVisual && (w.tip.empty() || tipOpenStep != seg.step)) {
        ImGui::BeginChild("visual", ImVec2(box.x, std::min(visH, box.x + 4.0f * em)), false, still);
        drawPlayerVisual(seg, ImGui::GetCursorScreenPos());
        ImGui::EndChild();
    } else if (visH >= statusH) {
        drawPlayerStatus(seg, box.x);
    }
    // The words sit under the visual, the rest of the room below them.
    ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(ImGui::GetCursorScreenPos().y, origin.y)));
    ImGui::BeginChild("prompt", ImVec2(box.x, std::max(1.0f, origin.y + box.y - ImGui::GetCursorScreenPos().y)), false,
                      still);
    drawPlayerWords(w, box.x);
    ImGui::EndChild();
}

// The whole session: a calm bar and the time left.
void App::Impl::drawSessionProgress(float width, bool oneLine) {
    const Player& p = *session.player;
    const float em = ui.em();
    const ImVec2 b0 = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float barH = 0.6f * em;
    const float frac = static_cast<float>(std::clamp(p.overallProgress(now), 0.0, 1.0));
    const std::string left = trf("player.left", lang, {{"t", formatClock(p.timeLeftMs(now))}});
    if (oneLine) {
        // The bar, then the time left at its right, on one line.
        const float lineH = ImGui::GetTextLineHeight();
        const float tw = ImGui::CalcTextSize(left.c_str()).x;
        const float barW = std::max(1.0f * em, width - tw - 0.8f * em);
        const ImVec2 c0(b0.x, b0.y + (lineH - barH) * 0.5f);
        dl->AddRectFilled(c0, ImVec2(c0.x + barW, c0.y + barH), pal().track, barH * 0.5f);
        if (frac > 0) dl->AddRectFilled(c0, ImVec2(c0.x + barW * frac, c0.y + barH), pal().accent, barH * 0.5f);
        ui.hotRect("progress-bar", c0, ImVec2(c0.x + barW, c0.y + barH));
        dl->AddText(ImVec2(b0.x + width - tw, b0.y), pal().textMuted, left.c_str());
        ImGui::Dummy(ImVec2(width, lineH));
        return;
    }
    dl->AddRectFilled(b0, ImVec2(b0.x + width, b0.y + barH), pal().track, barH * 0.5f);
    if (frac > 0) dl->AddRectFilled(b0, ImVec2(b0.x + width * frac, b0.y + barH), pal().accent, barH * 0.5f);
    ui.hotRect("progress-bar", b0, ImVec2(b0.x + width, b0.y + barH));  // not a button: for tests
    ImGui::Dummy(ImVec2(width, barH));
    ui.text(left, nullptr, pal().textMuted);
}

//-----------------------------------------------------------------------------
// [SECTION] End screen
//-----------------------------------------------------------------------------
void App::Impl::drawEnd() {
    Player& p = *session.player;
    topBar(session.routine ? session.routine->title.get(lang) : p.timeline().routineId, true);
    const float em = ui.em();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float colW = wide ? std::min(avail.x, 36.0f * em) : avail.x;
    const float x0 = ImGui::GetCursorPosX() + (avail.x - colW) * 0.5f;
    ImGui::SetCursorPosX(x0);
    ui.beginScroll("end", avail.y - ui.touch() - ImGui::GetStyle().ItemSpacing.y, colW);
    // A soft disc with a drawn check mark: a calm "done", no fanfare. Left
    // out in a short window (a phone on its side at large text), where it
    // would push the words themselves below the fold.
    if (ImGui::GetIO().DisplaySize.y >= kShortWindowEm * em) {
        ImGui::Dummy(ImVec2(0, 1.0f * em));
        const float r = 2.2f * em;
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        const ImVec2 c(p0.x + colW * 0.5f, p0.y + r);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddCircleFilled(c, r, pal().accentTint, 48);
        const ImVec2 pts[3] = {ImVec2(c.x - 0.9f * em, c.y + 0.05f * em), ImVec2(c.x - 0.25f * em, c.y + 0.7f * em),
                               ImVec2(c.x + 1.0f * em, c.y - 0.6f * em)};
        dl->AddPolyline(pts, 3, pal().accent, ImDrawFlags_None, std::max(3.0f, 0.25f * em));
        ImGui::Dummy(ImVec2(colW, 2 * r + 0.5f * em));
    }
    ui.text(tr("end.title", lang), ui.fonts().large, pal().accent);
    const std::int64_t practised = ceilSeconds(p.elapsedRunningMs(now));
    ui.text(trf("end.practised", lang, {{"t", formatDurationHuman(practised)}}));
    if (p.finishedEarly()) ui.text(tr("end.early", lang), nullptr, pal().textMuted);
    // The journal: pain after (the same picker as before), and a short note.
    if (settings.askPain) {
        ImGui::Dummy(ImVec2(0, 0.5f * em));
        ui.text(tr("pain.after", lang), ui.fonts().large);
        if (session.painBefore)
            ui.text(trf("pain.before_was", lang, {{"n", std::to_string(*session.painBefore)}}), nullptr,
                    pal().textMuted);
        if (std::optional<int> v = painPicker("pain-after:", session.painAfter, 0)) {
            // Tapping the chosen number again clears it.
            (void)session.setPainAfter(session.painAfter == v ? std::nullopt : v);  // v is from the picker: in range
            changed();
        }
    }
    ImGui::Dummy(ImVec2(0, 0.5f * em));
    ui.text(tr("end.note", lang));
    {
        // A fingertip-tall field: the frame padding makes up the height.
        const float padY = std::max(0.5f * em, (ui.touch() - ImGui::GetFontSize()) * 0.5f);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.7f * em, padY));
        ImGui::SetNextItemWidth(-FLT_MIN);
        char buf[281];
        const std::size_t len = std::min(session.note.size(), sizeof buf - 1);
        session.note.copy(buf, len);
        buf[len] = '\0';
        if (ImGui::InputTextWithHint("##note", tr("end.note_hint", lang), buf, sizeof buf)) session.editNote(buf);
        ui.hot("note");
        if (ImGui::IsItemDeactivatedAfterEdit()) session.saveNote();
        ImGui::PopStyleVar();
    }
    ImGui::Dummy(ImVec2(0, 0.5f * em));
    safetyFooter(0);
    ui.endScroll();
    ImGui::SetCursorPosX(x0);
    if (ui.button("done", tr("end.done", lang), colW, Tone::Primary, ui.fonts().large)) {
        // Back on the card, a short word that the session is kept.
        savedNoticeFor = session.recorded && session.routine ? session.routine->id : std::string();
        later.push_back([this] { pop(); });
    }
}

}  // namespace unknot::ui
