// unknot_baseline: the bare minimum an SDL2 + Dear ImGui app costs, for
// bench/run_app to compare the real app against: the same window, the same
// renderer selection, the same ImGui backends, the same font file and size,
// the same frame pacing; and one line of text instead of the app.
//
// [SECTION] Options (a subset of unknot's: --size, --exit-after-first-frame, --bench)
// [SECTION] main: setup, then a loop that draws continuously (the cost of
//           "a session is running")
#include "unknot/platform/pacing.hpp"
#include "unknot/platform/shell.hpp"
#include "unknot/platform/window.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

using namespace unknot::platform;

namespace {

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
std::int64_t wallUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}
const std::int64_t gProcessStartUs = wallUs();

double cpuSeconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

//-----------------------------------------------------------------------------
// [SECTION] Options
//-----------------------------------------------------------------------------
struct Options {
    int w = 390, h = 844;
    bool exitAfterFirst = false;
    double benchSeconds = 0;
};

// False (after a message) on anything it does not know.
bool parseOptions(int argc, char* argv[], Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--size" && i + 1 < argc) {
            if (!parseSize(argv[++i], o.w, o.h)) {
                std::fprintf(stderr, "unknot_baseline: --size wants WxH\n");
                return false;
            }
        } else if (a == "--exit-after-first-frame") {
            o.exitAfterFirst = true;
        } else if (a == "--bench" && i + 1 < argc) {
            o.benchSeconds = std::atof(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: unknot_baseline [--size WxH] [--exit-after-first-frame] [--bench SECONDS]\n");
            return false;
        }
    }
    return true;
}

// The same font file at the same base size as the app (assets/ next to bin/).
void loadFont(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    static std::string font;  // not owned by the atlas: it must outlive it
    if (char* base = SDL_GetBasePath()) {
        std::ifstream in(std::string(base) + "../share/unknot/assets/fonts/DejaVuSans.ttf", std::ios::binary);
        font.assign(std::istreambuf_iterator<char>(in), {});
        SDL_free(base);
    }
    if (font.empty()) return;
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;
    io.Fonts->AddFontFromMemoryTTF(font.data(), static_cast<int>(font.size()), 20.0f * scale, &cfg);
    io.FontGlobalScale = 1.0f / scale;
}

// One line of text instead of the app, drawn and presented.
void drawBaselineFrame(Renderer& renderer, float scale, std::int64_t frames) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    io.DisplayFramebufferScale = ImVec2(scale, scale);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("baseline", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::Text("Unknot baseline: frame %lld", static_cast<long long>(frames));
    ImGui::End();
    ImGui::Render();
    renderer.clear(246, 242, 236);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    renderer.present();
}

// The figures bench/run_app reads (the app's --bench prints the same names).
void printBench(double t, std::int64_t frames, std::int64_t framesAfter1s, double cpu) {
    const double measured = t - 1.0;
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf(
        "bench seconds=%.1f frames=%lld frames_after_1s=%lld fps_after_1s=%.2f "
        "cpu_ms_per_frame=%.3f cpu_ms_per_s=%.2f maxrss_kb=%ld\n",
        t, static_cast<long long>(frames), static_cast<long long>(framesAfter1s),
        static_cast<double>(framesAfter1s) / measured, cpu * 1000.0 / static_cast<double>(framesAfter1s),
        cpu * 1000.0 / measured, ru.ru_maxrss);
}

}  // namespace

int main(int argc, char* argv[]) {
    Options o;
    if (!parseOptions(argc, argv, o)) return 2;
    const bool exitAfterFirst = o.exitAfterFirst;
    const double benchSeconds = o.benchSeconds;

    // Setup
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        std::fprintf(stderr, "unknot_baseline: SDL_Init: %s\n", SDL_GetError());
        return 2;
    }
    std::string error;
    auto window = SdlWindow::create("Unknot baseline", {o.w, o.h}, error);
    auto renderer = window ? SdlRenderer::create(*window, error) : nullptr;
    if (!renderer) {
        std::fprintf(stderr, "unknot_baseline: %s\n", error.c_str());
        return 2;
    }
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    ImGui_ImplSDL2_InitForSDLRenderer(window->sdl());
    ImGui_ImplSDLRenderer_Init(renderer->sdl());
    const float scale = pixelScale(window->logicalSize(), renderer->outputSize());
    loadFont(scale);

    // Loop
    const int fps = pacedFps(window->displayHz());
    const bool paced = !renderer->trustedVsync();
    const std::int64_t start = nowNs();
    std::int64_t index = -1, frames = 0, framesAfter1s = 0;
    double cpuAt1s = -1;
    bool shown = false, quit = false;
    while (!quit) {
        index = nextFrameIndex(start, fps, index, nowNs());
        // Paced exactly as the app paces (platform/src/sdl_runner.cpp).
        if (paced && sleepBeforeNs(start, fps, index, nowNs()) > 0)
            std::this_thread::sleep_until(
                std::chrono::steady_clock::time_point(std::chrono::nanoseconds(frameDeadlineNs(start, fps, index))));
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            ImGui_ImplSDL2_ProcessEvent(&e);
            if (e.type == SDL_QUIT) quit = true;
        }
        drawBaselineFrame(*renderer, scale, frames);
        ++frames;
        if (!shown) {
            window->show();
            shown = true;
            if (exitAfterFirst) {
                const char* l = std::getenv("UNKNOT_LAUNCH_US");
                const std::int64_t launch = l && *l ? std::atoll(l) : gProcessStartUs;
                std::printf("first-frame-ms %.3f\n", static_cast<double>(wallUs() - launch) / 1000.0);
                break;
            }
        }
        const double t = static_cast<double>(nowNs() - start) / 1e9;
        if (t >= 1.0) {
            if (cpuAt1s < 0) cpuAt1s = cpuSeconds();
            ++framesAfter1s;
        }
        if (benchSeconds > 0 && t >= benchSeconds) {
            printBench(t, frames, framesAfter1s, cpuSeconds() - cpuAt1s);
            break;
        }
    }
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    renderer.reset();
    window.reset();
    SDL_Quit();
    return 0;
}
