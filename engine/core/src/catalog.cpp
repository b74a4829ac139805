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
// Every word of the search must appear somewhere in the routine's searchable
// text (title, summary, conditions, area labels and synonyms), accents and case
// ignored, in the chosen language and the pack's default.
bool Catalog::matchesText(const CatalogEntry& e, const std::string& folded, const std::string& lang) const {
    const Routine& r = *e.routine;
    std::string hay;
    auto add = [&](const std::string& s) {
        hay += foldForSearch(s);
        hay += '\n';
    };
    add(r.title.get(lang));
    add(r.summary.get(lang));
    add(r.id);
    for (const auto& c : r.conditions) {
        add(c);
        std::string spaced = c;
        std::replace(spaced.begin(), spaced.end(), '-', ' ');
        add(spaced);
    }
    for (const auto& a : r.areas) {
        add(a);
        if (const Area* area = lib_.findArea(a)) {
            add(area->label.get(lang));
            if (auto it = area->synonyms.find(lang); it != area->synonyms.end())
                for (const auto& s : it->second) add(s);
        }
    }
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ') ++i;
        std::size_t j = folded.find(' ', i);
        if (j == std::string::npos) j = folded.size();
        if (j > i && hay.find(folded.substr(i, j - i)) == std::string::npos) return false;
        i = j;
    }
    return true;
}

std::vector<CatalogEntry> Catalog::query(const Query& q) const {
    std::vector<CatalogEntry> out;
    std::string folded = foldForSearch(q.search);
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
        if (!folded.empty() && !matchesText(e, folded, q.lang)) continue;
        out.push_back(e);
    }
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
