// unknot show ID [--json]: a routine's whole card, or its steps as JSON with
// each step's figure.
//
// [SECTION] JSON: the steps and their figures
// [SECTION] The card
#include "cli_internal.hpp"

#include "unknot/timeline.hpp"

#include <cstdio>
#include <iostream>

namespace unknot::cli {

//-----------------------------------------------------------------------------
// [SECTION] JSON
//-----------------------------------------------------------------------------
namespace {
std::string quoted(const std::string& s) {
    std::string o = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            o += '\\';
            o += ch;
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            o += buf;
        } else {
            o += ch;
        }
    }
    return o + "\"";
}

// A step's figure as written (the right side; a left side draws the mirror).
std::string figureJson(const StepFigure& f) {
    std::string o = "{\"pose\": " + quoted(f.from);
    o += ", \"to\": " + (f.to.empty() ? std::string("null") : quoted(f.to));
    o += ", \"everySeconds\": " + (f.everyMs > 0 ? formatSeconds(f.everyMs) : std::string("null"));
    o += ", \"props\": [";
    for (std::size_t i = 0; i < f.props.size(); ++i)
        o += (i ? ", " : "") + quoted(f.props[i].prop + "@" + f.props[i].point);
    o += "], \"spot\": " + (f.spot.empty() ? std::string("null") : quoted(f.spot));
    o += ", \"mark\": " + quoted(markNames()[static_cast<std::size_t>(f.mark)]) + "}";
    return o;
}

// Why a step has no figure: a breathing step keeps its breathing shape; any
// other step simply has none written.
const char* noFigureReason(const StepSummary& s) {
    return s.kind == SegmentKind::Breath ? "breathing step" : "no figure in the content";
}

std::string stepsJson(const Routine& r, const Timeline& t, const std::string& lang) {
    std::string o = "{\"id\": " + quoted(r.id) + ", \"lang\": " + quoted(lang) + ", \"steps\": [";
    const auto steps = summarizeSteps(t);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const StepSummary& s = steps[i];
        o += i ? ",\n  " : "\n  ";
        o += "{\"step\": " + std::to_string(s.step) + ", \"kind\": " + quoted(toString(s.kind));
        o += ", \"say\": " + quoted(s.say.get(lang)) + ", \"time\": " + quoted(describeStep(s));
        o += ", \"sides\": [";
        for (std::size_t k = 0; k < s.sides.size(); ++k) o += (k ? ", " : "") + quoted(toString(s.sides[k]));
        o += "], \"figure\": " + (s.figure ? figureJson(*s.figure) : std::string("null"));
        if (!s.figure) o += ", \"noFigure\": " + quoted(noFigureReason(s));
        o += "}";
    }
    return o + "\n]}\n";
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The card
//-----------------------------------------------------------------------------
int show(const CliEnv& env, const Common& c, const std::string& id, bool json) {
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
    if (json) {
        o << stepsJson(*r, t, lang);
        return 0;
    }
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
