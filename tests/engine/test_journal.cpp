// The journal: sessions, favourites, settings and History, persisted across
// reopening, with the file private to the user (0600).
//
// [SECTION] Helpers
// [SECTION] Sessions, favourites, settings, persistence
// [SECTION] History
// [SECTION] Validation
#include "../journal/journal_test_support.hpp"
#include "helpers.hpp"

#include "unknot/journal.hpp"

#include <catch2/catch.hpp>

#include <random>

#include <sys/stat.h>

using journaltest::TempDir;
using unknot::HistoryQuery;
using unknot::Journal;
using unknot::SessionRecord;
using unknot::WriteStatus;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
namespace {
// Monday 2025-11-17, 00:00 UTC.
constexpr std::int64_t kMonday = 1763337600000;
constexpr std::int64_t kDay = 86400000;

std::string join(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

SessionRecord rec(const std::string& routine, std::int64_t start, std::optional<int> before = std::nullopt,
                  std::optional<int> after = std::nullopt) {
    SessionRecord r;
    r.routineId = routine;
    r.startedAt = start;
    r.endedAt = start + 300000;
    r.practisedSeconds = 300;
    r.finished = true;
    r.painBefore = before;
    r.painAfter = after;
    return r;
}

unsigned modeOf(const std::string& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}
}  // namespace

TEST_CASE("ISO 8601 times: format and strict parse") {
    CHECK(unknot::formatIsoUtc(0) == "1970-01-01T00:00:00.000Z");
    CHECK(unknot::formatIsoUtc(kMonday) == "2025-11-17T00:00:00.000Z");
    CHECK(unknot::formatIsoUtc(1763720100123) == "2025-11-21T10:15:00.123Z");
    CHECK(unknot::parseIsoUtc("2025-11-21T10:15:00.123Z") == 1763720100123);
    CHECK(unknot::parseIsoUtc("2025-11-21T10:15:00Z") == 1763720100000);
    CHECK(unknot::parseIsoUtc("2024-02-29T00:00:00.000Z").has_value());
    CHECK_FALSE(unknot::parseIsoUtc("2025-02-29T00:00:00.000Z"));
    CHECK_FALSE(unknot::parseIsoUtc("2025-11-21 10:15:00.123Z"));
    CHECK_FALSE(unknot::parseIsoUtc("2025-11-21T10:15:00.123"));
    CHECK_FALSE(unknot::parseIsoUtc("2025-13-01T00:00:00.000Z"));
    CHECK_FALSE(unknot::parseIsoUtc(""));
    std::mt19937_64 rng(7);
    for (int i = 0; i < 1000; ++i) {
        std::int64_t t = static_cast<std::int64_t>(rng() % 4102444800000ULL);
        CHECK(unknot::parseIsoUtc(unknot::formatIsoUtc(t)) == t);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Sessions, favourites, settings, persistence
//-----------------------------------------------------------------------------
TEST_CASE("a new journal is created with mode 0600, in WAL mode, at the current version") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    {
        auto j = Journal::open(p, kMonday);
        REQUIRE(j);
        CHECK(j->persistent());
        CHECK(j->notices().empty());
        CHECK(j->path() == p);
        auto r = rec("neck-release", kMonday);
        REQUIRE(j->addSession(r) == WriteStatus::Saved);
        CHECK(modeOf(p) == 0600);
        CHECK(modeOf(p + "-wal") == 0600);
        CHECK(modeOf(p + "-shm") == 0600);
    }
    auto c = unknot::checkJournal(p);
    INFO(join(c.lines));
    CHECK(c.ok);
    CHECK(c.schemaVersion == Journal::kSchemaVersion);
    CHECK(c.sessions == 1);
}

TEST_CASE("an existing journal readable by others is narrowed to 0600 on open") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    Journal::open(p, kMonday).reset();
    REQUIRE(::chmod(p.c_str(), 0644) == 0);
    auto before = unknot::checkJournal(p);
    CHECK_FALSE(before.ok);  // check reports it and leaves it
    CHECK(modeOf(p) == 0644);
    auto j = Journal::open(p, kMonday);
    CHECK(modeOf(p) == 0600);
}

TEST_CASE("sessions, favourites and settings persist across reopening") {
    TempDir d;
    std::string p = d.str() + "/journal.db";
    std::string uid;
    {
        auto j = Journal::open(p, kMonday);
        auto r = rec("neck-release", kMonday + 3600000, 6);
        r.area = "neck";
        r.note = "stiff, better after";
        r.finished = false;
        r.stoppedAtStep = 2;
        REQUIRE(j->addSession(r) == WriteStatus::Saved);
        CHECK(r.id > 0);
        CHECK(r.uid.size() == 32);
        uid = r.uid;
        CHECK(j->setPainAfter(uid, 3) == WriteStatus::Saved);
        CHECK(j->setNote(uid, "better") == WriteStatus::Saved);
        CHECK(j->setFavourite("neck-release", true, kMonday) == WriteStatus::Saved);
        CHECK(j->setFavourite("breathing-4-2-6", true, kMonday + 1) == WriteStatus::Saved);
        CHECK(j->setFavourite("jaw-release", true, kMonday + 2) == WriteStatus::Saved);
        CHECK(j->setFavourite("jaw-release", false, kMonday + 3) == WriteStatus::Saved);
        CHECK(j->setSetting("lang", "fr") == WriteStatus::Saved);
        CHECK(j->setSetting("lang", "en") == WriteStatus::Saved);
        CHECK(j->setSetting("text_scale", "1.25") == WriteStatus::Saved);
    }
    auto j = Journal::open(p, kMonday + kDay);
    CHECK(j->notices().empty());
    auto s = j->session(uid);
    REQUIRE(s);
    CHECK(s->routineId == "neck-release");
    CHECK(s->startedAt == kMonday + 3600000);
    CHECK(s->endedAt == kMonday + 3900000);
    CHECK(s->practisedSeconds == 300);
    CHECK_FALSE(s->finished);
    CHECK(s->stoppedAtStep == 2);
    CHECK(s->painBefore == 6);
    CHECK(s->painAfter == 3);
    CHECK(s->area == "neck");
    CHECK(s->note == "better");
    CHECK(j->favourites() == std::vector<std::string>{"breathing-4-2-6", "neck-release"});
    CHECK(j->isFavourite("neck-release"));
    CHECK_FALSE(j->isFavourite("jaw-release"));
    CHECK(j->setting("lang") == "en");
    CHECK(j->setting("text_scale") == "1.25");
    CHECK_FALSE(j->setting("theme"));
    CHECK_FALSE(j->session("no-such-uid"));
}

TEST_CASE("recent routines: distinct, by most recent session") {
    auto j = Journal::inMemory();
    CHECK_FALSE(j->persistent());
    for (auto [id, t] :
         std::vector<std::pair<std::string, std::int64_t>>{{"a", 1}, {"b", 5}, {"a", 10}, {"c", 7}, {"b", 2}}) {
        auto r = rec(id, kMonday + t);
        REQUIRE(j->addSession(r) == WriteStatus::Saved);
    }
    CHECK(j->recentRoutines(10) == std::vector<std::string>{"a", "c", "b"});
    CHECK(j->recentRoutines(2) == std::vector<std::string>{"a", "c"});
    CHECK(j->recentRoutines(0).empty());
}

//-----------------------------------------------------------------------------
// [SECTION] History
//-----------------------------------------------------------------------------
TEST_CASE("history: days strip, streak, sessions, chart, averages") {
    auto j = Journal::inMemory();
    // Wednesday 2025-11-19 at 10:00 UTC is "now"; the strip ends Sunday 23rd.
    const std::int64_t wed = kMonday + 2 * kDay + 10 * 3600000;
    // Sessions on Mon 17, Tue 18 and Wed 19 (a 3-day streak), and one on
    // Sunday 9th, just before the two-week strip.
    for (std::int64_t day : {0, 1, 2, -8}) {
        auto r = rec("neck-release", kMonday + day * kDay + 8 * 3600000, 6, 4);
        REQUIRE(j->addSession(r) == WriteStatus::Saved);
    }
    auto r = rec("breathing-4-2-6", kMonday + kDay + 9 * 3600000, 5, 5);
    REQUIRE(j->addSession(r) == WriteStatus::Saved);
    auto noPain = rec("jaw-release", kMonday + kDay + 11 * 3600000);
    REQUIRE(j->addSession(noPain) == WriteStatus::Saved);

    HistoryQuery q;
    q.nowMs = wed;
    q.weeks = 2;
    auto h = j->history(q);
    REQUIRE(h.daysPractised.size() == 14);
    // Day 0 is Monday 2025-11-10 at local midnight.
    CHECK(h.firstDayStartMs == kMonday - 7 * kDay);
    CHECK(unknot::formatIsoUtc(h.firstDayStartMs) == "2025-11-10T00:00:00.000Z");
    std::vector<bool> want(14, false);
    want[7] = want[8] = want[9] = true;
    CHECK(h.daysPractised == want);
    CHECK(h.currentStreak == 3);
    CHECK(h.totalSessions == 6);
    REQUIRE(h.sessions.size() == 6);
    CHECK(h.sessions.front().routineId == "neck-release");  // newest first
    REQUIRE(h.chart.size() == 5);
    CHECK(h.chart.front().at < h.chart.back().at);  // oldest first
    REQUIRE(h.averages.size() == 2);
    CHECK(h.averages[0].routineId == "neck-release");
    CHECK(h.averages[0].sessions == 4);
    CHECK(h.averages[0].averageChange == Approx(-2.0));
    CHECK(h.averages[1].averageChange == Approx(0.0));

    // No session yet today: the streak counts up to yesterday.
    q.nowMs = wed + kDay;
    CHECK(j->history(q).currentStreak == 3);
    // Two days without: the streak is over.
    q.nowMs = wed + 2 * kDay;
    CHECK(j->history(q).currentStreak == 0);
    // Limits.
    q.nowMs = wed;
    q.sessionLimit = 2;
    q.chartLimit = 1;
    auto lim = j->history(q);
    CHECK(lim.sessions.size() == 2);
    REQUIRE(lim.chart.size() == 1);
    CHECK(lim.chart[0].at == h.chart.back().at);
}

TEST_CASE("history: day boundaries follow the UTC offset") {
    auto j = Journal::inMemory();
    // 23:30 UTC on Monday 17th is already Tuesday 18th in UTC+1.
    auto r = rec("neck-release", kMonday + 23 * 3600000 + 1800000);
    REQUIRE(j->addSession(r) == WriteStatus::Saved);
    HistoryQuery q;
    q.nowMs = kMonday + 2 * kDay + 12 * 3600000;
    q.weeks = 1;
    auto utc = j->history(q);
    q.utcOffsetMinutes = 60;
    auto plus1 = j->history(q);
    CHECK(utc.daysPractised == std::vector<bool>{true, false, false, false, false, false, false});
    CHECK(plus1.daysPractised == std::vector<bool>{false, true, false, false, false, false, false});
    CHECK(plus1.firstDayStartMs == kMonday - 3600000);
    CHECK(utc.currentStreak == 0);    // Monday, and today is Wednesday
    CHECK(plus1.currentStreak == 1);  // Tuesday: yesterday
}

TEST_CASE("history: the SQL path equals the in-memory reference on random journals") {
    std::mt19937 rng(42);
    for (int round = 0; round < 20; ++round) {
        auto j = Journal::inMemory();
        int n = static_cast<int>(rng() % 300);
        const std::int64_t now = kMonday + 60 * kDay + static_cast<std::int64_t>(rng() % kDay);
        for (int i = 0; i < n; ++i) {
            auto r =
                rec("r" + std::to_string(rng() % 7), now - static_cast<std::int64_t>(rng() % (90ULL * kDay)) + kDay);
            if (rng() % 3) r.painBefore = static_cast<int>(rng() % 11);
            if (rng() % 3) r.painAfter = static_cast<int>(rng() % 11);
            // Same start times happen (ties are ordered by id on both paths).
            if (rng() % 10 == 0) r.startedAt = now - kDay;
            REQUIRE(j->addSession(r) == WriteStatus::Saved);
        }
        HistoryQuery q;
        q.nowMs = now;
        q.utcOffsetMinutes = static_cast<int>(rng() % 1500) - 720;
        q.weeks = static_cast<int>(rng() % 10);
        q.sessionLimit = static_cast<int>(rng() % 50);
        q.chartLimit = static_cast<int>(rng() % 50);
        auto fast = j->history(q);
        auto ref = unknot::historyFromRecords(j->allSessions(), q);
        INFO("round " << round);
        CHECK(fast.daysPractised == ref.daysPractised);
        CHECK(fast.firstDayStartMs == ref.firstDayStartMs);
        CHECK(fast.currentStreak == ref.currentStreak);
        CHECK(fast.totalSessions == ref.totalSessions);
        REQUIRE(fast.sessions.size() == ref.sessions.size());
        for (std::size_t i = 0; i < fast.sessions.size(); ++i) CHECK(fast.sessions[i].uid == ref.sessions[i].uid);
        REQUIRE(fast.chart.size() == ref.chart.size());
        for (std::size_t i = 0; i < fast.chart.size(); ++i) {
            CHECK(fast.chart[i].at == ref.chart[i].at);
            CHECK(fast.chart[i].before == ref.chart[i].before);
            CHECK(fast.chart[i].after == ref.chart[i].after);
        }
        REQUIRE(fast.averages.size() == ref.averages.size());
        for (std::size_t i = 0; i < fast.averages.size(); ++i) {
            CHECK(fast.averages[i].routineId == ref.averages[i].routineId);
            CHECK(fast.averages[i].sessions == ref.averages[i].sessions);
            CHECK(fast.averages[i].averageChange == ref.averages[i].averageChange);
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Validation
//-----------------------------------------------------------------------------
TEST_CASE("invalid input is rejected with a reason and not stored") {
    auto j = Journal::inMemory();
    auto bad = rec("neck-release", kMonday, 11);
    CHECK(j->addSession(bad) == WriteStatus::Rejected);
    CHECK(j->lastError().find("pain must be from 0 to 10") != std::string::npos);
    auto empty = rec("", kMonday);
    CHECK(j->addSession(empty) == WriteStatus::Rejected);
    auto longNote = rec("neck-release", kMonday);
    longNote.note = std::string(unknot::kMaxNoteChars + 1, 'x');
    CHECK(j->addSession(longNote) == WriteStatus::Rejected);
    // 500 characters of two bytes each are fine: the limit is in characters.
    auto accents = rec("neck-release", kMonday);
    for (int i = 0; i < unknot::kMaxNoteChars; ++i) accents.note += "é";
    CHECK(j->addSession(accents) == WriteStatus::Saved);
    auto badUtf8 = rec("neck-release", kMonday);
    badUtf8.note = "\xff\xfe";
    CHECK(j->addSession(badUtf8) == WriteStatus::Rejected);
    auto dup = rec("neck-release", kMonday);
    dup.uid = accents.uid;
    CHECK(j->addSession(dup) == WriteStatus::Rejected);
    CHECK(j->setPainAfter(accents.uid, -1) == WriteStatus::Rejected);
    CHECK(j->setPainAfter("nobody", 3) == WriteStatus::Rejected);
    CHECK(j->setNote(accents.uid, std::string(501, 'y')) == WriteStatus::Rejected);
    CHECK(j->setFavourite("", true, 0) == WriteStatus::Rejected);
    CHECK(j->setSetting("", "x") == WriteStatus::Rejected);
    CHECK(j->history({}).totalSessions == 1);
    CHECK(j->pendingWrites() == 0);
}

TEST_CASE("changeCount moves with every accepted write, saved or pending, and not with a rejected one") {
    auto j = Journal::inMemory();
    const auto c0 = j->changeCount();
    SessionRecord r;
    r.routineId = "neck-release";
    r.startedAt = 1000;
    r.endedAt = 2000;
    REQUIRE(j->addSession(r) == WriteStatus::Saved);
    const auto c1 = j->changeCount();
    CHECK(c1 > c0);
    CHECK(j->setPainAfter(r.uid, 11) == WriteStatus::Rejected);  // outside 0..10
    CHECK(j->changeCount() == c1);
    (void)j->favourites();  // reading changes nothing
    CHECK(j->changeCount() == c1);
    j->setReadOnlyForTesting(true);
    CHECK(j->setFavourite("neck-release", true, 3000) == WriteStatus::Pending);
    CHECK(j->changeCount() > c1);  // shown by queries while it waits
    const auto c2 = j->changeCount();
    j->setReadOnlyForTesting(false);
    CHECK(j->retryPending());
    CHECK(j->changeCount() == c2);  // nothing new to show: it was shown already
}
