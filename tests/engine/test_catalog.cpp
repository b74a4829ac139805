// The catalog: every filter, text search in both languages, totals.
#include "helpers.hpp"
#include "unknot/catalog.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

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

namespace {
// A small library in code (no content pack): what ranking needs to be seen.
Text en(const std::string& s) {
    Text t;
    t.byLang = {{"en", s}};
    return t;
}
Library rankingFixture() {
    Library lib;
    auto area = [&](const std::string& id, const std::string& label, std::vector<std::string> syn) {
        Area a;
        a.id = id;
        a.label = en(label);
        a.synonyms["en"] = std::move(syn);
        lib.areas.push_back(a);
    };
    area("neck", "Neck", {"whiplash", "stiff neck"});
    area("hips", "Hips", {"hip flexors"});
    area("back", "Back", {"lumbar"});
    auto routine = [&](const std::string& id, const std::string& title, const std::string& summary,
                       std::vector<std::string> areas) {
        Routine r;
        r.id = id;
        r.title = en(title);
        r.summary = en(summary);
        r.areas = std::move(areas);
        lib.routines.push_back(r);
    };
    // In id order, as the loader leaves them.
    routine("a-evening", "Evening wind-down", "Calm the back of the neck before sleep.", {"back", "neck"});
    routine("b-neck", "Gentle neck release", "Ease a stiff neck.", {"neck"});
    routine("c-hip", "Hip opener", "Open tight hips.", {"hips"});
    routine("d-lower", "Lower back ease", "Soften the lower back.", {"back"});
    return lib;
}
}  // namespace

TEST_CASE("search ranks title, area and condition matches above synonyms and summaries, whole words above parts") {
    const Library lib = rankingFixture();
    Catalog cat(lib);
    Query q;
    // "hip" is a whole word in a title, and only part of "whiplash" (a neck synonym).
    q.search = "hip";
    auto hip = ids(cat.query(q));
    REQUIRE_FALSE(hip.empty());
    CHECK(hip.front() == "c-hip");
    CHECK(std::find(hip.begin(), hip.end(), "c-hip") < std::find(hip.begin(), hip.end(), "b-neck"));
    // "back" is the area of "Lower back ease" and only said in a summary of the neck routine.
    q.search = "back";
    auto back = ids(cat.query(q));
    REQUIRE(back.size() >= 2);
    CHECK(back.front() == "d-lower");
    // Every word must still be found somewhere.
    q.search = "hip zzz";
    CHECK(cat.query(q).empty());
    // No search text: the library's order, nothing ranked.
    q.search.clear();
    for (const CatalogEntry& e : cat.query(q)) CHECK(e.rank == 0);
}

TEST_CASE("an area lists the routines whose main area it is first") {
    const Library lib = rankingFixture();
    Catalog cat(lib);
    Query q;
    q.area = "neck";
    const auto neck = ids(cat.query(q));
    // "Evening wind-down" lists neck second: after the routine that is about the neck.
    REQUIRE(neck == std::vector<std::string>{"b-neck", "a-evening"});
}

TEST_CASE("unknot list --search prints the catalog's ranking: the best answer first") {
    // Positions of routine ids in `list` output (one routine a line, id first).
    auto order = [](const std::string& out) {
        std::vector<std::string> v;
        std::size_t i = 0;
        while (i < out.size()) {
            const std::size_t eol = std::min(out.find('\n', i), out.size());
            v.push_back(out.substr(i, out.find(' ', i) - i));
            i = eol + 1;
        }
        return v;
    };
    auto before = [](const std::vector<std::string>& v, const std::string& a, const std::string& b) {
        return std::find(v.begin(), v.end(), a) < std::find(v.begin(), v.end(), b);
    };
    // "hip": a hip routine before the neck ones that match only through "whiplash".
    const auto hip = testing::runCli({"list", "--search", "hip"});
    REQUIRE(hip.status == 0);
    const auto h = order(hip.out);
    INFO(hip.out);
    CHECK(before(h, "tennis-ball-lying", "neck-release"));
    CHECK(before(h, "lower-back-knee-hug", "shoulder-rolls"));
    // "back": the back routines before the neck's "back of the neck".
    const auto back = testing::runCli({"list", "--search", "back"});
    const auto b = order(back.out);
    INFO(back.out);
    CHECK(before(b, "lower-back-knee-hug", "neck-release"));
    // --area: the routines whose main area it is first, in the command line too.
    const auto neck = testing::runCli({"list", "--area", "neck"});
    const auto n = order(neck.out);
    INFO(neck.out);
    CHECK(before(n, "neck-release", "evening-wind-down"));
    CHECK(before(n, "neck-release", "shoulder-rolls"));
}

