// Export (CSV, JSON), import (validated, merged without duplicates), and the
// journal commands of the command line: export, import, journal check.
//
// [SECTION] Helpers
// [SECTION] Export
// [SECTION] Import
// [SECTION] Command line
#include "../journal/journal_test_support.hpp"
#include "helpers.hpp"

#include "unknot/journal.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

#include <cstdio>
#include <filesystem>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using journaltest::kNow;
using journaltest::readAll;
using journaltest::TempDir;
using testing::runCli;
using unknot::Journal;
using unknot::SessionRecord;
using unknot::WriteStatus;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
namespace {
// A journal with sessions of every shape, favourites and settings.
void fill(Journal& j) {
    SessionRecord a;
    a.routineId = "neck-release";
    a.startedAt = kNow - 86400000;
    a.endedAt = a.startedAt + 300123;
    a.practisedSeconds = 300;
    a.finished = true;
    a.painBefore = 6;
    a.painAfter = 4;
    a.area = "neck";
    a.note = "stiff, then \"better\"\nsecond line";
    REQUIRE(j.addSession(a) == WriteStatus::Saved);
    SessionRecord b;
    b.routineId = "breathing-4-2-6";
    b.startedAt = kNow;
    b.endedAt = kNow + 90000;
    b.practisedSeconds = 90;
    b.stoppedAtStep = 2;
    b.note = "mâchoire, épaules";
    REQUIRE(j.addSession(b) == WriteStatus::Saved);
    REQUIRE(j.setFavourite("neck-release", true, kNow - 5000) == WriteStatus::Saved);
    REQUIRE(j.setFavourite("jaw-release", true, kNow) == WriteStatus::Saved);
    REQUIRE(j.setSetting("lang", "fr") == WriteStatus::Saved);
    REQUIRE(j.setSetting("text_scale", "1.25") == WriteStatus::Saved);
}

std::string validExport(const std::string& sessionJson) {
    return R"({"format": "unknot-journal", "version": 1, "exported_at": null, "sessions": [)" + sessionJson + "]}";
}
const char* kGoodSession =
    R"({"uid": "abc", "routine_id": "neck-release", "started_at": "2025-11-21T10:15:00.000Z",
        "ended_at": "2025-11-21T10:20:00.000Z", "practised_seconds": 300, "finished": true})";
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Export
//-----------------------------------------------------------------------------
TEST_CASE("CSV export: header, ISO times with ms, RFC 4180 quoting, CRLF") {
    auto j = Journal::inMemory();
    fill(*j);
    std::string csv = unknot::exportCsv(*j);
    auto s = j->allSessions();
    CHECK(csv ==
          "uid,routine_id,started_at,started_at_ms,ended_at,ended_at_ms,practised_seconds,finished,stopped_at_step,"
          "pain_before,pain_after,pain_change,area,note\r\n" +
              s[0].uid +
              ",neck-release,2025-11-20T10:15:00.000Z,1763633700000,2025-11-20T10:20:00.123Z,1763634000123,300,true,,6,"
              "4,-2,neck,\"stiff, then \"\"better\"\"\nsecond line\"\r\n" +
              s[1].uid +
              ",breathing-4-2-6,2025-11-21T10:15:00.000Z,1763720100000,2025-11-21T10:16:30.000Z,1763720190000,90,"
              "false,2,,,,,\"mâchoire, épaules\"\r\n");
    CHECK(unknot::exportCsv(*Journal::inMemory()).find("\r\n") == unknot::exportCsv(*Journal::inMemory()).size() - 2);
}

