// What a path is (see plain_file.hpp).
#include "plain_file.hpp"

#include "unknot/files.hpp"

#include <sys/stat.h>

namespace unknot::platform {

std::string notPlainFile(const std::string& path, bool followLinks) {
    struct stat st {};
    if ((followLinks ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) != 0) {
        // A dangling link is still a link.
        if (followLinks && ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) return "a broken symbolic link";
        return {};
    }
    return kindOfMode(st.st_mode);  // lstat: a symbolic link is reported as one
}

}  // namespace unknot::platform
