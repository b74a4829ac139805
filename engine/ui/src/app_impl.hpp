// Internal: the state behind App, shared by the screen files.
//
// [SECTION] Screens and the back stack
// [SECTION] Filters of the card list
// [SECTION] The session (one Player, one clock)
// [SECTION] App::Impl
#pragma once

#include "unknot/catalog.hpp"
#include "unknot/player.hpp"
#include "unknot/session/session.hpp"
#include "unknot/timeline.hpp"
#include "unknot/ui/app.hpp"
#include "unknot/ui/presentation.hpp"
#include "widgets.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Screens and the back stack
//-----------------------------------------------------------------------------
enum class ScreenKind { Home, Browse, List, Card, Player, Problems, Settings, Safety, History, PainBefore };

// `arg`: the area id of a List ("" lists everything), the routine id of a Card,
// a Player or a PainBefore (the question asked before that routine starts).
struct Screen {
    ScreenKind kind = ScreenKind::Home;
    std::string arg;
};

//-----------------------------------------------------------------------------
// [SECTION] Filters
//-----------------------------------------------------------------------------
struct ListFilters {
    std::optional<Kind> kind;
    std::optional<std::string> equipment;
    bool noEquipment = false;
    int maxMinutes = 0;  // 0: any length
    bool flareSafe = false;
    std::string search;
    bool any() const { return kind || equipment || noEquipment || maxMinutes || flareSafe || !search.empty(); }
};

//-----------------------------------------------------------------------------
// [SECTION] The session
//-----------------------------------------------------------------------------
// The session is unknot::Session (engine/session): App::Impl keeps one, and
// the screens call it. The player follows the clock frame() is given, and
// nothing else: no frame deltas are added up, so a long session ends exactly
// on time.

// What the screens read from the journal, queried again only when the
// journal's changeCount() moved or a setting changed what they show
// (journalChanged()), never once per frame: that would be SQLite work on the
// frame loop.
struct JournalLists {
    bool valid = false;
    std::uint64_t at = 0;  // the journal's changeCount() when queried
    std::vector<std::string> favourites;  // newest first
    std::vector<std::string> recent;      // the 8 most recent routines
};

// The words and numbers of the History screen, queried likewise.
struct HistoryView {
    bool valid = false;
    std::uint64_t at = 0;
    History data;
    std::string exportMessage;  // after Export: where the files went, or why not
};

//-----------------------------------------------------------------------------
// [SECTION] App::Impl
//-----------------------------------------------------------------------------
struct App::Impl {
    explicit Impl(AppConfig c);

    AppConfig cfg;
    const Library* libp;
    std::unique_ptr<Catalog> cat;
    const Library& lib() const { return *libp; }
    const Catalog& catalog() const { return *cat; }
    std::string lang;

    // The journal and the settings it keeps.
    std::unique_ptr<Journal> ownJournal;  // when the config gave none
    Journal* journal = nullptr;
    Settings settings;
    HistoryView historyView;
    JournalLists lists;
    const JournalLists& journalLists();
    // What History and the Home lists show changed without a journal write
    // (flare mode, language): they query again.
    void journalChanged() {
        historyView.valid = false;
        lists.valid = false;
    }
    bool noticesDismissed = false;
    void loadSettings();
    void changeSettings(Settings s);  // clamps, saves, applies
    void saveSettings();
    void applySettings();
    std::int64_t wallNow() const;
    int utcOffset(std::int64_t wallMs) const;
    bool shown(const Routine& r) const;  // false when flare mode hides it

    std::vector<Screen> stack;
    std::vector<Hotspot> hotspots;
    Widgets ui;
    std::int64_t now = 0;
    int settleFrames = 0;        // frames still to draw after a change of screen
    std::optional<bool> awake;   // last keep-awake value sent to the device
    bool wide = false;           // two columns: the window is >= 40 em wide
    float overflow = 0;          // App::layoutOverflow()

