// Internal: the state behind App, shared by the screen files.
//
// [SECTION] Screens and the back stack
// [SECTION] Filters of the card list
// [SECTION] The session (one Player, one clock)
// [SECTION] App::Impl
#pragma once

#include "unknot/catalog.hpp"
#include "unknot/player.hpp"
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
enum class ScreenKind { Home, Browse, List, Card, Player, Problems };

// `arg`: the area id of a List ("" lists everything), the routine id of a Card
// or of a Player.
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
// The player follows the clock frame() is given, and nothing else: no frame
// deltas are added up, so a long session ends exactly on time.
struct Session {
    std::unique_ptr<Player> player;
    const Routine* routine = nullptr;
    bool confirmingStop = false;
    bool pausedForConfirm = false;  // resume on "Keep going" only if we paused
    bool finishCued = false;
    PlayerState lastState = PlayerState::Ready;
};

//-----------------------------------------------------------------------------
// [SECTION] App::Impl
//-----------------------------------------------------------------------------
struct App::Impl {
    explicit Impl(AppConfig c);

    AppConfig cfg;
    const Library& lib;
    Catalog catalog;
    std::string lang;

    std::vector<Screen> stack;
    std::vector<Hotspot> hotspots;
    Widgets ui;
    std::int64_t now = 0;
    int settleFrames = 0;        // frames still to draw after a change of screen
    std::optional<bool> awake;   // last keep-awake value sent to the device
    bool wide = false;           // two columns: the window is >= 40 em wide

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

    // Session
    bool startSession(const Routine& r, std::int64_t startMs);
    void endSession();
    void handleCues(const std::vector<CueEvent>& events);
    void advancePlayer();
    void updateKeepAwake();
    void askStop();
    void cancelStop();

    // Drawing
    void frame(std::int64_t nowMs);
    void topBar(const std::string& title, bool showBack, bool showLang = false);
    float safetyFooterHeight(float width) const;
    void safetyFooter(float width);
    void drawHome();
    void drawBrowse();
    std::string drawBodyMap(float boxH, bool backView, bool recordSpots);
    void drawAreaButtons(float width);
    void drawList();
    void drawFilters();
    void drawCardRow(const CatalogEntry& e);
    void drawCard();
    void drawCardInfo(const Routine& r);
    void drawCardSteps();
    void drawPlayer();
    void drawPlayerVisual(const Segment& seg, ImVec2 origin, float size);
    void drawPlayerControls(float width, bool oneRow);
    void drawEnd();
    void drawProblems();

    // Words
    std::string label(const std::string& key) const;
    std::string areaLabel(const std::string& id) const;
    std::string equipmentLabel(const std::string& id) const;
    std::string kindLabel(Kind k) const;
    std::string intensityLabel(Intensity i) const;
    std::string routineMeta(const Routine& r, std::int64_t totalSeconds) const;
};

}  // namespace unknot::ui
