// What a screen reader hears, and what the page's tests read: the canvas has
// no words of its own, so after every frame the web shell compares what the
// app shows with what it showed and tells the page what changed.
//
// - document.title: "Unknot", or "<screen title> · Unknot" on the other screens;
// - the live region: each new step's prompt with its side, and "Session
//   finished" when the end screen comes;
// - window.unknot.state: the screen name and its hotspots (ids and
//   rectangles in CSS pixels), as `unknot --trace` writes them on the desktop.
//
// The words (announcementsFor) are a pure function of two snapshots, tested
// natively in tests/web/test_web_announce.cpp.
#pragma once

#include "unknot/model.hpp"
#include "unknot/ui/app.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace unknot::platform::web {

// What the app shows, as far as a listener cares.
struct Snapshot {
    std::string screen;        // App::screenName()
    std::string lang;          // App::language()
    std::string routineTitle;  // the session's routine, while one is open
    int step = 0;              // the current segment's step (0: none)
    Side side = Side::None;
    std::string prompt;  // the step's words in `lang`
};

struct Announcements {
    std::string title;                // document.title when it changes, else ""
    std::vector<std::string> spoken;  // for the live region, in order
};

Snapshot snapshotOf(const ui::App& app, const Library* library);
// `before` is the previous frame's snapshot (default-constructed at start).
Announcements announcementsFor(const Snapshot& before, const Snapshot& now);
// The title the page carries on `screen` (in the app's language).
std::string documentTitle(const Snapshot& s);
// window.unknot.state's JSON for the screen and its hotspots.
std::string stateJson(const std::string& screen, const std::vector<ui::Hotspot>& hotspots);

}  // namespace unknot::platform::web
