// Meaning, not pixels: what a tired person reads at every text size.
//
// The screenshot tests catch glyphs cut at the window's edge; these read back
// the lines the UI laid out (App::textLines(): every wrapped line a widget
// emitted, with the character of the source that followed it) and check what
// they say:
// - no word is split across two lines, on every screen, at 100, 125, 150,
//   175 and 200 % text, in English and French, at 390x844 and 844x390;
// - the player's current prompt is laid out in full, every line in view (no
//   inner scroll box), at every step of every routine, in a phone held
//   upright (390x844) and on its side (844x390, at every size: the controls
//   in a column beside the words, the top bar given way at 175 % and up);
// - the title of every card is whole (never ellipsized), in the list rows and
//   on the card.
//
// [SECTION] Reading the lines back
// [SECTION] No word split, on every screen
// [SECTION] The player's prompt in full
// [SECTION] Every card title whole
#include "harness.hpp"

#include "unknot/ui/strings.hpp"

#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

//-----------------------------------------------------------------------------
// [SECTION] Reading the lines back
//-----------------------------------------------------------------------------
namespace {
const int kPercents[] = {100, 125, 150, 175, 200};
const char* const kLangs[] = {"en", "fr"};

// Lines that end inside a word: the source went on with a letter, not a
// space, a line end or the end of the text.
std::string splitWords(const App& app) {
    std::string bad;
    const auto& lines = app.textLines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const TextLine& l = lines[i];
        if (l.after == '\0' || l.after == ' ' || l.after == '\n') continue;
        std::string nextLine = i + 1 < lines.size() && lines[i + 1].piece == l.piece ? lines[i + 1].text : "";
        bad += "  \"" + l.text + "\" / \"" + nextLine + "\"\n";
    }
    return bad;
}

