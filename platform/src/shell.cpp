// The shell: SDL + Dear ImGui around engine/ui's App (see shell.hpp).
//
// [SECTION] Options
// [SECTION] Clock (one monotonic clock in ns; the app sees ms from the start)
// [SECTION] Setup: SDL, content, font, ImGui
// [SECTION] One ImGui frame
// [SECTION] Trace (screen + hotspots, for the end-to-end test)
// [SECTION] Bench statistics
// [SECTION] Screenshot mode (virtual clock, offscreen, PNG)
// [SECTION] Interactive loop (idle when still, paced when moving)
// [SECTION] runApp
#include "unknot/platform/shell.hpp"

#include "unknot/journal.hpp"
#include "unknot/loader.hpp"
#include "unknot/paths.hpp"
#include "unknot/platform/damage.hpp"
#include "unknot/platform/input.hpp"
#include "unknot/platform/pacing.hpp"
#include "unknot/platform/rw_files.hpp"
#include "unknot/platform/sdl_services.hpp"
#include "unknot/platform/window.hpp"
#include "unknot/timeline.hpp"
#include "unknot/ui/app.hpp"
#include "unknot/ui/strings.hpp"
#include "unknot/platform/signals.hpp"

#include <CLI/CLI.hpp>
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb/stb_image_write.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <iostream>
#include <atomic>
#include <optional>
#include <sstream>
#include <thread>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Options
//-----------------------------------------------------------------------------
bool parseSize(const std::string& text, int& w, int& h) {
    const auto x = text.find_first_of("xX");
    if (x == std::string::npos || x == 0 || x + 1 >= text.size()) return false;
    const std::string a = text.substr(0, x), b = text.substr(x + 1);
    const auto digits = [](const std::string& s) {
        return s.size() <= 5 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(a) || !digits(b)) return false;
    const int pw = std::stoi(a), ph = std::stoi(b);
    if (pw < 1 || ph < 1 || pw > kMaxSizeSide || ph > kMaxSizeSide) return false;
    w = pw;
    h = ph;
    return true;
}

namespace {

// "" when `path` is missing or a regular file; otherwise what it is.
// `followLinks`: a link to a regular file is fine (the journal); without it
// any link is refused (a screenshot is never written through one).
std::string notPlainFile(const std::string& path, bool followLinks) {
    struct stat st{};
    if ((followLinks ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) != 0) {
        // A dangling link is still a link.
        if (followLinks && ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) return "a broken symbolic link";
        return {};
    }
    return kindOfMode(st.st_mode);  // lstat: a symbolic link is reported as one
}

// The "SECONDS" of "play:ID@SECONDS": false when it is not a number in
// 0..kMaxScreenSeconds.
bool screenSecondsOk(const std::string& screen) {
    if (screen.rfind("play:", 0) != 0) return true;
    const auto at = screen.rfind('@');
    if (at == std::string::npos) return true;
    const std::string num = screen.substr(at + 1);
    char* end = nullptr;
    const double s = std::strtod(num.c_str(), &end);
    return end != num.c_str() && *end == '\0' && std::isfinite(s) && s >= 0 && s <= kMaxScreenSeconds;
}

// At most `n` characters of `s` for an error message (a hostile argument can
// be a megabyte long).
std::string excerpt(const std::string& s, std::size_t n = 80) {
    return "\"" + (s.size() <= n ? s : s.substr(0, n) + "...") + "\"";
}

}  // namespace

