// Red team: the journal. One TEST_CASE per class of problem (docs/journal.md
// says the rule each one holds to):
//
// [SECTION] Helpers
// [SECTION] 1. A write-ahead log that is not the journal's
// [SECTION] 2. Read-only commands never modify the journal (6: nor leave files)
// [SECTION] 3. Export is one snapshot
// [SECTION] 4. Export never destroys what is at its path (10: nor the journal)
// [SECTION] 5. Export never says it succeeded when it failed
// [SECTION] 7. Journal paths that are not regular files
// [SECTION] 8. Import hygiene
// [SECTION] 9. CSV formula injection, NUL bytes
// [SECTION] 10. Import sources that never end
#include "../journal/journal_test_support.hpp"
#include "helpers.hpp"

#include "unknot/cli.hpp"
#include "unknot/journal.hpp"

#include <sqlite3.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <streambuf>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using journaltest::kNow;
using journaltest::readAll;
using journaltest::TempDir;
using testing::runCli;
using unknot::Journal;
using unknot::SessionRecord;
using unknot::WriteStatus;
namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
namespace {
void add(Journal& j, const std::string& routine, std::int64_t at, const std::string& note = "") {
    SessionRecord r;
    r.routineId = routine;
    r.startedAt = at;
    r.endedAt = at + 60000;
    r.practisedSeconds = 60;
    r.finished = true;
    r.note = note;
    REQUIRE(j.addSession(r) == WriteStatus::Saved);
}

// Every entry of a folder with its bytes (links as "link->target"): what a
// command that only reads must leave exactly as it was.
std::map<std::string, std::string> listing(const std::string& dir) {
    std::map<std::string, std::string> m;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (e.is_symlink())
            m[name] = "link->" + fs::read_symlink(e.path()).string();
        else if (e.is_regular_file())
            m[name] = readAll(e.path().string());
        else
            m[name] = "(other)";
    }
    return m;
}

std::vector<std::string> uidsOf(Journal& j) {
    std::vector<std::string> v;
    for (const auto& s : j.allSessions()) v.push_back(s.uid);
    return v;
}

std::size_t exportedSessions(const std::string& json) { return nlohmann::json::parse(json)["sessions"].size(); }

// The state of a journal "as if the machine stopped now": the file and its
// log copied while the journal is open (nothing checkpointed yet).
void copyOpenJournal(const std::string& from, const std::string& to) {
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    REQUIRE(fs::exists(from + "-wal"));
    fs::copy_file(from + "-wal", to + "-wal", fs::copy_options::overwrite_existing);
}

