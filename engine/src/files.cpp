// The plain-disk FileSource.
#include "unknot/files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace unknot {

FileSource::Type DiskFileSource::type(const std::string& path) const {
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (ec) return Type::Missing;
    if (fs::is_directory(st)) return Type::Directory;
    if (fs::exists(st)) return Type::File;
    return Type::Missing;
}

std::vector<std::string> DiskFileSource::list(const std::string& dir) const {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        out.push_back(it->path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::string> DiskFileSource::read(const std::string& path, std::size_t maxBytes,
                                                std::string& error) const {
    if (type(path) == Type::Directory) {
        error = "is a folder, not a file";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open file";
        return std::nullopt;
    }
    // Read at most maxBytes + 1 so a huge file is never read whole, and size
    // the buffer from the file, not from the limit (most files are small).
    in.seekg(0, std::ios::end);
    auto size = static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg()));
    in.seekg(0, std::ios::beg);
    std::string data(std::min(size, maxBytes) + 1, '\0');
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    data.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
        error = "read error";
        return std::nullopt;
    }
    return data;
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

std::string joinPath(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (a.back() == '/') return a + b;
    return a + "/" + b;
}

}  // namespace unknot