    bool showBackView = false;   // body map, narrow: which side is shown
    ListFilters filters;
    // The list's query runs only when its inputs change, not every frame.
    struct ListCache {
        std::string key;
        std::vector<CatalogEntry> entries;  // filtered, sorted by title
        std::vector<Kind> kinds;            // offered as chips for this list
        std::vector<std::string> equipment;
    } listCache;
    void refreshList();
    bool filtersOpen = false;    // narrow screens fold the filter chips away

    // The card shown, compiled once when it opens (not every frame).
    std::string cardId;
    Timeline cardTimeline;
    std::vector<StepSummary> cardSteps;  // unknot::summarizeSteps
    std::vector<std::string> cardStepTimes;
    std::vector<Text> cardCautions;

    Session session;
    // Navigation asked for while drawing runs after the frame's window ends,
    // so a screen never finishes drawing with another screen's state.
    std::vector<std::function<void()>> later;

    // Navigation
    const Screen& top() const { return stack.back(); }
    void push(Screen s);
    void replaceTop(Screen s);
    bool pop();
    void changed() { settleFrames = 3; }
    std::string screenName() const;
    void prepareCard(const std::string& id);

    // Session (each forwards to `session` with the app's clock)
    void beginRoutine(const Routine& r);  // Start: the pain question, or the player
    bool startSession(const Routine& r, std::int64_t startMs);
    void endSession();
    void cancelAhead();  // a control was used: the sound put ahead is wrong now
    std::string pendingArea;  // carried from Start through the pain question
    void advancePlayer();
    void updateKeepAwake();
    void askStop();
    void cancelStop();
    // Back (the device's key or the on-screen one) during a session: asks to
    // stop, or, while asking, keeps going.
    void backInSession();

    // Drawing
    void frame(std::int64_t nowMs);
    // `starFor`: a routine id whose favourite star sits at the right.
    void topBar(const std::string& title, bool showBack, bool showLang = false, const std::string& starFor = {});
    float safetyFooterHeight(float width) const;
    void safetyFooter(float width);
    void drawHome();
    void drawBrowse();
    std::string drawBodyMap(float boxH, bool backView, bool recordSpots);
    void drawAreaButtons(float width);
    int areaCount(const std::string& areaId) const;
    void drawList();
    void drawFilters();
    void drawCardRow(const CatalogEntry& e);
    void drawCard();
    void drawCardInfo(const Routine& r);
    void drawCardSteps();
    void drawPlayer();
    void drawPlayerVisual(const Segment& seg, ImVec2 origin, float size);
    struct ControlsLayout {
        bool symbols = false;       // Back and Skip as drawn symbols
        bool stackConfirm = false;  // "Keep going" above "Stop"
    };
    ControlsLayout controlsLayout(float width, bool oneRow) const;
    void drawPlayerControls(float width, bool oneRow, const ControlsLayout& layout);
    void drawEnd();
    void drawProblems();
    void drawSettings();
    void drawSafety();
    void drawHistory();
    void drawHistoryStrip(float width);
    void drawHistoryChart(float width, float height);
    void drawPainBefore();
    // A 0-10 picker of big targets; returns the value tapped this frame.
    std::optional<int> painPicker(const std::string& idPrefix, std::optional<int> selected, float width);
    void drawJournalNotices(float width);
    void drawRoutineRows(const std::vector<std::string>& ids, const std::string& prefix);
    void drawLintOverlay();
    bool favouriteStar(const std::string& routineId, float size);

    // Words
    std::string label(const std::string& key) const;
    std::string areaLabel(const std::string& id) const;
    std::string equipmentLabel(const std::string& id) const;
    std::string kindLabel(Kind k) const;
    std::string intensityLabel(Intensity i) const;
    std::string routineMeta(const Routine& r, std::int64_t totalSeconds) const;
    std::string routineTitle(const std::string& id) const;
};

}  // namespace unknot::ui