bool startsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] 1. A write-ahead log that is not the journal's
//-----------------------------------------------------------------------------
TEST_CASE("foreign write-ahead log: never applied, the app sets it aside, the CLI leaves it and reads without it") {
    TempDir d;
    const std::string a = d.str() + "/a/journal.db", other = d.str() + "/other/journal.db";
    fs::create_directories(d.str() + "/a");
    fs::create_directories(d.str() + "/other");
    std::vector<std::string> mine;
    {
        auto j = Journal::open(a, kNow);
        add(*j, "neck-release", kNow - 3600000);
        add(*j, "jaw-release", kNow - 1800000);
        mine = uidsOf(*j);
    }
    REQUIRE_FALSE(fs::exists(a + "-wal"));  // closed cleanly: folded in
    auto o = Journal::open(other, kNow);
    for (int i = 0; i < 3; ++i) add(*o, "breathing-4-2-6", kNow + i * 1000);
    // The other database's log lands beside the restored journal.
    fs::copy_file(other + "-wal", a + "-wal");
    o.reset();
    const auto before = listing(d.str() + "/a");

    SECTION("journal check reports it, reads without it, changes nothing") {
        auto c = runCli({"journal", "check", "--journal", a});
        INFO(c.out);
        CHECK(c.status == 1);
        CHECK(c.out.find("journal.db-wal beside the journal does not belong to it") != std::string::npos);
        CHECK(c.out.find("integrity: ok") != std::string::npos);
        CHECK(c.out.find("sessions: 2") != std::string::npos);
        CHECK(listing(d.str() + "/a") == before);
    }
    SECTION("export shows the journal's own sessions, says so, changes nothing") {
        auto e = runCli({"export", "--json", "-", "--journal", a});
        INFO(e.err);
        CHECK(e.status == 0);
        CHECK(exportedSessions(e.out) == 2);
        CHECK(e.err.find("does not belong to it") != std::string::npos);
        CHECK(listing(d.str() + "/a") == before);
    }
    SECTION("import refuses to write next to it") {
        auto i =
            runCli({"import", d.write("empty.json", R"({"format": "unknot-journal", "version": 1, "sessions": []})"),
                    "--journal", a});
        CHECK(i.status == 2);
        CHECK(i.err.find("does not belong to this journal") != std::string::npos);
        CHECK(listing(d.str() + "/a") == before);
    }
    SECTION("the app sets it aside with a notice and keeps every session it had") {
        auto j = Journal::open(a, kNow);
        REQUIRE(j->persistent());
        CHECK(uidsOf(*j) == mine);
        REQUIRE(j->noticesDetailed().size() == 1);
        const auto& n = j->noticesDetailed()[0];
        CHECK(n.key == "journal.moved_foreign_log");
        CHECK(startsWith(n.file, "journal.db-wal.foreign-20251121-101500"));
        CHECK(n.text.find("not the journal's") != std::string::npos);
        CHECK(readAll(d.str() + "/a/" + n.file) == before.at("journal.db-wal"));  // kept byte for byte
        add(*j, "shoulder-roll", kNow + 5000);
        j.reset();
        auto c = runCli({"journal", "check", "--journal", a});
        INFO(c.out);
        CHECK(c.status == 0);
        CHECK(c.out.find("sessions: 3") != std::string::npos);
    }
}

TEST_CASE("foreign write-ahead log: this journal's own log from another moment (an older backup restored)") {
    TempDir d;
    const std::string a = d.str() + "/journal.db", backup = d.str() + "/backup.db", later = d.str() + "/later";
    {
        auto j = Journal::open(a, kNow);
        add(*j, "neck-release", kNow - 3600000);
    }
    fs::copy_file(a, backup);
    {
        auto j = Journal::open(a, kNow);
        add(*j, "jaw-release", kNow - 1000);
    }
    {
        auto j = Journal::open(a, kNow);
        add(*j, "breathing-4-2-6", kNow);
        fs::copy_file(a + "-wal", later);  // its log, continuing the two-session file
    }
    fs::copy_file(backup, a, fs::copy_options::overwrite_existing);
    fs::copy_file(later, a + "-wal");
    auto c = runCli({"journal", "check", "--journal", a});
    CHECK(c.status == 1);
    CHECK(c.out.find("another time") != std::string::npos);
    auto j = Journal::open(a, kNow);
    CHECK(j->allSessions().size() == 1);
    REQUIRE_FALSE(j->noticesDetailed().empty());
    CHECK(j->noticesDetailed()[0].key == "journal.moved_foreign_log");
}

TEST_CASE("foreign write-ahead log: the journal's own log left by a crash is still recovered, by the app and the CLI") {
    TempDir d;
    const std::string live = d.str() + "/live.db", a = d.str() + "/journal.db";
    auto j = Journal::open(live, kNow);
    for (int i = 0; i < 5; ++i) add(*j, "neck-release", kNow + i * 1000);
    copyOpenJournal(live, a);
    const auto before = listing(d.str());
    auto e = runCli({"export", "--json", "-", "--journal", a});
    CHECK(e.status == 0);
    CHECK(exportedSessions(e.out) == 5);
    CHECK(e.err.find("note:") == std::string::npos);
    auto c = runCli({"journal", "check", "--journal", a});
    CHECK(c.status == 0);
    CHECK(c.out.find("sessions: 5") != std::string::npos);
    CHECK(listing(d.str()) == before);
    auto k = Journal::open(a, kNow);
    CHECK(k->allSessions().size() == 5);
    CHECK(k->noticesDetailed().empty());
}

