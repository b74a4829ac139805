// Localized text, durations and small string helpers shared by the engine.
//
// [SECTION] Text: one string per language, with fallback
// [SECTION] Durations: "45", "45s", "2m", "1m30s" and how they print
// [SECTION] Search folding (accent- and case-insensitive)
// [SECTION] Control characters
// [SECTION] Suggestions (did you mean?)
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Text
//-----------------------------------------------------------------------------
// A piece of content text in one or more languages. `get` falls back to the
// pack's default language, then to any language, so a missing translation
// never shows an empty prompt.
struct Text {
    std::map<std::string, std::string> byLang;
    std::string defaultLang = "en";

    bool empty() const { return byLang.empty(); }
    const std::string& get(std::string_view lang) const;
    bool has(std::string_view lang) const { return byLang.count(std::string(lang)) != 0; }
    static Text plain(std::string s, std::string lang = "en");
};

//-----------------------------------------------------------------------------
// [SECTION] Durations
//-----------------------------------------------------------------------------
// Parses "45", "45s", "2m", "1m30s", "1h", "1h5m" into whole seconds.
// Returns nullopt on anything else (the loader explains why).
std::optional<std::int64_t> parseDurationSeconds(std::string_view s);
// "mm:ss.mmm" (minutes may exceed 59), the offset format of transcripts.
std::string formatOffset(std::int64_t ms);
// "1 min 30 s", "45 s", "2 h 5 min": how totals are shown on cards.
std::string formatDurationHuman(std::int64_t seconds);
// "4", "3.5": a breathing phase in seconds, without useless zeros.
std::string formatSeconds(std::int64_t ms);

//-----------------------------------------------------------------------------
// [SECTION] Search folding
//-----------------------------------------------------------------------------
// Lower-cases ASCII and Latin-1/Latin Extended-A letters and strips their
// accents, so "Épaule" matches "epaule". Invalid UTF-8 bytes are dropped.
std::string foldForSearch(std::string_view utf8);
// UTF-8 validation, written once: overlong forms, surrogates and code points
// past U+10FFFF are invalid too.
bool isValidUtf8(std::string_view s);
// Byte offset of the first invalid UTF-8 sequence, or npos when there is none.
std::size_t firstInvalidUtf8(std::string_view s);

//-----------------------------------------------------------------------------
// [SECTION] Control characters
//-----------------------------------------------------------------------------
// Content text may hold line breaks but no other control character: C0
// controls (U+0000 to U+001F, tab included), DEL (U+007F) and C1 controls
// (U+0080 to U+009F), which a terminal would obey (ESC [ 31 m, CSI) and
// the app cannot draw. Returns the byte offset of the first one, or npos.
std::size_t findControlCharacter(std::string_view utf8);
// The code point at `offset` written as U+001B, for messages.
std::string describeCodePoint(std::string_view utf8, std::size_t offset);
// `s` with every control character (as above, line breaks included) and every
// byte that is not valid UTF-8 written C-style: \n, \r, \t, \x1b, \u009b.
// File names and values are printed this way in diagnostics.
std::string escapeControl(std::string_view s);
// Code points (not bytes) in valid UTF-8; invalid bytes count one each.
std::size_t countCodePoints(std::string_view utf8);

//-----------------------------------------------------------------------------
// [SECTION] Suggestions
//-----------------------------------------------------------------------------
std::size_t editDistance(std::string_view a, std::string_view b);
// The closest candidate within a small edit distance, or "" if none is close.
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace unknot
