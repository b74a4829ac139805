// Packs: pack.yaml (format, id, title, version, languages).
#include "loader_internal.hpp"

#include <algorithm>

namespace unknot::loading {
namespace {

// `languages: [en, fr]`: each a known ISO 639-1 code, none twice. Sets
// ctx.languages when at least one is usable.
void packLanguages(const YamlNode& v, Scalars& sc, Reporter& rep, PackContext& ctx) {
    if (!v.IsSequence() || v.size() == 0) {
        rep.error(v, "languages must be a non-empty list like [en, fr]");
        return;
    }
    std::vector<std::string> langs;
    for (const auto& l : v) {
        auto s = sc.string(l, "language");
        if (!s) continue;
        if (!isIsoLanguage(*s)) {
            rep.error(l, "unknown language " + quote(*s) + didYouMean(*s, {"en", "fr", "de", "es", "it", "pt", "nl"}));
        } else if (std::find(langs.begin(), langs.end(), *s) != langs.end()) {
            rep.error(l, "language " + quote(*s) + " is listed twice");
        } else {
            langs.push_back(*s);
        }
    }
    if (!langs.empty()) ctx.languages = langs;
}

}  // namespace

bool loadPackFile(const FileSource& files, const std::string& dir, const LoadLimits& limits, Library& lib,
                  PackContext& ctx) {
    std::string path = joinPath(dir, "pack.yaml");
    Reporter rep{&lib.diagnostics, path};
    auto root = readYaml(files, path, limits, rep);
    if (!root) return false;
    Pack pack;
    pack.dir = dir;
    ctx.dir = dir;
    bool formatOk = true;
    Scalars sc{rep, ctx};
    Slot titleNode;  // title is checked once languages are known
    forEachKey(*root, {"format", "id", "title", "version", "languages"}, rep, "pack.yaml",
               [&](const std::string& k, const YamlNode&, const YamlNode& v) {
                   if (k == "format") {
                       std::size_t before = lib.diagnostics.size();
                       checkFormat(v, rep, sc);
                       formatOk = lib.diagnostics.size() == before;
                   } else if (k == "id") {
                       if (auto id = sc.id(v, "pack id")) pack.id = std::move(*id);
                   } else if (k == "title") {
                       titleNode = v;
                   } else if (k == "version") {
                       if (auto s = sc.string(v, "version"); s && sc.notTooLong(v, *s, "version", kMaxVersionChars))
                           pack.version = *s;
                   } else if (k == "languages") {
                       packLanguages(v, sc, rep, ctx);
                   }
               },
               {"format", "id", "title", "version", "languages"});
    if (titleNode) {
        if (auto t = sc.text(titleNode, "title", kMaxTitleChars)) pack.title = std::move(*t);
    }
    pack.languages = ctx.languages;
    if (pack.id.empty()) pack.id = dir;
    ctx.id = pack.id;
    if (!formatOk) return false;
    if (const Pack* other = lib.findPack(pack.id)) {
        const YamlNode& r = *root;
        rep.error(r["id"] ? r["id"] : r, "duplicate pack id " + quote(pack.id) + ": also used by " + other->dir);
        return false;
    }
    lib.packs.push_back(std::move(pack));
    return true;
}

}  // namespace unknot::loading
