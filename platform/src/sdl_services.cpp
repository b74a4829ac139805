// SDL audio, haptics and keep-awake (see sdl_services.hpp).
//
// [SECTION] SdlAudio
// [SECTION] SdlHaptics
// [SECTION] SdlLifecycle
#include "unknot/platform/sdl_services.hpp"

#include "clock.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] SdlAudio
//-----------------------------------------------------------------------------
// A paused SDL device still runs its thread, which wakes for every buffer
// (~94 times a second) to write silence: that is battery spent on nothing.
// So the device is closed after this long without a sound, and reopened by
// the next cue. During a session cues come every few seconds and it stays
// open; on the menus it is closed.
constexpr std::uint64_t kCloseAfterSilenceMs = 10'000;

namespace {
// Performance-counter ticks in `ms` milliseconds.
std::uint64_t ticksIn(int ms) {
    return static_cast<std::uint64_t>(std::max(0, ms)) * SDL_GetPerformanceFrequency() / 1000;
}
}  // namespace

void SdlAudio::open() {
    if (opened_) return;
    opened_ = true;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        error_ = std::string("no audio (SDL_InitSubSystem: ") + SDL_GetError() + ")";
        failed_ = true;
        early_.clear();
        return;
    }
    // Opened once now to learn whether there is a device at all (available()).
    if (!openDevice()) {
        failed_ = true;
        early_.clear();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return;
    }
    silentSince_ = SDL_GetTicks64();
    // Cues asked for before opening keep their due instant (late ones play
    // at once: the callback places them at its first sample).
    for (const Due& e : early_) queue(e);
    early_.clear();
}

bool SdlAudio::openDevice() {
    SDL_AudioSpec want{};
    want.freq = kRate;
    want.format = AUDIO_F32SYS;
    want.channels = 1;
    // Small, so the output latency (about one buffer) stays well under a
    // frame; the callback is cheap (a few voices), so ~94 calls a second
    // while a cue sounds cost little, and the device is paused in between.
    want.samples = kBufferFrames;
    want.callback = &SdlAudio::callback;
    want.userdata = this;
    SDL_AudioSpec have{};
    // The device may change the rate (a phone at 44.1 kHz): the sounds are
    // synthesized at whatever rate it gives; format and channels are fixed.
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, SDL_AUDIO_ALLOW_FREQUENCY_CHANGE);
    if (device_ == 0) {
        error_ = std::string("no audio device (SDL_OpenAudioDevice: ") + SDL_GetError() + ")";
        reopenFailed_ = true;
        return false;
    }
    reopenFailed_ = false;
    error_.clear();
    // No callback runs yet (SDL opens devices paused): no lock needed.
    if (!mixer_ || mixer_->sampleRate() != have.freq) mixer_ = std::make_unique<Mixer>(have.freq);
    mixer_->setVolume(volume_);
    mixer_->setSpeechVolume(speechVolume_);
    paused_ = true;
    return true;
}

void SdlAudio::closeDevice() {
    if (device_ == 0) return;
    SDL_CloseAudioDevice(device_);  // joins the audio thread
    device_ = 0;
    paused_ = true;
    pendingCount_ = 0;
}

