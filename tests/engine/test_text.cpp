// Durations, text fallback, search folding and suggestions.
#include "unknot/text.hpp"

#include <catch2/catch.hpp>

using namespace unknot;

TEST_CASE("durations parse the documented forms") {
    CHECK(parseDurationSeconds("45") == 45);
    CHECK(parseDurationSeconds("45s") == 45);
    CHECK(parseDurationSeconds("2m") == 120);
    CHECK(parseDurationSeconds("1m30s") == 90);
    CHECK(parseDurationSeconds("1h5m") == 3900);
    CHECK(parseDurationSeconds("0") == 0);
}

TEST_CASE("durations refuse malformed text") {
    for (const char* bad : {"", "s", "1.5m", "ten", "1s1m", "2m2m", "-5s", "5 s", "1x", "m30", "99999999999999999"})
        CHECK_FALSE(parseDurationSeconds(bad).has_value());
}

TEST_CASE("offsets print as mm:ss.mmm") {
    CHECK(formatOffset(0) == "00:00.000");
    CHECK(formatOffset(61500) == "01:01.500");
    CHECK(formatOffset(36000000) == "600:00.000");
}

TEST_CASE("human durations and phase seconds") {
    CHECK(formatDurationHuman(45) == "45 s");
    CHECK(formatDurationHuman(90) == "1 min 30 s");
    CHECK(formatDurationHuman(3600) == "1 h");
    CHECK(formatSeconds(3500) == "3.5");
    CHECK(formatSeconds(4250) == "4.25");
    CHECK(formatSeconds(4000) == "4");
}

TEST_CASE("text falls back to the default language, then to any") {
    Text t;
    t.defaultLang = "en";
    t.byLang = {{"en", "Hello"}, {"fr", "Bonjour"}};
    CHECK(t.get("fr") == "Bonjour");
    CHECK(t.get("de") == "Hello");
    Text onlyFr;
    onlyFr.defaultLang = "en";
    onlyFr.byLang = {{"fr", "Bonjour"}};
    CHECK(onlyFr.get("en") == "Bonjour");
    CHECK(Text{}.get("en").empty());
}

TEST_CASE("search folding ignores case and accents") {
    CHECK(foldForSearch("Épaule") == "epaule");
    CHECK(foldForSearch("Mâchoire ÇA") == "machoire ca");
    CHECK(foldForSearch("cœur") == "coeur");
    CHECK(foldForSearch("bad\xff"
                        "byte") == "badbyte");
}

TEST_CASE("UTF-8 validation") {
    CHECK(isValidUtf8("Détente"));
    CHECK_FALSE(isValidUtf8("\xff"));
    CHECK_FALSE(isValidUtf8("\xc0\xaf"));      // overlong '/'
    CHECK_FALSE(isValidUtf8("\xed\xa0\x80"));  // surrogate
    CHECK_FALSE(isValidUtf8("\xe2\x82"));      // truncated
}

TEST_CASE("suggestions find close words only") {
    CHECK(suggest("duraton", {"duration", "say", "tip"}) == "duration");
    CHECK(suggest("shoulder", {"neck", "shoulders"}) == "shoulders");
    CHECK(suggest("zzzzzz", {"neck", "shoulders"}).empty());
    CHECK(editDistance("kitten", "sitting") == 3);
}
