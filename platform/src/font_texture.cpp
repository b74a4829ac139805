// The font atlas as an SDL texture (see font_texture.hpp).
#include "font_texture.hpp"

#include <imgui.h>

#include <cstddef>
#include <cstdint>

namespace unknot::platform {

bool FontTexture::create(SDL_Renderer* renderer, std::string& error) {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* alpha = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&alpha, &w, &h);  // builds the atlas
    // The glyphs are baked: the TTF copies (one per size) go before the
    // texture is allocated, so they never coexist with it.
    io.Fonts->ClearInputData();
    texture_ = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING, w, h);
    if (!texture_) {
        error = std::string("SDL_CreateTexture (font atlas ") + std::to_string(w) + "x" + std::to_string(h) +
                "): " + SDL_GetError();
        return false;
    }
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(texture_, nullptr, &pixels, &pitch) != 0) {
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
    SDL_UnlockTexture(texture_);
    SDL_SetTextureBlendMode(texture_, SDL_BLENDMODE_BLEND);
    io.Fonts->SetTexID(static_cast<ImTextureID>(texture_));
    io.Fonts->ClearTexData();
    return true;
}

void FontTexture::destroy() {
    if (texture_) SDL_DestroyTexture(texture_);
    texture_ = nullptr;
}

}  // namespace unknot::platform

#include "setup.hpp"
#include "unknot/ui/app.hpp"

#include <cmath>
#include <iostream>

namespace unknot::platform {

AppFonts::AppFonts(const FileSource& files, std::string dataDir, SDL_Renderer* renderer, std::function<float()> scale)
    : files_(files), dataDir_(std::move(dataDir)), renderer_(renderer), scale_(std::move(scale)) {}

bool AppFonts::bake(float px, std::string& warning, std::string& error) {
    std::string problem;
    {
        // Scoped: the file's bytes are freed as soon as ImGui has its copies.
        const std::string ttf = readFont(files_, dataDir_, problem);
        texture_.destroy();
        ui::setupImGui(ttf, px, scale_(), &warning);
    }
    if (!warning.empty() && !problem.empty()) warning += " (" + problem + ")";
    builtPx_ = px;
    return texture_.create(renderer_, error);
}

bool AppFonts::build(float px, std::string& error) {
    std::string warning;
    const bool ok = bake(px, warning, error);
    if (!warning.empty()) std::cerr << "unknot: " << warning << "\n";
    return ok;
}

bool AppFonts::rebuild(float px) {
    if (std::fabs(px - builtPx_) < 0.5f) return false;
    std::string warning, error;
    if (!bake(px, warning, error)) std::cerr << "unknot: " << error << "\n";
    return true;
}

}  // namespace unknot::platform
