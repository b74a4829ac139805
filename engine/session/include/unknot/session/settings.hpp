// Settings: the ranges every layer checks a setting against, owned here once.
// (The settings store itself, one table of key, field, codec and range, lands
// here with the restructure of issue 11.)
#pragma once

namespace unknot {

// Text size, in percent of the base size: the shell's --text-size, the
// Settings slider and the journal's saved value all clamp to this range.
inline constexpr int kTextPercentMin = 100;
inline constexpr int kTextPercentMax = 200;
// Cue volume, in percent.
inline constexpr int kVolumePercentMin = 0;
inline constexpr int kVolumePercentMax = 100;

}  // namespace unknot
