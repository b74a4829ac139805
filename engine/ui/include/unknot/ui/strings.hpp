// The app's own words (buttons, headings, empty states), in English and French,
// from one table. Content text (titles, prompts, cautions) comes from the packs
// through Text::get(lang) instead.
//
// [SECTION] Lookup
// [SECTION] The table (for tests and tools)
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Lookup
//-----------------------------------------------------------------------------
// The string for `key` in `lang` ("fr", "fr-CA" -> French; anything else ->
// English). An unknown key returns the key itself, so a typo shows up on screen
// instead of an empty button (and the string table test catches it).
const char* tr(std::string_view key, std::string_view lang);

// True for "fr", "fr-CA", "fr_BE": the language tr() answers in French.
bool isFrench(std::string_view lang);

// tr() with "{name}" placeholders replaced, in order of the pairs given.
std::string trf(std::string_view key, std::string_view lang,
                std::initializer_list<std::pair<std::string_view, std::string>> args);

//-----------------------------------------------------------------------------
// [SECTION] The table
//-----------------------------------------------------------------------------
struct StringEntry {
    const char* key;
    const char* en;
    const char* fr;
};
const std::vector<StringEntry>& stringTable();
// The languages the table covers, English first.
const std::vector<std::string>& uiLanguages();

}  // namespace unknot::ui
