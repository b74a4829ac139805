// Load-and-validate budget: the engine's loadLibrary() over 1,000 generated
// routines, against yaml-cpp's bare YAML::LoadFile of the same files, in the
// same run. Prints `name measured target PASS|FAIL`.
//
// [SECTION] Generating a library of 1,000 routines
// [SECTION] Timing (interleaved rounds, medians)
#include "unknot/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Generating
//-----------------------------------------------------------------------------
// Each routine looks like a real one (~1.5 KB): both languages, cautions, timed
// steps with sides, a breathing block, a repeat, a wait.
static std::string routine(int i) {
    std::string id = "bench-routine-" + std::to_string(i);
    std::string s = "id: " + id + "\n";
    s +=
        "title: {en: \"Bench routine " + std::to_string(i) + "\", fr: \"Routine d'essai " + std::to_string(i) + "\"}\n";
    s += "summary: {en: \"A generated routine that looks like the real ones, for timing.\", "
         "fr: \"Une routine générée qui ressemble aux vraies, pour mesurer.\"}\n";
    s += "kind: stretch\nareas: [neck, shoulders]\nconditions: [headache, tension]\nequipment: [chair]\n";
    s += "intensity: gentle\nflare_safe: true\ncautions:\n";
    s += "  - {en: \"Stop at once if you feel sharp pain, numbness or tingling.\", "
         "fr: \"Arrêtez tout de suite en cas de douleur vive, d'engourdissement ou de picotements.\"}\n";
    s += "  - {en: \"Ask a health professional first if you have a complex condition.\", "
         "fr: \"Demandez d'abord l'avis d'un professionnel de santé si votre état est complexe.\"}\n";
    s += "steps:\n";
    s += "  - say: {en: \"Sit comfortably with your feet flat on the floor.\", fr: \"Asseyez-vous confortablement, les "
         "pieds à plat.\"}\n    duration: 15s\n";
    s += "  - say: {en: \"Tilt your head gently toward one shoulder.\", fr: \"Inclinez doucement la tête vers une "
         "épaule.\"}\n";
    s += "    tip: {en: \"Only to a mild stretch.\", fr: \"Seulement jusqu'à un léger étirement.\"}\n";
    s += "    duration: 30s\n    sides: [right, left]\n";
    s += "  - repeat: 2\n    steps:\n      - say: {en: \"Roll your shoulders slowly.\", fr: \"Roulez lentement les "
         "épaules.\"}\n        duration: 10s\n";
    s += "  - say: {en: \"Fill a glass of water, then continue.\", fr: \"Remplissez un verre d'eau, puis "
         "continuez.\"}\n    wait: tap\n";
    s += "  - say: {en: \"Breathe in for 4, hold for 2, out for 6.\", fr: \"Inspirez 4, retenez 2, expirez 6.\"}\n";
    s += "    breathe: {inhale: 4, hold: 2, exhale: 6, duration: 2m}\n";
    s +=
        "  - say: {en: \"Notice how you feel now.\", fr: \"Remarquez comment vous vous sentez.\"}\n    duration: 10s\n";
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Timing
//-----------------------------------------------------------------------------
static double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

int main(int argc, char** argv) {
    std::string contentDir = argc > 1 ? argv[1] : UNKNOT_BENCH_CONTENT;
    fs::path dir = fs::temp_directory_path() / ("unknot-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir / "pack/routines");
    std::ofstream(dir / "pack/pack.yaml")
        << "format: 1\nid: bench\ntitle: {en: Bench, fr: Banc}\nversion: 1\nlanguages: [en, fr]\n";
    std::vector<std::string> files;
    std::size_t bytes = 0;
    for (int i = 0; i < 1000; ++i) {
        std::string text = routine(i);
        bytes += text.size();
        fs::path p = dir / "pack/routines" / ("r" + std::to_string(i) + ".yaml");
        std::ofstream(p) << text;
        files.push_back(p.string());
    }

    unknot::LoadOptions opt;
    opt.vocabularyDir = contentDir;
    opt.paths = {(dir / "pack").string()};
    {
        // Sanity: the generated library must load clean, or the timing means nothing.
        unknot::Library lib = unknot::loadLibrary(opt);
        if (lib.routines.size() != 1000 || !lib.diagnostics.empty()) {
            std::fprintf(stderr, "bench_load: generated library did not load clean (%zu routines, %zu diagnostics)\n",
                         lib.routines.size(), lib.diagnostics.size());
            for (std::size_t i = 0; i < std::min<std::size_t>(3, lib.diagnostics.size()); ++i)
                std::fprintf(stderr, "  %s\n", unknot::formatDiagnostic(lib.diagnostics[i]).c_str());
            return 1;
        }
    }
    // Interleaved rounds so both sides see the same machine load; medians.
    // UNKNOT_BENCH_ROUNDS=1 makes one round, for a profiler (callgrind's
    // instruction counts are the steadiest measure of where the time goes).
    const char* roundsEnv = std::getenv("UNKNOT_BENCH_ROUNDS");
    const int rounds = roundsEnv && std::atoi(roundsEnv) > 0 ? std::atoi(roundsEnv) : 7;
    std::vector<double> bare, engine;
    std::size_t sink = 0;
    for (int r = 0; r < rounds; ++r) {
        double t0 = nowMs();
        for (const auto& f : files) sink += YAML::LoadFile(f).size();
        double t1 = nowMs();
        unknot::Library lib = unknot::loadLibrary(opt);
        double t2 = nowMs();
        sink += lib.routines.size();
        bare.push_back(t1 - t0);
        engine.push_back(t2 - t1);
    }
    std::sort(bare.begin(), bare.end());
    std::sort(engine.begin(), engine.end());
    const auto mid = static_cast<std::size_t>(rounds / 2);
    double b = bare[mid], e = engine[mid], ratio = e / b;
    std::printf("# 1000 routines, %.0f KiB; yaml-cpp LoadFile %.1f ms, engine load+validate %.1f ms (medians of %d)\n",
                static_cast<double>(bytes) / 1024.0, b, e, rounds);
    std::printf("load-and-validate-1000-routines %.2fx <=1.30x %s\n", ratio, ratio <= 1.3 ? "PASS" : "FAIL");
    if (!std::getenv("UNKNOT_BENCH_KEEP"))
        fs::remove_all(dir);
    else
        std::printf("# kept %s\n", dir.c_str());
    return sink == 0 ? 2 : 0;
}
