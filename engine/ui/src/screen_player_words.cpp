// The player's words and the ways on from a tap step.
//
// The prompt is the most important text on the screen: a person mid-exercise
// cannot scroll a box. So the player lays out by priority: the prompt whole
// first, then the side and the seconds left, then the controls (pinned by
// drawPlayer), then the visual, which shrinks or gives way to one status
// line. The tip folds behind "More" when it would squeeze the visual out, and
// "Next:" keeps one line, shortened.
//
// [SECTION] Laying out the words
// [SECTION] Drawing the words
// [SECTION] The status line (in place of the visual)
// [SECTION] Tap anywhere, Space, Enter, play/pause
#include "app_impl.hpp"

#include "unknot/ui/strings.hpp"

#include <algorithm>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Laying out the words
//-----------------------------------------------------------------------------
static const char* sideKey(Side s) { return s == Side::Left ? "player.side_left" : "player.side_right"; }

// "Next: ..." names what really comes next: within one step, the side (not
// the same words again); after a switch, the hold on the new side.
std::string App::Impl::playerNextText(const Segment& seg) const {
    const Player& p = *session.player;
    const auto& segs = p.timeline().segments;
    const std::size_t i = p.currentIndex();
    if (i + 1 >= segs.size()) return tr("player.last", lang);
    const Segment& nx = segs[i + 1];
    std::string what;
    if (nx.kind == SegmentKind::Switch)
        what = tr("player.switch", lang);
    else if (seg.kind == SegmentKind::Switch && nx.side != Side::None)
        what = trf("player.next_side", lang, {{"s", nx.say.get(lang)}, {"side", tr(sideKey(nx.side), lang)}});
    else if (nx.step == seg.step && nx.side != Side::None)
        what = tr(nx.side == Side::Left ? "common.left" : "common.right", lang);
    else if (const Segment* np = p.next())
        what = np->say.get(lang);
    else
        return tr("player.last", lang);
    return trf("player.next", lang, {{"s", what}});
}

