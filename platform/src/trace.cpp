// Trace (see trace.hpp).
#include "trace.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <sstream>

namespace unknot::platform {

Trace::~Trace() {
    if (fd_ >= 0) ::close(fd_);
}

bool Trace::open(const std::string& path, std::string& error) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0644);
    struct stat st {};
    if (fd_ < 0 || fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
        error = path + ": cannot open the trace file for writing" +
                (fd_ < 0 ? std::string(" (") + std::strerror(errno) + ")" : std::string(" (not a plain file)"));
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
        return false;
    }
    return true;
}

void Trace::afterFrame(const ui::App& app) {
    if (fd_ < 0) return;
    std::ostringstream line;
    line << app.screenName();
    for (const ui::Hotspot& h : app.hotspots())
        line << '\t' << h.id << ' ' << std::lround(h.x) << ' ' << std::lround(h.y) << ' ' << std::lround(h.w) << ' '
             << std::lround(h.h);
    if (line.str() == last_) return;
    last_ = line.str();
    // One write per line, at once: the end-to-end test reads it while we run.
    const std::string out = last_ + '\n';
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::write(fd_, out.data() + done, out.size() - done);
        if (n > 0)
            done += static_cast<std::size_t>(n);
        else if (!(n < 0 && errno == EINTR))
            break;  // a full disk: the trace is best effort
    }
}

}  // namespace unknot::platform
