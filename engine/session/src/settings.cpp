// The settings store: one table of key, field, codec and range, read by
// loading, saving and clamping alike.
//
// [SECTION] Theme names
// [SECTION] The table
// [SECTION] Codecs
// [SECTION] Load, save, clamp
#include "unknot/session/settings.hpp"

#include "unknot/journal.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Theme names
//-----------------------------------------------------------------------------
namespace {
constexpr std::array<ThemeId, 4> kThemes = {ThemeId::Light, ThemeId::Dark, ThemeId::HighContrast, ThemeId::PureBlack};
}  // namespace

const char* themeName(ThemeId t) {
    switch (t) {
    case ThemeId::Light: return "light";
    case ThemeId::Dark: return "dark";
    case ThemeId::HighContrast: return "high-contrast";
    case ThemeId::PureBlack: return "pure-black";
    }
    return "light";
}

std::optional<ThemeId> parseThemeName(std::string_view name) {
    for (ThemeId t : kThemes)
        if (name == themeName(t)) return t;
    return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] The table
//-----------------------------------------------------------------------------
namespace {
const std::array<SettingField, 16> kTable = {{
    {"lang", &Settings::lang, kLangLengthMin, kLangLengthMax},
    {"theme", &Settings::theme},
    {"text_percent", &Settings::textPercent, kTextPercentMin, kTextPercentMax},
    {"reduced_motion", &Settings::reducedMotion},
    {"sound", &Settings::sound},
    {"volume", &Settings::volumePercent, kVolumePercentMin, kVolumePercentMax},
    {"haptics", &Settings::haptics},
    {"voice_guided", &Settings::voiceGuided},
    {"voice_breathing", &Settings::voiceBreathing},
    {"voice_rate", &Settings::voiceRate, kVoiceRateMin, kVoiceRateMax},
    {"voice_volume", &Settings::voiceVolumePercent, kVolumePercentMin, kVolumePercentMax},
    {"flare_mode", &Settings::flareMode},
    {"ask_pain", &Settings::askPain},
    {"safety_acknowledged", &Settings::safetyAcknowledged},
    {"reminder", &Settings::reminder},
    {"reminder_minute", &Settings::reminderMinute, kReminderMinuteMin, kReminderMinuteMax},
}};

// Helper for std::visit over the member pointers.
template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

bool textFits(const SettingField& f, const std::string& v) {
    return v.size() >= static_cast<std::size_t>(f.min) && v.size() <= static_cast<std::size_t>(f.max);
}

}  // namespace

std::span<const SettingField> settingsTable() { return kTable; }

//-----------------------------------------------------------------------------
// [SECTION] Codecs
//-----------------------------------------------------------------------------
std::string encodeSetting(const Settings& s, const SettingField& f) {
    return std::visit(Overloaded{
                          [&](std::string Settings::*m) { return s.*m; },
                          [&](ThemeId Settings::*m) { return std::string(themeName(s.*m)); },
                          [&](bool Settings::*m) { return std::string(s.*m ? "1" : "0"); },
                          [&](int Settings::*m) { return std::to_string(s.*m); },
                      },
                      f.member);
}

Result<void> decodeSetting(Settings& s, const SettingField& f, const std::string& v) {
    const std::string key = f.key;
    return std::visit(Overloaded{
                          [&](std::string Settings::*m) {
                              if (!textFits(f, v)) return Result<void>(fail(key + ": text of a wrong length"));
                              s.*m = v;
                              return Result<void>();
                          },
                          [&](ThemeId Settings::*m) {
                              const std::optional<ThemeId> t = parseThemeName(v);
                              if (!t) return Result<void>(fail(key + ": unknown theme '" + v + "'"));
                              s.*m = *t;
                              return Result<void>();
                          },
                          [&](bool Settings::*m) {
                              if (v == "1" || v == "true")
                                  s.*m = true;
                              else if (v == "0" || v == "false")
                                  s.*m = false;
                              else
                                  return Result<void>(fail(key + ": not 1 or 0"));
                              return Result<void>();
                          },
                          [&](int Settings::*m) {
                              int x = 0;
                              const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
                              if (ec != std::errc() || end != v.data() + v.size())
                                  return Result<void>(fail(key + ": not a number"));
                              s.*m = std::clamp(x, f.min, f.max);
                              return Result<void>();
                          },
                      },
                      f.member);
}

//-----------------------------------------------------------------------------
// [SECTION] Load, save, clamp
//-----------------------------------------------------------------------------
Settings clampSettings(Settings s) {
    const Settings defaults;
    for (const SettingField& f : kTable) {
        if (const auto* m = std::get_if<int Settings::*>(&f.member)) s.** m = std::clamp(s.**m, f.min, f.max);
        if (const auto* m = std::get_if<std::string Settings::*>(&f.member))
            if (!textFits(f, s.**m)) s.** m = defaults.**m;
    }
    return s;
}

void loadSettings(const Journal& journal, Settings& s) {
    for (const SettingField& f : kTable)
        if (const std::optional<std::string> v = journal.setting(f.key)) (void)decodeSetting(s, f, *v);
}

std::size_t saveSettings(Journal& journal, const Settings& s) {
    std::size_t written = 0;
    for (const SettingField& f : kTable) {
        const std::string value = encodeSetting(s, f);
        const std::optional<std::string> old = journal.setting(f.key);
        if (old && *old == value) continue;
        (void)journal.setSetting(f.key, value);
        ++written;
    }
    return written;
}

}  // namespace unknot
