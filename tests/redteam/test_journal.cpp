// Red team: the journal. One TEST_CASE per class of problem (docs/journal.md
// says the rule each one holds to):
//
// [SECTION] Helpers
// [SECTION] 1. A write-ahead log that is not the journal's
// [SECTION] 2. Read-only commands never modify the journal (6: nor leave files)
// [SECTION] 3. Export is one snapshot
// [SECTION] 4. Export never destroys what is at its path
// [SECTION] 5. Export never says it succeeded when it failed
// [SECTION] 7. Journal paths that are not regular files
// [SECTION] 8. Import hygiene
// [SECTION] 9. CSV formula injection, NUL bytes
// [SECTION] 10. Import sources that never end
#include "helpers.hpp"

#include "unknot/cli.hpp"
#include "unknot/journal.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

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
#include <unistd.h>

using testing::runCli;
using testing::TempDir;
using unknot::Journal;
using unknot::SessionRecord;
using unknot::WriteStatus;
namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
namespace {
constexpr std::int64_t kNow = 1763720100000;  // 2025-11-21T10:15:00Z

std::string readAll(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

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
        if (e.is_symlink()) m[name] = "link->" + fs::read_symlink(e.path()).string();
        else if (e.is_regular_file()) m[name] = readAll(e.path().string());
        else m[name] = "(other)";
    }
    return m;
}

std::vector<std::string> uidsOf(Journal& j) {
    std::vector<std::string> v;
    for (const auto& s : j.allSessions()) v.push_back(s.uid);
    return v;
}

std::size_t exportedSessions(const std::string& json) {
    return nlohmann::json::parse(json)["sessions"].size();
}

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
TEST_CASE("foreign write-ahead log: never applied; the app sets it aside, the CLI leaves it and reads without it") {
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
        auto i = runCli({"import", d.write("empty.json", R"({"format": "unknot-journal", "version": 1, "sessions": []})"),
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
    SECTION("a FIFO as -wal") {
        REQUIRE(::mkfifo((a + "-wal").c_str(), 0600) == 0);
        auto c = runCli({"journal", "check", "--journal", a});  // must not hang
        CHECK(c.status == 1);
        auto j = Journal::open(a, kNow);
        REQUIRE(j->persistent());
        CHECK(j->noticesDetailed().at(0).key == "journal.moved_foreign_log");
    }
}
