// App: the frame, and the calls into the session (the rules of a session live
// in engine/session). The back stack's moves and App::open live in
// navigation.cpp, the screens in screen_*.cpp.
//
// [SECTION] Construction and the public interface
// [SECTION] A card, compiled once
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
    // The session's wiring (journal, devices) never changes after this.
    session.connect(journal, cfg.services);
    settings.haptics = cfg.mobile;  // a vibrator is expected on phones only
    settings.lang = cfg.defaultLang.empty() ? "en" : cfg.defaultLang;
    loadSettings();
    savedLang = settings.lang;
    // --lang wins over the saved language for this run, without saving it.
    if (!cfg.lang.empty()) {
        settings.lang = cfg.lang;
        forcedLang = cfg.lang;
    }
    lang = settings.lang;
    applySettings();
    settleFrames = 3;
}

App::App(AppConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
App::~App() = default;

void App::frame(std::int64_t nowMs) { impl_->frame(nowMs); }

std::int64_t App::reminderAtWallMs() const {
    const ReminderView& v = impl_->reminderView;
    return v.valid && v.set ? v.set->atMs : -1;
}

void App::tick(std::int64_t nowMs) {
    impl_->now = nowMs;
    impl_->updateReminder();
}

bool App::needsAnimation() const {
    const Impl& m = *impl_;
    if (m.settleFrames > 0) return true;
    // Reduced motion still updates the countdown and the bar each frame: they
    // tell the time, they are not decoration.
    // "Make your own" shows its pattern breathing (a still shape with reduced motion).
    if (m.topIs<screen::Make>() && !m.settings.reducedMotion) return true;
    return m.topIs<screen::Player>() && m.session.player && m.session.player->state() == PlayerState::Running;
}

bool App::goBack(std::int64_t nowMs) {
    Impl& m = *impl_;
    m.now = nowMs;
    if (m.topIs<screen::Player>() && m.session.player && m.session.player->state() != PlayerState::Finished) {
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
    m.libraryChanged();
}
std::string App::screenName() const { return impl_->screenName(); }
const std::vector<Hotspot>& App::hotspots() const { return impl_->hotspots; }
const std::vector<TextLine>& App::textLines() const { return impl_->textLines; }
float App::layoutOverflow() const { return impl_->overflow; }
const Player* App::player() const { return impl_->session.player.get(); }

//-----------------------------------------------------------------------------
// [SECTION] A card, compiled once
//-----------------------------------------------------------------------------
// Step summaries hold translated words: another language compiles again.
void App::Impl::prepareCard(screen::Card& card) {
    CardView& v = card.view;
    if (v.valid && v.lang == lang) return;
    v = CardView{};
    v.valid = true;
    v.lang = lang;
    if (const Routine* r = lib().findRoutine(card.routine)) {
        v.timeline = compileTimeline(lib(), *r);
        v.steps = unknot::summarizeSteps(v.timeline);
        for (const StepSummary& s : v.steps) v.stepTimes.push_back(stepTimeText(s, lang));
        v.cautions = collectCautions(lib(), *r);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The session
//-----------------------------------------------------------------------------
void App::Impl::beginRoutine(const Routine& r) {
    // The area list it was chosen from (if any) goes into the journal.
    std::string area;
    if (const screen::List* list = router.find<screen::List>()) area = list->area;
    if (settings.askPain) {
        push(screen::PainBefore{r.id});
        pendingArea = area;
        return;
    }
    push(screen::Player{r.id});
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
    if (!session.player) return;
    const bool wasRecorded = session.recorded;
    if (session.advance(now, wallNow())) changed();
    // The session just went into the journal: it may complete today's plan day.
    if (!wasRecorded && session.recorded) markPlanDay();
}

void App::Impl::updateKeepAwake() { session.updateKeepAwake(topIs<screen::Player>()); }

void App::Impl::backInSession() { session.backInSession(now); }
void App::Impl::askStop() { session.askStop(now); }
void App::Impl::cancelStop() { session.cancelStop(now); }

//-----------------------------------------------------------------------------
// [SECTION] The frame
//-----------------------------------------------------------------------------
// The screen on top draws itself, with its own state.
void App::Impl::drawScreen() {
    std::visit(
        Overloaded{[this](screen::Home&) { drawHome(); }, [this](screen::Browse& s) { drawBrowse(s); },
                   [this](screen::List& s) { drawList(s); }, [this](screen::Card& s) { drawCard(s); },
                   [this](screen::Player&) {
                       if (session.player && session.player->state() == PlayerState::Finished)
                           drawEnd();
                       else
                           drawPlayer();
                   },
                   [this](screen::PainBefore& s) { drawPainBefore(s); }, [this](screen::Problems&) { drawProblems(); },
                   [this](screen::Settings&) { drawSettings(); }, [this](screen::Safety& s) { drawSafety(s); },
                   [this](screen::History& s) { drawHistory(s); }, [this](screen::Make& s) { drawMake(s); },
                   [this](screen::Plans&) { drawPlans(); }, [this](screen::Plan& s) { drawPlan(s); }},
        router.top());
}

void App::Impl::frame(std::int64_t nowMs) {
    now = nowMs;
    hotspots.clear();
    textLines.clear();
    const Fonts fonts = Fonts::current();
    const float em = fontPx(fonts.body);
    ui.beginFrame(em, &hotspots, &textLines);
    // The player moves first, so everything drawn below shows the same instant.
    advancePlayer();

    const ImGuiIO& io = ImGui::GetIO();
    wide = io.DisplaySize.x >= 40.0f * em;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoScrollWithMouse;
    // The safety note comes first on a first start, and stays until it is
    // acknowledged (it cannot be skipped with Back: Home is not shown before).
    if (cfg.askSafetyFirst && !settings.safetyAcknowledged && !topIs<screen::Safety>())
        router.push(screen::Safety{true});
    ImGui::PushFont(fonts.body);
    ImGui::Begin("##unknot", nullptr, flags);
    drawScreen();
    {
        // Where the screen's content ended, against the window: anything
        // past it would be cut off, not scrolled to.
        const ImGuiWindow* w = ImGui::GetCurrentWindow();
        const ImVec2 pad = ImGui::GetStyle().WindowPadding;
        (void)pad;
        overflow = std::max(
            {0.0f, w->DC.CursorMaxPos.y - io.DisplaySize.y - 0.5f, w->DC.CursorMaxPos.x - io.DisplaySize.x - 0.5f});
    }
    if (cfg.watch) drawLintOverlay();
    ImGui::End();
    ImGui::PopFont();

    // Taps asked for a change of screen while drawing: apply it now.
    std::vector<std::function<void()>> todo;
    todo.swap(later);
    for (auto& f : todo) f();
    // A tap may have ended the session in this frame (Skip on the last step,
    // Continue, Stop): it is recorded now, in the frame that ends it, not at
    // the start of the next. Nothing may say "end" before the journal has
    // the session: the web page publishes what each frame leaves, and holds
    // the pixels only while a committed write is being copied.
    if (session.player && session.player->state() == PlayerState::Finished && !session.finishCued) advancePlayer();
    updateKeepAwake();
    updateReminder();
    if (settleFrames > 0) --settleFrames;
}

//-----------------------------------------------------------------------------
// [SECTION] Shared pieces
//-----------------------------------------------------------------------------
// The top bar's title in `titleW`: its font comes back in `tf`.
Wrapped App::Impl::topBarTitle(const std::string& title, float titleW, ImFont*& tf, bool singleLine) const {
    const Fonts& f = ui.fonts();
    const float em = ui.em();
    // Long titles step down to the body size rather than take three lines,
    // or than shrink the large size below it ("Unknot" at 200 % on a phone).
    tf = f.large;
    Wrapped tw = ui.wrap(title, tf, titleW, TooWide::Ellipsize);
    if (tw.lines.size() > 2 || tw.size < fontPx(f.body)) {
        tf = f.body;
        tw = ui.wrap(title, tf, titleW, TooWide::Ellipsize);
    }
    // A short window (a phone on its side at large text, kShortWindowEm), or
    // the player: a second line would take the height the screen's words
    // need, so the title keeps one line, at the body size, ellipsized if even
    // that is too long (the card shows it whole).
    if ((singleLine || ImGui::GetIO().DisplaySize.y < kShortWindowEm * em) && tw.lines.size() > 1) {
        tf = f.body;
        tw = ui.wrap(title, tf, titleW, TooWide::Ellipsize);
        if (tw.lines.size() > 1) tw = oneLine(tf, fontPx(tf), ellipsizeToWidth(title, tf, fontPx(tf), titleW));
    }
    return tw;
}

void App::Impl::topBar(const std::string& fullTitle, bool showBack, bool showLang, const std::string& starFor,
                       bool singleLine) {
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
    const float backW = !showBack        ? 0
                        : backLabelShown ? std::max(ui.touch(), ImGui::CalcTextSize(backLabel.c_str()).x + 2.6f * em)
                                         : ui.touch();
    float langW = showLang ? std::max(ui.touch(), ImGui::CalcTextSize(langLabel.c_str()).x + 1.6f * em) : 0;
    if (!starFor.empty()) {
        showLang = false;
        langW = ui.touch();
    }
    const float left = showBack ? backW + sp : 0;
    const float right = showLang || !starFor.empty() ? langW + sp : 0;
    const float titleW = std::max(2 * em, W - left - right);
    ImFont* tf = f.large;
    const Wrapped tw = topBarTitle(title, titleW, tf, singleLine);
    const float th = tw.height;
    // Shortened (an ellipsis): the screen may show the whole title itself.
    topBarTitleCut = title != fullTitle;
    for (const WrappedLine& l : tw.lines)
        topBarTitleCut = topBarTitleCut || l.text.find(kEllipsis) != std::string::npos;
    const float barH = std::max(ui.touch(), th);

    if (showBack) {
        ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + (barH - ui.touch()) * 0.5f));
        if (ui.button("back-nav", backLabelShown ? backLabel : std::string(), backW, Tone::Quiet))
            later.push_back([this] {
                // The same as the device's back key (App::goBack): in a session it
                // asks to stop, and a second Back answers "Keep going".
                if (topIs<screen::Player>() && session.player && session.player->state() != PlayerState::Finished)
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
            3, pal().text, ImDrawFlags_None, std::max(2.0f, 0.12f * em));
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
    ui.drawWrapped(ImGui::GetWindowDrawList(), tf, tw, ImVec2(p0.x + left, p0.y + (barH - th) * 0.5f), pal().text);
    ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + barH));
    ImGui::Dummy(ImVec2(W, 0.2f * em));
}

float App::Impl::safetyFooterHeight(float width) const {
    return ui.notePanelHeight({}, {tr("safety.note", lang), tr("safety.more", lang)}, width);
}

// The short safety note; tapping it opens the whole note.
void App::Impl::safetyFooter(float width) {
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ui.notePanel({}, {tr("safety.note", lang), tr("safety.more", lang)}, pal().accentTint, pal().accent, width);
    const ImVec2 b = ImGui::GetItemRectMax();
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(a);
    if (ImGui::InvisibleButton("safety", ImVec2(b.x - a.x, b.y - a.y)) && !ui.dragging())
        later.push_back([this] { push(screen::Safety{}); });
    ui.hot("safety");
    ImGui::SetCursorScreenPos(after);
}

// A star drawn in the top bar of a card: filled when the routine is a
// favourite. The journal saves the change at once.
bool App::Impl::confirmAction(const std::string& id, const std::string& key, bool& asking) {
    if (!asking) {
        if (ui.button(id, tr(key, lang), 0, Tone::Quiet)) asking = true;
        return false;
    }
    ui.text(tr(key + "_ask", lang));
    if (ui.button(id + "-no", tr(key + "_no", lang), 0, Tone::Primary)) asking = false;
    return ui.button(id + "-yes", tr(key + "_yes", lang), 0, Tone::Caution);
}

bool App::Impl::favouriteStar(const std::string& routineId, float size) {
    const std::vector<std::string>& favs = journalLists().favourites;
    const bool on = std::find(favs.begin(), favs.end(), routineId) != favs.end();
    const bool tapped = ImGui::InvisibleButton("favourite", ImVec2(size, size)) && !ui.dragging();
    ui.hot("favourite");
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (ImGui::IsItemActive()) dl->AddRectFilled(a, b, pal().surfaceActive, 0.6f * ui.em());
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
            dl->AddTriangleFilled(pts[i], pts[(i + 1) % 10], pts[(i + 9) % 10], pal().accent);
        dl->AddConvexPolyFilled(std::vector<ImVec2>{pts[1], pts[3], pts[5], pts[7], pts[9]}.data(), 5, pal().accent);
    }
    dl->AddPolyline(pts, 10, on ? pal().accent : pal().textMuted, ImDrawFlags_Closed, std::max(2.0f, 0.1f * ui.em()));
    if (tapped) {
        const bool next = !on;
        later.push_back([this, id = routineId, next] {
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

std::string App::Impl::intensityLabel(Intensity i) const { return tr(std::string("intensity.") + toString(i), lang); }

std::string App::Impl::routineMeta(const Routine& r, std::int64_t totalSeconds) const {
    std::string s = formatAboutDuration(totalSeconds, lang) + "  \u00b7  " + kindLabel(r.kind) + "  \u00b7  " +
                    intensityLabel(r.intensity);
    for (const std::string& e : r.equipment) s += "  \u00b7  " + equipmentLabel(e);
    return s;
}

}  // namespace unknot::ui
