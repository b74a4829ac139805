// App: the back stack, the frame, and the calls into the session (the rules
// of a session live in engine/session).
// The screens themselves live in screen_*.cpp.
//
// [SECTION] Construction and the public interface
// [SECTION] Navigation (back stack, open by name)
// [SECTION] The session: the screens' calls into unknot::Session
// [SECTION] The frame
// [SECTION] Shared pieces: top bar, safety footer, words
#include "app_impl.hpp"

#include "unknot/ui/strings.hpp"

#include <imgui_internal.h>  // ImGuiWindow::DC.CursorMaxPos (layoutOverflow)

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Construction and the public interface
//-----------------------------------------------------------------------------
// An App made without a library still draws (an empty Home) instead of crashing.
static const Library* libraryOrEmpty(const Library* lib) {
    static const Library empty;
    return lib ? lib : &empty;
}

App::Impl::Impl(AppConfig c) : cfg(std::move(c)), libp(libraryOrEmpty(cfg.library)) {
    cat = std::make_unique<Catalog>(*libp);
    journal = cfg.journal;
    if (!journal) {
        ownJournal = Journal::inMemory();
        journal = ownJournal.get();
    }
    settings.haptics = cfg.mobile;  // a vibrator is expected on phones only
    settings.lang = cfg.defaultLang.empty() ? "en" : cfg.defaultLang;
    loadSettings();
    // --lang wins over the saved language for this run, without saving it.
    if (!cfg.lang.empty()) settings.lang = cfg.lang;
    lang = settings.lang;
    applySettings();
    stack.push_back(Screen{ScreenKind::Home, {}});
    settleFrames = 3;
}

