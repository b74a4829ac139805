// unknot list [filters] [--json]: the routines that match, one a line.
#include "cli_internal.hpp"

#include "unknot/catalog.hpp"

#include <iostream>

namespace unknot::cli {

int list(const CliEnv& env, const Common& c, const ListArgs& a) {
    auto loaded = loadContent(env, c.content);
    if (!loaded) return sayLoadFailed(env, loaded.error());
    const Library& lib = *loaded;
    if (!langOffered(env, c, lib)) return 2;
    noteProblems(env, lib);
    Query q;
    q.lang = langOf(c, lib);
    auto unknown = [&](const std::string& what, const std::string& v, const std::vector<std::string>& known) {
        std::string s = suggest(v, known);
        *env.err << "unknot: unknown " << what << " '" << escapeControl(v) << "'"
                 << (s.empty() ? "" : " (did you mean '" + s + "'?)") << "\n";
        return 2;
    };
    if (!a.area.empty()) {
        if (!lib.findArea(a.area)) {
            std::vector<std::string> ids;
            for (const auto& x : lib.areas) ids.push_back(x.id);
            return unknown("area", a.area, ids);
        }
        q.area = a.area;
    }
    if (!a.kind.empty()) {
        q.kind = kindFromString(a.kind);
        if (!q.kind) return unknown("kind", a.kind, kindNames());
    }
    if (!a.equipment.empty()) {
        if (!lib.findEquipment(a.equipment)) {
            std::vector<std::string> ids;
            for (const auto& x : lib.equipment) ids.push_back(x.id);
            return unknown("equipment", a.equipment, ids);
        }
        q.equipment = a.equipment;
    }
    q.noEquipment = a.noEquipment;
    if (a.maxMinutes > 0) q.maxMinutes = a.maxMinutes;
    q.flareSafeOnly = a.flareSafe;
    q.search = a.search;
    Catalog cat(lib);
    auto found = cat.query(q);
    if (a.json) {
        *env.out << catalogToJson(lib, found, q.lang);
        return 0;
    }
    for (const auto& e : found) {
        const Routine& r = *e.routine;
        *env.out << r.id << "  " << r.title.get(q.lang) << "  (" << formatDurationHuman(e.totalSeconds) << ", "
                 << toString(r.kind) << ", " << toString(r.intensity) << (r.flareSafe ? ", flare-safe" : "") << ")\n";
    }
    if (found.empty()) *env.err << "no routine matches\n";
    return 0;
}

}  // namespace unknot::cli
