// Routines and their steps: a prompt (`say`) with a duration, a wait or a
// breathing block; a `repeat` of inner steps; an `include` of another routine.
//
// [SECTION] Vocabulary lists, breathing blocks and images
// [SECTION] Steps
// [SECTION] Routines
#include "figures.hpp"
#include "loader_internal.hpp"

#include "unknot/timeline.hpp"

#include <algorithm>

namespace unknot::loading {
namespace {

struct RoutineParser {
    const FileSource& files;
    const LoadLimits& limits;
    const Library& lib;
    Reporter& rep;
    const PackContext& pack;
    Parsed& parsed;
    Scalars sc{rep, pack};

    // The nodes of a prompt step, gathered before any is read: which body a
    // step has decides how the others are read.
    struct SayNodes {
        Slot say, duration, wait, breathe, sides, switchAfter;
    };

    //-------------------------------------------------------------------------
    // [SECTION] Vocabulary lists, breathing blocks and images
    //-------------------------------------------------------------------------
    std::vector<std::string> areaIds() const {
        std::vector<std::string> v;
        for (const auto& a : lib.areas) v.push_back(a.id);
        return v;
    }
    std::vector<std::string> equipmentIds() const {
        std::vector<std::string> v;
        for (const auto& e : lib.equipment) v.push_back(e.id);
        return v;
    }

    // A list of ids from a vocabulary.
    std::vector<std::string> vocabList(const YamlNode& n, const std::string& what,
                                       const std::vector<std::string>& known, bool allowEmpty) {
        std::vector<std::string> out;
        if (!n.IsSequence()) {
            rep.error(n, what + " must be a list like [a, b], not " + typeName(n));
            return out;
        }
        if (n.size() == 0 && !allowEmpty) rep.error(n, what + " must list at least one");
        for (const auto& item : n) {
            auto s = sc.string(item, what);
            if (!s) continue;
            if (std::find(known.begin(), known.end(), *s) == known.end()) {
                rep.error(item, "unknown " + what.substr(0, what.size() - (what.back() == 's' ? 1 : 0)) + " " +
                                    quote(*s) + didYouMean(*s, known));
            } else if (std::find(out.begin(), out.end(), *s) != out.end()) {
                rep.error(item, quote(*s) + " is listed twice in " + what);
            } else {
                out.push_back(*s);
            }
        }
        return out;
    }

    // The phases of a breathing block; false when one is unusable or inhale
    // or exhale is missing.
    bool breathePhases(const YamlNode& n, Breathe& b, Slot& durationNode, Slot& cyclesNode) {
        bool ok = true, hasInhale = false, hasExhale = false;
        forEachKey(n, {"inhale", "hold", "exhale", "rest", "duration", "cycles", "count_aloud"}, rep, "breathe",
                   [&](const std::string& k, const YamlNode&, const YamlNode& v) {
                       if (k == "count_aloud") {
                           if (auto c = sc.integer(v, "count_aloud", 0, 100000))
                               b.countAloud = static_cast<int>(*c);
                           else
                               ok = false;
                           return;
                       }
                       if (k == "duration") {
                           durationNode = v;
                           return;
                       }
                       if (k == "cycles") {
                           cyclesNode = v;
                           return;
                       }
                       auto ms = sc.secondsMs(v, k, limits.maxStepSeconds);
                       if (!ms) {
                           // Already explained (malformed, negative, out of range);
                           // don't also call it missing.
                           ok = false;
                           if (k == "inhale") hasInhale = true;
                           if (k == "exhale") hasExhale = true;
                           return;
                       }
                       if (k == "inhale") {
                           b.inhaleMs = *ms;
                           hasInhale = *ms > 0;
                       } else if (k == "hold")
                           b.holdMs = *ms;
                       else if (k == "exhale") {
                           b.exhaleMs = *ms;
                           hasExhale = *ms > 0;
                       } else
                           b.restMs = *ms;
                   });
        if (!n.IsMap()) return false;
        if (!hasInhale) {
            rep.error(n, "breathing block has no inhale (give inhale in seconds, above 0)");
            ok = false;
        }
        if (!hasExhale) {
            rep.error(n, "breathing block has no exhale (give exhale in seconds, above 0)");
            ok = false;
        }
        return ok;
    }

