// What the web page tells screen readers (platform/web/web_announce.cpp): the
// document title of each screen, each new step's words with its side, and
// "Session finished". Pure functions of two snapshots, tested natively.
#include "web_announce.hpp"

#include <catch2/catch.hpp>

using unknot::Side;
using unknot::platform::web::announcementsFor;
using unknot::platform::web::documentTitle;
using unknot::platform::web::headingAmong;
using unknot::platform::web::Snapshot;
using unknot::platform::web::stateJson;

namespace {
Snapshot at(const std::string& screen, int step = 0, Side side = Side::None, const std::string& prompt = "") {
    Snapshot s;
    s.screen = screen;
    s.lang = "en";
    s.routineTitle = "Neck release";
    s.step = step;
    s.side = side;
    s.prompt = prompt;
    return s;
}
}  // namespace

TEST_CASE("web: each screen's title is the document title, in the app's language") {
    CHECK(documentTitle(at("home")) == "Unknot");
    CHECK(documentTitle(at("safety")) == "Before you start · Unknot");
    CHECK(documentTitle(at("browse")) == "Where does it hurt? · Unknot");
    CHECK(documentTitle(at("player", 1)) == "Neck release · Unknot");
    CHECK(documentTitle(at("history")) == "History · Unknot");
    CHECK(documentTitle(at("problems")) == "Content problems · Unknot");
    CHECK(documentTitle(at("settings")) == "Settings · Unknot");
    // A card carries its routine's name; a list its area's, or "All routines".
    CHECK(documentTitle(at("card")) == "Neck release · Unknot");
    Snapshot list = at("list");
    CHECK(documentTitle(list) == "All routines · Unknot");
    list.areaTitle = "Neck";
    CHECK(documentTitle(list) == "Neck · Unknot");
    Snapshot fr = at("safety");
    fr.lang = "fr";
    CHECK(documentTitle(fr) == "Avant de commencer · Unknot");
    // A change of screen sets it; the same screen again does not.
    CHECK(announcementsFor(at("home"), at("browse")).title == "Where does it hurt? · Unknot");
    CHECK(announcementsFor(at("browse"), at("browse")).title.empty());
}

TEST_CASE("web: a new step's words are announced once, with the side first") {
    const Snapshot card = at("card");
    const Snapshot step1 = at("player", 1, Side::None, "Roll your shoulders.");
    auto a = announcementsFor(card, step1);
    REQUIRE(a.spoken.size() == 1);
    CHECK(a.spoken[0] == "Roll your shoulders.");
    // The same step on later frames: nothing more.
    CHECK(announcementsFor(step1, step1).spoken.empty());
    // The next step on the left, then the same step on the right.
    const Snapshot left = at("player", 2, Side::Left, "Tilt your head.");
    const Snapshot right = at("player", 2, Side::Right, "Tilt your head.");
    a = announcementsFor(step1, left);
    REQUIRE(a.spoken.size() == 1);
    CHECK(a.spoken[0] == "Left side. Tilt your head.");
    a = announcementsFor(left, right);
    REQUIRE(a.spoken.size() == 1);
    CHECK(a.spoken[0] == "Right side. Tilt your head.");
}

TEST_CASE("web: the end screen says the session is finished") {
    const auto a = announcementsFor(at("player", 3, Side::None, "Breathe."), at("end"));
    REQUIRE(a.spoken.size() == 1);
    CHECK(a.spoken[0] == "Session finished");
    CHECK(a.title == "Well done · Unknot");
    Snapshot fr = at("end");
    fr.lang = "fr";
    CHECK(announcementsFor(at("player", 3), fr).spoken.at(0) == "Séance terminée");
    CHECK(announcementsFor(at("end"), at("end")).spoken.empty());
}

TEST_CASE("web: the page's state is the screen and its hotspots as JSON") {
    unknot::ui::Hotspot h;
    h.id = "card:\"x\"";
    h.x = 1.4f;
    h.y = 2.6f;
    h.w = 100;
    h.h = 48;
    CHECK(stateJson("list", {h}) == R"({"screen":"list","hotspots":[{"id":"card:\"x\"","x":1,"y":3,"w":100,"h":48}]})");
    CHECK(stateJson("home", {}) == R"({"screen":"home","hotspots":[]})");
    // With the frame's words: each piece of text, its wrapped lines joined.
    unknot::ui::TextLine a, b, c;
    a.text = "No voice for this";
    a.after = ' ';
    b.text = "language.";
    c.text = "Voice";
    c.piece = 1;
    CHECK(stateJson("settings", {}, {a, b, c}) ==
          R"({"screen":"settings","hotspots":[],"text":["No voice for this language.","Voice"]})");
}

namespace {
unknot::ui::TextLine line(const std::string& text, int piece, char after = '\0') {
    unknot::ui::TextLine l;
    l.text = text;
    l.piece = piece;
    l.after = after;
    return l;
}
}  // namespace

TEST_CASE("web: the top bar's title is found among the first lines of text") {
    const std::vector<std::string> titles = {"Neck release", "Jaw and temples, a slow release"};
    // Back's label first, then the title.
    CHECK(headingAmong({line("Back", 0), line("Neck release", 1), line("Start", 2)}, titles) == "Neck release");
    // Wrapped over two lines at a space.
    CHECK(headingAmong({line("Back", 0), line("Jaw and temples,", 1, ' '), line("a slow release", 1)}, titles) ==
          "Jaw and temples, a slow release");
    // Shortened with an ellipsis by the top bar.
    CHECK(headingAmong({line("Jaw and temples, a\xe2\x80\xa6", 0)}, titles) == "Jaw and temples, a slow release");
    // Not a title, or a title too far down the screen (a step's words).
    CHECK(headingAmong({line("Neck", 0)}, titles).empty());
    CHECK(headingAmong({line("a", 0), line("b", 1), line("c", 2), line("d", 3), line("Neck release", 4)}, titles)
              .empty());
}
