// The fault-injecting VFS (faulty_vfs.hpp). Each file it opens is a
// FaultFile holding the real file right behind it; every method forwards to
// the real one, after asking shouldFail() for the counted kinds.
#include "faulty_vfs.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace ioerr {

namespace {

// Where calls are counted (WriteFull counts xWrite like Write).
enum class Site { Open, Read, Write, Sync, Truncate, FileSize, Lock, ShmMap };

struct State {
    bool armed = false;
    Site site = Site::Read;
    int code = SQLITE_IOERR;
    long n = 0;
    bool persistent = false;
    long seen = 0;
    long hits = 0;
};
State g;

sqlite3_vfs* gReal = nullptr;  // the VFS we wrap (SQLite's default when installed)
sqlite3_vfs gVfs;              // ours

Site siteOf(Fault f) {
    switch (f) {
    case Fault::Open: return Site::Open;
    case Fault::Read: return Site::Read;
    case Fault::Write:
    case Fault::WriteFull: return Site::Write;
    case Fault::Sync: return Site::Sync;
    case Fault::Truncate: return Site::Truncate;
    case Fault::FileSize: return Site::FileSize;
    case Fault::Lock: return Site::Lock;
    case Fault::ShmMap: return Site::ShmMap;
    }
    return Site::Read;
}

int codeOf(Fault f) {
    switch (f) {
    case Fault::Open: return SQLITE_CANTOPEN;
    case Fault::Read: return SQLITE_IOERR_READ;
    case Fault::Write: return SQLITE_IOERR_WRITE;
    case Fault::WriteFull: return SQLITE_FULL;
    case Fault::Sync: return SQLITE_IOERR_FSYNC;
    case Fault::Truncate: return SQLITE_IOERR_TRUNCATE;
    case Fault::FileSize: return SQLITE_IOERR_FSTAT;
    case Fault::Lock: return SQLITE_IOERR_LOCK;
    case Fault::ShmMap: return SQLITE_IOERR_SHMMAP;
    }
    return SQLITE_IOERR;
}

// Counts a call at `s`; true when it is to fail.
bool shouldFail(Site s) {
    if (!g.armed || s != g.site) return false;
    ++g.seen;
    bool fail = g.seen == g.n || (g.persistent && g.seen > g.n);
    if (fail) ++g.hits;
    return fail;
}

struct FaultFile {
    sqlite3_file base;
    sqlite3_file* real;  // points just past this struct, in SQLite's allocation
};

sqlite3_file* realOf(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f)->real; }

int xClose(sqlite3_file* f) { return realOf(f)->pMethods->xClose(realOf(f)); }
int xRead(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) {
    if (shouldFail(Site::Read)) return g.code;
    return realOf(f)->pMethods->xRead(realOf(f), buf, amt, off);
}
int xWrite(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
    if (shouldFail(Site::Write)) return g.code;
    return realOf(f)->pMethods->xWrite(realOf(f), buf, amt, off);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size) {
    if (shouldFail(Site::Truncate)) return g.code;
    return realOf(f)->pMethods->xTruncate(realOf(f), size);
}
int xSync(sqlite3_file* f, int flags) {
    if (shouldFail(Site::Sync)) return g.code;
    return realOf(f)->pMethods->xSync(realOf(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size) {
    if (shouldFail(Site::FileSize)) return g.code;
    return realOf(f)->pMethods->xFileSize(realOf(f), size);
}
int xLock(sqlite3_file* f, int level) {
    if (shouldFail(Site::Lock)) return g.code;
    return realOf(f)->pMethods->xLock(realOf(f), level);
}
int xUnlock(sqlite3_file* f, int level) { return realOf(f)->pMethods->xUnlock(realOf(f), level); }
int xCheckReservedLock(sqlite3_file* f, int* out) { return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out); }
int xFileControl(sqlite3_file* f, int op, void* arg) { return realOf(f)->pMethods->xFileControl(realOf(f), op, arg); }
int xSectorSize(sqlite3_file* f) { return realOf(f)->pMethods->xSectorSize(realOf(f)); }
int xDeviceCharacteristics(sqlite3_file* f) { return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f)); }
int xShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** pp) {
    if (shouldFail(Site::ShmMap)) return g.code;
    return realOf(f)->pMethods->xShmMap(realOf(f), region, size, extend, pp);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f) { realOf(f)->pMethods->xShmBarrier(realOf(f)); }
int xShmUnmap(sqlite3_file* f, int del) { return realOf(f)->pMethods->xShmUnmap(realOf(f), del); }
int xFetch(sqlite3_file* f, sqlite3_int64 off, int amt, void** pp) {
    return realOf(f)->pMethods->xFetch(realOf(f), off, amt, pp);
}
int xUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return realOf(f)->pMethods->xUnfetch(realOf(f), off, p); }

