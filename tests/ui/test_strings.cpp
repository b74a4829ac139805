// The UI string table: both languages for every key, no key used in the code
// without an entry, the same placeholders in both languages.
//
// [SECTION] The table
// [SECTION] Lookups
// [SECTION] Keys used by the screens
#include "unknot/ui/strings.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace unknot::ui;

//-----------------------------------------------------------------------------
// [SECTION] The table
//-----------------------------------------------------------------------------
static std::set<std::string> placeholders(const std::string& s) {
    std::set<std::string> out;
    static const std::regex re(R"(\{[a-z]+\})");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
        out.insert(it->str());
    return out;
}

TEST_CASE("every UI string has English and French, with the same placeholders", "[ui][strings]") {
    std::set<std::string> keys;
    REQUIRE(stringTable().size() > 50);
    for (const StringEntry& e : stringTable()) {
        INFO("key " << e.key);
        REQUIRE(e.key != nullptr);
        REQUIRE(e.en != nullptr);
        REQUIRE(e.fr != nullptr);
        CHECK(std::string(e.en).size() > 0);
        CHECK(std::string(e.fr).size() > 0);
        CHECK(keys.insert(e.key).second);  // no key twice
        CHECK(placeholders(e.en) == placeholders(e.fr));
        CHECK(std::string(tr(e.key, "en")) == e.en);
        CHECK(std::string(tr(e.key, "fr")) == e.fr);
        CHECK(std::string(tr(e.key, "fr-CA")) == e.fr);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Lookups
//-----------------------------------------------------------------------------
TEST_CASE("the French UI uses the content's words: poussée (never crise), picotements (never fourmillements)",
          "[ui][strings]") {
    // The content says "poussée" and "picotements"; one word for one thing.
    for (const StringEntry& e : stringTable()) {
        const std::string fr = e.fr;
        INFO("key " << e.key << ": " << fr);
        CHECK(fr.find("crise") == std::string::npos);
        CHECK(fr.find("fourmillement") == std::string::npos);
    }
}

TEST_CASE("lookups fall back to English, unknown keys show themselves", "[ui][strings]") {
    CHECK(std::string(tr("player.breathe_in", "de")) == "Breathe in");
    CHECK(std::string(tr("player.breathe_in", "fr")) == "Inspirez");
    CHECK(std::string(tr("player.hold", "fr")) == "Retenez");
    CHECK(std::string(tr("player.breathe_out", "fr")) == "Expirez");
    CHECK(std::string(tr("player.rest", "fr")) == "Repos");
    CHECK(std::string(tr("no.such.key", "fr")) == "no.such.key");
    CHECK(trf("player.left", "en", {{"t", "12:30"}}) == "12:30 left");
    CHECK(trf("home.problems_many", "fr", {{"n", "3"}}) == "3 problèmes de contenu");
}

//-----------------------------------------------------------------------------
// [SECTION] Keys used by the screens
//-----------------------------------------------------------------------------
// Every string key that the .cpp files of `folder` (whose names start with
// `prefix`) name through `re` (first group: the key) is in the table, with
// each of `suffixes` added; returns how many uses were found, so a scan that
// finds nothing fails.
static int checkKeysUsedIn(const char* folder, const std::string& prefix, const std::regex& re,
                           const std::vector<std::string>& suffixes = {""}) {
    std::set<std::string> table;
    for (const StringEntry& e : stringTable()) table.insert(e.key);
    const std::filesystem::path dir = std::filesystem::path(UNKNOT_SOURCE_DIR) / folder;
    REQUIRE(std::filesystem::is_directory(dir));
    int used = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".cpp" || name.rfind(prefix, 0) != 0) continue;
        std::ifstream in(entry.path());
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string src = ss.str();
        for (auto it = std::sregex_iterator(src.begin(), src.end(), re); it != std::sregex_iterator(); ++it) {
            for (const std::string& suffix : suffixes) {
                const std::string key = (*it)[1].str() + suffix;
                INFO(name << " uses " << key);
                CHECK(table.count(key) == 1);
            }
            ++used;
        }
    }
    return used;
}

TEST_CASE("every key the screens ask for is in the table", "[ui][strings]") {
    // Scans engine/ui/src for tr("...") and trf("...") with a literal key.
    static const std::regex re(R"re(\btrf?\("([a-z_.\-]+)")re");
    REQUIRE(checkKeysUsedIn("engine/ui/src", "", re) > 40);  // the scan found the screens' keys
    // confirmAction(id, key, ...) shows key, key_ask, key_no and key_yes.
    static const std::regex confirm(R"re(\bconfirmAction\("[^"]*",\s*"([a-z_.\-]+)")re");
    REQUIRE(checkKeysUsedIn("engine/ui/src", "", confirm, {"", "_ask", "_no", "_yes"}) >= 2);
}

TEST_CASE("every notice the journal can raise has words on Home, in both languages", "[ui][strings]") {
    // Home shows a journal notice by its key (drawJournalNotices); a key with
    // no entry would show itself ("journal.moved_foreign_log") to the person.
    static const std::regex re(R"re(\bnotify\(\s*m\s*,\s*"([a-z_.\-]+)")re");
    REQUIRE(checkKeysUsedIn("engine/journal/src", "journal", re) >= 5);  // the scan found the journal's notices
}