namespace {
// A query people type, and what each of the first `top` answers must be
// about: one of `areas`, or one of `conditions` (the routine's tags).
struct PeopleQuery {
    const char* lang;
    const char* query;
    std::vector<std::string> areas, conditions;
    std::size_t top = 3;
};
const std::vector<PeopleQuery> kPeopleQueries = {
    {"en", "hip", {"hips"}, {}},
    {"en", "back", {"lower-back", "upper-back"}, {"back-pain"}},
    {"en", "sleep", {}, {"sleep", "insomnia"}},
    {"en", "can't sleep", {}, {"sleep", "insomnia"}},
    {"en", "hands", {"hands"}, {}},
    {"en", "jaw", {"jaw"}, {}},
    {"en", "neck", {"neck"}, {}},
    {"en", "knees", {"knees"}, {}},
    // "Knee hug for the lower back" says knee in its title: after the one
    // about knees.
    {"en", "knee", {"knees"}, {}, 1},
    {"en", "foot", {"feet"}, {}},
    {"en", "headache", {"head"}, {"headache", "tension-headache"}},
    {"en", "wrist", {"wrists"}, {}},
    {"en", "shoulders", {"shoulders"}, {}},
    {"en", "anxiety", {}, {"anxiety", "stress"}},
    {"en", "sciatica", {}, {"sciatica"}},
    {"en", "arthritis", {}, {"arthritis", "osteoarthritis", "rheumatoid-arthritis"}},
    {"fr", "insomnie", {}, {"sleep", "insomnia"}},
    {"fr", "sommeil", {}, {"sleep", "insomnia"}},
    {"fr", "dormir", {}, {"sleep", "insomnia"}},
    {"fr", "dos", {"lower-back", "upper-back"}, {"back-pain"}},
    {"fr", "mal de dos", {"lower-back", "upper-back"}, {"back-pain"}},
    {"fr", "hanche", {"hips"}, {}},
    {"fr", "mains", {"hands"}, {}},
    {"fr", "mâchoire", {"jaw"}, {}},
    {"fr", "machoire", {"jaw"}, {}},
    {"fr", "nuque", {"neck"}, {}},
    {"fr", "genou", {"knees"}, {}, 2},
    {"fr", "pieds", {"feet"}, {}},
    {"fr", "mal de tête", {"head"}, {"headache", "tension-headache"}},
    {"fr", "épaules", {"shoulders"}, {}},
    {"fr", "poignet", {"wrists"}, {}},
    {"fr", "angoisse", {}, {"anxiety", "stress"}},
    // Condition tags are English: below the first answer, French ties
    // between every routine whose area has the word as a synonym.
    {"fr", "sciatique", {}, {"sciatica"}, 1},
    {"fr", "arthrose", {}, {"arthritis", "osteoarthritis"}, 1},
};
}  // namespace

TEST_CASE("the queries people type rank routines about them first, in English and French, through unknot list") {
    const Library lib = testing::load({testing::contentDir()});
    for (const PeopleQuery& q : kPeopleQueries) {
        const auto r = testing::runCli({"list", "--search", q.query, "--lang", q.lang});
        INFO(q.lang << " '" << q.query << "':\n" << r.out << r.err);
        REQUIRE(r.status == 0);
        std::istringstream lines(r.out);
        std::size_t n = 0;
        for (std::string line; n < q.top && std::getline(lines, line); ++n) {
            const Routine* routine = lib.findRoutine(line.substr(0, line.find(' ')));
            REQUIRE(routine != nullptr);
            bool about = false;
            for (const std::string& a : q.areas) about = about || contains(routine->areas, a);
            for (const std::string& c : q.conditions) about = about || contains(routine->conditions, c);
            INFO("answer " << n + 1 << ": " << routine->id);
            CHECK(about);
        }
        CHECK(n == q.top);
    }
}