    std::optional<Breathe> breathe(const YamlNode& n) {
        Breathe b;
        Slot durationNode, cyclesNode;
        bool ok = breathePhases(n, b, durationNode, cyclesNode);
        if (!n.IsMap()) return std::nullopt;
        if (durationNode && cyclesNode) {
            rep.error(cyclesNode, "breathing block takes duration or cycles, not both");
            ok = false;
        } else if (!durationNode && !cyclesNode) {
            rep.error(n, "breathing block needs a duration (like 5m) or a number of cycles");
            ok = false;
        }
        if (!ok) return std::nullopt;
        if (cyclesNode) {
            auto c = sc.integer(cyclesNode, "cycles", 1, 100000);
            if (!c) return std::nullopt;
            b.cycles = static_cast<int>(*c);
        } else {
            auto secs = sc.duration(durationNode, "duration", limits.maxStepSeconds);
            if (!secs) return std::nullopt;
            // The nearest whole number of cycles, at least one: a session never
            // stops mid-breath.
            std::int64_t cyc = (*secs * 1000 * 2 + b.cycleMs()) / (2 * b.cycleMs());
            b.cycles = static_cast<int>(std::max<std::int64_t>(1, cyc));
        }
        if (b.cycleMs() * b.cycles > limits.maxStepSeconds * 1000) {
            rep.error(cyclesNode ? cyclesNode.n : durationNode.n,
                      "breathing block lasts " + formatDurationHuman(b.cycleMs() * b.cycles / 1000) + ", over the " +
                          formatDurationHuman(limits.maxStepSeconds) + " limit for a step");
            return std::nullopt;
        }
        return b;
    }

    // The path relative to the pack folder, resolved lexically; "" (after
    // reporting) when it climbs out of the pack.
    std::optional<std::string> imageRelative(const YamlNode& n, const std::string& s) {
        if (s.empty() || s[0] == '/' || s[0] == '\\' || s.find(':') != std::string::npos) {
            rep.error(n, "image path " + quote(s) + " must be relative to the pack folder");
            return std::nullopt;
        }
        std::vector<std::string> parts;
        std::string cur;
        for (char c : s + "/") {
            if (c != '/' && c != '\\') {
                cur += c;
                continue;
            }
            if (cur == "..") {
                if (parts.empty()) {
                    rep.error(n, "image path " + quote(s) + " leaves the pack folder");
                    return std::nullopt;
                }
                parts.pop_back();
            } else if (!cur.empty() && cur != ".") {
                parts.push_back(cur);
            }
            cur.clear();
        }
        std::string rel;
        for (const auto& p : parts) rel = rel.empty() ? p : rel + "/" + p;
        return rel;
    }

    std::optional<std::string> image(const YamlNode& n) {
        auto s = sc.string(n, "image");
        if (!s) return std::nullopt;
        // Anything that climbs out of the pack (absolute, "..", a drive
        // letter) is refused before any file access.
        auto rel = imageRelative(n, *s);
        if (!rel) return std::nullopt;
        std::string full = joinPath(pack.dir, *rel);
        if (files.type(full) != FileSource::Type::File) {
            rep.error(n, "image " + quote(*s) + " does not exist in the pack");
            return std::nullopt;
        }
        if (!files.staysInside(full, pack.dir)) {
            std::string why = files.linkProblem(full);
            rep.error(n, why.empty() ? "image path " + quote(*s) + " leaves the pack folder through a symbolic link"
                                     : "image " + quote(*s) + ": " + why);
            return std::nullopt;
        }
        // The app will read it: it must be a regular file (reading at most
        // one byte here; a FIFO or a device is refused without blocking).
        std::string err;
        if (!files.read(full, 0, err)) {
            rep.error(n, "image " + quote(*s) + " cannot be read: " + err);
            return std::nullopt;
        }
        return full;
    }

    //-------------------------------------------------------------------------
    // [SECTION] Steps
    //-------------------------------------------------------------------------
    std::optional<Step> repeatStep(const YamlNode& n, int depth, Step st) {
        RepeatStep r;
        bool ok = true;
        Slot stepsNode;
        forEachKey(n, {"repeat", "steps"}, rep, "a repeat step",
                   [&](const std::string& k, const YamlNode&, const YamlNode& v) {
                       if (k == "repeat") {
                           if (auto c = sc.integer(v, "repeat count", 1, 100))
                               r.count = static_cast<int>(*c);
                           else
                               ok = false;
                       } else {
                           stepsNode = v;
                       }
                   });
        if (!stepsNode) {
            rep.error(n, "repeat needs its own steps: a list under 'steps'");
            return std::nullopt;
        }
        auto inner = steps(stepsNode, depth + 1);
        if (!inner || !ok) return std::nullopt;
        r.steps = std::move(*inner);
        st.v = std::move(r);
        return st;
    }

