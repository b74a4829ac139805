// The loader: YAML packs in, a checked Library out. The only part of Unknot
// that includes yaml-cpp.
//
// [SECTION] Limits that keep hostile files harmless
// [SECTION] Loading
#pragma once

#include "unknot/files.hpp"
#include "unknot/model.hpp"

#include <string>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Limits
//-----------------------------------------------------------------------------
struct LoadLimits {
    std::size_t maxFileBytes = 1024 * 1024;  // 1 MiB
    int maxDepth = 64;                       // nesting of maps and sequences
    std::size_t maxNodes = 100000;           // counted through aliases too
    std::int64_t maxStepSeconds = 3600;
    std::int64_t maxRoutineSeconds = 4 * 3600;
    // A routine may include one that includes another, and so on, this many
    // levels deep; the include that passes it is an error.
    int maxIncludeDepth = 16;
    // Files read from one folder (a pack's routines/, a folder of routine
    // files, a folder of packs); the rest are reported and left unread.
    std::size_t maxFilesPerFolder = 5000;
    // A routine expanded (repeats, sides, cycles, includes).
    std::int64_t maxSegments = 100000;
};

//-----------------------------------------------------------------------------
// [SECTION] Loading
//-----------------------------------------------------------------------------
struct LoadOptions {
    // The bundled content folder holding areas.yaml and equipment.yaml.
    std::string vocabularyDir;
    // Packs, folders of packs, or single routine files, in order.
    std::vector<std::string> paths;
    LoadLimits limits;
};

// Loads everything it can and explains everything it cannot: never throws for
// bad content, and one broken file never keeps the others out.
Library loadLibrary(const LoadOptions& options, const FileSource& files);

// The same with the plain disk.
Library loadLibrary(const LoadOptions& options);

}  // namespace unknot
