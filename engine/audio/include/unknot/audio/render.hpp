// Render: a whole guided session, cues and speech, as audio samples, through
// the same mixer the app plays through (synth.hpp) and the same speech plan
// the live session speaks (unknot/session/speech_plan.hpp); then written as
// .wav (16-bit PCM) or .opus (libopusenc). Deterministic: no clock, no
// randomness, so two renders of a routine are byte-identical.
//
// The file: the timeline, with each tap step lasting `waitSeconds` (its
// prompt, then an invitation to pause the player), then kRenderTailMs for the
// finish chime and "Well done". Its length is exactly
// totalMs + waits + kRenderTailMs, in samples.
#pragma once

#include "unknot/result.hpp"
#include "unknot/session/speech_plan.hpp"
#include "unknot/timeline.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace unknot::audio {

inline constexpr int kRenderRate = 48000;  // Opus's own rate: no resampling
// The web's "Save as audio" writes .wav (no Opus encoder there) at the
// voice's own rate: half the size of 48 kHz, and the tones (under 2 kHz) and
// the voice lose nothing.
inline constexpr int kWebRenderRate = 22050;
inline constexpr std::int64_t kRenderTailMs = 3000;

struct RenderOptions {
    std::string lang = "en";
    bool voice = true;
    int waitSeconds = 20;
    int wordsPerMinute = 165;
    float volume = 0.8f;           // the cues (Settings' default)
    float speechVolume = 1.0f;     // the voice
    int sampleRate = kRenderRate;  // at least 8,000 (the chime's partials alias below)
};

struct SpokenAt {
    Utterance utterance;
    std::int64_t sample = 0;  // where its first sample is
};

struct Rendered {
    int sampleRate = kRenderRate;
    std::vector<float> samples;                // mono, in [-1, 1]
    std::vector<std::int64_t> segmentSamples;  // where each segment starts
    std::vector<SpokenAt> spoken;
    std::int64_t endSample = 0;  // where the timeline ends (the tail follows)
};

// Sample offset of each segment and of the end, waits counted.
std::vector<std::int64_t> segmentOffsets(const Timeline& t, int sampleRate, int waitSeconds);

Rendered renderSession(const Timeline& t, const RenderOptions& o);

// By the extension of `path`: .wav or .opus. Overwrites.
Result<void> writeAudioFile(const std::string& path, const Rendered& r);
Result<void> writeWav(const std::string& path, const Rendered& r);
Result<void> writeOpus(const std::string& path, const Rendered& r);

// The card's "Save as audio": renders `routine` and writes
// <folder>/audio/<routine id>-<lang><extension> (".opus" or ".wav"; the
// folder made if needed; an older file of that name replaced). Returns the
// path written, to tell the person where the file went. Takes a second or two
// for a long routine.
Result<std::string> saveRoutineAudio(const Library& lib, const Routine& routine, const std::string& folder,
                                     const RenderOptions& o, const std::string& extension = ".opus");

}  // namespace unknot::audio