App::App(AppConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
App::~App() = default;

void App::frame(std::int64_t nowMs) { impl_->frame(nowMs); }

bool App::needsAnimation() const {
    const Impl& m = *impl_;
    if (m.settleFrames > 0) return true;
    // Reduced motion still updates the countdown and the bar each frame: they
    // tell the time, they are not decoration.
    return m.top().kind == ScreenKind::Player && m.session.player &&
           m.session.player->state() == PlayerState::Running;
}

bool App::goBack(std::int64_t nowMs) {
    Impl& m = *impl_;
    m.now = nowMs;
    if (m.top().kind == ScreenKind::Player && m.session.player &&
        m.session.player->state() != PlayerState::Finished) {
        // Leaving a session loses it: ask first, as the Stop button does.
        m.backInSession();
        m.changed();
        m.updateKeepAwake();
        return true;
    }
    const bool popped = m.pop();
    m.updateKeepAwake();
    return popped;
}

void App::onSuspend(std::int64_t nowMs) {
    Impl& m = *impl_;
    m.now = nowMs;
    if (m.session.suspend(nowMs)) m.changed();
    m.updateKeepAwake();
}

void App::onQuit(std::int64_t nowMs) {
    Impl& m = *impl_;
    m.now = nowMs;
    m.session.saveNote();
    if (m.journal->pendingWrites() > 0) m.journal->retryPending();
}

void App::setLanguage(const std::string& lang) {
    if (lang.empty() || lang == impl_->lang) return;
    Settings s = impl_->settings;
    s.lang = lang;
    setSettings(s);
}

const std::string& App::language() const { return impl_->lang; }
const Settings& App::settings() const { return impl_->settings; }

void App::setSettings(const Settings& s) { impl_->changeSettings(s); }

float App::wantedFontPx(float basePx) const {
    return std::round(basePx * static_cast<float>(impl_->settings.textPercent) / 100.0f);
}

void App::setLibrary(const Library* lib) {
    Impl& m = *impl_;
    m.libp = libraryOrEmpty(lib);
    m.cat = std::make_unique<Catalog>(*m.libp);
    m.cardId.clear();
    m.listCache.key.clear();
    // A session keeps its compiled timeline; its routine pointer is looked up
    // again, or the session ends if the routine is gone.
    if (m.session.routine) {
        const std::string id = m.session.player ? m.session.player->timeline().routineId : std::string();
        m.session.routine = m.lib().findRoutine(id);
    }
    // Screens whose routine or area disappeared are dropped from the stack.
    std::vector<Screen> kept;
    for (const Screen& sc : m.stack) {
        const bool routineScreen = sc.kind == ScreenKind::Card || sc.kind == ScreenKind::PainBefore ||
                                   sc.kind == ScreenKind::Player;
        if (routineScreen && !m.lib().findRoutine(sc.arg)) break;
        if (sc.kind == ScreenKind::List && !sc.arg.empty() && !m.lib().findArea(sc.arg)) break;
        kept.push_back(sc);
    }
    if (kept.empty()) kept.push_back(Screen{ScreenKind::Home, {}});
    if (kept.size() < m.stack.size() && m.stack.back().kind == ScreenKind::Player) m.endSession();
    m.stack = std::move(kept);
    m.changed();
}
std::string App::screenName() const { return impl_->screenName(); }
const std::vector<Hotspot>& App::hotspots() const { return impl_->hotspots; }
float App::layoutOverflow() const { return impl_->overflow; }
const Player* App::player() const { return impl_->session.player.get(); }

//-----------------------------------------------------------------------------
// [SECTION] Navigation
//-----------------------------------------------------------------------------
void App::Impl::push(Screen s) {
    if (s.kind == ScreenKind::List) {
        filters = ListFilters{};  // a new list starts unfiltered
        filtersOpen = false;
    }
    stack.push_back(std::move(s));
    ui.scrollToTopNextFrame();  // a new screen opens at its top
    changed();
}

void App::Impl::replaceTop(Screen s) {
    stack.back() = std::move(s);
    ui.scrollToTopNextFrame();
    changed();
}

bool App::Impl::pop() {
    if (stack.size() <= 1) return false;  // Home is the root
    if (stack.back().kind == ScreenKind::Player) endSession();
    stack.pop_back();
    changed();
    return true;
}

std::string App::Impl::screenName() const {
    switch (top().kind) {
    case ScreenKind::Home: return "home";
    case ScreenKind::Browse: return "browse";
    case ScreenKind::List: return "list";
    case ScreenKind::Card: return "card";
    case ScreenKind::Player:
        if (session.player && session.player->state() == PlayerState::Finished) return "end";
        return "player";
    case ScreenKind::Problems: return "problems";
    case ScreenKind::Settings: return "settings";
    case ScreenKind::Safety: return "safety";
    case ScreenKind::History: return "history";
    case ScreenKind::PainBefore: return "pain";
    }
    return "home";
}

bool App::open(const std::string& screen, std::int64_t nowMs, std::string* error) {
    Impl& m = *impl_;
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    const auto colon = screen.find(':');
    const std::string name = screen.substr(0, colon);
    const std::string arg = colon == std::string::npos ? "" : screen.substr(colon + 1);
    m.now = nowMs;

    // Every screen opens on top of Home, as if reached by taps.
    auto reset = [&] {
        m.endSession();
        m.stack.assign(1, Screen{ScreenKind::Home, {}});
        m.ui.scrollToTopNextFrame();
        m.changed();
    };
    if (name == "home" && arg.empty()) {
        reset();
    } else if (name == "browse" && arg.empty()) {
        reset();
        m.push({ScreenKind::Browse, {}});
    } else if ((name == "list" || name == "all") && arg.empty()) {
        reset();
        m.push({ScreenKind::List, {}});
    } else if (name == "problems" && arg.empty()) {
        reset();
        m.push({ScreenKind::Problems, {}});
    } else if (name == "settings" && arg.empty()) {
        reset();
        m.push({ScreenKind::Settings, {}});
    } else if (name == "safety" && arg.empty()) {
        reset();
        m.push({ScreenKind::Safety, {}});
    } else if (name == "history" && arg.empty()) {
        reset();
        m.push({ScreenKind::History, {}});
    } else if (name == "pain") {
        if (!m.lib().findRoutine(arg)) return fail("unknown routine: " + arg);
        reset();
        m.push({ScreenKind::Card, arg});
        m.push({ScreenKind::PainBefore, arg});
    } else if (name == "area") {
        if (!m.lib().findArea(arg)) return fail("unknown area: " + arg);
        reset();
        m.push({ScreenKind::Browse, {}});
        m.push({ScreenKind::List, arg});
    } else if (name == "card") {
        if (!m.lib().findRoutine(arg)) return fail("unknown routine: " + arg);
        reset();
        m.push({ScreenKind::Card, arg});
    } else if (name == "play") {
        // "play:ID@SECONDS": the session at that time on a virtual clock whose
        // 0 is the session start; frame(SECONDS * 1000) then shows it.
        const auto at = arg.find('@');
        const std::string id = arg.substr(0, at);
        double seconds = 0;
        if (at != std::string::npos) {
            const std::string num = arg.substr(at + 1);
            char* end = nullptr;
            seconds = std::strtod(num.c_str(), &end);
            if (num.empty() || end != num.c_str() + num.size() || !(seconds >= 0) || seconds > 1e7)
                return fail("bad time in " + screen + " (want play:ID@SECONDS)");
        }
        const Routine* r = m.lib().findRoutine(id);
        if (!r) return fail("unknown routine: " + id);
        reset();
        m.push({ScreenKind::Card, id});
        m.push({ScreenKind::Player, id});
        m.startSession(*r, 0);
        const std::int64_t target = std::llround(seconds * 1000.0);
        Player& p = *m.session.player;
        // Untimed (tap) segments take no time on the virtual clock: continue
        // each at the moment it was reached (its start on the timeline, since
        // this clock has no pauses) and run on to the target.
        for (std::size_t guard = 0; guard <= p.timeline().segments.size(); ++guard) {
            (void)p.update(target);  // cues of the skipped part are not played
            if (p.state() != PlayerState::WaitingForTap) break;
            const Segment* wait = p.current();
            if (!wait || wait->startMs >= target) break;  // the target is the wait itself
            p.continueAfterTap(wait->startMs);
        }
        m.session.finishCued = p.state() == PlayerState::Finished;
        m.session.lastState = p.state();
    } else {
        return fail("unknown screen: " + screen +
                    " (want home, browse, list, problems, settings, safety, history, area:ID, card:ID, pain:ID, "
                    "play:ID@SECONDS)");
    }
    m.updateKeepAwake();
    return true;
}

void App::Impl::prepareCard(const std::string& id) {
    if (cardId == id) return;
    cardId = id;
    cardTimeline = Timeline{};
    cardSteps.clear();
    cardStepTimes.clear();
    cardCautions.clear();
    if (const Routine* r = lib().findRoutine(id)) {
        cardTimeline = compileTimeline(lib(), *r);
        cardSteps = unknot::summarizeSteps(cardTimeline);
        for (const StepSummary& s : cardSteps) cardStepTimes.push_back(stepTimeText(s, lang));
        cardCautions = collectCautions(lib(), *r);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The session
//-----------------------------------------------------------------------------
void App::Impl::beginRoutine(const Routine& r) {
    // The area list it was chosen from (if any) goes into the journal.
    std::string area;
    for (auto it = stack.rbegin(); it != stack.rend(); ++it)
        if (it->kind == ScreenKind::List) {
            area = it->arg;
            break;
        }
    if (settings.askPain) {
        push({ScreenKind::PainBefore, r.id});
        pendingArea = area;
        return;
    }
    push({ScreenKind::Player, r.id});
    startSession(r, now);
    session.area = area;
}

bool App::Impl::startSession(const Routine& r, std::int64_t startMs) {
    session.start(lib(), r, startMs, wallNow());
    changed();
    return true;
}

void App::Impl::endSession() { session.end(); }

const JournalLists& App::Impl::journalLists() {
    if (!lists.valid || lists.at != journal->changeCount()) {
        lists.favourites = journal->favourites();
        lists.recent = journal->recentRoutines(8);
        lists.at = journal->changeCount();
        lists.valid = true;
    }
    return lists;
}

void App::Impl::cancelAhead() { session.cancelAhead(); }

// Once per frame, before drawing. The wall clock is read only while a session
// is open: it dates the record of a session that finishes.
void App::Impl::advancePlayer() {
    if (session.player && session.advance(now, wallNow())) changed();
}

void App::Impl::updateKeepAwake() { session.updateKeepAwake(top().kind == ScreenKind::Player); }

void App::Impl::backInSession() { session.backInSession(now); }
void App::Impl::askStop() { session.askStop(now); }
void App::Impl::cancelStop() { session.cancelStop(now); }

//-----------------------------------------------------------------------------
// [SECTION] The frame
//-----------------------------------------------------------------------------
void App::Impl::frame(std::int64_t nowMs) {
    now = nowMs;
    hotspots.clear();
    const Fonts fonts = Fonts::current();
    const float em = fontPx(fonts.body);
    ui.beginFrame(em, &hotspots);
    // The player moves first, so everything drawn below shows the same instant.
    advancePlayer();

    const ImGuiIO& io = ImGui::GetIO();
    wide = io.DisplaySize.x >= 40.0f * em;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
    // The safety note comes first on a first start, and stays until it is
    // acknowledged (it cannot be skipped with Back: Home is not shown before).
    if (cfg.askSafetyFirst && !settings.safetyAcknowledged && top().kind != ScreenKind::Safety)
        stack.push_back(Screen{ScreenKind::Safety, "first"});
    ImGui::PushFont(fonts.body);
    ImGui::Begin("##unknot", nullptr, flags);
    switch (top().kind) {
    case ScreenKind::Home: drawHome(); break;
    case ScreenKind::Browse: drawBrowse(); break;
    case ScreenKind::List: drawList(); break;
    case ScreenKind::Card: drawCard(); break;
    case ScreenKind::Player:
        if (session.player && session.player->state() == PlayerState::Finished)
            drawEnd();
        else
            drawPlayer();
        break;
    case ScreenKind::Problems: drawProblems(); break;
    case ScreenKind::Settings: drawSettings(); break;
    case ScreenKind::Safety: drawSafety(); break;
    case ScreenKind::History: drawHistory(); break;
    case ScreenKind::PainBefore: drawPainBefore(); break;
    }
    {
        // Where the screen's content ended, against the window: anything
        // past it would be cut off, not scrolled to.
        const ImGuiWindow* w = ImGui::GetCurrentWindow();
        const ImVec2 pad = ImGui::GetStyle().WindowPadding;
        (void)pad;
        overflow = std::max({0.0f, w->DC.CursorMaxPos.y - io.DisplaySize.y - 0.5f,
                             w->DC.CursorMaxPos.x - io.DisplaySize.x - 0.5f});
    }
    if (cfg.watch) drawLintOverlay();
    ImGui::End();
    ImGui::PopFont();

    // Taps asked for a change of screen while drawing: apply it now.
    std::vector<std::function<void()>> todo;
    todo.swap(later);
    for (auto& f : todo) f();
    updateKeepAwake();
    if (settleFrames > 0) --settleFrames;
}

//-----------------------------------------------------------------------------
// [SECTION] Shared pieces
//-----------------------------------------------------------------------------
void App::Impl::topBar(const std::string& fullTitle, bool showBack, bool showLang, const std::string& starFor) {
    // A routine's title can be any length (content, an import): the bar
    // shows its first kMaxTitleChars characters.
    const std::string title = cappedText(fullTitle, kMaxTitleChars);
    const float em = ui.em();
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float W = ImGui::GetContentRegionAvail().x;
    const Fonts& f = ui.fonts();
    const std::string backLabel = tr("nav.back", lang);
    const std::string langLabel = tr("lang.toggle", lang);
    // On a narrow screen (large text on a phone) Back is the chevron alone:
    // the title needs the room more, and the chevron is universal.
    const bool backLabelShown = W >= 14.0f * em;
    const float backW = !showBack          ? 0
                        : backLabelShown   ? std::max(ui.touch(), ImGui::CalcTextSize(backLabel.c_str()).x + 2.6f * em)
                                           : ui.touch();
    float langW = showLang ? std::max(ui.touch(), ImGui::CalcTextSize(langLabel.c_str()).x + 1.6f * em) : 0;
    if (!starFor.empty()) {
        showLang = false;
        langW = ui.touch();
    }
    const float left = showBack ? backW + sp : 0;
    const float right = showLang || !starFor.empty() ? langW + sp : 0;
    const float titleW = std::max(2 * em, W - left - right);
    // Long titles step down to the body size rather than take three lines.
    ImFont* tf = f.large;
    float th = ui.textHeight(title, tf, titleW);
    if (th > 2.2f * fontPx(tf) || longestWord(tf, title) > titleW) {
        tf = f.body;
        th = ui.textHeight(title, tf, titleW);
    }
    const float barH = std::max(ui.touch(), th);

    if (showBack) {
        ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + (barH - ui.touch()) * 0.5f));
        if (ui.button("back-nav", backLabelShown ? backLabel : std::string(), backW, Tone::Quiet)) later.push_back([this] {
            // The same as the device's back key (App::goBack): in a session it
            // asks to stop, and a second Back answers "Keep going".
            if (top().kind == ScreenKind::Player && session.player &&
                session.player->state() != PlayerState::Finished)
                backInSession();
            else
                pop();
        });
        // A drawn chevron: no glyph needed, crisp at any size.
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        const float cy = (a.y + b.y) * 0.5f, s = 0.3f * em;
        const float cx = backLabelShown ? a.x + 0.75f * em : (a.x + b.x) * 0.5f - 0.15f * em;
        ImGui::GetWindowDrawList()->AddPolyline(
            std::vector<ImVec2>{ImVec2(cx + s, cy - 1.6f * s), ImVec2(cx - s * 0.6f, cy), ImVec2(cx + s, cy + 1.6f * s)}
                .data(),
            3, theme::text, ImDrawFlags_None, std::max(2.0f, 0.12f * em));
    }
    if (showLang) {
        ImGui::SetCursorScreenPos(ImVec2(p0.x + W - langW, p0.y + (barH - ui.touch()) * 0.5f));
        if (ui.button("lang", langLabel, langW, Tone::Quiet)) {
            // The same as choosing it in Settings: saved, and kept by later
            // changes of other settings.
            Settings next = settings;
            next.lang = isFrench(lang) ? "en" : "fr";
            later.push_back([this, next] { changeSettings(next); });
        }
    }
    if (!starFor.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(p0.x + W - langW, p0.y + (barH - ui.touch()) * 0.5f));
        favouriteStar(starFor, langW);
    }
    ImGui::GetWindowDrawList()->AddText(tf, fontPx(tf), ImVec2(p0.x + left, p0.y + (barH - th) * 0.5f), theme::text,
                                        title.c_str(), title.c_str() + title.size(), titleW);
    ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + barH));
    ImGui::Dummy(ImVec2(W, 0.2f * em));
}

