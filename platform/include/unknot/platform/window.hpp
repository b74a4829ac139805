// Window and renderer: the drawable surface, as two small contracts with an
// SDL implementation and a null one (for tests and headless checks).
//
// [SECTION] Contracts
// [SECTION] SDL implementations
// [SECTION] Null implementations
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Contracts
//-----------------------------------------------------------------------------
struct Size {
    int w = 0, h = 0;
};

class Window {
public:
    virtual ~Window() = default;
    // Logical size (points): what layout is done in.
    virtual Size logicalSize() const = 0;
    virtual void setTitle(const std::string& title) = 0;
    virtual void show() = 0;
    virtual bool minimized() const = 0;
};

class Renderer {
public:
    virtual ~Renderer() = default;
    // Physical pixels of the drawable (differs from the logical size on HiDPI).
    virtual Size outputSize() const = 0;
    // True only when presenting really waits for the display (see .cpp).
    virtual bool trustedVsync() const = 0;
    virtual std::string describe() const = 0;
    virtual void clear(std::uint8_t r, std::uint8_t g, std::uint8_t b) = 0;
    // Logical-to-physical scale applied to everything drawn (HiDPI). ImGui
    // 1.86's SDL_Renderer backend leaves vertices in logical pixels and
    // relies on this to reach the physical ones.
    virtual void setScale(float scale) = 0;
    virtual void present() = 0;
    // RGBA8 rows, top first, of the current target; false + error on failure.
    virtual bool readPixels(Size size, std::vector<std::uint8_t>& rgba, std::string& error) = 0;
};

// Physical pixels per logical pixel: renderer output / window size (1 when
// either is unknown, so a minimized window never yields 0 or infinity).
float pixelScale(Size logical, Size physical);

//-----------------------------------------------------------------------------
// [SECTION] SDL implementations
//-----------------------------------------------------------------------------
// Creation errors carry SDL_GetError(); the caller decides what to tell the user.
class SdlWindow final : public Window {
public:
    // Resizable, HiDPI-aware, created hidden (shown after the first frame so the
    // user never sees an empty window flash).
    static std::unique_ptr<SdlWindow> create(const std::string& title, Size logical, std::string& error);
    ~SdlWindow() override;
    Size logicalSize() const override;
    void setTitle(const std::string& title) override;
    void show() override;
    bool minimized() const override;
    SDL_Window* sdl() const { return window_; }
    int displayHz() const;

private:
    explicit SdlWindow(SDL_Window* w) : window_(w) {}
    SDL_Window* window_ = nullptr;
};

class SdlRenderer final : public Renderer {
public:
    // Accelerated with vsync if possible, else SDL's software renderer.
    static std::unique_ptr<SdlRenderer> create(SdlWindow& window, std::string& error);
    ~SdlRenderer() override;
    Size outputSize() const override;
    bool trustedVsync() const override { return trustedVsync_; }
    // SDL's CPU renderer: pays per pixel, keeps render targets (see damage.hpp).
    bool software() const { return software_; }
    std::string describe() const override;
    void clear(std::uint8_t r, std::uint8_t g, std::uint8_t b) override;
    void setScale(float scale) override;
    void present() override;
    bool readPixels(Size size, std::vector<std::uint8_t>& rgba, std::string& error) override;
    SDL_Renderer* sdl() const { return renderer_; }

    // Draws into an offscreen texture of exactly `size` pixels instead of the
    // window (screenshots: exact size, independent of any window manager).
    bool useOffscreenTarget(Size size, std::string& error);

private:
    explicit SdlRenderer(SDL_Renderer* r) : renderer_(r) {}
    SDL_Renderer* renderer_ = nullptr;
    SDL_Texture* target_ = nullptr;
    Size targetSize_;
    bool trustedVsync_ = false;
    bool software_ = false;
};

//-----------------------------------------------------------------------------
// [SECTION] Null implementations
//-----------------------------------------------------------------------------
class NullWindow final : public Window {
public:
    explicit NullWindow(Size s) : size_(s) {}
    Size logicalSize() const override { return size_; }
    void setTitle(const std::string& t) override { title = t; }
    void show() override { shown = true; }
    bool minimized() const override { return false; }
    std::string title;
    bool shown = false;

private:
    Size size_;
};

class NullRenderer final : public Renderer {
public:
    explicit NullRenderer(Size s) : size_(s) {}
    Size outputSize() const override { return size_; }
    bool trustedVsync() const override { return false; }
    std::string describe() const override { return "null"; }
    void clear(std::uint8_t r, std::uint8_t g, std::uint8_t b) override;
    void setScale(float s) override { scale = s; }
    void present() override { ++presented; }
    bool readPixels(Size size, std::vector<std::uint8_t>& rgba, std::string& error) override;
    int presented = 0;
    float scale = 1.0f;

private:
    Size size_;
    std::uint8_t color_[3] = {0, 0, 0};
};

}  // namespace unknot::platform
