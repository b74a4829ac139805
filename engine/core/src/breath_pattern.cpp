// Breathing patterns a person makes: pace, length, notes, names and ids.
//
// [SECTION] Pace and length
// [SECTION] Notes
// [SECTION] Reading a made routine back
// [SECTION] Names and ids
#include "unknot/breath_pattern.hpp"

#include <algorithm>
#include <cmath>

namespace unknot {

BreathPattern clampPattern(BreathPattern p) {
    auto phase = [](int v) { return std::clamp(v, 0, BreathPattern::kMaxHalfSeconds); };
    p.inhale = phase(p.inhale);
    p.hold = phase(p.hold);
    p.exhale = phase(p.exhale);
    p.rest = phase(p.rest);
    const int most = p.lengthIn == BreathPattern::Length::Breaths ? kMaxPatternBreaths : kMaxPatternMinutes;
    p.amount = std::clamp(p.amount, 1, most);
    p.countAloud = std::clamp(p.countAloud, 0, kMaxPatternCountAloud);
    return p;
}

//-----------------------------------------------------------------------------
// [SECTION] Pace and length
//-----------------------------------------------------------------------------
std::int64_t patternCycleMs(const BreathPattern& p) {
    return static_cast<std::int64_t>(p.inhale + p.hold + p.exhale + p.rest) * 500;
}

double breathsPerMinute(const BreathPattern& p) {
    const std::int64_t cycle = patternCycleMs(p);
    return cycle > 0 ? 60000.0 / static_cast<double>(cycle) : 0.0;
}

int patternBreaths(const BreathPattern& p) {
    if (p.lengthIn == BreathPattern::Length::Breaths) return std::max(1, p.amount);
    const std::int64_t cycle = patternCycleMs(p);
    if (cycle <= 0) return 1;
    const double cycles = static_cast<double>(p.amount) * 60000.0 / static_cast<double>(cycle);
    return std::max(1, static_cast<int>(std::llround(cycles)));
}

std::int64_t patternTotalMs(const BreathPattern& p) { return patternCycleMs(p) * patternBreaths(p); }

Breathe patternBreathe(const BreathPattern& p) {
    Breathe b;
    b.inhaleMs = p.inhale * std::int64_t{500};
    b.holdMs = p.hold * std::int64_t{500};
    b.exhaleMs = p.exhale * std::int64_t{500};
    b.restMs = p.rest * std::int64_t{500};
    b.cycles = patternBreaths(p);
    b.countAloud = p.countAloud;
    return b;
}

//-----------------------------------------------------------------------------
// [SECTION] Notes
//-----------------------------------------------------------------------------
std::vector<PatternNote> patternNotes(const BreathPattern& p) {
    std::vector<PatternNote> notes;
    if (p.inhale <= 0) notes.push_back(PatternNote::NoInhale);
    if (p.exhale <= 0) notes.push_back(PatternNote::NoExhale);
    if (cleanPatternName(p.name).empty()) notes.push_back(PatternNote::NoName);
    if (p.inhale > 0 && p.exhale > 0 && p.exhale < p.inhale) notes.push_back(PatternNote::ExhaleShorter);
    if (p.hold > 10 || p.rest > 10) notes.push_back(PatternNote::LongHolds);
    return notes;
}

bool blocksSaving(PatternNote n) {
    return n == PatternNote::NoInhale || n == PatternNote::NoExhale || n == PatternNote::NoName;
}

bool canSave(const BreathPattern& p) {
    const auto notes = patternNotes(p);
    return std::none_of(notes.begin(), notes.end(), blocksSaving);
}

//-----------------------------------------------------------------------------
// [SECTION] Reading a made routine back
//-----------------------------------------------------------------------------
namespace {
// Milliseconds as half seconds, or -1 when they are not a whole number of
// them or out of range.
int halfSeconds(std::int64_t ms) {
    if (ms < 0 || ms % 500 != 0 || ms / 500 > BreathPattern::kMaxHalfSeconds) return -1;
    return static_cast<int>(ms / 500);
}
}  // namespace

std::optional<BreathPattern> patternFromRoutine(const Routine& r, const std::string& lang) {
    const Breathe* found = nullptr;
    for (const Step& s : r.steps) {
        const auto* say = std::get_if<SayStep>(&s.v);
        if (!say) return std::nullopt;  // a repeat or an include: not a made pattern
        if (const auto* b = std::get_if<Breathe>(&say->body)) {
            if (found) return std::nullopt;
            found = b;
        }
    }
    if (!found) return std::nullopt;
    BreathPattern p;
    p.inhale = halfSeconds(found->inhaleMs);
    p.hold = halfSeconds(found->holdMs);
    p.exhale = halfSeconds(found->exhaleMs);
    p.rest = halfSeconds(found->restMs);
    if (p.inhale < 0 || p.hold < 0 || p.exhale < 0 || p.rest < 0) return std::nullopt;
    p.lengthIn = BreathPattern::Length::Breaths;
    p.amount = std::clamp(found->cycles, 1, kMaxPatternBreaths);
    p.countAloud = std::clamp(found->countAloud, 0, kMaxPatternCountAloud);
    p.name = r.title.get(lang);
    return p;
}

//-----------------------------------------------------------------------------
// [SECTION] Names and ids
//-----------------------------------------------------------------------------
namespace {
// One UTF-8 sequence at `i`: its code point and length, or length 0 when the
// bytes there are not valid UTF-8.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return {b0, 1};
    std::size_t n = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return {0, 0};
    char32_t cp = b0 & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return {0, 0};
        cp = (cp << 6) | (b & 0x3Fu);
    }
    const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
    return {cp, n};
}

