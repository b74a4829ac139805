// What a path is, before the shell writes or opens it.
#pragma once

#include <string>

namespace unknot::platform {

// "" when `path` is missing or a regular file; otherwise what it is ("a
// folder", "a character device", ...: kindOfMode in unknot/files.hpp).
// `followLinks`: a link to a regular file is fine (the journal); without it
// any link is refused (a screenshot is never written through one).
std::string notPlainFile(const std::string& path, bool followLinks);

}  // namespace unknot::platform
