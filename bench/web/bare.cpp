// The baseline for the web budgets: a bare SDL2 + Dear ImGui page built the
// same way as Unknot's (same emscripten, same SDL and ImGui from the prefix,
// the same SDL_Renderer backend, -O3, the browser's main loop), drawing one
// window with a moving progress bar every frame. bench/web/budgets.mjs
// compares Unknot's first frame and CPU per frame with this page's.
#include <SDL.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

namespace {

SDL_Window* gWindow = nullptr;
SDL_Renderer* gRenderer = nullptr;
bool gFirst = true;

void frame() {
    SDL_Event e;
    while (SDL_PollEvent(&e)) ImGui_ImplSDL2_ProcessEvent(&e);
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    int w = 0, h = 0, pw = 0, ph = 0;
    SDL_GetWindowSize(gWindow, &w, &h);
    SDL_GetRendererOutputSize(gRenderer, &pw, &ph);
    const float scale = w > 0 ? static_cast<float>(pw) / static_cast<float>(w) : 1.0f;
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
    io.DisplayFramebufferScale = ImVec2(scale, scale);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("bare", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::Text("A bare SDL2 + Dear ImGui page");
    ImGui::ProgressBar(static_cast<float>(SDL_GetTicks() % 4000) / 4000.0f);
    ImGui::Button("A button", ImVec2(200, 60));
    ImGui::End();
    ImGui::Render();
    SDL_RenderSetScale(gRenderer, scale, scale);
    SDL_SetRenderDrawColor(gRenderer, 248, 244, 237, 255);
    SDL_RenderClear(gRenderer);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    SDL_RenderPresent(gRenderer);
    EM_ASM({ window.bare.frames++; });
    if (gFirst) {
        gFirst = false;
        EM_ASM({
            window.bare.firstFrameMs = performance.now();
            performance.mark("bare-first-frame");
        });
    }
}

}  // namespace

int main() {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) return 1;
    const int w = EM_ASM_INT({ return document.getElementById("canvas").clientWidth; });
    const int h = EM_ASM_INT({ return document.getElementById("canvas").clientHeight; });
    gWindow = SDL_CreateWindow("bare", 0, 0, w, h, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    gRenderer = SDL_CreateRenderer(gWindow, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!gWindow || !gRenderer) return 1;
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplSDL2_InitForSDLRenderer(gWindow);
    ImGui_ImplSDLRenderer_Init(gRenderer);
    emscripten_set_main_loop(frame, 0, 0);
    return 0;
}
