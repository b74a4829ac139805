// Pure helpers behind the screens: clock text, step times on a card, touch
// targets; and setupImGui's fonts (sizes, HiDPI scale, French glyphs).
//
// [SECTION] Clock text
// [SECTION] Step times
// [SECTION] Touch targets
// [SECTION] Fonts
#include "harness.hpp"

#include "unknot/ui/presentation.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

//-----------------------------------------------------------------------------
// [SECTION] Clock text
//-----------------------------------------------------------------------------
TEST_CASE("clock text rounds up and switches to m:ss from a minute", "[ui][presentation]") {
    CHECK(formatClock(0) == "0:00");
    CHECK(formatClock(1) == "0:01");  // never "0:00" while time is left
    CHECK(formatClock(750000) == "12:30");
    CHECK(formatClock(3723000) == "1:02:03");
    CHECK(formatCountdown(4000) == "4");
    CHECK(formatCountdown(3001) == "4");
    CHECK(formatCountdown(59000) == "59");
    CHECK(formatCountdown(60000) == "1:00");
    CHECK(formatCountdown(95000) == "1:35");
    CHECK(ceilSeconds(-5) == 0);
}

//-----------------------------------------------------------------------------
// [SECTION] Step times
//-----------------------------------------------------------------------------
TEST_CASE("card step times: sides, breathing counts, waits, in both languages", "[ui][presentation]") {
    const Library lib = smallLibrary();
    const auto steps = [&](const char* id) { return summarizeSteps(compileTimeline(lib, *lib.findRoutine(id))); };
    const auto breath = steps("breathing-4-2-6");
    REQUIRE(breath.size() == 1);
    CHECK(stepTimeText(breath[0], "en") == "4-2-6 \u00d7 3 (36 s)");
    CHECK(breathPattern(breath[0]) == "4-2-6");

    const auto neck = steps("neck-release");
    REQUIRE(neck.size() == 2);
    CHECK(stepTimeText(neck[0], "en") == "5 s");
    CHECK(stepTimeText(neck[1], "en") == "10 s each side");
    CHECK(stepTimeText(neck[1], "fr") == "10 s de chaque côté");

    const auto wait = steps("wait-test");
    REQUIRE(wait.size() == 3);
    CHECK(stepTimeText(wait[1], "en") == "At your own pace");
    CHECK(stepTimeText(wait[1], "fr") == "À votre rythme");
}

TEST_CASE("the bundled 4-2-6 card reads 4-2-6 x 25 (5 min)", "[ui][presentation]") {
    const Library& lib = bundled();
    const Routine* r = lib.findRoutine("breathing-4-2-6");
    REQUIRE(r != nullptr);
    bool found = false;
    for (const auto& s : summarizeSteps(compileTimeline(lib, *r)))
        if (s.kind == SegmentKind::Breath) {
            CHECK(stepTimeText(s, "en") == "4-2-6 \u00d7 25 (5 min)");
            found = true;
        }
    CHECK(found);
}

//-----------------------------------------------------------------------------
// [SECTION] Touch targets
//-----------------------------------------------------------------------------
TEST_CASE("touch targets are a fingertip or 2.4 em, whichever is taller", "[ui][presentation]") {
    CHECK(touchHeight(10) == 48.0f);
    CHECK(touchHeight(20) == 48.0f);
    CHECK(touchHeight(30) == Approx(72.0f));
}

