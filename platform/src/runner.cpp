// runApp: the desktop runner's start-up, the app wired to the runner's phases,
// and the way out (see shell.hpp and runner.hpp).
//
// [SECTION] Start: folders, the journal's place, loads on background threads
// [SECTION] Display: SDL, the window, the renderer, Dear ImGui, the fonts
// [SECTION] The app: loads joined, services, configuration, setting flags
// [SECTION] Running: the screen, then a screenshot or the SDL runner
// [SECTION] runApp (waits for, or walks away from, the background loads)
#include "unknot/platform/shell.hpp"

#include "background.hpp"
#include "bench_stats.hpp"
#include "clock.hpp"
#include "content.hpp"
#include "font_texture.hpp"
#include "plain_file.hpp"
#include "screenshot.hpp"
#include "sdl_runner.hpp"
#include "setup.hpp"
#include "speech_sdl.hpp"
#include "trace.hpp"
#include "unknot/journal.hpp"
#include "unknot/own_pack.hpp"
#include "unknot/paths.hpp"
#include "unknot/plans.hpp"
#include "unknot/platform/damage.hpp"
#include "unknot/platform/desktop_notifier.hpp"
#include "unknot/platform/routine_audio.hpp"
#include "unknot/platform/runner.hpp"
#include "unknot/platform/rw_files.hpp"
#include "unknot/platform/sdl_services.hpp"
#include "unknot/platform/signals.hpp"
#include "unknot/platform/window.hpp"
#include "unknot/result.hpp"
#include "unknot/session/route.hpp"
#include "unknot/ui/app.hpp"
#include "unknot/ui/strings.hpp"

#ifdef __EMSCRIPTEN__
#include "../web/web_shell.hpp"  // the second runner: the browser's main loop
#endif

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

namespace unknot::platform {

namespace {

// Everything a run of the window app holds, declared in the order it is made
// so it is torn down in reverse: the app before the library and journal it
// uses, the textures before the renderer, SDL last.
class DesktopApp {
public:
    DesktopApp(const AppOptions& o, const AppPaths& paths) : o_(o), paths_(paths) {}
    // The exit status; `abandoned`: a background load was left running.
    int run(bool& abandoned);

private:
    Result<void> start();
    int openDisplay();
    int join(bool& abandoned);
    void makeApp();
    int runInteractive(const Route& route, std::int64_t startMs);
    void wirePhases(AbstractRunner& runner);
    float pixelScaleNow() const;

