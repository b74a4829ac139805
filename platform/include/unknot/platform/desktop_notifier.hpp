// The daily reminder on a Linux desktop: one call to the freedesktop
// notification service (org.freedesktop.Notifications.Notify) over the
// session bus, spoken in D-Bus's own wire protocol on its Unix socket.
//
// Why not libnotify or libdbus: neither is among the project's dependencies,
// and the call is small and fixed: authenticate (EXTERNAL, our uid), say
// Hello, send Notify, read the answer. Writing it here keeps the app's
// dependency list as it is and lets a test check every byte against a fake
// bus (tests/platform/test_desktop_notifier.cpp) and against the real
// dbus-daemon where one is installed.
//
// [SECTION] Bus addresses
// [SECTION] Messages (the wire format)
// [SECTION] One notification, sent
// [SECTION] The Notifier
#pragma once

#include "unknot/result.hpp"
#include "unknot/session/services.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Bus addresses
//-----------------------------------------------------------------------------
// A Unix socket the session bus listens on: a path, or a name in Linux's
// abstract namespace.
struct BusSocket {
    std::string name;
    bool abstract = false;
};

// The first Unix socket among a D-Bus address list
// ("unix:path=/run/user/1000/bus", "unix:abstract=/tmp/dbus-x,guid=..."; ';'
// separates alternatives; values may be %-escaped). nullopt when none.
std::optional<BusSocket> parseBusAddress(const std::string& address);

// The session bus of this process: DBUS_SESSION_BUS_ADDRESS, else the usual
// /run/user/UID/bus when it exists. nullopt: no session bus to talk to.
std::optional<BusSocket> sessionBus();

//-----------------------------------------------------------------------------
// [SECTION] Messages
//-----------------------------------------------------------------------------
// What the notification says and how the desktop files it.
struct Notification {
    std::string appName = "Unknot";
    std::string icon;          // an icon name from the theme ("org.unknot.Unknot") or ""
    std::string desktopEntry;  // the hint "desktop-entry": the .desktop file's name, without ".desktop"
    std::string title, body;
    std::int32_t expireMs = -1;  // -1: the desktop's default
};

// The method calls, little-endian, as sent: Hello (to the bus) and Notify.
std::string encodeHello(std::uint32_t serial);
std::string encodeNotify(std::uint32_t serial, const Notification& n);

// A message received, as far as the answer to a call needs: its type
// (2 return, 3 error, 4 signal), which call it answers, the error's name and,
// for Notify's return, the id the desktop gave the notification.
struct Reply {
    int type = 0;
    std::uint32_t replySerial = 0;
    std::string errorName;
    std::string errorText;    // an error's first argument, when it is a string
    std::uint32_t value = 0;  // a return's first argument, when it is a uint32
};
// Reads one whole message from the start of `bytes`: its total size and what
// it says; nullopt while incomplete. Errors (malformed or absurd sizes) are
// a Result failure.
Result<std::optional<std::pair<std::size_t, Reply>>> decodeMessage(const std::string& bytes);

//-----------------------------------------------------------------------------
// [SECTION] One notification, sent
//-----------------------------------------------------------------------------
// Connects, authenticates, says Hello, sends Notify and waits for its answer,
// `timeoutMs` in all at most. Returns the notification's id, or why not in
// words a person can act on ("no notification service is running").
Result<std::uint32_t> sendNotification(const BusSocket& bus, const Notification& n, int timeoutMs = 3000);

//-----------------------------------------------------------------------------
// [SECTION] The Notifier
//-----------------------------------------------------------------------------
// Sends on a thread of its own (the bus may be slow; the frame must not wait)
// and keeps the last failure for Settings.
class DesktopNotifier final : public Notifier {
public:
    // `bus`: nullopt means "no session bus" (permission() Unsupported).
    DesktopNotifier(std::optional<BusSocket> bus, std::string appId);
    ~DesktopNotifier() override;
    DesktopNotifier(const DesktopNotifier&) = delete;
    DesktopNotifier& operator=(const DesktopNotifier&) = delete;

    NotifyPermission permission() const override;
    void requestPermission() override {}
    void show(const std::string& title, const std::string& body) override;
    std::string lastError() const override;
    // Waits for the one in flight (tests).
    void wait();

private:
    std::optional<BusSocket> bus_;
    std::string appId_;
    std::thread sender_;
    std::atomic<bool> busy_{false};
    mutable std::mutex mu_;
    std::string error_;
};

}  // namespace unknot::platform