TEST_CASE("foreign write-ahead log: a -wal or -shm that is a link, a FIFO or a folder is never followed") {
    TempDir d;
    const std::string a = d.str() + "/journal.db";
    {
        auto j = Journal::open(a, kNow);
        add(*j, "neck-release", kNow);
    }
    const std::string victim = d.write("victim.txt", "do not touch");
    SECTION("a symlinked -wal") {
        fs::create_symlink(victim, a + "-wal");
        auto c = runCli({"journal", "check", "--journal", a});
        CHECK(c.status == 1);
        CHECK(c.out.find("a symbolic link") != std::string::npos);
        auto j = Journal::open(a, kNow);
        REQUIRE(j->persistent());
        CHECK(j->allSessions().size() == 1);
        REQUIRE(j->noticesDetailed().size() == 1);
        const std::string moved = d.str() + "/" + j->noticesDetailed()[0].file;
        CHECK(fs::is_symlink(fs::symlink_status(moved)));  // the link itself, moved aside
        add(*j, "jaw-release", kNow + 1000);
        j.reset();
        CHECK(readAll(victim) == "do not touch");
    }
    SECTION("a symlinked -shm beside the journal's own crash log: the link goes, the log is recovered") {
        const std::string live = d.str() + "/live.db";
        auto l = Journal::open(live, kNow);
        for (int i = 0; i < 3; ++i) add(*l, "jaw-release", kNow + i);
        copyOpenJournal(live, a);
        fs::create_symlink(victim, a + "-shm");
        auto e = runCli({"export", "--json", "-", "--journal", a});
        CHECK(e.status == 0);
        CHECK(exportedSessions(e.out) == 3);
        auto j = Journal::open(a, kNow);
        REQUIRE(j->persistent());
        CHECK(j->allSessions().size() == 3);
        REQUIRE(j->noticesDetailed().size() == 1);
        CHECK(startsWith(j->noticesDetailed()[0].file, "journal.db-shm.foreign-"));
        j.reset();
        CHECK(readAll(victim) == "do not touch");
    }
    SECTION("a FIFO as -wal") {
        REQUIRE(::mkfifo((a + "-wal").c_str(), 0600) == 0);
        auto c = runCli({"journal", "check", "--journal", a});  // must not hang
        CHECK(c.status == 1);
        auto j = Journal::open(a, kNow);
        REQUIRE(j->persistent());
        CHECK(j->noticesDetailed().at(0).key == "journal.moved_foreign_log");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] 2. Read-only commands never modify the journal (6: nor leave files)
//-----------------------------------------------------------------------------
TEST_CASE("read-only commands: export and journal check change no byte and leave no -shm or -wal") {
    TempDir d;
    const std::string a = d.str() + "/j/journal.db";
    fs::create_directories(d.str() + "/j");
    {
        auto j = Journal::open(a, kNow);
        add(*j, "neck-release", kNow);
    }
    SECTION("a journal closed cleanly") {
        const auto before = listing(d.str() + "/j");
        REQUIRE(before.size() == 1);
        CHECK(runCli({"export", "--json", "-", "--journal", a}).status == 0);
        CHECK(runCli({"export", "--csv", d.str() + "/out.csv", "--journal", a}).status == 0);
        CHECK(runCli({"journal", "check", "--journal", a}).status == 0);
        CHECK(listing(d.str() + "/j") == before);
    }
    SECTION("an older journal is migrated in memory only") {
        fs::remove(a);
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(a.c_str(), &db) == SQLITE_OK);
        std::string sql = unknot::journalSchemaDdl(2) +
                          "INSERT INTO sessions (routine_id, started_at, ended_at) VALUES ('neck-release', 1, 2);"
                          "PRAGMA user_version = 2;";
        REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
        const auto before = listing(d.str() + "/j");
        auto e = runCli({"export", "--json", "-", "--journal", a});
        INFO(e.err);
        CHECK(e.status == 0);
        CHECK(exportedSessions(e.out) == 1);
        CHECK(listing(d.str() + "/j") == before);
    }
}

