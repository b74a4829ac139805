// unknot show ID: a routine's whole card.
#include "cli_internal.hpp"

#include "unknot/timeline.hpp"

#include <iostream>

namespace unknot::cli {

int show(const CliEnv& env, const Common& c, const std::string& id) {
    auto loaded = loadContent(env, c.content);
    if (!loaded) return sayLoadFailed(env, loaded.error());
    const Library& lib = *loaded;
    if (!langOffered(env, c, lib)) return 2;
    noteProblems(env, lib);
    const Routine* r = findOrSay(env, lib, id);
    if (!r) return 1;
    std::string lang = langOf(c, lib);
    Timeline t = compileTimeline(lib, *r);
    auto& o = *env.out;
    auto labels = [&](const std::vector<std::string>& ids, bool areas) {
        std::string s;
        for (const auto& x : ids) {
            const Text* l = nullptr;
            if (areas) {
                if (const Area* a = lib.findArea(x)) l = &a->label;
            } else if (const Equipment* e = lib.findEquipment(x))
                l = &e->label;
            s += (s.empty() ? "" : ", ") + (l ? l->get(lang) : x);
        }
        return s.empty() ? std::string("none") : s;
    };
    o << r->title.get(lang) << "\n" << r->summary.get(lang) << "\n\n";
    o << "Kind:       " << toString(r->kind) << "\n";
    o << "Areas:      " << labels(r->areas, true) << "\n";
    o << "Equipment:  " << labels(r->equipment, false) << "\n";
    o << "Intensity:  " << toString(r->intensity) << "\n";
    o << "Total time: " << formatDurationHuman((t.totalMs + 999) / 1000) << "\n";
    o << "Flare days: " << (r->flareSafe ? "suitable during a flare" : "not for a flare day") << "\n";
    if (!r->conditions.empty()) {
        o << "Tags:       ";
        for (std::size_t i = 0; i < r->conditions.size(); ++i) o << (i ? ", " : "") << r->conditions[i];
        o << "\n";
    }
    o << "\nCautions:\n";
    for (const auto& caution : collectCautions(lib, *r)) o << "  - " << caution.get(lang) << "\n";
    o << "\nSteps:\n";
    for (const auto& s : summarizeSteps(t)) {
        o << "  " << s.step << ". " << formatOffset(s.startMs).substr(0, 5) << "  " << s.say.get(lang) << "  ["
          << describeStep(s) << "]\n";
        if (!s.tip.empty()) o << "            " << s.tip.get(lang) << "\n";
    }
    return 0;
}

}  // namespace unknot::cli
