// The desktop reminder over D-Bus (unknot/platform/desktop_notifier.hpp):
// bus addresses; messages that read back as written and hostile bytes that
// never crash the reader; the whole conversation against a fake bus written
// here (sign-in, Hello, Notify, each kind of answer, silence, refusal); and,
// where Debian's dbus-daemon is installed, the real bus accepting the call
// while dbus-monitor (libdbus's own decoder) reads back every argument.
//
// [SECTION] Addresses
// [SECTION] Messages
// [SECTION] A fake bus
// [SECTION] The real dbus-daemon
#include "unknot/platform/desktop_notifier.hpp"

#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>

using namespace unknot;
using namespace unknot::platform;
namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Addresses
//-----------------------------------------------------------------------------
TEST_CASE("notifier: bus addresses: a path, an abstract name, escapes, alternatives; nothing else") {
    auto a = parseBusAddress("unix:path=/run/user/1000/bus");
    REQUIRE(a);
    CHECK(a->name == "/run/user/1000/bus");
    CHECK_FALSE(a->abstract);
    a = parseBusAddress("unix:abstract=/tmp/dbus-Xy12,guid=0123456789abcdef");
    REQUIRE(a);
    CHECK(a->name == "/tmp/dbus-Xy12");
    CHECK(a->abstract);
    a = parseBusAddress("tcp:host=localhost,port=1;unix:guid=1,path=/tmp/a%20b");
    REQUIRE(a);
    CHECK(a->name == "/tmp/a b");
    CHECK_FALSE(parseBusAddress(""));
    CHECK_FALSE(parseBusAddress("tcp:host=localhost,port=1"));
    CHECK_FALSE(parseBusAddress("unix:path="));
    CHECK_FALSE(parseBusAddress("unix:path=/bad%zzescape"));
    CHECK_FALSE(parseBusAddress("unix:path=/truncated%2"));
    CHECK_FALSE(parseBusAddress("unix:path=/" + std::string(200, 'x')));  // longer than a socket name
}

//-----------------------------------------------------------------------------
// [SECTION] Messages
//-----------------------------------------------------------------------------
TEST_CASE("notifier: a message reads back whole; cut short it waits; hostile bytes never crash the reader") {
    Notification n;
    n.title = "Today’s practice";
    n.body = "Gentle neck release. A few gentle minutes.";
    n.desktopEntry = "org.unknot.Unknot";
    const std::string notify = encodeNotify(2, n);
    CHECK(notify.size() % 4 == 0);
    auto got = decodeMessage(notify);
    REQUIRE(got);
    REQUIRE(*got);
    CHECK((*got)->first == notify.size());
    CHECK((*got)->second.type == 1);  // a method call
    // Two messages back to back: the first is read alone.
    got = decodeMessage(encodeHello(1) + notify);
    REQUIRE(got);
    REQUIRE(*got);
    CHECK((*got)->first == encodeHello(1).size());
    // Every cut-short prefix: "not yet", never a failure or a crash.
    for (std::size_t len = 0; len < notify.size(); ++len) {
        auto part = decodeMessage(notify.substr(0, len));
        REQUIRE(part);
        CHECK_FALSE(*part);
    }
    // An absurd size is refused at once, not waited for.
    std::string huge = notify;
    huge[4] = huge[5] = huge[6] = huge[7] = '\x7f';
    CHECK_FALSE(decodeMessage(huge));
    CHECK_FALSE(decodeMessage(std::string("X") + notify.substr(1)));
    // Random bytes and random damage: each is read, waited for or refused.
    std::mt19937 rng(1234);
    for (int i = 0; i < 3000; ++i) {
        std::string b = i % 2 ? notify : std::string(16 + rng() % 200, '\0');
        for (int k = 0; k < 1 + static_cast<int>(rng() % 8); ++k) b[rng() % b.size()] = static_cast<char>(rng());
        if (i % 3 == 0) b[0] = 'l';
        (void)decodeMessage(b);
    }
    // Text is cut at a character, never inside one, and NUL never reaches the bus.
    n.body = std::string(3000, 'a') + "é";
    n.body[1999] = '\xc3';
    n.body[2000] = '\xa9';
    n.title = std::string("a\0b", 3);
    const std::string cut = encodeNotify(3, n);
    CHECK(cut.find("\xc3\xa9\0", 0) == std::string::npos);
    CHECK(cut.find(std::string("a\0b", 3)) == std::string::npos);
}