    const AppOptions& o_;
    const AppPaths& paths_;
    const bool screenshot_ = !o_.screenshot.empty();
    RwFileSource files_;
    std::string dataDir_, journalPath_;
    std::optional<Background<Library>> loading_;
    std::optional<Background<std::unique_ptr<Journal>>> journalLoading_;
    std::string sdlError_;
    std::optional<SdlSession> sdl_;  // opened after the loads started
    std::unique_ptr<SdlWindow> window_;
    std::unique_ptr<SdlRenderer> renderer_;
    std::optional<ImGuiSession> imgui_;
    std::optional<AppFonts> fonts_;
    std::unique_ptr<Journal> journal_;
    std::unique_ptr<Library> library_;
    // The packs' plans over weeks, loaded again with the library; the App
    // keeps a pointer to this object, whose contents change on a reload.
    PlanBook plans_;
    void loadPlansFor(const Library& lib) { plans_ = loadPlans(lib, files_); }
    // Screenshots are silent and deterministic: null services.
    NullAudio nullAudio_;
    NullHaptics nullHaptics_;
    NullLifecycle nullLifecycle_;
    SystemClock clock_;
    std::optional<SdlAudio> audio_;
    std::optional<SdlSpeech> speech_;                  // espeak-ng into audio_'s mixer
    std::optional<DesktopRoutineAudio> routineAudio_;  // the card's "Save as audio"
#ifndef __EMSCRIPTEN__
    std::optional<DesktopNotifier> notifier_;  // the daily reminder, over D-Bus
#endif
    NullNotifier nullNotifier_;  // screenshots: the switch shows, nothing is sent
    std::optional<SdlHaptics> haptics_;
    SdlLifecycle lifecycle_;
    std::unique_ptr<ui::App> app_;
    Trace trace_;
    BenchStats bench_;
    std::optional<PartialRenderer> partial_;
    std::optional<ContentWatch> watch_;
    // The web runner returns from run() at once and draws later, from the
    // browser's frames: it lives as long as this object (the page's life).
    std::unique_ptr<AbstractRunner> webRunner_;
};

//-----------------------------------------------------------------------------
// [SECTION] Start
//-----------------------------------------------------------------------------
// Content first: it needs no display, and its problems are shown in-app. On
// Android there is no exe folder: data sits at the APK's assets root, which
// SDL_RWops opens by relative path ("" + "content/...").
Result<void> DesktopApp::start() {
    dataDir_ = paths_.exeDir.empty() ? std::string() : findDataDir(paths_.exeDir);
    if (dataDir_.empty() && !paths_.exeDir.empty())
        std::cerr << "unknot: bundled content not found near " << paths_.exeDir
                  << " (looked for ../share/unknot/content); starting without it\n";
    // The journal's default place: a FIFO or a folder there would block or
    // fail the open; say so instead (--journal is checked with the options).
    journalPath_ = o_.journal;
    if (journalPath_.empty() && !screenshot_ && !paths_.prefDir.empty()) {
        journalPath_ = joinPath(paths_.prefDir, "journal.db");
        const std::string what = notPlainFile(journalPath_, true);
        if (!what.empty())
            return fail(journalPath_ + ": this is " + what +
                        ", not a journal file; move it away (or start with --journal FILE)");
    }
    // Content loads on a second thread while SDL opens the window and the
    // fonts are baked: phones have several cores, and the first frame needs
    // both. The loader is pure and RwFileSource holds no state.
    loading_.emplace([content = o_.content, dataDir = dataDir_, prefDir = paths_.prefDir] {
        RwFileSource threadFiles;
        Library lib = loadContent(content, dataDir, prefDir, threadFiles);
        startupPhase("content");
        return lib;
    });
    // The journal opens on a third thread meanwhile (a few ms of file work:
    // WAL, schema check). Screenshots never touch the real one.
    journalLoading_.emplace([path = journalPath_] {
        return path.empty() || path == ":memory:" ? Journal::inMemory() : Journal::open(path, wallUs() / 1000);
    });
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] Display
//-----------------------------------------------------------------------------
float DesktopApp::pixelScaleNow() const {
    // Screenshots draw offscreen at exactly the requested pixels: scale 1.
    return screenshot_ ? 1.0f : pixelScale(window_->logicalSize(), renderer_->outputSize());
}

// -1 to go on, else the exit status.
int DesktopApp::openDisplay() {
    sdl_.emplace(sdlError_);
    if (!sdl_->ok) {
        printNoDisplay(sdlError_);
        return 2;
    }
    std::string error;
    window_ = SdlWindow::create("Unknot", {o_.width, o_.height}, error);
    if (!window_) {
        printNoDisplay(error);
        return 2;
    }
    renderer_ = SdlRenderer::create(*window_, error);
    if (!renderer_) {
        std::cerr << "unknot: " << error << "\n";
        return 2;
    }
    startupPhase("window");
    if (quitSignal()) return quitStatus(0);
    imgui_.emplace();
    imgui_->platform = ImGui_ImplSDL2_InitForSDLRenderer(window_->sdl());
    imgui_->renderer = imgui_->platform && ImGui_ImplSDLRenderer_Init(renderer_->sdl());
    if (!imgui_->renderer) {
        std::cerr << "unknot: Dear ImGui's SDL backends failed to start: " << SDL_GetError() << "\n";
        return 1;
    }
    fonts_.emplace(files_, dataDir_, renderer_->sdl(), [this] { return pixelScaleNow(); });
    if (!fonts_->build(o_.fontPx, error)) {
        std::cerr << "unknot: " << error << "\n";
        return 1;
    }
    startupPhase("fonts");
    return -1;
}

//-----------------------------------------------------------------------------
// [SECTION] The app
//-----------------------------------------------------------------------------
// -1 once the journal and the library are here; else the exit status, with
// `abandoned` set when a load is left behind (a quit signal came first).
int DesktopApp::join(bool& abandoned) {
    abandoned = true;
    if (quitSignal()) return quitStatus(0);
    std::optional<std::unique_ptr<Journal>> journal = journalLoading_->get();
    if (!journal) return quitStatus(0);
    journal_ = std::move(*journal);
#ifdef __EMSCRIPTEN__
    attachWebJournal(*journal_);  // each commit copied to IndexedDB
#endif
    for (const std::string& n : journal_->notices()) std::cerr << "unknot: journal: " << n << "\n";
    startupPhase("journal");
    // A stuck content load (a FIFO, a dead mount) is left; the journal is
    // open and untouched, and closes as we return.
    std::optional<Library> library = loading_->get();
    if (!library) return quitStatus(0);
    library_ = std::make_unique<Library>(std::move(*library));
    startupPhase("joined");
    abandoned = false;
    return -1;
}

void DesktopApp::makeApp() {
    ui::AppConfig config;
    config.library = library_.get();
    loadPlansFor(*library_);
    config.plans = &plans_;
    config.lang = o_.lang;
    config.defaultLang = preferredLanguage();
    config.journal = journal_.get();
    const std::string platformName = SDL_GetPlatform();
    config.mobile = platformName == "Android" || platformName == "iOS";
    config.exportDir = paths_.prefDir;
    config.watch = o_.watch;
    // "Make your own" saves into <data folder>/packs/mine, which the default
    // content set loads (not with --content: that set is exactly what was given).
    if (!paths_.prefDir.empty() && o_.content.empty()) {
        config.ownPackDir = joinPath(joinPath(paths_.prefDir, "packs"), kOwnPackId);
        config.vocabularyDir = joinPath(dataDir_, "content");
        config.reloadLibrary = [this] {
            library_ = std::make_unique<Library>(loadContent(o_.content, dataDir_, paths_.prefDir, files_));
            loadPlansFor(*library_);
            return static_cast<const Library*>(library_.get());
        };
    }
    // Screenshots keep a fixed day (deterministic images), unless they show
    // a real journal given with --journal: then its dates need today's date.
    // Benchmarks measure the screen they name (they run without anyone to
    // acknowledge the note); screenshots are of the screen asked for.
    const bool benchmark = o_.benchSeconds > 0 || o_.exitAfterFirstFrame;
    if (!screenshot_ && !benchmark) config.askSafetyFirst = true;
    const bool realDates = !screenshot_ || !o_.journal.empty();
    if (screenshot_) {
        config.services = {&nullAudio_, &nullHaptics_, &nullLifecycle_};
        config.services.notifier = &nullNotifier_;
    } else {
        audio_.emplace();  // opened after the first frame (SdlAudio::open)
        haptics_.emplace();
        config.services = {&*audio_, &*haptics_, &lifecycle_};
#ifndef __EMSCRIPTEN__
        speech_.emplace(*audio_);
        config.services.speech = &*speech_;
        notifier_.emplace(sessionBus(), UNKNOT_APP_ID);
        config.services.notifier = &*notifier_;
#else
        // The browser speaks (speechSynthesis, platform/web/web_speech.cpp):
        // espeak-ng is not compiled for wasm (UNKNOT_WITH_VOICE=OFF).
        // navigator.vibrate and the Screen Wake Lock; a phone is a touch screen.
        config.services = {&*audio_, &webHaptics(), &webLifecycle(), &webSpeech()};
        config.services.notifier = &webNotifier();  // the Notifications API, while the page is open
        config.mobile = webIsMobile();
#endif
    }
    if (realDates) config.services.clock = &clock_;
        // Offered in screenshots too (it writes only when tapped).
#ifndef __EMSCRIPTEN__
    routineAudio_.emplace(paths_.prefDir);
    config.services.routineAudio = &*routineAudio_;
#else
    config.services.routineAudio = &webRoutineAudio();  // a .wav to the downloads
#endif
    app_ = std::make_unique<ui::App>(config);
    // Settings given as flags are applied (and saved) as if chosen in Settings.
    if (!o_.theme.empty() || o_.textPercent > 0 || o_.reducedMotion) {
        ui::Settings st = app_->settings();
        if (!o_.theme.empty()) ui::parseTheme(o_.theme, &st.theme);
        if (o_.textPercent > 0) st.textPercent = o_.textPercent;
        if (o_.reducedMotion) st.reducedMotion = true;
        app_->setSettings(st);
    }
    fonts_->rebuild(app_->wantedFontPx(o_.fontPx));  // at the saved text size
    startupPhase("services");
}

//-----------------------------------------------------------------------------
// [SECTION] Running
//-----------------------------------------------------------------------------
// The desktop app's phases; the web runner will wire the same ones.
void DesktopApp::wirePhases(AbstractRunner& runner) {
    RunnerCallbacks& cb = runner.callbacks;
    // Between frames: the text size setting rebuilds the atlas, and then
    // every pixel must be drawn again.
    cb.preNewFrame = [this](std::int64_t) {
        if (fonts_->rebuild(app_->wantedFontPx(o_.fontPx)) && partial_) partial_->invalidate();
    };
    // Background, minimize, focus loss: a running session pauses.
    cb.onPause = [this](std::int64_t ms) { app_->onSuspend(ms); };
    // Closed, or told to quit: a typed note is saved and pending journal
    // writes are tried once more before the journal closes.
    cb.beforeExit = [this](std::int64_t ms) { app_->onQuit(ms); };
    // onResume: the runner redraws everything itself. onLowMemory: nothing
    // to give back (the fonts are built once per size, the library is shown).
}

int DesktopApp::runInteractive(const Route& route, std::int64_t startMs) {
    std::string error;
    if (!o_.trace.empty() && !trace_.open(o_.trace, error)) {
        std::cerr << "unknot: " << error << "\n";
        return 2;
    }
    if (o_.benchSeconds > 0) bench_.followRoute(*library_, route, startMs);
    // Partial redraws pay off only where pixels cost CPU (see damage.hpp);
    // UNKNOT_FULL_REDRAW=1 turns them off (to compare, or to rule them out).
    const char* full = std::getenv("UNKNOT_FULL_REDRAW");
    if (renderer_->software() && !(full && std::string(full) == "1")) partial_.emplace(renderer_->sdl());
    LoopContext ctx{*app_, *window_, *renderer_, *audio_, *haptics_, trace_};
    ctx.partial = partial_ ? &*partial_ : nullptr;
    ctx.bench = o_.benchSeconds > 0 ? &bench_ : nullptr;
    ctx.benchSeconds = o_.benchSeconds;
    ctx.exitAfterFirstFrame = o_.exitAfterFirstFrame;
    // unknot --watch: reload when a content file changes. The old library
    // stays alive until the App has moved to the new one.
    if (o_.watch) {
        watch_.emplace(o_.content, dataDir_, paths_.prefDir);
        ctx.periodicMs = 500;
        ctx.periodic = [this] {
            if (!watch_->changed()) return false;
            auto next = std::make_unique<Library>(loadContent(o_.content, dataDir_, paths_.prefDir, files_));
            keepBrokenRoutines(*next, *library_);
            loadPlansFor(*next);
            app_->setLibrary(next.get());
            library_ = std::move(next);
            return true;
        };
    }
    // Straight into a session (--screen play:...): its first cue and words
    // are asked for in the first frame, due at once. The sound device
    // usually opens after that frame, so as not to delay it; here they would
    // wait for it (23 ms late, measured), so it opens first.
    // (Not in a browser: there Web Audio may start only after a tap.)
#ifndef __EMSCRIPTEN__
    if (std::holds_alternative<route::Play>(route) && !o_.exitAfterFirstFrame) audio_->open();
#endif
    ctx.startNs = nowNs();
    ctx.originNs = ctx.startNs - startMs * 1'000'000;
#ifdef __EMSCRIPTEN__
    webRunner_ = makeWebRunner(ctx, library_.get());
    wirePhases(*webRunner_);
    return webRunner_->run();
#else
    SdlRunner runner(ctx);
    wirePhases(runner);
    return runner.run();
#endif
}

int DesktopApp::run(bool& abandoned) {
    logStartupPhases(o_.exitAfterFirstFrame);
    startupPhase("main");
    if (Result<void> started = start(); !started) {
        std::cerr << "unknot: " << started.error().message << "\n";
        return 2;
    }
    if (const int status = openDisplay(); status >= 0) return status;
    if (const int status = join(abandoned); status >= 0) return status;
    makeApp();
#ifdef __GLIBC__
    // The content load's parse trees and the font bake's copies are freed by
    // now, but glibc keeps their pages (the loader's in its thread's arena):
    // hand them back before the first frame (peak memory -0.4 MB, ~1 ms).
    malloc_trim(0);
#endif
    // The options checked the name (parseRoute); whether its routine or area
    // exists is known only now, with the library.
    const std::string screen = o_.screen.empty() ? "home" : o_.screen;
    // "play:ID@SECONDS" shows the session at SECONDS when the clock reads
    // SECONDS (App::open), so the app clock starts there: interactive runs
    // and benchmarks can begin mid-session.
    const Result<Route> route = parseRoute(screen);
    const std::int64_t startMs = route ? routeTimeMs(*route) : 0;
    std::string error;
    if (!route || !app_->open(screen, startMs, &error)) {
        std::cerr << "unknot: cannot open screen \"" << screen << "\": " << (route ? error : route.error().message)
                  << "\n"
                  << "Screens: " << kRouteGrammar << "\n";
        return 2;
    }
    if (screenshot_) return runScreenshot(o_, startMs, *app_, *renderer_);
    return runInteractive(*route, startMs);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] runApp
//-----------------------------------------------------------------------------
#ifdef __EMSCRIPTEN__
// In a page, run() returns once the browser has the frames, and everything
// must stay for the page's life: the app is kept on the heap, never freed
// (no signals either: a page is closed by the browser, not by SIGTERM).
int runApp(const AppOptions& o, const AppPaths& paths) {
    static const AppOptions options = o;
    static const AppPaths folders = paths;
    auto* app = new DesktopApp(options, folders);
    bool abandoned = false;
    return app->run(abandoned);
}
#else
int runApp(const AppOptions& o, const AppPaths& paths) {
    installQuitSignals();
    bool abandoned = false;
    int status = 0;
    {
        DesktopApp app(o, paths);
        status = app.run(abandoned);
    }
    // An early return (no display, a bad window) can leave the loaders still
    // working: give them a moment (they take milliseconds), unless a quit
    // signal asks us to go now.
    for (int waited = 0; !abandoned && backgroundRunning().load() > 0; waited += 5) {
        if (quitSignal() || waited >= 2000)
            abandoned = true;
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (abandoned) {
        // A thread is still blocked in a load: exit without running static
        // destructors under it (everything of ours is closed by now).
        std::cout.flush();
        std::cerr.flush();
        std::fflush(nullptr);
        _exit(status);
    }
    return status;
}
#endif

}  // namespace unknot::platform