TEST_CASE("JSON export: format, version, every field") {
    auto j = Journal::inMemory();
    fill(*j);
    auto doc = nlohmann::json::parse(unknot::exportJson(*j, kNow));
    CHECK(doc["format"] == "unknot-journal");
    CHECK(doc["version"] == 2);  // format 2 added the plans (test_journal_plans.cpp)
    CHECK(doc["exported_at"] == "2025-11-21T10:15:00.000Z");
    REQUIRE(doc["sessions"].size() == 2);
    const auto& a = doc["sessions"][0];
    CHECK(a["routine_id"] == "neck-release");
    CHECK(a["started_at"] == "2025-11-20T10:15:00.000Z");
    CHECK(a["ended_at"] == "2025-11-20T10:20:00.123Z");
    CHECK(a["practised_seconds"] == 300);
    CHECK(a["finished"] == true);
    CHECK(a["stopped_at_step"].is_null());
    CHECK(a["pain_before"] == 6);
    CHECK(a["pain_after"] == 4);
    CHECK(a["area"] == "neck");
    CHECK(a["note"] == "stiff, then \"better\"\nsecond line");
    CHECK(doc["sessions"][1]["stopped_at_step"] == 2);
    CHECK(doc["sessions"][1]["pain_before"].is_null());
    CHECK(doc["favourites"][0]["routine_id"] == "jaw-release");
    CHECK(doc["favourites"][1]["added_at"] == "2025-11-21T10:14:55.000Z");
    CHECK(doc["settings"]["lang"] == "fr");
    CHECK(nlohmann::json::parse(unknot::exportJson(*j))["exported_at"].is_null());
}