SdlAudio::~SdlAudio() {
    if (!opened_ || failed_) return;
    closeDevice();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SdlAudio::callback(void* self, std::uint8_t* stream, int len) {
    // The anchor: taken first, before any work, so the time it records is as
    // close as possible to when SDL asked for this buffer.
    const std::uint64_t now = SDL_GetPerformanceCounter();
    auto* audio = static_cast<SdlAudio*>(self);
    // SDL holds the device lock while calling us, so the mixer and the
    // pending cues are ours.
    Mixer& mixer = *audio->mixer_;
    const std::int64_t first = mixer.position();
    const double samplesPerTick =
        static_cast<double>(mixer.sampleRate()) / static_cast<double>(SDL_GetPerformanceFrequency());
    for (std::size_t i = 0; i < audio->pendingCount_; ++i) {
        const Due& d = audio->pending_[i];
        // Signed: a due instant already past (negative) starts at once.
        const auto ahead = static_cast<std::int64_t>(d.ticks - now);
        const std::int64_t at = first + std::llround(static_cast<double>(ahead) * samplesPerTick);
        if (d.speech) {
            mixer.speak(*d.speech, at);
            // Due before this buffer's first sample: it starts late, by that much.
            audio->speechOnsets_.fetch_add(1, std::memory_order_relaxed);
            if (first - at > audio->worstSpeechLateSamples_.load(std::memory_order_relaxed))
                audio->worstSpeechLateSamples_.store(first - at, std::memory_order_relaxed);
        } else
            mixer.play(d.sound, at);
    }
    audio->pendingCount_ = 0;
    auto* out = reinterpret_cast<float*>(stream);
    const int frames = len / static_cast<int>(sizeof(float));
    mixer.mix(out, frames);
    if (audio->tap_) audio->tap_(first, now, out, frames);
}

void SdlAudio::queue(const Due& due) {
    // A cue's first time: synthesized here, outside the lock (the callback
    // never waits for it, and never allocates), then handed to the mixer.
    if (!due.speech && !mixer_->ready(due.sound)) {
        std::vector<float> samples = synthesizeCue(due.sound, mixer_->sampleRate());
        SDL_LockAudioDevice(device_);
        mixer_->adopt(due.sound, std::move(samples));
        SDL_UnlockAudioDevice(device_);
    }
    SDL_LockAudioDevice(device_);
    // A burst of cues before the next callback (hardly possible: it comes
    // every ~11 ms) drops the oldest, like the mixer does.
    if (pendingCount_ == kMaxPending) {
        std::move(pending_.begin() + 1, pending_.end(), pending_.begin());
        --pendingCount_;
    }
    pending_[pendingCount_++] = due;
    SDL_UnlockAudioDevice(device_);
    if (paused_) {
        SDL_PauseAudioDevice(device_, 0);
        paused_ = false;
    }
}

void SdlAudio::beginFrame(std::int64_t frameNs) {
    if (frameNs == 0) {
        frameTicks_ = 0;
        return;
    }
    // Two clocks (steady_clock, SDL's counter) agree on a few ms of elapsed
    // time to well under a microsecond: map the frame's instant across.
    const std::int64_t sinceNs = std::max<std::int64_t>(0, nowNs() - frameNs);
    const auto sinceTicks = static_cast<std::uint64_t>(static_cast<double>(sinceNs) *
                                                       static_cast<double>(SDL_GetPerformanceFrequency()) / 1e9);
    frameTicks_ = SDL_GetPerformanceCounter() - sinceTicks;
}

std::uint64_t SdlAudio::dueTicks(int delayMs) const {
    return (frameTicks_ != 0 ? frameTicks_ : SDL_GetPerformanceCounter()) + ticksIn(delayMs);
}

SdlAudio::SpeechOnsets SdlAudio::speechOnsets() const {
    const int rate = sampleRate();
    const auto late = worstSpeechLateSamples_.load(std::memory_order_relaxed);
    return {speechOnsets_.load(std::memory_order_relaxed),
            rate > 0 ? static_cast<double>(late) * 1000.0 / static_cast<double>(rate) : 0.0};
}

void SdlAudio::play(CueSound sound, int delayMs) {
    // The instant it is due, first: everything after is bookkeeping.
    const Due due{sound, dueTicks(delayMs)};
    if (muted_) return;  // dropped: the device need not wake for silence
    if (!opened_) {
        early_.push_back(due);
        return;
    }
    if (failed_) return;  // silent without a device, as promised
    if (device_ == 0 && !openDevice()) return;
    queue(due);
}

void SdlAudio::setVolume(float volume01) {
    volume_ = std::clamp(volume01, 0.0f, 1.0f);
    if (device_ == 0) return;  // openDevice() passes it on
    SDL_LockAudioDevice(device_);
    mixer_->setVolume(volume_);
    SDL_UnlockAudioDevice(device_);
}

void SdlAudio::stopAll() {
    std::erase_if(early_, [](const Due& d) { return !d.speech; });
    if (device_ == 0) return;
    SDL_LockAudioDevice(device_);
    const auto kept = std::remove_if(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pendingCount_),
                                     [](const Due& d) { return !d.speech; });
    pendingCount_ = static_cast<std::size_t>(kept - pending_.begin());
    mixer_->stopCues();  // sounding voices fade out over Mixer::kStopFadeMs
    SDL_UnlockAudioDevice(device_);
}

void SdlAudio::speak(Samples samples, int delayMs) {
    const Due due{CueSound::Chime, dueTicks(delayMs), samples.get()};
    if (!samples || samples->empty()) return;
    held_.push_back(std::move(samples));
    if (!opened_) {
        early_.push_back(due);
        return;
    }
    if (failed_) return;
    if (device_ == 0 && !openDevice()) return;
    queue(due);
}

void SdlAudio::stopSpeech() {
    std::erase_if(early_, [](const Due& d) { return d.speech != nullptr; });
    if (device_ == 0) return;
    SDL_LockAudioDevice(device_);
    const auto kept = std::remove_if(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pendingCount_),
                                     [](const Due& d) { return d.speech != nullptr; });
    pendingCount_ = static_cast<std::size_t>(kept - pending_.begin());
    mixer_->stopSpeech();
    SDL_UnlockAudioDevice(device_);
}

void SdlAudio::setSpeechVolume(float volume01) {
    speechVolume_ = std::clamp(volume01, 0.0f, 1.0f);
    if (device_ == 0) return;
    SDL_LockAudioDevice(device_);
    mixer_->setSpeechVolume(speechVolume_);
    SDL_UnlockAudioDevice(device_);
}

