// See routine_audio.hpp.
#include "unknot/platform/routine_audio.hpp"

#include "unknot/audio/espeak_voice.hpp"
#include "unknot/audio/render.hpp"

namespace unknot {

Result<SavedAudioFile> DesktopRoutineAudio::save(const Library& lib, const Routine& routine,
                                                 const AudioSaveOptions& o) {
    // No data folder (SDL could not name one): nowhere the person could find
    // the file again, so say so rather than write next to the program.
    if (folder_.empty()) return fail("there is no data folder to save into");
    audio::RenderOptions ro;
    ro.lang = o.lang;
    ro.voice = o.voice;
    ro.wordsPerMinute = o.wordsPerMinute;
    ro.volume = o.volume;
    ro.speechVolume = o.speechVolume;
    Result<std::string> path = audio::saveRoutineAudio(lib, routine, folder_, ro);
    if (!path) return fail(path.error().message);
    // espeak-ng's data missing for this language: the file has the tones only.
    return SavedAudioFile{*path, false, !o.voice || audio::EspeakVoice::instance().available(o.lang)};
}

}  // namespace unknot
