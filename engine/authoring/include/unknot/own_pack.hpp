// The person's own pack: breathing patterns made in the app, saved as routine
// YAML in <data folder>/packs/mine/ so the same loader and lint read them, and
// a person can edit them by hand or share them as files.
//
// [SECTION] Writing a pattern as YAML
// [SECTION] Writing a file atomically
// [SECTION] Saving and deleting in the pack
#pragma once

#include "unknot/breath_pattern.hpp"
#include "unknot/files.hpp"
#include "unknot/result.hpp"

#include <string>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Writing a pattern as YAML
//-----------------------------------------------------------------------------
// The pack's id and folder name under <data folder>/packs/.
inline constexpr const char* kOwnPackId = "mine";

// A routine file for `p` with id `id`, emitted by yaml-cpp's emitter (never by
// joining strings): any name, quotes, colons, line breaks or right-to-left
// text included, stays one valid YAML string. English and French text.
std::string patternYaml(const BreathPattern& p, const std::string& id);
// pack.yaml of the own pack.
std::string ownPackYaml();

//-----------------------------------------------------------------------------
// [SECTION] Writing a file atomically
//-----------------------------------------------------------------------------
// Writes `bytes` to a temporary file beside `path` (mode `mode`), fsyncs it,
// renames it over `path` and fsyncs the folder: a reader sees the old file or
// the new one, never half of one. On failure the old file is untouched and
// the temporary file is removed.
Result<void> writeFileAtomic(const std::string& path, const std::string& bytes, unsigned mode = 0600);

//-----------------------------------------------------------------------------
// [SECTION] Saving and deleting in the pack
//-----------------------------------------------------------------------------
struct OwnPack {
    std::string dir;            // <data folder>/packs/mine
    std::string vocabularyDir;  // the bundled content folder (areas.yaml...)
    std::string routinePath(const std::string& id) const;
};

// Saves `p` as routine `id` (new or replacing the file of that id): creates
// the pack (folders 0700, pack.yaml) when missing, checks the YAML through the
// loader and lint first, and writes only when it has no error; the errors
// are returned as "file:line: message" lines otherwise, and nothing changes.
Result<void> saveOwnPattern(const OwnPack& pack, const BreathPattern& p, const std::string& id);

// Removes routine `id` of the pack. Only ids the loader accepts ([a-z0-9-]):
// an id is never a path.
Result<void> deleteOwnRoutine(const OwnPack& pack, const std::string& id);

}  // namespace unknot
