// The journal keeps everything: every migration from every earlier version,
// corrupt and newer files moved aside (never overwritten), failed writes held
// in memory and retried, and `journal check` never touching the file.
//
// [SECTION] Helpers: files as each version wrote them, bytes, modes
// [SECTION] Migrations
// [SECTION] Corrupt and newer files
// [SECTION] Failing writes
// [SECTION] journal check
#include "../journal/journal_test_support.hpp"
#include "helpers.hpp"

#include "unknot/journal.hpp"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using journaltest::exec;
using journaltest::kNow;
using journaltest::readAll;
using journaltest::schemaOf;
using journaltest::TempDir;
using journaltest::writeVersion;
using unknot::Journal;
using unknot::SessionRecord;
using unknot::WriteStatus;
namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
namespace {
bool exists(const std::string& p) { return fs::exists(fs::symlink_status(p)); }

std::string noticeKeys(const Journal& j) {
    std::string s;
    for (const auto& n : j.noticesDetailed()) s += n.key + ";";
    return s;
}

SessionRecord rec(const std::string& routine, std::int64_t start) {
    SessionRecord r;
    r.routineId = routine;
    r.startedAt = start;
    r.endedAt = start + 60000;
    r.practisedSeconds = 60;
    r.finished = true;
    return r;
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Migrations
//-----------------------------------------------------------------------------
TEST_CASE("every schema version has its migration, and a fresh file runs them all") {
    for (int v = 1; v <= Journal::kSchemaVersion; ++v) CHECK_FALSE(unknot::journalMigrationSql(v).empty());
    CHECK(unknot::journalMigrationSql(0).empty());
    CHECK(unknot::journalMigrationSql(Journal::kSchemaVersion + 1).empty());
    TempDir d;
    Journal::open(d.str() + "/fresh.db", kNow).reset();
    for (int from = 0; from < Journal::kSchemaVersion; ++from) {
        std::string p = d.str() + "/v" + std::to_string(from) + ".db";
        writeVersion(p, from);
        Journal::open(p, kNow).reset();
        INFO("migrated from version " << from);
        // A migrated file has exactly the schema of a fresh one.
        CHECK(schemaOf(p) == schemaOf(d.str() + "/fresh.db"));
    }
}

TEST_CASE("a file from every earlier version opens with its data intact") {
    for (int from = 0; from < Journal::kSchemaVersion; ++from) {
        DYNAMIC_SECTION("from version " << from) {
            TempDir d;
            std::string p = d.str() + "/journal.db";
            writeVersion(p, from);
            auto j = Journal::open(p, kNow);
            CHECK(j->persistent());
            CHECK(j->notices().empty());
            auto c = unknot::checkJournal(p);
            CHECK(c.ok);
            CHECK(c.schemaVersion == Journal::kSchemaVersion);
            auto all = j->allSessions();
            if (from == 0) {
                CHECK(all.empty());
            } else {
                REQUIRE(all.size() == 2);
                CHECK(all[0].routineId == "neck-release");
                CHECK(all[0].startedAt == 1763700000000);
                CHECK(all[0].endedAt == 1763700300000);
                CHECK(all[0].practisedSeconds == 300);
                CHECK(all[0].finished);
                CHECK_FALSE(all[0].stoppedAtStep);
                CHECK(all[1].routineId == "breathing-4-2-6");
                CHECK_FALSE(all[1].finished);
                CHECK(all[1].stoppedAtStep == 3);
                // Sessions from before uids were given one each (from version 3
                // on, the file had them already), all different.
                CHECK(all[0].uid.size() == 32);
                CHECK(all[1].uid.size() == 32);
                CHECK(all[0].uid != all[1].uid);
                CHECK(j->session(all[0].uid));
                if (from < 3) {
                    CHECK_FALSE(all[0].painBefore);
                    CHECK(all[0].note.empty());
                } else {  // version 3's pain, area and note survive
                    CHECK(all[0].painBefore == 6);
                    CHECK(all[0].painAfter == 4);
                    CHECK(all[0].area == "neck");
                    CHECK(all[0].note == "ok");
                }
            }
            if (from >= 2) {
                CHECK(j->favourites() == std::vector<std::string>{"jaw-release", "neck-release"});
                CHECK(j->setting("lang") == "fr");
                CHECK(j->setting("text_scale") == "1.25");
            } else {
                CHECK(j->favourites().empty());
            }
            // And the migrated file takes every kind of write.
            auto r = rec("neck-release", kNow);
            r.painBefore = 5;
            r.note = "after migrating";
            CHECK(j->addSession(r) == WriteStatus::Saved);
            CHECK(j->setFavourite("shoulder-roll", true, kNow) == WriteStatus::Saved);
            CHECK(j->setSetting("theme", "dark") == WriteStatus::Saved);
            j.reset();
            auto again = Journal::open(p, kNow);
            CHECK(again->notices().empty());
            CHECK(again->allSessions().size() == (from == 0 ? 1u : 3u));
            CHECK(again->session(r.uid)->note == "after migrating");
        }
    }
}

TEST_CASE("the current version's file, reopened, is not migrated again") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    writeVersion(p, Journal::kSchemaVersion);
    auto j = Journal::open(p, kNow);
    CHECK(j->notices().empty());
    auto all = j->allSessions();
    REQUIRE(all.size() == 2);
    CHECK(all[0].painBefore == 6);
    CHECK(all[0].painAfter == 4);
    CHECK(all[0].area == "neck");
}

//-----------------------------------------------------------------------------
// [SECTION] Corrupt and newer files
//-----------------------------------------------------------------------------
TEST_CASE("a file that is not a database is moved aside with its -wal, and a fresh journal starts") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    std::string junk;
    for (int i = 0; i < 200; ++i) junk += "this is not a database. ";
    d.write("journal.db", junk);
    d.write("journal.db-wal", "stale log");
    auto j = Journal::open(p, kNow);
    REQUIRE(j->noticesDetailed().size() == 1);
    const auto& n = j->noticesDetailed()[0];
    CHECK(n.key == "journal.moved_corrupt");
    CHECK(n.file == "journal.db.corrupt-20251121-101500");
    CHECK(n.text ==
          "Your journal could not be read, so Unknot kept it as journal.db.corrupt-20251121-101500 and started a new "
          "one. Nothing was deleted.");
    CHECK(j->notices() == std::vector<std::string>{n.text});
    CHECK(readAll(p + ".corrupt-20251121-101500") == junk);
    CHECK(readAll(p + ".corrupt-20251121-101500-wal") == "stale log");
    CHECK(j->persistent());
    auto r = rec("neck-release", kNow);
    CHECK(j->addSession(r) == WriteStatus::Saved);
    CHECK(unknot::checkJournal(p).ok);

