// Where Unknot finds its bundled data, relative to the executable, so the same
// binary works in the build tree and after `cmake --install`.
#pragma once

#include <string>
#include <vector>

namespace unknot {

// Candidates for the data folder (holding content/ and assets/), best first:
// <exe dir>/../share/unknot (install and build tree), then <exe dir>.
std::vector<std::string> dataDirCandidates(const std::string& exeDir);
// The first candidate holding content/areas.yaml, or "" if none.
std::string findDataDir(const std::string& exeDir);

}  // namespace unknot
