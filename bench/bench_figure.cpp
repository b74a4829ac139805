// The figure's cost: the player screen drawn headless (a Dear ImGui context,
// no window, the built-in font) on a step that has a figure, against the same
// screen and step from a library whose figures were taken out, in
// alternating blocks of frames in the same run. Prints the CPU time per frame
// of each and their ratio; exits 1 when the figure costs more than the budget
// (issue 15: at most 1.3x the player without it). CPU time of this process,
// not wall time: other programs on a shared machine do not count.
#include "unknot/loader.hpp"
#include "unknot/ui/app.hpp"

#include <imgui.h>

#include <cstdio>
#include <ctime>
#include <string>

using namespace unknot;

namespace {
double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Every step's figure taken out, repeats included: the player as it was.
void stripFigures(Steps& steps) {
    for (auto& st : steps) {
        if (auto* say = std::get_if<SayStep>(&st.v)) say->figure.reset();
        if (auto* rep = std::get_if<RepeatStep>(&st.v)) stripFigures(rep->steps);
    }
}
}  // namespace

int main() {
    LoadOptions o;
    o.vocabularyDir = UNKNOT_BENCH_CONTENT;
    o.paths = {UNKNOT_BENCH_CONTENT "/core"};
    const Library lib = loadLibrary(o);
    const Routine* r = lib.findRoutine("tennis-ball-back-wall");
    const auto* say = r ? std::get_if<SayStep>(&r->steps[2].v) : nullptr;
    if (!say || !say->figure) {
        std::fprintf(stderr, "bench_figure: the bundled tennis-ball-back-wall has no figure on step 3\n");
        return 2;
    }
    Library bare = lib;
    for (auto& routine : bare.routines) stripFigures(routine.steps);

    ImGuiContext* ctx = ImGui::CreateContext();
    std::string warning;
    ui::setupImGui({}, 20.0f, 1.0f, &warning);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(390, 844);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // what a renderer backend does
    // Two apps at the same moment of the same session (step 3, rolling the
    // ball, 10 s in), one drawing its figure and one with none to draw.
    ui::AppConfig withCfg, withoutCfg;
    withCfg.library = &lib;
    withoutCfg.library = &bare;
    ui::App withApp(withCfg), withoutApp(withoutCfg);
    std::int64_t now = 0;
    std::string err;
    withApp.open("play:tennis-ball-back-wall@20", now, &err);
    withoutApp.open("play:tennis-ball-back-wall@20", now, &err);
    auto frame = [&](bool figure) {
        ImGui::GetIO().DeltaTime = 0.016f;
        ImGui::NewFrame();
        (figure ? withApp : withoutApp).frame(now);
        ImGui::Render();
        now += 16;
    };
    for (int i = 0; i < 200; ++i) frame(i % 2 == 0);  // warm up both paths
    double without = 0, with = 0;
    const int blocks = 20, perBlock = 250;
    for (int b = 0; b < blocks; ++b)
        for (bool figure : {false, true}) {
            const double t0 = cpuSeconds();
            for (int i = 0; i < perBlock; ++i) frame(figure);
            (figure ? with : without) += cpuSeconds() - t0;
        }
    ImGui::DestroyContext(ctx);
    const double frames = blocks * perBlock, ratio = with / without;
    std::printf("player frame without a figure: %.1f us CPU\n", without / frames * 1e6);
    std::printf("player frame with a figure:    %.1f us CPU\n", with / frames * 1e6);
    std::printf("ratio: %.2fx (budget 1.30x)\n", ratio);
    return ratio <= 1.3 ? 0 : 1;
}