float App::Impl::safetyFooterHeight(float width) const {
    return ui.notePanelHeight({}, {tr("safety.note", lang), tr("safety.more", lang)}, width);
}

// The short safety note; tapping it opens the whole note.
void App::Impl::safetyFooter(float width) {
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ui.notePanel({}, {tr("safety.note", lang), tr("safety.more", lang)}, theme::accentTint, theme::accent, width);
    const ImVec2 b = ImGui::GetItemRectMax();
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(a);
    if (ImGui::InvisibleButton("safety", ImVec2(b.x - a.x, b.y - a.y)) && !ui.dragging())
        later.push_back([this] { push({ScreenKind::Safety, {}}); });
    ui.hot("safety");
    ImGui::SetCursorScreenPos(after);
}

// A star drawn in the top bar of a card: filled when the routine is a
// favourite. The journal saves the change at once.
bool App::Impl::favouriteStar(const std::string& routineId, float size) {
    const std::vector<std::string>& favs = journalLists().favourites;
    const bool on = std::find(favs.begin(), favs.end(), routineId) != favs.end();
    const bool tapped = ImGui::InvisibleButton("favourite", ImVec2(size, size)) && !ui.dragging();
    ui.hot("favourite");
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (ImGui::IsItemActive()) dl->AddRectFilled(a, b, theme::surfaceActive, 0.6f * ui.em());
    const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    const float R = std::min(b.x - a.x, b.y - a.y) * 0.32f, r = R * 0.45f;
    ImVec2 pts[10];
    for (int i = 0; i < 10; ++i) {
        const float ang = -1.5707963f + static_cast<float>(i) * 0.62831853f;
        const float rad = i % 2 == 0 ? R : r;
        pts[i] = ImVec2(c.x + std::cos(ang) * rad, c.y + std::sin(ang) * rad);
    }
    if (on) {
        // Concave: filled as five triangles around a centre pentagon.
        for (int i = 0; i < 10; i += 2)
            dl->AddTriangleFilled(pts[i], pts[(i + 1) % 10], pts[(i + 9) % 10], theme::accent);
        dl->AddConvexPolyFilled(std::vector<ImVec2>{pts[1], pts[3], pts[5], pts[7], pts[9]}.data(), 5,
                                theme::accent);
    }
    dl->AddPolyline(pts, 10, on ? theme::accent : theme::textMuted, ImDrawFlags_Closed,
                    std::max(2.0f, 0.1f * ui.em()));
    if (tapped) {
        const bool next = !on;
        const std::string id = routineId;
        later.push_back([this, id, next] {
            journal->setFavourite(id, next, wallNow());
            changed();
        });
    }
    return tapped;
}

std::string App::Impl::label(const std::string& key) const { return tr(key, lang); }

std::string App::Impl::routineTitle(const std::string& id) const {
    const Routine* r = lib().findRoutine(id);
    return r ? r->title.get(lang) : id;
}

std::string App::Impl::areaLabel(const std::string& id) const {
    const Area* a = lib().findArea(id);
    return a && !a->label.empty() ? a->label.get(lang) : id;
}

std::string App::Impl::equipmentLabel(const std::string& id) const {
    const Equipment* e = lib().findEquipment(id);
    return e && !e->label.empty() ? e->label.get(lang) : id;
}

std::string App::Impl::kindLabel(Kind k) const { return tr(std::string("kind.") + toString(k), lang); }

std::string App::Impl::intensityLabel(Intensity i) const {
    return tr(std::string("intensity.") + toString(i), lang);
}

std::string App::Impl::routineMeta(const Routine& r, std::int64_t totalSeconds) const {
    std::string s = formatDurationHuman(totalSeconds) + "  \u00b7  " + kindLabel(r.kind) + "  \u00b7  " +
                    intensityLabel(r.intensity);
    for (const std::string& e : r.equipment) s += "  \u00b7  " + equipmentLabel(e);
    return s;
}

}  // namespace unknot::ui