    // A second bad file in the same second gets its own name.
    j.reset();
    fs::remove(p);
    fs::remove(p + "-wal");
    fs::remove(p + "-shm");
    d.write("journal.db", junk + "again");
    auto k = Journal::open(p, kNow);
    REQUIRE(k->noticesDetailed().size() == 1);
    CHECK(k->noticesDetailed()[0].file == "journal.db.corrupt-20251121-101500-1");
    CHECK(readAll(p + ".corrupt-20251121-101500-1") == junk + "again");
    CHECK(readAll(p + ".corrupt-20251121-101500") == junk);
    k->clearNotices();
    CHECK(k->notices().empty());
    CHECK(k->noticesDetailed().empty());
}

TEST_CASE("a database with damaged pages is moved aside; check reports it and changes nothing") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    {
        auto j = Journal::open(p, kNow);
        for (int i = 0; i < 300; ++i) {
            auto r = rec("routine-" + std::to_string(i % 9), kNow - i * 60000LL);
            r.note = std::string(200, 'n');
            REQUIRE(j->addSession(r) == WriteStatus::Saved);
        }
    }
    // Closing checkpointed the log into the file; now damage its middle pages
    // (the first page, with the header, stays whole).
    REQUIRE_FALSE(exists(p + "-wal"));
    std::string bytes = readAll(p);
    REQUIRE(bytes.size() > 40000);
    for (std::size_t i = 8192; i < bytes.size() - 4096; i += 7) bytes[i] = static_cast<char>(i * 31);
    d.write("journal.db", bytes);

    auto c = unknot::checkJournal(p);
    CHECK_FALSE(c.ok);
    CHECK_FALSE(c.ioError);
    CHECK(readAll(p) == bytes);  // check never writes

    auto j = Journal::open(p, kNow);
    CHECK(noticeKeys(*j) == "journal.moved_corrupt;");
    CHECK(readAll(p + ".corrupt-20251121-101500") == bytes);
    CHECK(j->allSessions().empty());
    CHECK(unknot::checkJournal(p).ok);
}