int parseAppOptions(int argc, const char* const* argv, AppOptions& o, std::ostream& out,
                    std::ostream& err) {
    CLI::App cli{"Unknot: a calm self-care guide for chronic pain (window app).\n"
                 "Without a display, use the command line: unknot --help, unknot list, "
                 "unknot play ID --clock virtual.",
                 "unknot"};
    // `unknot --help` is what the no-display message points to, so it names
    // the commands too (their own help: `unknot help`).
    cli.footer("Commands (no display needed; details: unknot help):\n"
               "  unknot list [--json]           the routines\n"
               "  unknot show ID                 one routine, its steps and cautions\n"
               "  unknot play ID --clock virtual its timeline, at once\n"
               "  unknot lint [PATH...]          check content packs");
    std::string size, canvas;
    cli.add_option("--size", size, "Window size in logical pixels, WxH (default 390x844)");
    cli.add_option("--lang", o.lang, "Language of the content and the screens (en, fr, ...)");
    cli.add_option("--content", o.content, "Load these packs or folders instead of the default set")
        ->expected(1, 1000);
    cli.add_option("--screen", o.screen,
                   "Open this screen first: home, browse, settings, safety, history, area:ID, card:ID, "
                   "pain:ID, play:ID@SECONDS, problems");
    cli.add_option("--screenshot", o.screenshot,
                   "Render --screen on a virtual clock, write this PNG and exit");
    cli.add_option("--canvas", canvas,
                   "With --screenshot: draw the app at --size onto a larger WxH canvas (tests)");
    cli.add_flag("--via-partial", o.viaPartial,
                 "With --screenshot: draw 1 s earlier, then only the damaged rectangles (tests)");
    cli.add_option("--trace", o.trace,
                   "Append a line (screen, hotspots: id x y w h) whenever they change");
    cli.add_option("--font-px", o.fontPx, "Base font size in logical pixels at 100% text size (default 20)")
        ->check(CLI::Range(8.0f, 64.0f));
    cli.add_option("--journal", o.journal,
                   "The journal file (default: journal.db in the user's data folder; :memory: keeps it in memory)");
    cli.add_option("--theme", o.theme, "Colours: light, dark, high-contrast or pure-black (saved)")
        ->check(CLI::IsMember({"light", "dark", "high-contrast", "pure-black"}));
    cli.add_option("--text-size", o.textPercent, "Text size in percent, 100 to 200 (saved)")
        ->check(CLI::Range(100, 200));
    cli.add_flag("--reduced-motion", o.reducedMotion, "Words and a filling bar instead of moving shapes (saved)");
    cli.add_flag("--watch", o.watch,
                 "For content authors: reload content when its files change and show errors in the app");
    cli.add_flag("--exit-after-first-frame", o.exitAfterFirstFrame,
                 "Benchmark: print the time from launch to the first presented frame and exit");
    cli.add_option("--bench", o.benchSeconds,
                   "Benchmark: run this many seconds, then print frame, CPU, memory and timing figures")
        ->check(CLI::Range(0.5, 24.0 * 3600));
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int status = cli.exit(e, out, err);
        return status == 0 ? 0 : 2;
    }
    if (!size.empty() && !parseSize(size, o.width, o.height)) {
        err << "unknot: --size wants WxH with each side 1 to " << kMaxSizeSide << ", like 390x844 (got "
            << excerpt(size) << ")\n";
        return 2;
    }
    if (!canvas.empty()) {
        if (!parseSize(canvas, o.canvasW, o.canvasH) || o.canvasW < o.width || o.canvasH < o.height) {
            err << "unknot: --canvas wants WxH with each side at most " << kMaxSizeSide
                << " and at least as large as --size (got " << excerpt(canvas) << ")\n";
            return 2;
        }
        if (o.screenshot.empty()) {
            err << "unknot: --canvas only makes sense with --screenshot\n";
            return 2;
        }
    }
    // The languages of the app's own words; every pack's text falls back to
    // its first language when it lacks the one asked for.
    if (cli.count("--lang")) {
        const auto& langs = ui::uiLanguages();
        if (std::find(langs.begin(), langs.end(), o.lang) == langs.end()) {
            err << "unknot: --lang " << excerpt(o.lang) << " is not a language Unknot has; use en (English) or fr (French)\n";
            return 2;
        }
    }
    // CLI11's range checks let "nan" through (every comparison with NaN is false).
    if (!std::isfinite(o.fontPx)) {
        err << "unknot: --font-px wants a number from 8 to 64\n";
        return 2;
    }
    if (!std::isfinite(o.benchSeconds)) {
        err << "unknot: --bench wants a number of seconds\n";
        return 2;
    }
    if (o.screen.size() > kMaxScreenChars) {
        err << "unknot: --screen is " << o.screen.size() << " characters long; screen names are at most "
            << kMaxScreenChars << " (like card:neck-release)\n";
        return 2;
    }
    if (!screenSecondsOk(o.screen)) {
        err << "unknot: --screen " << excerpt(o.screen) << ": the time after @ wants seconds from 0 to "
            << static_cast<int>(kMaxScreenSeconds) << ", like play:neck-release@20.5\n";
        return 2;
    }
    if (cli.count("--journal")) {
        if (o.journal.empty()) {
            err << "unknot: --journal wants a file path (or :memory: to keep it in memory)\n";
            return 2;
        }
        if (o.journal != ":memory:") {
            const std::string what = notPlainFile(o.journal, true);
            if (!what.empty()) {
                err << "unknot: --journal " << o.journal << ": this is " << what
                    << ", not a journal file; give the path of a file (or :memory:)\n";
                return 2;
            }
        }
    }
    if (!o.screenshot.empty()) {
        const std::string what = notPlainFile(o.screenshot, false);
        if (!what.empty()) {
            err << "unknot: --screenshot " << o.screenshot << ": this is " << what
                << "; give the path of a new or plain file to write the PNG to\n";
            return 2;
        }
        // Found out now, not after seconds of rendering.
        std::error_code ec;
        const std::filesystem::path parent = std::filesystem::path(o.screenshot).parent_path();
        if (!std::filesystem::is_directory(parent.empty() ? std::filesystem::path(".") : parent, ec)) {
            err << "unknot: --screenshot " << o.screenshot << ": the folder " << parent.string()
                << " does not exist; create it first\n";
            return 2;
        }
    }
    if (!o.trace.empty()) {
        const std::string what = notPlainFile(o.trace, true);
        if (!what.empty()) {
            err << "unknot: --trace " << o.trace << ": this is " << what << "; give the path of a plain file\n";
            return 2;
        }
    }
    return -1;
}

//-----------------------------------------------------------------------------
// [SECTION] Clock
//-----------------------------------------------------------------------------
namespace {

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Launch time for --exit-after-first-frame: bench/run_app passes the wall time
// just before exec in UNKNOT_LAUNCH_US (bash's $EPOCHREALTIME, no fork), so the
// figure includes exec, dynamic linking and static initialization.
std::optional<std::int64_t> launchUs() {
    const char* s = std::getenv("UNKNOT_LAUNCH_US");
    if (!s || !*s) return std::nullopt;
    char* end = nullptr;
    const long long v = std::strtoll(s, &end, 10);
    if (*end != '\0' || v <= 0) return std::nullopt;
    return v;
}

std::int64_t wallUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Fallback origin when UNKNOT_LAUNCH_US is absent: as early as static
// initialization of this file allows.
const std::int64_t gProcessStartUs = wallUs();

// --exit-after-first-frame also prints when each start-up phase ended (to
// stderr), so a slow start can be pinned on content, SDL, fonts or audio.
bool gLogStartup = false;
void startupPhase(const char* name) {
    if (gLogStartup)
        std::fprintf(stderr, "startup %-10s %8.3f ms\n", name,
                     static_cast<double>(wallUs() - launchUs().value_or(gProcessStartUs)) / 1000.0);
}

double cpuSeconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

long maxRssKb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;  // kilobytes on Linux
}

//-----------------------------------------------------------------------------
// [SECTION] Setup
//-----------------------------------------------------------------------------
void printNoDisplay(const std::string& why) {
    std::cerr << "unknot: the window app needs a display, and none could be opened.\n"
              << "  (" << why << ")\n"
              << "The command line works without one:\n"
              << "  unknot --help\n"
              << "  unknot list\n"
              << "  unknot play ID --clock virtual\n";
}

// RAII for SDL_Init/SDL_Quit and ImGui's context and backends, so every early
// return in runApp() tears down in the right order.
struct SdlSession {
    bool ok = false;
    explicit SdlSession(std::string& error) {
        // SDL keeps the screen on while any window exists unless told
        // otherwise; the app decides (SdlLifecycle, only during a session).
        SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
        // Android's back key arrives as SDL_SCANCODE_AC_BACK instead of
        // closing the activity.
        SDL_SetHint(SDL_HINT_ANDROID_TRAP_BACK_BUTTON, "1");
        // SIGINT and SIGTERM are ours (signals.hpp): SDL would only turn
        // them into SDL_QUIT where no handler is set, and ours already is.
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
        ok = SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0;
        if (!ok) error = std::string("SDL_Init(video) failed: ") + SDL_GetError();
        // With no display, SDL 2.26 quietly falls back to its "offscreen"
        // driver: a window nobody can see or touch. Unless that driver was
        // asked for by name, it means there is no display.
        const char* driver = ok ? SDL_GetCurrentVideoDriver() : nullptr;
        const char* asked = SDL_getenv("SDL_VIDEODRIVER");
        if (driver && (std::string(driver) == "offscreen" || std::string(driver) == "dummy") &&
            !(asked && std::string(asked) == driver)) {
            error = std::string("only SDL's ") + driver + " video driver is available";
            SDL_Quit();
            ok = false;
        }
        // A quit signal wakes the loop from SDL_WaitEvent as a window close would.
        if (ok)
            setQuitWaker([] {
                SDL_Event quit{};
                quit.type = SDL_QUIT;
                SDL_PushEvent(&quit);
            });
    }
    ~SdlSession() {
        if (!ok) return;
        setQuitWaker(nullptr);  // before SDL_Quit: the watcher never pushes into a dead queue
        SDL_Quit();
    }
};

