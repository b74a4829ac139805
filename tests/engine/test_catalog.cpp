// The catalog: every filter, text search in both languages, totals.
#include "helpers.hpp"
#include "unknot/catalog.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace unknot;

namespace {
std::vector<std::string> ids(const std::vector<CatalogEntry>& v) {
    std::vector<std::string> out;
    for (const auto& e : v) out.push_back(e.routine->id);
    return out;
}
bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}
}  // namespace

TEST_CASE("filters narrow the core pack as documented") {
    Library lib = testing::load({testing::contentDir()});
    Catalog cat(lib);
    const auto all = cat.all();
    REQUIRE(all.size() == lib.routines.size());

    Query q;
    q.area = "neck";
    for (const auto& e : cat.query(q))
        CHECK(std::find(e.routine->areas.begin(), e.routine->areas.end(), "neck") != e.routine->areas.end());
    CHECK(contains(ids(cat.query(q)), "neck-release"));

    Query k;
    k.kind = Kind::Breathing;
    for (const auto& e : cat.query(k)) CHECK(e.routine->kind == Kind::Breathing);
    CHECK(contains(ids(cat.query(k)), "breathing-4-2-6"));

    Query eq;
    eq.equipment = "tennis-ball";
    CHECK(contains(ids(cat.query(eq)), "tennis-ball-back-wall"));
    for (const auto& e : cat.query(eq)) CHECK(contains(e.routine->equipment, "tennis-ball"));

    Query none;
    none.noEquipment = true;
    for (const auto& e : cat.query(none)) CHECK(e.routine->equipment.empty());

    Query flare;
    flare.flareSafeOnly = true;
    auto flareIds = ids(cat.query(flare));
    CHECK(contains(flareIds, "flare-day-calm"));
    CHECK_FALSE(contains(flareIds, "massage-cane-back-shoulders"));

    Query shortOnes;
    shortOnes.maxMinutes = 5;
    for (const auto& e : cat.query(shortOnes)) CHECK(e.totalSeconds <= 300);
    CHECK(cat.query(shortOnes).size() < all.size());
}

TEST_CASE("text search covers titles, conditions and area synonyms, accent-insensitive") {
    Library lib = testing::load({testing::contentDir()});
    Catalog cat(lib);
    Query q;
    q.search = "TMJ";
    CHECK(contains(ids(cat.query(q)), "jaw-neck-shoulders-headache"));
    q.search = "epaule";  // no accent typed
    q.lang = "fr";
    auto fr = ids(cat.query(q));
    CHECK(contains(fr, "shoulder-rolls"));
    q.search = "nuque";  // a French synonym of the neck area
    CHECK(contains(ids(cat.query(q)), "neck-release"));
    q.search = "neck release";  // every word must match
    q.lang = "en";
    auto both = ids(cat.query(q));
    CHECK(contains(both, "neck-release"));
    q.search = "release";
    auto one = ids(cat.query(q));
    CHECK(both.size() <= one.size());
    for (const auto& id : both) CHECK(contains(one, id));
    CHECK_FALSE(contains(both, "hand-massage-arthritis"));
    q.search = "zzzz-nothing";
    CHECK(cat.query(q).empty());
}

TEST_CASE("totals come from the compiled timeline and area counts add up") {
    Library lib = testing::load({testing::contentDir()});
    Catalog cat(lib);
    CHECK(cat.totalSeconds("neck-release") > 60);
    CHECK(cat.totalSeconds("no-such-routine") == 0);
    for (const auto& a : lib.areas) {
        Query q;
        q.area = a.id;
        CHECK(cat.countForArea(a.id) == static_cast<int>(cat.query(q).size()));
    }
}

TEST_CASE("the JSON array carries the documented fields") {
    Library lib = testing::load({testing::contentDir()});
    Catalog cat(lib);
    Query q;
    q.area = "jaw";
    std::string json = catalogToJson(lib, cat.query(q), "fr");
    for (const char* field : {"\"id\"", "\"title\"", "\"kind\"", "\"areas\"", "\"equipment\"", "\"intensity\"",
                              "\"flare_safe\"", "\"total_seconds\""})
        CHECK(json.find(field) != std::string::npos);
    CHECK(json.front() == '[');
    CHECK(json.find("Mâchoire") != std::string::npos);
    CHECK(catalogToJson(lib, {}, "en") == "[]\n");
}
