// The daily reminder: what the App hands the platform's notifier, and its
// part of Settings. When it is due is decided in engine/session
// (unknot/session/reminder.hpp); here it gets its words and is kept in step
// with the journal, the settings and the clock.
//
// [SECTION] Keeping the notifier in step
// [SECTION] Settings: Reminders
#include "app_impl.hpp"

#include "unknot/session/reminder.hpp"
#include "unknot/ui/presentation.hpp"
#include "unknot/ui/strings.hpp"

namespace unknot::ui {

//-----------------------------------------------------------------------------
// [SECTION] Keeping the notifier in step
//-----------------------------------------------------------------------------
std::string App::Impl::reminderBody(const std::vector<std::string>& routines) const {
    return trf("reminder.body", lang, {{"routines", planDayText(routines)}});
}

// Looked at every frame and at every wake the runner gives it (App::tick).
// The reminder set is shown once its instant has come, if no more than
// kReminderLateMs late (a computer asleep through it does not show this
// morning's reminder at night), and the next one is worked out. It is also
// worked out again when something it depends on moved: the journal (a
// session done, a plan started or stopped), a setting, the language, the
// content's plans, a session starting or ending. While a session plays
// nothing is set: the person is practising.
void App::Impl::updateReminder() {
    Notifier* n = cfg.services.notifier;
    if (!n) return;
    const std::int64_t w = wallNow();
    const bool on = settings.reminder && cfg.plans && !session.running();
    if (reminderView.set && on && w >= reminderView.set->atMs) {
        if (w - reminderView.set->atMs <= kReminderLateMs) n->show(reminderView.set->title, reminderView.set->body);
        reminderView.valid = false;
    }
    const ReminderKey key{journal->changeCount(), on, settings.reminderMinute, settings.flareMode, lang, cfg.plans};
    if (reminderView.valid && reminderView.key == key) return;
    ReminderView v{true, key, std::nullopt};
    if (on) {
        const session::OffsetAt offsetAt = [this](std::int64_t at) { return utcOffset(at); };
        // Today in the plan as Home shows it (cached: no second journal query).
        const auto due = session::nextReminder(todayInPlan(), settings.reminderMinute, settings.flareMode, w, offsetAt);
        if (due) v.set = ReminderView::Set{due->atMs, tr("reminder.title", lang), reminderBody(due->routines)};
    }
    reminderView = std::move(v);
}

//-----------------------------------------------------------------------------
// [SECTION] Settings: Reminders
//-----------------------------------------------------------------------------
// Said honestly: Home always says when today is not done; the notification
// comes only while Unknot runs, and only where the platform has a way.
bool App::Impl::drawSettingsReminders(Settings& next) {
    if (plans().plans.empty()) return false;
    bool change = false;
    settingsHeading("settings.reminders");
    ui.text(tr("settings.reminders_home", lang), nullptr, pal().textMuted);
    Notifier* n = cfg.services.notifier;
    const NotifyPermission perm = n ? n->permission() : NotifyPermission::Unsupported;
    if (perm == NotifyPermission::Unsupported) {
        ui.text(tr("settings.reminder_none", lang), nullptr, pal().textMuted);
        return false;
    }
    const bool denied = perm == NotifyPermission::Denied;
    if (ui.toggle("reminder", tr("settings.reminder", lang),
                  tr(denied ? "settings.reminder_denied" : "settings.reminder_sub", lang), settings.reminder)) {
        next.reminder = !settings.reminder;
        change = true;
        // The browser asks once, on this tap (it allows the question only
        // in answer to one).
        if (next.reminder && perm == NotifyPermission::NotAsked) n->requestPermission();
    }
    if (!settings.reminder) return change;

    const float width = ImGui::GetContentRegionAvail().x;
    int quarter = settings.reminderMinute / kReminderMinuteStep;
    const std::string at = formatTime(std::int64_t{settings.reminderMinute} * 60000, 0, lang);
    if (makeStepper("reminder-time", tr("settings.reminder_time", lang), at, quarter, 0,
                    kReminderMinuteMax / kReminderMinuteStep, width)) {
        next.reminderMinute = quarter * kReminderMinuteStep;
        change = true;
    }
    const std::optional<session::TodayInPlan>& t = todayInPlan();
    if (!t) ui.text(tr("settings.reminder_no_plan", lang), nullptr, pal().textMuted);
    if (reminderView.set) {
        const int offset = utcOffset(reminderView.set->atMs);
        ui.text(trf("settings.reminder_next", lang,
                    {{"date", formatShortDay(reminderView.set->atMs, offset, lang)},
                     {"time", formatTime(reminderView.set->atMs, offset, lang)}}),
                nullptr, pal().textMuted);
    }
    if (ui.button("reminder-try", tr("settings.reminder_try", lang), 0, Tone::Quiet)) {
        const std::string body =
            t && !t->today.routines.empty() ? reminderBody(t->today.routines) : tr("reminder.example", lang);
        n->show(tr("reminder.title", lang), body);
    }
    if (const std::string e = n->lastError(); !e.empty())
        ui.text(trf("settings.reminder_failed", lang, {{"why", e}}), nullptr, pal().caution);
    return change;
}

}  // namespace unknot::ui