    std::optional<Step> includeStep(const YamlNode& n, Step st) {
        IncludeStep inc;
        bool ok = true;
        forEachKey(n, {"include"}, rep, "an include step", [&](const std::string&, const YamlNode&, const YamlNode& v) {
            if (auto id = sc.id(v, "included routine id")) {
                inc.routineId = *id;
                parsed.includes.emplace_back(*id, v.Mark());
            } else {
                ok = false;
            }
        });
        if (!ok) return std::nullopt;
        st.v = std::move(inc);
        return st;
    }

    // `say`: the prompt; one that cannot be read at a glance is a warning.
    bool prompt(const YamlNode& sayNode, SayStep& say) {
        auto t = sc.text(sayNode, "say", kMaxPromptChars);
        if (!t) return false;
        // A prompt is read at a glance by someone tired: long ones belong in `tip`.
        for (const auto& [lang, text] : t->byLang) {
            std::size_t chars = countCodePoints(text);
            if (chars > kPromptGlanceChars) {
                rep.warning(sayNode, "prompt (" + lang + ") is " + std::to_string(chars) +
                                         " characters; keep it under " + std::to_string(kPromptGlanceChars) +
                                         " so it reads at a glance, and move detail to tip");
                break;
            }
        }
        say.say = std::move(*t);
        return true;
    }

    // `sides: [right, left]`: each side once.
    bool sides(const YamlNode& sidesNode, Timed& t) {
        if (!sidesNode.IsSequence() || sidesNode.size() == 0) {
            rep.error(sidesNode, "sides must be a list of left and right, like [right, left]");
            return false;
        }
        bool ok = true;
        for (const auto& s : sidesNode) {
            auto v = sc.string(s, "side");
            Side side = v && *v == "left" ? Side::Left : v && *v == "right" ? Side::Right : Side::None;
            if (side == Side::None) {
                if (v) rep.error(s, "sides are left or right, not " + quote(*v) + didYouMean(*v, {"left", "right"}));
                ok = false;
            } else if (std::find(t.sides.begin(), t.sides.end(), side) != t.sides.end()) {
                rep.error(s, "side " + quote(*v) + " is listed twice");
                ok = false;
            } else {
                t.sides.push_back(side);
            }
        }
        return ok;
    }

    // A timed step: duration, maybe sides and a switch between them; its
    // whole length (timedStepSeconds, as the timeline plays it) within the
    // limit for a step.
    bool timedBody(const SayNodes& nodes, SayStep& say) {
        Timed t;
        bool ok = true;
        if (auto secs = sc.duration(nodes.duration, "duration", limits.maxStepSeconds))
            t.seconds = *secs;
        else
            ok = false;
        if (nodes.sides && !sides(nodes.sides, t)) ok = false;
        if (nodes.switchAfter) {
            if (auto secs = sc.duration(nodes.switchAfter, "switch", limits.maxStepSeconds, true))
                t.switchSeconds = *secs;
            else
                ok = false;
            if (!nodes.sides) rep.warning(nodes.switchAfter, "switch has no effect without sides");
        }
        std::int64_t total = timedStepSeconds(t);
        if (ok && total > limits.maxStepSeconds) {
            rep.error(nodes.duration, "step lasts " + formatDurationHuman(total) + " with its sides, over the " +
                                          formatDurationHuman(limits.maxStepSeconds) + " limit");
            ok = false;
        }
        say.body = std::move(t);
        return ok;
    }

