// The bundled library: lints clean, covers every area twice, speaks both
// languages, and always carries the safety cautions.
#include "helpers.hpp"
#include "unknot/catalog.hpp"
#include "unknot/timeline.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace unknot;

TEST_CASE("the core pack loads with zero errors and zero warnings") {
    Library lib = testing::load({testing::contentDir()});
    for (const auto& d : lib.diagnostics) UNSCOPED_INFO(formatDiagnostic(d));
    CHECK(lib.diagnostics.empty());
    CHECK(lib.routines.size() >= 15);
    REQUIRE(lib.findPack("core"));
    CHECK(lib.findPack("core")->languages == std::vector<std::string>{"en", "fr"});
}

TEST_CASE("every area has at least two routines") {
    Library lib = testing::load({testing::contentDir()});
    Catalog cat(lib);
    for (const auto& a : lib.areas) {
        INFO(a.id);
        CHECK(cat.countForArea(a.id) >= 2);
    }
}

TEST_CASE("the routines the app and the issue name exist") {
    Library lib = testing::load({testing::contentDir()});
    for (const char* id : {"breathing-4-2-6", "neck-release", "hand-massage-arthritis", "tennis-ball-back-wall",
                           "tennis-ball-foot", "tennis-ball-lying", "heat-for-tight-muscles", "cold-for-sore-joints",
                           "cupping-legs-back", "massage-cane-back-shoulders", "jaw-neck-shoulders-headache",
                           "fibromyalgia-gentle", "flare-day-calm", "evening-wind-down"})
        CHECK(lib.findRoutine(id));
}

TEST_CASE("4-2-6 breathing lasts five minutes of breathing") {
    Library lib = testing::load({testing::contentDir()});
    const Routine* r = lib.findRoutine("breathing-4-2-6");
    REQUIRE(r);
    Timeline t = compileTimeline(lib, *r);
    std::int64_t breathMs = 0;
    for (const auto& s : t.segments)
        if (s.kind == SegmentKind::Breath) {
            breathMs += s.durationMs;
            if (s.phase == BreathPhase::Inhale) CHECK(s.durationMs == 4000);
            if (s.phase == BreathPhase::Hold) CHECK(s.durationMs == 2000);
            if (s.phase == BreathPhase::Exhale) CHECK(s.durationMs == 6000);
        }
    CHECK(breathMs == 300000);
}

TEST_CASE("every text is in English and French and every card says when to stop") {
    Library lib = testing::load({testing::contentDir()});
    for (const auto& r : lib.routines) {
        INFO(r.id);
        CHECK(r.title.has("en"));
        CHECK(r.title.has("fr"));
        CHECK(r.summary.has("fr"));
        bool stop = false, professional = false;
        for (const auto& c : collectCautions(lib, r)) {
            std::string en = foldForSearch(c.get("en"));
            stop |= en.find("sharp pain") != std::string::npos && en.find("numb") != std::string::npos &&
                    en.find("tingl") != std::string::npos;
            professional |= en.find("health professional") != std::string::npos;
        }
        CHECK(stop);
        CHECK(professional);
    }
}

TEST_CASE("no wording promises to treat or cure") {
    Library lib = testing::load({testing::contentDir()});
    auto check = [](const Text& t) {
        for (const auto& [lang, s] : t.byLang) {
            std::string f = foldForSearch(s);
            for (const char* w : {" cure", " cures", " heal ", " heals", "guarantee", " treats ", "gueri", "garanti"}) {
                INFO(s);
                CHECK(f.find(w) == std::string::npos);
            }
        }
    };
    for (const auto& r : lib.routines) {
        check(r.title);
        check(r.summary);
        for (const auto& c : r.cautions) check(c);
    }
}