struct ImGuiSession {
    bool platform = false, renderer = false;
    ImGuiSession() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        // No imgui.ini or log files dropped in whatever folder we run from.
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
    }
    ~ImGuiSession() {
        if (renderer) ImGui_ImplSDLRenderer_Shutdown();
        if (platform) ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
};

// The font atlas as an SDL texture, made here rather than by the ImGui
// backend (whose NewFrame we therefore never call): the backend asks ImGui
// for a 32-bit copy of the atlas and uploads it, so at start-up the atlas
// exists three times (8-bit, 32-bit, texture). For three sizes of a font with
// accents that is ~18 MB of peak memory on a phone. Here the 8-bit atlas is
// expanded straight into the locked texture, then ImGui's copy is freed, and
// so are the font files' bytes once the glyphs are baked (fonts are built
// once: nothing rebuilds the atlas later).
// The texels are the backend's exactly: white, alpha = coverage.
struct FontTexture {
    SDL_Texture* texture = nullptr;
    bool create(SDL_Renderer* renderer, std::string& error) {
        ImGuiIO& io = ImGui::GetIO();
        unsigned char* alpha = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsAlpha8(&alpha, &w, &h);  // builds the atlas
        // The glyphs are baked: the TTF copies (one per size) go before the
        // texture is allocated, so they never coexist with it.
        io.Fonts->ClearInputData();
        texture = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING, w, h);
        if (!texture) {
            error = std::string("SDL_CreateTexture (font atlas ") + std::to_string(w) + "x" +
                    std::to_string(h) + "): " + SDL_GetError();
            return false;
        }
        void* pixels = nullptr;
        int pitch = 0;
        if (SDL_LockTexture(texture, nullptr, &pixels, &pitch) != 0) {
            error = std::string("SDL_LockTexture (font atlas): ") + SDL_GetError();
            return false;
        }
        for (int y = 0; y < h; ++y) {
            auto* row = static_cast<std::uint8_t*>(pixels) + static_cast<std::ptrdiff_t>(y) * pitch;
            for (int x = 0; x < w; ++x) {
                row[4 * x + 0] = row[4 * x + 1] = row[4 * x + 2] = 255;
                row[4 * x + 3] = alpha[static_cast<std::ptrdiff_t>(y) * w + x];
            }
        }
        SDL_UnlockTexture(texture);
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
        io.Fonts->SetTexID(static_cast<ImTextureID>(texture));
        io.Fonts->ClearTexData();
        return true;
    }
    void destroy() {
        if (texture) SDL_DestroyTexture(texture);
        texture = nullptr;
    }
    ~FontTexture() { destroy(); }
};

//-----------------------------------------------------------------------------
// [SECTION] Content watching (unknot --watch)
//-----------------------------------------------------------------------------
// Every regular file under the content folders, with its size and time of
// last change: a change in any means a reload. Polled twice a second (a
// handful of stat calls), which works on every file system and needs no
// inotify, FSEvents or platform code.
struct FileStamp {
    std::string path;
    std::uintmax_t size = 0;
    std::filesystem::file_time_type mtime{};
    bool operator==(const FileStamp&) const = default;
};

std::vector<FileStamp> snapshotFiles(const std::vector<std::string>& roots) {
    namespace fs = std::filesystem;
    std::vector<FileStamp> out;
    for (const std::string& root : roots) {
        std::error_code ec;
        if (fs::is_regular_file(root, ec)) {
            out.push_back({root, fs::file_size(root, ec), fs::last_write_time(root, ec)});
            continue;
        }
        // Bounded: a folder of 100,000 files is not content, and must not
        // turn a poll into a stall.
        for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator() && out.size() < 20000; it.increment(ec)) {
            std::error_code e2;
            if (!it->is_regular_file(e2)) continue;
            out.push_back({it->path().string(), it->file_size(e2), it->last_write_time(e2)});
        }
    }
    std::sort(out.begin(), out.end(), [](const FileStamp& a, const FileStamp& b) { return a.path < b.path; });
    return out;
}

Library loadContent(const AppOptions& o, const std::string& dataDir, const std::string& prefDir,
                    const FileSource& files) {
    if (o.content.empty()) return loadLibrary(defaultLoadOptions(dataDir, prefDir, files), files);
    LoadOptions lo;
    lo.vocabularyDir = joinPath(dataDir, "content");
    lo.paths = o.content;
    return loadLibrary(lo, files);
}

// The device's first preferred language the UI has ("fr", "en"), else English.
std::string preferredLanguage() {
    std::string lang = "en";
    if (SDL_Locale* locales = SDL_GetPreferredLocales()) {
        for (const SDL_Locale* l = locales; l->language; ++l) {
            const std::string code = l->language;
            if (code == "fr" || code == "en") {
                lang = code;
                break;
            }
        }
        SDL_free(locales);
    }
    return lang;
}

// The TrueType font; "" (and a warning from setupImGui) when it is missing.
std::string readFont(const FileSource& files, const std::string& dataDir, std::string& problem) {
    const std::string path = joinPath(joinPath(dataDir, "assets/fonts"), "DejaVuSans.ttf");
    constexpr std::size_t kMaxFontBytes = 8 * 1024 * 1024;
    std::string error;
    auto bytes = files.read(path, kMaxFontBytes, error);
    if (!bytes) {
        problem = error;
        return {};
    }
    if (bytes->size() > kMaxFontBytes) {
        problem = path + ": larger than 8 MiB, not loaded";
        return {};
    }
    return std::move(*bytes);
}

// The virtual time of "play:ID@SECONDS" in ms (0 for other screens or no '@').
std::int64_t screenTimeMs(const std::string& screen) {
    if (screen.rfind("play:", 0) != 0) return 0;
    const auto at = screen.rfind('@');
    if (at == std::string::npos) return 0;
    char* end = nullptr;
    const std::string num = screen.substr(at + 1);
    const double s = std::strtod(num.c_str(), &end);
    if (end == num.c_str() || *end != '\0' || !std::isfinite(s) || s < 0) return 0;
    return static_cast<std::int64_t>(std::llround(s * 1000.0));
}

