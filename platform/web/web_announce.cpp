// Announcements for screen readers and the page's state (see web_announce.hpp).
//
// [SECTION] Snapshot: what the app shows
// [SECTION] Titles and spoken words
// [SECTION] State for the page's tests
#include "web_announce.hpp"

#include "unknot/player.hpp"
#include "unknot/ui/strings.hpp"

#include <cmath>
#include <sstream>

namespace unknot::platform::web {

//-----------------------------------------------------------------------------
// [SECTION] Snapshot
//-----------------------------------------------------------------------------
namespace {

// The top bar is drawn first: its title is among the first few pieces of text
// (after Back's label).
constexpr std::size_t kHeadingPieces = 4;
constexpr const char* kEllipsis = "\xe2\x80\xa6";  // U+2026, as the app shortens

// What the top bar may show on the card and list screens, in `lang`.
std::vector<std::string> routineTitles(const Library& library, const std::string& lang) {
    std::vector<std::string> out;
    for (const Routine& r : library.routines) out.push_back(r.title.get(lang));
    return out;
}
std::vector<std::string> areaLabels(const Library& library, const std::string& lang) {
    std::vector<std::string> out;
    for (const Area& a : library.areas) out.push_back(a.label.empty() ? a.id : a.label.get(lang));
    return out;
}

bool headingMatches(const std::string& shown, const std::string& candidate) {
    if (candidate.empty()) return false;
    if (shown == candidate) return true;
    const std::size_t cut = shown.rfind(kEllipsis);
    if (cut == std::string::npos || cut + 3 != shown.size()) return false;
    std::string head = shown.substr(0, cut);
    while (!head.empty() && head.back() == ' ') head.pop_back();
    return !head.empty() && candidate.compare(0, head.size(), head) == 0;
}

}  // namespace

std::vector<std::string> textPieces(const std::vector<ui::TextLine>& lines, std::size_t maxPieces) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < lines.size() && out.size() < maxPieces;) {
        std::string shown;
        const int id = lines[i].piece;
        for (; i < lines.size() && lines[i].piece == id; ++i) {
            shown += lines[i].text;
            const char after = lines[i].after;
            if ((after == ' ' || after == '\n') && i + 1 < lines.size() && lines[i + 1].piece == id) shown += ' ';
        }
        out.push_back(std::move(shown));
    }
    return out;
}

std::string headingAmong(const std::vector<ui::TextLine>& lines, const std::vector<std::string>& candidates) {
    for (const std::string& shown : textPieces(lines, kHeadingPieces))
        for (const std::string& c : candidates)
            if (headingMatches(shown, c)) return c;
    return {};
}

Snapshot snapshotOf(const ui::App& app, const Library* library) {
    Snapshot s;
    s.screen = app.screenName();
    s.lang = app.language();
    if (library && s.screen == "card") s.routineTitle = headingAmong(app.textLines(), routineTitles(*library, s.lang));
    if (library && s.screen == "list") s.areaTitle = headingAmong(app.textLines(), areaLabels(*library, s.lang));
    const Player* player = app.player();
    if (!player) return s;
    if (library)
        if (const Routine* r = library->findRoutine(player->timeline().routineId))
            s.routineTitle = r->title.get(s.lang);
    if (const Segment* seg = player->current(); seg && player->state() != PlayerState::Finished) {
        s.step = seg->step;
        s.side = seg->side;
        s.prompt = seg->say.get(s.lang);
    }
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Titles and spoken words
//-----------------------------------------------------------------------------
namespace {

// The key of each screen's heading in the app's own table; "" where the
// heading is content (a routine's title) or there is none (Home).
const char* titleKey(const std::string& screen) {
    if (screen == "browse") return "browse.title";
    if (screen == "list") return "list.all";
    if (screen == "settings") return "settings.title";
    if (screen == "history") return "history.title";
    if (screen == "problems") return "problems.title";
    if (screen == "safety") return "safety.title";
    if (screen == "end") return "end.title";
    return "";
}

// "Session finished" is not among the app's own words yet (engine/ui owns the
// table): kept here in the two languages until it is.
std::string sessionFinished(const std::string& lang) {
    return ui::isFrench(lang) ? "Séance terminée" : "Session finished";
}

}  // namespace

std::string documentTitle(const Snapshot& s) {
    std::string heading;
    if (s.screen == "list" && !s.areaTitle.empty())
        heading = s.areaTitle;
    else if (const char* key = titleKey(s.screen); *key)
        heading = ui::tr(key, s.lang);
    if (heading.empty() && (s.screen == "player" || s.screen == "pain" || s.screen == "card")) heading = s.routineTitle;
    return heading.empty() ? std::string("Unknot") : heading + " · Unknot";
}

Announcements announcementsFor(const Snapshot& before, const Snapshot& now) {
    Announcements out;
    if (documentTitle(before) != documentTitle(now) || before.screen != now.screen || before.lang != now.lang)
        out.title = documentTitle(now);
    if (now.screen == "end" && before.screen != "end") out.spoken.push_back(sessionFinished(now.lang));
    // A new step, or the same step on the other side: its words, then the side.
    const bool newStep =
        now.step > 0 && (now.step != before.step || now.side != before.side || before.screen != "player");
    if (now.screen == "player" && newStep) {
        std::string words = now.prompt;
        if (now.side != Side::None) {
            const std::string side = ui::tr(now.side == Side::Left ? "common.left" : "common.right", now.lang);
            words = words.empty() ? side : side + ". " + words;
        }
        if (!words.empty()) out.spoken.push_back(words);
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] State for the page's tests
//-----------------------------------------------------------------------------
namespace {

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out + '"';
}

}  // namespace

std::string stateJson(const std::string& screen, const std::vector<ui::Hotspot>& hotspots,
                      const std::vector<ui::TextLine>& lines) {
    std::ostringstream o;
    o << "{\"screen\":" << jsonString(screen) << ",\"hotspots\":[";
    for (std::size_t i = 0; i < hotspots.size(); ++i) {
        const ui::Hotspot& h = hotspots[i];
        o << (i ? "," : "") << "{\"id\":" << jsonString(h.id) << ",\"x\":" << std::lround(h.x)
          << ",\"y\":" << std::lround(h.y) << ",\"w\":" << std::lround(h.w) << ",\"h\":" << std::lround(h.h) << "}";
    }
    o << "]";
    if (!lines.empty()) {
        o << ",\"text\":[";
        const std::vector<std::string> pieces = textPieces(lines);
        for (std::size_t i = 0; i < pieces.size(); ++i) o << (i ? "," : "") << jsonString(pieces[i]);
        o << "]";
    }
    o << "}";
    return o.str();
}

}  // namespace unknot::platform::web
