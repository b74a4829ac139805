// The voice: espeak-ng into sample buffers (see espeak_voice.hpp).
//
// [SECTION] Start and voices
// [SECTION] Synthesis
// [SECTION] Shaping: trim, resample, scale
#include "unknot/audio/espeak_voice.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>

#if !UNKNOT_WITH_VOICE
// Built without espeak-ng (UNKNOT_WITH_VOICE=OFF): no language has a voice.
namespace unknot::audio {
EspeakVoice& EspeakVoice::instance() {
    static EspeakVoice voice;
    return voice;
}
bool EspeakVoice::available(const std::string&) { return false; }
std::vector<float> EspeakVoice::synthesize(const std::string&, const std::string&, int, int) { return {}; }
std::int64_t EspeakVoice::durationMs(const std::string&, const std::string&, int) { return 0; }
std::string EspeakVoice::phonemes(const std::string&, const std::string&) { return {}; }
}  // namespace unknot::audio
#else

#include <espeak-ng/speak_lib.h>

namespace unknot::audio {

namespace {
// espeak-ng is one global synthesiser: every call goes through this lock.
std::mutex& espeakLock() {
    static std::mutex m;
    return m;
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Start and voices
//-----------------------------------------------------------------------------
EspeakVoice& EspeakVoice::instance() {
    static EspeakVoice voice;
    return voice;
}

bool EspeakVoice::start() {
    if (rate_ == 0) {
        // Synchronous: espeak_Synth returns when the text is synthesised, the
        // samples handed to our callback; no audio device of its own.
        const int rate =
            espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, dataFolder_.empty() ? nullptr : dataFolder_.c_str(),
                              espeakINITIALIZE_DONT_EXIT);
        rate_ = rate > 0 ? rate : -1;
    }
    return rate_ > 0;
}

bool EspeakVoice::selectVoice(const std::string& lang) {
    return start() && espeak_SetVoiceByName(lang.empty() ? "en" : lang.c_str()) == EE_OK;
}

bool EspeakVoice::available(const std::string& lang) {
    std::lock_guard<std::mutex> lock(espeakLock());
    return selectVoice(lang);
}

//-----------------------------------------------------------------------------
// [SECTION] Synthesis
//-----------------------------------------------------------------------------
namespace {

int collect(short* wav, int count, espeak_EVENT* events) {
    if (wav && count > 0 && events) {
        auto* out = static_cast<std::vector<short>*>(events->user_data);
        out->insert(out->end(), wav, wav + count);
    }
    return 0;  // go on
}

// espeak-ng's own samples of `text`, at its native rate; the lock is held.
std::vector<short> synthNative(const std::string& text, int wordsPerMinute) {
    std::vector<short> pcm;
    espeak_SetSynthCallback(&collect);
    espeak_SetParameter(espeakRATE, std::clamp(wordsPerMinute, 80, 450), 0);
    (void)espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &pcm);
    return pcm;
}

//-----------------------------------------------------------------------------
// [SECTION] Shaping
//-----------------------------------------------------------------------------
// The span between the first and last sample above a whisper: espeak-ng pads
// its output with silence, and the onset must be the first sample.
std::pair<std::size_t, std::size_t> voicedSpan(const std::vector<short>& pcm) {
    constexpr int kWhisper = 64;  // of 32767: about -54 dBFS
    auto loud = [](short s) { return std::abs(static_cast<int>(s)) > kWhisper; };
    const auto first = std::find_if(pcm.begin(), pcm.end(), loud);
    if (first == pcm.end()) return {0, 0};
    const auto last = std::find_if(pcm.rbegin(), pcm.rend(), loud).base();
    return {static_cast<std::size_t>(first - pcm.begin()), static_cast<std::size_t>(last - pcm.begin())};
}

// Linear interpolation from `from` Hz to `to` Hz, in double so the result
// does not depend on float rounding order; scaled so the peak is kSpeechPeak.
std::vector<float> reshape(const std::vector<short>& pcm, std::size_t a, std::size_t b, int from, int to) {
    std::vector<float> out;
    if (b <= a) return out;
    const std::size_t n = b - a;
    const auto count = static_cast<std::size_t>(static_cast<double>(n) * to / from);
    out.resize(count);
    int peak = 1;
    for (std::size_t i = a; i < b; ++i) peak = std::max(peak, std::abs(static_cast<int>(pcm[i])));
    const double scale = static_cast<double>(kSpeechPeak) / static_cast<double>(peak);
    for (std::size_t i = 0; i < count; ++i) {
        const double x = static_cast<double>(i) * from / to;
        const auto k = static_cast<std::size_t>(x);
        const double f = x - static_cast<double>(k);
        const double s0 = pcm[a + std::min(k, n - 1)], s1 = pcm[a + std::min(k + 1, n - 1)];
        out[i] = static_cast<float>((s0 + (s1 - s0) * f) * scale);
    }
    return out;
}

}  // namespace

std::vector<float> EspeakVoice::synthesize(const std::string& text, const std::string& lang, int wordsPerMinute,
                                           int sampleRate) {
    std::lock_guard<std::mutex> lock(espeakLock());
    if (!selectVoice(lang)) return {};
    const std::vector<short> pcm = synthNative(text, wordsPerMinute);
    const auto [a, b] = voicedSpan(pcm);
    return reshape(pcm, a, b, rate_, sampleRate);
}

std::int64_t EspeakVoice::durationMs(const std::string& text, const std::string& lang, int wordsPerMinute) {
    std::lock_guard<std::mutex> lock(espeakLock());
    if (!selectVoice(lang)) return 0;
    const std::vector<short> pcm = synthNative(text, wordsPerMinute);
    const auto [a, b] = voicedSpan(pcm);
    return static_cast<std::int64_t>(b - a) * 1000 / rate_;
}

std::string EspeakVoice::phonemes(const std::string& text, const std::string& lang) {
    std::lock_guard<std::mutex> lock(espeakLock());
    if (!selectVoice(lang)) return {};
    std::string out;
    const void* p = text.c_str();
    // One clause per call; p becomes null after the last.
    while (p) {
        if (const char* ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, 0)) out += std::string(ph) + " ";
    }
    return out;
}

}  // namespace unknot::audio
#endif  // UNKNOT_WITH_VOICE
