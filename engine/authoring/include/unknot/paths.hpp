// Where Unknot finds its bundled data, relative to the executable, so the same
// binary works in the build tree and after `cmake --install`.
#pragma once

#include "unknot/files.hpp"
#include "unknot/loader.hpp"

#include <string>
#include <vector>

namespace unknot {

// Candidates for the data folder (holding content/ and assets/), best first:
// <exe dir>/../share/unknot (install and build tree), then <exe dir>.
std::vector<std::string> dataDirCandidates(const std::string& exeDir);
// The first candidate holding content/areas.yaml, or "" if none.
std::string findDataDir(const std::string& exeDir);

// The default set of content: every pack in <dataDir>/content (the bundled
// ones) and, if the folder exists, every pack in <prefDir>/packs (the user's).
LoadOptions defaultLoadOptions(const std::string& dataDir, const std::string& prefDir,
                               const FileSource& files);

}  // namespace unknot
