// See routine_audio.hpp.
#include "unknot/platform/routine_audio.hpp"

#include "unknot/audio/render.hpp"

namespace unknot {

Result<std::string> DesktopRoutineAudio::save(const Library& lib, const Routine& routine, const AudioSaveOptions& o) {
    // No data folder (SDL could not name one): nowhere the person could find
    // the file again, so say so rather than write next to the program.
    if (folder_.empty()) return fail("there is no data folder to save into");
    audio::RenderOptions ro;
    ro.lang = o.lang;
    ro.voice = o.voice;
    ro.wordsPerMinute = o.wordsPerMinute;
    ro.volume = o.volume;
    ro.speechVolume = o.speechVolume;
    return audio::saveRoutineAudio(lib, routine, folder_, ro);
}

}  // namespace unknot
