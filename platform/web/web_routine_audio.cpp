// The card's "Save as audio" in a page: the RoutineAudio contract
// (unknot/session/services.hpp) through engine/audio's renderer, the same
// mixer as the live app and `unknot render`, then handed to the browser's
// downloads. Nobody can reach a page's own folders, so the file goes to the
// downloads (the phone's Files app, the desktop's Downloads folder).
//
// What differs from the desktop, and why:
// - .wav, not .opus: libopusenc is not compiled for wasm.
// - 22,050 Hz (audio::kWebRenderRate), so a 15-minute routine is 40 MB, not
//   87 MB, and the render's memory stays within what a phone gives a page.
// - The voice is espeak-ng compiled to wasm (cmake/web/build-deps.sh), as on
//   the desktop, but its data (0.47 MB gzipped) is not part of a first
//   visit: it is fetched the first time a session is saved with the voice
//   (ready() says false meanwhile; the page wakes the App when it is here).
//   If it cannot be fetched (offline before it was ever kept), the file has
//   the tones, the card says so, and the next tap tries again. The browser's
//   own speechSynthesis cannot be used: it plays straight to the speakers.
#include "web_bridge.hpp"
#include "web_shell.hpp"

#include "unknot/audio/espeak_voice.hpp"
#include "unknot/audio/render.hpp"

#include <filesystem>
#include <system_error>

namespace unknot::platform {

namespace {

// In memory (MEMFS), not /data: the journal's IndexedDB copy is no place
// for tens of megabytes that the downloads hold anyway.
constexpr const char* kRenderFolder = "/tmp/unknot-render";

// Where the page writes the voice's data (the folder holding espeak-ng-data).
constexpr const char* kVoiceFolder = "/voice";

class WebRoutineAudio final : public RoutineAudio {
public:
    bool ready(const AudioSaveOptions& o) override {
        if (!o.voice) return true;
        switch (web::voiceData()) {
        case web::VoiceData::NotFetched: web::fetchVoiceData(kVoiceFolder); return false;
        case web::VoiceData::Fetching: return false;
        case web::VoiceData::Here:
        case web::VoiceData::Failed: return true;
        }
        return true;
    }

    Result<SavedAudioFile> save(const Library& lib, const Routine& routine, const AudioSaveOptions& o) override {
        // espeak-ng is started only once its data is here: started without
        // it, it would stay without a voice for the page's lifetime.
        const bool voiced = o.voice && web::voiceData() == web::VoiceData::Here && voiceStarted(o.lang);
        if (o.voice && web::voiceData() == web::VoiceData::Failed) web::forgetVoiceData();  // the next tap tries again
        audio::RenderOptions ro;
        ro.lang = o.lang;
        ro.voice = voiced;
        ro.wordsPerMinute = o.wordsPerMinute;
        ro.volume = o.volume;
        ro.speechVolume = o.speechVolume;
        ro.sampleRate = audio::kWebRenderRate;
        Result<std::string> path = audio::saveRoutineAudio(lib, routine, kRenderFolder, ro, ".wav");
        if (!path) return fail(path.error().message);
        web::offerDownload(*path);  // the browser now holds its own copy
        std::error_code ec;
        std::filesystem::remove(*path, ec);
        return SavedAudioFile{std::filesystem::path(*path).filename().string(), true, !o.voice || voiced};
    }

private:
    static bool voiceStarted(const std::string& lang) {
        audio::EspeakVoice& voice = audio::EspeakVoice::instance();
        voice.setDataFolder(kVoiceFolder);
        return voice.available(lang);
    }
};

}  // namespace

RoutineAudio& webRoutineAudio() {
    static WebRoutineAudio audio;
    return audio;
}

}  // namespace unknot::platform
