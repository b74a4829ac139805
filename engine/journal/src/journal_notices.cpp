// The journal's notices to the user and the plain words for why a write or an
// open failed, and the accessors of the journal's state.
//
// [SECTION] Reasons: SQLite and errno codes in plain words
// [SECTION] Notices
// [SECTION] The journal's state, read
#include "journal_internal.hpp"

#include <cerrno>
#include <filesystem>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Reasons
//-----------------------------------------------------------------------------
bool isWriteFailure(int rc) {
    switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_PROTOCOL:
    case SQLITE_AUTH:
    case SQLITE_INTERRUPT:
    case SQLITE_ABORT: return true;
    default: return false;
    }
}

std::string reasonCode(int rc) {
    switch (rc & 0xff) {
    case SQLITE_FULL: return "disk_full";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH: return "read_only";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "busy";
    case SQLITE_CANTOPEN: return "cannot_open";
    default: return "io_error";
    }
}

std::string reasonText(const std::string& code) {
    if (code == "disk_full") return "the storage is full";
    if (code == "read_only") return "the folder or file is read-only";
    if (code == "busy") return "another program is using it";
    if (code == "cannot_open") return "it cannot be opened";
    return "the storage reported an error";
}

//-----------------------------------------------------------------------------
// [SECTION] Notices
//-----------------------------------------------------------------------------
std::string errnoCode(int e) {
    switch (e) {
    case ENOSPC:
    case EDQUOT: return "disk_full";
    case EACCES:
    case EPERM:
    case EROFS: return "read_only";
    default: return "cannot_open";
    }
}

void notify(Journal::Impl& m, std::string key, std::string file, std::string reason, std::string text) {
    m.notices.push_back(text);
    m.detailed.push_back({std::move(key), std::move(file), std::move(reason), std::move(text)});
}

std::string baseName(const std::string& p) { return std::filesystem::path(p).filename().string(); }

std::string folderOf(const std::string& p) {
    std::string f = std::filesystem::path(p).parent_path().string();
    return f.empty() ? "." : f;
}

//-----------------------------------------------------------------------------
// [SECTION] The journal's state, read
//-----------------------------------------------------------------------------

const std::string& Journal::path() const { return impl_->path; }
bool Journal::persistent() const { return impl_->persistent; }
const std::vector<std::string>& Journal::notices() const { return impl_->notices; }
const std::vector<JournalNotice>& Journal::noticesDetailed() const { return impl_->detailed; }
void Journal::clearNotices() {
    impl_->notices.clear();
    impl_->detailed.clear();
}
std::size_t Journal::pendingWrites() const { return impl_->pending.size(); }
const std::string& Journal::lastError() const { return impl_->lastError; }

}  // namespace unknot
