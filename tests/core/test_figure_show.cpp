// `unknot show ID --json`: every step with its figure as written, or null and
// why (issue 15).
#include "../engine/helpers.hpp"

#include "unknot/timeline.hpp"

#include <catch2/catch.hpp>

using testing::runCli;

namespace {
std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
}
}  // namespace

TEST_CASE("show --json lists each step's figure, or null with the reason") {
    auto r = runCli({"show", "tennis-ball-back-wall", "--json"});
    REQUIRE(r.status == 0);
    INFO(r.out);
    CHECK(r.out.rfind("{\"id\": \"tennis-ball-back-wall\", \"lang\": \"en\", \"steps\": [", 0) == 0);
    CHECK(count(r.out, "{\"step\": ") == 7);
    CHECK(count(r.out, "\"figure\": {") == 6);
    CHECK(count(r.out, "\"figure\": null, \"noFigure\": \"no figure in the content\"") == 1);
    CHECK(r.out.find("\"figure\": {\"pose\": \"wall-lean-side\", \"to\": \"wall-squat-side\", \"everySeconds\": 6, "
                     "\"props\": [\"tennis-ball@upper-back-right\"], \"spot\": null, \"mark\": \"roll-vertical\"}") !=
          std::string::npos);
    CHECK(r.out.find("\"sides\": [\"right\", \"left\"]") != std::string::npos);
    // The plain card is unchanged by the option's existence.
    auto plain = runCli({"show", "tennis-ball-back-wall"});
    CHECK(plain.status == 0);
    CHECK(plain.out.find("\"figure\"") == std::string::npos);
}

TEST_CASE("show --json says a breathing step keeps its breathing shape") {
    auto r = runCli({"show", "breathing-4-2-6", "--json"});
    REQUIRE(r.status == 0);
    INFO(r.out);
    CHECK(count(r.out, "\"noFigure\": \"breathing step\"") >= 1);
}
