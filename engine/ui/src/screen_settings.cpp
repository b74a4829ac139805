// Settings (saved in the journal, applied live), the safety note, and the
// content-error overlay of `unknot --watch`.
//
// [SECTION] Settings: load, save, apply
// [SECTION] Settings screen
// [SECTION] Safety note (first start, Home, every card with cautions)
// [SECTION] Lint overlay (unknot --watch)
#include "app_impl.hpp"

#include "unknot/session/settings.hpp"
#include "unknot/ui/strings.hpp"

#include <algorithm>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Settings: load, save, apply
//-----------------------------------------------------------------------------
// One journal row per setting, as text, through the settings store's one
// table (unknot/session/settings.hpp): a newer Unknot adding a setting never
// needs a migration, and an unknown or damaged value falls back to the
// default instead of failing.
void App::Impl::loadSettings() { unknot::loadSettings(*journal, settings); }

// Only values that differ from what is stored are written. A language forced
// with --lang is not a choice: until the user picks another one, the saved
// language stays what it was (settings given as flags are saved with it).
void App::Impl::saveSettings() {
    Settings stored = settings;
    if (forcedLang && settings.lang == *forcedLang) {
        stored.lang = savedLang;
    } else {
        forcedLang.reset();
        savedLang = settings.lang;
    }
    (void)unknot::saveSettings(*journal, stored);
}

// Every change of settings goes through here: Settings' chips and toggles,
// Home's language button, the pain question's "Don't ask me again", the
// safety note's acknowledgement, and App::setSettings.
void App::Impl::changeSettings(Settings s) {
    settings = clampSettings(std::move(s));
    saveSettings();
    applySettings();
}

void App::Impl::applySettings() {
    lang = settings.lang;
    applyTheme(settings.theme);
    if (cfg.services.audio) cfg.services.audio->setVolume(static_cast<float>(settings.volumePercent) / 100.0f);
    session.setCues(settings.sound, settings.haptics);  // mutes, and cancels what was put ahead
    if (Speech* speech = cfg.services.speech) {
        speech->setRate(settings.voiceRate);
        speech->setVolume(static_cast<float>(settings.voiceVolumePercent) / 100.0f);
    }
    session.setVoice(settings.voiceGuided, settings.voiceBreathing, settings.lang);
    // A card compiles again in another language (prepareCard), and the
    // list's query key holds the language and flare mode.
    journalChanged();  // History's words and the Home lists follow flare mode
    changed();
}

bool App::Impl::shown(const Routine& r) const { return !settings.flareMode || r.flareSafe; }

std::int64_t App::Impl::wallNow() const {
    // Without a wall clock (tests): a fixed day plus the app clock, so dates
    // and streaks are deterministic.
    if (cfg.services.clock) return cfg.services.clock->wallMs();
    return 1'795'000'000'000LL + now;  // 2026-11-18
}