TEST_CASE("a journal from a newer Unknot is kept untouched under a new name") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    Journal::open(p, kNow).reset();
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
        exec(db, "PRAGMA user_version=" + std::to_string(Journal::kSchemaVersion + 1));
        exec(db, "CREATE TABLE from_the_future (x)");
        sqlite3_close(db);
    }
    std::string before = readAll(p);
    auto c = unknot::checkJournal(p);
    CHECK_FALSE(c.ok);
    CHECK(c.schemaVersion == Journal::kSchemaVersion + 1);

    std::string error;
    CHECK_FALSE(Journal::openExisting(p, kNow, error));
    CHECK(error.find("newer version of Unknot") != std::string::npos);
    CHECK(readAll(p) == before);

    auto j = Journal::open(p, kNow);
    REQUIRE(j->noticesDetailed().size() == 1);
    CHECK(j->noticesDetailed()[0].key == "journal.moved_newer");
    CHECK(j->notices()[0] ==
          "Your journal was written by a newer version of Unknot, so Unknot kept it as "
          "journal.db.newer-20251121-101500 and started a new one. Nothing was deleted: a newer Unknot can still "
          "open it.");
    CHECK(readAll(p + ".newer-20251121-101500") == before);
    CHECK(j->persistent());
    CHECK(unknot::checkJournal(p).ok);
}

TEST_CASE("openExisting never creates or moves a file") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    std::string error;
    CHECK_FALSE(Journal::openExisting(p, kNow, error));
    CHECK(error == "no journal at " + p);
    CHECK_FALSE(exists(p));
    d.write("journal.db", "junk junk junk junk junk junk junk junk junk junk junk junk junk junk junk junk");
    CHECK_FALSE(Journal::openExisting(p, kNow, error));
    CHECK(error.find("cannot be read") != std::string::npos);
    CHECK(exists(p));
    CHECK(fs::directory_iterator(d.path) != fs::directory_iterator());
    int files = 0;
    for (auto& e : fs::directory_iterator(d.path)) files += e.is_regular_file();
    CHECK(files == 1);
}

TEST_CASE("no writable folder: the journal lives in memory and says so") {
    TempDir d;
    d.write("not-a-folder", "x");
    auto j = Journal::open(d.str() + "/not-a-folder/journal.db", kNow);
    REQUIRE(j);
    CHECK_FALSE(j->persistent());
    REQUIRE(j->noticesDetailed().size() == 1);
    CHECK(j->noticesDetailed()[0].key == "journal.in_memory");
    CHECK(j->notices()[0].find("kept in memory only") != std::string::npos);
    auto r = rec("neck-release", kNow);
    CHECK(j->addSession(r) == WriteStatus::Saved);
    CHECK(j->history({}).totalSessions == 1);
    auto none = Journal::open("", kNow);
    CHECK_FALSE(none->persistent());
    CHECK(noticeKeys(*none) == "journal.in_memory;");
}

