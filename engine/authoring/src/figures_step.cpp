// A step's `figure:` field: which pose (or two poses to move between), the
// props on the body, the highlighted spot and the motion mark. Every name is
// checked against the FigureBook and the body points, with a suggestion.
//
//   figure: {pose: wall-lean-side, props: [tennis-ball@upper-back-right], mark: roll-vertical}
//   figure: {from: sit, to: sit-ear-to-shoulder-right, spot: neck-left}
//   figure: {none: "noticing how you feel, no position or movement"}
//
// `none:` says on purpose that a step has no figure, and why (for authors and
// for `unknot show --json`; never shown in the app). A step with it loads
// with no figure, exactly as one without the key.
#include "figures.hpp"

namespace unknot::loading {
namespace {

// A `none:` reason is a short note, like a code comment.
constexpr std::size_t kMaxNoFigureReason = 120;

struct FigureParser {
    const Library& lib;
    Reporter& rep;
    Scalars sc;
    StepFigure fig;
    bool ok = true;

    // A pose id the book holds; "" after reporting.
    std::string poseId(const YamlNode& v, const std::string& what) {
        auto s = sc.string(v, what);
        if (!s) return {};
        if (lib.figures.findPose(*s)) return *s;
        rep.error(v, "unknown pose " + quote(*s) + didYouMean(*s, lib.figures.poseIds()));
        return {};
    }

    std::string bodyPoint(const YamlNode& at, const std::string& name) {
        if (findBodyPoint(name)) return name;
        rep.error(at, "unknown body point " + quote(name) + didYouMean(name, bodyPointNames()));
        return {};
    }

    // `tennis-ball@upper-back-right`: a prop and the body point it sits on.
    void prop(const YamlNode& item) {
        auto s = sc.string(item, "prop");
        if (!s) return void(ok = false);
        const auto at = s->find('@');
        if (at == std::string::npos) {
            rep.error(item, "a figure's prop is written prop@body-point, like tennis-ball@upper-back-right, not " +
                                quote(*s));
            return void(ok = false);
        }
        PropAttach pa{s->substr(0, at), s->substr(at + 1)};
        if (!lib.figures.findProp(pa.prop)) {
            rep.error(item, "unknown prop " + quote(pa.prop) + didYouMean(pa.prop, lib.figures.propIds()));
            ok = false;
        }
        if (bodyPoint(item, pa.point).empty()) ok = false;
        fig.props.push_back(std::move(pa));
    }

    void props(const YamlNode& v) {
        if (!v.IsSequence()) {
            rep.error(v, "props must be a list like [tennis-ball@upper-back-right], not " + typeName(v));
            return void(ok = false);
        }
        if (v.size() > kMaxPropsPerStep) {
            rep.error(v, "a figure has " + std::to_string(v.size()) + " props; at most " +
                             std::to_string(kMaxPropsPerStep) + " are allowed");
            return void(ok = false);
        }
        for (const auto& item : v) prop(item);
    }

    void mark(const YamlNode& v) {
        auto s = sc.string(v, "mark");
        auto m = s ? markFromString(*s) : std::nullopt;
        if (s && !m) rep.error(v, "unknown mark " + quote(*s) + didYouMean(*s, markNames()));
        if (m) fig.mark = *m;
        ok = ok && m;
    }

    void key(const std::string& k, const YamlNode& v, Slot& every) {
        if (k == "pose" || k == "from") {
            fig.from = poseId(v, k);
            ok = ok && !fig.from.empty();
        } else if (k == "to") {
            fig.to = poseId(v, k);
            ok = ok && !fig.to.empty();
        } else if (k == "every") {
            every = v;
        } else if (k == "props") {
            props(v);
        } else if (k == "spot") {
            auto s = sc.string(v, "spot");
            fig.spot = s ? bodyPoint(v, *s) : std::string();
            ok = ok && !fig.spot.empty();
        } else {
            mark(v);
        }
    }

    // What the keys mean together: one pose or two, `every` with two, a
    // mark somewhere to be drawn.
    void together(const YamlNode& n, const std::vector<std::string>& seen, const Slot& every) {
        auto has = [&](const char* k) { return std::find(seen.begin(), seen.end(), k) != seen.end(); };
        if (has("pose") && (has("from") || has("to"))) {
            rep.error(n, "a figure takes pose (one still pose) or from and to (a movement), not both");
            ok = false;
        } else if (!has("pose") && !(has("from") && has("to"))) {
            rep.error(n, has("from") || has("to") ? "a figure's movement needs both from and to"
                                                  : "a figure needs a pose (or from and to)");
            ok = false;
        }
        const Pose* a = lib.figures.findPose(fig.from);
        const Pose* b = lib.figures.findPose(fig.to);
        if (a && b && a->view != b->view) {
            rep.error(n, "a figure moves between poses of one view: " + quote(a->id) + " is " + toString(a->view) +
                             ", " + quote(b->id) + " is " + toString(b->view));
            ok = false;
        }
        if (every) {
            if (auto secs = sc.duration(every, "every", 3600))
                fig.everyMs = *secs * 1000;
            else
                ok = false;
            if (!has("to")) rep.warning(every, "every has no effect without from and to");
        }
        if (fig.mark != MarkKind::None && fig.spot.empty() && fig.props.empty()) {
            rep.error(n, "a mark needs a place: give spot (a body point) or a prop");
            ok = false;
        }
    }
};

// `figure: {none: why}`: true when the map says so. Reports a `none` that is
// not alone or gives no reason.
bool noFigure(const YamlNode& n, Reporter& rep, Scalars& sc) {
    if (n.IsScalar() && n.Scalar() == "none") {
        rep.error(n, "say why the step has no figure, like figure: {none: \"noticing how you feel\"}");
        return true;
    }
    if (!n.IsMap() || !n["none"]) return false;
    const YamlNode why = n["none"];
    if (n.size() != 1)
        rep.error(n, "a figure with none has no pose, props or mark: give only none and its reason");
    else if (auto s = sc.string(why, "none"); s && s->empty())
        rep.error(why, "none needs its reason, like figure: {none: \"noticing how you feel\"}");
    else if (s && s->size() > kMaxNoFigureReason)
        rep.error(why, "the reason for none has " + std::to_string(s->size()) + " characters; at most " +
                           std::to_string(kMaxNoFigureReason) + " are allowed");
    return true;
}

}  // namespace

bool stepFigure(const YamlNode& n, const Library& lib, Reporter& rep, const PackContext& pack,
                std::shared_ptr<const StepFigure>& out) {
    FigureParser p{lib, rep, Scalars{rep, pack}, {}};
    const std::size_t before = rep.out->size();
    if (noFigure(n, rep, p.sc)) return rep.out->size() == before;
    std::vector<std::string> seen;
    Slot every;
    forEachKey(n, {"pose", "from", "to", "every", "props", "spot", "mark"}, rep, "a figure",
               [&](const std::string& k, const YamlNode&, const YamlNode& v) {
                   seen.push_back(k);
                   p.key(k, v, every);
               });
    if (!n.IsMap()) return false;
    p.together(n, seen, every);
    const bool errors = std::any_of(rep.out->begin() + static_cast<std::ptrdiff_t>(before), rep.out->end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::Error; });
    if (!p.ok || errors) return false;
    out = std::make_shared<const StepFigure>(std::move(p.fig));
    return true;
}

}  // namespace unknot::loading