//-----------------------------------------------------------------------------
// [SECTION] A fake bus
//-----------------------------------------------------------------------------
namespace {
// An answer from the bus, written here independently of the code under test:
// a METHOD_RETURN (2) or an ERROR (3) to `replySerial`, with one argument.
std::string answer(int type, std::uint32_t replySerial, const std::string& errorName, char argType,
                   const std::string& text, std::uint32_t number) {
    std::string h, body;
    auto pad = [](std::string& b, std::size_t a) {
        while (b.size() % a) b.push_back('\0');
    };
    auto u32 = [&](std::string& b, std::uint32_t v) {
        pad(b, 4);
        for (int i = 0; i < 4; ++i) b.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    };
    auto str = [&](std::string& b, const std::string& s) {
        u32(b, static_cast<std::uint32_t>(s.size()));
        b += s;
        b.push_back('\0');
    };
    if (argType == 's') str(body, text);
    if (argType == 'u') u32(body, number);
    std::string fields;
    pad(fields, 8);
    fields += '\x05';
    fields += std::string("\x01u\0", 3);
    u32(fields, replySerial);
    if (!errorName.empty()) {
        pad(fields, 8);
        fields += '\x04';
        fields += std::string("\x01s\0", 3);
        str(fields, errorName);  // the fields start at 16: aligned within them is aligned in the message
    }
    pad(fields, 8);
    fields += '\x08';
    fields += std::string("\x01g\0", 3);
    fields += '\x01';
    fields += argType;
    fields += '\0';
    h += 'l';
    h += static_cast<char>(type);
    h += '\x01';  // flags: no reply expected
    h += '\x01';
    u32(h, static_cast<std::uint32_t>(body.size()));
    u32(h, 99);
    u32(h, static_cast<std::uint32_t>(fields.size()));
    h += fields;
    pad(h, 8);
    return h + body;
}

enum class BusPlays { Answers, NoService, Silent, RefusesSignIn, HangsUpAfterSignIn };

// Listens on a socket in a fresh folder, takes one client, plays its part.
class FakeBus {
public:
    explicit FakeBus(BusPlays plays) {
        dir_ = fs::temp_directory_path() /
               ("unknot-fakebus-" + std::to_string(::getpid()) + "-" + std::to_string(static_cast<int>(plays)));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        path_ = (dir_ / "bus").string();
        fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::strncpy(a.sun_path, path_.c_str(), sizeof a.sun_path - 1);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(fd_, 1) == 0);
        thread_ = std::thread([this, plays] { serve(plays); });
    }
    ~FakeBus() {
        ::shutdown(fd_, SHUT_RDWR);
        thread_.join();
        ::close(fd_);
        fs::remove_all(dir_);
    }
    BusSocket socket() const { return {path_, false}; }
    std::string received;  // everything the client sent (read after the call)

private:
    void serve(BusPlays plays) {
        const int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        auto readUntil = [&](const std::string& what) {
            char buf[4096];
            while (received.find(what) == std::string::npos) {
                const ssize_t n = ::recv(c, buf, sizeof buf, 0);
                if (n <= 0) return false;
                received.append(buf, static_cast<std::size_t>(n));
            }
            return true;
        };
        auto send = [&](const std::string& s) { (void)::send(c, s.data(), s.size(), MSG_NOSIGNAL); };
        if (plays == BusPlays::Silent) {
            readUntil("never sent");  // until the client gives up and hangs up
            ::close(c);
            return;
        }
        if (!readUntil("\r\n")) return (void)::close(c);
        if (plays == BusPlays::RefusesSignIn) {
            send("REJECTED EXTERNAL\r\n");
            readUntil("never sent");
            return (void)::close(c);
        }
        send("OK 0123456789abcdef0123456789abcdef\r\n");
        if (plays == BusPlays::HangsUpAfterSignIn) return (void)::close(c);
        // BEGIN, Hello and Notify: read until both calls are whole.
        if (!readUntil("BEGIN\r\n")) return (void)::close(c);
        for (;;) {
            const std::size_t at = received.find("BEGIN\r\n") + 7;
            const std::string calls = received.substr(at);
            auto first = decodeMessage(calls);
            if (first && *first) {
                auto second = decodeMessage(calls.substr((*first)->first));
                if (second && *second) break;
            }
            char buf[4096];
            const ssize_t n = ::recv(c, buf, sizeof buf, 0);
            if (n <= 0) return (void)::close(c);
            received.append(buf, static_cast<std::size_t>(n));
        }
        send(answer(2, 1, "", 's', ":1.42", 0));  // Hello: our unique name
        if (plays == BusPlays::NoService)
            send(answer(3, 2, "org.freedesktop.DBus.Error.ServiceUnknown", 's',
                        "The name org.freedesktop.Notifications was not provided by any .service files", 0));
        else
            send(answer(2, 2, "", 'u', "", 17));
        readUntil("never sent");
        ::close(c);
    }
    fs::path dir_;
    std::string path_;
    int fd_ = -1;
    std::thread thread_;
};

