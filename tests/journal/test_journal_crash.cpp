// The crash test's driver: starts the writer 200 times on the same journal,
// kills it with SIGKILL after it has reported a random number (1 to 50) of
// committed sessions, so the kill lands mid-burst, at no chosen point of the
// write path; then checks the file (journal check, then opening it as the app
// does) and that every session ever reported is still there. No sleeps: the
// writer's own output paces the kills. Prints the counts; fails on any
// corrupt database, lost session or writer error.
//
// Usage: test_journal_crash WRITER WORKDIR   (UNKNOT_CRASH_RUNS, UNKNOT_CRASH_SEED)
//
// [SECTION] Running the writer and killing it
// [SECTION] Checking the journal after each kill
#include "unknot/journal.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Running the writer
//-----------------------------------------------------------------------------
struct Run {
    std::vector<std::string> uids;  // every line the writer printed
    bool killed = false;            // ended by our SIGKILL
    int exitStatus = -1;            // otherwise, how it ended
};

// Starts WRITER DB SEED, reads its lines, kills it once `killAfter` have come,
// then reads what was already in the pipe: those sessions were committed too.
Run runWriter(const std::string& writer, const std::string& db, unsigned seed, int killAfter) {
    Run run;
    int fds[2];
    if (::pipe(fds) != 0) {
        std::perror("pipe");
        std::exit(2);
    }
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], 1);
        ::close(fds[0]);
        ::close(fds[1]);
        std::string s = std::to_string(seed);
        ::execl(writer.c_str(), writer.c_str(), db.c_str(), s.c_str(), static_cast<char*>(nullptr));
        std::perror("exec");
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string buf;
    char chunk[4096];
    bool sent = false;
    for (;;) {
        ssize_t n = ::read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        buf.append(chunk, static_cast<std::size_t>(n));
        std::size_t nl;
        while ((nl = buf.find('\n')) != std::string::npos) {
            run.uids.push_back(buf.substr(0, nl));
            buf.erase(0, nl + 1);
        }
        if (!sent && static_cast<int>(run.uids.size()) >= killAfter) {
            ::kill(pid, SIGKILL);
            sent = true;
        }
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    run.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (WIFEXITED(status)) run.exitStatus = WEXITSTATUS(status);
    return run;
}

//-----------------------------------------------------------------------------
// [SECTION] Checking
//-----------------------------------------------------------------------------
int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: test_journal_crash WRITER WORKDIR\n");
        return 2;
    }
    const std::string writer = argv[1];
    const fs::path work = argv[2];
    const int runs = std::getenv("UNKNOT_CRASH_RUNS") ? std::atoi(std::getenv("UNKNOT_CRASH_RUNS")) : 200;
    const unsigned seed = std::getenv("UNKNOT_CRASH_SEED")
                              ? static_cast<unsigned>(std::atol(std::getenv("UNKNOT_CRASH_SEED")))
                              : 20251121u;
    fs::remove_all(work);
    fs::create_directories(work);
    const std::string db = (work / "journal.db").string();
    std::mt19937 rng(seed);

    std::vector<std::string> reported;  // every uid ever printed, all runs
    int corrupt = 0, lost = 0, writerErrors = 0, kills = 0;
    for (int i = 0; i < runs; ++i) {
        int killAfter = 1 + static_cast<int>(rng() % 50);
        Run run = runWriter(writer, db, static_cast<unsigned>(rng()), killAfter);
        kills += run.killed;
        if (!run.killed) {
            ++writerErrors;
            std::fprintf(stderr, "run %d: the writer ended by itself (status %d) before the kill\n", i, run.exitStatus);
        }
        reported.insert(reported.end(), run.uids.begin(), run.uids.end());

        // 1. journal check: read-only, integrity_check.
        unknot::CheckResult c = unknot::checkJournal(db);
        if (!c.ok) {
            ++corrupt;
            std::fprintf(stderr, "run %d: journal check failed:\n", i);
            for (const auto& l : c.lines) std::fprintf(stderr, "  %s\n", l.c_str());
        }
        // 2. Opened as the app opens it: no notice (nothing moved aside), and
        // every session ever reported saved is there.
        auto j = unknot::Journal::open(db, 1763720100000);
        if (!j->notices().empty() || !j->persistent()) {
            ++corrupt;
            for (const auto& n : j->notices()) std::fprintf(stderr, "run %d: notice: %s\n", i, n.c_str());
            fs::rename(db, db + ".run" + std::to_string(i));  // keep it for a post-mortem, go on
            continue;
        }
        std::unordered_set<std::string> present;
        for (const auto& r : j->allSessions()) present.insert(r.uid);
        int lostNow = 0;
        for (const auto& u : reported) lostNow += present.count(u) == 0;
        if (lostNow > 0) std::fprintf(stderr, "run %d: %d reported sessions missing\n", i, lostNow);
        lost = std::max(lost, lostNow);
    }
    std::printf(
        "journal crash test: %d runs, %d killed mid-burst, %zu sessions reported saved; "
        "%d corrupt databases, %d lost sessions, %d writer errors (seed %u)\n",
        runs, kills, reported.size(), corrupt, lost, writerErrors, seed);
    bool ok = corrupt == 0 && lost == 0 && writerErrors == 0 && !reported.empty();
    if (ok) fs::remove_all(work);
    return ok ? 0 : 1;
}
