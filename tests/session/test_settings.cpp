// The settings store: one table read by loading, saving and clamping.
//
// [SECTION] The table
// [SECTION] Round trip through the journal
// [SECTION] Damaged and out-of-range values
#include "unknot/journal.hpp"
#include "unknot/session/settings.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace unknot;

namespace {
// Every field changed from its default, each to a value inside its range.
Settings allChanged() {
    Settings s;
    s.lang = "fr";
    s.theme = ThemeId::HighContrast;
    s.textPercent = 175;
    s.reducedMotion = true;
    s.sound = false;
    s.volumePercent = 35;
    s.haptics = true;
    s.voiceGuided = false;
    s.voiceBreathing = true;
    s.voiceRate = 200;
    s.voiceVolumePercent = 60;
    s.flareMode = true;
    s.askPain = false;
    s.safetyAcknowledged = true;
    s.reminder = true;
    s.reminderMinute = 7 * 60 + 30;
    return s;
}

bool same(const Settings& a, const Settings& b) {
    for (const SettingField& f : settingsTable())
        if (encodeSetting(a, f) != encodeSetting(b, f)) return false;
    return true;
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The table
//-----------------------------------------------------------------------------
TEST_CASE("the table has every field once, each key distinct, each changed value encoded differently", "[settings]") {
    const Settings defaults;
    const Settings changed = allChanged();
    std::set<std::string> keys;
    for (const SettingField& f : settingsTable()) {
        INFO(f.key);
        CHECK(keys.insert(f.key).second);
        // allChanged() changes every field: a row pointing at the wrong field,
        // or two rows at one field, shows here or in the count below.
        CHECK(encodeSetting(defaults, f) != encodeSetting(changed, f));
    }
    CHECK(keys.size() == 16);
    CHECK(keys == std::set<std::string>{"lang", "theme", "text_percent", "reduced_motion", "sound", "volume", "haptics",
                                        "voice_guided", "voice_breathing", "voice_rate", "voice_volume", "flare_mode",
                                        "ask_pain", "safety_acknowledged", "reminder", "reminder_minute"});
}

TEST_CASE("the ranges in the table are the named constants", "[settings]") {
    for (const SettingField& f : settingsTable()) {
        const std::string key = f.key;
        if (key == "text_percent") CHECK((f.min == kTextPercentMin && f.max == kTextPercentMax));
        if (key == "volume") CHECK((f.min == kVolumePercentMin && f.max == kVolumePercentMax));
        if (key == "voice_volume") CHECK((f.min == kVolumePercentMin && f.max == kVolumePercentMax));
        if (key == "voice_rate") CHECK((f.min == kVoiceRateMin && f.max == kVoiceRateMax));
        if (key == "lang") CHECK((f.min == kLangLengthMin && f.max == kLangLengthMax));
        if (key == "reminder_minute") CHECK((f.min == kReminderMinuteMin && f.max == kReminderMinuteMax));
    }
}

TEST_CASE("theme names read back as themselves", "[settings]") {
    for (ThemeId t : {ThemeId::Light, ThemeId::Dark, ThemeId::HighContrast, ThemeId::PureBlack})
        CHECK(parseThemeName(themeName(t)) == t);
    CHECK_FALSE(parseThemeName("sepia"));
}

//-----------------------------------------------------------------------------
// [SECTION] Round trip
//-----------------------------------------------------------------------------
TEST_CASE("settings saved to the journal load back the same, every key", "[settings]") {
    auto journal = Journal::inMemory();
    const Settings saved = allChanged();
    CHECK(saveSettings(*journal, saved) == settingsTable().size());
    for (const SettingField& f : settingsTable()) CHECK(journal->setting(f.key) == encodeSetting(saved, f));
    Settings loaded;
    loadSettings(*journal, loaded);
    CHECK(same(loaded, saved));
    CHECK(loaded.textPercent == 175);
    CHECK(loaded.theme == ThemeId::HighContrast);
    // Saving again writes nothing: each write is a synchronous transaction.
    CHECK(saveSettings(*journal, loaded) == 0);
    loaded.volumePercent = 36;
    CHECK(saveSettings(*journal, loaded) == 1);
}

TEST_CASE("a journal without settings keeps the caller's defaults", "[settings]") {
    auto journal = Journal::inMemory();
    Settings s;
    s.haptics = true;  // a phone's default
    loadSettings(*journal, s);
    CHECK(s.haptics);
    CHECK(same(s, [] {
        Settings d;
        d.haptics = true;
        return d;
    }()));
}

//-----------------------------------------------------------------------------
// [SECTION] Damaged and out-of-range values
//-----------------------------------------------------------------------------
TEST_CASE("damaged saved values keep the default; numbers out of range clamp", "[settings]") {
    auto journal = Journal::inMemory();
    (void)journal->setSetting("lang", "");
    (void)journal->setSetting("theme", "sepia");
    (void)journal->setSetting("text_percent", "999");
    (void)journal->setSetting("volume", "-5");
    (void)journal->setSetting("sound", "maybe");
    (void)journal->setSetting("haptics", "true");
    (void)journal->setSetting("flare_mode", "12abc");
    (void)journal->setSetting("ask_pain", "false");
    Settings s;
    loadSettings(*journal, s);
    CHECK(s.lang == "en");
    CHECK(s.theme == ThemeId::Light);
    CHECK(s.textPercent == kTextPercentMax);
    CHECK(s.volumePercent == kVolumePercentMin);
    CHECK(s.sound);
    CHECK(s.haptics);
    CHECK_FALSE(s.flareMode);
    CHECK_FALSE(s.askPain);
}

TEST_CASE("decoding says why a value is refused", "[settings]") {
    Settings s;
    for (const SettingField& f : settingsTable()) {
        INFO(f.key);
        const std::string bad = std::string(kLangLengthMax + 1, 'x');
        const Result<void> r = decodeSetting(s, f, bad);
        CHECK_FALSE(r);
        if (!r) CHECK(r.error().message.find(f.key) != std::string::npos);
    }
    CHECK(same(s, Settings{}));
    const SettingField* textPercent = nullptr;
    for (const SettingField& f : settingsTable())
        if (std::string(f.key) == "text_percent") textPercent = &f;
    REQUIRE(textPercent);
    const Result<void> ok = decodeSetting(s, *textPercent, "150");
    CHECK(ok);
    CHECK(s.textPercent == 150);
}

TEST_CASE("clamping brings every field into its range", "[settings]") {
    Settings s;
    s.textPercent = 40;
    s.volumePercent = 400;
    s.lang = "";
    Settings c = clampSettings(s);
    CHECK(c.textPercent == kTextPercentMin);
    CHECK(c.volumePercent == kVolumePercentMax);
    CHECK(c.lang == "en");
    s.lang = std::string(kLangLengthMax + 1, 'x');
    CHECK(clampSettings(s).lang == "en");
    s.textPercent = 250;
    CHECK(clampSettings(s).textPercent == kTextPercentMax);
    CHECK(same(clampSettings(allChanged()), allChanged()));
}
