// unknot lint [PATH...]: every problem in the content, as
// path:line:column: error: message; exit 1 when there are errors.
#include "cli_internal.hpp"

#include "unknot/audio/voice_fit.hpp"
#include "unknot/plans.hpp"

#include <algorithm>

#include <iostream>

namespace unknot::cli {

int lint(const CliEnv& env, const Common& c, const std::vector<std::string>& paths) {
    std::vector<std::string> given = paths;
    given.insert(given.end(), c.content.begin(), c.content.end());
    auto loaded = loadContent(env, given);
    if (!loaded) return sayLoadFailed(env, loaded.error());
    const Library& lib = *loaded;
    if (!langOffered(env, c, lib)) return 2;
    // The loader's problems, then the voice's: spoken text that cannot fit
    // its segment (timed by espeak-ng).
    std::vector<Diagnostic> all = lib.diagnostics;
    for (Diagnostic& d : audio::voiceFitWarnings(lib)) all.push_back(std::move(d));
    // Then the plans (plans/*.yaml), checked against the routines that loaded;
    // they go among the other files' problems, sorted by file and line.
    PlanBook plans = loadPlans(lib);
    if (!plans.diagnostics.empty()) {
        all.insert(all.end(), plans.diagnostics.begin(), plans.diagnostics.end());
        std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
            if (a.path != b.path) return a.path < b.path;
            if (a.line != b.line) return a.line < b.line;
            return a.column < b.column;
        });
    }
    for (const auto& d : all) *env.out << formatDiagnostic(d) << "\n";
    int e = countErrors(all), w = countWarnings(all);
    *env.err << lib.routines.size() << (lib.routines.size() == 1 ? " routine" : " routines") << " loaded, " << e
             << (e == 1 ? " error, " : " errors, ") << w << (w == 1 ? " warning\n" : " warnings\n");
    return e > 0 ? 1 : 0;
}

}  // namespace unknot::cli
