// Internal: one struct per screen, each owning its own state, and the router
// (the back stack) that holds them. A screen's state lives as long as the
// screen is on the stack: a list's filters and query, a card's compiled
// timeline, History's queried words. Nothing of one screen leaks into another.
//
// [SECTION] State pieces (filters, the list's query, a card's steps, History)
// [SECTION] Screens
// [SECTION] Router
#pragma once

#include "unknot/breath_pattern.hpp"
#include "unknot/catalog.hpp"
#include "unknot/journal.hpp"
#include "unknot/model.hpp"
#include "unknot/timeline.hpp"
#include "unknot/ui/presentation.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] State pieces
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

// The list's query runs only when its inputs change, not every frame: `key`
// holds the inputs it ran with ("" runs it again).
struct ListCache {
    std::string key;
    std::vector<CatalogEntry> entries;  // filtered, sorted by title
    std::vector<Kind> kinds;            // offered as chips for this list
    std::vector<std::string> equipment;
};

// A card's routine compiled once when it opens (not every frame), in the
// language its step times were written in: another language compiles again.
struct CardView {
    bool valid = false;
    std::string lang;
    Timeline timeline;
    std::vector<StepSummary> steps;  // unknot::summarizeSteps
    std::vector<std::string> stepTimes;
    std::vector<Text> cautions;
};

// The words and numbers of the History screen, queried again only when the
// journal's changeCount() moved or a setting changed what it shows.
struct HistoryView {
    bool valid = false;
    std::uint64_t at = 0;
    History data;
    std::string exportMessage;  // after Export: where the files went, or why not
};

//-----------------------------------------------------------------------------
// [SECTION] Screens
//-----------------------------------------------------------------------------
namespace screen {
struct Home {};
struct Browse {
    bool showBackView = false;  // body map, narrow: which side is shown
};
struct List {
    explicit List(std::string areaId = {}) : area(std::move(areaId)) {}
    std::string area;  // "" lists everything
    ListFilters filters;
    ListCache cache;
    bool filtersOpen = false;  // narrow screens fold the filter chips away
};
// The card's "Save as audio": preparing until the renderer is ready (the web
// fetches the voice once), asked, shown as saving for one frame (the render
// then blocks a frame for a second or two), done with where it went.
struct SavedAudio {
    enum class State { None, Preparing, Asked, Saving, Done } state = State::None;
    std::string message;
    std::string where;  // the path, or the downloaded file's name
    std::string note;   // the file holds the tones only (no voice could be loaded)
    bool failed = false;
    bool reveal = false;  // scroll the answer into view on the next frame
};
struct Card {
    explicit Card(std::string id) : routine(std::move(id)) {}
    std::string routine;
    CardView view;
    SavedAudio audio;
};
// The session of `routine`; the end screen once its player finished.
struct Player {
    std::string routine;
};
// The pain question asked before `routine` starts.
struct PainBefore {
    std::string routine;
};
struct Problems {};
struct Settings {};
struct Safety {
    bool first = false;  // a first start: must be acknowledged, no Back
};
struct History {
    HistoryView view;
};
// "Make your own": a breathing pattern being made, or one of the own pack's
// routines being edited (`routine` set).
struct Make {
    std::string routine;
    BreathPattern pattern;
    std::string error;               // why the last Save failed, in the loader's words
    bool askDelete = false;          // Delete tapped: asking to confirm
    std::int64_t previewStart = -1;  // the app clock when the preview began
};
// The plans over weeks, and one plan: its weeks, the days done, start or stop.
struct Plans {};
struct Plan {
    std::string plan;
    bool askStop = false;  // Stop tapped: asking to confirm
};
}  // namespace screen

using Screen = std::variant<screen::Home, screen::Browse, screen::List, screen::Card, screen::Player,
                            screen::PainBefore, screen::Problems, screen::Settings, screen::Safety, screen::History,
                            screen::Make, screen::Plans, screen::Plan>;

// The routine a screen shows (a card, the pain question, the player), or null.
const std::string* screenRoutine(const Screen& s);

// For std::visit with one lambda per screen.
template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

//-----------------------------------------------------------------------------
// [SECTION] Router
//-----------------------------------------------------------------------------
// The back stack: Home at the root, never empty. It only holds screens; what
// a change of screen also does (scroll to top, end a session) is App::Impl's.
class Router {
public:
    Router() { stack_.emplace_back(screen::Home{}); }

    Screen& top() { return stack_.back(); }
    const Screen& top() const { return stack_.back(); }
    template <class T>
    bool topIs() const {
        return std::holds_alternative<T>(stack_.back());
    }
    // The nearest screen of type T from the top, or null.
    template <class T>
    T* find() {
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
            if (T* s = std::get_if<T>(&*it)) return s;
        return nullptr;
    }
    const std::vector<Screen>& stack() const { return stack_; }
    std::vector<Screen>& stack() { return stack_; }

    void push(Screen s) { stack_.push_back(std::move(s)); }
    void replaceTop(Screen s) { stack_.back() = std::move(s); }
    // False at Home: the root is never popped.
    bool pop() {
        if (stack_.size() <= 1) return false;
        stack_.pop_back();
        return true;
    }
    // Home alone.
    void reset() { stack_.assign(1, Screen{screen::Home{}}); }

private:
    std::vector<Screen> stack_;
};

}  // namespace unknot::ui