// The one rule for writing an export, used by `unknot export` and by the
// app's Export button (History): the command line's own tests check its
// messages; this checks the rule itself.
TEST_CASE("writeExportFile: temp file and rename for files, refusals for links, folders, sockets") {
    namespace fs = std::filesystem;
    TempDir d;
    const std::string text = "uid,routine_id\r\nabc,neck-release\r\n";
    auto leftovers = [&] {
        std::string s;
        for (const auto& e : fs::directory_iterator(d.path))
            if (e.path().filename().string().find(".tmp-") != std::string::npos) s += e.path().filename().string();
        return s;
    };
    SECTION("a new file: all of it, private (0600), no temporary file left") {
        const std::string f = (d.path / "out.csv").string();
        CHECK(unknot::writeExportFile(f, text) == "");
        CHECK(readAll(f) == text);
        struct stat st {};
        REQUIRE(::stat(f.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
        CHECK(leftovers() == "");
    }
    SECTION("a regular file: replaced whole") {
        const std::string f = d.write("out.csv", std::string(100000, 'x'));
        CHECK(unknot::writeExportFile(f, text) == "");
        CHECK(readAll(f) == text);
        CHECK(leftovers() == "");
    }
    SECTION("a symbolic link to a file: refused, link and file unchanged") {
        const std::string target = d.write("real.csv", "old");
        const fs::path link = d.path / "link.csv";
        fs::create_symlink(target, link);
        CHECK(unknot::writeExportFile(link.string(), text).find("it is a symbolic link") == 0);
        CHECK(fs::is_symlink(link));
        CHECK(readAll(target) == "old");
    }
    SECTION("a link to nothing, a folder, a socket, a missing folder: refused by name") {
        fs::create_symlink(d.path / "nowhere", d.path / "dangling.csv");
        CHECK(unknot::writeExportFile((d.path / "dangling.csv").string(), text)
                  .find("it is a symbolic link to nothing") == 0);
        fs::create_directories(d.path / "folder");
        CHECK(unknot::writeExportFile((d.path / "folder").string(), text) ==
              "it is a folder; give a file name inside it");
        CHECK(fs::is_empty(d.path / "folder"));
        const std::string sock = (d.path / "s").string();
        int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        REQUIRE(sock.size() < sizeof addr.sun_path);
        std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock.c_str());
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        CHECK(unknot::writeExportFile(sock, text) == "it is a socket, not a file");
        ::close(fd);
        CHECK(unknot::writeExportFile((d.path / "no" / "out.csv").string(), text).find("the folder ") == 0);
        CHECK(unknot::writeExportFile("", text) != "");
    }
    SECTION("a character device is written in place; a FIFO with no reader fails at once") {
        CHECK(unknot::writeExportFile("/dev/null", text) == "");
        const std::string fifo = (d.path / "fifo").string();
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        CHECK(unknot::writeExportFile(fifo, text) == "it is a named pipe (FIFO) with no reader");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Import
//-----------------------------------------------------------------------------
TEST_CASE("round trip: export, import into an empty journal, export again gives the same; twice adds nothing") {
    auto src = Journal::inMemory();
    fill(*src);
    std::string json = unknot::exportJson(*src, kNow);
    auto dst = Journal::inMemory();
    auto r = unknot::importJson(*dst, json);
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(r.added == 2);
    CHECK(r.skipped == 0);
    CHECK(r.favouritesAdded == 2);
    CHECK(r.settingsAdded == 2);
    CHECK(unknot::exportJson(*dst, kNow) == json);
    CHECK(unknot::exportCsv(*dst) == unknot::exportCsv(*src));
    auto again = unknot::importJson(*dst, json);
    REQUIRE(again.ok);
    CHECK(again.added == 0);
    CHECK(again.skipped == 2);
    CHECK(again.favouritesAdded == 0);
    CHECK(again.settingsAdded == 0);
    CHECK(dst->allSessions().size() == 2);
    CHECK(unknot::exportJson(*dst, kNow) == json);
}

TEST_CASE("import merges: new sessions added, known uids skipped, local settings kept") {
    auto j = Journal::inMemory();
    fill(*j);
    REQUIRE(j->setSetting("lang", "en") == WriteStatus::Saved);
    auto other = Journal::inMemory();
    fill(*other);
    REQUIRE(other->setSetting("theme", "dark") == WriteStatus::Saved);
    auto mine = j->allSessions();
    std::string json = unknot::exportJson(*other, kNow);
    // One of ours inside the other export: same uid, skipped.
    auto doc = nlohmann::json::parse(json);
    doc["sessions"][0]["uid"] = mine[0].uid;
    auto r = unknot::importJson(*j, doc.dump());
    REQUIRE(r.ok);
    CHECK(r.added == 1);
    CHECK(r.skipped == 1);
    CHECK(r.settingsAdded == 1);
    CHECK(j->setting("lang") == "en");  // the local choice wins
    CHECK(j->setting("theme") == "dark");
    CHECK(j->allSessions().size() == 3);
}

TEST_CASE("import rejects the whole file, saying where and what, before writing anything") {
    auto j = Journal::inMemory();
    auto bad = [&](const std::string& text, const std::string& expect) {
        auto r = unknot::importJson(*j, text);
        INFO(text);
        CHECK_FALSE(r.ok);
        CHECK_FALSE(r.writeFailed);
        CHECK(r.error.find(expect) != std::string::npos);
        if (r.error.find(expect) == std::string::npos) WARN(r.error);
        CHECK(j->allSessions().empty());
    };
    std::string second = std::string(kGoodSession);
    auto withField = [&](const std::string& field) {
        std::string s = kGoodSession;
        return validExport(s.substr(0, s.size() - 1) + ", " + field + "}");
    };
    bad("", "not valid JSON");
    bad("{\"format\": ", "not valid JSON");
    bad("[1, 2]", "not a journal export");
    bad(std::string(100, '[') + std::string(100, ']'), "nested too deeply");
    bad(R"({"format": "other", "version": 1, "sessions": []})", "not an Unknot journal export");
    bad(R"({"format": "unknot-journal", "version": 3, "sessions": []})", "newer Unknot");  // 2 is current
    bad(R"({"format": "unknot-journal", "version": 1})", "missing 'sessions'");
    bad(R"({"format": "unknot-journal", "version": 1, "sessions": {}})", "sessions: must be an array");
    bad(R"({"format": "unknot-journal", "version": 1, "sessions": [], "extra": 1})", "unknown key 'extra'");
    // A good session first: it must not be written either.
    bad(validExport(second + R"(, {"uid": "x2"})"), "sessions[1]: missing 'routine_id'");
    bad(withField("\"pain_before\": 11"), "sessions[0].pain_before: must be from 0 to 10 (got 11)");
    bad(withField("\"pain_after\": 2.5"), "sessions[0].pain_after: must be a whole number");
    bad(withField("\"note\": 5"), "sessions[0].note: must be a string");
    bad(withField("\"note\": \"" + std::string(501, 'x') + "\""), "note is longer than 500 characters");
    bad(withField("\"color\": 1"), "sessions[0]: unknown key 'color'");
    bad(validExport(R"({"uid": "a b", "routine_id": "r", "started_at": "2025-11-21T10:15:00.000Z",
        "ended_at": "2025-11-21T10:20:00.000Z", "practised_seconds": 1, "finished": true})"),
        "sessions[0].uid");
    bad(validExport(R"({"uid": "a", "routine_id": "", "started_at": "2025-11-21T10:15:00.000Z",
        "ended_at": "2025-11-21T10:20:00.000Z", "practised_seconds": 1, "finished": true})"),
        "sessions[0].routine_id: must not be empty");
    bad(validExport(R"({"uid": "a", "routine_id": "r", "started_at": "yesterday",
        "ended_at": "2025-11-21T10:20:00.000Z", "practised_seconds": 1, "finished": true})"),
        "sessions[0].started_at: not a UTC time");
    bad(validExport(R"({"uid": "a", "routine_id": "r", "started_at": "2025-11-21T10:15:00.000Z",
        "ended_at": "2025-11-21T10:20:00.000Z", "practised_seconds": -1, "finished": true})"),
        "sessions[0].practised_seconds");
    bad(validExport(R"({"uid": "a", "routine_id": "r", "started_at": "2025-11-21T10:15:00.000Z",
        "ended_at": "2025-11-21T10:20:00.000Z", "practised_seconds": 1, "finished": "yes"})"),
        "sessions[0].finished: must be true or false");
    bad(R"({"format": "unknot-journal", "version": 1, "sessions": [], "settings": {"lang": 3}})",
        "settings.lang: must be a string");
    bad(R"({"format": "unknot-journal", "version": 1, "sessions": [], "favourites": [{"routine_id": "x"}]})",
        "favourites[0]: missing 'added_at'");
    bad("{\"format\": \"unknot-journal\", \"version\": 1, \"sessions\": [], \"settings\": {\"a\": \"\xff\"}}",
        "not valid JSON");
    bad(std::string(unknot::kMaxImportBytes + 1, ' '), "larger than 64 MiB");
    // And the good one alone goes in.
    auto ok = unknot::importJson(*j, validExport(kGoodSession));
    CHECK(ok.ok);
    CHECK(ok.added == 1);
}

