// Voice fit: `unknot lint`'s check that each spoken prompt can be said in the
// segment it begins, timed by espeak-ng itself (the voice the app speaks
// with) at the default rate, not guessed from its length.
#pragma once

#include "unknot/diagnostics.hpp"
#include "unknot/model.hpp"

#include <vector>

namespace unknot::audio {

// One warning per step and language whose spoken text (its `voice:`, else
// `say`) has a sentence that, with the gaps kept around the cues, lasts
// longer than the longest time between two cues of the step: a timed step's
// (one side's) length, or a breathing block's longest phase. Such a sentence
// is never spoken (speech_plan.hpp). Steps with `voice: none` and tap steps
// (no clock runs) are skipped.
std::vector<Diagnostic> voiceFitWarnings(const Library& lib);

}  // namespace unknot::audio
