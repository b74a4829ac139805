// Quitting on SIGTERM and SIGINT (see signals.hpp for the rule).
//
// [SECTION] State (plain atomics and a pipe: what a handler may touch)
// [SECTION] The handler
// [SECTION] The watcher and its watchdog
// [SECTION] Public functions
#include "unknot/platform/signals.hpp"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] State
//-----------------------------------------------------------------------------
namespace {

static_assert(std::atomic<int>::is_always_lock_free, "the handler needs a lock-free flag");
std::atomic<int> gSignal{0};
int gPipe[2] = {-1, -1};
int gGraceMs = kQuitGraceMs;
std::once_flag gInstalled;

// Never destroyed: the watcher may use them while exit() runs static
// destructors on the main thread.
std::mutex& wakerMutex() {
    static auto* m = new std::mutex;
    return *m;
}
std::function<void()>& waker() {
    static auto* w = new std::function<void()>;
    return *w;
}

//-----------------------------------------------------------------------------
// [SECTION] The handler
//-----------------------------------------------------------------------------
// Async-signal-safe only: an atomic exchange, write(2), _exit(2).
extern "C" void onQuitSignal(int sig) {
    int expected = 0;
    if (!gSignal.compare_exchange_strong(expected, sig)) _exit(128 + sig);  // asked twice: now
    const int savedErrno = errno;
    const char byte = 1;
    // Non-blocking: a full pipe (impossible with one byte) would not stall the handler.
    [[maybe_unused]] const ssize_t n = write(gPipe[1], &byte, 1);
    errno = savedErrno;
}

//-----------------------------------------------------------------------------
// [SECTION] The watcher
//-----------------------------------------------------------------------------
void watch() {
    char byte = 0;
    for (;;) {
        const ssize_t n = read(gPipe[0], &byte, 1);
        if (n == 1) break;
        if (n < 0 && errno == EINTR) continue;
        return;  // the pipe is gone: nothing to watch
    }
    {
        std::lock_guard<std::mutex> lock(wakerMutex());
        if (waker()) waker()();
    }
    // Watchdog: whatever the main thread is stuck in (a loader blocked in
    // open(), a huge frame), the process ends within the grace period.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(gGraceMs);
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) break;
        poll(nullptr, 0, static_cast<int>(left));
    }
    _exit(128 + gSignal.load());
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Public functions
//-----------------------------------------------------------------------------
void installQuitSignals(int graceMs) {
    std::call_once(gInstalled, [graceMs] {
        gGraceMs = graceMs;
        if (pipe2(gPipe, O_CLOEXEC) != 0) return;  // no pipe: SDL's own handlers stay
        fcntl(gPipe[1], F_SETFL, fcntl(gPipe[1], F_GETFL) | O_NONBLOCK);
        std::thread(watch).detach();
        struct sigaction sa {};
        sa.sa_handler = onQuitSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        for (const int sig : {SIGTERM, SIGINT}) {
            // Ignored by whoever started us (a shell's background job ignores
            // SIGINT, nohup-like launchers): it stays ignored, as SDL would
            // leave it.
            struct sigaction old {};
            if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
            sigaction(sig, &sa, nullptr);
        }
    });
}

int quitSignal() { return gSignal.load(); }

int quitStatus(int otherwise) {
    const int sig = gSignal.load();
    return sig ? 128 + sig : otherwise;
}

void setQuitWaker(std::function<void()> wake) {
    std::lock_guard<std::mutex> lock(wakerMutex());
    waker() = std::move(wake);
    if (waker() && gSignal.load() != 0) waker()();
}

}  // namespace unknot::platform
