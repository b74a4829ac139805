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

std::string joinPath(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (a.back() == '/') return a + b;
    return a + "/" + b;
}

}  // namespace unknot
