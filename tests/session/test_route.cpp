// Routes: one grammar for every screen name (engine/session/route.hpp).
#include "unknot/session/route.hpp"

#include <catch2/catch.hpp>

using namespace unknot;

TEST_CASE("every route reads back as itself", "[route]") {
    for (const char* text :
         {"home", "browse", "list", "problems", "settings", "safety", "history", "area:neck", "card:tennis-ball",
          "pain:tennis-ball", "play:breathing-426", "play:x@90", "play:x@1.5", "play:x@0.001"}) {
        const Result<Route> r = parseRoute(text);
        INFO(text);
        REQUIRE(r.ok());
        CHECK(formatRoute(*r) == text);
    }
    // "all" is another name for the full list.
    CHECK(formatRoute(*parseRoute("all")) == "list");
}

TEST_CASE("routes carry typed values", "[route]") {
    const Result<Route> play = parseRoute("play:neck@12.5");
    REQUIRE(play.ok());
    const auto& p = std::get<route::Play>(*play);
    CHECK(p.routine == "neck");
    CHECK(p.atMs == 12500);
    CHECK(routeTimeMs(*play) == 12500);
    CHECK(routeTimeMs(*parseRoute("card:neck")) == 0);
    CHECK(std::get<route::List>(*parseRoute("area:lower-back")).area == "lower-back");
    CHECK(std::get<route::List>(*parseRoute("list")).area.empty());
    CHECK(std::get<route::PainBefore>(*parseRoute("pain:neck")).routine == "neck");
}

TEST_CASE("bad routes are refused with the reason and the grammar", "[route]") {
    struct Case {
        const char* text;
        const char* says;
    };
    for (const Case& c :
         {Case{"nowhere", "unknown screen: nowhere"}, Case{"home:x", "unknown screen: home:x"},
          Case{"card:", "missing routine id"}, Case{"area:", "missing area id"}, Case{"play:", "missing routine id"},
          Case{"play:@3", "missing routine id"}, Case{"play:x@abc", "bad time"}, Case{"play:x@-1", "bad time"},
          Case{"play:x@", "bad time"}, Case{"play:x@nan", "bad time"}, Case{"play:x@inf", "bad time"},
          Case{"play:x@10000001", "bad time"}, Case{"", "unknown"}}) {
        const Result<Route> r = parseRoute(c.text);
        INFO(c.text);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains(c.says));
    }
    CHECK_THAT(parseRoute("nowhere").error().message, Catch::Contains("play:ID@SECONDS"));
}
