// The crash test's writer: opens the journal and records sessions in a tight
// loop (with pain updates, favourites and settings between them), printing
// each session's uid on its own line only after addSession returned Saved,
// i.e. after the commit was synced. The driver kills it with SIGKILL.
//
// Usage: journal_crash_writer JOURNAL SEED
// Exit: never on its own in practice (100,000 sessions); 3 when a write was
// not saved, 4 when the journal was moved aside on open (it must never be).
#include "unknot/journal.hpp"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: journal_crash_writer JOURNAL SEED\n");
        return 2;
    }
    const std::int64_t now = 1763720100000;  // fixed: the engine never reads the clock
    auto j = unknot::Journal::open(argv[1], now);
    if (!j->notices().empty() || !j->persistent()) {
        for (const auto& n : j->notices()) std::fprintf(stderr, "writer: notice on open: %s\n", n.c_str());
        return 4;
    }
    std::mt19937 rng(static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)));
    for (int i = 0; i < 100000; ++i) {
        unknot::SessionRecord r;
        r.routineId = "routine-" + std::to_string(rng() % 20);
        r.startedAt = now - static_cast<std::int64_t>(rng() % (365LL * 86400000));
        r.endedAt = r.startedAt + 300000;
        r.practisedSeconds = 300;
        r.finished = rng() % 4 != 0;
        if (!r.finished) r.stoppedAtStep = static_cast<int>(rng() % 8);
        r.painBefore = static_cast<int>(rng() % 11);
        r.note = std::string(rng() % 400, 'n');
        if (j->addSession(r) != unknot::WriteStatus::Saved) {
            std::fprintf(stderr, "writer: session not saved: %s\n", j->lastError().c_str());
            return 3;
        }
        // One write(2) per line, so the driver never sees half a uid.
        std::printf("%s\n", r.uid.c_str());
        std::fflush(stdout);
        bool ok = true;
        if (i % 3 == 0) ok = ok && j->setPainAfter(r.uid, static_cast<int>(rng() % 11)) == unknot::WriteStatus::Saved;
        if (i % 5 == 0)
            ok = ok && j->setFavourite("routine-" + std::to_string(rng() % 20), rng() % 2, now + i) ==
                           unknot::WriteStatus::Saved;
        if (i % 7 == 0)
            ok = ok &&
                 j->setSetting("key-" + std::to_string(rng() % 5), std::to_string(i)) == unknot::WriteStatus::Saved;
        if (!ok) {
            std::fprintf(stderr, "writer: write not saved: %s\n", j->lastError().c_str());
            return 3;
        }
    }
    return 0;
}
