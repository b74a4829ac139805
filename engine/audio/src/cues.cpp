// Cue sounds: made in code, sample by sample (see synth.hpp).
//
// [SECTION] Envelopes and tones
// [SECTION] Cue sounds
#include "unknot/audio/synth.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

namespace unknot::audio {

//-----------------------------------------------------------------------------
// [SECTION] Envelopes and tones
//-----------------------------------------------------------------------------
namespace {

// Peak level of any cue: about -12 dBFS, so a chime is heard but never jolts.
constexpr float kPeak = 0.25f;
// The hold tick comes in every held breath and only marks time: lighter still
// (about -16.5 dBFS).
constexpr float kTickPeak = 0.15f;

struct Partial {
    double ratio, gain;
};

// Adds a bell-like note into `out` from `startS` seconds: a few sine partials,
// a short linear attack (no click), an exponential decay, and a cosine fade
// over the last 40 ms so the note ends exactly at zero.
void addNote(std::vector<float>& out, int rate, double startS, double freq, double lengthS, double attackS,
             double decayS, double gain, const std::vector<Partial>& partials) {
    const auto first = static_cast<std::size_t>(startS * rate);
    const auto count = static_cast<std::size_t>(lengthS * rate);
    if (out.size() < first + count) out.resize(first + count, 0.0f);
    const double fadeS = 0.04;
    // Each partial is a phasor turned by a fixed rotation per sample (two
    // multiply-adds) rather than a std::sin per sample: the cues are made at
    // start-up, and a million sin() calls were a quarter of the time to the
    // first frame. In double precision the drift over a few seconds is ~1e-12.
    struct Phasor {
        double c = 1, s = 0, dc = 1, ds = 0, gain = 0;
    };
    std::vector<Phasor> ph;
    for (const Partial& p : partials) {
        const double w = 2.0 * std::numbers::pi * freq * p.ratio / rate;
        ph.push_back({1.0, 0.0, std::cos(w), std::sin(w), p.gain});
    }
    // The decay, too, is a constant factor per sample after the attack.
    const double decayStep = std::exp(-1.0 / (decayS * rate));
    double decay = 1.0;
    for (std::size_t i = 0; i < count; ++i) {
        const double t = static_cast<double>(i) / rate;
        double env = 1.0;
        if (t < attackS) {
            env = t / attackS;
        } else {
            env = decay;
            decay *= decayStep;
        }
        const double left = lengthS - t;
        if (left < fadeS) env *= 0.5 - 0.5 * std::cos(std::numbers::pi * left / fadeS);
        double v = 0;
        for (Phasor& p : ph) {
            v += p.gain * p.s;
            const double c = p.c * p.dc - p.s * p.ds;
            p.s = p.s * p.dc + p.c * p.ds;
            p.c = c;
        }
        out[first + i] += static_cast<float>(gain * env * v);
    }
}

// A soft swell whose pitch glides from f0 to f1 (inhale rises, exhale falls):
// a raised-cosine envelope, so it fades in and out with no edge at all. The
// oscillator, its per-sample step and the envelope are all phasors (see
// addNote): no trigonometry per sample.
void addGlide(std::vector<float>& out, int rate, double f0, double f1, double lengthS, double gain) {
    const auto count = static_cast<std::size_t>(lengthS * rate);
    out.resize(std::max(out.size(), count), 0.0f);
    const double w0 = 2.0 * std::numbers::pi * f0 / rate;
    const double dw = 2.0 * std::numbers::pi * (f1 - f0) / rate / static_cast<double>(count);
    const double we = 2.0 * std::numbers::pi / static_cast<double>(count);
    double oc = 1, os = 0;                        // oscillator
    double sc = std::cos(w0), ss = std::sin(w0);  // its step, which turns too
    const double dc = std::cos(dw), ds = std::sin(dw);
    double ec = 1, es = 0;  // envelope angle
    const double ecStep = std::cos(we), esStep = std::sin(we);
    for (std::size_t i = 0; i < count; ++i) {
        const double env = 0.5 - 0.5 * ec;
        out[i] += static_cast<float>(gain * env * (os + 0.2 * 2.0 * os * oc));  // sin + 0.2 sin(2x)
        double t = oc * sc - os * ss;
        os = os * sc + oc * ss;
        oc = t;
        t = sc * dc - ss * ds;
        ss = ss * dc + sc * ds;
        sc = t;
        t = ec * ecStep - es * esStep;
        es = es * ecStep + ec * esStep;
        ec = t;
    }
}

void normalize(std::vector<float>& s, float target) {
    float peak = 0;
    for (float v : s) peak = std::max(peak, std::fabs(v));
    if (peak > 0)
        for (float& v : s) v *= target / peak;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Cue sounds
//-----------------------------------------------------------------------------
std::vector<float> synthesizeCue(CueSound sound, int sampleRate) {
    assert(sampleRate >= 8000 && "below 8 kHz the chime's partials alias");
    const std::vector<Partial> bell = {{1.0, 1.0}, {2.0, 0.3}, {3.01, 0.08}};
    const std::vector<Partial> pure = {{1.0, 1.0}};
    std::vector<float> s;
    switch (sound) {
    case CueSound::Chime:  // E5, a single soft bell
        addNote(s, sampleRate, 0.0, 659.26, 1.6, 0.01, 0.45, 1.0, bell);
        break;
    case CueSound::Inhale:  // low, rising: "breathe in"
        addGlide(s, sampleRate, 330.0, 392.0, 0.9, 1.0);
        break;
    case CueSound::Exhale:  // low, falling: "breathe out"
        addGlide(s, sampleRate, 392.0, 294.0, 1.1, 1.0);
        break;
    case CueSound::HoldTick:  // a very short, quiet pip
        addNote(s, sampleRate, 0.0, 880.0, 0.12, 0.005, 0.04, 0.5, pure);
        break;
    case CueSound::SwitchSides:  // two quick notes up a fourth, A4-D5: its first
        // note is neither the step chime's E5 nor the finish's C5, so the three
        // are told apart from their first 150 ms
        addNote(s, sampleRate, 0.0, 440.0, 1.0, 0.01, 0.3, 1.0, bell);
        addNote(s, sampleRate, 0.2, 587.33, 1.2, 0.01, 0.35, 1.0, bell);
        break;
    case CueSound::Finish:  // a gentle arpeggio C-E-G
        addNote(s, sampleRate, 0.0, 523.25, 1.4, 0.01, 0.4, 1.0, bell);
        addNote(s, sampleRate, 0.3, 659.26, 1.4, 0.01, 0.4, 1.0, bell);
        addNote(s, sampleRate, 0.6, 783.99, 1.8, 0.01, 0.5, 1.0, bell);
        break;
    }
    normalize(s, sound == CueSound::HoldTick ? kTickPeak : kPeak);
    return s;
}

}  // namespace unknot::audio
