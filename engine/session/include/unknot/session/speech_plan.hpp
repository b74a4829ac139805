// Speech plan: what the voice says during a session, and exactly when, as a
// pure function of the compiled timeline. The live session (session.hpp) and
// the audio render (engine/audio, `unknot render`) both speak this plan, so a
// recording says what the app says, at the same places.
//
// What is spoken:
//   - each step's prompt as it begins (its `voice:` text when it has one; a
//     step with `voice: none` says nothing at all), sentence by sentence, each
//     in the first gap between cues that holds it;
//   - at a side switch, the side that comes next ("Now your left side");
//   - "In", "Hold", "Out" for the first cycles of a breathing block
//     (`count_aloud:`, default 3); after them the tones carry on alone;
//   - "Ten seconds left" in a timed segment of kTimeLeftFromMs or more;
//   - at a tap step, after its prompt, what it waits for (a tap; in a
//     recording, the pause key);
//   - "Well done" at the end.
//
// The rule that cues and speech never collide lives here, once: speech never
// sounds from kSpeechBeforeCueMs before a cue's onset to kSpeechAfterCueMs
// after it. An utterance that would start in that window, or run into it,
// waits for the chime (it starts kSpeechAfterCueMs after the cue). Two
// utterances never overlap either: the later one waits. Words bound to a
// moment (a side, a breath phase, "ten seconds left") are dropped when they
// can no longer start inside their own segment, a prompt's sentence when no
// gap of its step holds it (`unknot lint` warns of that: see
// engine/audio/voice_fit.hpp).
//
// [SECTION] Phrases
// [SECTION] The plan
#pragma once

#include "unknot/timeline.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Phrases
//-----------------------------------------------------------------------------
enum class Phrase { LeftSide, RightSide, In, Hold, Out, TenSecondsLeft, TapToGoOn, PauseToTakeTime, WellDone };
// The phrase in `lang` ("en" and "fr"; any other language gets English).
const char* phraseText(Phrase p, const std::string& lang);

//-----------------------------------------------------------------------------
// [SECTION] The plan
//-----------------------------------------------------------------------------
inline constexpr std::int64_t kSpeechAfterCueMs = 350;   // speech starts this long after a cue's onset
inline constexpr std::int64_t kSpeechBeforeCueMs = 100;  // and has ended this long before the next
inline constexpr std::int64_t kSpeechGapMs = 150;        // between two utterances
inline constexpr std::int64_t kTimeLeftFromMs = 30000;   // segments this long say "Ten seconds left"
inline constexpr std::int64_t kWellDoneAfterMs = 1200;   // after the finish arpeggio's third note

struct Utterance {
    // The segment it belongs to (segments.size(): after the end) and its
    // start from that segment's start. Kept relative so that a wait (no time
    // on the timeline; a tap live, --wait seconds in a render) moves it along.
    std::size_t segment = 0;
    std::int64_t offsetMs = 0;
    std::string text;
    std::int64_t durationMs = 0;
    bool prompt = false;  // a sentence of a step's prompt (or voice text)
};

struct SpeechPlanOptions {
    std::string lang = "en";
    // A recording cannot wait for a tap: tap steps invite to pause instead.
    bool recording = false;
};

// How long a text lasts spoken, in ms (Speech::durationMs for the language).
using SpeechDurationFn = std::function<std::int64_t(const std::string& text)>;

// The plan, ordered by time. Deterministic: the same timeline, options and
// durations give the same plan.
std::vector<Utterance> planSpeech(const Timeline& t, const SpeechPlanOptions& o, const SpeechDurationFn& durationMs);

// "One. Two? Three!" -> "One.", "Two?", "Three!": a prompt's sentences.
std::vector<std::string> splitSentences(const std::string& text);

// Start of an utterance on the timeline, in ms (waits count 0).
std::int64_t utteranceTimeMs(const Timeline& t, const Utterance& u);

// Onsets of the cues on the timeline, in ms: each segment's start unless its
// cue is none, and the finish at the end. The collision rule's other half.
std::vector<std::int64_t> cueOnsetsMs(const Timeline& t);

}  // namespace unknot
