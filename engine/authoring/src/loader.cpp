// The loader: YAML packs in, a checked Library out.
//
// This is the only file of Unknot that includes yaml-cpp. It never throws for
// bad content: every problem becomes a Diagnostic at the line and column of the
// node that caused it, and a broken routine is left out while the rest loads.
//
// [SECTION] Reporter: diagnostics with positions
// [SECTION] Reading files safely (size, UTF-8, parse errors, depth, node count)
// [SECTION] Scalars: strings, ids, numbers, durations, text
// [SECTION] Vocabularies: areas.yaml, equipment.yaml
// [SECTION] Packs: pack.yaml
// [SECTION] Routines and steps
// [SECTION] Whole-library checks: duplicates, includes, cycles, totals
// [SECTION] Entry points
#include "unknot/loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace unknot {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Reporter
//-----------------------------------------------------------------------------
// Collects the diagnostics of one file and remembers whether any is an error,
// which decides whether the routine is kept.
struct Reporter {
    std::vector<Diagnostic>* out;
    std::string path;
    bool failed = false;

    void at(const YAML::Mark& m, Severity sev, std::string msg) {
        Diagnostic d;
        d.path = path;
        if (!m.is_null()) {
            d.line = m.line + 1;
            d.column = m.column + 1;
        }
        d.severity = sev;
        d.message = std::move(msg);
        if (sev == Severity::Error) failed = true;
        out->push_back(std::move(d));
    }
    void error(const YAML::Node& n, std::string msg) { at(n.Mark(), Severity::Error, std::move(msg)); }
    void warning(const YAML::Node& n, std::string msg) { at(n.Mark(), Severity::Warning, std::move(msg)); }
    void fileError(std::string msg, int line = 0, int column = 0) {
        failed = true;
        out->push_back({path, line, column, Severity::Error, std::move(msg)});
    }
};

std::string quote(const std::string& s) {
    // Long or binary values are cut (at a character boundary) so one
    // diagnostic stays one readable line; control characters are escaped.
    std::size_t cut = s.size();
    if (cut > 40) {
        cut = 40;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    }
    return "'" + escapeControl(s.substr(0, cut)) + (cut < s.size() ? "..." : "") + "'";
}

std::string didYouMean(const std::string& word, const std::vector<std::string>& candidates) {
    std::string s = suggest(word, candidates);
    return s.empty() ? std::string() : " (did you mean '" + s + "'?)";
}

std::string typeName(const YAML::Node& n) {
    switch (n.Type()) {
        case YAML::NodeType::Map: return "a map";
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Scalar: return "a value";
        case YAML::NodeType::Null: return "empty";
        default: return "nothing";
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Reading files safely
//-----------------------------------------------------------------------------
// Walks a document once, bounded: stops as soon as it has seen more than
// maxNodes nodes (aliases are counted each time they are reached, since the
// checks below would reach them too) or a nesting deeper than maxDepth. Without
// the bound, a few lines of aliases expand to billions of nodes.
struct ShapeCheck {
    const LoadLimits& limits;
    std::size_t nodes = 0;
    bool tooDeep = false;
    YAML::Mark deepMark;
    // Explicit YAML tags (!!binary, !!python/object, !custom), each place
    // once: content is plain text, numbers and lists, and a tag that Unknot
    // ignored would make a file mean something else to another reader.
    std::vector<std::pair<YAML::Mark, std::string>> tags;

    bool walk(const YAML::Node& n, int depth) {
        if (++nodes > limits.maxNodes) return false;
        // yaml-cpp gives "?" for an untagged plain node and "!" for a quoted
        // scalar (the non-specific tag); anything else was written.
        const std::string& tag = n.Tag();
        if (!tag.empty() && tag != "?" && tag != "!" && tags.size() < 20) {
            const YAML::Mark m = n.Mark();
            bool seen = std::any_of(tags.begin(), tags.end(), [&](const auto& t) {
                return t.first.line == m.line && t.first.column == m.column;
            });
            if (!seen) tags.emplace_back(m, tag);
        }
        if (depth > limits.maxDepth) {
            tooDeep = true;
            deepMark = n.Mark();
            return false;
        }
        if (n.IsMap()) {
            for (auto it = n.begin(); it != n.end(); ++it) {
                if (!walk(it->first, depth + 1) || !walk(it->second, depth + 1)) return false;
            }
        } else if (n.IsSequence()) {
            for (auto it = n.begin(); it != n.end(); ++it)
                if (!walk(*it, depth + 1)) return false;
        }
        return true;
    }
};

// The counters of the load under way (one per thread: loads may run on
// several threads at once, each with its own Loader).
thread_local LoadStats* tStats = nullptr;

// Line and column (1-based) of byte `offset` in `data`.
std::pair<int, int> lineColumnOf(const std::string& data, std::size_t offset) {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < offset && i < data.size(); ++i) {
        if (data[i] == '\n') { ++line; col = 1; }
        else if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80) ++col;
    }
    return {line, col};
}

std::size_t firstInvalidUtf8(const std::string& s) {
    // Checks in chunks so the offset of the first bad byte can be reported.
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!len || i + len > s.size() || !isValidUtf8(std::string_view(s).substr(i, len))) return i;
        i += len;
    }
    return std::string::npos;
}

// Reads and parses one YAML file within the limits. Returns a null node (and
// reports why) when the file cannot be used at all.
std::optional<YAML::Node> readYaml(const FileSource& files, const std::string& path,
                                   const LoadLimits& limits, Reporter& rep) {
    std::string err;
    auto data = files.read(path, limits.maxFileBytes, err);
    if (!data) {
        rep.fileError("cannot read file: " + err);
        return std::nullopt;
    }
    if (tStats) {
        ++tStats->filesRead;
        tStats->bytesRead += data->size();
    }
    if (data->size() > limits.maxFileBytes) {
        rep.fileError("file is larger than the " + std::to_string(limits.maxFileBytes / 1024) +
                      " KiB limit");
        return std::nullopt;
    }
    if (data->empty() || data->find_first_not_of(" \t\r\n") == std::string::npos) {
        rep.fileError("file is empty");
        return std::nullopt;
    }
    if (data->find('\0') != std::string::npos) {
        auto [l, c] = lineColumnOf(*data, data->find('\0'));
        rep.fileError("file holds binary data (a NUL byte), not YAML text", l, c);
        return std::nullopt;
    }
    if (std::size_t bad = firstInvalidUtf8(*data); bad != std::string::npos) {
        auto [l, c] = lineColumnOf(*data, bad);
        rep.fileError("invalid UTF-8: content files must be UTF-8 text", l, c);
        return std::nullopt;
    }
    YAML::Node root;
    try {
        // A second document would be silently ignored by YAML::Load; refuse it.
        auto docs = YAML::LoadAll(*data);
        if (docs.empty()) {
            rep.fileError("file holds no YAML document");
            return std::nullopt;
        }
        if (docs.size() > 1) {
            rep.fileError("file holds " + std::to_string(docs.size()) +
                          " YAML documents; one routine per file");
            return std::nullopt;
        }
        root = docs.front();
    } catch (const YAML::DeepRecursion& e) {
        rep.at(e.mark, Severity::Error,
               "nesting deeper than " + std::to_string(limits.maxDepth) + " levels");
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        rep.at(e.mark, Severity::Error, "YAML syntax error: " + e.msg);
        return std::nullopt;
    }
    ShapeCheck shape{limits, 0, false, YAML::Mark(), {}};
    bool shapeOk = shape.walk(root, 0);
    if (tStats) tStats->yamlNodes += shape.nodes;
    for (const auto& [mark, tag] : shape.tags) {
        // yaml-cpp expands "!!x" to the core schema's "tag:yaml.org,2002:x": show what was written.
        const std::string core = "tag:yaml.org,2002:";
        std::string written = tag.starts_with(core) ? "!!" + tag.substr(core.size()) : tag;
        rep.at(mark, Severity::Error,
               "YAML tag " + quote(written) + " is not allowed: write plain text, numbers and lists, without '!' tags");
    }
    if (!shape.tags.empty() && shapeOk) return std::nullopt;
    if (!shapeOk) {
        if (shape.tooDeep)
            rep.at(shape.deepMark, Severity::Error,
                   "nesting deeper than " + std::to_string(limits.maxDepth) + " levels");
        else
            rep.fileError("more than " + std::to_string(limits.maxNodes) +
                          " YAML nodes (aliases counted each time they are used)");
        return std::nullopt;
    }
    return root;
}