TEST_CASE("read-only commands: a journal open in another process is read through its live log, which is left alone") {
    TempDir d;
    const std::string a = d.str() + "/journal.db";
    int up[2], down[2];
    REQUIRE(::pipe(up) == 0);
    REQUIRE(::pipe(down) == 0);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        // The other process: records three sessions, keeps the journal open
        // (its log not folded in) until told to stop.
        auto j = Journal::open(a, kNow);
        int ok = j->persistent() ? 1 : 0;
        for (int i = 0; i < 3 && ok; ++i) {
            SessionRecord r;
            r.routineId = "neck-release";
            r.startedAt = kNow + i;
            r.endedAt = kNow + i + 1;
            ok = j->addSession(r) == WriteStatus::Saved;
        }
        char c = ok ? 'y' : 'n';
        (void)!::write(up[1], &c, 1);
        (void)!::read(down[0], &c, 1);
        ::_exit(ok ? 0 : 1);
    }
    char c = 0;
    REQUIRE(::read(up[0], &c, 1) == 1);
    CHECK(c == 'y');
    REQUIRE(fs::exists(a + "-wal"));
    const std::string wal = readAll(a + "-wal"), db = readAll(a);
    auto e = runCli({"export", "--json", "-", "--journal", a});
    CHECK(e.status == 0);
    CHECK(exportedSessions(e.out) == 3);
    auto k = runCli({"journal", "check", "--journal", a});
    INFO(k.out);
    CHECK(k.status == 0);
    CHECK(k.out.find("open in another program") != std::string::npos);
    CHECK(k.out.find("sessions: 3") != std::string::npos);
    CHECK(readAll(a + "-wal") == wal);
    CHECK(readAll(a) == db);
    c = 'q';
    REQUIRE(::write(down[1], &c, 1) == 1);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    for (int fd : {up[0], up[1], down[0], down[1]}) ::close(fd);
}

