// The card's "Save as audio" on the desktop: the RoutineAudio contract
// (unknot/session/services.hpp) through engine/audio's renderer, the same
// mixer and voice as the live app and `unknot render`. The file goes to
// <data folder>/audio/<routine id>-<lang>.opus.
#pragma once

#include "unknot/session/services.hpp"

#include <string>

namespace unknot {

class DesktopRoutineAudio final : public RoutineAudio {
public:
    // `folder`: the person's data folder (where the journal lives).
    explicit DesktopRoutineAudio(std::string folder) : folder_(std::move(folder)) {}
    Result<SavedAudioFile> save(const Library& lib, const Routine& routine, const AudioSaveOptions& o) override;

private:
    std::string folder_;
};

}  // namespace unknot