bool isControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// The plain letter of an accented Latin-1 one (é -> e), so French names give
// readable ids; 0 for the rest.
char plainLetter(char32_t cp) {
    static constexpr std::string_view kLatin1 =  // U+00C0 .. U+00FF, lowercased
        "aaaaaaaceeeeiiiidnooooo_ouuuuyts"
        "aaaaaaaceeeeiiiidnooooo_ouuuuyty";
    if (cp < 0xC0 || cp > 0xFF) return 0;
    const char c = kLatin1[cp - 0xC0];
    return c == '_' ? 0 : c;
}
}  // namespace

std::string cleanPatternName(std::string_view raw) {
    std::string out;
    std::size_t chars = 0;
    bool space = false;
    for (std::size_t i = 0; i < raw.size() && chars < kMaxTitleChars;) {
        auto [cp, n] = decode(raw, i);
        if (n == 0) {  // invalid bytes are dropped
            ++i;
            continue;
        }
        const std::string_view piece = raw.substr(i, n);
        i += n;
        if (isControl(cp) || cp == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            ++chars;
            space = false;
            if (chars >= kMaxTitleChars) break;
        }
        out += piece;
        ++chars;
    }
    return out;
}

std::string patternId(std::string_view name, const std::vector<std::string>& taken) {
    std::string slug;
    bool dash = false;
    for (std::size_t i = 0; i < name.size() && slug.size() < 40;) {
        auto [cp, n] = decode(name, i);
        i += n == 0 ? 1 : n;
        char c = 0;
        if (cp >= 'a' && cp <= 'z') c = static_cast<char>(cp);
        if (cp >= 'A' && cp <= 'Z') c = static_cast<char>(cp - 'A' + 'a');
        if (cp >= '0' && cp <= '9') c = static_cast<char>(cp);
        if (n != 0 && c == 0) c = plainLetter(cp);
        if (c == 0) {
            dash = !slug.empty();
            continue;
        }
        if (dash) slug += '-';
        dash = false;
        slug += c;
    }
    std::string base = "my-" + (slug.empty() ? std::string("pattern") : slug);
    auto free = [&](const std::string& id) { return std::find(taken.begin(), taken.end(), id) == taken.end(); };
    if (free(base)) return base;
    for (int k = 2;; ++k) {
        std::string id = base + "-" + std::to_string(k);
        if (free(id)) return id;
    }
}

}  // namespace unknot