//-----------------------------------------------------------------------------
// [SECTION] 3. Export is one snapshot
//-----------------------------------------------------------------------------
TEST_CASE("export is one snapshot: a write from another connection between its reads is not half in it") {
    TempDir d;
    const std::string a = d.str() + "/journal.db";
    auto j = Journal::open(a, kNow);
    add(*j, "neck-release", kNow);
    add(*j, "jaw-release", kNow + 1000);
    REQUIRE(j->setSetting("lang", "en") == WriteStatus::Saved);
    int writes = 0;
    j->setSnapshotHookForTesting([&] {
        sqlite3* o = nullptr;
        REQUIRE(sqlite3_open(a.c_str(), &o) == SQLITE_OK);
        sqlite3_busy_timeout(o, 5000);
        const char* sql =
            "BEGIN IMMEDIATE;"
            "INSERT INTO sessions (uid, routine_id, started_at, ended_at) VALUES ('other', 'breathing-4-2-6', 5, 6);"
            "UPDATE settings SET value = 'fr' WHERE key = 'lang';"
            "INSERT INTO favourites (routine_id, added_at) VALUES ('neck-release', 7);"
            "COMMIT;";
        CHECK(sqlite3_exec(o, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(o);
        ++writes;
    });
    auto doc = nlohmann::json::parse(unknot::exportJson(*j, kNow));
    REQUIRE(writes == 1);
    CHECK(doc["sessions"].size() == 2);
    CHECK(doc["settings"]["lang"] == "en");  // the moment the sessions were read
    CHECK(doc["favourites"].empty());
    j->setSnapshotHookForTesting(nullptr);
    auto after = nlohmann::json::parse(unknot::exportJson(*j, kNow));  // the write did happen
    CHECK(after["sessions"].size() == 3);
    CHECK(after["settings"]["lang"] == "fr");
    CHECK(after["favourites"].size() == 1);
}

//-----------------------------------------------------------------------------
// [SECTION] 4. Export never destroys what is at its path (10: nor the journal)
//-----------------------------------------------------------------------------
TEST_CASE(
    "export path: only a missing or regular file is replaced, pipes and devices are written in place, the rest "
    "refused") {
    TempDir d;
    const std::string a = d.str() + "/journal.db";
    {
        auto j = Journal::open(a, kNow);
        add(*j, "neck-release", kNow);
    }
    auto exportTo = [&](const std::string& p) { return runCli({"export", "--json", p, "--journal", a}); };
    SECTION("a FIFO with no reader: an error at once, never a hang, the FIFO kept") {
        const std::string p = d.str() + "/fifo";
        REQUIRE(::mkfifo(p.c_str(), 0600) == 0);
        auto e = exportTo(p);
        CHECK(e.status == 2);
        CHECK(e.err.find("named pipe (FIFO) with no reader") != std::string::npos);
        struct stat st {};
        REQUIRE(::lstat(p.c_str(), &st) == 0);
        CHECK(S_ISFIFO(st.st_mode));
    }
    SECTION("a FIFO with a reader: written into, the FIFO kept") {
        const std::string p = d.str() + "/fifo";
        REQUIRE(::mkfifo(p.c_str(), 0600) == 0);
        int rd = ::open(p.c_str(), O_RDONLY | O_NONBLOCK);
        REQUIRE(rd >= 0);
        auto e = exportTo(p);
        CHECK(e.status == 0);
        std::string got(65536, '\0');
        ssize_t n = ::read(rd, got.data(), got.size());
        ::close(rd);
        REQUIRE(n > 0);
        got.resize(static_cast<std::size_t>(n));
        CHECK(exportedSessions(got) == 1);
        struct stat st {};
        REQUIRE(::lstat(p.c_str(), &st) == 0);
        CHECK(S_ISFIFO(st.st_mode));
    }
    SECTION("a character device (/dev/null), directly and through a link") {
        auto e = exportTo("/dev/null");
        CHECK(e.status == 0);
        struct stat st {};
        REQUIRE(::lstat("/dev/null", &st) == 0);
        CHECK(S_ISCHR(st.st_mode));
        const std::string link = d.str() + "/null-link";
        fs::create_symlink("/dev/null", link);
        CHECK(exportTo(link).status == 0);
        CHECK(fs::is_symlink(fs::symlink_status(link)));
    }
    SECTION("a symbolic link to a regular file: refused, link and file unchanged") {
        const std::string target = d.write("target.json", "mine");
        const std::string link = d.str() + "/link.json";
        fs::create_symlink(target, link);
        auto e = exportTo(link);
        CHECK(e.status == 2);
        CHECK(e.err.find("is a symbolic link") != std::string::npos);
        CHECK(fs::is_symlink(fs::symlink_status(link)));
        CHECK(readAll(target) == "mine");
    }
    SECTION("a folder, a socket: refused by name") {
        fs::create_directories(d.str() + "/dir");
        auto e = exportTo(d.str() + "/dir");
        CHECK(e.status == 2);
        CHECK(e.err.find("it is a folder") != std::string::npos);
        CHECK(fs::is_directory(d.str() + "/dir"));
        const std::string sock = d.str() + "/sock";
        int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
        REQUIRE(s >= 0);
        sockaddr_un sa{};
        sa.sun_family = AF_UNIX;
        REQUIRE(sock.size() < sizeof sa.sun_path);
        std::memcpy(sa.sun_path, sock.c_str(), sock.size() + 1);
        REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0);
        auto e2 = exportTo(sock);
        ::close(s);
        CHECK(e2.status == 2);
        CHECK(e2.err.find("it is a socket") != std::string::npos);
        struct stat st {};
        REQUIRE(::lstat(sock.c_str(), &st) == 0);
        CHECK(S_ISSOCK(st.st_mode));
    }
    SECTION("the journal itself, by its name, a link or a hard link, or its log: refused, the journal intact") {
        const std::string before = readAll(a);
        const std::string hard = d.str() + "/hard.json";
        fs::create_hard_link(a, hard);
        for (const std::string& p : {a, hard, a + "-wal", d.str() + "/./journal.db"}) {
            INFO(p);
            auto e = exportTo(p);
            CHECK(e.status == 2);
            CHECK(e.err.find("that is the journal") != std::string::npos);
        }
        CHECK(readAll(a) == before);
        CHECK_FALSE(fs::exists(a + "-wal"));
    }
    SECTION("a regular file is replaced whole (0600); a missing folder is named") {
        const std::string p = d.write("old.json", "old");
        CHECK(exportTo(p).status == 0);
        CHECK(exportedSessions(readAll(p)) == 1);
        CHECK((fs::status(p).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
        auto e = exportTo(d.str() + "/missing/out.json");
        CHECK(e.status == 2);
        CHECK(e.err.find("does not exist") != std::string::npos);
        CHECK_FALSE(fs::exists(d.str() + "/missing"));
    }
}

//-----------------------------------------------------------------------------
// [SECTION] 5. Export never says it succeeded when it failed
//-----------------------------------------------------------------------------
namespace {
struct FailingBuf : std::streambuf {
    int overflow(int) override { return traits_type::eof(); }
    std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};
}  // namespace

TEST_CASE("export failure is reported: a full device, a failing standard output") {
    TempDir d;
    const std::string a = d.str() + "/journal.db";
    {
        auto j = Journal::open(a, kNow);
        add(*j, "neck-release", kNow);
    }
    SECTION("--json /dev/full") {
        if (!fs::exists("/dev/full")) FAIL("no /dev/full on this system");
        auto e = runCli({"export", "--json", "/dev/full", "--journal", a});
        CHECK(e.status == 2);
        CHECK(e.err.find("cannot write /dev/full") != std::string::npos);
        CHECK(e.err.find("exported 1 session") == std::string::npos);
    }
    SECTION("standard output that fails") {
        FailingBuf buf;
        std::ostream out(&buf);
        std::istringstream in;
        std::ostringstream err;
        unknot::CliEnv env;
        env.in = &in;
        env.out = &out;
        env.err = &err;
        env.wallMs = [] { return kNow; };
        for (const char* fmt : {"--json", "--csv"}) {
            err.str("");
            out.clear();
            const char* argv[] = {"unknot", "export", fmt, "-", "--journal", a.c_str()};
            int status = unknot::runCli(6, argv, env);
            INFO(err.str());
            CHECK(status == 2);
            CHECK(err.str().find("cannot write standard output") != std::string::npos);
            CHECK(err.str().find("exported 1 session") == std::string::npos);
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] 7. Journal paths that are not regular files
//-----------------------------------------------------------------------------
TEST_CASE("journal path that is a link, a FIFO, a device, a socket or a folder: refused by name, nothing followed") {
    TempDir d;
    const std::string real = d.str() + "/real.db";
    {
        auto j = Journal::open(real, kNow);
        add(*j, "neck-release", kNow);
    }
    ::chmod(real.c_str(), 0644);
    const std::string link = d.str() + "/link.db", fifo = d.str() + "/fifo.db", dir = d.str() + "/dir.db";
    fs::create_symlink(real, link);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    fs::create_directories(dir);
    const std::string importFile = d.write("in.json", R"({"format": "unknot-journal", "version": 1, "sessions": []})");
    const std::vector<std::pair<std::string, std::string>> cases = {{link, "a symbolic link"},
                                                                    {fifo, "a named pipe (FIFO)"},
                                                                    {"/dev/zero", "a character device"},
                                                                    {dir, "a folder"}};
    for (const auto& [p, kind] : cases) {
        INFO(p);
        auto c = runCli({"journal", "check", "--journal", p});
        CHECK(c.status == 2);
        CHECK(c.out.find(kind) != std::string::npos);
        auto e = runCli({"export", "--json", "-", "--journal", p});
        CHECK(e.status == 2);
        CHECK(e.err.find(kind) != std::string::npos);
        auto i = runCli({"import", importFile, "--journal", p});
        CHECK(i.status == 2);
        CHECK(i.err.find(kind) != std::string::npos);
        auto j = Journal::open(p, kNow);
        CHECK_FALSE(j->persistent());
        REQUIRE(j->noticesDetailed().size() == 1);
        CHECK(j->noticesDetailed()[0].reason == "not_a_file");
        CHECK(j->noticesDetailed()[0].text.find(kind) != std::string::npos);
    }
    struct stat st {};
    REQUIRE(::stat(real.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);  // the link's target was not narrowed
    CHECK(fs::is_symlink(fs::symlink_status(link)));
}

//-----------------------------------------------------------------------------
// [SECTION] 8. Import hygiene
//-----------------------------------------------------------------------------
namespace {
std::string session(const std::string& uid, const std::string& start, const std::string& end,
                    const std::string& note = "") {
    return R"({"uid": ")" + uid + R"(", "routine_id": "neck-release", "started_at": ")" + start +
           R"(", "ended_at": ")" + end + R"(", "practised_seconds": 60, "finished": true, "note": ")" + note + "\"}";
}
std::string exportOf(const std::string& sessions) {
    return R"({"format": "unknot-journal", "version": 1, "exported_at": null, "sessions": [)" + sessions + "]}";
}
const char* kT0 = "2025-11-21T10:15:00.000Z";
const char* kT1 = "2025-11-21T10:16:00.000Z";
}  // namespace

TEST_CASE(
    "import hygiene: one uid for two different sessions, or a session ending before it starts, refuses the file") {
    auto j = Journal::inMemory();
    auto dup = unknot::importJson(*j, exportOf(session("u1", kT0, kT1, "a") + "," + session("u2", kT0, kT1) + "," +
                                               session("u1", kT0, kT1, "b")));
    CHECK_FALSE(dup.ok);
    CHECK(dup.error.find("sessions[2].uid: 'u1' is also the uid of sessions[0]") != std::string::npos);
    CHECK(j->allSessions().empty());
    auto backwards = unknot::importJson(*j, exportOf(session("u3", kT1, kT0)));
    CHECK_FALSE(backwards.ok);
    CHECK(backwards.error.find("sessions[0].ended_at: session 'u3' ends before it starts") != std::string::npos);
    CHECK(j->allSessions().empty());
    // An exact repeat counts once; one already in the journal is skipped.
    auto same = unknot::importJson(*j, exportOf(session("u1", kT0, kT1, "a") + "," + session("u1", kT0, kT1, "a")));
    REQUIRE(same.ok);
    CHECK(same.added == 1);
    auto again = unknot::importJson(*j, exportOf(session("u1", kT0, kT1, "a")));
    REQUIRE(again.ok);
    CHECK(again.added == 0);
    CHECK(again.skipped == 1);
    CHECK(j->allSessions().size() == 1);
}

//-----------------------------------------------------------------------------
// [SECTION] 9. CSV formula injection, NUL bytes
//-----------------------------------------------------------------------------
TEST_CASE("CSV formula injection: text cells that a spreadsheet would run get an apostrophe, JSON keeps the text") {
    auto j = Journal::inMemory();
    const std::vector<std::string> notes = {
        "=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "a=b"};
    std::int64_t t = kNow;
    for (const auto& n : notes) add(*j, "neck-release", t += 1000, n);
    SessionRecord r;
    r.uid = "-minus";
    r.routineId = "=cmd";
    r.area = "@area";
    r.startedAt = t + 1000;
    r.endedAt = t + 2000;
    REQUIRE(j->addSession(r) == WriteStatus::Saved);
    const std::string csv = unknot::exportCsv(*j);
    CHECK(csv.find(",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n") != std::string::npos);
    CHECK(csv.find(",'+1\r\n") != std::string::npos);
    CHECK(csv.find(",'-2+3\r\n") != std::string::npos);
    CHECK(csv.find(",'@SUM(A1)\r\n") != std::string::npos);
    CHECK(csv.find(",'\tx\r\n") != std::string::npos);
    CHECK(csv.find(",\"'\rx\"\r\n") != std::string::npos);
    CHECK(csv.find(",plain\r\n") != std::string::npos);
    CHECK(csv.find(",a=b\r\n") != std::string::npos);
    CHECK(csv.find("\r\n'-minus,'=cmd,") != std::string::npos);
    CHECK(csv.find(",'@area,") != std::string::npos);
    auto doc = nlohmann::json::parse(unknot::exportJson(*j, kNow));
    CHECK(doc["sessions"][0]["note"] == notes[0]);  // exact
    CHECK(doc["sessions"][8]["uid"] == "-minus");
    // And it reads back exactly.
    auto k = Journal::inMemory();
    REQUIRE(unknot::importJson(*k, unknot::exportJson(*j, kNow)).ok);
    CHECK(unknot::exportCsv(*k) == csv);
}

TEST_CASE("NUL bytes never reach the journal or an export") {
    auto j = Journal::inMemory();
    add(*j, "neck-release", kNow);
    const std::string uid = j->allSessions()[0].uid;
    const std::string nul("a\0b", 3);
    CHECK(j->setNote(uid, nul) == WriteStatus::Rejected);
    CHECK(j->lastError().find("NUL") != std::string::npos);
    SessionRecord r;
    r.routineId = "neck-release";
    r.note = nul;
    CHECK(j->addSession(r) == WriteStatus::Rejected);
    r.note.clear();
    r.area = nul;
    CHECK(j->addSession(r) == WriteStatus::Rejected);
    CHECK(j->setSetting("k", nul) == WriteStatus::Rejected);
    CHECK(j->setFavourite(nul, true, kNow) == WriteStatus::Rejected);
    auto imp = unknot::importJson(*j, exportOf(session("n1", kT0, kT1, "x\\u0000y")));
    CHECK_FALSE(imp.ok);
    CHECK(imp.error.find("NUL") != std::string::npos);
    CHECK(unknot::exportCsv(*j).find('\0') == std::string::npos);
    CHECK(unknot::exportJson(*j, kNow).find("\\u0000") == std::string::npos);
}

//-----------------------------------------------------------------------------
// [SECTION] 10. Import sources that never end
//-----------------------------------------------------------------------------
namespace {
struct EndlessBuf : std::streambuf {
    char zeros[4096] = {};
    int underflow() override {
        setg(zeros, zeros, zeros + sizeof zeros);
        return 0;
    }
};
}  // namespace

TEST_CASE("import from a FIFO with no writer, /dev/zero or an endless standard input ends with a clear error") {
    TempDir d;
    const std::string a = d.str() + "/journal.db";
    SECTION("a FIFO with no writer reads as empty, at once") {
        const std::string p = d.str() + "/fifo";
        REQUIRE(::mkfifo(p.c_str(), 0600) == 0);
        auto i = runCli({"import", p, "--journal", a});
        CHECK(i.status == 1);
        CHECK(i.err.find("not valid JSON") != std::string::npos);
    }
    SECTION("/dev/zero stops one byte past the limit") {
        auto i = runCli({"import", "/dev/zero", "--journal", a});
        CHECK(i.status == 1);
        CHECK(i.err.find("larger than 64 MiB") != std::string::npos);
    }
    SECTION("standard input that never ends") {
        EndlessBuf buf;
        std::istream in(&buf);
        std::ostringstream out, err;
        unknot::CliEnv env;
        env.in = &in;
        env.out = &out;
        env.err = &err;
        env.wallMs = [] { return kNow; };
        const char* argv[] = {"unknot", "import", "-", "--journal", a.c_str()};
        CHECK(unknot::runCli(5, argv, env) == 1);
        CHECK(err.str().find("standard input: larger than 64 MiB") != std::string::npos);
    }
    SECTION("a folder is named") {
        auto i = runCli({"import", d.str(), "--journal", a});
        CHECK(i.status == 2);
        CHECK(i.err.find("it is a folder") != std::string::npos);
    }
}
