// Background<T>: a result computed on a thread the main thread can walk away
// from. The content load may block in open() (a FIFO in a pack, a dead network
// mount) and a journal file on such a mount may too: when a quit signal comes,
// the main thread stops waiting and the process exits without joining the
// thread (std::async's future would join it in its destructor and hang). The
// job owns copies of everything it reads; the shared state outlives whichever
// side finishes last.
//
// Every such thread counts itself in backgroundRunning() until it has let go
// of everything it held (its job's captures and its share of the result), so
// runApp() knows whether the process may return from main() (static
// destructors run then, and a thread still loading would read freed tables)
// or must end with _exit().
#pragma once

#include "unknot/platform/signals.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace unknot::platform {

inline std::atomic<int>& backgroundRunning() {
    static std::atomic<int> running{0};
    return running;
}

#ifdef __EMSCRIPTEN__
// The web build has no threads (std::thread and std::async(launch::async)
// would throw or hang for ever there), and nothing can block in open() on a
// FIFO inside the browser's file system: the job runs deferred, on the main
// thread, when its result is first asked for (the page shows its own
// "Loading" text meanwhile, see platform/web/index.html).
template <class T>
class Background {
public:
    template <class F>
    explicit Background(F job) : job_(std::move(job)) {}
    std::optional<T> get() {
        if (job_) {
            value_.emplace(job_());
            job_ = nullptr;
        }
        return std::move(value_);
    }

private:
    std::function<T()> job_;
    std::optional<T> value_;
};
#else
template <class T>
class Background {
public:
    template <class F>
    explicit Background(F job) : state_(std::make_shared<State>()) {
        backgroundRunning().fetch_add(1);
        std::thread([state = state_, job = std::optional<F>(std::move(job))]() mutable {
            T value = (*job)();
            job.reset();
            {
                std::lock_guard<std::mutex> lock(state->mutex);
                state->value.emplace(std::move(value));
                state->ready.notify_all();
            }
            state.reset();  // the result (a Journal) may be closed here, before we count out
            backgroundRunning().fetch_sub(1);
        }).detach();
    }
    // The result; nullopt when a quit signal came first (the job is abandoned).
    std::optional<T> get() {
        std::unique_lock<std::mutex> lock(state_->mutex);
        while (!state_->value) {
            if (quitSignal()) return std::nullopt;
            state_->ready.wait_for(lock, std::chrono::milliseconds(20));
        }
        return std::move(state_->value);
    }

private:
    struct State {
        std::mutex mutex;
        std::condition_variable ready;
        std::optional<T> value;
    };
    std::shared_ptr<State> state_;
};
#endif

}  // namespace unknot::platform