    // Exactly one of duration, wait and breathe.
    bool body(const YamlNode& n, const SayNodes& nodes, SayStep& say, bool& ok) {
        int bodies = !!nodes.duration + !!nodes.wait + !!nodes.breathe;
        if (bodies == 0) {
            rep.error(n, "this step says something but has no duration, wait, breathe, repeat or include");
            return false;
        }
        if (bodies > 1) {
            rep.error(n, "a step takes only one of duration, wait and breathe");
            return false;
        }
        if ((nodes.sides || nodes.switchAfter) && !nodes.duration) {
            rep.error(nodes.sides ? nodes.sides.n : nodes.switchAfter.n,
                      "sides and switch go with a timed step (duration)");
            ok = false;
        }
        if (nodes.duration) {
            if (!timedBody(nodes, say)) ok = false;
        } else if (nodes.wait) {
            auto w = sc.string(nodes.wait, "wait");
            if (!w || *w != "tap") {
                if (w) rep.error(nodes.wait, "wait must be 'tap', not " + quote(*w) + didYouMean(*w, {"tap"}));
                ok = false;
            }
            say.body = WaitTap{};
        } else {
            if (auto b = breathe(nodes.breathe))
                say.body = *b;
            else
                ok = false;
        }
        return true;
    }

    // `voice: none` keeps the step quiet; any other text is what is spoken
    // instead of the prompt (shorter, or better heard than read).
    void voice(const YamlNode& v, SayStep& say, bool& ok) {
        if (v.IsScalar() && v.Scalar() == "none") {
            say.quiet = true;
            return;
        }
        if (auto t = sc.text(v, "voice", kMaxVoiceChars))
            say.voice = std::move(*t);
        else
            ok = false;
    }

    void cue(const YamlNode& v, SayStep& say, bool& ok) {
        auto s = sc.string(v, "cue");
        if (s && *s == "chime")
            say.cue = Cue::Chime;
        else if (s && *s == "none")
            say.cue = Cue::None;
        else {
            if (s) rep.error(v, "unknown cue " + quote(*s) + ": use chime or none" + didYouMean(*s, {"chime", "none"}));
            ok = false;
        }
    }

    std::optional<Step> sayStep(const YamlNode& n, Step st) {
        SayStep say;
        bool ok = true;
        SayNodes nodes;
        forEachKey(n,
                   {"say", "tip", "voice", "duration", "sides", "switch", "cue", "wait", "breathe", "image", "figure"},
                   rep, "a step", [&](const std::string& k, const YamlNode&, const YamlNode& v) {
                       if (k == "say")
                           nodes.say = v;
                       else if (k == "tip") {
                           if (auto t = sc.text(v, "tip", kMaxTipChars))
                               say.tip = std::move(*t);
                           else
                               ok = false;
                       } else if (k == "duration")
                           nodes.duration = v;
                       else if (k == "wait")
                           nodes.wait = v;
                       else if (k == "breathe")
                           nodes.breathe = v;
                       else if (k == "sides")
                           nodes.sides = v;
                       else if (k == "switch")
                           nodes.switchAfter = v;
                       else if (k == "cue")
                           cue(v, say, ok);
                       else if (k == "voice")
                           voice(v, say, ok);
                       else if (k == "image") {
                           if (auto img = image(v))
                               say.image = std::move(*img);
                           else
                               ok = false;
                       } else if (k == "figure" && !stepFigure(v, lib, rep, pack, say.figure))
                           ok = false;
                   });
        if (!nodes.say) {
            rep.error(n, "a step needs 'say' (what to do), or is a 'repeat' or an 'include'");
            return std::nullopt;
        }
        if (!prompt(nodes.say, say)) ok = false;
        if (!body(n, nodes, say, ok) || !ok) return std::nullopt;
        st.v = std::move(say);
        return st;
    }

    // Parses one step; returns nullopt if it is unusable.
    std::optional<Step> step(const YamlNode& n, int depth) {
        Step st;
        st.pos = {n.Mark().line + 1, n.Mark().column + 1};
        if (!n.IsMap()) {
            rep.error(n, "a step must be a map (say/duration, repeat or include), not " + typeName(n));
            return std::nullopt;
        }
        // Which kind of step it is decides which keys are known.
        bool repeat = false, include = false;
        for (const auto& kv : n) {
            if (!kv.first.IsScalar()) continue;
            repeat = repeat || kv.first.Scalar() == "repeat";
            include = include || kv.first.Scalar() == "include";
        }
        if (repeat) return repeatStep(n, depth, std::move(st));
        if (include) return includeStep(n, std::move(st));
        return sayStep(n, std::move(st));
    }

    std::optional<Steps> steps(const YamlNode& n, int depth) {
        if (!n.IsSequence()) {
            rep.error(n, "steps must be a list, not " + typeName(n));
            return std::nullopt;
        }
        if (n.size() == 0) {
            rep.error(n, "steps must hold at least one step");
            return std::nullopt;
        }
        Steps out;
        bool ok = true;
        for (const auto& s : n) {
            if (auto st = step(s, depth))
                out.push_back(std::move(*st));
            else
                ok = false;
        }
        if (!ok) return std::nullopt;
        return out;
    }

