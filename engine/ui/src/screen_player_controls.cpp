// The player's controls (see screen_player.cpp for the rest of the player):
// Back, Pause or Resume, Skip and Stop, as words or drawn symbols, in one row
// or two; "Stop?" and its answers; and the tip's "More" when it has no room
// under the prompt.
//
// [SECTION] Controls (pause/resume, back, skip, stop with a confirm, More)
#include "app_impl.hpp"

#include "unknot/ui/strings.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Controls
//-----------------------------------------------------------------------------
App::Impl::ControlsLayout App::Impl::controlsLayout(float width, bool oneRow) const {
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    const float em = ui.em();
    // A word fits a button when it and the smallest padding fit on one line.
    auto fits = [&](const char* key, float w) { return ImGui::CalcTextSize(tr(key, lang)).x + 0.7f * em <= w; };
    ControlsLayout l;
    const float half = (width - sp) * 0.5f;
    l.stackConfirm = !oneRow && !(fits("player.stop_cancel", half) && fits("player.stop_confirm", half));
    if (oneRow) return l;
    const float side = std::floor((width - 2 * sp) * 0.28f);
    const float middle = width - 2 * sp - 2 * side;
    l.symbols = !(fits("player.back", side) && fits("player.skip", side) && fits("player.pause", middle) &&
                  fits("player.resume", middle));
    return l;
}

// Drawn symbols for the controls when their words do not fit: |◀ back, ▶|
// skip, ■ stop. Centred on `c`, `s` half the symbol's size.
static void controlSymbol(ImDrawList* dl, const std::string& which, ImVec2 c, float s, ImU32 col) {
    const float bar = std::max(2.0f, s * 0.22f);
    if (which == "back") {
        dl->AddRectFilled(ImVec2(c.x - s, c.y - s), ImVec2(c.x - s + bar, c.y + s), col);
        dl->AddTriangleFilled(ImVec2(c.x + s, c.y - s), ImVec2(c.x + s, c.y + s), ImVec2(c.x - s + bar, c.y), col);
    } else if (which == "skip") {
        dl->AddRectFilled(ImVec2(c.x + s - bar, c.y - s), ImVec2(c.x + s, c.y + s), col);
        dl->AddTriangleFilled(ImVec2(c.x - s, c.y - s), ImVec2(c.x + s - bar, c.y), ImVec2(c.x - s, c.y + s), col);
    } else {
        dl->AddRectFilled(ImVec2(c.x - s * 0.85f, c.y - s * 0.85f), ImVec2(c.x + s * 0.85f, c.y + s * 0.85f), col,
                          s * 0.15f);
    }
}

// "i" for the tip's "More" among the symbols: a dot over a bar, in a ring.
static void infoSymbol(ImDrawList* dl, ImVec2 c, float s, ImU32 col) {
    const float stroke = std::max(2.0f, s * 0.18f);
    dl->AddCircle(c, s * 1.15f, col, 32, stroke);
    dl->AddCircleFilled(ImVec2(c.x, c.y - s * 0.5f), stroke * 0.75f, col);
    dl->AddRectFilled(ImVec2(c.x - stroke * 0.5f, c.y - s * 0.15f), ImVec2(c.x + stroke * 0.5f, c.y + s * 0.65f), col);
}

// "Stop?" and its two answers in the controls' place, while it is asked:
// Keep going (the safe, primary answer) and Stop. False when not asked.
bool App::Impl::drawStopQuestion(float width, bool oneRow, const ControlsLayout& layout) {
    if (!session.confirmingStop) return false;
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    const Fonts& f = ui.fonts();
    auto confirmButtons = [&](float w) {
        if (ui.button("stop-cancel", tr("player.stop_cancel", lang), w, Tone::Primary)) {
            cancelStop();
            changed();
        }
        if (!layout.stackConfirm || oneRow) ImGui::SameLine(0, sp);
        if (ui.button("stop-confirm", tr("player.stop_confirm", lang), w, Tone::Caution)) {
            session.confirmStop(now);
            changed();
        }
    };
    if (oneRow) {
        // One row: the question, then its two answers.
        const std::string ask = tr("player.stop_ask", lang);
        const float bw = std::floor((width - 3 * sp) / 4);
        const float tw = width - 2 * (bw + sp);
        ImFont* font = ui.textHeight(ask, f.large, tw) <= ui.touch() ? f.large : f.body;
        const Wrapped aw = ui.wrap(ask, font, tw);
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        ui.drawWrapped(ImGui::GetWindowDrawList(), font, aw, ImVec2(p0.x, p0.y + (ui.touch() - aw.height) * 0.5f),
                       pal().text);
        ImGui::Dummy(ImVec2(tw, ui.touch()));
        ImGui::SameLine(0, sp);
        confirmButtons(bw);
        return true;
    }
    ui.text(tr("player.stop_ask", lang), f.large);
    confirmButtons(layout.stackConfirm ? width : (width - sp) * 0.5f);
    return true;
}

