// A SQLite VFS for I/O-fault tests, in the manner of SQLite's own `ioerr`
// tests: it wraps the default VFS ("unix"), counts the operations of each
// kind while armed, and fails the Nth one of a chosen kind, either once
// (transient) or that one and every later one of the kind (persistent).
//
// FaultyVfsScope registers it as SQLite's DEFAULT VFS for its lifetime, so
// the journal code opens its files through it unchanged; disarmed, it only
// passes calls through. One at a time: the state is process-wide.
#pragma once

#include <array>
#include <cstddef>
#include <string>

namespace ioerr {

// The operations that can be made to fail, and what they return then.
enum class Fault {
    Open,       // xOpen          -> SQLITE_CANTOPEN
    Read,       // xRead          -> SQLITE_IOERR_READ
    Write,      // xWrite         -> SQLITE_IOERR_WRITE
    WriteFull,  // xWrite         -> SQLITE_FULL (counts the same writes as Write)
    Sync,       // xSync          -> SQLITE_IOERR_FSYNC
    Truncate,   // xTruncate      -> SQLITE_IOERR_TRUNCATE
    FileSize,   // xFileSize      -> SQLITE_IOERR_FSTAT
    Lock,       // xLock          -> SQLITE_IOERR_LOCK
    ShmMap,     // xShmMap        -> SQLITE_IOERR_SHMMAP
};
inline constexpr std::array<Fault, 9> kAllFaults{Fault::Open,      Fault::Read, Fault::Write,
                                                 Fault::WriteFull, Fault::Sync, Fault::Truncate,
                                                 Fault::FileSize,  Fault::Lock, Fault::ShmMap};
const char* faultName(Fault f);

// Arms the fault: the `n`th operation of kind `f` from now on (1-based)
// fails, and with `persistent` every later one of that kind too. Resets the
// counts and the hit counter.
void arm(Fault f, long n, bool persistent);
// Every call passes through again; counts stop.
void disarm();
// Operations of the armed kind seen since arm(), and how many were failed.
long seen();
long hits();

// Registers the wrapper as the default VFS; the destructor puts the VFS that
// was the default back. Every connection must be closed by then.
class FaultyVfsScope {
public:
    FaultyVfsScope();
    ~FaultyVfsScope();
    FaultyVfsScope(const FaultyVfsScope&) = delete;
    FaultyVfsScope& operator=(const FaultyVfsScope&) = delete;
};

}  // namespace ioerr
