// Plans: plans/*.yaml in a pack (content/README.md, "Plans").
//
// A plan is read after the routines, since every day names routines that
// must exist: an unknown id is an error with a did-you-mean, at its line.
//
// [SECTION] Days and weeks
// [SECTION] One plan file
// [SECTION] Every pack's plans/ folder
#include "unknot/plans.hpp"

#include "loader_internal.hpp"

#include <algorithm>
#include <map>

namespace unknot {
namespace loading {
namespace {

// What checking one plan needs besides its file's reporter.
struct PlanCheck {
    Reporter& rep;
    Scalars& sc;
    const Library& lib;
    const std::vector<std::string>& routineIds;
};

//-----------------------------------------------------------------------------
// [SECTION] Days and weeks
//-----------------------------------------------------------------------------
// One routine id that must name a loaded routine.
std::optional<std::string> routineRef(PlanCheck& c, const YamlNode& n, const std::string& what) {
    auto id = c.sc.id(n, what);
    if (!id) return std::nullopt;
    if (!c.lib.findRoutine(*id)) {
        c.rep.error(n, "unknown routine " + quote(*id) + didYouMean(*id, c.routineIds));
        return std::nullopt;
    }
    return id;
}

// 1 to kMaxRoutinesPerPlanDay routine ids: a list, or one id alone. Returns
// false (after reporting) when any is wrong.
bool routineList(PlanCheck& c, const YamlNode& n, const std::string& where, std::vector<std::string>& out) {
    if (n.IsScalar()) {
        auto id = routineRef(c, n, "routine id");
        if (id) out.push_back(*id);
        return id.has_value();
    }
    if (!n.IsSequence() || n.size() == 0 || n.size() > kMaxRoutinesPerPlanDay) {
        c.rep.error(n, where + " must name 1 to " + std::to_string(kMaxRoutinesPerPlanDay) +
                           " routines, like [neck-release, shoulder-rolls], not " +
                           (n.IsSequence() ? std::to_string(n.size()) + " routines" : typeName(n)));
        return false;
    }
    bool ok = true;
    for (const auto& r : n) {
        auto id = routineRef(c, r, "routine id");
        if (!id) {
            ok = false;
        } else if (std::find(out.begin(), out.end(), *id) != out.end()) {
            c.rep.error(r, "routine " + quote(*id) + " is named twice in " + where);
            ok = false;
        } else {
            out.push_back(*id);
        }
    }
    return ok;
}

// `rest`, one routine id, or a list of 1 to 3.
bool planDay(PlanCheck& c, const YamlNode& n, PlanDay& day) {
    if (n.IsScalar() && n.Scalar() == "rest") return true;
    return routineList(c, n, "a day", day.routines);
}

// A week: exactly seven days, Monday to Sunday of the plan's own calendar
// (day one is the day the plan starts).
bool planWeek(PlanCheck& c, const YamlNode& n, std::size_t number, PlanWeek& week) {
    const std::string where = "week " + std::to_string(number);
    if (!n.IsSequence() || n.size() != kPlanDaysPerWeek) {
        c.rep.error(n, where + " must be a list of " + std::to_string(kPlanDaysPerWeek) +
                           " days (each 'rest' or 1 to 3 routine ids), not " +
                           (n.IsSequence() ? std::to_string(n.size()) + " days" : typeName(n)));
        return false;
    }
    bool ok = true;
    for (const auto& d : n) {
        PlanDay day;
        if (!planDay(c, d, day)) ok = false;
        week.days.push_back(std::move(day));
    }
    return ok;
}

bool planWeeks(PlanCheck& c, const YamlNode& n, Plan& plan) {
    if (!n.IsSequence() || n.size() == 0 || n.size() > kMaxPlanWeeks) {
        c.rep.error(n, "weeks must be a list of 1 to " + std::to_string(kMaxPlanWeeks) + " weeks, not " +
                           (n.IsSequence() ? std::to_string(n.size()) + " weeks" : typeName(n)));
        return false;
    }
    bool ok = true;
    for (const auto& w : n) {
        PlanWeek week;
        if (!planWeek(c, w, plan.weeks.size() + 1, week)) ok = false;
        plan.weeks.push_back(std::move(week));
    }
    if (ok && std::all_of(plan.weeks.begin(), plan.weeks.end(), [](const PlanWeek& w) {
            return std::all_of(w.days.begin(), w.days.end(), [](const PlanDay& d) { return d.rest(); });
        })) {
        c.rep.error(n, "every day of the plan is a rest day: name at least one routine");
        return false;
    }
    return ok;
}

// `then: {every: fortnightly, routines: [...]}`: the rhythm after the weeks.
bool planThen(PlanCheck& c, const YamlNode& n, Plan& plan) {
    PlanThen then;
    bool ok = true;
    const std::size_t before = c.rep.out->size();
    forEachKey(n, {"every", "routines"}, c.rep, "then",
               [&](const std::string& k, const YamlNode&, const YamlNode& v) {
                   if (k == "every") {
                       auto s = c.sc.string(v, "every");
                       if (!s) {
                           ok = false;
                       } else if (auto r = planRhythmFromString(*s)) {
                           then.every = *r;
                       } else {
                           c.rep.error(v, "unknown rhythm " + quote(*s) +
                                              " in then.every: use weekly, fortnightly or monthly" +
                                              didYouMean(*s, {"weekly", "fortnightly", "monthly"}));
                           ok = false;
                       }
                   } else if (!routineList(c, v, "then.routines", then.routines)) {
                       ok = false;
                   }
               },
               {"every", "routines"});
    if (!ok || c.rep.out->size() != before) return false;
    plan.then = std::move(then);
    return true;
}

// `flare_day: flare-day-calm`: it must be known and marked flare_safe.
bool planFlareDay(PlanCheck& c, const YamlNode& n, Plan& plan) {
    auto id = routineRef(c, n, "flare_day");
    if (!id) return false;
    if (!c.lib.findRoutine(*id)->flareSafe) {
        c.rep.error(n, "flare_day routine " + quote(*id) + " is not marked flare_safe: choose a gentle one");
        return false;
    }
    plan.flareDay = *id;
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] One plan file
//-----------------------------------------------------------------------------
struct ParsedPlan {
    Plan plan;
    YAML::Mark idMark;
};

bool parsePlan(PlanCheck& c, const YamlNode& root, ParsedPlan& out) {
    const std::vector<std::string> keys{"id", "title", "summary", "weeks", "then", "flare_day"};
    bool ok = true;
    const std::size_t before = c.rep.out->size();
    Plan& plan = out.plan;
    forEachKey(root, keys, c.rep, "a plan",
               [&](const std::string& k, const YamlNode&, const YamlNode& v) {
                   if (k == "id") {
                       auto id = c.sc.id(v, "plan id");
                       if (id) plan.id = *id, out.idMark = v.Mark();
                       ok = ok && id.has_value();
                   } else if (k == "title" || k == "summary") {
                       auto t = c.sc.text(v, k, k == "title" ? kMaxTitleChars : kMaxPlanSummaryChars);
                       if (t) (k == "title" ? plan.title : plan.summary) = std::move(*t);
                       ok = ok && t.has_value();
                   } else if (k == "weeks") {
                       ok = planWeeks(c, v, plan) && ok;
                   } else if (k == "then") {
                       ok = planThen(c, v, plan) && ok;
                   } else {
                       ok = planFlareDay(c, v, plan) && ok;
                   }
               },
               {"id", "title", "weeks"});
    // Any error (a missing key too) leaves the plan out; warnings do not.
    for (std::size_t i = before; i < c.rep.out->size(); ++i)
        if ((*c.rep.out)[i].severity == Severity::Error) ok = false;
    return ok;
}

//-----------------------------------------------------------------------------
// [SECTION] Every pack's plans/ folder
//-----------------------------------------------------------------------------
struct PlanLoader {
    const Library& lib;
    const FileSource& files;
    const LoadLimits& limits;
    std::vector<std::string> routineIds;
    PlanBook book;
    std::vector<ParsedPlan> parsed;

