// content/figures/: the props (props.yaml) and poses (poses.yaml) that every
// step's figure refers to. Both files have the loader's usual limits (size,
// depth, nodes, no tags) and bounded counts (kMaxProps, kMaxPoses,
// kMaxScenePerPose in unknot/figure.hpp).
//
// [SECTION] Numbers
// [SECTION] props.yaml
// [SECTION] poses.yaml
// [SECTION] Entry point
#include "figures.hpp"

#include <cmath>
#include <locale>
#include <sstream>
#include <string>

namespace unknot::loading {

//-----------------------------------------------------------------------------
// [SECTION] Numbers
//-----------------------------------------------------------------------------
namespace {
// A whole decimal number ("12", "-35", "0.25"), read in the classic locale.
// Not std::from_chars: the web build's libc++ (emscripten 3.1.6) has it for
// integers only. A leading '+' or space is refused, as from_chars would.
bool readFloat(const std::string& s, float& v) {
    if (s.empty() || s[0] == '+' || s[0] == ' ') return false;
    std::istringstream in(s);
    in.imbue(std::locale::classic());
    in >> std::noskipws >> v;
    return !in.fail() && in.peek() == std::char_traits<char>::eof();
}
}  // namespace

std::optional<float> figureNumber(const YamlNode& n, Scalars& sc, const std::string& what, float lo, float hi) {
    auto s = sc.string(n, what);
    if (!s) return std::nullopt;
    float v = 0;
    // At most 12 characters: a number, not a hostile 400-digit string.
    if (s->size() > 12 || !readFloat(*s, v) || !std::isfinite(v)) {
        sc.rep.error(n, what + " must be a number like 12, -35 or 0.25, not " + quote(*s));
        return std::nullopt;
    }
    if (v < lo || v > hi) {
        auto plain = [](float x) {
            std::ostringstream o;
            o << x;  // 360, 0.1, 1.5: no trailing zeros
            return o.str();
        };
        sc.rep.error(n, what + " " + quote(*s) + " is out of range: use " + plain(lo) + " to " + plain(hi));
        return std::nullopt;
    }
    return v;
}

namespace {
// `[x, y]` in figure space (0..1 each).
bool point(const YamlNode& n, Scalars& sc, const std::string& what, float& x, float& y) {
    if (!n.IsSequence() || n.size() != 2) {
        sc.rep.error(n, what + " must be a pair [x, y] of numbers from 0 to 1");
        return false;
    }
    auto px = figureNumber(n[0], sc, what + " x", 0, 1);
    auto py = figureNumber(n[1], sc, what + " y", 0, 1);
    if (!px || !py) return false;
    x = *px;
    y = *py;
    return true;
}

// A list item by item, at most `max` items (the rest reported once).
template <class F>
void boundedList(const YamlNode& v, const std::string& what, std::size_t max, Reporter& rep, F&& each) {
    if (!v.IsSequence()) return rep.error(v, what + " must be a list, not " + typeName(v));
    if (v.size() > max) {
        rep.error(
            v, what + " has " + std::to_string(v.size()) + " entries; at most " + std::to_string(max) + " are allowed");
        return;
    }
    for (const auto& item : v) each(item);
}

//-----------------------------------------------------------------------------
// [SECTION] props.yaml
//-----------------------------------------------------------------------------
void prop(const YamlNode& node, Scalars& sc, Reporter& rep, FigureBook& book) {
    PropDef d;
    bool ok = true;
    forEachKey(node, {"id", "shape", "size"}, rep, "a prop",
               [&](const std::string& k, const YamlNode&, const YamlNode& v) {
                   if (k == "id") {
                       auto id = sc.id(v, "prop id");
                       if (id) d.id = *id;
                       ok = ok && id;
                   } else if (k == "shape") {
                       auto s = sc.string(v, "shape");
                       auto shape = s ? propShapeFromString(*s) : std::nullopt;
                       if (s && !shape)
                           rep.error(v, "unknown prop shape " + quote(*s) + didYouMean(*s, propShapeNames()));
                       if (shape) d.shape = *shape;
                       ok = ok && shape;
                   } else {
                       ok = point(v, sc, "size", d.w, d.h) && ok;
                   }
               },
               {"id", "shape", "size"});
    if (!ok || d.id.empty()) return;
    if (book.findProp(d.id))
        rep.error(node, "duplicate prop id " + quote(d.id));
    else
        book.props.push_back(std::move(d));
}

//-----------------------------------------------------------------------------
// [SECTION] poses.yaml
//-----------------------------------------------------------------------------
// `joints` (degrees) or `lengths` (factors): a number per bone named.
bool perBone(const YamlNode& v, Scalars& sc, Reporter& rep, const std::string& what, float lo, float hi,
             std::array<float, kBoneCount>& out) {
    bool ok = true;
    forEachKey(v, boneNames(), rep, what, [&](const std::string& k, const YamlNode&, const YamlNode& a) {
        auto x = figureNumber(a, sc, k, lo, hi);
        if (x)
            out[static_cast<std::size_t>(*boneFromName(k))] = *x;
        else
            ok = false;
    });
    return ok;
}

// `frame: [x, y, size]`: a close-up that stays inside the square.
bool frameOf(const YamlNode& v, Scalars& sc, Pose& p) {
    if (!v.IsSequence() || v.size() != 3) {
        sc.rep.error(v, "frame must be [x, y, size]: the top-left corner and side of the part shown");
        return false;
    }
    auto x = figureNumber(v[0], sc, "frame x", 0, 1), y = figureNumber(v[1], sc, "frame y", 0, 1);
    auto size = figureNumber(v[2], sc, "frame size", kMinFrameSize, 1);
    if (!x || !y || !size) return false;
    if (*x + *size > 1.0001f || *y + *size > 1.0001f) {
        sc.rep.error(v, "frame must stay inside the square: x + size and y + size at most 1");
        return false;
    }
    p.frameX = *x;
    p.frameY = *y;
    p.frameSize = *size;
    return true;
}

bool scene(const YamlNode& v, Scalars& sc, Reporter& rep, const FigureBook& book, Pose& pose) {
    bool ok = true;
    boundedList(v, "scene", kMaxScenePerPose, rep, [&](const YamlNode& item) {
        ScenePlacement sp;
        forEachKey(item, {"prop", "at", "angle"}, rep, "a scene prop",
                   [&](const std::string& k, const YamlNode&, const YamlNode& x) {
                       if (k == "prop") {
                           auto s = sc.string(x, "prop");
                           if (s && !book.findProp(*s))
                               rep.error(x, "unknown prop " + quote(*s) + didYouMean(*s, book.propIds()));
                           if (s) sp.prop = *s;
                           ok = ok && s && book.findProp(*s);
                       } else if (k == "at") {
                           ok = point(x, sc, "at", sp.x, sp.y) && ok;
                       } else if (auto a = figureNumber(x, sc, "angle", -kMaxJointDegrees, kMaxJointDegrees)) {
                           sp.angle = *a;
                       } else {
                           ok = false;
                       }
                   },
                   {"prop", "at"});
        pose.scene.push_back(std::move(sp));
    });
    return ok && v.IsSequence() && v.size() <= kMaxScenePerPose;
}

void pose(const YamlNode& node, Scalars& sc, Reporter& rep, FigureBook& book) {
    Pose p;
    p.line = node.Mark().line + 1;
    bool ok = true;
    forEachKey(node, {"id", "view", "at", "joints", "lengths", "frame", "scene"}, rep, "a pose",
               [&](const std::string& k, const YamlNode&, const YamlNode& v) {
                   if (k == "id") {
                       auto id = sc.id(v, "pose id");
                       if (id) p.id = *id;
                       ok = ok && id;
                   } else if (k == "view") {
                       auto s = sc.string(v, "view");
                       auto view = s ? figureViewFromString(*s) : std::nullopt;
                       if (s && !view) rep.error(v, "view must be front, back or side, not " + quote(*s));
                       if (view) p.view = *view;
                       ok = ok && view;
                   } else if (k == "at") {
                       ok = point(v, sc, "at", p.x, p.y) && ok;
                   } else if (k == "joints") {
                       ok = perBone(v, sc, rep, "joints", -kMaxJointDegrees, kMaxJointDegrees, p.angles) && ok;
                   } else if (k == "lengths") {
                       ok = perBone(v, sc, rep, "lengths", 0, kMaxBoneLength, p.lengths) && ok;
                   } else if (k == "frame") {
                       ok = frameOf(v, sc, p) && ok;
                   } else {
                       ok = scene(v, sc, rep, book, p) && ok;
                   }
               },
               {"id", "view"});
    if (!ok || p.id.empty()) return;
    if (book.findPose(p.id))
        rep.error(node, "duplicate pose id " + quote(p.id));
    else
        book.poses.push_back(std::move(p));
}

// One of the two files: `format: 1` and a bounded list under `listKey`.
template <class Item>
void figureFile(const FileSource& files, const std::string& path, const LoadLimits& limits, Library& lib,
                const std::string& listKey, std::size_t max, Item&& item) {
    Reporter rep{&lib.diagnostics, path};
    auto root = readYaml(files, path, limits, rep);
    if (!root) return;
    PackContext ctx;
    Scalars sc{rep, ctx};
    const std::string fileName = path.substr(path.find_last_of('/') + 1);
    forEachKey(*root, {"format", listKey}, rep, fileName,
               [&](const std::string& key, const YamlNode&, const YamlNode& v) {
                   if (key == "format") return checkFormat(v, rep, sc);
                   boundedList(v, listKey, max, rep, [&](const YamlNode& n) { item(n, sc, rep); });
               },
               {"format", listKey});
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry point
//-----------------------------------------------------------------------------
void loadFigures(const FileSource& files, const std::string& vocabularyDir, const LoadLimits& limits, Library& lib) {
    const std::string dir = joinPath(vocabularyDir, "figures");
    if (files.type(dir) != FileSource::Type::Directory) return;
    FigureBook& book = lib.figures;
    // Props first: a pose's scene names them.
    figureFile(files, joinPath(dir, "props.yaml"), limits, lib, "props", kMaxProps,
               [&](const YamlNode& n, Scalars& sc, Reporter& rep) { prop(n, sc, rep, book); });
    figureFile(files, joinPath(dir, "poses.yaml"), limits, lib, "poses", kMaxPoses,
               [&](const YamlNode& n, Scalars& sc, Reporter& rep) { pose(n, sc, rep, book); });
}

}  // namespace unknot::loading
