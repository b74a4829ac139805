// Window and renderer over SDL (see window.hpp).
//
// [SECTION] Scale
// [SECTION] SdlWindow (and its icon, drawn in code: icon.hpp)
// [SECTION] SdlRenderer (accelerated or software; vsync trust; offscreen target)
// [SECTION] Null implementations
#include "unknot/platform/window.hpp"

#include "icon.hpp"

#include <SDL.h>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Scale
//-----------------------------------------------------------------------------
float pixelScale(Size logical, Size physical) {
    if (logical.w <= 0 || logical.h <= 0 || physical.w <= 0 || physical.h <= 0) return 1.0f;
    return static_cast<float>(physical.w) / static_cast<float>(logical.w);
}

//-----------------------------------------------------------------------------
// [SECTION] SdlWindow
//-----------------------------------------------------------------------------
namespace {

// The app icon (icon.hpp): the same pixels as the installed desktop icons
// and the web app's icons, so the repository ships no image.
void setIcon(SDL_Window* window) {
    IconImage icon = windowIcon();
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormatFrom(icon.rgba.data(), icon.size, icon.size, 32, icon.size * 4,
                                                        SDL_PIXELFORMAT_RGBA32);
    if (!s) return;                // an icon is a nicety: no icon is not an error
    SDL_SetWindowIcon(window, s);  // SDL keeps its own copy
    SDL_FreeSurface(s);
}

}  // namespace

std::unique_ptr<SdlWindow> SdlWindow::create(const std::string& title, Size logical, std::string& error) {
    const Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_HIDDEN;
    SDL_Window* w =
        SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, logical.w, logical.h, flags);
    if (!w) {
        error = std::string("SDL_CreateWindow failed: ") + SDL_GetError();
        return nullptr;
    }
    setIcon(w);
    // Tired fingers on a small window: never let it shrink below a phone.
    SDL_SetWindowMinimumSize(w, 320, 480);
    return std::unique_ptr<SdlWindow>(new SdlWindow(w));
}

SdlWindow::~SdlWindow() {
    if (window_) SDL_DestroyWindow(window_);
}

Size SdlWindow::logicalSize() const {
    Size s;
    SDL_GetWindowSize(window_, &s.w, &s.h);
    return s;
}

void SdlWindow::setTitle(const std::string& title) { SDL_SetWindowTitle(window_, title.c_str()); }
void SdlWindow::show() { SDL_ShowWindow(window_); }
bool SdlWindow::minimized() const {
    return (SDL_GetWindowFlags(window_) & (SDL_WINDOW_MINIMIZED | SDL_WINDOW_HIDDEN)) != 0;
}

int SdlWindow::displayHz() const {
    SDL_DisplayMode mode;
    const int display = SDL_GetWindowDisplayIndex(window_);
    if (display < 0 || SDL_GetCurrentDisplayMode(display, &mode) != 0) return 0;
    return mode.refresh_rate;
}

//-----------------------------------------------------------------------------
// [SECTION] SdlRenderer
//-----------------------------------------------------------------------------
std::unique_ptr<SdlRenderer> SdlRenderer::create(SdlWindow& window, std::string& error) {
    // Accelerated first (a phone's GPU draws for far less power than its CPU),
    // then SDL's software renderer, which works everywhere, Xvfb included.
    SDL_Renderer* r = SDL_CreateRenderer(window.sdl(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!r) {
        const std::string accelError = SDL_GetError();
        r = SDL_CreateRenderer(window.sdl(), -1, SDL_RENDERER_SOFTWARE);
        if (!r) {
            error = "SDL_CreateRenderer failed (accelerated: " + accelError + "; software: " + SDL_GetError() + ")";
            return nullptr;
        }
    }
    std::unique_ptr<SdlRenderer> out(new SdlRenderer(r));
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) == 0) {
        // SDL's software renderer reports PRESENTVSYNC when asked, yet under
        // X11 it presents at once; only an accelerated renderer's vsync is
        // believed. Without it the shell paces frames itself.
        out->trustedVsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) && (info.flags & SDL_RENDERER_ACCELERATED) &&
                             std::string(info.name) != "software";
        out->software_ = std::string(info.name) == "software";
    }
    return out;
}

SdlRenderer::~SdlRenderer() {
    if (target_) SDL_DestroyTexture(target_);
    if (renderer_) SDL_DestroyRenderer(renderer_);
}

Size SdlRenderer::outputSize() const {
    if (target_) return targetSize_;
    Size s;
    if (SDL_GetRendererOutputSize(renderer_, &s.w, &s.h) != 0) return {};
    return s;
}

std::string SdlRenderer::describe() const {
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(renderer_, &info) != 0) return "unknown";
    return std::string(info.name) + (trustedVsync_ ? " (vsync)" : " (paced by the app)");
}

void SdlRenderer::clear(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    SDL_SetRenderDrawColor(renderer_, r, g, b, 255);
    SDL_RenderClear(renderer_);
}

void SdlRenderer::setScale(float scale) {
    float sx = 0, sy = 0;
    SDL_RenderGetScale(renderer_, &sx, &sy);
    if (sx != scale || sy != scale) SDL_RenderSetScale(renderer_, scale, scale);
}

void SdlRenderer::present() {
    // Offscreen frames are read back, never shown.
    if (!target_) SDL_RenderPresent(renderer_);
}

bool SdlRenderer::useOffscreenTarget(Size size, std::string& error) {
    target_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_TARGET, size.w, size.h);
    if (!target_) {
        error = std::string("SDL_CreateTexture (offscreen target) failed: ") + SDL_GetError();
        return false;
    }
    if (SDL_SetRenderTarget(renderer_, target_) != 0) {
        error = std::string("SDL_SetRenderTarget failed: ") + SDL_GetError();
        return false;
    }
    targetSize_ = size;
    return true;
}

bool SdlRenderer::readPixels(Size size, std::vector<std::uint8_t>& rgba, std::string& error) {
    rgba.assign(static_cast<std::size_t>(size.w) * static_cast<std::size_t>(size.h) * 4, 0);
    SDL_Rect rect{0, 0, size.w, size.h};
    // RGBA32 is R, G, B, A bytes in memory on any endianness: what PNG wants.
    if (SDL_RenderReadPixels(renderer_, &rect, SDL_PIXELFORMAT_RGBA32, rgba.data(), size.w * 4) != 0) {
        error = std::string("SDL_RenderReadPixels failed: ") + SDL_GetError();
        return false;
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Null implementations
//-----------------------------------------------------------------------------
void NullRenderer::clear(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    color_[0] = r;
    color_[1] = g;
    color_[2] = b;
}

bool NullRenderer::readPixels(Size size, std::vector<std::uint8_t>& rgba, std::string& error) {
    if (size.w > size_.w || size.h > size_.h) {
        error = "NullRenderer: read outside the output";
        return false;
    }
    rgba.resize(static_cast<std::size_t>(size.w) * static_cast<std::size_t>(size.h) * 4);
    for (std::size_t i = 0; i < rgba.size(); i += 4) {
        rgba[i] = color_[0];
        rgba[i + 1] = color_[1];
        rgba[i + 2] = color_[2];
        rgba[i + 3] = 255;
    }
    return true;
}

}  // namespace unknot::platform