// `room`: the height the words and the visual share; `keepForVisual`: what
// the visual (or its status line) needs at least, which the tip never takes.
App::Impl::PlayerWords App::Impl::layoutPlayerWords(const Segment& seg, float width, float room,
                                                    float keepForVisual) const {
    const Fonts& f = ui.fonts();
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    PlayerWords w;
    const bool sw = seg.kind == SegmentKind::Switch;
    if (sw) {
        // The side that comes now, in large words: the ring says "switch".
        const auto& segs = session.player->timeline().segments;
        const std::size_t i = session.player->currentIndex();
        const Side side = i + 1 < segs.size() ? segs[i + 1].side : Side::None;
        w.prompt = side == Side::None ? std::string(tr("player.switch", lang))
                                      : trf("player.now_side", lang, {{"s", tr(sideKey(side), lang)}});
    } else if (tipInsteadStep == seg.step && !seg.tip.empty()) {
        // Opened from the controls: no room for both, so the tip stands in
        // the prompt's place until "Less" (the prompt was read, or heard).
        w.prompt = seg.tip.get(lang);
        w.tipInstead = true;
    } else {
        w.prompt = seg.say.get(lang);
    }
    w.promptCol = sw ? pal().sand : pal().text;
    // Large when it leaves at least half the room; the body size otherwise.
    w.font = f.large;
    w.promptW = ui.wrap(w.prompt, f.large, width);
    if (w.promptW.height > room * 0.5f || w.promptW.size < fontPx(f.body)) {
        w.font = f.body;
        w.promptW = ui.wrap(w.prompt, f.body, width);
    }
    // Still taller than the room (a phone on its side at 200 %): smaller, in
    // steps, down to the floor, before the words would have to scroll.
    for (float size = w.promptW.size * 0.92f; w.promptW.height > room && size >= ui.floorPx(); size *= 0.92f)
        w.promptW = wrapWords(f.body, size, cappedText(w.prompt), width);
    w.height = w.promptW.height;
    w.fits = w.height <= room;
    const float lineH = ImGui::GetTextLineHeight();
    w.next = playerNextText(seg);
    // The side and the seconds left (the status line, which stands in for
    // the visual when it has no room) come first; then the tip or the "More"
    // that opens it (a tip may hold a caution: it must stay reachable); then
    // "Next:", the first to give way.
    const float keepStatus = std::min(keepForVisual, playerStatusHeight(seg) + sp);
    if (!sw && !seg.tip.empty() && !w.tipInstead) {
        w.tip = seg.tip.get(lang);
        w.tipW = ui.wrap(w.tip, f.body, width);
        const bool open = tipOpenStep == seg.step;
        const float left = room - w.height - keepForVisual - sp - lineH;  // "Next:" after it, when it can
        if (open || w.tipW.height + sp <= left) {
            w.tipShown = w.height + sp + w.tipW.height <= room;
            if (w.tipShown) w.height += sp + w.tipW.height;
        }
        // Folded (or unfolded by a tap): a "More" / "Less" under the prompt.
        w.moreShown = (open || !w.tipShown) && w.height + sp + ui.touch() <= room - keepStatus;
        if (w.moreShown) w.height += sp + ui.touch();
    }
    w.nextShown = w.height + sp + lineH <= room - keepStatus;
    if (w.nextShown) w.height += sp + lineH;
    return w;
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing the words
//-----------------------------------------------------------------------------
void App::Impl::drawPlayerWords(const PlayerWords& w, float width) {
    // The tip is neither shown nor one tap away under the prompt: the
    // controls carry "More" (or "Less", while the tip stands in).
    moreInControls = w.tipInstead || (!w.tip.empty() && !w.tipShown && !w.moreShown);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto block = [&](ImFont* font, const Wrapped& t, ImU32 col) {
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(width, t.height));
        ui.drawWrapped(dl, font, t, p0, col);
    };
    block(w.font, w.promptW, w.promptCol);
    if (w.tipShown) block(ui.fonts().body, w.tipW, pal().textMuted);
    if (w.moreShown) {
        const bool open = w.tipShown;
        const float bw = std::min(width, ImGui::CalcTextSize(tr("player.more", lang)).x + 3.0f * ui.em());
        if (ui.button("more", tr(open ? "player.less" : "player.more", lang), std::max(bw, ui.touch()), Tone::Quiet)) {
            tipOpenStep = open ? -1 : session.player->current()->step;
            changed();
        }
    }
    if (w.nextShown) {
        // One line, shortened if it must: drawn like every other piece of
        // text, so the tests read back what Next really says.
        const float size = ImGui::GetFontSize();
        block(ImGui::GetFont(),
              oneLine(ImGui::GetFont(), size, ellipsizeToWidth(w.next, ImGui::GetFont(), size, width)),
              pal().textMuted);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The status line
//-----------------------------------------------------------------------------
float App::Impl::playerStatusHeight(const Segment& seg) const {
    return seg.kind == SegmentKind::Wait ? ui.touch() : ImGui::GetTextLineHeight();
}

// The side (or the breath's phase) and the seconds left on one line; a tap
// step's Continue. What the visual would have said, when it has no room.
void App::Impl::drawPlayerStatus(const Segment& seg, float width) {
    const Player& p = *session.player;
    if (seg.kind == SegmentKind::Wait) {
        if (ui.button("continue", tr("player.continue", lang), width, Tone::Primary)) {
            session.continueAfterTap(now);
            changed();
        }
        return;
    }
    std::string what;
    if (p.state() == PlayerState::Paused)
        what = tr("player.paused", lang);
    else if (seg.kind == SegmentKind::Switch)
        what = tr("player.switch", lang);
    else if (seg.side != Side::None)
        what = tr(seg.side == Side::Left ? "common.left" : "common.right", lang);
    else if (seg.kind == SegmentKind::Breath)
        what = tr(seg.phase == BreathPhase::Inhale   ? "player.breathe_in"
                  : seg.phase == BreathPhase::Hold   ? "player.hold"
                  : seg.phase == BreathPhase::Exhale ? "player.breathe_out"
                                                     : "player.rest",
                  lang);
    const std::string clock = formatCountdown(p.segmentLeftMs(now));
    const std::string line = what.empty() ? clock : what + "  \xc2\xb7  " + clock;  // a middle dot between
    // One line, centred, drawn as laid-out text so tests read it back.
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float size = ImGui::GetFontSize();
    const Wrapped one = oneLine(ImGui::GetFont(), size, ellipsizeToWidth(line, ImGui::GetFont(), size, width));
    ui.drawWrapped(ImGui::GetWindowDrawList(), ImGui::GetFont(), one, p0,
                   seg.kind == SegmentKind::Switch ? pal().sand : pal().accent, width);
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
}

//-----------------------------------------------------------------------------
// [SECTION] Tap anywhere, Space, Enter, play/pause
//-----------------------------------------------------------------------------
// The SDL shell's Dear ImGui backend writes io.KeysDown[scancode]: Space and
// Enter through io.KeyMap, and a headset's play/pause button arrives as
// SDL_SCANCODE_AUDIOPLAY (261 in SDL 2; this library never includes SDL).
static constexpr int kScancodeAudioPlay = 261;

static bool continueKeyPressed() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return false;
    for (const ImGuiKey k : {ImGuiKey_Space, ImGuiKey_Enter, ImGuiKey_KeyPadEnter}) {
        const int index = ImGui::GetKeyIndex(k);
        if (index >= 0 && ImGui::IsKeyPressed(index, false)) return true;
    }
    return ImGui::IsKeyPressed(kScancodeAudioPlay, false);
}

// [a, b]: the player's area above the progress bar and the controls.
void App::Impl::continueOnTapAnywhere(ImVec2 a, ImVec2 b) {
    if (!session.player || session.player->state() != PlayerState::WaitingForTap || session.confirmingStop) return;
    const ImGuiIO& io = ImGui::GetIO();
    auto inside = [&](ImVec2 q) { return q.x >= a.x && q.x <= b.x && q.y >= a.y && q.y <= b.y; };
    // A tap: pressed and released inside, on no button (Continue and More
    // answer for themselves), and not a drag.
    const bool tapped = ImGui::IsMouseReleased(ImGuiMouseButton_Left) && inside(io.MousePos) &&
                        inside(io.MouseClickedPos[ImGuiMouseButton_Left]) && !ImGui::IsAnyItemHovered() &&
                        !ui.dragging() && io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < ui.em() * ui.em();
    if (tapped || continueKeyPressed()) {
        session.continueAfterTap(now);
        changed();
    }
}

}  // namespace unknot::ui