//-----------------------------------------------------------------------------
// [SECTION] Failing writes
//-----------------------------------------------------------------------------
TEST_CASE("disk full: writes are held in memory, shown, kept in order and saved on retry") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    auto j = Journal::open(p, kNow);
    auto first = rec("neck-release", kNow);
    REQUIRE(j->addSession(first) == WriteStatus::Saved);
    REQUIRE(j->setFavourite("neck-release", true, kNow) == WriteStatus::Saved);

    // The file may not grow any more: SQLite answers SQLITE_FULL.
    j->setMaxPageCountForTesting(1);
    std::vector<SessionRecord> held;
    for (int i = 1; i <= 200 && j->pendingWrites() == 0; ++i) {
        auto r = rec("routine-" + std::to_string(i), kNow + i * 1000LL);
        r.note = std::string(500, 'x');
        WriteStatus st = j->addSession(r);
        if (st == WriteStatus::Pending)
            held.push_back(r);
        else
            REQUIRE(st == WriteStatus::Saved);
    }
    REQUIRE(j->pendingWrites() == 1);
    REQUIRE(held.size() == 1);
    CHECK(held[0].id == 0);
    CHECK_FALSE(held[0].uid.empty());
    CHECK(j->lastError().find("full") != std::string::npos);
    REQUIRE(j->noticesDetailed().size() == 1);
    CHECK(j->noticesDetailed()[0].key == "journal.write_failed");
    CHECK(j->noticesDetailed()[0].reason == "disk_full");
    CHECK(j->notices()[0].find("Nothing is lost") != std::string::npos);

    // Later writes queue behind it, in order, and every query shows them.
    CHECK(j->setPainAfter(held[0].uid, 2) == WriteStatus::Pending);
    CHECK(j->setNote(held[0].uid, "written while full") == WriteStatus::Pending);
    CHECK(j->setFavourite("jaw-release", true, kNow + 5) == WriteStatus::Pending);
    CHECK(j->setFavourite("neck-release", false, kNow + 6) == WriteStatus::Pending);
    CHECK(j->setSetting("lang", "fr") == WriteStatus::Pending);
    auto extra = rec("late", kNow + 999999);
    CHECK(j->addSession(extra) == WriteStatus::Pending);
    CHECK(j->pendingWrites() == 7);
    CHECK_FALSE(j->retryPending());
    auto s = j->session(held[0].uid);
    REQUIRE(s);
    CHECK(s->painAfter == 2);
    CHECK(s->note == "written while full");
    CHECK(j->favourites() == std::vector<std::string>{"jaw-release"});
    CHECK(j->isFavourite("jaw-release"));
    CHECK_FALSE(j->isFavourite("neck-release"));
    CHECK(j->setting("lang") == "fr");
    auto h = j->history({kNow, 0, 1, 100, 100});
    const int saved = static_cast<int>(j->allSessions().size()) - 2;
    CHECK(h.totalSessions == saved + 2);
    REQUIRE_FALSE(h.sessions.empty());
    CHECK(h.sessions[0].uid == extra.uid);  // newest first
    CHECK(j->recentRoutines(1) == std::vector<std::string>{"late"});
    std::string json = unknot::exportJson(*j);
    CHECK(json.find(extra.uid) != std::string::npos);

    // Space again: one retry saves everything, in order; the notice goes.
    j->setMaxPageCountForTesting(0);
    CHECK(j->retryPending());
    CHECK(j->pendingWrites() == 0);
    CHECK(j->lastError().empty());
    CHECK(j->notices().empty());
    j.reset();
    auto back = Journal::open(p, kNow);
    auto again = back->session(held[0].uid);
    REQUIRE(again);
    CHECK(again->painAfter == 2);
    CHECK(again->note == "written while full");
    CHECK(back->session(extra.uid));
    CHECK(back->favourites() == std::vector<std::string>{"jaw-release"});
    CHECK(back->setting("lang") == "fr");
    CHECK(back->history({kNow, 0, 1, 100, 100}).totalSessions == saved + 2);
}

TEST_CASE("read-only journal: a failed write is pending until writing works, then saved by the next write") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    auto j = Journal::open(p, kNow);
    j->setReadOnlyForTesting(true);
    auto a = rec("neck-release", kNow);
    CHECK(j->addSession(a) == WriteStatus::Pending);
    CHECK(j->noticesDetailed().at(0).reason == "read_only");
    CHECK(j->history({}).totalSessions == 1);
    j->setReadOnlyForTesting(false);
    auto b = rec("jaw-release", kNow + 1);
    CHECK(j->addSession(b) == WriteStatus::Saved);  // flushes a first
    CHECK(j->pendingWrites() == 0);
    CHECK(b.id > 0);
    j.reset();
    auto back = Journal::open(p, kNow);
    auto all = back->allSessions();
    REQUIRE(all.size() == 2);
    CHECK(all[0].uid == a.uid);
    CHECK(all[1].uid == b.uid);
    CHECK(all[0].id < all[1].id);  // saved in the order they were made
}

