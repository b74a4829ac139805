// Haptic patterns: the pulses of each buzz (see synth.hpp).
#include "unknot/platform/synth.hpp"

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Haptic patterns
//-----------------------------------------------------------------------------
std::vector<Pulse> hapticPulses(HapticPattern pattern) {
    switch (pattern) {
    case HapticPattern::One: return {{0, 60, 0.5f}};
    case HapticPattern::Two: return {{0, 60, 0.5f}, {180, 60, 0.5f}};
    case HapticPattern::Long: return {{0, 400, 0.35f}};
    }
    return {};
}

}  // namespace unknot::platform
