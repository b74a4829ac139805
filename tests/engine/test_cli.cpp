// The command line, run in-process: exit statuses, output formats, options.
#include "helpers.hpp"

#include <catch2/catch.hpp>

using testing::runCli;
using testing::TempDir;

TEST_CASE("help and version") {
    auto h = runCli({"--help"});
    CHECK(h.status == 0);
    CHECK(h.out.find("lint") != std::string::npos);
    CHECK(h.out.find("--screenshot") != std::string::npos);
    auto help = runCli({"help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("play") != std::string::npos);
    CHECK(help.out.find("list") != std::string::npos);
    auto v = runCli({"--version"});
    CHECK(v.status == 0);
    CHECK(v.out.rfind("unknot ", 0) == 0);
}

TEST_CASE("bad usage exits 2 with a message") {
    CHECK(runCli({"list", "--max-minutes", "abc"}).status == 2);
    CHECK(runCli({"play"}).status == 2);
    CHECK(runCli({"play", "x", "--clock", "sundial"}).status == 2);
    auto r = runCli({"list", "--area", "neckk"});
    CHECK(r.status == 2);
    CHECK(r.err.find("did you mean 'neck'") != std::string::npos);
    CHECK(runCli({"list", "--lang", "french"}).status == 2);
}

TEST_CASE("lint of the default set passes with no warnings") {
    auto r = runCli({"lint"});
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(r.err.find("0 errors, 0 warnings") != std::string::npos);
}

TEST_CASE("lint exits 1 on errors, 0 on warnings only") {
    TempDir d;
    auto bad = d.write("bad.yaml", testing::routineHead("bad") + "  - say: X\n    duraton: 5s\n");
    auto r = runCli({"lint", bad});
    CHECK(r.status == 1);
    CHECK(r.out.find(bad + ":13:5: error: unknown key 'duraton' in a step (did you mean 'duration'?)") !=
          std::string::npos);
    auto warn = d.write("warn.yaml", testing::routineHead("warn") + "  - say: English only\n    duration: 5s\n");
    auto w = runCli({"lint", warn});
    CHECK(w.status == 0);
    CHECK(w.out.find(": warning: missing 'fr' translation of say") != std::string::npos);
}

TEST_CASE("play --clock virtual prints the timeline at once") {
    auto r = runCli({"play", "breathing-4-2-6", "--clock", "virtual"});
    CHECK(r.status == 0);
    CHECK(r.out.find("00:00.000  step 1") == 0);
    CHECK(r.out.find("inhale 4 s · cycle 1/25") != std::string::npos);
    CHECK(r.out.find("  end · ") != std::string::npos);
    auto missing = runCli({"play", "neck-relase"});
    CHECK(missing.status == 1);
    CHECK(missing.err.find("did you mean 'neck-release'") != std::string::npos);
}

TEST_CASE("play --clock real prints each line when due and waits for Enter at a tap") {
    TempDir d;
    auto f = d.write(
        "p.yaml", testing::routineHead("p") +
                      "  - say: One\n    duration: 2s\n  - say: Tap\n    wait: tap\n  - say: Two\n    duration: 1s\n");
    // The fake clock only moves when the CLI sleeps, so this runs instantly.
    auto r = runCli({"--content", f, "play", "p", "--clock", "real"}, "\n");
    CHECK(r.status == 0);
    auto one = r.out.find("step 1"), tap = r.out.find("press Enter"), two = r.out.find("step 3");
    CHECK(one < tap);
    CHECK(tap < two);
    CHECK(r.out.find("end · 3 s") != std::string::npos);
}

TEST_CASE("list filters and prints JSON") {
    auto r = runCli({"list", "--area", "neck", "--json"});
    CHECK(r.status == 0);
    CHECK(r.out.find("\"id\": \"neck-release\"") != std::string::npos);
    auto flare = runCli({"list", "--flare-safe", "--max-minutes", "7", "--no-equipment"});
    CHECK(flare.status == 0);
    CHECK(flare.out.find("flare-safe") != std::string::npos);
    CHECK(flare.out.find("massage-cane") == std::string::npos);
    auto search = runCli({"--lang", "fr", "list", "--search", "mâchoire"});
    CHECK(search.out.find("jaw-neck-shoulders-headache") != std::string::npos);
    auto kind = runCli({"list", "--kind", "breathing"});
    CHECK(kind.out.find("breathing-4-2-6") != std::string::npos);
    auto eq = runCli({"list", "--equipment", "tennis-ball"});
    CHECK(eq.out.find("tennis-ball-back-wall") != std::string::npos);
}

TEST_CASE("show prints the whole card, in the chosen language") {
    auto r = runCli({"show", "evening-wind-down"});
    CHECK(r.status == 0);
    for (const char* part :
         {"Kind:", "Areas:", "Equipment:", "Intensity:", "Total time:", "Flare days:", "Cautions:", "Steps:"})
        CHECK(r.out.find(part) != std::string::npos);
    auto fr = runCli({"--lang", "fr", "show", "neck-release"});
    CHECK(fr.out.find("Détente douce de la nuque") != std::string::npos);
}

TEST_CASE("the content option loads exactly the given packs") {
    TempDir d;
    d.write("mine/pack.yaml", "format: 1\nid: mine\ntitle: {en: Mine, fr: Le mien}\nversion: 1\nlanguages: [en, fr]\n");
    d.write("mine/routines/only.yaml",
            testing::routineHead("only-mine") + "  - say: {en: A, fr: A}\n    duration: 5s\n");
    auto r = runCli({"--content", d.str() + "/mine", "list"});
    CHECK(r.status == 0);
    CHECK(r.out.find("only-mine") != std::string::npos);
    CHECK(r.out.find("neck-release") == std::string::npos);
}