//-----------------------------------------------------------------------------
// [SECTION] Fonts
//-----------------------------------------------------------------------------
TEST_CASE("setupImGui builds three sizes, crisp on HiDPI, with French glyphs", "[ui][presentation]") {
    const std::filesystem::path ttfPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    ImGuiContext* ctx = ImGui::CreateContext();
    std::string warning;
    SECTION("without a TrueType font: the built-in one, and a warning") {
        setupImGui("", 20, 1, &warning);
        CHECK_FALSE(warning.empty());
        REQUIRE(ImGui::GetIO().Fonts->Fonts.Size == 3);
    }
    SECTION("with DejaVu Sans (fonts-dejavu-core) at 2x") {
        if (!std::filesystem::exists(ttfPath)) {
            // Not a pass: ctest reports exit 77 as skipped (SKIP_RETURN_CODE).
            std::printf("SKIP: DejaVuSans.ttf not installed (fonts-dejavu-core): glyph coverage not checked\n");
            std::exit(77);
        } else {
            std::ifstream in(ttfPath, std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            const std::string ttf = ss.str();
            setupImGui(ttf, 20, 2, &warning);
            CHECK(warning.empty());
            ImGuiIO& io = ImGui::GetIO();
            unsigned char* px = nullptr;
            int w = 0, h = 0;
            io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
            REQUIRE(io.Fonts->Fonts.Size == 3);
            CHECK(io.FontGlobalScale == Approx(0.5f));
            // Rasterized at physical size, drawn at logical size.
            CHECK(io.Fonts->Fonts[0]->FontSize * io.FontGlobalScale == Approx(20.0f));
            CHECK(io.Fonts->Fonts[1]->FontSize * io.FontGlobalScale == Approx(32.0f));
            CHECK(io.Fonts->Fonts[2]->FontSize * io.FontGlobalScale == Approx(60.0f));
            // é à ç œ Œ « » ’ … – — · and the no-break spaces.
            for (const int code : {0x00E9, 0x00E0, 0x00E7, 0x0153, 0x0152, 0x00AB, 0x00BB, 0x2019, 0x2026, 0x2013,
                                   0x2014, 0x00B7, 0x00A0, 0x00D7}) {
                const auto c = static_cast<ImWchar>(code);
                INFO("glyph U+" << std::hex << static_cast<int>(c));
                CHECK(io.Fonts->Fonts[0]->FindGlyphNoFallback(c) != nullptr);
            }
        }
    }
    ImGui::DestroyContext(ctx);
}

//-----------------------------------------------------------------------------
// Numbers and dates follow the language
//-----------------------------------------------------------------------------
TEST_CASE("numbers and dates follow the language", "[ui][presentation]") {
    CHECK(formatSigned(-1.8, 1, "en") == "\u22121.8");
    CHECK(formatSigned(-1.8, 1, "fr") == "\u22121,8");
    CHECK(formatSigned(2.25, 1, "en") == "+2.3");
    CHECK(formatSigned(0.04, 1, "fr") == "0,0");  // no sign on a change that rounds to nothing
    CHECK(formatSigned(-0.04, 1, "en") == "0.0");
    CHECK(formatSigned(3, 0, "en") == "+3");
    CHECK(formatPercent(150, "en") == "150%");
    CHECK(formatPercent(150, "fr") == "150\u202f%");

    // 2026-11-21 09:05 UTC is a Saturday.
    const std::int64_t t = 1'795'251'900'000LL;
    const CivilDate d = civilDate(t, 0);
    CHECK(d.year == 2026);
    CHECK(d.month == 11);
    CHECK(d.day == 21);
    CHECK(d.weekday == 5);
    CHECK(d.hour == 9);
    CHECK(d.minute == 5);
    CHECK(formatDate(t, 0, "en") == "21 Nov 2026");
    CHECK(formatDate(t, 0, "fr") == "21 nov. 2026");
    CHECK(formatTime(t, 0, "en") == "09:05");
    CHECK(formatTime(t, 0, "fr") == "9\u00a0h\u00a005");
    CHECK(formatShortDay(t, 0, "en") == "Sat 21 Nov");
    CHECK(formatShortDay(t, 0, "fr") == "sam. 21 nov.");
    // The UTC offset moves the day: 23:30 in New York is the next day in UTC.
    CHECK(civilDate(t, -10 * 60).day == 20);
    CHECK(civilDate(t, 15 * 60).day == 22);
    // Before 1970 and at month ends the calendar still holds.
    CHECK(formatDate(-86'400'000LL, 0, "en") == "31 Dec 1969");
    CHECK(formatDate(951'782'400'000LL, 0, "en") == "29 Feb 2000");
    CHECK(weekdayInitial(0, "en") == "M");
    CHECK(weekdayInitial(0, "fr") == "L");
    CHECK(weekdayInitial(6, "fr") == "D");
}

TEST_CASE("body map spots never overlap, and a spot covering another area's centre stays off the map",
          "[ui][presentation]") {
    // The bundled areas' spots on a 400 px tall figure, both views.
    const float boxH = 400, boxW = 200;
    for (const bool back : {false, true}) {
        std::vector<MapCircle> spots;
        for (const Area& a : test::bundled().areas)
            for (const MapSpot& s : a.spots)
                if (s.back == back) spots.push_back({a.id, s.x * boxW, s.y * boxH, std::max(s.r * boxH, 7.0f)});
        REQUIRE(spots.size() > 5);
        const std::vector<MapCircle> out = separateMapCircles(spots, 2.0f);
        INFO((back ? "back" : "front") << " view");
        CHECK(out.size() >= spots.size() - 2);  // only a covering spot leaves
        for (std::size_t i = 0; i < out.size(); ++i) {
            CHECK(out[i].r > 0.0f);
            for (std::size_t j = i + 1; j < out.size(); ++j) {
                INFO(out[i].area << " and " << out[j].area);
                CHECK(std::hypot(out[i].x - out[j].x, out[i].y - out[j].y) >= out[i].r + out[j].r);
            }
        }
    }
    // A big circle over a small one elsewhere: the big one leaves.
    const auto two = separateMapCircles({{"whole-body", 100, 150, 36}, {"lower-back", 100, 160, 20}}, 2.0f);
    REQUIRE(two.size() == 1);
    CHECK(two[0].area == "lower-back");
}
