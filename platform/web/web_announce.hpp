// What a screen reader hears, and what the page's tests read: the canvas has
// no words of its own, so after every frame the web shell compares what the
// app shows with what it showed and tells the page what changed.
//
// - document.title: "Unknot" at Home, else "<screen title> · Unknot" (a
//   card's and a session's title is the routine's, an area's list the area's);
// - the live region: each new step's prompt with its side, and "Session
//   finished" when the end screen comes;
// - window.unknot.state: the screen name and its hotspots (ids and
//   rectangles in CSS pixels), as `unknot --trace` writes them on the desktop,
//   and the words drawn.
//
// The words (announcementsFor) are a pure function of two snapshots, tested
// natively in tests/web/test_web_announce.cpp.
#pragma once

#include "unknot/model.hpp"
#include "unknot/ui/app.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace unknot::platform::web {

// What the app shows, as far as a listener cares.
struct Snapshot {
    std::string screen;        // App::screenName()
    std::string lang;          // App::language()
    std::string routineTitle;  // the session's routine, or the card's
    std::string areaTitle;     // the area a list shows ("" : all routines)
    int step = 0;              // the current segment's step (0: none)
    Side side = Side::None;
    std::string prompt;  // the step's words in `lang`
};

struct Announcements {
    std::string title;                // document.title when it changes, else ""
    std::vector<std::string> spoken;  // for the live region, in order
};

Snapshot snapshotOf(const ui::App& app, const Library* library);
// The title the top bar shows, found among the frame's first lines of text
// (`lines`, App::textLines): the first of `candidates` it matches, whole or
// shortened by an ellipsis; "" when none. How a card's routine and a list's
// area are known: the app's screen name does not carry them.
std::string headingAmong(const std::vector<ui::TextLine>& lines, const std::vector<std::string>& candidates);
// `before` is the previous frame's snapshot (default-constructed at start).
Announcements announcementsFor(const Snapshot& before, const Snapshot& now);
// The title the page carries on `screen` (in the app's language).
std::string documentTitle(const Snapshot& s);
// window.unknot.state's JSON for the screen and its hotspots, and, given the
// frame's lines of text, "text": each piece of text drawn, its wrapped lines
// joined (tests look for what a screen says: Settings' "no voice" line).
std::string stateJson(const std::string& screen, const std::vector<ui::Hotspot>& hotspots,
                      const std::vector<ui::TextLine>& lines = {});
// The frame's pieces of text, each one's wrapped lines joined into one string.
std::vector<std::string> textPieces(const std::vector<ui::TextLine>& lines, std::size_t maxPieces = SIZE_MAX);

}  // namespace unknot::platform::web