    void file(const std::string& path, const Pack& pack) {
        Reporter rep{&book.diagnostics, path};
        auto root = readYaml(files, path, limits, rep);
        if (!root) return;
        PackContext ctx;
        ctx.id = pack.id;
        ctx.dir = pack.dir;
        ctx.languages = pack.languages;
        Scalars sc{rep, ctx};
        PlanCheck c{rep, sc, lib, routineIds};
        ParsedPlan p;
        p.plan.path = path;
        p.plan.pack = pack.id;
        p.plan.title.defaultLang = p.plan.summary.defaultLang = ctx.defaultLang();
        if (parsePlan(c, *root, p)) parsed.push_back(std::move(p));
    }

    void packFolder(const Pack& pack) {
        const std::string dir = joinPath(pack.dir, "plans");
        if (files.type(dir) != FileSource::Type::Directory) return;  // plans are optional
        std::string err;
        auto names = files.list(dir, err);
        if (!names) {
            book.diagnostics.push_back({dir, 0, 0, Severity::Error, err.empty() ? "cannot list folder" : err});
            return;
        }
        if (names->size() > limits.maxFilesPerFolder) {
            book.diagnostics.push_back({dir, 0, 0, Severity::Error,
                                        "folder holds " + std::to_string(names->size()) + " entries; only the first " +
                                            std::to_string(limits.maxFilesPerFolder) + " are read"});
            names->resize(limits.maxFilesPerFolder);
        }
        for (const auto& name : *names) {
            if (!(name.size() > 5 && (name.ends_with(".yaml") || name.ends_with(".yml")))) continue;
            const std::string path = joinPath(dir, name);
            if (!files.staysInside(path, pack.dir)) {
                std::string why = files.linkProblem(path);
                book.diagnostics.push_back(
                    {path, 0, 0, Severity::Error, why.empty() ? "symbolic link leaves the pack folder" : why});
                continue;
            }
            file(path, pack);
        }
    }

