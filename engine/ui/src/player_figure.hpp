// The step's figure in the player: where it goes in the visual box and how it
// is drawn there. The visual box is already only what the prompt left (the
// words are laid out first, screen_player.cpp), so the figure takes its room
// from the countdown shape's box, never from the words: it shrinks, then
// hides, before the shape becomes unreadable.
#pragma once

#include "figure_draw.hpp"

#include "unknot/timeline.hpp"

#include <imgui.h>

namespace unknot::ui {

// Where the figure goes in a visual box of `size`: above the shape in a tall
// box, beside it (on the left) in a wide one, or nowhere (shown == false)
// when the box cannot hold both. `rest` is the part left for the shape.
struct PlayerFigureSlot {
    bool shown = false;
    ImVec2 min, max;    // the figure's square
    ImVec2 restOrigin;  // the shape's box: its top-left corner
};
PlayerFigureSlot playerFigureSlot(ImVec2 origin, ImVec2 size, float em);

// Draws the figure of `seg` (if it has one and is not a breath, which keeps
// its breathing shape) at the session's position, in the current window's
// box from `origin`, records it as the "figure" rectangle (tests find it
// there), and moves the cursor to the box left for the shape. Returns that
// box's top-left corner (`origin` when nothing was drawn).
//
// The body's keyframe motion (a lean over seconds) is composed at the start
// of each kPlayerBodyStepMs of the segment: it then moves about a pixel a
// step at phone size, and in between the still figure is drawn again from
// its vertices (`cache`). The motion mark (a bob of a few pixels, a ring
// turning once in 2 s) moves in steps of kPlayerMarkStepMs, 20 a second, and
// is drawn again from its vertices within a step. A switch's turn follows
// the clock exactly. The colours are worked out once per theme (`palette`).
inline constexpr std::int64_t kPlayerBodyStepMs = 100;
inline constexpr std::int64_t kPlayerMarkStepMs = 50;
struct PlayerFigureCache {
    FigureVertexCache vertices;
    FigurePaletteCache palette;
    // The shapes composed for one body step, kept while it lasts (a content
    // reload brings a new book: its poses may have changed).
    const FigureBook* book = nullptr;
    const StepFigure* figure = nullptr;
    std::int64_t stepStartMs = -1, segmentStartMs = -1;
    bool mirrored = false, reducedMotion = false;
    FigureShapes shapes;
};
ImVec2 placePlayerFigure(Widgets& ui, const FigureBook& book, const Segment& seg, std::int64_t positionMs,
                         bool reducedMotion, ImVec2 origin, PlayerFigureCache& cache);

}  // namespace unknot::ui