TEST_CASE("import names the limit it refuses: how many settings, how long a uid") {
    auto j = Journal::inMemory();
    std::string settings;
    for (int i = 0; i <= 10000; ++i) settings += (i ? ", " : "") + ("\"k" + std::to_string(i) + "\": \"v\"");
    auto r = unknot::importJson(
        *j, R"({"format": "unknot-journal", "version": 1, "sessions": [], "settings": {)" + settings + "}}");
    CHECK_FALSE(r.ok);
    CHECK(r.error == "settings: more than 10,000 settings");
    r = unknot::importJson(*j, validExport(R"({"uid": ")" + std::string(65, 'u') + R"(", "routine_id": "r",
        "started_at": "2025-11-21T10:15:00.000Z", "ended_at": "2025-11-21T10:20:00.000Z",
        "practised_seconds": 1, "finished": true})"));
    CHECK_FALSE(r.ok);
    CHECK(r.error == "sessions[0].uid: longer than 64 bytes");
    CHECK(j->allSessions().empty());
    CHECK(j->settings().empty());
}

TEST_CASE("import into a journal that cannot be written fails whole and says so") {
    auto j = Journal::inMemory();
    j->setReadOnlyForTesting(true);
    auto r = unknot::importJson(*j, validExport(kGoodSession));
    CHECK_FALSE(r.ok);
    CHECK(r.writeFailed);
    CHECK(r.added == 0);
    CHECK(r.error.find("nothing was imported") != std::string::npos);
    j->setReadOnlyForTesting(false);
    CHECK(j->allSessions().empty());
}