// Version 2 (WAL needs the xShm* methods). Without xFetch SQLite never maps
// the file, so every page read goes through xRead and can be failed.
const sqlite3_io_methods kMethods = {2,
                                     xClose,
                                     xRead,
                                     xWrite,
                                     xTruncate,
                                     xSync,
                                     xFileSize,
                                     xLock,
                                     xUnlock,
                                     xCheckReservedLock,
                                     xFileControl,
                                     xSectorSize,
                                     xDeviceCharacteristics,
                                     xShmMap,
                                     xShmLock,
                                     xShmBarrier,
                                     xShmUnmap,
                                     xFetch,
                                     xUnfetch};

int vOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags) {
    auto* ff = reinterpret_cast<FaultFile*>(file);
    ff->base.pMethods = nullptr;  // SQLite calls xClose only when this is set
    if (shouldFail(Site::Open)) return g.code;
    ff->real = reinterpret_cast<sqlite3_file*>(ff + 1);
    std::memset(ff->real, 0, static_cast<std::size_t>(gReal->szOsFile));
    int rc = gReal->xOpen(gReal, name, ff->real, flags, outFlags);
    if (ff->real->pMethods) ff->base.pMethods = &kMethods;
    return rc;
}
int vDelete(sqlite3_vfs*, const char* name, int syncDir) { return gReal->xDelete(gReal, name, syncDir); }
int vAccess(sqlite3_vfs*, const char* name, int flags, int* out) { return gReal->xAccess(gReal, name, flags, out); }
int vFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return gReal->xFullPathname(gReal, name, n, out);
}
void* vDlOpen(sqlite3_vfs*, const char* name) { return gReal->xDlOpen(gReal, name); }
void vDlError(sqlite3_vfs*, int n, char* msg) { gReal->xDlError(gReal, n, msg); }
void (*vDlSym(sqlite3_vfs*, void* h, const char* sym))(void) { return gReal->xDlSym(gReal, h, sym); }
void vDlClose(sqlite3_vfs*, void* h) { gReal->xDlClose(gReal, h); }
int vRandomness(sqlite3_vfs*, int n, char* out) { return gReal->xRandomness(gReal, n, out); }
int vSleep(sqlite3_vfs*, int us) { return gReal->xSleep(gReal, us); }
int vCurrentTime(sqlite3_vfs*, double* t) { return gReal->xCurrentTime(gReal, t); }
int vGetLastError(sqlite3_vfs*, int n, char* out) { return gReal->xGetLastError(gReal, n, out); }
int vCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* t) { return gReal->xCurrentTimeInt64(gReal, t); }

}  // namespace

const char* faultName(Fault f) {
    switch (f) {
    case Fault::Open: return "xOpen";
    case Fault::Read: return "xRead";
    case Fault::Write: return "xWrite";
    case Fault::WriteFull: return "xWrite(SQLITE_FULL)";
    case Fault::Sync: return "xSync";
    case Fault::Truncate: return "xTruncate";
    case Fault::FileSize: return "xFileSize";
    case Fault::Lock: return "xLock";
    case Fault::ShmMap: return "xShmMap";
    }
    return "?";
}

void arm(Fault f, long n, bool persistent) {
    g = State{};
    g.armed = true;
    g.site = siteOf(f);
    g.code = codeOf(f);
    g.n = n;
    g.persistent = persistent;
}

void disarm() { g.armed = false; }
long seen() { return g.seen; }
long hits() { return g.hits; }

FaultyVfsScope::FaultyVfsScope() {
    g = State{};
    gReal = sqlite3_vfs_find(nullptr);
    if (!gReal || gReal->iVersion < 2) throw std::runtime_error("no default SQLite VFS of version 2 or later");
    std::memset(&gVfs, 0, sizeof gVfs);
    gVfs.iVersion = 2;
    gVfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + gReal->szOsFile;
    gVfs.mxPathname = gReal->mxPathname;
    gVfs.zName = "unknot-faulty";
    gVfs.xOpen = vOpen;
    gVfs.xDelete = vDelete;
    gVfs.xAccess = vAccess;
    gVfs.xFullPathname = vFullPathname;
    gVfs.xDlOpen = vDlOpen;
    gVfs.xDlError = vDlError;
    gVfs.xDlSym = vDlSym;
    gVfs.xDlClose = vDlClose;
    gVfs.xRandomness = vRandomness;
    gVfs.xSleep = vSleep;
    gVfs.xCurrentTime = vCurrentTime;
    gVfs.xGetLastError = vGetLastError;
    gVfs.xCurrentTimeInt64 = vCurrentTimeInt64;
    if (sqlite3_vfs_register(&gVfs, 1) != SQLITE_OK) throw std::runtime_error("sqlite3_vfs_register failed");
}

FaultyVfsScope::~FaultyVfsScope() {
    g = State{};
    sqlite3_vfs_unregister(&gVfs);
    sqlite3_vfs_register(gReal, 1);
}

}  // namespace ioerr
