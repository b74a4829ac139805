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
    for (const TextLine& l : app.textLines()) {
        const bool joined = l.after == '-' || l.after == '/' || l.after == '_';  // a name broken after its own mark
        s += l.text + (joined ? std::string() : l.after ? std::string(1, l.after) : std::string(" "));
    }
    return s;
}

bool shows(const App& app, const std::string& words) { return shownText(app).find(words) != std::string::npos; }

// Every line of the piece of text that starts with `start` is whole (no word
// split inside; a file's name may break after its own '-') and, when
// `inView`, lies in view (not scrolled below the card's visible part).
bool whole(const App& app, const std::string& start, bool inView) {
    const std::vector<TextLine>& lines = app.textLines();
    const auto first =
        std::find_if(lines.begin(), lines.end(), [&](const TextLine& l) { return l.text.rfind(start, 0) == 0; });
    if (first == lines.end()) return false;
    return std::all_of(lines.begin(), lines.end(), [&](const TextLine& l) {
        const bool between = std::string_view(" \n-/_\0", 6).find(l.after) != std::string_view::npos;
        return l.piece != first->piece || (between && (l.visible || !inView));
    });
}

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
        REQUIRE(h.reveal(*app, "save-audio", 195, 500, 200));  // 200 %: a long card
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
    CHECK(shows(*c.app, "Enregistré sur cet appareil sous : /null/audio/tennis-ball-back-wall-fr.opus"));
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
    // The answer is in view, and it can be tried again: the button is just
    // above it (a short scroll back).
    CHECK(whole(*c.app, "Could not save the audio", true));
    for (int i = 0; i < 10 && !Harness::find(*c.app, "save-audio"); ++i) c.h.drag(*c.app, 195, 300, 360);
    REQUIRE(Harness::find(*c.app, "save-audio") != nullptr);
}

TEST_CASE("Save as audio in a browser says the file went to the downloads, and when it has no voice",
          "[ui][card][audio]") {
    for (const char* lang : {"en", "fr"})
        for (int text : {100, 200}) {
            CAPTURE(lang, text);
            NullRoutineAudio out;
            out.downloads = true;  // as the web does
            out.voiced = false;    // the voice could not be loaded: the tones only
            CardApp c(&out, lang);
            Settings st = c.app->settings();
            st.textPercent = text;
            c.app->setSettings(st);
            c.h.frames(*c.app, 2);
            c.save();
            REQUIRE(out.asked.size() == 1);
            REQUIRE(out.asked[0].options.voice);  // asked with the voice (the default for this routine)
            INFO(shownText(*c.app));
            const bool en = std::string(lang) == "en";
            CHECK(shows(*c.app,
                        en ? "Sent to your browser’s downloads as: tennis-ball-back-wall-en.wav"
                           : "Envoyé dans les téléchargements du navigateur sous : tennis-ball-back-wall-fr.wav"));
            CHECK(shows(*c.app,
                        en ? "This file has the tones but no voice" : "Ce fichier contient les sons mais pas la voix"));
            CHECK_FALSE(shows(*c.app, en ? "Saved on this device" : "Enregistré sur cet appareil"));
            // Where it went is brought into view, whole, above the Start bar;
            // the note under it too at 100 %. At 200 % the whole answer is
            // taller than the card's visible part, and the note may need a
            // scroll.
            CHECK(whole(*c.app, en ? "Sent to" : "Envoyé", true));
            CHECK(whole(*c.app, "tennis-ball", true));
            CHECK(whole(*c.app, en ? "This file" : "Ce fichier", text == 100));
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
