// Breathing patterns a person makes (the "Make your own" screen): four phases
// in half seconds, a length, a name. Pure: no files, no YAML, no window. The
// authoring library writes a pattern as a routine (own_pack.hpp); the screen
// reads the pace, the breaths and the notes from here.
//
// [SECTION] The pattern
// [SECTION] Pace and length
// [SECTION] Notes (what keeps it from saving, and gentle advice)
// [SECTION] Names
#pragma once

#include "unknot/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] The pattern
//-----------------------------------------------------------------------------
struct BreathPattern {
    // Each phase in half seconds, 0 to kMaxHalfSeconds (10 s); 0 leaves the
    // phase out. Half seconds: steppers move by 0.5 s, and the YAML keeps
    // exact decimals ("3.5").
    static constexpr int kMaxHalfSeconds = 20;
    int inhale = 8, hold = 0, exhale = 12, rest = 0;  // 4 in, 6 out: about 6 a minute

    enum class Length { Breaths, Minutes };
    Length lengthIn = Length::Minutes;
    int amount = 5;  // breaths or minutes, by lengthIn

    // The cycles whose phases the voice names (`count_aloud:`).
    int countAloud = Breathe::kDefaultCountAloud;
    std::string name;
};

inline constexpr int kMaxPatternBreaths = 600;
inline constexpr int kMaxPatternMinutes = 60;  // the loader's longest step
inline constexpr int kMaxPatternCountAloud = 20;

// Every field inside its range (phases 0..20, amount 1..max, count 0..20).
BreathPattern clampPattern(BreathPattern p);

//-----------------------------------------------------------------------------
// [SECTION] Pace and length
//-----------------------------------------------------------------------------
std::int64_t patternCycleMs(const BreathPattern& p);
// Breaths per minute at this pace; 0 when the cycle is empty.
double breathsPerMinute(const BreathPattern& p);
// Always whole breaths: minutes become the nearest whole number of cycles,
// at least one (as the loader rounds `duration:`).
int patternBreaths(const BreathPattern& p);
std::int64_t patternTotalMs(const BreathPattern& p);
// The breathing block the pattern stands for.
Breathe patternBreathe(const BreathPattern& p);

//-----------------------------------------------------------------------------
// [SECTION] Notes
//-----------------------------------------------------------------------------
enum class PatternNote {
    NoInhale,       // blocks saving: a breath needs an inhale
    NoExhale,       // blocks saving: and an exhale
    NoName,         // blocks saving
    ExhaleShorter,  // advice: a longer exhale than inhale tends to calm more
    LongHolds,      // advice: holds over 5 s can make some people dizzy
};
std::vector<PatternNote> patternNotes(const BreathPattern& p);
bool blocksSaving(PatternNote n);
bool canSave(const BreathPattern& p);

// A routine written from a pattern (one breathing step between a settling
// step and a closing one) read back as its pattern, for Edit; nullopt when it
// is not of that shape. The name is the title in `lang`.
std::optional<BreathPattern> patternFromRoutine(const Routine& r, const std::string& lang);

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------
// A name as a title may hold it: one line (control characters and line breaks
// become spaces, runs of spaces one), no invalid UTF-8, trimmed, at most
// kMaxTitleChars code points.
std::string cleanPatternName(std::string_view raw);
// A routine id from a name, never a path: "my-" then lowercase ASCII letters
// and digits joined by single dashes ("my-evening-calm"); "my-pattern" when
// nothing is left; "-2", "-3"... until it is not in `taken`. At most 64 chars.
std::string patternId(std::string_view name, const std::vector<std::string>& taken);

}  // namespace unknot
