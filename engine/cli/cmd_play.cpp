// unknot play ID [--clock virtual|real]: the transcript at once, or the
// routine played in real time in the terminal.
#include "cli_internal.hpp"

#include "unknot/player.hpp"
#include "unknot/timeline.hpp"

#include <algorithm>
#include <iostream>

namespace unknot::cli {

namespace {

int playReal(const CliEnv& env, const Timeline& t, const std::string& lang) {
    Player p(t);
    p.start(env.nowMs());
    std::size_t printed = 0;
    int lastStep = 0;
    auto printUpTo = [&](std::size_t index) {
        for (; printed <= index && printed < t.segments.size(); ++printed) {
            const Segment& s = t.segments[printed];
            *env.out << formatOffset(s.startMs) << "  " << describeSegment(s, lang);
            if (s.step != lastStep) {
                *env.out << " · " << s.say.get(lang);
                lastStep = s.step;
            }
            *env.out << "\n";
        }
        env.out->flush();
    };
    while (p.state() != PlayerState::Finished) {
        p.update(env.nowMs());
        if (p.state() == PlayerState::Finished) break;
        printUpTo(p.currentIndex());
        if (p.state() == PlayerState::WaitingForTap) {
            *env.out << "           (press Enter to continue)" << std::endl;
            std::string line;
            // End of input continues too, so a piped run never hangs.
            if (env.in) std::getline(*env.in, line);
            p.continueAfterTap(env.nowMs());
            continue;
        }
        // Sleep until the next segment is due, in short slices so a late
        // wake-up is caught at once.
        std::int64_t left = p.segmentLeftMs(env.nowMs());
        env.sleepMs(std::clamp<std::int64_t>(left, 1, 50));
    }
    printUpTo(t.segments.size());
    *env.out << formatOffset(t.totalMs) << "  end · " << formatDurationHuman(t.totalMs / 1000) << "\n";
    return 0;
}

}  // namespace

int play(const CliEnv& env, const Common& c, const std::string& id, const std::string& clock) {
    auto loaded = loadContent(env, c.content);
    if (!loaded) return sayLoadFailed(env, loaded.error());
    const Library& lib = *loaded;
    if (!langOffered(env, c, lib)) return 2;
    noteProblems(env, lib);
    const Routine* r = findOrSay(env, lib, id);
    if (!r) return 1;
    Timeline t = compileTimeline(lib, *r);
    std::string lang = langOf(c, lib);
    if (clock == "virtual") {
        *env.out << formatTranscript(t, lang);
        return 0;
    }
    return playReal(env, t, lang);
}

}  // namespace unknot::cli
