// The plain-disk FileSource.
//
// [SECTION] Regular files only: opening without blocking
// [SECTION] DiskFileSource
#include "unknot/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Regular files only
//-----------------------------------------------------------------------------
std::string kindOfMode(unsigned mode) {
    if (S_ISREG(mode)) return {};
    if (S_ISLNK(mode)) return "a symbolic link";
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISDIR(mode)) return "a folder";
    return "not a regular file";
}

namespace {

std::string errnoText(int e) {
    if (e == ELOOP) return "symbolic link loop";
    if (e == ENOENT) return "no such file";
    if (e == EACCES || e == EPERM) return "permission denied";
    return std::strerror(e);
}
}  // namespace

std::string specialFileKind(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    if (S_ISDIR(st.st_mode)) return {};
    return kindOfMode(st.st_mode);
}

std::optional<std::string> readRegularFile(const std::string& path, std::size_t maxBytes, std::string& error) {
    // stat first, so a device is never even opened (opening some has effects);
    // then open without blocking (a FIFO with no writer would wait forever)
    // and check again on the descriptor, in case the path changed between.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        int e = errno;
        if (e == ENOENT && ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
            error = "cannot open file: broken symbolic link (its target does not exist)";
        else
            error = "cannot open file: " + errnoText(e);
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        error = "is a folder, not a file";
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        error = "not a regular file (it is " + kindOfMode(st.st_mode) + ")";
        return std::nullopt;
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        error = "cannot open file: " + errnoText(errno);
        return std::nullopt;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error = S_ISDIR(st.st_mode) ? "is a folder, not a file"
                                    : "not a regular file (it is " + kindOfMode(st.st_mode) + ")";
        return std::nullopt;
    }
    // Read at most maxBytes + 1 so a huge file is never read whole, and size
    // the buffer from the file, not from the limit (most files are small).
    const std::size_t limit = maxBytes + 1;
    std::string data;
    data.reserve(std::min<std::size_t>(static_cast<std::size_t>(std::max<off_t>(0, st.st_size)), maxBytes) + 1);
    char buf[16384];
    while (data.size() < limit) {
        ssize_t got = ::read(fd, buf, std::min(sizeof buf, limit - data.size()));
        if (got < 0) {
            if (errno == EINTR) continue;
            error = "read error: " + errnoText(errno);
            return std::nullopt;
        }
        if (got == 0) break;
        data.append(buf, static_cast<std::size_t>(got));
    }
    return data;
}

//-----------------------------------------------------------------------------
// [SECTION] DiskFileSource
//-----------------------------------------------------------------------------
FileSource::Type DiskFileSource::type(const std::string& path) const {
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (ec) {
        // A symbolic link loop or a broken link still names something: report
        // it as a file, so reading it says what is wrong instead of "missing".
        auto lst = fs::symlink_status(path, ec);
        return !ec && fs::is_symlink(lst) ? Type::File : Type::Missing;
    }
    if (fs::is_directory(st)) return Type::Directory;
    if (fs::exists(st)) return Type::File;
    return Type::Missing;
}

std::optional<std::vector<std::string>> DiskFileSource::list(const std::string& dir, std::string& error) const {
    std::vector<std::string> out;
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) out.push_back(it->path().filename().string());
    if (ec) {
        int e = ec.value();
        error = "cannot list folder: " +
                (ec.category() == std::generic_category() || ec.category() == std::system_category() ? errnoText(e)
                                                                                                     : ec.message());
        return std::nullopt;
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::string> DiskFileSource::read(const std::string& path, std::size_t maxBytes,
                                                std::string& error) const {
    return readRegularFile(path, maxBytes, error);
}

bool DiskFileSource::staysInside(const std::string& path, const std::string& root) const {
    std::error_code ec;
    fs::path r = fs::path(root).lexically_normal();
    if (!r.has_filename()) r = r.parent_path();
    // Fast path, one lstat per level below root: no symbolic link on the way
    // from root down to path (the loader builds path from root and names it
    // listed, so there is no "..").
    bool plain = false;
    for (fs::path cur = fs::path(path).lexically_normal(); !cur.empty(); cur = cur.parent_path()) {
        if (cur == r) {
            plain = true;
            break;
        }
        if (fs::is_symlink(fs::symlink_status(cur, ec)) || cur == cur.parent_path()) break;
    }
    if (plain) return true;
    // Otherwise compare the real locations, links followed; any doubt is "outside".
    fs::path real = fs::weakly_canonical(path, ec);
    if (ec) return false;
    fs::path realRoot = fs::weakly_canonical(r, ec);
    if (ec) return false;
    auto [a, b] = std::mismatch(realRoot.begin(), realRoot.end(), real.begin(), real.end());
    return a == realRoot.end() && b != real.end();
}

std::string DiskFileSource::linkProblem(const std::string& path) const {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) return {};
    int e = errno;
    if (e == ELOOP) return "symbolic link loop";
    if (e == ENOENT && ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
        return "broken symbolic link (its target does not exist)";
    return {};
}

std::string joinPath(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (a.back() == '/') return a + b;
    return a + "/" + b;
}

}  // namespace unknot