// Collapses runs of spaces and line ends to one space.
std::string normalized(const std::string& s) {
    std::string out;
    for (const char c : s) {
        const bool space = c == ' ' || c == '\n';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// Each piece of text of the last frame, its lines joined with spaces, and
// whether every one of its lines lay in view and inside the window.
struct Piece {
    std::string text;
    bool inView = true;
};
std::vector<Piece> pieces(const App& app, float H) {
    std::vector<Piece> out;
    int current = -1;
    for (const TextLine& l : app.textLines()) {
        if (l.piece != current) {
            out.push_back(Piece{});
            current = l.piece;
        }
        Piece& p = out.back();
        if (!p.text.empty()) p.text += ' ';
        p.text += l.text;
        p.inView = p.inView && l.visible && l.y >= -0.5f && l.y + l.h <= H + 0.5f;
    }
    for (Piece& p : out) p.text = normalized(p.text);
    return out;
}

// True when some piece says exactly `want`, every line of it in view.
bool shownWhole(const App& app, float H, const std::string& want) {
    const std::string w = normalized(want);
    for (const Piece& p : pieces(app, H))
        if (p.text == w && p.inView) return true;
    return false;
}

std::string listPieces(const App& app, float H) {
    std::ostringstream o;
    for (const Piece& p : pieces(app, H)) o << "  [" << (p.inView ? "in view" : "hidden") << "] " << p.text << "\n";
    return o.str();
}

using Rig = ScreenRig;
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] No word split, on every screen
//-----------------------------------------------------------------------------
TEST_CASE("no word is split across lines, on every screen, at 100 to 200% text, in English and French",
          "[ui][meaning]") {
    needFont();
    // A phone held upright, and on its side.
    const float W = GENERATE(390.0f, 844.0f);
    const float H = W < 500 ? 844.0f : 390.0f;
    std::vector<std::string> routes = {"home", "browse", "list", "settings", "safety", "history", "pain:neck-release"};
    for (const Area& a : bundled().areas) routes.push_back("area:" + a.id);
    for (const Routine& r : bundled().routines) {
        routes.push_back("card:" + r.id);
        routes.push_back("play:" + r.id + "@0");
        routes.push_back("play:" + r.id + "@100000");  // the end screen
    }
    routes.push_back("plans");
    for (const Plan& p : bundledPlans().plans) routes.push_back("plan:" + p.id);
    // "+plan": the rest again with a plan under way (Home's Today card, the
    // plan's dated weeks), started on the null clock's fixed day, and the
    // daily reminder on (Settings' time, next reminder and "Send one now").
    routes.push_back("+plan");
    routes.push_back("home");
    routes.push_back("plan:neck-shoulders-first-weeks");
    routes.push_back("settings");
    for (const int pct : kPercents) {
        for (const char* lang : kLangs) {
            Rig rig(W, H, pct, lang);
            for (const std::string& route : routes) {
                if (route == "+plan") {
                    REQUIRE(rig.journal->startPlan("neck-shoulders-first-weeks", "2026-11-18", 0) ==
                            WriteStatus::Saved);
                    Settings s = rig.app.settings();
                    s.reminder = true;
                    rig.app.setSettings(s);
                    continue;
                }
                rig.open(route);
                // Down through the scroll regions: what is below the fold too.
                for (int i = 0; i <= 12; ++i) {
                    const std::string bad = splitWords(rig.app);
                    INFO(route << " at " << pct << "% in " << lang << ", " << W << "x" << H << ", after " << i
                               << " drags: words split:\n"
                               << bad);
                    CHECK(bad.empty());
                    if (!bad.empty()) break;
                    rig.h.drag(rig.app, W * 0.6f, H * 0.7f, H * 0.3f, 6);
                }
            }
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The player's prompt in full
//-----------------------------------------------------------------------------
TEST_CASE("the player lays out the current prompt in full, in view, at every step and text size", "[ui][meaning]") {
    needFont();
    const float W = GENERATE(390.0f, 844.0f);
    const float H = W < 500 ? 844.0f : 390.0f;
    for (const int pct : kPercents) {
        for (const char* lang : kLangs) {
            Rig rig(W, H, pct, lang);
            for (const Routine& r : bundled().routines) {
                rig.open("play:" + r.id + "@0");
                REQUIRE(rig.app.player() != nullptr);
                const Timeline tl = rig.app.player()->timeline();  // a copy: the player is replaced below
                std::set<std::string> seen;
                for (std::size_t index = 0; index < tl.segments.size(); ++index) {
                    const Segment& seg = tl.segments[index];
                    // One check per prompt and kind (a breath's phases share theirs).
                    const std::string prompt = seg.say.get(lang);
                    if (seg.kind == SegmentKind::Switch || prompt.empty()) continue;
                    if (!seen.insert(std::to_string(static_cast<int>(seg.kind)) + prompt).second) continue;
                    // Into the segment (a tap wait: at its start, where it waits).
                    const std::int64_t at =
                        seg.untimed() ? seg.startMs : seg.startMs + std::min<std::int64_t>(seg.durationMs / 2, 1000);
                    char route[200];
                    std::snprintf(route, sizeof route, "play:%s@%.3f", r.id.c_str(), static_cast<double>(at) / 1000.0);
                    rig.open(route, at);
                    // Tap waits at one instant: Space continues each one before this.
                    for (int k = 0; k < 50 && rig.app.player()->currentIndex() < index &&
                                    rig.app.player()->state() == PlayerState::WaitingForTap;
                         ++k)
                        rig.h.pressKey(rig.app, 44);
                    INFO(route << " at " << pct << "% in " << lang << ", " << W << "x" << H << ": the prompt \""
                               << prompt << "\" is not laid out whole and in view; laid out:\n"
                               << listPieces(rig.app, H));
                    CHECK(shownWhole(rig.app, H, prompt));
                    // Then the side: a person with a ball behind one shoulder
                    // must see which (before "Next:" or "More" get room).
                    if (seg.side != Side::None) {
                        const std::string side =
                            std::string(tr(seg.side == Side::Left ? "player.side_left" : "player.side_right", lang))
                                .substr(1);  // "eft side": drawn as "Left side" or "left side"
                        bool sideSeen = false;
                        for (const TextLine& l : rig.app.textLines())
                            sideSeen = sideSeen ||
                                       (l.y >= 0 && l.y + l.h <= H + 0.5f && l.text.find(side) != std::string::npos);
                        INFO("the side, \"" << side << "\", is not on screen");
                        CHECK(sideSeen);
                    }
                    // The tip (it may hold a caution): on screen whole, or
                    // one tap away, behind a "More" in view.
                    if (const std::string tip = seg.tip.get(lang); !tip.empty() && seg.kind != SegmentKind::Switch) {
                        const Hotspot* more = Harness::find(rig.app, "more");
                        INFO("the tip \"" << tip << "\" is neither shown whole nor behind a More in view");
                        CHECK((shownWhole(rig.app, H, tip) || (more && more->y + more->h <= H + 0.5f)));
                    }
                    CHECK(rig.app.layoutOverflow() == 0.0f);
                    // The controls too, whole, in the window.
                    for (const char* id : {"back", "skip", "stop"}) {
                        const Hotspot* c = Harness::find(rig.app, id);
                        INFO(id);
                        REQUIRE(c != nullptr);
                        CHECK(c->y + c->h <= H + 0.5f);
                        CHECK(c->x + c->w <= W + 0.5f);
                    }
                }
            }
        }
    }
}

// A long prompt at large text on a phone: no room under it for the tip or
// its "More". "More" then sits among the controls, and opens the tip in the
// prompt's place; "Less" brings the prompt back. With symbols (200 %) it is
// a fourth symbol, its word in the hotspot.
TEST_CASE("a tip with no room under the prompt opens from a More among the controls, and Less brings the prompt back",
          "[ui][meaning]") {
    needFont();
    const float H = 844;
    const int pct = GENERATE(175, 200);
    Rig rig(390, H, pct, "en");
    rig.open("play:massage-ball-back-hips@1", 1000);
    const Segment* seg = rig.app.player()->current();
    REQUIRE(seg != nullptr);
    const std::string prompt = seg->say.get("en"), tip = seg->tip.get("en");
    REQUIRE_FALSE(tip.empty());
    INFO(pct << "%, laid out:\n" << listPieces(rig.app, H));
    CHECK(shownWhole(rig.app, H, prompt));
    REQUIRE_FALSE(shownWhole(rig.app, H, tip));  // else this case tests nothing
    const Hotspot* more = Harness::find(rig.app, "more");
    REQUIRE(more != nullptr);
    const Hotspot* stop = Harness::find(rig.app, "stop");
    REQUIRE(stop != nullptr);
    CHECK(more->y >= stop->y - 1.0f);  // among the controls, not under the words
    CHECK(more->y + more->h <= H + 0.5f);
    CHECK(more->w >= 48.0f);
    CHECK(more->h >= 48.0f);

    rig.h.tap(rig.app, "more");
    rig.h.frame(rig.app);
    INFO("after More:\n" << listPieces(rig.app, H));
    CHECK(shownWhole(rig.app, H, tip));
    CHECK(rig.app.player()->state() == PlayerState::Running);  // More is no pause, and no Continue

    rig.h.tap(rig.app, "more");
    rig.h.frame(rig.app);
    INFO("after Less:\n" << listPieces(rig.app, H));
    CHECK(shownWhole(rig.app, H, prompt));
    CHECK_FALSE(shownWhole(rig.app, H, tip));
}

//-----------------------------------------------------------------------------
// [SECTION] Every card title whole
//-----------------------------------------------------------------------------
TEST_CASE("every card title is whole, in the list and on the card, at 100 to 200% text", "[ui][meaning]") {
    needFont();
    const float W = 390, H = 844;
    for (const int pct : kPercents) {
        for (const char* lang : kLangs) {
            Rig rig(W, H, pct, lang);
            for (const Routine& r : bundled().routines) {
                const std::string title = r.title.get(lang);
                rig.open("card:" + r.id);
                INFO("card:" << r.id << " at " << pct << "% in " << lang << ": title \"" << title
                             << "\" not whole; laid out:\n"
                             << listPieces(rig.app, H));
                CHECK(shownWhole(rig.app, H, title));
            }
            // The list of all routines, scrolled through: every row's title
            // is laid out whole, all its lines in view, at some point.
            rig.open("list");
            std::set<std::string> checked;
            for (int i = 0; i < 800 && checked.size() < bundled().routines.size(); ++i) {
                for (const Routine& r : bundled().routines)
                    if (!checked.count(r.id) && shownWhole(rig.app, H, r.title.get(lang))) checked.insert(r.id);
                // Short drags: a tall row is whole in view over a short range.
                rig.h.drag(rig.app, W * 0.6f, H * 0.75f, H * 0.65f, 4);
            }
            std::string missing;
            for (const Routine& r : bundled().routines)
                if (!checked.count(r.id)) missing += " " + r.id;
            INFO("list titles never whole in view at " << pct << "% in " << lang << ":" << missing);
            CHECK(missing.empty());
        }
    }
}
