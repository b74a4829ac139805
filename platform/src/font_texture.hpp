// The font atlas as an SDL texture, made here rather than by the ImGui
// backend (whose NewFrame we therefore never call): the backend asks ImGui
// for a 32-bit copy of the atlas and uploads it, so at start-up the atlas
// exists three times (8-bit, 32-bit, texture). For three sizes of a font with
// accents that is ~18 MB of peak memory on a phone. Here the 8-bit atlas is
// expanded straight into the locked texture, then ImGui's copy is freed, and
// so are the font files' bytes once the glyphs are baked (fonts are built
// once per text size: nothing else rebuilds the atlas).
// The texels are the backend's exactly: white, alpha = coverage.
#pragma once

#include <SDL.h>

#include <string>

namespace unknot::platform {

class FontTexture {
public:
    FontTexture() = default;
    FontTexture(const FontTexture&) = delete;
    FontTexture& operator=(const FontTexture&) = delete;
    ~FontTexture() { destroy(); }

    // Builds ImGui's current atlas into a texture and hands it to ImGui.
    bool create(SDL_Renderer* renderer, std::string& error);
    void destroy();

private:
    SDL_Texture* texture_ = nullptr;
};

}  // namespace unknot::platform

#include "unknot/files.hpp"

#include <functional>

namespace unknot::platform {

// The app's fonts at its text size: the TTF read, baked by Dear ImGui
// (ui::setupImGui) and uploaded as a FontTexture. The text size setting
// rebuilds the atlas at the new size (sharp glyphs, not a scaled bitmap),
// between frames.
class AppFonts {
public:
    // `scale`: physical pixels per logical pixel when the fonts are baked.
    AppFonts(const FileSource& files, std::string dataDir, SDL_Renderer* renderer, std::function<float()> scale);
    // The first build; a missing font is a warning on stderr (ImGui's own
    // font is used), a texture that cannot be made is an error.
    bool build(float px, std::string& error);
    // Rebuilds at `px` unless that is within half a pixel of the built size;
    // true when it did.
    bool rebuild(float px);

private:
    bool bake(float px, std::string& warning, std::string& error);

    const FileSource& files_;
    std::string dataDir_;
    SDL_Renderer* renderer_;
    std::function<float()> scale_;
    FontTexture texture_;
    float builtPx_ = 0;
};

}  // namespace unknot::platform