// Frees the speech buffers nothing will read any more (on this thread).
void SdlAudio::releaseSpeech() {
    if (held_.empty()) return;
    if (device_ == 0) {
        if (early_.empty()) held_.clear();
        return;
    }
    SDL_LockAudioDevice(device_);
    std::erase_if(held_, [this](const Samples& s) {
        const bool pending =
            std::any_of(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pendingCount_),
                        [&](const Due& d) { return d.speech == s.get(); });
        return !pending && !mixer_->uses(*s);
    });
    SDL_UnlockAudioDevice(device_);
}

void SdlAudio::setMuted(bool muted) {
    muted_ = muted;
    if (muted) stopAll();
}

std::string SdlAudio::status() const { return available() ? std::string() : error_; }

void SdlAudio::setTap(Tap tap) {
    if (device_ != 0) SDL_LockAudioDevice(device_);
    tap_ = std::move(tap);
    if (device_ != 0) SDL_UnlockAudioDevice(device_);
}

int SdlAudio::update() {
    releaseSpeech();
    if (device_ == 0) return 0;
    const std::uint64_t now = SDL_GetTicks64();
    if (!paused_) {
        SDL_LockAudioDevice(device_);
        const std::int64_t left = mixer_->samplesLeft();
        const bool placing = pendingCount_ > 0;
        SDL_UnlockAudioDevice(device_);
        // Cues not yet placed by a callback: pausing now would lose them.
        if (placing) return 1 + kBufferFrames * 1000 / mixer_->sampleRate();
        if (left > 0) {
            // +50 ms: the device's own buffer still has to drain after the mixer.
            return static_cast<int>(left * 1000 / mixer_->sampleRate()) + 50;
        }
        // Silent: no more callbacks until the next cue...
        SDL_PauseAudioDevice(device_, 1);
        paused_ = true;
        silentSince_ = now;
    }
    // ...and after a while no thread either.
    if (now >= silentSince_ + kCloseAfterSilenceMs) {
        closeDevice();
        return 0;
    }
    return static_cast<int>(silentSince_ + kCloseAfterSilenceMs - now);
}

//-----------------------------------------------------------------------------
// [SECTION] SdlHaptics
//-----------------------------------------------------------------------------
void SdlHaptics::open() {
    if (opened_) return;
    opened_ = true;
    if (SDL_InitSubSystem(SDL_INIT_HAPTIC) != 0) {
        error_ = std::string("no haptics (SDL_InitSubSystem: ") + SDL_GetError() + ")";
        return;
    }
    const int n = SDL_NumHaptics();
    for (int i = 0; i < n && !haptic_; ++i) {
        SDL_Haptic* h = SDL_HapticOpen(i);
        if (!h) continue;
        if (SDL_HapticRumbleSupported(h) == SDL_TRUE && SDL_HapticRumbleInit(h) == 0)
            haptic_ = h;
        else
            SDL_HapticClose(h);
    }
    if (!haptic_) {
        error_ = n > 0 ? std::string("no rumble-capable haptic device (") + SDL_GetError() + ")" : "no haptic device";
        SDL_QuitSubSystem(SDL_INIT_HAPTIC);
    }
}

SdlHaptics::~SdlHaptics() {
    if (haptic_) {
        SDL_HapticClose(haptic_);
        SDL_QuitSubSystem(SDL_INIT_HAPTIC);
    }
}

void SdlHaptics::play(HapticPattern pattern) {
    if (!haptic_) return;
    // Pulses are started by update(), from the loop's clock, so a pattern
    // needs no timer thread; the first one starts at once.
    const auto now = static_cast<std::int64_t>(SDL_GetTicks64());
    for (const Pulse& p : hapticPulses(pattern)) pending_.push_back({now + p.atMs, p});
    update();
}

int SdlHaptics::update() {
    if (!haptic_) return -1;
    const auto nowMs = static_cast<std::int64_t>(SDL_GetTicks64());
    int next = -1;
    for (auto it = pending_.begin(); it != pending_.end();) {
        if (it->atMs <= nowMs) {
            if (SDL_HapticRumblePlay(haptic_, it->pulse.strength, static_cast<Uint32>(it->pulse.durationMs)) != 0)
                error_ = std::string("SDL_HapticRumblePlay: ") + SDL_GetError();
            it = pending_.erase(it);
        } else {
            const int wait = static_cast<int>(it->atMs - nowMs);
            next = next < 0 ? wait : std::min(next, wait);
            ++it;
        }
    }
    return next;
}

//-----------------------------------------------------------------------------
// [SECTION] SdlLifecycle
//-----------------------------------------------------------------------------
void SdlLifecycle::setKeepAwake(bool on) {
    if (on == awake_) return;
    awake_ = on;
    if (on)
        SDL_DisableScreenSaver();
    else
        SDL_EnableScreenSaver();
}

}  // namespace unknot::platform
