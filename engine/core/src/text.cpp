// Text, durations, search folding and suggestions.
//
// [SECTION] Text
// [SECTION] Durations
// [SECTION] UTF-8 and search folding
// [SECTION] Suggestions
#include "unknot/text.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Text
//-----------------------------------------------------------------------------
const std::string& Text::get(std::string_view lang) const {
    static const std::string empty;
    if (auto it = byLang.find(std::string(lang)); it != byLang.end()) return it->second;
    if (auto it = byLang.find(defaultLang); it != byLang.end()) return it->second;
    return byLang.empty() ? empty : byLang.begin()->second;
}

Text Text::plain(std::string s, std::string lang) {
    Text t;
    t.defaultLang = lang;
    t.byLang.emplace(std::move(lang), std::move(s));
    return t;
}

//-----------------------------------------------------------------------------
// [SECTION] Durations
//-----------------------------------------------------------------------------
// Accepts a bare number of seconds, or one or more <number><unit> groups with
// units h, m, s in that order, each at most once ("1h5m", "1m30s").
std::optional<std::int64_t> parseDurationSeconds(std::string_view s) {
    if (s.empty()) return std::nullopt;
    const std::int64_t cap = std::numeric_limits<std::int64_t>::max() / 4000;
    bool allDigits = std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (allDigits) {
        if (s.size() > 12) return std::nullopt;
        return std::stoll(std::string(s));
    }
    std::int64_t total = 0;
    int lastUnit = -1;  // 0 h, 1 m, 2 s
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == start || i == s.size() || i - start > 12) return std::nullopt;
        std::int64_t n = std::stoll(std::string(s.substr(start, i - start)));
        int unit;
        std::int64_t mult;
        switch (s[i]) {
        case 'h':
            unit = 0;
            mult = 3600;
            break;
        case 'm':
            unit = 1;
            mult = 60;
            break;
        case 's':
            unit = 2;
            mult = 1;
            break;
        default: return std::nullopt;
        }
        if (unit <= lastUnit) return std::nullopt;
        lastUnit = unit;
        ++i;
        total += n * mult;
        if (total > cap) return std::nullopt;
    }
    return total;
}

std::string formatOffset(std::int64_t ms) {
    if (ms < 0) ms = 0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld.%03lld", static_cast<long long>(ms / 60000),
                  static_cast<long long>((ms / 1000) % 60), static_cast<long long>(ms % 1000));
    return buf;
}

std::string formatDurationHuman(std::int64_t seconds) {
    if (seconds < 60) return std::to_string(seconds) + " s";
    std::int64_t h = seconds / 3600, m = (seconds / 60) % 60, s = seconds % 60;
    std::string out;
    if (h) out += std::to_string(h) + " h";
    if (m) out += (out.empty() ? "" : " ") + std::to_string(m) + " min";
    if (s) out += (out.empty() ? "" : " ") + std::to_string(s) + " s";
    return out;
}

std::string formatSeconds(std::int64_t ms) {
    std::string out = std::to_string(ms / 1000);
    if (std::int64_t frac = ms % 1000) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%03lld", static_cast<long long>(frac));
        std::string f = buf;
        while (!f.empty() && f.back() == '0') f.pop_back();
        out += "." + f;
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] UTF-8 and search folding
//-----------------------------------------------------------------------------
namespace {
// Decodes one code point at s[i]; returns its length, or 0 if invalid.
std::size_t decodeUtf8(std::string_view s, std::size_t i, char32_t& cp) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    std::size_t len;
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07;
    } else
        return 0;
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    static const char32_t minFor[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < minFor[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
    return len;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80)
        out += static_cast<char>(cp);
    else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The base letter of a Latin-1 Supplement letter (U+00C0..U+00FF), lower case.
const char* latin1Base(char32_t cp) {
    static const char* table[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",   // C0
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
        "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",   // E0
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y",   // F0
    };
    return table[cp - 0xC0];
}
}  // namespace

std::size_t firstInvalidUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        // ASCII runs are most of every content file: skip them without decoding.
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        char32_t cp;
        std::size_t n = decodeUtf8(s, i, cp);
        if (!n) return i;
        i += n;
    }
    return std::string_view::npos;
}

bool isValidUtf8(std::string_view s) { return firstInvalidUtf8(s) == std::string_view::npos; }

namespace {
bool isControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }
}  // namespace

std::size_t findControlCharacter(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        // Most text is plain ASCII: judge those bytes without decoding (this
        // runs over every scalar the loader reads).
        const auto byte = static_cast<unsigned char>(s[i]);
        if (byte < 0x80) {
            if ((byte < 0x20 && byte != '\n') || byte == 0x7F) return i;
            ++i;
            continue;
        }
        char32_t cp;
        std::size_t n = decodeUtf8(s, i, cp);
        if (!n) {
            ++i;
            continue;
        }
        if (isControl(cp)) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string describeCodePoint(std::string_view s, std::size_t offset) {
    char32_t cp = 0;
    if (offset >= s.size() || !decodeUtf8(s, offset, cp)) return "an invalid byte";
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

std::string escapeControl(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    char buf[16];
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp;
        std::size_t n = decodeUtf8(s, i, cp);
        if (!n) {
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(s[i]));
            out += buf;
            ++i;
            continue;
        }
        if (isControl(cp)) {
            if (cp == '\n')
                out += "\\n";
            else if (cp == '\r')
                out += "\\r";
            else if (cp == '\t')
                out += "\\t";
            else {
                std::snprintf(buf, sizeof buf, cp < 0x80 ? "\\x%02x" : "\\u%04x", static_cast<unsigned>(cp));
                out += buf;
            }
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::size_t countCodePoints(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::string foldForSearch(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp;
        std::size_t n = decodeUtf8(s, i, cp);
        if (!n) {
            ++i;
            continue;
        }
        i += n;
        if (cp < 0x80) {
            out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        } else if (cp >= 0xC0 && cp <= 0xFF && latin1Base(cp)) {
            out += latin1Base(cp);
        } else if (cp == 0x152 || cp == 0x153) {
            out += "oe";
        } else if (cp == 0x2019 || cp == 0x2018) {
            out += '\'';
        } else {
            appendUtf8(out, cp);
        }
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Suggestions
//-----------------------------------------------------------------------------
// Optimal string alignment distance: Levenshtein plus adjacent swaps, so
// "titel" is one edit from "title".
std::size_t editDistance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
    // Long words may be further off; a one-letter word matches nothing useful.
    std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, word.size() / 3));
    if (word.size() > 64) return {};
    std::string best;
    std::size_t bestD = limit + 1;
    for (const auto& c : candidates) {
        std::size_t d = editDistance(word, c);
        if (d < bestD) {
            bestD = d;
            best = c;
        }
    }
    return best;
}

}  // namespace unknot