//-----------------------------------------------------------------------------
// [SECTION] Scalars
//-----------------------------------------------------------------------------
// ISO 639-1 codes: the languages a pack may declare.
const std::set<std::string>& isoLanguages() {
    static const std::set<std::string> s = [] {
        const char* codes =
            "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
            "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu "
            "hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb "
            "lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om "
            "or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw "
            "ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";
        std::set<std::string> out;
        std::string cur;
        for (const char* p = codes;; ++p) {
            if (*p == ' ' || *p == 0) {
                if (!cur.empty()) out.insert(cur);
                cur.clear();
                if (!*p) break;
            } else {
                cur += *p;
            }
        }
        return out;
    }();
    return s;
}

bool isValidId(const std::string& s) {
    if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
    char prev = 0;
    for (char c : s) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && prev == '-')) return false;
        prev = c;
    }
    return true;
}

// The context that text and ids are checked against: the pack's languages.
struct PackContext {
    std::string id;
    std::string dir;  // images resolve inside it
    std::vector<std::string> languages{"en", "fr"};
    std::string defaultLang() const { return languages.empty() ? "en" : languages.front(); }
};

struct Scalars {
    Reporter& rep;
    const PackContext& pack;

    std::optional<std::string> string(const YAML::Node& n, const std::string& what) {
        if (!n.IsScalar()) {
            rep.error(n, what + " must be a value, not " + typeName(n));
            return std::nullopt;
        }
        if (!noControl(n, n.Scalar(), what)) return std::nullopt;
        return n.Scalar();
    }

    // Content text holds line breaks at most: no tab, ESC, NUL (written
    // "\t", "\x1b", "\0" in a double-quoted YAML string) or other control
    // character, which a terminal would obey and the app cannot draw.
    bool noControl(const YAML::Node& n, const std::string& v, const std::string& what) {
        std::size_t at = findControlCharacter(v);
        if (at == std::string::npos) return true;
        std::string which = v[at] == '\t' ? "a tab" : "a control character (" + describeCodePoint(v, at) + ")";
        rep.error(n, what + " holds " + which +
                         ": text may hold line breaks, but no tabs or other control characters");
        return false;
    }

    // At most `maxChars` characters.
    bool notTooLong(const YAML::Node& n, const std::string& v, const std::string& what, std::size_t maxChars) {
        std::size_t chars = countCodePoints(v);
        if (chars <= maxChars) return true;
        rep.error(n, what + " is " + std::to_string(chars) + " characters long; at most " + std::to_string(maxChars) +
                         " are allowed");
        return false;
    }

    std::optional<std::string> id(const YAML::Node& n, const std::string& what) {
        auto s = string(n, what);
        if (!s) return std::nullopt;
        if (!isValidId(*s)) {
            rep.error(n, "malformed " + what + " " + quote(*s) +
                             ": use lowercase letters and digits in words joined by '-', like 'neck-release'");
            return std::nullopt;
        }
        return s;
    }

    std::optional<bool> boolean(const YAML::Node& n, const std::string& what) {
        auto s = string(n, what);
        if (!s) return std::nullopt;
        if (*s == "true" || *s == "yes") return true;
        if (*s == "false" || *s == "no") return false;
        rep.error(n, what + " must be true or false, not " + quote(*s));
        return std::nullopt;
    }

