// Drawing a step's figure with ImDrawList: soft rounded limbs in the theme's
// colours, props, a glow on the spot being worked and a motion mark.
//
// A pure function of (figure, time, box, palette): the shapes come from
// composeFigure() (unknot/figure.hpp), which takes the time as a number, so
// the same moment gives the same vertices, a paused session (whose time
// stands still) draws a still figure, and reduced motion draws the end pose
// with no mark moving. A left-side segment is drawn as the exact mirror of
// the right (FigureTime::mirrored).
//
// The player draws the segment playing through segmentFigure()
// (unknot/timeline.hpp: the side, the keyframes and a switch's turn, from
// the session position) and drawFigureShapes(); see player_figure.cpp. The
// card draws a still end pose: drawFigure(..., FigureTime{0, 0, false, true}).
#pragma once

#include "widgets.hpp"

#include "unknot/figure.hpp"

#include <imgui.h>

namespace unknot::ui {

// The figure's colours, taken from a theme's palette. The body is mixed
// from the text colour toward the background, as light as it can be while
// keeping 3:1 against the background (WCAG's minimum for graphics).
struct FigurePalette {
    ImU32 body;   // near limbs, torso, head
    ImU32 far;    // the far arm and leg (side view)
    ImU32 scene;  // wall, floor, chair
    ImU32 prop;   // what the person holds or leans on
    ImU32 glow;   // the spot being worked
    ImU32 mark;   // arrows, circles, pulses
    ImU32 gap;    // the background: a thin edge that parts an arm from the torso behind it
    bool operator==(const FigurePalette&) const = default;
};
FigurePalette figurePalette(const Palette& p);
// figurePalette() again only when a colour it reads changed: it searches
// each colour by contrast (hundreds of pow() calls), too dear for a frame.
class FigurePaletteCache {
public:
    const FigurePalette& of(const Palette& p);

private:
    bool valid_ = false;
    ImU32 from_[5] = {};  // bg, text, textMuted, sand, accent
    FigurePalette pal_{};
};

// WCAG contrast ratio of two opaque colours (1 to 21).
float contrastRatio(ImU32 a, ImU32 b);

// Draws `f` at `t`, the figure's square fitted and centred in [min, max] and
// clipped to it. Draws nothing for a pose the book does not hold.
void drawFigure(ImDrawList* dl, const FigureBook& book, const StepFigure& f, const FigureTime& t, ImVec2 min,
                ImVec2 max, const FigurePalette& pal);
// The same for shapes already composed.
void drawFigureShapes(ImDrawList* dl, const FigureShapes& s, ImVec2 min, ImVec2 max, const FigurePalette& pal);

// The still part of a figure (scene, body, glow, props: everything but the
// moving mark) drawn again from the vertices of its last drawing while
// nothing it depends on changed: the shapes, the box, the colours, the font
// atlas's white pixel and the draw list's anti-aliasing. The player draws
// the same still figure 60 times a second while a step plays; tessellating
// it each time cost as much as the rest of the player (bench/bench_figure).
// The replay writes exactly the vertices and indices a fresh drawing would
// (tests/core/test_figure_draw.cpp compares them). The mark is kept the same
// way for its kind and phase: the player steps its phase (player_figure.hpp)
// so that consecutive frames share one. One cache per place a figure is drawn.
class FigureVertexCache {
public:
    // drawFigureShapes(), with the still part from the cache when it can be.
    void draw(ImDrawList* dl, const FigureShapes& s, ImVec2 min, ImVec2 max, const FigurePalette& pal);
    int hits() const { return hits_; }  // replays so far (tests)

private:
    struct Key {
        FigureShapes still;  // the shapes drawn (their mark is not part of the key)
        ImVec2 min, max, uvWhite;
        FigurePalette pal;
        ImDrawListFlags flags = 0;
        float fringe = 1;
        bool matches(const FigureShapes& s, ImVec2 mn, ImVec2 mx, ImVec2 uv, const FigurePalette& p, ImDrawListFlags f,
                     float fr) const;
    };
    // What one part wrote into a draw list, its indices from its first vertex.
    struct Recording {
        bool valid = false;
        ImVector<ImDrawVert> vtx;
        ImVector<ImDrawIdx> idx;
        bool replay(ImDrawList* dl) const;
        template <class F>
        void record(ImDrawList* dl, F&& draw);
    };
    Key key_;
    Recording still_, mark_;
    MarkKind markKind_ = MarkKind::None;
    float markPhase_ = -1;
    int hits_ = 0;
};

}  // namespace unknot::ui