//-----------------------------------------------------------------------------
// [SECTION] One ImGui frame
//-----------------------------------------------------------------------------
struct FrameInput {
    std::int64_t nowMs = 0;
    Size logical;       // DisplaySize
    float scale = 1.0f; // DisplayFramebufferScale
    bool liveInput = true;  // false: screenshots (no mouse, no hover, fixed dt)
};

// Runs the UI for one frame and draws it: in full, or only what changed when
// `partial` is given (software renderer). False when nothing changed on screen
// (then there is nothing to present).
bool drawFrame(ui::App& app, Renderer& renderer, PartialRenderer* partial, const FrameInput& in) {
    ImGuiIO& io = ImGui::GetIO();
    // No ImGui_ImplSDLRenderer_NewFrame(): it only creates the font texture,
    // which FontTexture made already.
    if (in.liveInput) {
        ImGui_ImplSDL2_NewFrame();
    } else {
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    }
    // The SDL2 backend of ImGui 1.86 takes the scale from SDL_GL_GetDrawableSize,
    // which knows nothing of SDL_Renderer; the renderer's output size is the truth.
    io.DisplaySize = ImVec2(static_cast<float>(in.logical.w), static_cast<float>(in.logical.h));
    io.DisplayFramebufferScale = ImVec2(in.scale, in.scale);
    ImGui::NewFrame();
    app.frame(in.nowMs);
    ImGui::Render();
    renderer.setScale(in.scale);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    const auto r = static_cast<std::uint8_t>(bg.x * 255), g = static_cast<std::uint8_t>(bg.y * 255),
               b = static_cast<std::uint8_t>(bg.z * 255);
    if (partial) return partial->render(ImGui::GetDrawData(), r, g, b);
    renderer.clear(r, g, b);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Trace
//-----------------------------------------------------------------------------
// One line per change: "<screen>\t<id> <x> <y> <w> <h>\t..." in logical pixels,
// rounded. Flushed at once, since the end-to-end test reads it while we run.
class Trace {
public:
    ~Trace() {
        if (fd_ >= 0) ::close(fd_);
    }
    // Opened without blocking (O_NONBLOCK: a FIFO with no reader would block
    // open() for ever) and refused unless it is a plain file.
    bool open(const std::string& path, std::string& error) {
        fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0644);
        struct stat st{};
        if (fd_ < 0 || fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
            error = path + ": cannot open the trace file for writing" +
                    (fd_ < 0 ? std::string(" (") + std::strerror(errno) + ")" : std::string(" (not a plain file)"));
            if (fd_ >= 0) ::close(fd_);
            fd_ = -1;
            return false;
        }
        return true;
    }
    void afterFrame(const ui::App& app) {
        if (fd_ < 0) return;
        std::ostringstream line;
        line << app.screenName();
        for (const ui::Hotspot& h : app.hotspots())
            line << '\t' << h.id << ' ' << std::lround(h.x) << ' ' << std::lround(h.y) << ' '
                 << std::lround(h.w) << ' ' << std::lround(h.h);
        if (line.str() == last_) return;
        last_ = line.str();
        // One write per line, at once: the end-to-end test reads it while we run.
        const std::string out = last_ + '\n';
        std::size_t done = 0;
        while (done < out.size()) {
            const ssize_t n = ::write(fd_, out.data() + done, out.size() - done);
            if (n > 0) done += static_cast<std::size_t>(n);
            else if (!(n < 0 && errno == EINTR)) break;  // a full disk: the trace is best effort
        }
    }

private:
    int fd_ = -1;
    std::string last_;
};

//-----------------------------------------------------------------------------
// [SECTION] Bench statistics
//-----------------------------------------------------------------------------
// Lateness: for a "play:" screen, each segment of the timeline is due at its
// startMs on the app clock; it is late by (time of the first frame drawn at or
// after it) - startMs. "frame" is when the frame sampled the clock (what the
// player shows), "present" when it reached the screen.
struct BenchStats {
    std::int64_t frames = 0, framesAfter1s = 0, presents = 0;
    double cpuAt1s = -1, cpuEnd = 0;
    const Timeline* timeline = nullptr;
    std::size_t shownIndex = 0;  // segments below this were shown already
    std::size_t segmentsChecked = 0;
    double worstLateMs = 0, worstPresentLateMs = 0;

    // `elapsedMs`: since the loop started; `frameMs`, `presentMs`: on the app clock.
    void onFrame(double elapsedMs, double frameMs, double presentMs, bool presented) {
        ++frames;
        presents += presented;
        if (elapsedMs >= 1000.0) {
            if (cpuAt1s < 0) cpuAt1s = cpuSeconds();
            ++framesAfter1s;
        }
        if (!timeline || frameMs < 0) return;
        const std::size_t idx = timeline->indexAt(static_cast<std::int64_t>(frameMs));
        for (; shownIndex <= idx && shownIndex < timeline->segments.size(); ++shownIndex) {
            const Segment& s = timeline->segments[shownIndex];
            if (s.untimed()) continue;
            worstLateMs = std::max(worstLateMs, frameMs - static_cast<double>(s.startMs));
            worstPresentLateMs = std::max(worstPresentLateMs, presentMs - static_cast<double>(s.startMs));
            ++segmentsChecked;
        }
    }
    void print(double seconds) const {
        const double measured = std::max(0.0, seconds - 1.0);
        const double cpu = cpuAt1s < 0 ? 0 : cpuEnd - cpuAt1s;
        std::printf("bench seconds=%.1f frames=%lld presents=%lld frames_after_1s=%lld fps_after_1s=%.2f "
                    "cpu_ms_per_frame=%.3f cpu_ms_per_s=%.2f maxrss_kb=%ld worst_late_ms=%.3f "
                    "worst_present_late_ms=%.3f segments_checked=%zu\n",
                    seconds, static_cast<long long>(frames), static_cast<long long>(presents),
                    static_cast<long long>(framesAfter1s),
                    measured > 0 ? static_cast<double>(framesAfter1s) / measured : 0.0,
                    framesAfter1s > 0 ? cpu * 1000.0 / static_cast<double>(framesAfter1s) : 0.0,
                    measured > 0 ? cpu * 1000.0 / measured : 0.0, maxRssKb(), worstLateMs,
                    worstPresentLateMs, segmentsChecked);
        std::fflush(stdout);
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Screenshot mode
//-----------------------------------------------------------------------------
// Writes `bytes` to `path` whole or not at all: into a new file beside it
// (O_EXCL, never through a link), then renamed over it. So a full disk, a
// signal or a crash never leaves half a PNG, and a FIFO, a device, a folder
// or a symbolic link at `path` is refused rather than written into.
bool writeFileAtomically(const std::string& path, const std::string& bytes, std::string& error) {
    const std::string what = notPlainFile(path, false);
    if (!what.empty()) {
        error = path + ": this is " + what + "; give the path of a new or plain file";
        return false;
    }
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = path + ": cannot write the screenshot (" + std::strerror(errno) + ")";
        return false;
    }
    std::size_t done = 0;
    int failure = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n > 0) done += static_cast<std::size_t>(n);
        else if (!(n < 0 && errno == EINTR)) {
            failure = n < 0 ? errno : ENOSPC;
            break;
        }
    }
    if (!failure && ::fsync(fd) != 0) failure = errno;
    if (::close(fd) != 0 && !failure) failure = errno;
    if (!failure && ::rename(tmp.c_str(), path.c_str()) != 0) failure = errno;
    if (failure) {
        ::unlink(tmp.c_str());
        error = path + ": cannot write the screenshot (" + std::strerror(failure) + ")";
        return false;
    }
    return true;
}

