// Internal: the state behind App, shared by the screen files.
//
// [SECTION] The session (one Player, one clock)
// [SECTION] App::Impl
#pragma once

#include "player_figure.hpp"
#include "screens.hpp"
#include "unknot/catalog.hpp"
#include "unknot/player.hpp"
#include "unknot/session/plan_progress.hpp"
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
    std::uint64_t at = 0;                 // the journal's changeCount() when queried
    std::vector<std::string> favourites;  // newest first
    std::vector<std::string> recent;      // the 8 most recent routines
};

// The active plan and today in it (Home's "Today" card, the plan screen),
// computed again when the journal, the calendar day or flare mode changed.
struct PlanView {
    bool valid = false;
    std::uint64_t at = 0;
    std::int64_t day = 0;
    bool flare = false;
    const PlanBook* book = nullptr;
    std::optional<session::TodayInPlan> today;
};

// The daily reminder set (reminders.cpp): when, and its words, worked out
// again when what it depends on (the key) changed.
struct ReminderKey {
    std::uint64_t at = 0;  // the journal's changeCount()
    bool on = false;       // the setting, a plan book, no session playing
    int minute = 0;
    bool flare = false;
    std::string lang;
    const PlanBook* book = nullptr;
    bool operator==(const ReminderKey&) const = default;
};
struct ReminderView {
    bool valid = false;
    ReminderKey key;
    struct Set {
        std::int64_t atMs = 0;  // Unix ms
        std::string title, body;
    };
    std::optional<Set> set;
};
// A reminder found this late (the computer was asleep) is not shown.
inline constexpr std::int64_t kReminderLateMs = 60LL * 60 * 1000;

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
    // --lang holds for this run only: while it is in force, saving settings
    // keeps the language the user chose (savedLang), not the forced one.
    std::optional<std::string> forcedLang;
    std::string savedLang;

    // The journal and the settings it keeps.
    std::unique_ptr<Journal> ownJournal;  // when the config gave none
    Journal* journal = nullptr;
    Settings settings;
    JournalLists lists;
    const JournalLists& journalLists();
    PlanView planView;
    // What History and the Home lists show changed without a journal write
    // (flare mode, language): they query again.
    void journalChanged();
    bool noticesDismissed = false;
    void loadSettings();
    void changeSettings(Settings s);  // clamps, saves, applies
    void saveSettings();
    void applySettings();
    std::int64_t wallNow() const;
    int utcOffset(std::int64_t wallMs) const;
    bool shown(const Routine& r) const;  // false when flare mode hides it

    Router router;
    std::vector<Hotspot> hotspots;
    std::vector<TextLine> textLines;  // every wrapped line of the last frame (tests)
    bool topBarTitleCut = false;      // the last top bar ellipsized its title
    std::string savedNoticeFor;       // "Saved to your journal" on this routine's card, after Done
    int tipOpenStep = -1;             // the player's tip unfolded ("More") for this step
    // A long prompt at large text on a phone leaves no room under it for the
    // tip or its "More": "More" then goes among the controls (moreInControls,
    // set each frame as the words are drawn), and the tip it opens takes the
    // prompt's place for this step until "Less" (tipInsteadStep).
    int tipInsteadStep = -1;
    bool moreInControls = false;
    Widgets ui;                     // also the theme: this App's palette, not a global
    PlayerFigureCache figureCache;  // the player's figure, from one frame to the next
    const Palette& pal() const { return ui.pal(); }
    void applyTheme(ThemeId id) { ui.setTheme(id); }
    std::int64_t now = 0;
    int settleFrames = 0;  // frames still to draw after a change of screen
    bool wide = false;     // two columns: the window is >= 40 em wide
    float overflow = 0;    // App::layoutOverflow()

    Session session;
    // Navigation asked for while drawing runs after the frame's window ends,
    // so a screen never finishes drawing with another screen's state.
    std::vector<std::function<void()>> later;

    // Navigation
    const Screen& top() const { return router.top(); }
    template <class T>
    bool topIs() const {
        return router.topIs<T>();
    }
    void push(Screen s);
    void replaceTop(Screen s);
    bool pop();
    void changed() { settleFrames = 3; }
    std::string screenName() const;
    struct RouteOpener;  // App::open: a parsed route, checked against the library
    void libraryChanged();
    void prepareCard(screen::Card& card);
    void drawScreen();

    // Session (each forwards to `session` with the app's clock)
    void beginRoutine(const Routine& r);  // Start: the pain question, or the player
    bool startSession(const Routine& r, std::int64_t startMs);
    void endSession();
    void cancelAhead();       // a control was used: the sound put ahead is wrong now
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
    Wrapped topBarTitle(const std::string& title, float titleW, ImFont*& tf, bool singleLine) const;
    // `singleLine`: the title keeps one line whatever the window (the player,
    // where the prompt needs the height more).
    void topBar(const std::string& title, bool showBack, bool showLang = false, const std::string& starFor = {},
                bool singleLine = false);
    float safetyFooterHeight(float width) const;
    void safetyFooter(float width);
    void drawHome();
    void drawHomeButtons();
    void drawHomeLists();
    void drawBrowse(screen::Browse& sc);
    std::string drawBodyMap(float boxH, bool backView, bool recordSpots, bool growToLabels = false);
    void drawAreaButtons(float width);
    int areaCount(const std::string& areaId) const;
    void drawList(screen::List& sc);
    void refreshList(screen::List& sc);
    void drawFilters(screen::List& sc);
    void drawCardRow(const CatalogEntry& e);
    void drawCard(screen::Card& sc);
    void drawCardInfo(const Routine& r, const CardView& view);
    void drawCardAudio(const Routine& r, screen::SavedAudio& audio);
    AudioSaveOptions audioSaveOptions(const Routine& r) const;
    void drawCardSteps(const CardView& view);
    void drawPlayer();
    void drawPlayerMain(const Segment& seg, ImVec2 box);
    void drawPlayerBeside(const Segment& seg, ImVec2 avail);
    // The player's words, laid out by priority for this frame
    // (screen_player_words.cpp): the prompt whole first, then the tip or a
    // "More" that unfolds it, then "Next:" on one line.
    struct PlayerWords {
        std::string prompt, tip, next;
        ImFont* font = nullptr;  // the prompt's font (large, or body when large takes too much)
        Wrapped promptW, tipW;
        ImU32 promptCol = 0;
        bool tipShown = false, moreShown = false, nextShown = false;
        bool tipInstead = false;  // the tip in the prompt's place (opened from the controls)
        bool fits = true;         // false: even the prompt alone overflows (hostile text): it scrolls
        float height = 0;
    };
    PlayerWords layoutPlayerWords(const Segment& seg, float width, float room, float keepForVisual) const;
    void drawPlayerWords(const PlayerWords& w, float width);
    std::string playerNextText(const Segment& seg) const;
    // One line in place of the visual when it does not fit: the side or the
    // phase, and the seconds left (a wait: Continue). Its height, or 0.
    float playerStatusHeight(const Segment& seg) const;
    void drawPlayerStatus(const Segment& seg, float width);
    // A tap anywhere on the player (outside its buttons), Space, Enter or a
    // headset's play/pause key continues a tap step.
    void continueOnTapAnywhere(ImVec2 a, ImVec2 b);
    void drawSessionProgress(float width, bool oneLine);
    // The player's visual box, laid out once a frame (drawPlayerVisual).
    struct VisualBox {
        ImVec2 origin, c, bottomC;  // top-left; the shape's centre; the bottom row's centre
        float W = 0, H = 0, topH = 0, midH = 0, R = 0, thick = 0;
        ImFont* wordFont = nullptr;  // the bottom row's word
        bool paused = false;
        std::int64_t left = 0;  // ms left in the segment
        double progress = 0;    // of the segment, 0..1
    };
    VisualBox visualBox(ImVec2 origin) const;
    void drawPlayerVisual(const Segment& seg, ImVec2 origin);
    void drawVisualStill(const Segment& seg, const VisualBox& v);
    void drawVisualShape(const Segment& seg, const VisualBox& v);
    void drawVisualWait(const VisualBox& v);
    struct ControlsLayout {
        bool symbols = false;       // Back and Skip as drawn symbols
        bool stackConfirm = false;  // "Keep going" above "Stop"
    };
    ControlsLayout controlsLayout(float width, bool oneRow) const;
    float playerControlsHeight(float width, bool oneRow, const ControlsLayout& layout) const;
    float promptHeight(const Segment& seg, float width, float room) const;
    void drawPlayerControls(float width, bool oneRow, const ControlsLayout& layout);
    bool drawStopQuestion(float width, bool oneRow, const ControlsLayout& layout);
    void drawEnd();
    void drawProblems();
    void drawSettings();
    void settingsHeading(const char* key);
    bool drawSettingsLooks(Settings& next);
    bool drawSettingsComfort(Settings& next);
    bool drawSettingsCues(Settings& next);
    void drawSafety(const screen::Safety& sc);
    void drawHistory(screen::History& sc);
    void drawHistoryAverages(const History& h);
    void drawHistorySessions(const History& h, int offset);
    void drawHistoryExport(HistoryView& view, int offset);
    void drawHistoryStrip(const HistoryView& view, float width);
    void drawHistoryChart(const HistoryView& view, float width, float height);
    void drawPainBefore(const screen::PainBefore& sc);
    // "Make your own" (screen_make.cpp)
    bool canMake() const { return !cfg.ownPackDir.empty(); }
    void openMake(const std::string& routineId);  // "" for a new pattern
    void drawMake(screen::Make& sc);
    void drawMakeForm(screen::Make& sc, float width);
    bool makeStepper(const std::string& id, const std::string& label, const std::string& value, int& v, int lo, int hi,
                     float width);
    void drawMakeLength(screen::Make& sc, float width);
    void drawMakePreview(screen::Make& sc, float width);
    void drawMakeNotes(const screen::Make& sc);
    void drawMakeDelete(screen::Make& sc);
    void saveMade(screen::Make& sc);
    void deleteMade(const std::string& id);
    // Plans over weeks (screen_plans.cpp)
    const PlanBook& plans() const;
    const std::optional<session::TodayInPlan>& todayInPlan();  // cached like journalLists()
    void markPlanDay();
    // The daily reminder (reminders.cpp)
    ReminderView reminderView;
    void updateReminder();
    std::string reminderBody(const std::vector<std::string>& routines) const;
    bool drawSettingsReminders(Settings& next);
    void drawHomeToday(float width);
    void drawTodayRoutines(const session::TodayInPlan& t, float width);
    void drawPlans();
    void drawPlan(screen::Plan& sc);
    void drawPlanWeeks(const Plan& p, const std::optional<session::TodayInPlan>& t);
    void drawPlanActions(screen::Plan& sc, const Plan& p, bool active);
    std::string planDayText(const std::vector<std::string>& routines) const;
    void reloadOwnContent();
    // A 0-10 picker of big targets; returns the value tapped this frame.
    std::optional<int> painPicker(const std::string& idPrefix, std::optional<int> selected, float width);
    void drawJournalNotices(float width);
    void drawRoutineRows(const std::vector<std::string>& ids, const std::string& prefix);
    void drawLintOverlay();
    bool favouriteStar(const std::string& routineId, float size);
    // An action that cannot be undone, behind a question: its button `id`
    // (words `key`), then, once tapped, the question (`key`_ask) with "keep"
    // first (`id`-no, `key`_no) and the action (`id`-yes, `key`_yes). True
    // on the frame the action is confirmed; `asking` holds the state.
    bool confirmAction(const std::string& id, const std::string& key, bool& asking);

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