Notification reminder() {
    Notification n;
    n.icon = "org.unknot.Unknot";
    n.desktopEntry = "org.unknot.Unknot";
    n.title = "Today’s practice";
    n.body = "Gentle neck release. A few gentle minutes, whenever it suits you.";
    return n;
}
}  // namespace

TEST_CASE("notifier: against a fake bus: signed in as our uid, Hello then Notify, and each answer understood") {
    SECTION("the desktop shows it: its id comes back") {
        FakeBus bus(BusPlays::Answers);
        const Result<std::uint32_t> r = sendNotification(bus.socket(), reminder(), 3000);
        REQUIRE(r);
        CHECK(*r == 17);
        std::string uidHex;
        for (char ch : std::to_string(::getuid())) {
            char two[3];
            std::snprintf(two, sizeof two, "%02x", static_cast<unsigned char>(ch));
            uidHex += two;
        }
        CHECK(bus.received.rfind(std::string(1, '\0') + "AUTH EXTERNAL " + uidHex + "\r\n", 0) == 0);
        CHECK(bus.received.find("Hello") != std::string::npos);
        CHECK(bus.received.find("Notify") != std::string::npos);
        CHECK(bus.received.find("Today’s practice") != std::string::npos);
        CHECK(bus.received.find("whenever it suits you") != std::string::npos);
        CHECK(bus.received.find("desktop-entry") != std::string::npos);
    }
    SECTION("no notification service: said so in plain words") {
        FakeBus bus(BusPlays::NoService);
        const Result<std::uint32_t> r = sendNotification(bus.socket(), reminder(), 3000);
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "no notification service is running on this desktop");
    }
    SECTION("a bus that never answers: given up on at the deadline, nothing hangs") {
        FakeBus bus(BusPlays::Silent);
        const Result<std::uint32_t> r = sendNotification(bus.socket(), reminder(), 200);
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find("did not answer in time") != std::string::npos);
    }
    SECTION("a refused sign-in, a bus that hangs up, no bus at all") {
        {
            FakeBus bus(BusPlays::RefusesSignIn);
            const Result<std::uint32_t> r = sendNotification(bus.socket(), reminder(), 3000);
            REQUIRE_FALSE(r);
            CHECK(r.error().message.find("refused our sign-in") != std::string::npos);
        }
        {
            FakeBus bus(BusPlays::HangsUpAfterSignIn);
            const Result<std::uint32_t> r = sendNotification(bus.socket(), reminder(), 3000);
            REQUIRE_FALSE(r);
            CHECK(r.error().message.find("closed the connection") != std::string::npos);
        }
        const Result<std::uint32_t> r = sendNotification({"/nonexistent/unknot/bus", false}, reminder(), 3000);
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find("could not reach the session bus") != std::string::npos);
    }
}

