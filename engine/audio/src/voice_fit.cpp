// Voice fit (see voice_fit.hpp).
#include "unknot/audio/voice_fit.hpp"

#include "unknot/audio/espeak_voice.hpp"
#include "unknot/session/speech_plan.hpp"

#include <algorithm>
#include <cstdio>

namespace unknot::audio {

namespace {

// The longest time between two cues of a step, where a sentence of its
// prompt can be said: a side's length, or the longest breathing phase; 0 for
// a tap step (no clock runs).
std::int64_t longestGapMs(const SayStep& s) {
    if (const auto* t = std::get_if<Timed>(&s.body)) return t->seconds * 1000;
    if (const auto* b = std::get_if<Breathe>(&s.body))
        return std::max({b->inhaleMs, b->holdMs, b->exhaleMs, b->restMs});
    return 0;
}

std::string seconds(std::int64_t ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
    return buf;
}

void checkSteps(const Steps& steps, const Routine& r, const std::vector<std::string>& langs,
                std::vector<Diagnostic>& out) {
    for (const Step& st : steps) {
        if (const auto* rep = std::get_if<RepeatStep>(&st.v)) {
            checkSteps(rep->steps, r, langs, out);
            continue;
        }
        const auto* say = std::get_if<SayStep>(&st.v);
        if (!say || say->quiet) continue;
        const std::int64_t room = longestGapMs(*say);
        if (room <= 0) continue;
        for (const std::string& lang : langs) {
            const Text& spoken = say->voice.byLang.count(lang) ? say->voice : say->say;
            const auto it = spoken.byLang.find(lang);
            if (it == spoken.byLang.end()) continue;  // falls back: reported as a missing translation
            // The voice says a prompt sentence by sentence, each between two
            // cues (speech_plan.hpp): the longest sentence must fit the gap.
            std::int64_t longest = 0;
            for (const std::string& sentence : splitSentences(it->second))
                longest = std::max(longest, EspeakVoice::instance().durationMs(sentence, lang, kDefaultWordsPerMinute));
            if (kSpeechAfterCueMs + longest + kSpeechBeforeCueMs <= room) continue;
            out.push_back({r.path, st.pos.line, st.pos.column, Severity::Warning,
                           "spoken prompt (" + lang + ") has a sentence lasting " + seconds(longest) +
                               ", longer than the " + seconds(room - kSpeechAfterCueMs - kSpeechBeforeCueMs) +
                               " free between its cues: shorten it or give a shorter 'voice:'"});
        }
    }
}

}  // namespace

std::vector<Diagnostic> voiceFitWarnings(const Library& lib) {
    std::vector<Diagnostic> out;
    for (const Routine& r : lib.routines) {
        const Pack* pack = lib.findPack(r.packId);
        const std::vector<std::string> langs = pack ? pack->languages : std::vector<std::string>{"en", "fr"};
        checkSteps(r.steps, r, langs, out);
    }
    return out;
}

}  // namespace unknot::audio
