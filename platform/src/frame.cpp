// One frame (see frame.hpp).
#include "frame.hpp"

#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <cfloat>

namespace unknot::platform {

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
    if (in.holdPixels && *in.holdPixels) return false;
    renderer.setScale(in.scale);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    const auto r = static_cast<std::uint8_t>(bg.x * 255), g = static_cast<std::uint8_t>(bg.y * 255),
               b = static_cast<std::uint8_t>(bg.z * 255);
    if (partial) return partial->render(ImGui::GetDrawData(), r, g, b);
    if (in.clearToBackground) renderer.clear(r, g, b);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    return true;
}

}  // namespace unknot::platform
