// Render: a session as audio samples (see render.hpp).
//
// [SECTION] Where things go
// [SECTION] Events and mixing
#include "unknot/audio/render.hpp"

#include "unknot/audio/espeak_voice.hpp"
#include "unknot/audio/synth.hpp"
#include "unknot/session/session.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

namespace unknot::audio {

//-----------------------------------------------------------------------------
// [SECTION] Where things go
//-----------------------------------------------------------------------------
std::vector<std::int64_t> segmentOffsets(const Timeline& t, int sampleRate, int waitSeconds) {
    std::vector<std::int64_t> out;
    out.reserve(t.segments.size() + 1);
    const std::int64_t waitSamples = static_cast<std::int64_t>(waitSeconds) * sampleRate;
    std::int64_t waits = 0;
    for (const Segment& s : t.segments) {
        out.push_back(s.startMs * sampleRate / 1000 + waits);
        if (s.untimed()) waits += waitSamples;
    }
    out.push_back(t.totalMs * sampleRate / 1000 + waits);
    return out;
}

namespace {

// One sound to start: a cue, or speech samples.
struct Event {
    std::int64_t sample = 0;
    const std::vector<float>* speech = nullptr;
    CueSound cue = CueSound::Chime;
};

// The voice's lines, synthesised once each (a breath word recurs).
class Lines {
public:
    Lines(const RenderOptions& o, int rate) : o_(o), rate_(rate) {}
    const std::vector<float>& get(const std::string& text) {
        auto it = made_.find(text);
        if (it == made_.end())
            it = made_.emplace(text, EspeakVoice::instance().synthesize(text, o_.lang, o_.wordsPerMinute, rate_)).first;
        return it->second;
    }
    std::int64_t durationMs(const std::string& text) {
        return static_cast<std::int64_t>(get(text).size()) * 1000 / rate_;
    }

private:
    const RenderOptions& o_;
    int rate_;
    std::map<std::string, std::vector<float>> made_;  // node-based: references stay valid
};

std::vector<Event> cueEvents(const Timeline& t, const std::vector<std::int64_t>& at) {
    std::vector<Event> ev;
    for (std::size_t i = 0; i < t.segments.size(); ++i)
        if (t.segments[i].cue != Cue::None) ev.push_back({at[i], nullptr, cueSoundFor(t.segments[i])});
    ev.push_back({at.back(), nullptr, CueSound::Finish});
    return ev;
}

//-----------------------------------------------------------------------------
// [SECTION] Events and mixing
//-----------------------------------------------------------------------------
// Mixes in blocks, starting each event as its block comes: the mixer keeps a
// few voices, not the whole session's.
void mixEvents(std::vector<Event>& events, Mixer& mixer, std::vector<float>& out) {
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.sample < b.sample; });
    constexpr int kBlock = 4096;
    std::size_t next = 0;
    const auto total = static_cast<std::int64_t>(out.size());
    for (std::int64_t pos = 0; pos < total; pos += kBlock) {
        const int frames = static_cast<int>(std::min<std::int64_t>(kBlock, total - pos));
        for (; next < events.size() && events[next].sample < pos + frames; ++next) {
            if (events[next].speech)
                mixer.speak(*events[next].speech, events[next].sample);
            else
                mixer.play(events[next].cue, events[next].sample);
        }
        mixer.mix(out.data() + pos, frames);
    }
}

}  // namespace

Rendered renderSession(const Timeline& t, const RenderOptions& o) {
    Rendered r;
    r.sampleRate = o.sampleRate;
    r.segmentSamples = segmentOffsets(t, r.sampleRate, o.waitSeconds);
    r.endSample = r.segmentSamples.back();
    r.segmentSamples.pop_back();
    std::vector<std::int64_t> at = r.segmentSamples;
    at.push_back(r.endSample);
    std::vector<Event> events = cueEvents(t, at);
    Lines lines(o, r.sampleRate);
    if (o.voice) {
        const SpeechPlanOptions po{o.lang, true};
        for (const Utterance& u : planSpeech(t, po, [&](const std::string& s) { return lines.durationMs(s); })) {
            const std::int64_t sample = at[u.segment] + u.offsetMs * r.sampleRate / 1000;
            events.push_back({sample, &lines.get(u.text), CueSound::Chime});
            r.spoken.push_back({u, sample});
        }
    }
    r.samples.assign(static_cast<std::size_t>(r.endSample + kRenderTailMs * r.sampleRate / 1000), 0.0f);
    Mixer mixer(r.sampleRate);
    mixer.setVolume(o.volume);
    mixer.setSpeechVolume(o.speechVolume);
    mixEvents(events, mixer, r.samples);
    return r;
}

Result<std::string> saveRoutineAudio(const Library& lib, const Routine& routine, const std::string& folder,
                                     const RenderOptions& o, const std::string& extension) {
    const std::filesystem::path dir = std::filesystem::path(folder) / "audio";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail("cannot make the folder " + dir.string() + ": " + ec.message());
    const std::string path = (dir / (routine.id + "-" + o.lang + extension)).string();
    if (auto ok = writeAudioFile(path, renderSession(compileTimeline(lib, routine), o)); !ok)
        return fail(ok.error().message);
    return path;
}

}  // namespace unknot::audio
