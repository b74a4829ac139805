// The catalog: queries over the loaded routines.
//
// [SECTION] Building (totals from compiled timelines)
// [SECTION] Queries
// [SECTION] JSON
#include "unknot/catalog.hpp"

#include "unknot/timeline.hpp"

#include <algorithm>
#include <cstdio>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Building
//-----------------------------------------------------------------------------
Catalog::Catalog(const Library& lib) : lib_(lib) {
    entries_.reserve(lib.routines.size());
    for (const auto& r : lib.routines) {
        Timeline t = compileTimeline(lib, r);
        // Whole seconds, rounded up: a card never promises less time than it takes.
        entries_.push_back({&r, (t.totalMs + 999) / 1000});
    }
}

std::int64_t Catalog::totalSeconds(std::string_view routineId) const {
    for (const auto& e : entries_)
        if (e.routine->id == routineId) return e.totalSeconds;
    return 0;
}

int Catalog::countForArea(std::string_view areaId) const {
    int n = 0;
    for (const auto& e : entries_)
        n += std::find(e.routine->areas.begin(), e.routine->areas.end(), areaId) != e.routine->areas.end();
    return n;
}

//-----------------------------------------------------------------------------
// [SECTION] Queries
//-----------------------------------------------------------------------------
namespace {
// The words of folded search text.
std::vector<std::string> searchWords(const std::string& folded) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ') ++i;
        std::size_t j = folded.find(' ', i);
        if (j == std::string::npos) j = folded.size();
        if (j > i) words.push_back(folded.substr(i, j - i));
        i = j;
    }
    return words;
}

bool wordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80);
}

// 2 when `word` is a whole word of `hay` (folded), 1 when only part of a
// longer word, 0 when absent.
int findWord(const std::string& hay, const std::string& word) {
    int best = 0;
    for (std::size_t at = hay.find(word); at != std::string::npos; at = hay.find(word, at + 1)) {
        const bool startsWord = at == 0 || !wordChar(hay[at - 1]);
        const std::size_t end = at + word.size();
        const bool endsWord = end >= hay.size() || !wordChar(hay[end]);
        best = std::max(best, startsWord && endsWord ? 2 : 1);
        if (best == 2) break;
    }
    return best;
}
}  // namespace

// Each word scores in the best field it is found in: a match in the title, an
// area or a condition says what the routine is for; a synonym or the summary
// only mentions it ("back" in "the back of the neck"). Accents and case are
// ignored, in the chosen language and the pack's default.
int Catalog::textScore(const Routine& r, const std::vector<std::string>& words, const std::string& lang) const {
    std::string strong = foldForSearch(r.title.get(lang)) + "\n";                               // weight 8
    std::string middle;                                                                         // weight 6
    std::string weak = foldForSearch(r.summary.get(lang)) + "\n" + foldForSearch(r.id) + "\n";  // weight 2
    for (const auto& c : r.conditions) {
        std::string spaced = c;
        std::replace(spaced.begin(), spaced.end(), '-', ' ');
        middle += foldForSearch(c) + "\n" + foldForSearch(spaced) + "\n";
    }
    for (const auto& a : r.areas) {
        middle += foldForSearch(a) + "\n";
        if (const Area* area = lib_.findArea(a)) {
            middle += foldForSearch(area->label.get(lang)) + "\n";
            if (auto it = area->synonyms.find(lang); it != area->synonyms.end())
                for (const auto& s : it->second) weak += foldForSearch(s) + "\n";
        }
    }
    int total = 0;
    for (const std::string& w : words) {
        const int best = std::max({8 * findWord(strong, w), 6 * findWord(middle, w), 2 * findWord(weak, w)});
        if (best == 0) return 0;  // every word must be found somewhere
        total += best;
    }
    return total;
}

std::vector<CatalogEntry> Catalog::query(const Query& q) const {
    std::vector<CatalogEntry> out;
    const std::vector<std::string> words = searchWords(foldForSearch(q.search));
    for (const auto& e : entries_) {
        const Routine& r = *e.routine;
        auto has = [](const std::vector<std::string>& v, const std::string& x) {
            return std::find(v.begin(), v.end(), x) != v.end();
        };
        if (q.area && !has(r.areas, *q.area)) continue;
        if (q.kind && r.kind != *q.kind) continue;
        if (q.equipment && !has(r.equipment, *q.equipment)) continue;
        if (q.noEquipment && !r.equipment.empty()) continue;
        if (q.maxMinutes && e.totalSeconds > std::int64_t(*q.maxMinutes) * 60) continue;
        if (q.flareSafeOnly && !r.flareSafe) continue;
        CatalogEntry found = e;
        if (!words.empty()) {
            found.rank = textScore(r, words, q.lang);
            if (found.rank == 0) continue;
        }
        // The area the routine is mainly for outranks any word.
        if (q.area && r.areas.front() == *q.area) found.rank += 1000;
        out.push_back(found);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const CatalogEntry& a, const CatalogEntry& b) { return a.rank > b.rank; });
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] JSON
//-----------------------------------------------------------------------------
namespace {
std::string jsonString(const std::string& s) {
    std::string o = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': o += "\\\""; break;
        case '\\': o += "\\\\"; break;
        case '\n': o += "\\n"; break;
        case '\r': o += "\\r"; break;
        case '\t': o += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                o += buf;
            } else {
                o += static_cast<char>(c);
            }
        }
    }
    return o + "\"";
}
std::string jsonList(const std::vector<std::string>& v) {
    std::string o = "[";
    for (std::size_t i = 0; i < v.size(); ++i) o += (i ? ", " : "") + jsonString(v[i]);
    return o + "]";
}
}  // namespace

std::string catalogToJson(const Library& lib, const std::vector<CatalogEntry>& entries, const std::string& lang) {
    std::string o = "[";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Routine& r = *entries[i].routine;
        o += i ? ",\n  {" : "\n  {";
        o += "\"id\": " + jsonString(r.id);
        o += ", \"title\": " + jsonString(r.title.get(lang));
        o += ", \"summary\": " + jsonString(r.summary.get(lang));
        o += ", \"kind\": " + jsonString(toString(r.kind));
        o += ", \"areas\": " + jsonList(r.areas);
        o += ", \"conditions\": " + jsonList(r.conditions);
        o += ", \"equipment\": " + jsonList(r.equipment);
        o += ", \"intensity\": " + jsonString(toString(r.intensity));
        o += std::string(", \"flare_safe\": ") + (r.flareSafe ? "true" : "false");
        o += ", \"total_seconds\": " + std::to_string(entries[i].totalSeconds);
        o += ", \"pack\": " + jsonString(r.packId);
        o += "}";
    }
    (void)lib;
    o += entries.empty() ? "]\n" : "\n]\n";
    return o;
}

}  // namespace unknot
