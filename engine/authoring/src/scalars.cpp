// Scalars: strings, ids, numbers, durations and text, each checked where it
// is read; and the walk over a map's keys that every part of the grammar uses.
//
// [SECTION] Languages and ids
// [SECTION] Scalars
// [SECTION] Text in one or more languages
// [SECTION] Format
#include "loader_internal.hpp"

#include <algorithm>
#include <set>

namespace unknot::loading {

//-----------------------------------------------------------------------------
// [SECTION] Languages and ids
//-----------------------------------------------------------------------------
namespace {
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
}  // namespace

bool isIsoLanguage(const std::string& code) { return isoLanguages().count(code) != 0; }

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

//-----------------------------------------------------------------------------
// [SECTION] Scalars
//-----------------------------------------------------------------------------
std::optional<std::string> Scalars::string(const YamlNode& n, const std::string& what) {
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
bool Scalars::noControl(const YamlNode& n, const std::string& v, const std::string& what) {
    std::size_t at = findControlCharacter(v);
    if (at == std::string::npos) return true;
    std::string which = v[at] == '\t' ? "a tab" : "a control character (" + describeCodePoint(v, at) + ")";
    rep.error(n, what + " holds " + which + ": text may hold line breaks, but no tabs or other control characters");
    return false;
}

// At most `maxChars` characters.
bool Scalars::notTooLong(const YamlNode& n, const std::string& v, const std::string& what, std::size_t maxChars) {
    std::size_t chars = countCodePoints(v);
    if (chars <= maxChars) return true;
    rep.error(n, what + " is " + std::to_string(chars) + " characters long; at most " + std::to_string(maxChars) +
                     " are allowed");
    return false;
}

std::optional<std::string> Scalars::id(const YamlNode& n, const std::string& what) {
    auto s = string(n, what);
    if (!s) return std::nullopt;
    if (!isValidId(*s)) {
        rep.error(n, "malformed " + what + " " + quote(*s) +
                         ": use lowercase letters and digits in words joined by '-', like 'neck-release'");
        return std::nullopt;
    }
    return s;
}

std::optional<bool> Scalars::boolean(const YamlNode& n, const std::string& what) {
    auto s = string(n, what);
    if (!s) return std::nullopt;
    if (*s == "true" || *s == "yes") return true;
    if (*s == "false" || *s == "no") return false;
    rep.error(n, what + " must be true or false, not " + quote(*s));
    return std::nullopt;
}

// Whole number within [lo, hi].
std::optional<long long> Scalars::integer(const YamlNode& n, const std::string& what, long long lo, long long hi) {
    auto s = string(n, what);
    if (!s) return std::nullopt;
    const std::string& v = *s;
    std::size_t i = (v.size() > 1 && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
    bool digits = i < v.size() && std::all_of(v.begin() + static_cast<std::ptrdiff_t>(i), v.end(),
                                              [](char c) { return c >= '0' && c <= '9'; });
    if (digits && v.size() - i > 12) {
        rep.error(n,
                  what + " " + quote(v) + " is out of range: use " + std::to_string(lo) + " to " + std::to_string(hi));
        return std::nullopt;
    }
    if (!digits) {
        rep.error(n, what + " must be a whole number, not " + quote(v));
        return std::nullopt;
    }
    long long x = std::stoll(v);
    if (x < lo || x > hi) {
        rep.error(n, what + " " + std::to_string(x) + " is out of range: use " + std::to_string(lo) + " to " +
                         std::to_string(hi));
        return std::nullopt;
    }
    return x;
}

// Seconds with up to three decimals, returned in milliseconds; at most
// maxSeconds when it is given (>= 0).
std::optional<std::int64_t> Scalars::secondsMs(const YamlNode& n, const std::string& what, std::int64_t maxSeconds) {
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
    if (body.empty() || !isDigits(whole) || !isDigits(frac) || (whole.empty() && frac.empty()) || frac.size() > 3) {
        rep.error(n, what + " must be a number of seconds like 4 or 3.5, not " + quote(v));
        return std::nullopt;
    }
    auto outOfRange = [&] {
        rep.error(n, what + " " + quote(v) + " is out of range: use 0 to " +
                         (maxSeconds >= 0 ? std::to_string(maxSeconds) : std::string("999999")) + " seconds");
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
std::optional<std::int64_t> Scalars::duration(const YamlNode& n, const std::string& what, std::int64_t maxSeconds,
                                              bool allowZero) {
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

//-----------------------------------------------------------------------------
// [SECTION] Text in one or more languages
//-----------------------------------------------------------------------------
// One `lang: text` entry of a text map; false (after reporting) when unusable.
bool Scalars::textEntry(const YamlNode& k, const YamlNode& v, const std::string& what, std::size_t maxChars, Text& t) {
    if (!k.IsScalar()) {
        rep.error(k, what + ": language keys must be codes like en or fr");
        return false;
    }
    const std::string& lang = k.Scalar();
    if (!isIsoLanguage(lang)) {
        // A comma inside {en: ..., fr: ...} splits the text into a new "key":
        // say so, since the message alone would puzzle.
        bool looksLikeText = lang.size() > 3 || lang.find(' ') != std::string::npos;
        rep.error(k, "unknown language " + quote(lang) + " in " + what +
                         (looksLikeText ? " (a comma inside {...} starts a new key: put the text in quotes)"
                                        : didYouMean(lang, pack.languages)));
        return false;
    }
    if (std::find(pack.languages.begin(), pack.languages.end(), lang) == pack.languages.end())
        rep.warning(k, "language " + quote(lang) + " in " + what + " is not declared in the pack's languages");
    if (t.byLang.count(lang)) {
        rep.error(k, "duplicate language " + quote(lang) + " in " + what);
        return false;
    }
    if (!v.IsScalar() || v.Scalar().empty()) {
        rep.error(v, what + " (" + lang + ") must be a non-empty string");
        return false;
    }
    const std::string& value = v.Scalar();
    // The label is built only to explain a problem: most text has none.
    if (findControlCharacter(value) != std::string::npos || countCodePoints(value) > maxChars) {
        const std::string label = what + " (" + lang + ")";
        if (!noControl(v, value, label) || !notTooLong(v, value, label, maxChars)) return false;
    }
    t.byLang.emplace(lang, value);
    return true;
}

// Text: a plain string in the pack's default language, or a map of
// language -> string. Missing translations are warnings.
std::optional<Text> Scalars::text(const YamlNode& n, const std::string& what, std::size_t maxChars) {
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
        for (const auto& kv : n)  // kv: a temporary pair of handles, alive for the body
            if (!textEntry(kv.first, kv.second, what, maxChars, t)) ok = false;
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

//-----------------------------------------------------------------------------
// [SECTION] Format
//-----------------------------------------------------------------------------
void checkFormat(const YamlNode& n, Reporter& rep, Scalars& sc) {
    if (auto f = sc.string(n, "format")) {
        if (*f != "1") rep.error(n, "unsupported format " + quote(*f) + ": this version of Unknot reads format 1");
    }
}

}  // namespace unknot::loading
