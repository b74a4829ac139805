// unknot render ID --out FILE [--voice on|off] [--wait SECONDS] [--json]: the
// whole guided session, cues and speech, as a .wav or .opus file, through the
// app's own mixer (engine/audio). Deterministic and far faster than real time.
#include "cli_internal.hpp"

#include "unknot/audio/espeak_voice.hpp"
#include "unknot/audio/render.hpp"
#include "unknot/timeline.hpp"

#include <cstdio>
#include <iostream>

namespace unknot::cli {

namespace {

// Each segment's sample offset, and each spoken line's, for tools and tests.
void printJson(const CliEnv& env, const RenderArgs& a, const Timeline& t, const audio::Rendered& r) {
    std::ostream& o = *env.out;
    o << "{\"routine\": " << jsonString(t.routineId) << ", \"file\": " << jsonString(a.out)
      << ", \"sample_rate\": " << r.sampleRate << ", \"samples\": " << r.samples.size()
      << ", \"end_sample\": " << r.endSample << ",\n \"segments\": [";
    for (std::size_t i = 0; i < t.segments.size(); ++i) {
        const Segment& s = t.segments[i];
        o << (i ? ",\n  " : "\n  ") << "{\"index\": " << i << ", \"sample\": " << r.segmentSamples[i]
          << ", \"kind\": " << jsonString(toString(s.kind)) << ", \"step\": " << s.step
          << ", \"cue\": " << (s.cue == Cue::None ? "false" : "true") << "}";
    }
    o << "],\n \"spoken\": [";
    for (std::size_t i = 0; i < r.spoken.size(); ++i) {
        const audio::SpokenAt& sp = r.spoken[i];
        o << (i ? ",\n  " : "\n  ") << "{\"sample\": " << sp.sample << ", \"segment\": " << sp.utterance.segment
          << ", \"text\": " << jsonString(sp.utterance.text) << "}";
    }
    o << "]}\n";
}

}  // namespace

int render(const CliEnv& env, const Common& c, const RenderArgs& a) {
    auto loaded = loadContent(env, c.content);
    if (!loaded) return sayLoadFailed(env, loaded.error());
    const Library& lib = *loaded;
    if (!langOffered(env, c, lib)) return 2;
    noteProblems(env, lib);
    const Routine* r = findOrSay(env, lib, a.id);
    if (!r) return 1;
    const std::string lang = langOf(c, lib);
    audio::RenderOptions o;
    o.lang = lang;
    o.voice = a.voice;
    o.waitSeconds = a.waitSeconds;
    if (o.voice && !audio::EspeakVoice::instance().available(lang)) {
        *env.err << "unknot: no voice for '" << lang
                 << "' (install espeak-ng-data); rendering the tones alone. Use --voice off to silence this.\n";
        o.voice = false;
    }
    const Timeline t = compileTimeline(lib, *r);
    const audio::Rendered out = audio::renderSession(t, o);
    if (auto ok = audio::writeAudioFile(a.out, out); !ok) {
        *env.err << "unknot: " << ok.error().message << "\n";
        return 2;
    }
    if (a.json)
        printJson(env, a, t, out);
    else
        *env.out << "wrote " << a.out << " ("
                 << formatDurationHuman(static_cast<std::int64_t>(out.samples.size()) / out.sampleRate) << ")\n";
    return 0;
}

}  // namespace unknot::cli