int App::Impl::utcOffset(std::int64_t wallMs) const {
    return cfg.services.clock ? cfg.services.clock->utcOffsetMinutes(wallMs) : 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Settings screen
//-----------------------------------------------------------------------------
// Settings offers text sizes in steps of this many percent.
static constexpr int kTextPercentStep = 25;

namespace {

// Volume choices: the default (80 %) is one of them, so one chip is always
// lit for a volume set here.
constexpr int kVolumeChoices[] = {20, 40, 60, 80, kVolumePercentMax};

// Templates over the app (App::Impl is private to App: deduced, not named).
template <class AppImpl>
bool volumeChips(AppImpl& a, const char* id, const char* labelKey, int current, int& next) {
    a.ui.text(trf(labelKey, a.lang, {{"v", formatPercent(current, a.lang)}}));
    a.ui.beginFlow();
    bool change = false;
    for (int v : kVolumeChoices) {
        if (a.ui.chip(std::string(id) + ":" + std::to_string(v), formatPercent(v, a.lang), current == v)) {
            next = v;
            change = true;
        }
    }
    return change;
}

// What each tone means, one line each (the 4-2-6 card says the same).
template <class AppImpl>
void toneMeanings(AppImpl& a) {
    for (const char* key :
         {"settings.tone_in", "settings.tone_out", "settings.tone_hold", "settings.tone_step", "settings.tone_sides"})
        a.ui.text(tr(key, a.lang), nullptr, a.pal().textMuted);
}

// Speaking rates offered, in words per minute: slow, usual, brisk.
constexpr int kVoiceRates[] = {130, kVoiceRateDefault, 200};
constexpr const char* kVoiceRateKeys[] = {"settings.voice_slow", "settings.voice_usual", "settings.voice_brisk"};

// The voice: a switch for guided routines, one for breathing, its rate and
// its volume. Without a voice for the language it says so (the tones work).
template <class AppImpl>
bool drawVoice(AppImpl& a, Settings& next) {
    bool change = false;
    a.settingsHeading("settings.voice");
    const bool hasVoice = a.cfg.services.speech && a.cfg.services.speech->available(a.lang);
    if (!hasVoice) a.ui.text(tr("settings.no_voice", a.lang), nullptr, a.pal().textMuted);
    const Settings& s = a.settings;
    if (a.ui.toggle("voice-guided", tr("settings.voice_guided", a.lang), tr("settings.voice_guided_sub", a.lang),
                    s.voiceGuided)) {
        next.voiceGuided = !s.voiceGuided;
        change = true;
    }
    if (a.ui.toggle("voice-breathing", tr("settings.voice_breathing", a.lang),
                    tr("settings.voice_breathing_sub", a.lang), s.voiceBreathing)) {
        next.voiceBreathing = !s.voiceBreathing;
        change = true;
    }
    if (!s.voiceGuided && !s.voiceBreathing) return change;
    a.ui.text(tr("settings.voice_rate", a.lang));
    a.ui.beginFlow();
    for (std::size_t i = 0; i < std::size(kVoiceRates); ++i) {
        if (a.ui.chip("voice-rate:" + std::to_string(kVoiceRates[i]), tr(kVoiceRateKeys[i], a.lang),
                      s.voiceRate == kVoiceRates[i])) {
            next.voiceRate = kVoiceRates[i];
            change = true;
        }
    }
    return volumeChips(a, "voice-volume", "settings.voice_volume", s.voiceVolumePercent, next.voiceVolumePercent) ||
           change;
}

}  // namespace

void App::Impl::settingsHeading(const char* key) {
    ImGui::Dummy(ImVec2(0, 0.3f * ui.em()));
    ui.text(tr(key, lang), ui.fonts().large);
}

// Language, theme and text size: how the app looks. True when one changed.
bool App::Impl::drawSettingsLooks(Settings& next) {
    bool change = false;
    // Language: each named in itself, so it can be found without reading the other.
    settingsHeading("settings.language");
    ui.beginFlow();
    for (const std::string& l : uiLanguages()) {
        if (ui.chip("lang:" + l, tr("lang.name", l), lang == l)) {
            next.lang = l;
            change = true;
        }
    }

    settingsHeading("settings.theme");
    ui.beginFlow();
    for (ThemeId t : {ThemeId::Light, ThemeId::Dark, ThemeId::HighContrast, ThemeId::PureBlack}) {
        const std::string key = std::string("theme.") + toString(t);
        if (ui.chip(std::string("theme:") + toString(t), tr(key, lang), settings.theme == t)) {
            next.theme = t;
            change = true;
        }
    }

    settingsHeading("settings.text_size");
    ui.text(tr("settings.text_size_sub", lang), nullptr, pal().textMuted);
    ui.beginFlow();
    for (int pct = kTextPercentMin; pct <= kTextPercentMax; pct += kTextPercentStep) {
        if (ui.chip("text:" + std::to_string(pct), formatPercent(pct, lang), settings.textPercent == pct)) {
            next.textPercent = pct;
            change = true;
        }
    }
    return change;
}

// Reduced motion, flare mode, the pain question.
bool App::Impl::drawSettingsComfort(Settings& next) {
    bool change = false;
    settingsHeading("settings.comfort");
    if (ui.toggle("reduced-motion", tr("settings.reduced_motion", lang), tr("settings.reduced_motion_sub", lang),
                  settings.reducedMotion)) {
        next.reducedMotion = !settings.reducedMotion;
        change = true;
    }
    if (ui.toggle("flare-mode", tr("settings.flare", lang), tr("settings.flare_sub", lang), settings.flareMode)) {
        next.flareMode = !settings.flareMode;
        change = true;
    }
    if (ui.toggle("ask-pain", tr("settings.ask_pain", lang), tr("settings.ask_pain_sub", lang), settings.askPain)) {
        next.askPain = !settings.askPain;
        change = true;
    }
    return change;
}

// Sound, its volume, haptics.
bool App::Impl::drawSettingsCues(Settings& next) {
    bool change = false;
    settingsHeading("settings.cues");
    const bool hasAudio = cfg.services.audio && cfg.services.audio->available();
    if (ui.toggle("sound", tr("settings.sound", lang),
                  hasAudio ? tr("settings.sound_sub", lang) : tr("settings.no_audio", lang), settings.sound)) {
        next.sound = !settings.sound;
        change = true;
    }
    if (settings.sound) {
        change = volumeChips(*this, "volume", "settings.volume", settings.volumePercent, next.volumePercent) || change;
        toneMeanings(*this);
    }
    const bool hasHaptics = cfg.services.haptics && cfg.services.haptics->available();
    if (ui.toggle("haptics", tr("settings.haptics", lang),
                  hasHaptics ? tr("settings.haptics_sub", lang) : tr("settings.no_haptics", lang), settings.haptics)) {
        next.haptics = !settings.haptics;
        change = true;
    }
    return change;
}

void App::Impl::drawSettings() {
    topBar(tr("settings.title", lang), true);
    const float W = ImGui::GetContentRegionAvail().x;
    const float colW = wide ? std::min(W, 36.0f * ui.em()) : W;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (W - colW) * 0.5f);
    ui.beginScroll("settings", 0, colW);
    Settings next = settings;
    bool change = drawSettingsLooks(next);
    change = drawSettingsComfort(next) || change;
    change = drawSettingsCues(next) || change;
    change = drawVoice(*this, next) || change;
    change = drawSettingsReminders(next) || change;

    settingsHeading("settings.about");
    if (ui.button("safety", tr("settings.safety", lang), 0, Tone::Quiet))
        later.push_back([this] { push(screen::Safety{}); });
    ui.text(tr("settings.private", lang), nullptr, pal().textMuted);
    ui.endScroll();

    if (change) {
        // Applied after the frame: this frame finishes with one set of fonts
        // and colours.
        later.push_back([this, next] { changeSettings(next); });
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Safety note
//-----------------------------------------------------------------------------
// On a first start (Safety::first) it asks to be acknowledged and has no Back:
// nothing else is shown before it has been read once.
void App::Impl::drawSafety(const screen::Safety& sc) {
    const bool first = sc.first;
    topBar(tr("safety.title", lang), !first);
    const float em = ui.em();
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float colW = wide ? std::min(avail.x, 36.0f * em) : avail.x;
    const float x0 = ImGui::GetCursorPosX() + (avail.x - colW) * 0.5f;
    ImGui::SetCursorPosX(x0);
    ui.beginScroll("safety", first ? avail.y - ui.touch() - sp : 0, colW);
    ui.text(tr("safety.p_inform", lang));
    ImGui::Dummy(ImVec2(0, 0.2f * em));
    ui.notePanel(tr("safety.stop_title", lang), {tr("safety.p_stop", lang)}, pal().cautionTint, pal().caution);
    ImGui::Dummy(ImVec2(0, 0.2f * em));
    ui.text(tr("safety.p_ask", lang));
    ImGui::Dummy(ImVec2(0, 0.2f * em));
    ui.text(tr("safety.p_gentle", lang));
    ImGui::Dummy(ImVec2(0, 0.2f * em));
    ui.text(tr("safety.p_private", lang), nullptr, pal().textMuted);
    ui.endScroll();
    if (first) {
        ImGui::SetCursorPosX(x0);
        if (ui.button("safety-ok", tr("safety.ok", lang), colW, Tone::Primary, ui.fonts().large)) {
            later.push_back([this] {
                Settings next = settings;
                next.safetyAcknowledged = true;
                changeSettings(next);
                router.pop();
                changed();
            });
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Lint overlay
//-----------------------------------------------------------------------------
// While authoring (unknot --watch), content errors sit over whatever screen
// is shown, as file:line: message, until the files are fixed and reloaded.
void App::Impl::drawLintOverlay() {
    std::vector<std::string> lines;
    for (const Diagnostic& d : lib().diagnostics)
        if (d.severity == Severity::Error) lines.push_back(formatDiagnosticShort(d));
    if (lines.empty()) return;
    const float em = ui.em();
    const ImGuiIO& io = ImGui::GetIO();
    const float W = io.DisplaySize.x - 1.0f * em;
    std::vector<std::string> shown(lines.begin(), lines.begin() + std::min<std::ptrdiff_t>(std::ssize(lines), 6));
    if (lines.size() > shown.size())
        shown.push_back(trf("watch.more", lang, {{"n", std::to_string(lines.size() - shown.size())}}));
    const std::string title = trf("watch.errors", lang, {{"n", std::to_string(lines.size())}});
    const float h = std::min(io.DisplaySize.y * 0.5f, ui.notePanelHeight(title, shown, W));
    // A window of its own, over the screen, at the bottom.
    ImGui::SetNextWindowPos(ImVec2(0.5f * em, io.DisplaySize.y - h - 0.5f * em));
    ImGui::SetNextWindowSize(ImVec2(W, h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##lint", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBackground);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ui.notePanel(title, shown, pal().cautionTint, pal().caution, W);
    // Not a button: recorded so tests and the trace can tell it is shown.
    ui.hotRect("lint-overlay", a, ImVec2(a.x + W, a.y + h));
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace unknot::ui
