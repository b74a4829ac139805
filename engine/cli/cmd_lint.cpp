// unknot lint [PATH...]: every problem in the content, as
// path:line:column: error: message; exit 1 when there are errors.
#include "cli_internal.hpp"

#include <iostream>

namespace unknot::cli {

int lint(const CliEnv& env, const Common& c, const std::vector<std::string>& paths) {
    std::vector<std::string> all = paths;
    all.insert(all.end(), c.content.begin(), c.content.end());
    auto loaded = loadContent(env, all);
    if (!loaded) return sayLoadFailed(env, loaded.error());
    const Library& lib = *loaded;
    if (!langOffered(env, c, lib)) return 2;
    for (const auto& d : lib.diagnostics) *env.out << formatDiagnostic(d) << "\n";
    int e = countErrors(lib.diagnostics), w = countWarnings(lib.diagnostics);
    *env.err << lib.routines.size() << (lib.routines.size() == 1 ? " routine" : " routines") << " loaded, " << e
             << (e == 1 ? " error, " : " errors, ") << w << (w == 1 ? " warning\n" : " warnings\n");
    return e > 0 ? 1 : 0;
}

}  // namespace unknot::cli