namespace {
// The four controls, each drawn at the width it is given.
struct ControlButtons {
    std::function<void(float)> back, main, skip, stop;
    std::function<void(float)> more;  // null unless the tip's "More" has no room under the prompt
    float moreW = 0;
};

// The last button of the second row (words, not symbols), and "More" beside
// it when it has no room under the prompt.
void lastInRow(const std::function<void(float)>& last, const ControlButtons& b, float width) {
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    if (!b.more) {
        last(width);
        return;
    }
    last(width - b.moreW - sp);
    ImGui::SameLine(0, sp);
    b.more(b.moreW);
}

// Where the controls go: one row of four, or two rows (Back, the main
// control and Skip, then Stop), or symbols with the main control alone.
void arrangeControls(const ControlButtons& b, float width, bool oneRow, bool symbols, PlayerState st) {
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    const bool waiting = st == PlayerState::WaitingForTap;
    if (symbols || (waiting && oneRow)) {
        // Back, Skip and Stop share one row. With symbols the main control
        // follows alone, full width ("Reprendre" at 200% needs the whole
        // line); while waiting, Continue (in the visual) is the way on.
        // With symbols, "More" (when it has no room under the prompt) is a
        // fourth symbol here: beside the main control its word would not fit.
        const bool four = symbols && b.more;
        const float n = four ? 4.0f : 3.0f;
        const float w = std::floor((width - (n - 1) * sp) / n);
        b.back(w);
        ImGui::SameLine(0, sp);
        b.skip(w);
        ImGui::SameLine(0, sp);
        if (four) {
            b.more(w);
            ImGui::SameLine(0, sp);
        }
        b.stop(width - (n - 1) * (w + sp));
        if (symbols && !waiting) b.main(width);
    } else if (waiting) {
        // Two rows as while running, Stop in its usual place at the bottom.
        const float w = std::floor((width - sp) / 2);
        b.back(w);
        ImGui::SameLine(0, sp);
        b.skip(width - w - sp);
        lastInRow(b.stop, b, width);
    } else if (oneRow) {
        const float w = std::floor((width - 3 * sp) / 4);
        b.back(w);
        ImGui::SameLine(0, sp);
        b.main(w);
        ImGui::SameLine(0, sp);
        b.skip(w);
        ImGui::SameLine(0, sp);
        b.stop(w);
    } else {
        const float side = std::floor((width - 2 * sp) * 0.28f);
        const float middle = width - 2 * sp - 2 * side;
        b.back(side);
        ImGui::SameLine(0, sp);
        b.main(middle);
        ImGui::SameLine(0, sp);
        b.skip(side);
        lastInRow(b.stop, b, width);
    }
}
}  // namespace

void App::Impl::drawPlayerControls(float width, bool oneRow, const ControlsLayout& layout) {
    if (drawStopQuestion(width, oneRow, layout)) return;
    const Player& p = *session.player;
    const PlayerState st = p.state();
    // A symbol button: the word stays in the hotspot and the trace, the
    // symbol is drawn over an empty button.
    auto symbolic = [&](const char* id, const char* key, float w) {
        if (!layout.symbols) return ui.button(id, tr(key, lang), w, Tone::Quiet);
        const bool tapped = ui.button(id, "", w, Tone::Quiet);
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        controlSymbol(ImGui::GetWindowDrawList(), id, ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f),
                      std::min(b.y - a.y, b.x - a.x) * 0.2f, pal().text);
        return tapped;
    };
    ControlButtons b;
    b.back = [&](float w) {
        if (symbolic("back", "player.back", w)) {
            session.back(now);
            changed();
        }
    };
    b.main = [&](float w) {
        if (st == PlayerState::Paused) {
            if (ui.button("resume", tr("player.resume", lang), w, Tone::Primary)) {
                session.resume(now);
                changed();
            }
        } else if (st == PlayerState::Running) {
            if (ui.button("pause", tr("player.pause", lang), w, Tone::Primary)) {
                session.pause(now);
                changed();
            }
        }
    };
    b.skip = [&](float w) {
        if (symbolic("skip", "player.skip", w)) {
            session.skip(now);
            changed();
        }
    };
    b.stop = [&](float w) {
        if (symbolic("stop", "player.stop", w)) {
            askStop();
            changed();
        }
    };
    // One row (a wide window) has room for "More" under the prompt.
    if (moreInControls && !oneRow) {
        const Segment* seg = p.current();
        const int step = seg ? seg->step : -1;
        const bool instead = tipInsteadStep == step;
        const char* key = instead ? "player.less" : "player.more";
        const float words =
            std::max(ImGui::CalcTextSize(tr("player.more", lang)).x, ImGui::CalcTextSize(tr("player.less", lang)).x);
        b.moreW = std::min(std::floor(width * 0.45f), std::max(ui.touch(), words + 1.4f * ui.em()));
        b.more = [&, key, instead, step](float w) {
            // A symbol among symbols: "i", marked while the tip stands in.
            const bool tapped = layout.symbols ? ui.button("more", "", w, instead ? Tone::Primary : Tone::Quiet)
                                               : ui.button("more", tr(key, lang), w, Tone::Quiet);
            if (layout.symbols) {
                const ImVec2 a = ImGui::GetItemRectMin(), c = ImGui::GetItemRectMax();
                infoSymbol(ImGui::GetWindowDrawList(), ImVec2((a.x + c.x) * 0.5f, (a.y + c.y) * 0.5f),
                           std::min(c.y - a.y, c.x - a.x) * 0.2f, instead ? pal().onAccent : pal().text);
            }
            if (tapped) {
                tipInsteadStep = instead ? -1 : step;
                changed();
            }
        };
    }
    arrangeControls(b, width, oneRow, layout.symbols, st);
}

}  // namespace unknot::ui
