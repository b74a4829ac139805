// Golden tests: each case in tests/golden is a YAML file (or a folder of them)
// beside its expected output. lint/<case>.expected holds `unknot lint <case>`;
// play/<case>.expected holds `unknot play <case> --clock virtual` (a folder
// case plays the routine named like the folder). Any difference fails.
//
// To accept new output after a deliberate change, run the test binary with
// UNKNOT_UPDATE_GOLDEN=1 and review the diff in git before committing.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {
std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The cases of one folder: *.yaml files and sub-folders, by name.
std::vector<std::string> cases(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) {
        std::string n = e.path().filename().string();
        if (e.is_directory()) names.insert(n);
        else if (e.path().extension() == ".yaml") names.insert(e.path().stem().string());
    }
    return {names.begin(), names.end()};
}

fs::path casePath(const fs::path& dir, const std::string& name) {
    return fs::is_directory(dir / name) ? dir / name : dir / (name + ".yaml");
}

void compare(const fs::path& expectedFile, const std::string& actual) {
    if (std::getenv("UNKNOT_UPDATE_GOLDEN")) {
        std::ofstream(expectedFile, std::ios::binary) << actual;
        return;
    }
    REQUIRE(fs::exists(expectedFile));
    CHECK(actual == readAll(expectedFile));
}

std::string stripPrefix(std::string s, const std::string& prefix) {
    for (std::size_t at; (at = s.find(prefix)) != std::string::npos;) s.erase(at, prefix.size());
    return s;
}
}  // namespace

TEST_CASE("lint golden cases") {
    fs::path dir = fs::path(UNKNOT_SOURCE_DIR) / "tests/golden/lint";
    auto names = cases(dir);
    REQUIRE(names.size() >= 20);
    for (const auto& name : names) {
        DYNAMIC_SECTION(name) {
            auto r = testing::runCli({"lint", casePath(dir, name).string()});
            // Every case holds at least one mistake: lint must say so.
            bool onlyWarnings = r.out.find(": error: ") == std::string::npos;
            CHECK(r.status == (onlyWarnings ? 0 : 1));
            CHECK_FALSE(r.out.empty());
            compare(dir / (name + ".expected"), stripPrefix(r.out, dir.string() + "/"));
        }
    }
}

TEST_CASE("play golden cases") {
    fs::path dir = fs::path(UNKNOT_SOURCE_DIR) / "tests/golden/play";
    auto names = cases(dir);
    REQUIRE(names.size() >= 6);
    for (const auto& name : names) {
        DYNAMIC_SECTION(name) {
            auto lint = testing::runCli({"lint", casePath(dir, name).string()});
            INFO(lint.out);
            CHECK(lint.status == 0);  // play cases are valid routines
            auto r = testing::runCli({"--content", casePath(dir, name).string(), "play", name, "--clock", "virtual"});
            CHECK(r.status == 0);
            compare(dir / (name + ".expected"), r.out);
        }
    }
}