TEST_CASE("notifier: DesktopNotifier: no bus is Unsupported and sends nothing; a failure is kept for Settings") {
    DesktopNotifier none(std::nullopt, "org.unknot.Unknot");
    CHECK(none.permission() == NotifyPermission::Unsupported);
    none.show("t", "b");
    none.wait();
    CHECK(none.lastError().empty());
    FakeBus bus(BusPlays::NoService);
    DesktopNotifier n(bus.socket(), "org.unknot.Unknot");
    CHECK(n.permission() == NotifyPermission::Granted);
    n.show("Today’s practice", "Gentle neck release.");
    n.wait();
    CHECK(n.lastError() == "no notification service is running on this desktop");
}

//-----------------------------------------------------------------------------
// [SECTION] The real dbus-daemon
//-----------------------------------------------------------------------------
namespace {
bool onPath(const char* tool) {
    return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Polls `p` until it holds `what`, for at most 10 s: waiting for another
// process to be ready, not measuring time.
bool waitFor(const fs::path& p, const std::string& what) {
    for (int i = 0; i < 200; ++i) {
        if (readFile(p).find(what) != std::string::npos) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}
}  // namespace

TEST_CASE("notifier: the real dbus-daemon takes the call, and dbus-monitor reads back every argument") {
    if (!onPath("dbus-daemon") || !onPath("dbus-monitor")) {
        std::printf("SKIP: dbus-daemon or dbus-monitor is not installed (apt install dbus-daemon dbus-bin)\n");
        std::exit(77);
    }
    const fs::path dir = fs::temp_directory_path() / ("unknot-dbus-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    // A private session bus: its address and pid on two lines.
    const std::string start = "dbus-daemon --session --fork --nopidfile --print-address=1 --print-pid=1 > '" +
                              (dir / "daemon.txt").string() + "'";
    REQUIRE(std::system(start.c_str()) == 0);
    std::istringstream lines(readFile(dir / "daemon.txt"));
    std::string address, pid;
    std::getline(lines, address);
    std::getline(lines, pid);
    REQUIRE_FALSE(address.empty());
    REQUIRE_FALSE(pid.empty());
    const std::string monitor = "dbus-monitor --address '" + address + "' > '" + (dir / "monitor.txt").string() +
                                "' 2>&1 & echo $! > '" + (dir / "monitor.pid").string() + "'";
    REQUIRE(std::system(monitor.c_str()) == 0);
    // The monitor says NameLost once it has become a monitor.
    const bool monitoring = waitFor(dir / "monitor.txt", "NameLost");

    const std::optional<BusSocket> bus = parseBusAddress(address);
    REQUIRE(bus);
    const Result<std::uint32_t> r = monitoring ? sendNotification(*bus, reminder(), 5000) : Result<std::uint32_t>(0u);
    const bool seen = monitoring && waitFor(dir / "monitor.txt", "int32 -1");
    const std::string out = readFile(dir / "monitor.txt");
    (void)std::system(("kill $(cat '" + (dir / "monitor.pid").string() + "') " + pid + " 2>/dev/null").c_str());
    fs::remove_all(dir);

    INFO(out);
    REQUIRE(monitoring);
    // No notification service on a private bus: the daemon answers for it,
    // which it does only for a message it found valid.
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "no notification service is running on this desktop");
    REQUIRE(seen);
    CHECK(out.find("member=Notify") != std::string::npos);
    CHECK(out.find("interface=org.freedesktop.Notifications") != std::string::npos);
    CHECK(out.find("string \"Unknot\"") != std::string::npos);
    CHECK(out.find("uint32 0") != std::string::npos);
    CHECK(out.find("string \"org.unknot.Unknot\"") != std::string::npos);
    CHECK(out.find("string \"Today’s practice\"") != std::string::npos);
    CHECK(out.find("string \"Gentle neck release. A few gentle minutes, whenever it suits you.\"") !=
          std::string::npos);
    CHECK(out.find("string \"desktop-entry\"") != std::string::npos);
    CHECK(out.find("int32 -1") != std::string::npos);
}
