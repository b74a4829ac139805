// Quit signals (signals.hpp), each case in a forked child so that the
// handlers, the watcher thread and the watchdog's _exit stay out of the test
// process. The parent waits for the child with a generous bound (a loaded
// machine), never a fixed sleep.
//
// [SECTION] A child process and its exit status
// [SECTION] Class: signals (flag, waker, watchdog, second signal, SIG_IGN kept)
#include "unknot/platform/signals.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <functional>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

using namespace unknot::platform;

//-----------------------------------------------------------------------------
// [SECTION] A child process
//-----------------------------------------------------------------------------
namespace {

struct Ended {
    bool exited = false;  // false: still running after the bound (then killed)
    int status = -1;      // exit status, or 128 + signal if a signal ended it
    double ms = 0;        // how long it ran
};

// Runs `body` in a child (which must _exit itself) and waits up to 10 s.
Ended inChild(const std::function<void()>& body) {
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        body();
        _exit(99);  // the body should not return
    }
    Ended e;
    int st = 0;
    for (;;) {
        const pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid) {
            e.exited = true;
            break;
        }
        if (std::chrono::steady_clock::now() - t0 > std::chrono::seconds(10)) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            return e;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling, not timing
    }
    e.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    e.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return e;
}

// Blocks "for ever" (until the watchdog or the bound ends the child).
[[noreturn]] void stuck() {
    for (;;) pause();
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Class: signals
//-----------------------------------------------------------------------------
TEST_CASE("signals: SIGTERM sets the flag and calls the waker, and the app exits its own way",
          "[platform][signals][redteam]") {
    const Ended e = inChild([] {
        installQuitSignals(10000);  // the watchdog far away: the clean path is tested
        std::atomic<int> woken{0};
        setQuitWaker([&woken] { woken = 1; });
        if (quitSignal() != 0 || quitStatus(7) != 7) _exit(10);
        raise(SIGTERM);
        // The watcher thread calls the waker: wait for it (bounded by inChild).
        while (woken.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (quitSignal() != SIGTERM) _exit(11);
        _exit(quitStatus(0) == 128 + SIGTERM ? 0 : 12);
    });
    REQUIRE(e.exited);
    CHECK(e.status == 0);
}

TEST_CASE("signals: a waker set after the signal is called at once", "[platform][signals][redteam]") {
    const Ended e = inChild([] {
        installQuitSignals(10000);
        raise(SIGINT);
        while (quitSignal() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        bool woken = false;
        setQuitWaker([&woken] { woken = true; });
        setQuitWaker(nullptr);
        _exit(woken && quitStatus(0) == 128 + SIGINT ? 0 : 13);
    });
    REQUIRE(e.exited);
    CHECK(e.status == 0);
}

TEST_CASE("signals: the watchdog ends a stuck process with 128 + signal", "[platform][signals][redteam]") {
    const int sig = GENERATE(SIGTERM, SIGINT);
    const Ended e = inChild([sig] {
        installQuitSignals(200);
        raise(sig);
        stuck();  // a loader blocked in open(), a frame that never ends
    });
    INFO("signal " << sig << ", ended after " << e.ms << " ms");
    REQUIRE(e.exited);  // within the 10 s bound; the promise is the grace period
    CHECK(e.status == 128 + sig);
}

TEST_CASE("signals: a second signal exits at once, without waiting for the watchdog", "[platform][signals][redteam]") {
    const Ended e = inChild([] {
        installQuitSignals(60000);  // a watchdog that would outlast the bound
        raise(SIGTERM);
        raise(SIGINT);
        stuck();
    });
    REQUIRE(e.exited);
    CHECK(e.status == 128 + SIGINT);
}

TEST_CASE("signals: a signal ignored by whoever started the app stays ignored", "[platform][signals][redteam]") {
    const Ended e = inChild([] {
        signal(SIGINT, SIG_IGN);  // a shell's background job
        installQuitSignals(200);
        raise(SIGINT);
        // Not asked to quit: SIGTERM still works.
        if (quitSignal() != 0) _exit(14);
        raise(SIGTERM);
        stuck();
    });
    REQUIRE(e.exited);
    CHECK(e.status == 128 + SIGTERM);
}
