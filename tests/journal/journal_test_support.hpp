// What the journal tests share (tests/engine/test_journal*.cpp,
// tests/redteam/test_journal.cpp, tests/journal/test_journal_ioerr.cpp), so a
// file "as version k left it" or a scratch folder is built one way only.
//
// [SECTION] Time and files
// [SECTION] Scratch folders
// [SECTION] Files as each schema version wrote them
#pragma once

#include "unknot/journal.hpp"

#include <sqlite3.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace journaltest {

//-----------------------------------------------------------------------------
// [SECTION] Time and files
//-----------------------------------------------------------------------------
// The tests' "now": 2025-11-21T10:15:00Z (moved-aside files are named
// "...-20251121-101500").
inline constexpr std::int64_t kNow = 1763720100000;

inline std::string readAll(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

//-----------------------------------------------------------------------------
// [SECTION] Scratch folders
//-----------------------------------------------------------------------------
// A fresh folder (mkdtemp: never one that exists), removed when the test ends.
// Tmpfs puts it in /dev/shm when that is writable: the I/O-fault test injects
// its faults above the file system and saves the fsyncs there. The others use
// the system's temp folder, a real file system.
struct TempDir {
    enum class On { TempFolder, Tmpfs };
    std::filesystem::path path;

    explicit TempDir(On on = On::TempFolder) {
        const std::string base = on == On::Tmpfs && ::access("/dev/shm", W_OK) == 0
                                     ? std::string("/dev/shm")
                                     : std::filesystem::temp_directory_path().string();
        std::string tmpl = base + "/unknot-journal-test-XXXXXX";
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // Writes `text` to `rel` inside (folders made as needed); returns its path.
    std::string write(const std::string& rel, const std::string& text) const {
        auto p = path / rel;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
    std::string str() const { return path.string(); }
};

//-----------------------------------------------------------------------------
// [SECTION] Files as each schema version wrote them
//-----------------------------------------------------------------------------
inline void exec(sqlite3* db, const std::string& sql) {
    char* msg = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg);
    INFO((msg ? msg : "") << "\n" << sql);
    sqlite3_free(msg);
    REQUIRE(rc == SQLITE_OK);
}

// A file exactly as version `v` of Unknot left it, with sample rows of
// everything that version stored. v = 0: the empty file open() creates first.
// ("text_scale" is the settings key those versions of the app wrote.)
inline void writeVersion(const std::string& path, int v) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    REQUIRE(fd >= 0);
    ::close(fd);
    if (v == 0) return;
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, unknot::journalSchemaDdl(v));
    exec(db, "PRAGMA user_version=" + std::to_string(v));
    exec(db,
         "INSERT INTO sessions (routine_id, started_at, ended_at, practised_seconds, finished, stopped_at_step) "
         "VALUES ('neck-release', 1763700000000, 1763700300000, 300, 1, NULL), "
         "       ('breathing-4-2-6', 1763710000000, 1763710090000, 90, 0, 3)");
    if (v >= 2)
        exec(db,
             "INSERT INTO favourites VALUES ('neck-release', 1763600000000), ('jaw-release', 1763650000000);"
             "INSERT INTO settings VALUES ('lang', 'fr'), ('text_scale', '1.25')");
    if (v >= 3)
        exec(db,
             "UPDATE sessions SET pain_before = 6, pain_after = 4, area = 'neck', note = 'ok' "
             "WHERE routine_id = 'neck-release';"
             // Version 3 gave every session it recorded a uid.
             "UPDATE sessions SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL");
    sqlite3_close(db);
}

// Every table, index and their SQL, in name order: two files built the same
// way give the same string.
inline std::string schemaOf(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name", -1, &s, nullptr);
    std::string out;
    while (sqlite3_step(s) == SQLITE_ROW)
        for (int c = 0; c < 4; ++c) {
            const unsigned char* t = sqlite3_column_text(s, c);
            out += (t ? reinterpret_cast<const char*>(t) : "NULL") + std::string("|");
        }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

}  // namespace journaltest