    // Whole number within [lo, hi].
    std::optional<long long> integer(const YAML::Node& n, const std::string& what, long long lo,
                                     long long hi) {
        auto s = string(n, what);
        if (!s) return std::nullopt;
        const std::string& v = *s;
        std::size_t i = (v.size() > 1 && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
        bool digits = i < v.size() &&
                      std::all_of(v.begin() + i, v.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits && v.size() - i > 12) {
            rep.error(n, what + " " + quote(v) + " is out of range: use " + std::to_string(lo) + " to " +
                             std::to_string(hi));
            return std::nullopt;
        }
        if (!digits) {
            rep.error(n, what + " must be a whole number, not " + quote(v));
            return std::nullopt;
        }
        long long x = std::stoll(v);
        if (x < lo || x > hi) {
            rep.error(n, what + " " + std::to_string(x) + " is out of range: use " + std::to_string(lo) +
                             " to " + std::to_string(hi));
            return std::nullopt;
        }
        return x;
    }

    // Seconds with up to three decimals, returned in milliseconds; at most
    // maxSeconds when it is given (>= 0).
    std::optional<std::int64_t> secondsMs(const YAML::Node& n, const std::string& what,
                                          std::int64_t maxSeconds = -1) {
        auto s = string(n, what);
        if (!s) return std::nullopt;
        const std::string& v = *s;
        bool neg = !v.empty() && v[0] == '-';
        std::string body = neg ? v.substr(1) : v;
        auto dot = body.find('.');
        std::string whole = body.substr(0, dot), frac = dot == std::string::npos ? "" : body.substr(dot + 1);
        auto isDigits = [](const std::string& x) {
            return std::all_of(x.begin(), x.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        if (body.empty() || !isDigits(whole) || !isDigits(frac) || (whole.empty() && frac.empty()) ||
            frac.size() > 3) {
            rep.error(n, what + " must be a number of seconds like 4 or 3.5, not " + quote(v));
            return std::nullopt;
        }
        auto outOfRange = [&] {
            rep.error(n, what + " " + quote(v) + " is out of range: use 0 to " +
                             (maxSeconds >= 0 ? std::to_string(maxSeconds) : std::string("999999")) +
                             " seconds");
            return std::nullopt;
        };
        if (whole.size() > 6) return outOfRange();
        std::int64_t ms = (whole.empty() ? 0 : std::stoll(whole)) * 1000;
        if (!frac.empty()) ms += std::stoll(frac + std::string(3 - frac.size(), '0'));
        if (neg && ms > 0) {
            rep.error(n, what + " is negative: " + quote(v));
            return std::nullopt;
        }
        if (maxSeconds >= 0 && ms > maxSeconds * 1000) return outOfRange();
        return ms;
    }

    // A duration in whole seconds, > 0 and at most `maxSeconds` (0 allowed if allowZero).
    std::optional<std::int64_t> duration(const YAML::Node& n, const std::string& what,
                                         std::int64_t maxSeconds, bool allowZero = false) {
        auto s = string(n, what);
        if (!s) return std::nullopt;
        const std::string& v = *s;
        if (!v.empty() && v[0] == '-') {
            rep.error(n, what + " " + quote(v) + " is negative");
            return std::nullopt;
        }
        auto secs = parseDurationSeconds(v);
        if (!secs) {
            rep.error(n, "malformed " + what + " " + quote(v) + ": use whole seconds like 45, 45s, 2m or 1m30s");
            return std::nullopt;
        }
        if (*secs == 0 && !allowZero) {
            rep.error(n, what + " " + quote(v) + " is zero: a timed step lasts at least 1 s");
            return std::nullopt;
        }
        if (*secs > maxSeconds) {
            rep.error(n, what + " " + quote(v) + " is over the " + formatDurationHuman(maxSeconds) + " limit");
            return std::nullopt;
        }
        return secs;
    }

    // Text: a plain string in the pack's default language, or a map of
    // language -> string. Missing translations are warnings.
    std::optional<Text> text(const YAML::Node& n, const std::string& what, std::size_t maxChars) {
        Text t;
        t.defaultLang = pack.defaultLang();
        if (n.IsScalar()) {
            if (n.Scalar().empty()) {
                rep.error(n, what + " is empty");
                return std::nullopt;
            }
            if (!noControl(n, n.Scalar(), what) || !notTooLong(n, n.Scalar(), what, maxChars)) return std::nullopt;
            t.byLang[t.defaultLang] = n.Scalar();
        } else if (n.IsMap()) {
            bool ok = true;
            for (auto it = n.begin(); it != n.end(); ++it) {
                // yaml-cpp's iterator-> returns a temporary: copy the nodes (cheap handles).
                const YAML::Node k = it->first;
                const YAML::Node v = it->second;
                if (!k.IsScalar()) {
                    rep.error(k, what + ": language keys must be codes like en or fr");
                    ok = false;
                    continue;
                }
                const std::string& lang = k.Scalar();
                if (!isoLanguages().count(lang)) {
                    std::vector<std::string> cands(pack.languages.begin(), pack.languages.end());
                    // A comma inside {en: ..., fr: ...} splits the text into a
                    // new "key": say so, since the message alone would puzzle.
                    bool looksLikeText = lang.size() > 3 || lang.find(' ') != std::string::npos;
                    rep.error(k, "unknown language " + quote(lang) + " in " + what +
                                     (looksLikeText ? " (a comma inside {...} starts a new key: put the text in quotes)"
                                                    : didYouMean(lang, cands)));
                    ok = false;
                    continue;
                }
                if (std::find(pack.languages.begin(), pack.languages.end(), lang) == pack.languages.end()) {
                    rep.warning(k, "language " + quote(lang) + " in " + what +
                                       " is not declared in the pack's languages");
                }
                if (t.byLang.count(lang)) {
                    rep.error(k, "duplicate language " + quote(lang) + " in " + what);
                    ok = false;
                    continue;
                }
                if (!v.IsScalar() || v.Scalar().empty()) {
                    rep.error(v, what + " (" + lang + ") must be a non-empty string");
                    ok = false;
                    continue;
                }
                const std::string label = what + " (" + lang + ")";
                if (!noControl(v, v.Scalar(), label) || !notTooLong(v, v.Scalar(), label, maxChars)) {
                    ok = false;
                    continue;
                }
                t.byLang[lang] = v.Scalar();
            }
            if (!ok) return std::nullopt;
            if (t.byLang.empty()) {
                rep.error(n, what + " has no text");
                return std::nullopt;
            }
        } else {
            rep.error(n, what + " must be a string or a map of language to string, not " + typeName(n));
            return std::nullopt;
        }
        for (const auto& lang : pack.languages)
            if (!t.byLang.count(lang)) rep.warning(n, "missing '" + lang + "' translation of " + what);
        return t;
    }
};

// The scalar keys of a map, in order, in one pass.
std::vector<std::string> keysOf(const YAML::Node& map) {
    std::vector<std::string> keys;
    for (auto it = map.begin(); it != map.end(); ++it)
        if (it->first.IsScalar()) keys.push_back(it->first.Scalar());
    return keys;
}

// A node that may or may not have been given. YAML::Node's own bool is no use
// for this: a default-constructed Node is a defined null.
struct Slot {
    YAML::Node n;
    bool set = false;
    Slot& operator=(const YAML::Node& x) {
        n = x;
        set = true;
        return *this;
    }
    explicit operator bool() const { return set; }
    operator const YAML::Node&() const { return n; }
    const YAML::Node* operator->() const { return &n; }
};

// Iterates a map's keys once, reporting duplicates and unknown keys (with a
// suggestion), and hands each known key to `visit`.
std::set<std::string> forEachKey(const YAML::Node& map, const std::vector<std::string>& known, Reporter& rep,
                const std::string& where,
                const std::function<void(const std::string&, const YAML::Node&, const YAML::Node&)>& visit) {
    std::set<std::string> seen;
    if (!map.IsMap()) {
        rep.error(map, where + " must be a map of keys and values, not " + typeName(map));
        return seen;
    }
    for (auto it = map.begin(); it != map.end(); ++it) {
        const YAML::Node k = it->first;  // a copy: iterator-> returns a temporary
        if (!k.IsScalar()) {
            rep.error(k, "keys in " + where + " must be plain names");
            continue;
        }
        const std::string& key = k.Scalar();
        if (!seen.insert(key).second) {
            rep.error(k, "duplicate key " + quote(key) + " in " + where);
            continue;
        }
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            rep.error(k, "unknown key " + quote(key) + " in " + where + didYouMean(key, known));
            continue;
        }
        visit(key, k, it->second);
    }
    return seen;
}

// Reports each required key missing from a map, walking its keys once:
// yaml-cpp's node["key"] walks and copies nodes on every call, the slow part
// of checking a large library.
void requireKeys(const YAML::Node& map, const std::vector<std::string>& required, Reporter& rep,
                 const std::string& where) {
    if (!map.IsMap()) return;
    std::vector<std::string> keys = keysOf(map);
    for (const auto& key : required)
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            rep.error(map, "missing required field '" + key + "' in " + where);
}

//-----------------------------------------------------------------------------
// [SECTION] Vocabularies
//-----------------------------------------------------------------------------
void checkFormat(const YAML::Node& n, Reporter& rep, Scalars& sc) {
    if (auto f = sc.string(n, "format")) {
        if (*f != "1")
            rep.error(n, "unsupported format " + quote(*f) + ": this version of Unknot reads format 1");
    }
}

// The two vocabularies share their shape: `format` and a list of items, each
// with an id and a label. Areas add synonyms and body-map spots (`extra`).
template <class T>
void loadVocabulary(const FileSource& files, const std::string& path, const LoadLimits& limits,
                    std::vector<Diagnostic>& diagnostics, const std::string& listKey, const std::string& itemName,
                    std::vector<T>& out, const std::vector<std::string>& extraKeys,
                    const std::function<void(T&, const std::string&, const YAML::Node&, Scalars&, Reporter&)>& extra) {
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
               [&](const std::string& key, const YAML::Node&, const YAML::Node& v) {
        if (key == "format") return checkFormat(v, rep, sc);
        if (!v.IsSequence()) return rep.error(v, listKey + " must be a list");
        for (const auto& node : v) {
            T item;
            bool ok = true;
            requireKeys(node, {"id", "label"}, rep, itemName);
            forEachKey(node, itemKeys, rep, itemName, [&](const std::string& k, const YAML::Node&, const YAML::Node& val) {
                if (k == "id") {
                    if (auto id = sc.id(val, single + " id")) item.id = *id; else ok = false;
                } else if (k == "label") {
                    if (auto t = sc.text(val, "label", kMaxLabelChars)) item.label = *t; else ok = false;
                } else {
                    extra(item, k, val, sc, rep);
                }
            });
            if (!ok || item.id.empty()) continue;
            bool dup = std::any_of(out.begin(), out.end(), [&](const T& x) { return x.id == item.id; });
            if (dup) rep.error(node, "duplicate " + single + " id " + quote(item.id));
            else out.push_back(std::move(item));
        }
    });
    if (const YAML::Node& r = *root; r.IsMap() && !r[listKey]) rep.error(r, "missing required field '" + listKey + "'");
}

void loadAreas(const FileSource& files, const std::string& path, const LoadLimits& limits, Library& lib) {
    loadVocabulary<Area>(files, path, limits, lib.diagnostics, "areas", "an area", lib.areas, {"synonyms", "map"},
                         [](Area& area, const std::string& k, const YAML::Node& val, Scalars& sc, Reporter& rep) {
        if (k == "synonyms") {
            if (!val.IsMap()) return rep.error(val, "synonyms must map a language to a list of words");
            for (auto it = val.begin(); it != val.end(); ++it) {
                // Copies: iterator-> returns a temporary, and a range-for
                // over it->second would outlive it (ASan, fuzz_loader).
                const YAML::Node lang = it->first, list = it->second;
                auto& words = area.synonyms[lang.Scalar()];
                if (!list.IsSequence()) { rep.error(list, "synonyms must be a list"); continue; }
                for (const auto& w : list)
                    if (auto s = sc.string(w, "synonym"); s && sc.notTooLong(w, *s, "synonym", kMaxSynonymChars))
                        words.push_back(*s);
            }
            return;
        }
        // k == "map": one or more spots on the body map.
        if (!val.IsSequence()) return rep.error(val, "map must be a list of spots");
        for (const auto& spot : val) {
            MapSpot ms;
            forEachKey(spot, {"view", "x", "y", "r"}, rep, "a map spot",
                       [&](const std::string& sk, const YAML::Node&, const YAML::Node& sv) {
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
    });
}

void loadEquipment(const FileSource& files, const std::string& path, const LoadLimits& limits, Library& lib) {
    loadVocabulary<Equipment>(files, path, limits, lib.diagnostics, "equipment", "a piece of equipment",
                              lib.equipment, {},
                              [](Equipment&, const std::string&, const YAML::Node&, Scalars&, Reporter&) {});
}

//-----------------------------------------------------------------------------
// [SECTION] Packs
//-----------------------------------------------------------------------------
// Returns false when the pack cannot be read at all (its routines are skipped).
bool loadPackFile(const FileSource& files, const std::string& dir, const LoadLimits& limits,
                  Library& lib, PackContext& ctx) {
    std::string path = joinPath(dir, "pack.yaml");
    Reporter rep{&lib.diagnostics, path};
    auto root = readYaml(files, path, limits, rep);
    if (!root) return false;
    Pack pack;
    pack.dir = dir;
    ctx.dir = dir;
    bool formatOk = true;
    PackContext textCtx;  // title is checked once languages are known
    Scalars sc{rep, ctx};
    requireKeys(*root, {"format", "id", "title", "version", "languages"}, rep, "pack.yaml");
    Slot titleNode;
    forEachKey(*root, {"format", "id", "title", "version", "languages"}, rep, "pack.yaml",
               [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
        if (k == "format") {
            std::size_t before = lib.diagnostics.size();
            checkFormat(v, rep, sc);
            formatOk = lib.diagnostics.size() == before;
        } else if (k == "id") {
            if (auto id = sc.id(v, "pack id")) pack.id = *id;
        } else if (k == "title") {
            titleNode = v;
        } else if (k == "version") {
            if (auto s = sc.string(v, "version"); s && sc.notTooLong(v, *s, "version", kMaxVersionChars))
                pack.version = *s;
        } else if (k == "languages") {
            if (!v.IsSequence() || v.size() == 0) {
                rep.error(v, "languages must be a non-empty list like [en, fr]");
                return;
            }
            std::vector<std::string> langs;
            for (const auto& l : v) {
                auto s = sc.string(l, "language");
                if (!s) continue;
                if (!isoLanguages().count(*s)) {
                    rep.error(l, "unknown language " + quote(*s) + didYouMean(*s, {"en", "fr", "de", "es", "it", "pt", "nl"}));
                } else if (std::find(langs.begin(), langs.end(), *s) != langs.end()) {
                    rep.error(l, "language " + quote(*s) + " is listed twice");
                } else {
                    langs.push_back(*s);
                }
            }
            if (!langs.empty()) ctx.languages = langs;
        }
    });
    if (titleNode) {
        if (auto t = sc.text(titleNode, "title", kMaxTitleChars)) pack.title = *t;
    }
    pack.languages = ctx.languages;
    if (pack.id.empty()) pack.id = dir;
    ctx.id = pack.id;
    if (!formatOk) return false;
    if (const Pack* other = lib.findPack(pack.id)) {
        const YAML::Node& r = *root;
        rep.error(r["id"] ? r["id"] : r,
                  "duplicate pack id " + quote(pack.id) + ": also used by " + other->dir);
        return false;
    }
    lib.packs.push_back(std::move(pack));
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Routines and steps
//-----------------------------------------------------------------------------
// A routine as parsed, before the library-wide checks, with the nodes those
// checks report at.
struct Parsed {
    Routine routine;
    bool ok = false;
    YAML::Mark idMark;
    std::vector<std::pair<std::string, YAML::Mark>> includes;  // id, where
};

struct RoutineParser {
    const FileSource& files;
    const LoadLimits& limits;
    const Library& lib;
    Reporter& rep;
    const PackContext& pack;
    Scalars sc{rep, pack};
    Parsed* parsed = nullptr;

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
    std::vector<std::string> vocabList(const YAML::Node& n, const std::string& what,
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

    std::optional<Breathe> breathe(const YAML::Node& n) {
        Breathe b;
        bool ok = true, hasInhale = false, hasExhale = false;
        Slot durationNode, cyclesNode;
        forEachKey(n, {"inhale", "hold", "exhale", "rest", "duration", "cycles"}, rep, "breathe",
                   [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
            if (k == "duration") { durationNode = v; return; }
            if (k == "cycles") { cyclesNode = v; return; }
            auto ms = sc.secondsMs(v, k, limits.maxStepSeconds);
            if (!ms) {
                // Already explained (malformed, negative, out of range);
                // don't also call it missing.
                ok = false;
                if (k == "inhale") hasInhale = true;
                if (k == "exhale") hasExhale = true;
                return;
            }
            if (k == "inhale") { b.inhaleMs = *ms; hasInhale = *ms > 0; }
            else if (k == "hold") b.holdMs = *ms;
            else if (k == "exhale") { b.exhaleMs = *ms; hasExhale = *ms > 0; }
            else b.restMs = *ms;
        });
        if (!n.IsMap()) return std::nullopt;
        if (!hasInhale) { rep.error(n, "breathing block has no inhale (give inhale in seconds, above 0)"); ok = false; }
        if (!hasExhale) { rep.error(n, "breathing block has no exhale (give exhale in seconds, above 0)"); ok = false; }
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
                      "breathing block lasts " + formatDurationHuman(b.cycleMs() * b.cycles / 1000) +
                          ", over the " + formatDurationHuman(limits.maxStepSeconds) + " limit for a step");
            return std::nullopt;
        }
        return b;
    }

    std::optional<std::string> image(const YAML::Node& n) {
        auto s = sc.string(n, "image");
        if (!s) return std::nullopt;
        // Lexically resolve the path inside the pack; anything that climbs out
        // of it (absolute, "..", a drive letter) is refused before any file access.
        if (s->empty() || (*s)[0] == '/' || (*s)[0] == '\\' || s->find(':') != std::string::npos) {
            rep.error(n, "image path " + quote(*s) + " must be relative to the pack folder");
            return std::nullopt;
        }
        std::vector<std::string> parts;
        std::string cur;
        for (char c : *s + "/") {
            if (c == '/' || c == '\\') {
                if (cur == "..") {
                    if (parts.empty()) {
                        rep.error(n, "image path " + quote(*s) + " leaves the pack folder");
                        return std::nullopt;
                    }
                    parts.pop_back();
                } else if (!cur.empty() && cur != ".") {
                    parts.push_back(cur);
                }
                cur.clear();
            } else {
                cur += c;
            }
        }
        std::string rel;
        for (const auto& p : parts) rel = rel.empty() ? p : rel + "/" + p;
        std::string full = joinPath(pack.dir, rel);
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

    // Parses one step; returns nullopt if it is unusable.
    std::optional<Step> step(const YAML::Node& n, int depth) {
        Step st;
        st.pos = {n.Mark().line + 1, n.Mark().column + 1};
        if (!n.IsMap()) {
            rep.error(n, "a step must be a map (say/duration, repeat or include), not " + typeName(n));
            return std::nullopt;
        }
        const std::vector<std::string> keys = keysOf(n);
        auto has = [&](const char* k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
        if (has("repeat")) {
            RepeatStep r;
            bool ok = true;
            Slot stepsNode;
            forEachKey(n, {"repeat", "steps"}, rep, "a repeat step",
                       [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
                if (k == "repeat") {
                    if (auto c = sc.integer(v, "repeat count", 1, 100)) r.count = static_cast<int>(*c); else ok = false;
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
        if (has("include")) {
            IncludeStep inc;
            bool ok = true;
            forEachKey(n, {"include"}, rep, "an include step",
                       [&](const std::string&, const YAML::Node&, const YAML::Node& v) {
                if (auto id = sc.id(v, "included routine id")) {
                    inc.routineId = *id;
                    parsed->includes.emplace_back(*id, v.Mark());
                } else {
                    ok = false;
                }
            });
            if (!ok) return std::nullopt;
            st.v = std::move(inc);
            return st;
        }
        SayStep say;
        bool ok = true;
        Slot sayNode, durationNode, waitNode, breatheNode, sidesNode, switchNode;
        forEachKey(n, {"say", "tip", "duration", "sides", "switch", "cue", "wait", "breathe", "image"}, rep,
                   "a step", [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
            if (k == "say") sayNode = v;
            else if (k == "tip") {
                if (auto t = sc.text(v, "tip", kMaxTipChars)) say.tip = *t; else ok = false;
            } else if (k == "duration") durationNode = v;
            else if (k == "wait") waitNode = v;
            else if (k == "breathe") breatheNode = v;
            else if (k == "sides") sidesNode = v;
            else if (k == "switch") switchNode = v;
            else if (k == "cue") {
                auto s = sc.string(v, "cue");
                if (s && *s == "chime") say.cue = Cue::Chime;
                else if (s && *s == "none") say.cue = Cue::None;
                else {
                    if (s) rep.error(v, "unknown cue " + quote(*s) + ": use chime or none" + didYouMean(*s, {"chime", "none"}));
                    ok = false;
                }
            } else if (k == "image") {
                if (auto img = image(v)) say.image = *img; else ok = false;
            }
        });
        if (!sayNode) {
            rep.error(n, "a step needs 'say' (what to do), or is a 'repeat' or an 'include'");
            return std::nullopt;
        }
        if (auto t = sc.text(sayNode, "say", kMaxPromptChars)) {
            say.say = *t;
            // A prompt is read at a glance by someone tired: long ones belong in `tip`.
            for (const auto& [lang, text] : t->byLang) {
                std::size_t chars = 0;
                for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
                if (chars > kPromptGlanceChars) {
                    rep.warning(sayNode, "prompt (" + lang + ") is " + std::to_string(chars) + " characters; keep it under " +
                                             std::to_string(kPromptGlanceChars) +
                                             " so it reads at a glance, and move detail to tip");
                    break;
                }
            }
        } else {
            ok = false;
        }
        int bodies = !!durationNode + !!waitNode + !!breatheNode;
        if (bodies == 0) {
            rep.error(n, "this step says something but has no duration, wait, breathe, repeat or include");
            return std::nullopt;
        }
        if (bodies > 1) {
            rep.error(n, "a step takes only one of duration, wait and breathe");
            return std::nullopt;
        }
        if ((sidesNode || switchNode) && !durationNode) {
            rep.error(sidesNode ? sidesNode.n : switchNode.n, "sides and switch go with a timed step (duration)");
            ok = false;
        }
        if (durationNode) {
            Timed t;
            if (auto secs = sc.duration(durationNode, "duration", limits.maxStepSeconds)) t.seconds = *secs;
            else ok = false;
            if (sidesNode) {
                if (!sidesNode->IsSequence() || sidesNode->size() == 0) {
                    rep.error(sidesNode, "sides must be a list of left and right, like [right, left]");
                    ok = false;
                } else {
                    for (const auto& s : sidesNode.n) {
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
                }
            }
            if (switchNode) {
                if (auto secs = sc.duration(switchNode, "switch", limits.maxStepSeconds, true)) t.switchSeconds = *secs;
                else ok = false;
                if (!sidesNode) rep.warning(switchNode, "switch has no effect without sides");
            }
            std::int64_t total = t.seconds * std::max<std::int64_t>(1, t.sides.size()) +
                                 (t.sides.size() > 1 ? t.switchSeconds * (t.sides.size() - 1) : 0);
            if (ok && total > limits.maxStepSeconds) {
                rep.error(durationNode, "step lasts " + formatDurationHuman(total) + " with its sides, over the " +
                                            formatDurationHuman(limits.maxStepSeconds) + " limit");
                ok = false;
            }
            say.body = t;
        } else if (waitNode) {
            auto w = sc.string(waitNode, "wait");
            if (!w || *w != "tap") {
                if (w) rep.error(waitNode, "wait must be 'tap', not " + quote(*w) + didYouMean(*w, {"tap"}));
                ok = false;
            }
            say.body = WaitTap{};
        } else {
            if (auto b = breathe(breatheNode)) say.body = *b; else ok = false;
        }
        if (!ok) return std::nullopt;
        st.v = std::move(say);
        return st;
    }

    std::optional<Steps> steps(const YAML::Node& n, int depth) {
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
            if (auto st = step(s, depth)) out.push_back(std::move(*st));
            else ok = false;
        }
        if (!ok) return std::nullopt;
        return out;
    }

    void routine(const YAML::Node& root) {
        Routine& r = parsed->routine;
        r.packId = pack.id;
        r.pos = {1, 1};
        bool ok = true;
        requireKeys(root, {"id", "title", "summary", "kind", "areas", "intensity", "flare_safe", "cautions", "steps"},
                    rep, "a routine");
        Slot stepsNode;
        forEachKey(root, {"id", "title", "summary", "kind", "areas", "conditions", "equipment", "intensity",
                          "flare_safe", "cautions", "steps"},
                   rep, "a routine", [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
            auto fail = [&](bool good) { if (!good) ok = false; };
            if (k == "id") {
                auto id = sc.id(v, "id");
                fail(!!id);
                if (id) { r.id = *id; parsed->idMark = v.Mark(); }
            } else if (k == "title") {
                auto t = sc.text(v, "title", kMaxTitleChars); fail(!!t); if (t) r.title = *t;
            } else if (k == "summary") {
                auto t = sc.text(v, "summary", kMaxSummaryChars); fail(!!t); if (t) r.summary = *t;
            } else if (k == "kind") {
                auto s = sc.string(v, "kind");
                auto kind = s ? kindFromString(*s) : std::nullopt;
                if (s && !kind) rep.error(v, "unknown kind " + quote(*s) + didYouMean(*s, kindNames()));
                fail(!!kind);
                if (kind) r.kind = *kind;
            } else if (k == "intensity") {
                auto s = sc.string(v, "intensity");
                auto in = s ? intensityFromString(*s) : std::nullopt;
                if (s && !in) rep.error(v, "unknown intensity " + quote(*s) + didYouMean(*s, intensityNames()));
                fail(!!in);
                if (in) r.intensity = *in;
            } else if (k == "flare_safe") {
                auto b = sc.boolean(v, "flare_safe"); fail(!!b); if (b) r.flareSafe = *b;
            } else if (k == "areas") {
                r.areas = vocabList(v, "areas", areaIds(), false);
            } else if (k == "equipment") {
                r.equipment = vocabList(v, "equipment", equipmentIds(), true);
            } else if (k == "conditions") {
                if (!v.IsSequence()) { rep.error(v, "conditions must be a list of tags"); ok = false; return; }
                for (const auto& c : v)
                    if (auto s = sc.id(c, "condition")) r.conditions.push_back(*s);
            } else if (k == "cautions") {
                if (!v.IsSequence() || v.size() == 0) {
                    rep.error(v, "cautions must be a list with at least one caution");
                    ok = false;
                    return;
                }
                if (v.size() > kMaxCautionsPerRoutine) {
                    rep.error(v, "a routine has " + std::to_string(v.size()) + " cautions; at most " +
                                     std::to_string(kMaxCautionsPerRoutine) + " are allowed");
                    ok = false;
                    return;
                }
                for (const auto& c : v) {
                    if (auto t = sc.text(c, "caution", kMaxCautionChars)) r.cautions.push_back(*t);
                    else ok = false;
                }
            } else if (k == "steps") {
                stepsNode = v;
            }
        });
        if (stepsNode) {
            if (auto s = steps(stepsNode, 0)) r.steps = std::move(*s);
        }
        parsed->ok = ok && !rep.failed;
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Whole-library checks
//-----------------------------------------------------------------------------
struct Loader {
    const LoadOptions& opt;
    const FileSource& files;
    Library lib;
    std::vector<Parsed> parsed;
    std::set<std::string> seenFiles;
    std::set<std::string> seenPacks;  // pack folders already loaded (a path given twice)
    std::map<std::string, std::string> failed;  // id -> file, of routines with errors
    // Each routine file's own diagnostics; only those of files asked for are
    // reported (siblings read to resolve includes stay quiet).
    std::map<std::string, std::vector<Diagnostic>> fileDiagnostics;
    std::set<std::string> reported;

    static bool isYamlName(const std::string& n) {
        return n.size() > 5 && (n.ends_with(".yaml") || n.ends_with(".yml"));
    }

    void fileProblem(const std::string& path, Severity sev, std::string msg) {
        lib.diagnostics.push_back({path, 0, 0, sev, std::move(msg)});
    }

    // The entries of a folder, or nullopt after reporting why it cannot be
    // listed; more than maxFilesPerFolder entries are reported and cut.
    std::optional<std::vector<std::string>> listFolder(const std::string& dir) {
        std::string err;
        auto names = files.list(dir, err);
        if (!names) {
            fileProblem(dir, Severity::Error, err.empty() ? "cannot list folder" : err);
            return std::nullopt;
        }
        if (names->size() > opt.limits.maxFilesPerFolder) {
            fileProblem(dir, Severity::Error,
                        "folder holds " + std::to_string(names->size()) + " entries; only the first " +
                            std::to_string(opt.limits.maxFilesPerFolder) + " are read");
            names->resize(opt.limits.maxFilesPerFolder);
        }
        return names;
    }

    // Why an entry found in `root` must not be read: a symbolic link that
    // loops, is broken or leaves the folder. Empty when it may be read.
    std::string linkRefusal(const std::string& path, const std::string& root, const char* folder) {
        if (files.staysInside(path, root)) return {};
        std::string why = files.linkProblem(path);
        return why.empty() ? std::string("symbolic link leaves the ") + folder : why;
    }

    void routineFile(const std::string& path, const PackContext& ctx, bool report) {
        if (report) reported.insert(path);
        if (!seenFiles.insert(path).second) return;
        Reporter rep{&fileDiagnostics[path], path};
        auto root = readYaml(files, path, opt.limits, rep);
        if (!root) return;
        Parsed p;
        p.routine.path = path;
        RoutineParser rp{files, opt.limits, lib, rep, ctx};
        rp.parsed = &p;
        rp.routine(*root);
        if (p.ok && !p.routine.id.empty()) parsed.push_back(std::move(p));
        else if (!p.routine.id.empty()) failed.emplace(p.routine.id, path);
    }

    void pack(const std::string& dir, const std::string& onlyFile = {}) {
        // The same pack reached twice (`lint p p`, or a pack and its parent
        // folder) is loaded once; its id is not "also used by" itself.
        if (!seenPacks.insert(dir).second) {
            if (!onlyFile.empty()) routineFile(onlyFile, PackContext{}, true);
            else
                for (const auto& f : seenFiles)
                    if (f.starts_with(joinPath(dir, "routines/"))) reported.insert(f);
            return;
        }
        PackContext ctx;
        if (!loadPackFile(files, dir, opt.limits, lib, ctx)) return;
        std::string routines = joinPath(dir, "routines");
        if (files.type(routines) != FileSource::Type::Directory) {
            fileProblem(joinPath(dir, "pack.yaml"), Severity::Error, "pack has no routines/ folder");
            return;
        }
        auto names = listFolder(routines);
        if (!names) return;
        for (const auto& name : *names)
            if (isYamlName(name)) {
                std::string path = joinPath(routines, name);
                if (std::string why = linkRefusal(path, dir, "pack folder"); !why.empty()) {
                    fileProblem(path, Severity::Error, why);
                    continue;
                }
                routineFile(path, ctx, onlyFile.empty() || path == onlyFile);
            }
    }

    // A folder that looks like a pack (it has routines/) but has no pack.yaml:
    // its routines cannot be read with the right languages, so say so.
    bool packWithoutPackFile(const std::string& dir) {
        if (files.type(joinPath(dir, "routines")) != FileSource::Type::Directory) return false;
        fileProblem(joinPath(dir, "pack.yaml"), Severity::Error,
                    "missing pack.yaml: this folder has a routines/ folder, so it is a pack, and a pack needs "
                    "pack.yaml (format, id, title, version, languages); its routines were not loaded");
        return true;
    }

    // A path given by the user: a pack, a folder of packs (or of loose
    // routine files), or one routine file.
    void path(const std::string& p) {
        auto t = files.type(p);
        if (t == FileSource::Type::Missing) {
            fileProblem(p, Severity::Error, "no such file or folder");
            return;
        }
        if (t == FileSource::Type::Directory) {
            if (files.type(joinPath(p, "pack.yaml")) != FileSource::Type::Missing) return pack(p);
            if (packWithoutPackFile(p)) return;
            auto names = listFolder(p);
            if (!names) return;
            bool any = false;
            for (const auto& name : *names) {
                std::string child = joinPath(p, name);
                auto ct = files.type(child);
                if (ct == FileSource::Type::Directory) {
                    if (files.type(joinPath(child, "pack.yaml")) != FileSource::Type::Missing) {
                        pack(child);
                        any = true;
                    } else if (packWithoutPackFile(child)) {
                        any = true;
                    }
                } else if (isYamlName(name) && ct == FileSource::Type::File) {
                    // The vocabularies live beside the packs in content/.
                    if (name == "areas.yaml" || name == "equipment.yaml") continue;
                    any = true;
                    if (std::string why = linkRefusal(child, p, "folder"); !why.empty()) {
                        fileProblem(child, Severity::Error, why);
                        continue;
                    }
                    PackContext loose;
                    loose.dir = p;
                    routineFile(child, loose, true);
                }
            }
            if (!any) fileProblem(p, Severity::Warning, "folder holds no pack and no routine file");
            return;
        }
        // One file: pack.yaml means its pack; a routine inside a pack is read
        // with that pack's languages, and its siblings are read (silently) so
        // its includes resolve.
        std::string dir = p.substr(0, p.find_last_of('/') == std::string::npos ? 0 : p.find_last_of('/'));
        std::string name = p.substr(p.find_last_of('/') == std::string::npos ? 0 : p.find_last_of('/') + 1);
        if (name == "pack.yaml") return pack(dir.empty() ? "." : dir);
        std::string packDir = dir.size() > 9 && dir.ends_with("/routines") ? dir.substr(0, dir.size() - 9)
                              : dir == "routines" ? "." : "";
        if (!packDir.empty() && files.type(joinPath(packDir, "pack.yaml")) != FileSource::Type::Missing)
            return pack(packDir, p);
        PackContext loose;
        loose.dir = dir.empty() ? "." : dir;
        routineFile(p, loose, true);
    }

    // Every walk below is iterative over includes (an explicit stack), so a
    // chain of thousands of routines that each include the next costs memory
    // in proportion, never C++ stack; recursion remains only over repeats
    // nested inside one file, which the file's depth limit bounds.
    void checkLibrary() {
        // Stable order: sorted by id, then by file, so the same input always
        // gives the same library and the same diagnostics.
        std::stable_sort(parsed.begin(), parsed.end(), [](const Parsed& a, const Parsed& b) {
            return a.routine.id != b.routine.id ? a.routine.id < b.routine.id : a.routine.path < b.routine.path;
        });
        const std::size_t n = parsed.size();
        std::map<std::string, std::size_t> byId;
        std::vector<bool> keep(n, true);
        for (std::size_t i = 0; i < n; ++i) {
            auto [it, fresh] = byId.emplace(parsed[i].routine.id, i);
            if (!fresh) {
                const Parsed& first = parsed[it->second];
                Reporter rep{&lib.diagnostics, parsed[i].routine.path};
                rep.at(parsed[i].idMark, Severity::Error,
                       "duplicate id " + quote(parsed[i].routine.id) + ": also defined in " + first.routine.path +
                           ":" + std::to_string(first.idMark.line + 1));
                keep[i] = false;
            }
        }
        std::vector<std::string> allIds;
        for (const auto& [id, i] : byId) allIds.push_back(id);

        // The include graph: unknown ids and includes of broken routines are
        // reported here; edges hold the includes that resolve.
        struct Edge {
            std::size_t to;
            YAML::Mark where;
        };
        std::vector<std::vector<Edge>> edges(n);
        std::vector<bool> bad(n, false);
        for (std::size_t i = 0; i < n; ++i) {
            if (!keep[i]) continue;
            for (const auto& [inc, where] : parsed[i].includes) {
                auto it = byId.find(inc);
                if (it != byId.end()) {
                    edges[i].push_back({it->second, where});
                    continue;
                }
                Reporter rep{&lib.diagnostics, parsed[i].routine.path};
                if (auto f = failed.find(inc); f != failed.end())
                    rep.at(where, Severity::Error, "includes " + quote(inc) + ", which has errors (" + f->second + ")");
                else
                    rep.at(where, Severity::Error, "include of unknown routine " + quote(inc) + didYouMean(inc, allIds));
                bad[i] = true;
            }
        }

        // Cycles, by an iterative depth-first walk; it also yields the
        // routines in post-order (every routine after those it includes).
        enum Mark { White, Grey, Black };
        std::vector<Mark> mark(n, White);
        std::vector<std::size_t> post;
        post.reserve(n);
        struct Frame {
            std::size_t i, e = 0;
            bool descended = false;
        };
        std::vector<Frame> stack;
        for (std::size_t root = 0; root < n; ++root) {
            if (!keep[root] || mark[root] != White) continue;
            mark[root] = Grey;
            stack.push_back({root});
            while (!stack.empty()) {
                const std::size_t fi = stack.size() - 1;
                const std::size_t i = stack[fi].i;
                if (stack[fi].e == edges[i].size()) {
                    mark[i] = Black;
                    post.push_back(i);
                    stack.pop_back();
                    continue;
                }
                const Edge& edge = edges[i][stack[fi].e];
                const std::size_t j = edge.to;
                Reporter rep{&lib.diagnostics, parsed[i].routine.path};
                if (!stack[fi].descended) {
                    if (mark[j] == Grey) {
                        std::string c;
                        auto from = std::find_if(stack.begin(), stack.end(), [&](const Frame& f) { return f.i == j; });
                        std::size_t shown = 0;
                        for (auto k = from; k != stack.end(); ++k, ++shown) {
                            // A cycle thousands long is cut to its ends.
                            if (shown == 8 && stack.end() - k > 4) {
                                c += "... -> ";
                                k = stack.end() - 4;
                            }
                            c += parsed[k->i].routine.id + " -> ";
                        }
                        rep.at(edge.where, Severity::Error, "include cycle: " + c + parsed[j].routine.id);
                        bad[i] = true;
                        ++stack[fi].e;
                        continue;
                    }
                    if (mark[j] == White) {
                        stack[fi].descended = true;
                        mark[j] = Grey;
                        stack.push_back({j});
                        continue;
                    }
                }
                stack[fi].descended = false;
                ++stack[fi].e;
                if (bad[j]) {
                    rep.at(edge.where, Severity::Error, "includes " + quote(parsed[j].routine.id) + ", which has errors");
                    bad[i] = true;
                }
            }
        }

        // In post-order, each routine after those it includes: include depth,
        // total time and segments (saturating: repeats of includes multiply),
        // and routines whose includes failed these checks.
        const std::int64_t cap = std::int64_t(1) << 50;
        auto satAdd = [&](std::int64_t a, std::int64_t b) { return std::min(cap, a + b); };
        auto satMul = [&](std::int64_t a, std::int64_t b) { return a > cap / std::max<std::int64_t>(1, b) ? cap : std::min(cap, a * b); };
        struct Size {
            std::int64_t ms = 0, segments = 0;
        };
        std::vector<Size> size(n);
        std::vector<int> depth(n, 0);
        // Repeats nest only inside one file (bounded by its depth limit).
        std::function<Size(const Steps&)> measure = [&](const Steps& steps) {
            Size s;
            for (const auto& st : steps) {
                if (auto* say = std::get_if<SayStep>(&st.v)) {
                    if (auto* t = std::get_if<Timed>(&say->body)) {
                        std::int64_t k = std::max<std::int64_t>(1, static_cast<std::int64_t>(t->sides.size()));
                        std::int64_t sw = t->switchSeconds > 0 ? k - 1 : 0;
                        s.ms = satAdd(s.ms, (t->seconds * k + t->switchSeconds * sw) * 1000);
                        s.segments = satAdd(s.segments, k + sw);
                    } else if (auto* b = std::get_if<Breathe>(&say->body)) {
                        int phases = (b->inhaleMs > 0) + (b->holdMs > 0) + (b->exhaleMs > 0) + (b->restMs > 0);
                        s.ms = satAdd(s.ms, satMul(b->cycleMs(), b->cycles));
                        s.segments = satAdd(s.segments, satMul(phases, b->cycles));
                    } else {
                        s.segments = satAdd(s.segments, 1);
                    }
                } else if (auto* r = std::get_if<RepeatStep>(&st.v)) {
                    Size inner = measure(r->steps);
                    s.ms = satAdd(s.ms, satMul(inner.ms, r->count));
                    s.segments = satAdd(s.segments, satMul(inner.segments, r->count));
                } else if (auto* inc = std::get_if<IncludeStep>(&st.v)) {
                    auto it = byId.find(inc->routineId);
                    if (it == byId.end()) continue;
                    s.ms = satAdd(s.ms, size[it->second].ms);
                    s.segments = satAdd(s.segments, size[it->second].segments);
                }
            }
            return s;
        };
        const int maxDepth = opt.limits.maxIncludeDepth;
        for (std::size_t i : post) {
            if (bad[i]) continue;
            Reporter rep{&lib.diagnostics, parsed[i].routine.path};
            for (const Edge& edge : edges[i]) {
                const std::size_t j = edge.to;
                if (bad[j]) {
                    rep.at(edge.where, Severity::Error, "includes " + quote(parsed[j].routine.id) + ", which has errors");
                    bad[i] = true;
                } else if (depth[j] + 1 > maxDepth) {
                    rep.at(edge.where, Severity::Error,
                           "include nesting too deep: " + quote(parsed[j].routine.id) + " already nests includes " +
                               std::to_string(depth[j]) + " levels deep, and including it here passes the limit of " +
                               std::to_string(maxDepth) + " levels");
                    bad[i] = true;
                } else {
                    depth[i] = std::max(depth[i], depth[j] + 1);
                }
            }
            if (bad[i]) continue;
            size[i] = measure(parsed[i].routine.steps);
            const std::int64_t limitMs = opt.limits.maxRoutineSeconds * 1000;
            if (size[i].ms > limitMs) {
                std::string total = size[i].ms >= cap ? "far more than " + formatDurationHuman(opt.limits.maxRoutineSeconds)
                                                      : formatDurationHuman(size[i].ms / 1000);
                rep.at(parsed[i].idMark, Severity::Error,
                       "routine lasts " + total + " in all, over the " +
                           formatDurationHuman(opt.limits.maxRoutineSeconds) + " limit");
                bad[i] = true;
            } else if (size[i].segments > opt.limits.maxSegments) {
                rep.at(parsed[i].idMark, Severity::Error,
                       "routine expands to more than " + std::to_string(opt.limits.maxSegments) + " segments");
                bad[i] = true;
            }
        }
        for (std::size_t i = 0; i < n; ++i)
            if (keep[i] && !bad[i]) lib.routines.push_back(std::move(parsed[i].routine));
    }

    Library run() {
        struct StatsScope {
            explicit StatsScope(LoadStats* s) { tStats = s; }
            ~StatsScope() { tStats = nullptr; }
        } statsScope(&lib.stats);
        std::string areas = joinPath(opt.vocabularyDir, "areas.yaml");
        std::string equipment = joinPath(opt.vocabularyDir, "equipment.yaml");
        if (files.type(areas) != FileSource::Type::Missing) loadAreas(files, areas, opt.limits, lib);
        else lib.diagnostics.push_back({areas, 0, 0, Severity::Error, "cannot find the areas vocabulary"});
        if (files.type(equipment) != FileSource::Type::Missing) loadEquipment(files, equipment, opt.limits, lib);
        else lib.diagnostics.push_back({equipment, 0, 0, Severity::Error, "cannot find the equipment vocabulary"});
        // A path given twice (or spelt two ways: "p", "p/", "./p") is read once.
        std::set<std::string> given;
        for (const auto& p : opt.paths) {
            std::string norm = p;
            while (norm.size() > 1 && norm.back() == '/') norm.pop_back();
            if (!given.insert(norm).second) continue;
            path(norm);
        }
        for (const auto& f : reported) {
            auto& ds = fileDiagnostics[f];
            lib.diagnostics.insert(lib.diagnostics.end(), ds.begin(), ds.end());
        }
        checkLibrary();
        // Diagnostics sorted by file and position: output is deterministic and
        // reads top to bottom like the files do.
        std::stable_sort(lib.diagnostics.begin(), lib.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
            if (a.path != b.path) return a.path < b.path;
            if (a.line != b.line) return a.line < b.line;
            return a.column < b.column;
        });
        return std::move(lib);
    }
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry points
//-----------------------------------------------------------------------------
Library loadLibrary(const LoadOptions& options, const FileSource& files) {
    Loader l{options, files, {}, {}, {}, {}, {}, {}, {}};
    return l.run();
}

Library loadLibrary(const LoadOptions& options) {
    DiskFileSource disk;
    return loadLibrary(options, disk);
}

}  // namespace unknot
