// Settings: what the Settings screen holds, the ranges every layer checks a
// setting against, and the store that keeps them in the journal.
//
// The store is ONE table (settingsTable()): each row names a journal key, the
// field of Settings it holds, its codec (implied by the field's type: text,
// theme name, 0/1, integer) and its range. Loading, saving and clamping all
// read that table, so adding a setting is adding one row.
//
// [SECTION] Ranges
// [SECTION] Settings and the theme names
// [SECTION] The table
// [SECTION] Load, save, clamp
#pragma once

#include "unknot/result.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace unknot {

class Journal;

//-----------------------------------------------------------------------------
// [SECTION] Ranges
//-----------------------------------------------------------------------------
// Text size, in percent of the base size: the shell's --text-size, the
// Settings slider and the journal's saved value all clamp to this range.
inline constexpr int kTextPercentMin = 100;
inline constexpr int kTextPercentMax = 200;
// Cue volume, in percent.
inline constexpr int kVolumePercentMin = 0;
inline constexpr int kVolumePercentMax = 100;
// The voice's speaking rate, in words per minute (espeak-ng's scale), and
// its volume in percent, apart from the cues'.
inline constexpr int kVoiceRateMin = 100;
inline constexpr int kVoiceRateMax = 260;
inline constexpr int kVoiceRateDefault = 165;
// The daily reminder's time, in minutes after local midnight, in steps of a
// quarter of an hour; 18:00 until the person picks another.
inline constexpr int kReminderMinuteMin = 0;
inline constexpr int kReminderMinuteMax = 24 * 60 - 1;
inline constexpr int kReminderMinuteStep = 15;
inline constexpr int kReminderMinuteDefault = 18 * 60;
// A language code ("en", "fr", "pt-BR"): never empty, never a paragraph.
inline constexpr int kLangLengthMin = 1;
inline constexpr int kLangLengthMax = 16;

//-----------------------------------------------------------------------------
// [SECTION] Settings and the theme names
//-----------------------------------------------------------------------------
// The four colour themes of Settings.
enum class ThemeId { Light, Dark, HighContrast, PureBlack };
// "light", "dark", "high-contrast", "pure-black": the names saved in the
// journal and taken by the shell's --theme.
const char* themeName(ThemeId t);
std::optional<ThemeId> parseThemeName(std::string_view name);

// Everything Settings holds. Saved in the journal (one row per key) and read
// back at start, so every choice survives a restart.
struct Settings {
    std::string lang = "en";
    ThemeId theme = ThemeId::Light;
    int textPercent = 100;       // kTextPercentMin..Max, applied live (the shell rebuilds the fonts)
    bool reducedMotion = false;  // a text prompt and a filling bar, no moving shape
    bool sound = true;
    int volumePercent = 80;
    bool haptics = false;  // on by default on phones only
    // The voice: on for routines you do with your hands (you cannot look),
    // off for breathing alone (the tones suffice); each can be changed.
    bool voiceGuided = true;
    bool voiceBreathing = false;
    int voiceRate = kVoiceRateDefault;  // kVoiceRateMin..Max
    int voiceVolumePercent = 100;
    bool flareMode = false;  // hide routines that are not flare-safe
    bool askPain = true;     // ask "How is your pain?" before and after
    bool safetyAcknowledged = false;
    // A daily notification at reminderMinute while a plan is active and the
    // day's practice is not done (only while Unknot runs): off until asked.
    bool reminder = false;
    int reminderMinute = kReminderMinuteDefault;  // kReminderMinuteMin..Max
};

//-----------------------------------------------------------------------------
// [SECTION] The table
//-----------------------------------------------------------------------------
// The field a row holds; its type is its codec: text as is, a theme by name,
// a flag as "1"/"0" (reading "true"/"false" too), an integer in decimal.
using SettingMember = std::variant<std::string Settings::*, ThemeId Settings::*, bool Settings::*, int Settings::*>;

struct SettingField {
    const char* key;  // the journal's key
    SettingMember member;
    // Integers: the range the value is clamped to. Text: the range of its
    // length, outside of which the default is used. Unused otherwise.
    int min = 0;
    int max = 0;
};

// Every setting, in the order Settings declares them.
std::span<const SettingField> settingsTable();

//-----------------------------------------------------------------------------
// [SECTION] Load, save, clamp
//-----------------------------------------------------------------------------
// The journal's text for one field of `s`.
std::string encodeSetting(const Settings& s, const SettingField& f);
// Sets one field of `s` from the journal's text. A value that cannot be read
// (not a number, an unknown theme, text of a wrong length) leaves the field as
// it was and says why; a number out of range is clamped.
Result<void> decodeSetting(Settings& s, const SettingField& f, const std::string& text);
// Every field brought into its range (text out of range: the default).
Settings clampSettings(Settings s);
// Reads every row the journal has into `s`; missing or damaged rows keep the
// value `s` had (the caller's defaults), so a newer Unknot adding a setting
// never needs a migration.
void loadSettings(const Journal& journal, Settings& s);
// Writes the rows whose text differs from the journal's: each write is a
// synchronous transaction, and Settings changes one value at a time. Returns
// how many rows were written.
std::size_t saveSettings(Journal& journal, const Settings& s);

}  // namespace unknot
