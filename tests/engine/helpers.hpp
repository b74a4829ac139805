// Shared helpers for the engine tests: temporary folders, running the CLI
// in-process, loading YAML text.
#pragma once

#include "unknot/cli.hpp"
#include "unknot/loader.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace testing {

// A fresh folder under the system temp dir, removed when the test ends.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("unknot-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string write(const std::string& rel, const std::string& text) const {
        auto p = path / rel;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
    std::string str() const { return path.string(); }
};

inline std::string contentDir() { return std::string(UNKNOT_SOURCE_DIR) + "/content"; }

// Loads the given paths with the bundled vocabularies.
inline unknot::Library load(const std::vector<std::string>& paths) {
    unknot::LoadOptions o;
    o.vocabularyDir = contentDir();
    o.paths = paths;
    return unknot::loadLibrary(o);
}

// The common head of a valid routine, for building test files.
inline std::string routineHead(const std::string& id, const std::string& extra = "") {
    return "id: " + id +
           "\ntitle: {en: Test, fr: Test}\nsummary: {en: For tests., fr: Pour les tests.}\nkind: stretch\n"
           "areas: [neck]\nequipment: []\nintensity: gentle\nflare_safe: true\n" +
           extra + "cautions:\n  - {en: Stop on sharp pain., fr: Arrêtez en cas de douleur vive.}\nsteps:\n";
}

struct CliResult {
    int status = 0;
    std::string out, err;
};

// Runs `unknot ARGS...` in-process, as the build tree's executable would,
// with a fake clock that jumps instead of sleeping.
inline CliResult runCli(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), "unknot");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::istringstream in(input);
    std::ostringstream out, err;
    std::int64_t now = 1000;
    unknot::CliEnv env;
    env.exeDir = std::string(UNKNOT_BINARY_DIR) + "/bin";
    env.prefDir = "";
    env.in = &in;
    env.out = &out;
    env.err = &err;
    env.nowMs = [&] { return now; };
    env.sleepMs = [&](std::int64_t ms) { now += ms; };
    CliResult r;
    r.status = unknot::runCli(static_cast<int>(argv.size()), argv.data(), env);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace testing
