// Synth, as the platform sees it: the cue sounds and the mixer now live in
// engine/audio (unknot/audio/synth.hpp) so that `unknot render` mixes exactly
// as the app does; the haptic patterns stay here, with the SDL haptics.
//
// [SECTION] Cue sounds and mixer (from engine/audio)
// [SECTION] Haptic patterns (pulse lists, played by the SDL haptics)
#pragma once

#include "unknot/audio/synth.hpp"
#include "unknot/session/services.hpp"

#include <vector>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Cue sounds and mixer
//-----------------------------------------------------------------------------
using audio::Mixer;
using audio::synthesizeCue;

//-----------------------------------------------------------------------------
// [SECTION] Haptic patterns
//-----------------------------------------------------------------------------
struct Pulse {
    int atMs = 0;  // from the moment the pattern is played
    int durationMs = 0;
    float strength = 0;  // 0..1
};
// Gentle: a tap, two taps, one long soft buzz.
std::vector<Pulse> hapticPulses(HapticPattern pattern);

}  // namespace unknot::platform