    // Two plans with one id: the second is an error and left out.
    void keepUnique() {
        std::map<std::string, std::string> seen;  // id -> path
        for (auto& p : parsed) {
            auto [it, fresh] = seen.emplace(p.plan.id, p.plan.path);
            if (!fresh) {
                book.diagnostics.push_back(
                    {p.plan.path, p.idMark.line + 1, p.idMark.column + 1, Severity::Error,
                     "duplicate plan id " + quote(p.plan.id) + ": also defined in " + it->second});
                continue;
            }
            book.plans.push_back(std::move(p.plan));
        }
        std::sort(book.plans.begin(), book.plans.end(), [](const Plan& a, const Plan& b) { return a.id < b.id; });
    }

    PlanBook run() {
        for (const auto& r : lib.routines) routineIds.push_back(r.id);
        for (const auto& pack : lib.packs) packFolder(pack);
        keepUnique();
        std::stable_sort(book.diagnostics.begin(), book.diagnostics.end(),
                         [](const Diagnostic& a, const Diagnostic& b) {
                             if (a.path != b.path) return a.path < b.path;
                             if (a.line != b.line) return a.line < b.line;
                             return a.column < b.column;
                         });
        return std::move(book);
    }
};

}  // namespace
}  // namespace loading

PlanBook loadPlans(const Library& lib, const FileSource& files, const LoadLimits& limits) {
    loading::PlanLoader l{lib, files, limits, {}, {}, {}};
    return l.run();
}

PlanBook loadPlans(const Library& lib, const LoadLimits& limits) {
    DiskFileSource disk;
    return loadPlans(lib, disk, limits);
}

}  // namespace unknot
