// unknot plan list [--json] and unknot plan show ID [--json]: the plans over
// weeks that loaded (content/README.md, section 13).
//
// [SECTION] Loading, and finding one plan
// [SECTION] plan list
// [SECTION] plan show
#include "cli_internal.hpp"

#include "unknot/plans.hpp"

#include <iostream>

namespace unknot::cli {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Loading, and finding one plan
//-----------------------------------------------------------------------------
// Plan problems are mentioned in one line, as routine problems are.
void notePlanProblems(const CliEnv& env, const PlanBook& book) {
    int e = countErrors(book.diagnostics);
    if (e > 0)
        *env.err << "unknot: " << e << (e == 1 ? " plan problem" : " plan problems")
                 << " (plans with errors are left out); run 'unknot lint' for details\n";
}

const Plan* findPlanOrSay(const CliEnv& env, const PlanBook& book, const std::string& id) {
    if (const Plan* p = book.find(id)) return p;
    std::vector<std::string> ids;
    for (const auto& p : book.plans) ids.push_back(p.id);
    std::string s = suggest(id, ids);
    *env.err << "unknot: no plan with id '" << escapeControl(id) << "'"
             << (s.empty() ? "" : " (did you mean '" + s + "'?)") << "; 'unknot plan list' shows them all\n";
    return nullptr;
}

std::string jsonIds(const std::vector<std::string>& ids) {
    std::string o = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) o += (i ? ", " : "") + jsonString(ids[i]);
    return o + "]";
}

std::string weeksWord(std::size_t n) { return std::to_string(n) + (n == 1 ? " week" : " weeks"); }

// "every two weeks" and so on, for people; the YAML word is for --json.
const char* rhythmWords(PlanRhythm r) {
    switch (r) {
    case PlanRhythm::Weekly: return "once a week";
    case PlanRhythm::Fortnightly: return "every two weeks";
    case PlanRhythm::Monthly: return "once a month";
    }
    return "";
}

//-----------------------------------------------------------------------------
// [SECTION] plan list
//-----------------------------------------------------------------------------
void listJson(std::ostream& o, const PlanBook& book, const std::string& lang) {
    o << "[";
    for (std::size_t i = 0; i < book.plans.size(); ++i) {
        const Plan& p = book.plans[i];
        o << (i ? ",\n " : "\n ") << "{\"id\": " << jsonString(p.id) << ", \"title\": " << jsonString(p.title.get(lang))
          << ", \"summary\": " << jsonString(p.summary.empty() ? std::string() : p.summary.get(lang))
          << ", \"weeks\": " << p.weeks.size()
          << ", \"then\": " << (p.then ? jsonString(toString(p.then->every)) : std::string("null"))
          << ", \"pack\": " << jsonString(p.pack) << "}";
    }
    o << (book.plans.empty() ? "]\n" : "\n]\n");
}

//-----------------------------------------------------------------------------
// [SECTION] plan show
//-----------------------------------------------------------------------------
std::string routineTitles(const Library& lib, const std::vector<std::string>& ids, const std::string& lang) {
    std::string s;
    for (const auto& id : ids) {
        const Routine* r = lib.findRoutine(id);
        s += (s.empty() ? "" : ", ") + (r ? r->title.get(lang) + " (" + id + ")" : id);
    }
    return s;
}

void showJson(std::ostream& o, const Plan& p, const std::string& lang) {
    o << "{\"id\": " << jsonString(p.id) << ", \"title\": " << jsonString(p.title.get(lang))
      << ", \"summary\": " << jsonString(p.summary.empty() ? std::string() : p.summary.get(lang))
      << ", \"pack\": " << jsonString(p.pack)
      << ",\n \"flare_day\": " << (p.flareDay.empty() ? std::string("null") : jsonString(p.flareDay))
      << ",\n \"weeks\": [";
    for (std::size_t w = 0; w < p.weeks.size(); ++w) {
        o << (w ? ",\n  [" : "\n  [");
        for (std::size_t d = 0; d < p.weeks[w].days.size(); ++d)
            o << (d ? ", " : "") << jsonIds(p.weeks[w].days[d].routines);
        o << "]";
    }
    o << "\n ],\n \"then\": ";
    if (p.then)
        o << "{\"every\": " << jsonString(toString(p.then->every)) << ", \"routines\": " << jsonIds(p.then->routines)
          << "}";
    else
        o << "null";
    o << "}\n";
}

void showText(std::ostream& o, const Library& lib, const Plan& p, const std::string& lang) {
    o << p.title.get(lang) << "\n";
    if (!p.summary.empty()) o << p.summary.get(lang) << "\n";
    o << "\n" << weeksWord(p.weeks.size()) << ", day 1 being the day you start.\n";
    for (std::size_t w = 0; w < p.weeks.size(); ++w) {
        o << "\nWeek " << w + 1 << "\n";
        for (std::size_t d = 0; d < p.weeks[w].days.size(); ++d) {
            const PlanDay& day = p.weeks[w].days[d];
            o << "  Day " << w * kPlanDaysPerWeek + d + 1 << "  "
              << (day.rest() ? std::string("rest") : routineTitles(lib, day.routines, lang)) << "\n";
        }
    }
    if (p.then)
        o << "\nThen, " << rhythmWords(p.then->every) << ": " << routineTitles(lib, p.then->routines, lang) << "\n";
    if (!p.flareDay.empty()) o << "\nOn a flare day: " << routineTitles(lib, {p.flareDay}, lang) << " instead\n";
}

}  // namespace

int plan(const CliEnv& env, const Common& c, const PlanArgs& a) {
    auto loaded = loadContent(env, c.content);
    if (!loaded) return sayLoadFailed(env, loaded.error());
    const Library& lib = *loaded;
    if (!langOffered(env, c, lib)) return 2;
    noteProblems(env, lib);
    const PlanBook book = loadPlans(lib);
    notePlanProblems(env, book);
    const std::string lang = langOf(c, lib);
    if (a.show) {
        const Plan* p = findPlanOrSay(env, book, a.id);
        if (!p) return 1;
        if (a.json)
            showJson(*env.out, *p, lang);
        else
            showText(*env.out, lib, *p, lang);
        return 0;
    }
    if (a.json) {
        listJson(*env.out, book, lang);
        return 0;
    }
    for (const auto& p : book.plans)
        *env.out << p.id << "  " << p.title.get(lang) << "  (" << weeksWord(p.weeks.size())
                 << (p.then ? std::string(", then ") + rhythmWords(p.then->every) : std::string()) << ")\n";
    if (book.plans.empty()) *env.err << "no plan loaded\n";
    return 0;
}

}  // namespace unknot::cli
