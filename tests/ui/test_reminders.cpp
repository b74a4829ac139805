// The daily reminder driven headless (issue 16, "Reminders"): Settings turns
// it on and sets its time; the App shows it through the Notifier at that
// instant, once, naming the day's routines, and sets the next one; nothing
// while it is off, while a session plays, when the day is done, or when the
// computer slept through it; the browser's permission is asked on the tap and
// its answer said honestly. The wall clock is a ManualClock the test moves.
#include "harness.hpp"

using namespace unknot;
using namespace unknot::ui;
using namespace unknot::ui::test;

namespace {
constexpr const char* kPlan = "neck-shoulders-first-weeks";
constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kHourMs = 3600000;
constexpr std::int64_t kMidnight = kMondayMs - 10 * kHourMs;

// The plan rig (harness.hpp) with the notifier's permission set and, unless
// asked otherwise, the plan started on its Monday.
struct ReminderRig : PlanRig {
    explicit ReminderRig(NotifyPermission perm = NotifyPermission::Granted, bool startPlan = true) {
        notifier.allowed = perm;
        if (startPlan) REQUIRE(journal->startPlan(kPlan, "2026-11-30", kMondayMs) == WriteStatus::Saved);
        h.frames(app, 2);
    }
    void openSettings() {
        std::string err;
        REQUIRE(app.open("settings", h.now, &err));
        h.frames(app, 3);
    }
    void turnOn() {
        openSettings();
        tapShown("reminder");
        REQUIRE(app.settings().reminder);
        h.frames(app, 2);
    }
    // The runner's wake: the wall clock moved to `wallMs`, no frame drawn.
    void wakeAt(std::int64_t wallMs) {
        clock.ms = wallMs;
        app.tick(h.now);
    }
    // The titles of the plan's first day, as Home names them.
    static std::string firstDayTitle() {
        const Plan* p = bundledPlans().find(kPlan);
        REQUIRE(p);
        REQUIRE_FALSE(p->day(0)->routines.empty());
        const Routine* r = bundled().findRoutine(p->day(0)->routines.front());
        REQUIRE(r);
        return r->title.get("en");
    }
};
}  // namespace

TEST_CASE("reminders: off at first; on, it is set for today at 18:00 and Settings says when") {
    ReminderRig r;
    CHECK_FALSE(r.app.settings().reminder);
    CHECK(r.app.reminderAtWallMs() == -1);
    r.turnOn();
    CHECK(r.app.reminderAtWallMs() == kMidnight + 18 * kHourMs);
    CHECK(r.says("Next reminder"));
    CHECK(r.says("18:00"));
    // Saved like every setting: a new App on the same journal has it on.
    Settings stored;
    loadSettings(*r.journal, stored);
    CHECK(stored.reminder);
    CHECK(stored.reminderMinute == 18 * 60);
}

TEST_CASE("reminders: shown once at its instant, naming the day's routines, then the next plan day is set") {
    ReminderRig r;
    r.turnOn();
    r.wakeAt(kMidnight + 18 * kHourMs - 1000);
    CHECK(r.notifier.shown.empty());
    r.wakeAt(kMidnight + 18 * kHourMs);
    REQUIRE(r.notifier.shown.size() == 1);
    CHECK(r.notifier.shown[0].title == "Today’s practice");
    CHECK(r.notifier.shown[0].body.find(ReminderRig::firstDayTitle()) != std::string::npos);
    // Not twice, and the next one is a later day at 18:00.
    r.wakeAt(kMidnight + 18 * kHourMs + 60000);
    r.h.frames(r.app, 2);
    CHECK(r.notifier.shown.size() == 1);
    const std::int64_t next = r.app.reminderAtWallMs();
    CHECK(next > kMidnight + kDayMs);
    CHECK((next - kMidnight) % kDayMs == 18 * kHourMs);
}

TEST_CASE("reminders: the time moves by quarters of an hour, and the French reminder is in French") {
    ReminderRig r;
    r.turnOn();
    r.tapShown("reminder-time-more");
    CHECK(r.app.settings().reminderMinute == 18 * 60 + 15);
    r.h.frames(r.app, 2);
    CHECK(r.app.reminderAtWallMs() == kMidnight + 18 * kHourMs + 15 * 60000);
    r.tapShown("reminder-time-less");
    r.tapShown("reminder-time-less");
    CHECK(r.app.settings().reminderMinute == 17 * 60 + 45);
    r.app.setLanguage("fr");
    r.h.frames(r.app, 3);
    CHECK(r.says("17\u00a0h\u00a045"));
    r.wakeAt(kMidnight + 17 * kHourMs + 45 * 60000);
    REQUIRE(r.notifier.shown.size() == 1);
    CHECK(r.notifier.shown[0].title == "La pratique du jour");
}

