// The vocabularies: areas.yaml (with synonyms and body-map spots) and
// equipment.yaml, in content/ beside the packs.
#include "loader_internal.hpp"

#include <algorithm>
#include <functional>

namespace unknot::loading {
namespace {

template <class T>
using ExtraKey = std::function<void(T&, const std::string&, const YamlNode&, Scalars&, Reporter&)>;

// One item of a vocabulary list: its id, label and extra keys. Kept in `out`
// unless it has errors or repeats an id.
template <class T>
void vocabularyItem(const YamlNode& node, const std::vector<std::string>& itemKeys, const std::string& itemName,
                    const std::string& single, Scalars& sc, Reporter& rep, std::vector<T>& out,
                    const ExtraKey<T>& extra) {
    T item;
    bool ok = true;
    forEachKey(node, itemKeys, rep, itemName,
               [&](const std::string& k, const YamlNode&, const YamlNode& val) {
                   if (k == "id") {
                       if (auto id = sc.id(val, single + " id"))
                           item.id = std::move(*id);
                       else
                           ok = false;
                   } else if (k == "label") {
                       if (auto t = sc.text(val, "label", kMaxLabelChars))
                           item.label = std::move(*t);
                       else
                           ok = false;
                   } else {
                       extra(item, k, val, sc, rep);
                   }
               },
               {"id", "label"});
    if (!ok || item.id.empty()) return;
    bool dup = std::any_of(out.begin(), out.end(), [&](const T& x) { return x.id == item.id; });
    if (dup)
        rep.error(node, "duplicate " + single + " id " + quote(item.id));
    else
        out.push_back(std::move(item));
}

// The two vocabularies share their shape: `format` and a list of items, each
// with an id and a label. Areas add synonyms and body-map spots (`extra`).
template <class T>
void loadVocabulary(const FileSource& files, const std::string& path, const LoadLimits& limits,
                    std::vector<Diagnostic>& diagnostics, const std::string& listKey, const std::string& itemName,
                    std::vector<T>& out, const std::vector<std::string>& extraKeys, const ExtraKey<T>& extra) {
    Reporter rep{&diagnostics, path};
    auto root = readYaml(files, path, limits, rep);
    if (!root) return;
    PackContext ctx;
    Scalars sc{rep, ctx};
    std::vector<std::string> itemKeys{"id", "label"};
    itemKeys.insert(itemKeys.end(), extraKeys.begin(), extraKeys.end());
    const std::string fileName = path.substr(path.find_last_of('/') + 1);
    const std::string single = listKey.ends_with('s') ? listKey.substr(0, listKey.size() - 1) : listKey;
    forEachKey(*root, {"format", listKey}, rep, fileName,
               [&](const std::string& key, const YamlNode&, const YamlNode& v) {
                   if (key == "format") return checkFormat(v, rep, sc);
                   if (!v.IsSequence()) return rep.error(v, listKey + " must be a list");
                   for (const auto& node : v) vocabularyItem(node, itemKeys, itemName, single, sc, rep, out, extra);
               });
    if (const YamlNode& r = *root; r.IsMap() && !r[listKey]) rep.error(r, "missing required field '" + listKey + "'");
}

void synonyms(Area& area, const YamlNode& val, Scalars& sc, Reporter& rep) {
    if (!val.IsMap()) return rep.error(val, "synonyms must map a language to a list of words");
    for (const auto& kv : val) {
        // Copies: kv is a temporary, and a range-for over kv.second must not
        // outlive it (ASan, fuzz_loader).
        const YamlNode lang = kv.first, list = kv.second;
        auto& words = area.synonyms[lang.Scalar()];
        if (!list.IsSequence()) {
            rep.error(list, "synonyms must be a list");
            continue;
        }
        for (const auto& w : list)
            if (auto s = sc.string(w, "synonym"); s && sc.notTooLong(w, *s, "synonym", kMaxSynonymChars))
                words.push_back(*s);
    }
}

// `map`: one or more spots on the body map.
void mapSpots(Area& area, const YamlNode& val, Scalars& sc, Reporter& rep) {
    if (!val.IsSequence()) return rep.error(val, "map must be a list of spots");
    for (const auto& spot : val) {
        MapSpot ms;
        forEachKey(spot, {"view", "x", "y", "r"}, rep, "a map spot",
                   [&](const std::string& sk, const YamlNode&, const YamlNode& sv) {
                       if (sk == "view") {
                           auto s = sc.string(sv, "view");
                           if (s && *s != "front" && *s != "back") rep.error(sv, "view must be front or back");
                           ms.back = s && *s == "back";
                           return;
                       }
                       auto ms1000 = sc.secondsMs(sv, sk);
                       float f = ms1000 ? static_cast<float>(*ms1000) / 1000.f : 0.f;
                       if (ms1000 && f > 1.f) rep.error(sv, sk + " must be between 0 and 1");
                       (sk == "x" ? ms.x : sk == "y" ? ms.y : ms.r) = f;
                   });
        area.spots.push_back(ms);
    }
}

}  // namespace

void loadAreas(const FileSource& files, const std::string& path, const LoadLimits& limits, Library& lib) {
    loadVocabulary<Area>(files, path, limits, lib.diagnostics, "areas", "an area", lib.areas, {"synonyms", "map"},
                         [](Area& area, const std::string& k, const YamlNode& val, Scalars& sc, Reporter& rep) {
                             if (k == "synonyms")
                                 synonyms(area, val, sc, rep);
                             else
                                 mapSpots(area, val, sc, rep);
                         });
}

void loadEquipment(const FileSource& files, const std::string& path, const LoadLimits& limits, Library& lib) {
    loadVocabulary<Equipment>(files, path, limits, lib.diagnostics, "equipment", "a piece of equipment", lib.equipment,
                              {}, [](Equipment&, const std::string&, const YamlNode&, Scalars&, Reporter&) {});
}

}  // namespace unknot::loading
