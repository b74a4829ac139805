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
LoadOptions defaultLoadOptions(const std::string& dataDir, const std::string& prefDir, const FileSource& files);

// The content set the user asked for, loaded: exactly `content` (the paths
// given with --content, in order) when there are any, else the default set
// above; the bundled vocabularies (<dataDir>/content) either way. The one
// rule for --content, shared by the command line and the app's shell.
Library loadRequestedContent(const std::string& dataDir, const std::string& prefDir,
                             const std::vector<std::string>& content, const FileSource& files);

}  // namespace unknot