TEST_CASE("reminders: none while off, while a session plays, once the day is done, or hours late") {
    SECTION("off: nothing is ever shown") {
        ReminderRig r;
        r.wakeAt(kMidnight + 18 * kHourMs);
        r.h.frames(r.app, 2);
        CHECK(r.notifier.shown.empty());
        CHECK(r.app.reminderAtWallMs() == -1);
    }
    SECTION("a session playing at the time: the person is practising") {
        ReminderRig r;
        r.turnOn();
        std::string err;
        REQUIRE(r.app.open("card:" + bundledPlans().find(kPlan)->day(0)->routines.front(), r.h.now, &err));
        r.h.frames(r.app, 2);
        r.h.start(r.app);
        REQUIRE(r.app.screenName() == "player");
        CHECK(r.app.reminderAtWallMs() == -1);
        r.wakeAt(kMidnight + 18 * kHourMs);
        CHECK(r.notifier.shown.empty());
    }
    SECTION("today's practice done: the next plan day instead") {
        ReminderRig r;
        r.turnOn();
        const Plan* p = bundledPlans().find(kPlan);
        for (const std::string& id : p->day(0)->routines) {
            SessionRecord s;
            s.routineId = id;
            s.startedAt = kMondayMs + kHourMs;
            s.endedAt = s.startedAt + 60000;
            s.practisedSeconds = 60;
            s.finished = true;
            REQUIRE(r.journal->addSession(s) == WriteStatus::Saved);
        }
        r.h.frames(r.app, 2);
        CHECK(r.app.reminderAtWallMs() > kMidnight + kDayMs);
        r.wakeAt(kMidnight + 18 * kHourMs);
        CHECK(r.notifier.shown.empty());
    }
    SECTION("the computer slept through it: not shown hours late") {
        ReminderRig r;
        r.turnOn();
        r.wakeAt(kMidnight + 21 * kHourMs);
        CHECK(r.notifier.shown.empty());
        CHECK(r.app.reminderAtWallMs() > kMidnight + kDayMs);
    }
    SECTION("no plan active: nothing set, and Settings says what the reminder needs") {
        ReminderRig r(NotifyPermission::Granted, false);
        r.turnOn();
        CHECK(r.app.reminderAtWallMs() == -1);
        CHECK(r.says("No plan is active yet"));
    }
}

TEST_CASE("reminders: Send one now shows it at once, with today's routines") {
    ReminderRig r;
    r.turnOn();
    r.tapShown("reminder-try");
    REQUIRE(r.notifier.shown.size() == 1);
    CHECK(r.notifier.shown[0].body.find(ReminderRig::firstDayTitle()) != std::string::npos);
}

TEST_CASE("reminders: the browser is asked on the tap that turns it on, and each answer is said") {
    SECTION("not asked yet: the tap asks; granted: nothing more to say") {
        ReminderRig r(NotifyPermission::NotAsked);
        r.turnOn();
        CHECK(r.notifier.asked == 1);
        CHECK(r.notifier.permission() == NotifyPermission::Granted);
        CHECK_FALSE(r.says("blocked"));
    }
    SECTION("refused: Settings says where to allow it") {
        ReminderRig r(NotifyPermission::NotAsked);
        r.notifier.answer = NotifyPermission::Denied;
        r.turnOn();
        CHECK(r.notifier.asked == 1);
        CHECK(r.says("Notifications are blocked for Unknot here"));
    }
    SECTION("no notification service: no switch, the reminder stays on Home") {
        ReminderRig r(NotifyPermission::Unsupported);
        r.openSettings();
        REQUIRE(r.h.reveal(r.app, "safety", 195, 500));
        CHECK(Harness::find(r.app, "reminder") == nullptr);
        CHECK(r.says("no way to show notifications"));
    }
    SECTION("a failure is said") {
        ReminderRig r;
        r.notifier.error = "no notification service answered";
        r.turnOn();
        r.h.frames(r.app, 2);
        CHECK(r.says("The last one could not be shown"));
    }
}
