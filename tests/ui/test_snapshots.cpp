// Hidden test (run with `unknot_ui_tests [.snapshots]`): draws every screen
// headless, at a phone and a laptop size, in English and French, with the
// bundled font if installed, and writes PNGs to <build>/ui-snapshots for eyes.
//
// [SECTION] Snapshots of every screen
#include "harness.hpp"
#include "snapshot.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

//-----------------------------------------------------------------------------
// [SECTION] Snapshots of every screen
//-----------------------------------------------------------------------------
TEST_CASE("write screen snapshots", "[.snapshots]") {
    const std::filesystem::path out = std::filesystem::path(UNKNOT_BINARY_DIR) / "ui-snapshots";
    std::filesystem::create_directories(out);
    // UNKNOT_SNAPSHOT_FONT_PX=26 shows the screens at a larger text size.
    const char* pxEnv = std::getenv("UNKNOT_SNAPSHOT_FONT_PX");
    const float fontPx = pxEnv ? std::strtof(pxEnv, nullptr) : 20.0f;
    std::string ttf;
    {
        std::ifstream in("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        ttf = ss.str();
    }
    // The bundled content plus two made-up problems, so the banner and the
    // problems screen have something to show.
    Library lib = bundled();
    Diagnostic d;
    d.path = "content/core/routines/broken.yaml";
    d.line = 12;
    d.message = "unknown key 'duraton' (did you mean 'duration'?)";
    lib.diagnostics.push_back(d);
    d.severity = Severity::Warning;
    d.line = 30;
    d.message = "the French title is missing; English is shown instead";
    lib.diagnostics.push_back(d);
    std::vector<std::pair<std::string, std::int64_t>> screens = {
        {"home", 0},
        {"browse", 0},
        {"area:neck", 0},
        {"list", 0},
        {"card:neck-release", 0},
        {"card:breathing-4-2-6", 0},
        {"play:breathing-4-2-6@31", 31000},
        {"play:breathing-4-2-6@36.5", 36500},
        {"play:neck-release@40", 40000},
        {"play:neck-release@62", 62000},
        {"problems", 0},
        {"play:neck-release@72", 72000},
        {"play:neck-release@100000", 100000000},
    };
    // The first tap wait of the hand massage, wherever the content puts it.
    if (const Routine* r = lib.findRoutine("hand-massage-arthritis"))
        for (const Segment& seg : compileTimeline(lib, *r).segments)
            if (seg.kind == SegmentKind::Wait) {
                screens.push_back(
                    {"play:hand-massage-arthritis@" + std::to_string(static_cast<double>(seg.startMs) / 1000.0),
                     seg.startMs});
                break;
            }
    for (const auto& [W, H] :
         {std::pair<float, float>{390, 844}, std::pair<float, float>{1280, 800}, std::pair<float, float>{844, 390}})
        for (const std::string lang : {"en", "fr"})
            for (const auto& [name, at] : screens) {
                ImGuiContext* ctx = ImGui::CreateContext();
                std::string warning;
                setupImGui(ttf, fontPx, 1, &warning);
                ImGuiIO& io = ImGui::GetIO();
                io.DisplaySize = ImVec2(W, H);
                unsigned char* px = nullptr;
                int tw = 0, th = 0;
                io.Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
                {
                    AppConfig cfg;
                    cfg.library = &lib;
                    cfg.lang = lang;
                    App app(cfg);
                    std::string err;
                    REQUIRE(app.open(name, 0, &err));
                    for (int i = 0; i < 3; ++i) {
                        io.DeltaTime = 0.016f;
                        ImGui::NewFrame();
                        app.frame(at);
                        ImGui::Render();
                    }
                    std::string file = name;
                    std::replace(file.begin(), file.end(), ':', '_');
                    std::replace(file.begin(), file.end(), '@', '_');
                    const std::string path =
                        (out / (file + "-" + lang + "-" + std::to_string(int(W)) + "x" + std::to_string(int(H)) + "-" +
                                std::to_string(int(fontPx)) + "px.png"))
                            .string();
                    CHECK(writePng(rasterize(ImGui::GetDrawData(), ImGui::GetColorU32(ImGuiCol_WindowBg)), path));
                }
                ImGui::DestroyContext(ctx);
            }
}