    //-------------------------------------------------------------------------
    // [SECTION] Routines
    //-------------------------------------------------------------------------
    // `cautions`: one to kMaxCautionsPerRoutine texts.
    bool cautions(const YamlNode& v, Routine& r) {
        if (!v.IsSequence() || v.size() == 0) {
            rep.error(v, "cautions must be a list with at least one caution");
            return false;
        }
        if (v.size() > kMaxCautionsPerRoutine) {
            rep.error(v, "a routine has " + std::to_string(v.size()) + " cautions; at most " +
                             std::to_string(kMaxCautionsPerRoutine) + " are allowed");
            return false;
        }
        bool ok = true;
        for (const auto& c : v) {
            if (auto t = sc.text(c, "caution", kMaxCautionChars))
                r.cautions.push_back(std::move(*t));
            else
                ok = false;
        }
        return ok;
    }

    // `kind` and `intensity`: a name from a fixed list.
    template <class E>
    std::optional<E> named(const YamlNode& v, const std::string& what, std::optional<E> (*parse)(std::string_view),
                           const std::vector<std::string>& names) {
        auto s = sc.string(v, what);
        auto e = s ? parse(*s) : std::nullopt;
        if (s && !e) rep.error(v, "unknown " + what + " " + quote(*s) + didYouMean(*s, names));
        return e;
    }

    // One key of a routine's root (all but `steps`); false when unusable.
    bool routineField(const std::string& k, const YamlNode& v, Routine& r) {
        if (k == "id") {
            auto id = sc.id(v, "id");
            if (id) {
                r.id = std::move(*id);
                parsed.idMark = v.Mark();
            }
            return !!id;
        }
        if (k == "title" || k == "summary") {
            auto t = sc.text(v, k, k == "title" ? kMaxTitleChars : kMaxSummaryChars);
            if (t) (k == "title" ? r.title : r.summary) = std::move(*t);
            return !!t;
        }
        if (k == "kind") {
            auto kind = named<Kind>(v, "kind", kindFromString, kindNames());
            if (kind) r.kind = *kind;
            return !!kind;
        }
        if (k == "intensity") {
            auto in = named<Intensity>(v, "intensity", intensityFromString, intensityNames());
            if (in) r.intensity = *in;
            return !!in;
        }
        if (k == "flare_safe") {
            auto b = sc.boolean(v, "flare_safe");
            if (b) r.flareSafe = *b;
            return !!b;
        }
        if (k == "areas")
            r.areas = vocabList(v, "areas", areaIds(), false);
        else if (k == "equipment")
            r.equipment = vocabList(v, "equipment", equipmentIds(), true);
        else if (k == "conditions") {
            if (!v.IsSequence()) {
                rep.error(v, "conditions must be a list of tags");
                return false;
            }
            for (const auto& c : v)
                if (auto s = sc.id(c, "condition")) r.conditions.push_back(*s);
        } else if (k == "cautions") {
            return cautions(v, r);
        }
        return true;
    }

    void routine(const YamlNode& root) {
        Routine& r = parsed.routine;
        r.packId = pack.id;
        r.pos = {1, 1};
        bool ok = true;
        Slot stepsNode;
        forEachKey(root,
                   {"id", "title", "summary", "kind", "areas", "conditions", "equipment", "intensity", "flare_safe",
                    "cautions", "steps"},
                   rep, "a routine",
                   [&](const std::string& k, const YamlNode&, const YamlNode& v) {
                       if (k == "steps")
                           stepsNode = v;
                       else if (!routineField(k, v, r))
                           ok = false;
                   },
                   {"id", "title", "summary", "kind", "areas", "intensity", "flare_safe", "cautions", "steps"});
        if (stepsNode) {
            if (auto s = steps(stepsNode, 0)) r.steps = std::move(*s);
        }
        parsed.ok = ok && !rep.failed;
    }
};

}  // namespace

void parseRoutine(const FileSource& files, const LoadLimits& limits, const Library& lib, Reporter& rep,
                  const PackContext& pack, const YamlNode& root, Parsed& parsed) {
    RoutineParser rp{files, limits, lib, rep, pack, parsed};
    rp.routine(root);
}

}  // namespace unknot::loading
