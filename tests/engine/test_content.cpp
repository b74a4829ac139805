// The bundled library: lints clean, covers every area three times, speaks both
// languages, always carries the safety cautions, and every condition the seeds
// (the therapists' articles in /work/shared/seeds) name can be found by search
// in English and in French.
//
// [SECTION] The pack as a whole
// [SECTION] Breathing patterns
// [SECTION] Every card: both languages, the safety cautions, no promises
// [SECTION] What the physiotherapist-minded review asked for
// [SECTION] Search finds every seed condition, in both languages
#include "helpers.hpp"
#include "unknot/catalog.hpp"
#include "unknot/timeline.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <sstream>
#include <variant>

using namespace unknot;

namespace {

// Every say step of a routine, inside repeats too.
void forEachSay(const Steps& steps, const std::function<void(const SayStep&)>& f) {
    for (const auto& st : steps) {
        if (const auto* say = std::get_if<SayStep>(&st.v)) f(*say);
        if (const auto* rep = std::get_if<RepeatStep>(&st.v)) forEachSay(rep->steps, f);
    }
}

bool hasSides(const SayStep& s) {
    const auto* t = std::get_if<Timed>(&s.body);
    return t && !t->sides.empty();
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The pack as a whole
//-----------------------------------------------------------------------------
TEST_CASE("the core pack loads with zero errors and zero warnings") {
    Library lib = testing::load({testing::contentDir()});
    for (const auto& d : lib.diagnostics) UNSCOPED_INFO(formatDiagnostic(d));
    CHECK(lib.diagnostics.empty());
    CHECK(lib.routines.size() >= 36);
    REQUIRE(lib.findPack("core"));
    CHECK(lib.findPack("core")->languages == std::vector<std::string>{"en", "fr"});
}

TEST_CASE("every area has at least three routines") {
    Library lib = testing::load({testing::contentDir()});
    Catalog cat(lib);
    for (const auto& a : lib.areas) {
        INFO(a.id);
        CHECK(cat.countForArea(a.id) >= 3);
    }
}

TEST_CASE("the routines the app and the issue name exist") {
    Library lib = testing::load({testing::contentDir()});
    for (const char* id : {"breathing-4-2-6", "neck-release", "hand-massage-arthritis", "tennis-ball-back-wall",
                           "tennis-ball-foot", "tennis-ball-lying", "heat-for-tight-muscles", "cold-for-sore-joints",
                           "cupping-legs-back", "massage-cane-back-shoulders", "jaw-neck-shoulders-headache",
                           "fibromyalgia-gentle", "flare-day-calm", "evening-wind-down",
                           // issue 16: the five bundled breathing patterns and the library of the seeds
                           "breathing-resonance", "breathing-box", "breathing-4-7-8", "breathing-physiological-sigh",
                           "breathing-one-minute-calm", "sciatica-gentle-stretches", "plantar-fasciitis-care",
                           "si-joint-gentle-mobility", "it-band-and-knee", "carpal-tunnel-gentle",
                           "neuropathy-circulation", "gentle-walk", "chair-yoga-stretches", "gentle-stretches-in-bed",
                           "mindful-pause", "kindness-toward-pain", "sleep-position-side", "sleep-position-back",
                           "massage-ball-hands-forearms", "massage-ball-back-hips", "jaw-release-gentle"})
        CHECK(lib.findRoutine(id));
}

//-----------------------------------------------------------------------------
// [SECTION] Breathing patterns
//-----------------------------------------------------------------------------
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

TEST_CASE("the bundled breathing patterns keep their documented paces") {
    Library lib = testing::load({testing::contentDir()});
    struct Pattern {
        const char* id;
        std::int64_t inhale, hold, exhale, rest, breathingMs;
    };
    for (const Pattern& p : {Pattern{"breathing-resonance", 4000, 0, 6000, 0, 300000},  // 6 a minute, 5 min
                             Pattern{"breathing-box", 4000, 4000, 4000, 4000, 240000},
                             Pattern{"breathing-4-7-8", 4000, 7000, 8000, 0, 4 * 19000},
                             Pattern{"breathing-physiological-sigh", 3000, 1000, 7000, 0, 5 * 11000},
                             Pattern{"breathing-one-minute-calm", 4000, 0, 6000, 0, 60000}}) {
        INFO(p.id);
        const Routine* r = lib.findRoutine(p.id);
        REQUIRE(r);
        CHECK(r->kind == Kind::Breathing);
        int found = 0;
        forEachSay(r->steps, [&](const SayStep& s) {
            const auto* b = std::get_if<Breathe>(&s.body);
            if (!b) return;
            ++found;
            CHECK(b->inhaleMs == p.inhale);
            CHECK(b->holdMs == p.hold);
            CHECK(b->exhaleMs == p.exhale);
            CHECK(b->restMs == p.rest);
            CHECK(b->cycles * b->cycleMs() == p.breathingMs);
        });
        CHECK(found == 1);
        // The card says in one line what the pattern is for.
        CHECK(r->summary.get("en").size() <= 160);
    }
}

TEST_CASE("4-7-8 warns that its long hold can make people dizzy and is not offered on flare days") {
    Library lib = testing::load({testing::contentDir()});
    const Routine* r = lib.findRoutine("breathing-4-7-8");
    REQUIRE(r);
    CHECK_FALSE(r->flareSafe);
    bool en = false, fr = false;
    for (const auto& c : r->cautions) {
        en |= contains(foldForSearch(c.get("en")), "dizzy") && contains(foldForSearch(c.get("en")), "hold");
        fr |= contains(foldForSearch(c.get("fr")), "vertige");
    }
    CHECK(en);
    CHECK(fr);
    for (const char* id :
         {"breathing-resonance", "breathing-box", "breathing-physiological-sigh", "breathing-one-minute-calm"}) {
        INFO(id);
        REQUIRE(lib.findRoutine(id));
        CHECK(lib.findRoutine(id)->flareSafe);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Every card: both languages, the safety cautions, no promises
//-----------------------------------------------------------------------------
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

//-----------------------------------------------------------------------------
// [SECTION] What the physiotherapist-minded review asked for
//-----------------------------------------------------------------------------
TEST_CASE("the body scan never invites the tingling its caution says to stop on") {
    Library lib = testing::load({testing::contentDir()});
    const Routine* r = lib.findRoutine("body-scan-relaxation");
    REQUIRE(r);
    forEachSay(r->steps, [](const SayStep& s) {
        for (const Text* t : {&s.say, &s.tip}) {
            INFO(t->get("en"));
            CHECK_FALSE(contains(foldForSearch(t->get("en")), "tingl"));
            CHECK_FALSE(contains(foldForSearch(t->get("fr")), "picot"));
            CHECK_FALSE(contains(foldForSearch(t->get("fr")), "fourmil"));
        }
    });
}

TEST_CASE("every routine for sciatica says to stop when pain spreads down the leg") {
    Library lib = testing::load({testing::contentDir()});
    int tagged = 0;
    for (const auto& r : lib.routines) {
        if (std::find(r.conditions.begin(), r.conditions.end(), "sciatica") == r.conditions.end()) continue;
        ++tagged;
        INFO(r.id);
        bool en = false, fr = false;
        for (const auto& c : collectCautions(lib, r)) {
            const std::string e = foldForSearch(c.get("en")), f = foldForSearch(c.get("fr"));
            en |= (contains(e, "down your leg") || contains(e, "into your leg")) && contains(e, "stop");
            fr |= contains(f, "jambe") && contains(f, "arretez");
        }
        CHECK(en);
        CHECK(fr);
    }
    CHECK(tagged >= 3);
}

TEST_CASE("routines for carpal tunnel keep the wrist straight and never let the hand hang bent") {
    Library lib = testing::load({testing::contentDir()});
    int tagged = 0;
    for (const auto& r : lib.routines) {
        if (std::find(r.conditions.begin(), r.conditions.end(), "carpal-tunnel") == r.conditions.end()) continue;
        ++tagged;
        INFO(r.id);
        bool straight = false;
        for (const auto& c : r.cautions)
            straight |= contains(foldForSearch(c.get("en")), "wrists straight") ||
                        contains(foldForSearch(c.get("en")), "wrist straight");
        CHECK(straight);
        forEachSay(r.steps, [](const SayStep& s) {
            INFO(s.say.get("en"));
            CHECK_FALSE(contains(foldForSearch(s.say.get("en")), "hand hang"));
        });
    }
    CHECK(tagged >= 2);
}

TEST_CASE("heat on the neck or back says how to check skin you cannot see") {
    Library lib = testing::load({testing::contentDir()});
    const Routine* r = lib.findRoutine("heat-for-tight-muscles");
    REQUIRE(r);
    int checks = 0;
    forEachSay(r->steps, [&](const SayStep& s) {
        const std::string en = foldForSearch(s.say.get("en") + " " + s.tip.get("en"));
        const std::string fr = foldForSearch(s.say.get("fr") + " " + s.tip.get("fr"));
        if (!contains(en, "skin")) return;
        ++checks;
        INFO(en);
        CHECK((contains(en, "touch") || contains(en, "mirror")));
        CHECK((contains(fr, "touch") || contains(fr, "miroir") || contains(fr, "tatez")));
    });
    CHECK(checks >= 2);
}

TEST_CASE("the hand massage soaks are timed, counted in the total, and can be extended") {
    Library lib = testing::load({testing::contentDir()});
    const Routine* r = lib.findRoutine("hand-massage-arthritis");
    REQUIRE(r);
    // A timed soak in the water, then a tap wait: the person may stay longer.
    int soaks = 0;
    for (std::size_t i = 0; i + 1 < r->steps.size(); ++i) {
        const auto* say = std::get_if<SayStep>(&r->steps[i].v);
        if (!say || !contains(foldForSearch(say->say.get("en")), "water")) continue;
        const auto* timed = std::get_if<Timed>(&say->body);
        if (!timed) continue;
        ++soaks;
        INFO(say->say.get("en"));
        CHECK(timed->seconds >= 60);
        const auto* next = std::get_if<SayStep>(&r->steps[i + 1].v);
        REQUIRE(next);
        CHECK(std::holds_alternative<WaitTap>(next->body));
    }
    CHECK(soaks == 2);
}

TEST_CASE("a step that runs once per side says which side it means") {
    Library lib = testing::load({testing::contentDir()});
    for (const auto& r : lib.routines)
        forEachSay(r.steps, [&](const SayStep& s) {
            if (!hasSides(s)) return;
            const std::string en = foldForSearch(s.say.get("en"));
            INFO(r.id << ": " << en);
            for (const char* vague : {"one arm", "one hand", "one foot", "one knee", "one leg", "other palm",
                                      "that palm", "that arm", "opposite", "stroke down your arm"})
                CHECK_FALSE(contains(en, vague));
        });
}

TEST_CASE("French wording: no gendered 'droit', no calque, balls are made to roll") {
    Library lib = testing::load({testing::contentDir()});
    auto check = [](const std::string& id, const Text& t) {
        const std::string f = foldForSearch(t.get("fr"));
        INFO(id << ": " << f);
        for (const char* bad : {"asseyez-vous droit", "tenez-vous droit", "arthritique"}) CHECK_FALSE(contains(f, bad));
        // "Roulez" alone (not "enroulez", "deroulez"): say "faites rouler".
        for (std::size_t at = f.find("roulez"); at != std::string::npos; at = f.find("roulez", at + 1))
            CHECK((at > 0 && std::isalpha(static_cast<unsigned char>(f[at - 1]))));
    };
    for (const auto& r : lib.routines) {
        check(r.id, r.title);
        check(r.id, r.summary);
        for (const auto& c : r.cautions) check(r.id, c);
        forEachSay(r.steps, [&](const SayStep& s) {
            check(r.id, s.say);
            if (!s.tip.byLang.empty()) check(r.id, s.tip);
        });
    }
    // A title names the routine; it does not give an order ("Calme les jours de poussee").
    const Routine* flare = lib.findRoutine("flare-day-calm");
    REQUIRE(flare);
    CHECK(foldForSearch(flare->title.get("fr")).rfind("calme", 0) != 0);
}

//-----------------------------------------------------------------------------
// [SECTION] Search finds every seed condition, in both languages
//-----------------------------------------------------------------------------
// The conditions the seeds name, as people type them, and a routine each should
// find. `unknot list --search` is what the app's search uses; this only asks
// that the routine is found (the order is the ranking's business).
namespace {
struct SeedQuery {
    const char* lang;
    const char* query;
    const char* id;
};
const SeedQuery kSeedQueries[] = {
    {"en", "fibromyalgia", "fibromyalgia-gentle"},
    {"fr", "fibromyalgie", "fibromyalgia-gentle"},
    {"en", "migraine", "temple-and-scalp-massage"},
    {"fr", "migraine", "temple-and-scalp-massage"},
    {"en", "headache", "jaw-neck-shoulders-headache"},
    {"fr", "mal de tête", "jaw-neck-shoulders-headache"},
    {"en", "TMJ", "jaw-release-gentle"},
    {"fr", "ATM", "jaw-release-gentle"},
    {"en", "sciatica", "sciatica-gentle-stretches"},
    {"fr", "sciatique", "sciatica-gentle-stretches"},
    {"en", "back pain", "lower-back-knee-hug"},
    {"fr", "mal de dos", "lower-back-knee-hug"},
    {"en", "arthritis", "hand-massage-arthritis"},
    {"fr", "arthrose", "hand-massage-arthritis"},
    {"en", "rheumatoid arthritis", "hand-massage-arthritis"},
    {"fr", "polyarthrite", "hand-massage-arthritis"},
    {"en", "lupus", "flare-day-calm"},
    {"fr", "lupus", "flare-day-calm"},
    {"en", "multiple sclerosis", "flare-day-calm"},
    {"fr", "sclérose en plaques", "flare-day-calm"},
    {"en", "carpal tunnel", "carpal-tunnel-gentle"},
    {"fr", "canal carpien", "carpal-tunnel-gentle"},
    {"en", "stiff neck", "neck-release"},
    {"fr", "torticolis", "neck-release"},
    {"en", "plantar fasciitis", "plantar-fasciitis-care"},
    {"fr", "fasciite plantaire", "plantar-fasciitis-care"},
    {"en", "IT band", "it-band-and-knee"},
    {"fr", "bandelette", "it-band-and-knee"},
    {"en", "knee pain", "it-band-and-knee"},
    {"fr", "douleur au genou", "it-band-and-knee"},
    {"en", "SI joint", "si-joint-gentle-mobility"},
    {"fr", "sacro-iliaque", "si-joint-gentle-mobility"},
    {"en", "neuropathy", "neuropathy-circulation"},
    {"fr", "neuropathie", "neuropathy-circulation"},
    {"en", "joint pain", "cold-for-sore-joints"},
    {"fr", "douleurs articulaires", "cold-for-sore-joints"},
    {"en", "inflammation", "cold-for-sore-joints"},
    {"fr", "inflammation", "cold-for-sore-joints"},
    {"en", "trigger points", "tennis-ball-back-wall"},
    {"fr", "points gâchettes", "tennis-ball-back-wall"},
    {"en", "stress", "breathing-4-2-6"},
    {"fr", "stress", "breathing-4-2-6"},
    {"en", "anxiety", "breathing-resonance"},
    {"fr", "anxiété", "breathing-resonance"},
    {"en", "insomnia", "body-scan-relaxation"},
    {"fr", "insomnie", "body-scan-relaxation"},
    {"en", "sleep", "breathing-4-2-6"},
    {"fr", "sommeil", "breathing-4-2-6"},
    {"fr", "sommeil", "body-scan-relaxation"},
    {"en", "chronic pain", "kindness-toward-pain"},
    {"fr", "douleur chronique", "kindness-toward-pain"},
    {"en", "walking", "gentle-walk"},
    {"fr", "marche", "gentle-walk"},
    {"en", "yoga", "chair-yoga-stretches"},
    {"fr", "yoga", "chair-yoga-stretches"},
    {"en", "mindfulness", "mindful-pause"},
    {"fr", "pleine conscience", "mindful-pause"},
    {"en", "sleep position", "sleep-position-side"},
    {"fr", "oreiller", "sleep-position-side"},
    {"en", "massage ball", "massage-ball-hands-forearms"},
    {"fr", "balle à picots", "massage-ball-hands-forearms"},
};
}  // namespace

TEST_CASE("every condition the seeds name is found by unknot list --search, in English and French") {
    for (const SeedQuery& q : kSeedQueries) {
        auto r = testing::runCli({"list", "--search", q.query, "--lang", q.lang});
        INFO(q.lang << " '" << q.query << "' should find " << q.id << "; got:\n" << r.out << r.err);
        CHECK(r.status == 0);
        std::istringstream lines(r.out);
        bool found = false;
        for (std::string line; std::getline(lines, line);) found |= line.rfind(std::string(q.id) + "  ", 0) == 0;
        CHECK(found);
    }
}