int runScreenshot(const AppOptions& o, ui::App& app, SdlRenderer& renderer) {
    const Size logical{o.width, o.height};
    const Size canvas = o.canvasW > 0 ? Size{o.canvasW, o.canvasH} : logical;
    std::string error;
    // Offscreen, exactly `canvas` pixels, at scale 1: the PNG does not depend
    // on a window manager, on HiDPI or on the window being mapped.
    if (!renderer.useOffscreenTarget(canvas, error)) {
        std::cerr << "unknot: " << error << "\n";
        return 1;
    }
    const std::int64_t t = screenTimeMs(o.screen);
    std::optional<PartialRenderer> partial;
    if (o.viaPartial) {
        if (o.canvasW > 0) {
            std::cerr << "unknot: --via-partial and --canvas do not mix\n";
            return 2;
        }
        partial.emplace(renderer.sdl());
    }
    // Several frames: ImGui lays out auto-sized windows in their first frame
    // without drawing them, and text sizes settle a frame later. With
    // --via-partial, the first half shows the screen 1 s earlier.
    constexpr int kSettle = 6;
    for (int i = 0; i < kSettle; ++i) {
        if (quitSignal()) return quitStatus(1);
        const std::int64_t frameT = partial && i < kSettle / 2 ? std::max<std::int64_t>(0, t - 1000) : t;
        if (o.canvasW > 0) {
            // Magenta outside the app's area, so a test can tell "nothing
            // drawn here" from "drawn in the background colour".
            renderer.clear(255, 0, 255);
        }
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        io.DisplaySize = ImVec2(static_cast<float>(logical.w), static_cast<float>(logical.h));
        io.DisplayFramebufferScale = ImVec2(1, 1);
        ImGui::NewFrame();
        app.frame(frameT);
        ImGui::Render();
        if (partial) {
            const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
            partial->render(ImGui::GetDrawData(), static_cast<std::uint8_t>(bg.x * 255),
                            static_cast<std::uint8_t>(bg.y * 255), static_cast<std::uint8_t>(bg.z * 255));
            continue;
        }
        if (o.canvasW == 0) {
            const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
            renderer.clear(static_cast<std::uint8_t>(bg.x * 255), static_cast<std::uint8_t>(bg.y * 255),
                           static_cast<std::uint8_t>(bg.z * 255));
        }
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    }
    if (quitSignal()) return quitStatus(1);
    std::vector<std::uint8_t> rgba;
    if (!renderer.readPixels(canvas, rgba, error)) {
        std::cerr << "unknot: " << error << "\n";
        return 1;
    }
    std::string png;
    const auto append = [](void* to, void* data, int size) {
        static_cast<std::string*>(to)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
    };
    if (!stbi_write_png_to_func(append, &png, canvas.w, canvas.h, 4, rgba.data(), canvas.w * 4)) {
        std::cerr << "unknot: cannot encode the screenshot as PNG\n";
        return 1;
    }
    if (quitSignal()) return quitStatus(1);
    if (!writeFileAtomically(o.screenshot, png, error)) {
        std::cerr << "unknot: " << error << "\n";
        return 1;
    }
    return 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Interactive loop
//-----------------------------------------------------------------------------
struct LoopContext {
    const AppOptions& o;
    ui::App& app;
    SdlWindow& window;
    SdlRenderer& renderer;
    SdlAudio& audio;
    SdlHaptics& haptics;
    Trace& trace;
    PartialRenderer* partial;  // null: redraw everything every frame
    BenchStats* bench;   // null unless --bench
    std::int64_t originNs;  // where the app clock reads 0
    std::int64_t startNs;   // when the loop started
    // Before each frame: rebuild the fonts when the text size changed.
    std::function<void()> beforeFrame = {};
    // Every `periodicMs` (0: never): the content watch. True: redraw.
    std::function<bool()> periodic = {};
    int periodicMs = 0;
};

int runLoop(LoopContext& c) {
    const auto appMs = [&](std::int64_t ns) { return (ns - c.originNs) / 1'000'000; };
    const bool paced = !c.renderer.trustedVsync();
    const int fps = pacedFps(c.window.displayHz());
    const std::int64_t benchEndNs =
        c.bench ? c.startNs + static_cast<std::int64_t>(c.o.benchSeconds * 1e9) : 0;

    int framesSinceInput = 0;
    bool backgrounded = false;
    bool shown = false;
    // The frame grid is anchored at the app clock's 0 and never restarted:
    // whole seconds of app time are grid points (60 frames = 1 s exactly), a
    // session starts on a frame, and so segments lasting whole seconds (or
    // any multiple of 1/60 s) begin exactly on a frame, not up to a frame late.
    const std::int64_t gridStart = c.originNs;
    std::int64_t lastIndex = -1;
    std::int64_t nextPeriodicNs = c.startNs;

    // Handles one event; false when the app should quit.
    const auto handle = [&](const SDL_Event& e) {
        ImGui_ImplSDL2_ProcessEvent(&e);
        if (wakesUi(e)) framesSinceInput = 0;
        // Anything that may have spoiled the window's pixels: draw it all again.
        if (c.partial && (e.type == SDL_WINDOWEVENT || e.type == SDL_RENDER_TARGETS_RESET ||
                          e.type == SDL_RENDER_DEVICE_RESET || e.type == SDL_APP_DIDENTERFOREGROUND))
            c.partial->invalidate();
        if (e.type == SDL_APP_WILLENTERBACKGROUND || e.type == SDL_APP_DIDENTERBACKGROUND)
            backgrounded = true;
        if (e.type == SDL_APP_DIDENTERFOREGROUND) backgrounded = false;
        const std::int64_t now = appMs(nowNs());
        switch (classifyEvent(e, ImGui::GetIO().WantTextInput)) {
        case InputAction::Quit: return false;
        case InputAction::Back: c.app.goBack(now); break;
        case InputAction::Suspend: c.app.onSuspend(now); break;
        case InputAction::Shown: framesSinceInput = 0; break;
        case InputAction::Hidden:
        case InputAction::None: break;
        }
        return true;
    };

    for (;;) {
        // A quit signal pushes SDL_QUIT too; this also ends a loop that is
        // drawing without looking at events long enough (a slow frame).
        if (quitSignal()) return quitStatus(0);
        const std::int64_t t = nowNs();
        if (c.periodic && t >= nextPeriodicNs) {
            nextPeriodicNs = t + static_cast<std::int64_t>(c.periodicMs) * 1'000'000;
            if (c.periodic()) {
                framesSinceInput = 0;
                if (c.partial) c.partial->invalidate();
            }
        }
        if (c.bench && t >= benchEndNs) {
            c.bench->cpuEnd = cpuSeconds();
            c.bench->print(c.o.benchSeconds);
            if (c.partial && c.bench->frames > 0)
                std::printf("bench redrawn_px_per_frame=%lld of %lld\n",
                            static_cast<long long>(c.partial->pixelsRedrawn() / c.bench->frames),
                            static_cast<long long>(c.renderer.outputSize().w) * c.renderer.outputSize().h);
            return 0;
        }
        const bool visible = !backgrounded && (!shown || !c.window.minimized());
        if (nextLoopStep(framesSinceInput, c.app.needsAnimation(), visible) == LoopStep::Block) {
            // Nothing moves: sleep in the event queue. Wake up only for what
            // is scheduled: the end of a sound (to pause the device), a
            // haptic pulse, the end of a benchmark.
            int timeout = -1;
            const auto wakeAt = [&](int ms) {
                if (ms >= 0) timeout = timeout < 0 ? ms : std::min(timeout, ms);
            };
            const int audioLeft = c.audio.update();
            wakeAt(audioLeft > 0 ? audioLeft : -1);
            wakeAt(c.haptics.update());
            if (c.bench) wakeAt(static_cast<int>(std::max<std::int64_t>(0, (benchEndNs - t) / 1'000'000 + 1)));
            if (c.periodic) wakeAt(static_cast<int>(std::max<std::int64_t>(0, (nextPeriodicNs - t) / 1'000'000 + 1)));
            SDL_Event e;
            const int got = timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
            if (got && !handle(e)) return 0;
            continue;
        }

        // Moving: draw at the next point of the frame grid (after idling, the
        // first one ahead: at most one frame period after the input).
        // The very first frame is drawn at once, at the clock's 0.
        const std::int64_t index = lastIndex < 0 ? 0 : nextFrameIndex(gridStart, fps, lastIndex, nowNs());
        if (paced && sleepBeforeNs(gridStart, fps, index, nowNs()) > 0) {
            // sleep_until on the absolute deadline, not SDL_Delay(ms): SDL_Delay
            // rounds to whole milliseconds, which would shift every frame by up
            // to 1 ms and make a 16.7 ms frame gap 17.7 ms.
            std::this_thread::sleep_until(std::chrono::steady_clock::time_point(
                std::chrono::nanoseconds(frameDeadlineNs(gridStart, fps, index))));
        }
        lastIndex = index;

        SDL_Event e;
        while (SDL_PollEvent(&e))
            if (!handle(e)) return 0;
        c.audio.update();
        c.haptics.update();

        if (c.beforeFrame) c.beforeFrame();
        const std::int64_t frameNs = nowNs();
        const Size logical = c.window.logicalSize();
        const float scale = pixelScale(logical, c.renderer.outputSize());
        const bool changed = drawFrame(c.app, c.renderer, c.partial, {appMs(frameNs), logical, scale, true});
        // Nothing changed on screen: no present, no copy to the display.
        if (changed) c.renderer.present();
        const std::int64_t presentNs = nowNs();
        ++framesSinceInput;
        c.trace.afterFrame(c.app);
        if (!shown) {
            // Shown after the first frame is ready, so no blank window flashes.
            c.window.show();
            shown = true;
            if (c.o.exitAfterFirstFrame) {
                const std::int64_t start = launchUs().value_or(gProcessStartUs);
                std::printf("first-frame-ms %.3f\n", static_cast<double>(wallUs() - start) / 1000.0);
                std::fflush(stdout);
                return 0;
            }
            // Audio and haptics open now, not before: the first frame does not
            // wait for them (cues asked for meanwhile are kept, see SdlAudio).
            c.audio.open();
            c.haptics.open();
        }
        if (c.bench)
            c.bench->onFrame(static_cast<double>(frameNs - c.startNs) / 1e6,
                             static_cast<double>(frameNs - c.originNs) / 1e6,
                             static_cast<double>(presentNs - c.originNs) / 1e6, changed);
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] runApp
//-----------------------------------------------------------------------------
namespace {

// A result computed on a thread the main thread can walk away from. The
// content load may block in open() (a FIFO in a pack, a dead network mount)
// and a journal file on such a mount may too: when a quit signal comes, the
// main thread stops waiting and the process exits without joining the thread
// (std::async's future would join it in its destructor and hang). The job
// owns copies of everything it reads; the shared state outlives whichever side
// finishes last.
//
// Every such thread counts itself in gBackgroundRunning until it has let go of
// everything it held (its job's captures and its share of the result), so
// runApp() knows whether the process may return from main() (static
// destructors run then, and a thread still loading would read freed tables)
// or must end with _exit().
std::atomic<int> gBackgroundRunning{0};

template <class T>
class Background {
public:
    template <class F>
    explicit Background(F job) : state_(std::make_shared<State>()) {
        gBackgroundRunning.fetch_add(1);
        std::thread([state = state_, job = std::optional<F>(std::move(job))]() mutable {
            T value = (*job)();
            job.reset();
            {
                std::lock_guard<std::mutex> lock(state->mutex);
                state->value.emplace(std::move(value));
                state->ready.notify_all();
            }
            state.reset();  // the result (a Journal) may be closed here, before we count out
            gBackgroundRunning.fetch_sub(1);
        }).detach();
    }
    // The result; nullopt when a quit signal came first (the job is abandoned).
    std::optional<T> get() {
        std::unique_lock<std::mutex> lock(state_->mutex);
        while (!state_->value) {
            if (quitSignal()) return std::nullopt;
            state_->ready.wait_for(lock, std::chrono::milliseconds(20));
        }
        return std::move(state_->value);
    }

private:
    struct State {
        std::mutex mutex;
        std::condition_variable ready;
        std::optional<T> value;
    };
    std::shared_ptr<State> state_;
};

int runAppImpl(const AppOptions& o, const AppPaths& paths, bool& abandoned) {
    // Content first: it needs no display, and its problems are shown in-app.
    // On Android there is no exe folder: data sits at the APK's assets root,
    // which SDL_RWops opens by relative path ("" + "content/...").
    gLogStartup = o.exitAfterFirstFrame;
    startupPhase("main");
    RwFileSource files;
    const std::string dataDir = paths.exeDir.empty() ? std::string() : findDataDir(paths.exeDir);
    if (dataDir.empty() && !paths.exeDir.empty())
        std::cerr << "unknot: bundled content not found near " << paths.exeDir
                  << " (looked for ../share/unknot/content); starting without it\n";
    // The journal's default place: a FIFO or a folder there would block or
    // fail the open; say so instead (--journal is checked with the options).
    std::string journalPath = o.journal;
    if (journalPath.empty() && o.screenshot.empty() && !paths.prefDir.empty()) {
        journalPath = joinPath(paths.prefDir, "journal.db");
        const std::string what = notPlainFile(journalPath, true);
        if (!what.empty()) {
            std::cerr << "unknot: " << journalPath << ": this is " << what
                      << ", not a journal file; move it away (or start with --journal FILE)\n";
            return 2;
        }
    }
    // Content loads on a second thread while SDL opens the window and the
    // fonts are baked: phones have several cores, and the first frame needs
    // both. The loader is pure and RwFileSource holds no state.
    Background<Library> loading([o, dataDir, prefDir = paths.prefDir] {
        RwFileSource threadFiles;
        Library lib = loadContent(o, dataDir, prefDir, threadFiles);
        startupPhase("content");
        return lib;
    });

    // The journal opens on a third thread meanwhile (a few ms of file work:
    // WAL, schema check). Screenshots never touch the real one.
    Background<std::unique_ptr<Journal>> journalLoading([journalPath] {
        return journalPath.empty() || journalPath == ":memory:" ? Journal::inMemory()
                                                                : Journal::open(journalPath, wallUs() / 1000);
    });

    std::string error;
    SdlSession sdl(error);
    if (!sdl.ok) {
        printNoDisplay(error);
        return 2;
    }
    auto window = SdlWindow::create("Unknot", {o.width, o.height}, error);
    if (!window) {
        printNoDisplay(error);
        return 2;
    }
    auto renderer = SdlRenderer::create(*window, error);
    if (!renderer) {
        std::cerr << "unknot: " << error << "\n";
        return 2;
    }

    startupPhase("window");
    if (quitSignal()) return quitStatus(0);
    ImGuiSession imgui;
    imgui.platform = ImGui_ImplSDL2_InitForSDLRenderer(window->sdl());
    imgui.renderer = imgui.platform && ImGui_ImplSDLRenderer_Init(renderer->sdl());
    if (!imgui.renderer) {
        std::cerr << "unknot: Dear ImGui's SDL backends failed to start: " << SDL_GetError() << "\n";
        return 1;
    }

    const bool screenshot = !o.screenshot.empty();
    // Screenshots draw offscreen at exactly the requested pixels: scale 1.
    const float scale = screenshot ? 1.0f : pixelScale(window->logicalSize(), renderer->outputSize());
    std::string fontProblem, warning;
    {
        // Scoped: the file's bytes are freed as soon as ImGui has its copies.
        const std::string ttf = readFont(files, dataDir, fontProblem);
        ui::setupImGui(ttf, o.fontPx, scale, &warning);
    }
    if (!warning.empty())
        std::cerr << "unknot: " << warning << (fontProblem.empty() ? "" : " (" + fontProblem + ")") << "\n";
    FontTexture fontTexture;
    if (!fontTexture.create(renderer->sdl(), error)) {
        std::cerr << "unknot: " << error << "\n";
        return 1;
    }
    float builtFontPx = o.fontPx;
    startupPhase("fonts");

    if (quitSignal()) {
        abandoned = true;
        return quitStatus(0);
    }
    std::optional<std::unique_ptr<Journal>> journalGot = journalLoading.get();
    if (!journalGot) {
        abandoned = true;
        return quitStatus(0);
    }
    std::unique_ptr<Journal> journal = std::move(*journalGot);
    for (const std::string& n : journal->notices()) std::cerr << "unknot: journal: " << n << "\n";
    startupPhase("journal");

    std::optional<Library> loaded = loading.get();
    if (!loaded) {
        // The content load is stuck (a FIFO, a dead mount): leave it. The
        // journal is open and untouched; it closes as this returns.
        abandoned = true;
        return quitStatus(0);
    }
    std::unique_ptr<Library> library = std::make_unique<Library>(std::move(*loaded));
    startupPhase("joined");

    // Screenshots are silent and deterministic: null services.
    NullAudio nullAudio;
    NullHaptics nullHaptics;
    NullLifecycle nullLifecycle;
    std::optional<SdlAudio> audio;
    std::optional<SdlHaptics> haptics;
    SdlLifecycle lifecycle;
    ui::AppConfig config;
    config.library = library.get();
    config.lang = o.lang;
    config.defaultLang = preferredLanguage();
    config.journal = journal.get();
    const std::string platformName = SDL_GetPlatform();
    config.mobile = platformName == "Android" || platformName == "iOS";
    config.exportDir = paths.prefDir;
    config.watch = o.watch;
    // Screenshots keep a fixed day (deterministic images), unless they show
    // a real journal given with --journal: then its dates need today's date.
    // Benchmarks measure the screen they name (they run without anyone to
    // acknowledge the note); screenshots are of the screen asked for.
    const bool benchmark = o.benchSeconds > 0 || o.exitAfterFirstFrame;
    if (!screenshot && !benchmark) config.askSafetyFirst = true;
    if (!screenshot || !o.journal.empty()) {
        config.wallClockMs = [] { return wallUs() / 1000; };
        config.utcOffsetMinutes = [](std::int64_t ms) {
            const std::time_t t = static_cast<std::time_t>(ms / 1000);
            std::tm local{};
            localtime_r(&t, &local);
            return static_cast<int>(local.tm_gmtoff / 60);
        };
    }
    if (screenshot) {
        config.services = {&nullAudio, &nullHaptics, &nullLifecycle};
    } else {
        audio.emplace();  // opened after the first frame (SdlAudio::open)
        haptics.emplace();
        config.services = {&*audio, &*haptics, &lifecycle};
    }
    ui::App app(config);
    // Settings given as flags are applied (and saved) as if chosen in Settings.
    if (!o.theme.empty() || o.textPercent > 0 || o.reducedMotion) {
        ui::Settings st = app.settings();
        if (!o.theme.empty()) ui::parseTheme(o.theme, &st.theme);
        if (o.textPercent > 0) st.textPercent = o.textPercent;
        if (o.reducedMotion) st.reducedMotion = true;
        app.setSettings(st);
    }
    // The text size setting: the atlas is rebuilt at the new size (sharp
    // glyphs, not a scaled bitmap), between frames.
    PartialRenderer* partialForFonts = nullptr;
    auto refreshFonts = [&] {
        const float want = app.wantedFontPx(o.fontPx);
        if (std::fabs(want - builtFontPx) < 0.5f) return;
        const float s2 = screenshot ? 1.0f : pixelScale(window->logicalSize(), renderer->outputSize());
        std::string problem, warn;
        const std::string ttf = readFont(files, dataDir, problem);
        fontTexture.destroy();
        ui::setupImGui(ttf, want, s2, &warn);
        std::string err;
        if (!fontTexture.create(renderer->sdl(), err)) std::cerr << "unknot: " << err << "\n";
        builtFontPx = want;
        if (partialForFonts) partialForFonts->invalidate();
    };
    refreshFonts();
    startupPhase("services");

    const std::string screen = o.screen.empty() ? "home" : o.screen;
    // "play:ID@SECONDS" shows the session at SECONDS when the clock reads
    // SECONDS (App::open), so the app clock starts there: interactive runs
    // and benchmarks can begin mid-session.
    const std::int64_t startMs = screenTimeMs(screen);
    if (!app.open(screen, startMs, &error)) {
        std::cerr << "unknot: cannot open screen \"" << screen << "\": " << error << "\n"
                  << "Screens: home, browse, area:ID, card:ID, play:ID@SECONDS, problems\n";
        return 2;
    }
    if (screenshot) {
        AppOptions so = o;
        so.screen = screen;
        return runScreenshot(so, app, *renderer);
    }

    Trace trace;
    if (!o.trace.empty() && !trace.open(o.trace, error)) {
        std::cerr << "unknot: " << error << "\n";
        return 2;
    }
    BenchStats bench;
    std::optional<Timeline> timeline;
    if (o.benchSeconds > 0 && screen.rfind("play:", 0) == 0) {
        const std::string id = screen.substr(5, screen.find('@') == std::string::npos
                                                    ? std::string::npos
                                                    : screen.find('@') - 5);
        if (const Routine* r = library->findRoutine(id)) {
            timeline = compileTimeline(*library, *r);
            bench.timeline = &*timeline;
            // Segments begun before the run started are not checked.
            while (bench.shownIndex < timeline->segments.size() &&
                   timeline->segments[bench.shownIndex].startMs < startMs)
                ++bench.shownIndex;
        }
    }
    // Partial redraws pay off only where pixels cost CPU (see damage.hpp);
    // UNKNOT_FULL_REDRAW=1 turns them off (to compare, or to rule them out).
    std::optional<PartialRenderer> partial;
    const char* full = std::getenv("UNKNOT_FULL_REDRAW");
    if (renderer->software() && !(full && std::string(full) == "1")) partial.emplace(renderer->sdl());
    partialForFonts = partial ? &*partial : nullptr;
    LoopContext ctx{o,     app,   *window, *renderer, *audio, *haptics, trace,
                    partial ? &*partial : nullptr, o.benchSeconds > 0 ? &bench : nullptr, 0, 0};
    ctx.beforeFrame = refreshFonts;
    // unknot --watch: reload when a content file changes. The old library
    // stays alive until the App has moved to the new one.
    std::vector<std::string> watchRoots = o.content;
    if (watchRoots.empty()) {
        if (!dataDir.empty()) watchRoots.push_back(joinPath(dataDir, "content"));
        if (!paths.prefDir.empty()) watchRoots.push_back(joinPath(paths.prefDir, "packs"));
    }
    std::vector<FileStamp> stamps;
    if (o.watch) {
        stamps = snapshotFiles(watchRoots);
        ctx.periodicMs = 500;
        ctx.periodic = [&] {
            std::vector<FileStamp> now = snapshotFiles(watchRoots);
            if (now == stamps) return false;
            stamps = std::move(now);
            auto next = std::make_unique<Library>(loadContent(o, dataDir, paths.prefDir, files));
            // A routine whose file now has an error keeps its last good
            // version while the author fixes it: the card being edited stays
            // open under the error overlay instead of closing at each typo.
            for (const Routine& old : library->routines) {
                if (next->findRoutine(old.id)) continue;
                const bool broken = std::any_of(next->diagnostics.begin(), next->diagnostics.end(), [&](const Diagnostic& d) {
                    return d.severity == Severity::Error && d.path == old.path;
                });
                if (broken) next->routines.push_back(old);
            }
            std::sort(next->routines.begin(), next->routines.end(),
                      [](const Routine& a, const Routine& b) { return a.id < b.id; });
            std::cerr << "unknot: content reloaded (" << next->routines.size() << " routines, "
                      << countErrors(next->diagnostics) << " errors)\n";
            for (const Diagnostic& d : next->diagnostics)
                if (d.severity == Severity::Error) std::cerr << "  " << formatDiagnosticShort(d) << "\n";
            app.setLibrary(next.get());
            library = std::move(next);
            return true;
        };
    }
    ctx.startNs = nowNs();
    ctx.originNs = ctx.startNs - startMs * 1'000'000;
    const int status = runLoop(ctx);
    // Closed, or told to quit: a typed note is saved and pending journal
    // writes are tried once more before the journal closes.
    app.onQuit((nowNs() - ctx.originNs) / 1'000'000);
    return quitStatus(status);
}

}  // namespace

int runApp(const AppOptions& o, const AppPaths& paths) {
    installQuitSignals();
    bool abandoned = false;
    const int status = runAppImpl(o, paths, abandoned);
    // An early return (no display, a bad window) can leave the loaders still
    // working: give them a moment (they take milliseconds), unless a quit
    // signal asks us to go now.
    for (int waited = 0; !abandoned && gBackgroundRunning.load() > 0; waited += 5) {
        if (quitSignal() || waited >= 2000) abandoned = true;
        else std::this_thread::sleep_for(std::chrono::milliseconds(5));
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

}  // namespace unknot::platform