TEST_CASE("read-only file and folder (chmod): readable, writes pending, saved once writable again") {
    if (::geteuid() == 0) {
        WARN("running as root, where chmod does not stop writes: the hook-based test above covers SQLITE_READONLY");
        return;
    }
    TempDir d;
    std::string dir = d.str() + "/data";
    fs::create_directories(dir);
    std::string p = dir + "/journal.db";
    auto first = rec("neck-release", kNow);
    {
        auto j = Journal::open(p, kNow);
        REQUIRE(j->addSession(first) == WriteStatus::Saved);
    }
    REQUIRE(::chmod(p.c_str(), 0400) == 0);
    REQUIRE(::chmod(dir.c_str(), 0500) == 0);
    auto j = Journal::open(p, kNow);
    CHECK(j->persistent());
    CHECK(noticeKeys(*j) == "journal.read_only;");
    CHECK(j->session(first.uid));  // the journal can still be read
    auto r = rec("jaw-release", kNow + 1);
    CHECK(j->addSession(r) == WriteStatus::Pending);
    CHECK(noticeKeys(*j) == "journal.read_only;");  // said once
    CHECK(j->session(r.uid));
    CHECK_FALSE(j->retryPending());
    REQUIRE(::chmod(dir.c_str(), 0700) == 0);
    REQUIRE(::chmod(p.c_str(), 0600) == 0);
    CHECK(j->retryPending());
    j.reset();
    auto back = Journal::open(p, kNow);
    CHECK(back->notices().empty());
    CHECK(back->session(r.uid));
}

//-----------------------------------------------------------------------------
// [SECTION] journal check
//-----------------------------------------------------------------------------
TEST_CASE("journal check reports version, integrity, mode, counts; missing is an I/O error") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    auto missing = unknot::checkJournal(p);
    CHECK_FALSE(missing.ok);
    CHECK(missing.ioError);
    writeVersion(p, 2);
    auto old = unknot::checkJournal(p);
    CHECK(old.ok);
    CHECK(old.schemaVersion == 2);
    CHECK(old.sessions == 2);
    CHECK(old.favourites == 2);
    CHECK(old.settings == 2);
    std::string text;
    for (const auto& l : old.lines) text += l + "\n";
    CHECK(text.find("schema version: 2 (older; Unknot updates it to " + std::to_string(Journal::kSchemaVersion) +
                    " when it next opens it)") != std::string::npos);
    CHECK(text.find("integrity: ok") != std::string::npos);
    CHECK(text.find("journal mode: wal") != std::string::npos);
    CHECK(text.find("file mode: 0600") != std::string::npos);
    CHECK(text.find("result: ok") != std::string::npos);
    // Check does not migrate.
    CHECK(unknot::checkJournal(p).schemaVersion == 2);
}

//-----------------------------------------------------------------------------
// [SECTION] The log's owner, reading without writing
//-----------------------------------------------------------------------------
namespace {
std::int64_t applicationId(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &s, nullptr);
    std::int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}
}  // namespace

TEST_CASE("every write moves the journal's tag (application_id); two journals have different tags") {
    TempDir d;
    const std::string a = d.str() + "/a.db", b = d.str() + "/b.db";
    Journal::open(a, kNow).reset();
    Journal::open(b, kNow).reset();
    const std::int64_t ta = applicationId(a), tb = applicationId(b);
    CHECK(ta != 0);
    CHECK(ta != tb);
    {
        auto j = Journal::open(a, kNow);
        REQUIRE(j->setSetting("lang", "fr") == WriteStatus::Saved);
    }
    const std::int64_t ta2 = applicationId(a);
    CHECK(ta2 != ta);
    Journal::open(a, kNow).reset();  // opening alone writes nothing
    CHECK(applicationId(a) == ta2);
}

TEST_CASE("openForReading: an older file is migrated in memory only, writes are refused, the file is untouched") {
    TempDir d;
    const std::string p = d.str() + "/journal.db";
    writeVersion(p, 2);
    const std::string before = readAll(p);
    std::string error;
    auto j = Journal::openForReading(p, error);
    INFO(error);
    REQUIRE(j);
    CHECK_FALSE(j->allSessions().empty());
    SessionRecord r;
    r.routineId = "neck-release";
    CHECK(j->addSession(r) != WriteStatus::Saved);
    j.reset();
    CHECK(readAll(p) == before);
    CHECK_FALSE(std::filesystem::exists(p + "-wal"));
    CHECK_FALSE(std::filesystem::exists(p + "-shm"));
    CHECK_FALSE(Journal::openForReading(d.str() + "/missing.db", error));
    CHECK(error.find("no journal at") != std::string::npos);
}