//-----------------------------------------------------------------------------
// [SECTION] Command line
//-----------------------------------------------------------------------------
TEST_CASE("unknot export --json / --csv, import, journal check") {
    TempDir d;
    std::string db = d.str() + "/journal.db";
    {
        auto j = Journal::open(db, kNow);
        fill(*j);
    }
    std::string out = d.str() + "/out.json";
    auto e = runCli({"export", "--json", out, "--journal", db});
    INFO(e.err);
    CHECK(e.status == 0);
    CHECK(e.err == "exported 2 sessions, 2 favourites, 2 settings to " + out + "\n");
    struct stat st {};
    REQUIRE(::stat(out.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(nlohmann::json::parse(readAll(out))["sessions"].size() == 2);

    auto csv = runCli({"export", "--csv", "-", "--journal", db});
    CHECK(csv.status == 0);
    CHECK(csv.out.rfind("uid,routine_id,", 0) == 0);
    CHECK(csv.err.find("to standard output") != std::string::npos);

    std::string fresh = d.str() + "/new/journal.db";
    std::filesystem::create_directories(d.str() + "/new");
    auto i = runCli({"import", out, "--journal", fresh});
    CHECK(i.status == 0);
    CHECK(i.out ==
          "imported " + out + ": 2 sessions added, 0 already in the journal; 2 favourites, 2 settings added\n");
    auto i2 = runCli({"import", out, "--journal", fresh});
    CHECK(i2.status == 0);
    CHECK(i2.out.find("0 sessions added, 2 already in the journal") != std::string::npos);
    auto viaStdin = runCli({"import", "-", "--journal", fresh}, readAll(out));
    CHECK(viaStdin.status == 0);
    CHECK(viaStdin.out.find("imported standard input: 0 sessions added") != std::string::npos);

    auto c = runCli({"journal", "check", "--journal", fresh});
    CHECK(c.status == 0);
    CHECK(c.out.find("integrity: ok") != std::string::npos);
    CHECK(c.out.find("sessions: 2") != std::string::npos);
    CHECK(c.out.find("result: ok") != std::string::npos);
}

TEST_CASE("journal commands: clear errors and exit statuses on bad input") {
    TempDir d;
    std::string db = d.str() + "/journal.db";
    // Usage.
    CHECK(runCli({"export", "--journal", db}).status == 2);
    CHECK(runCli({"export", "--csv", "a", "--json", "b", "--journal", db}).status == 2);
    CHECK(runCli({"import"}).status == 2);
    CHECK(runCli({"journal"}).status == 2);
    auto noFolder = runCli({"journal", "check"});  // the tests give no data folder
    CHECK(noFolder.status == 2);
    CHECK(noFolder.err.find("pass --journal PATH") != std::string::npos);
    // A missing journal: nothing is created by export or check.
    auto missing = runCli({"export", "--json", d.str() + "/x.json", "--journal", db});
    CHECK(missing.status == 2);
    CHECK(missing.err == "unknot: no journal at " + db + "\n");
    auto check = runCli({"journal", "check", "--journal", db});
    CHECK(check.status == 2);
    CHECK(check.out.find("no journal at") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(db));
    // A corrupt journal: check says so (1), export refuses (2), the file stays.
    std::string junk(5000, 'j');
    d.write("journal.db", junk);
    auto bad = runCli({"journal", "check", "--journal", db});
    CHECK(bad.status == 1);
    CHECK(bad.out.find("not a readable SQLite database") != std::string::npos);
    auto exp = runCli({"export", "--json", "-", "--journal", db});
    CHECK(exp.status == 2);
    CHECK(exp.err.find("cannot be read") != std::string::npos);
    CHECK(readAll(db) == junk);
    std::filesystem::remove(db);
    // Import: a missing file (2), bad JSON (1, with the file's name), a folder (2).
    CHECK(runCli({"import", d.str() + "/nope.json", "--journal", db}).status == 2);
    auto badJson = runCli({"import", d.write("bad.json", "{oops"), "--journal", db});
    CHECK(badJson.status == 1);
    CHECK(badJson.err.find(d.str() + "/bad.json: not valid JSON") != std::string::npos);
    CHECK(runCli({"import", d.str(), "--journal", db}).status == 2);
    // Writing the export where it cannot go.
    Journal::open(db, kNow).reset();
    auto nowhere = runCli({"export", "--csv", d.str() + "/no/such/dir/out.csv", "--journal", db});
    CHECK(nowhere.status == 2);
    CHECK(nowhere.err.find("cannot write") != std::string::npos);
}

TEST_CASE("the journal commands are command-line invocations") {
    const char* a[] = {"unknot", "export", "--json", "-"};
    const char* b[] = {"unknot", "import", "f.json"};
    const char* c[] = {"unknot", "journal", "check"};
    CHECK(unknot::isCliInvocation(4, a));
    CHECK(unknot::isCliInvocation(3, b));
    CHECK(unknot::isCliInvocation(3, c));
    auto h = runCli({"--help"});
    CHECK(h.out.find("export") != std::string::npos);
    CHECK(h.out.find("import") != std::string::npos);
    CHECK(h.out.find("journal") != std::string::npos);
}
