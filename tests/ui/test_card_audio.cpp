// The card's "Save as audio" (issue 13): offered only when the runner can
// render (a RoutineAudio service), asked with the person's own settings, and
// it says where the file went, or why it could not be written.
#include "harness.hpp"

#include "unknot/session/services.hpp"

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

namespace {

// All the words the last frame laid out, joined, to find a sentence that
// wrapped over several lines.
std::string shownText(const App& app) {
    std::string s;
    for (const TextLine& l : app.textLines()) s += l.text + (l.after ? std::string(1, l.after) : std::string(" "));
    return s;
}

bool shows(const App& app, const std::string& words) { return shownText(app).find(words) != std::string::npos; }

struct CardApp {
    explicit CardApp(RoutineAudio* out, const std::string& lang = "en") : h(390, 844) {
        cfg.library = &bundled();
        cfg.services.routineAudio = out;
        app.emplace(cfg);
        app->setLanguage(lang);
        std::string error;
        REQUIRE(app->open("card:tennis-ball-back-wall", h.now, &error));
        h.frames(*app, 3);
    }
    // Scrolls the card to its button and taps it, then lets the "Saving"
    // frame and the render frame pass.
    void save() {
        REQUIRE(h.reveal(*app, "save-audio", 195, 500));
        h.tap(*app, "save-audio");
        h.frames(*app, 3);
    }
    Harness h;
    AppConfig cfg;
    std::optional<App> app;
};

}  // namespace

TEST_CASE("Save as audio is not offered without a renderer (the web build)", "[ui][card][audio]") {
    CardApp c(nullptr);
    REQUIRE(c.app->screenName() == "card");
    for (int i = 0; i < 30; ++i) c.h.drag(*c.app, 195, 600, 300);  // to the end of the card
    REQUIRE(Harness::find(*c.app, "save-audio") == nullptr);
    REQUIRE_FALSE(shows(*c.app, "Save as audio"));
}

TEST_CASE("Save as audio renders the routine with the person's settings and says where it went", "[ui][card][audio]") {
    NullRoutineAudio out;
    CardApp c(&out, "fr");
    Settings st = c.app->settings();
    st.voiceGuided = false;
    st.voiceRate = 140;
    st.volumePercent = 60;
    st.voiceVolumePercent = 40;
    c.app->setSettings(st);
    c.h.frames(*c.app, 2);
    c.save();
    REQUIRE(out.asked.size() == 1);
    CHECK(out.asked[0].routine == "tennis-ball-back-wall");
    CHECK(out.asked[0].options.lang == "fr");
    CHECK_FALSE(out.asked[0].options.voice);  // a hands-on routine: the guided voice setting
    CHECK(out.asked[0].options.wordsPerMinute == 140);
    CHECK(out.asked[0].options.volume == Approx(0.6f));
    CHECK(out.asked[0].options.speechVolume == Approx(0.4f));
    INFO(shownText(*c.app));
    CHECK(shows(*c.app, "/null/audio/tennis-ball-back-wall-fr.opus"));
    // Drawing more frames does not render it again.
    c.h.frames(*c.app, 10);
    CHECK(out.asked.size() == 1);
}

TEST_CASE("Save as audio says plainly why the file could not be written", "[ui][card][audio]") {
    NullRoutineAudio out;
    out.failWith = "the disk is full";
    CardApp c(&out);
    c.save();
    REQUIRE(out.asked.size() == 1);
    INFO(shownText(*c.app));
    CHECK(shows(*c.app, "Could not save the audio"));
    CHECK(shows(*c.app, "the disk is full"));
    // It can be tried again.
    REQUIRE(Harness::find(*c.app, "save-audio") != nullptr);
}

TEST_CASE("Save as audio in a browser says the file went to the downloads, and when it has no voice",
          "[ui][card][audio]") {
    for (const char* lang : {"en", "fr"}) {
        CAPTURE(lang);
        NullRoutineAudio out;
        out.downloads = true;  // as the web does
        out.voiced = false;    // a build without a voice: the tones only
        CardApp c(&out, lang);
        c.save();
        REQUIRE(out.asked.size() == 1);
        REQUIRE(out.asked[0].options.voice);  // asked with the voice (the default for this routine)
        INFO(shownText(*c.app));
        const bool en = std::string(lang) == "en";
        CHECK(shows(*c.app, en ? "Sent to your browser’s downloads: tennis-ball-back-wall-en.wav"
                               : "Envoyé dans les téléchargements du navigateur : tennis-ball-back-wall-fr.wav"));
        CHECK(shows(*c.app,
                    en ? "This file has the tones but no voice" : "Ce fichier contient les sons mais pas la voix"));
        CHECK_FALSE(shows(*c.app, en ? "Saved on this device" : "Enregistré sur cet appareil"));
    }
    // With the voice off for that kind of routine, nothing is missing: no note.
    NullRoutineAudio out;
    out.downloads = true;
    out.voiced = false;
    CardApp c(&out);
    Settings st = c.app->settings();
    st.voiceGuided = false;
    c.app->setSettings(st);
    c.h.frames(*c.app, 2);
    c.save();
    INFO(shownText(*c.app));
    CHECK(shows(*c.app, "Sent to your browser’s downloads"));
    CHECK_FALSE(shows(*c.app, "no voice"));
}

TEST_CASE("Save as audio waits, saying so, while the voice is being fetched", "[ui][card][audio]") {
    NullRoutineAudio out;
    out.downloads = true;
    out.readyAfter = 5;  // the web's first save: the voice's data is on its way
    CardApp c(&out);
    REQUIRE(c.h.reveal(*c.app, "save-audio", 195, 500));
    c.h.tap(*c.app, "save-audio");
    c.h.frames(*c.app, 2);
    INFO(shownText(*c.app));
    CHECK(shows(*c.app, "Getting the voice ready…"));
    CHECK(out.asked.empty());                               // nothing rendered before the voice is here
    CHECK(Harness::find(*c.app, "save-audio") == nullptr);  // not asked twice meanwhile
    c.h.frames(*c.app, 8);
    REQUIRE(out.asked.size() == 1);
    CHECK(shows(*c.app, "Sent to your browser’s downloads"));
    CHECK_FALSE(shows(*c.app, "Getting the voice ready"));
}
