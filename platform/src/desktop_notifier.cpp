// The daily reminder on a Linux desktop over D-Bus (see desktop_notifier.hpp).
// The wire format follows the D-Bus specification: every value aligned to its
// size from the start of the message, a header of (code, variant) fields, the
// body after the header padded to 8.
//
// [SECTION] Bus addresses
// [SECTION] Writing a message
// [SECTION] Reading a message
// [SECTION] The conversation
// [SECTION] The Notifier
#include "unknot/platform/desktop_notifier.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Bus addresses
//-----------------------------------------------------------------------------
namespace {
int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// A D-Bus address value with its %XX escapes undone; nullopt when malformed.
std::optional<std::string> unescape(const std::string& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] != '%') {
            out += v[i];
            continue;
        }
        if (i + 2 >= v.size()) return std::nullopt;
        const int hi = hexDigit(v[i + 1]), lo = hexDigit(v[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}
}  // namespace

std::optional<BusSocket> parseBusAddress(const std::string& address) {
    std::size_t from = 0;
    while (from <= address.size()) {
        const std::size_t end = std::min(address.find(';', from), address.size());
        const std::string one = address.substr(from, end - from);
        from = end + 1;
        if (one.rfind("unix:", 0) != 0) continue;
        // key=value pairs after "unix:", separated by ','.
        std::size_t k = 5;
        while (k <= one.size()) {
            const std::size_t kend = std::min(one.find(',', k), one.size());
            const std::string pair = one.substr(k, kend - k);
            k = kend + 1;
            const std::size_t eq = pair.find('=');
            if (eq == std::string::npos) continue;
            const std::string key = pair.substr(0, eq);
            if (key != "path" && key != "abstract") continue;
            const std::optional<std::string> value = unescape(pair.substr(eq + 1));
            // sun_path holds 108 bytes (107 and a NUL; abstract: 1 + 107).
            if (!value || value->empty() || value->size() > 107) continue;
            return BusSocket{*value, key == "abstract"};
        }
    }
    return std::nullopt;
}

std::optional<BusSocket> sessionBus() {
    if (const char* a = std::getenv("DBUS_SESSION_BUS_ADDRESS"); a && *a) return parseBusAddress(a);
    // systemd's user bus, where the variable was not passed on.
    const std::string path = "/run/user/" + std::to_string(::getuid()) + "/bus";
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) return BusSocket{path, false};
    return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] Writing a message
//-----------------------------------------------------------------------------
namespace {
constexpr std::uint8_t kMethodCall = 1, kMethodReturn = 2, kError = 3;
// Header field codes.
constexpr std::uint8_t kPath = 1, kInterface = 2, kMember = 3, kErrorName = 4, kReplySerial = 5, kDestination = 6,
                       kSignature = 8;
// The specification's limit on a whole message.
constexpr std::uint32_t kMaxMessage = 128u * 1024 * 1024;

class Writer {
public:
    std::string b;
    void pad(std::size_t a) {
        while (b.size() % a != 0) b.push_back('\0');
    }
    void byte(std::uint8_t v) { b.push_back(static_cast<char>(v)); }
    void u32(std::uint32_t v) {
        pad(4);
        for (int i = 0; i < 4; ++i) b.push_back(static_cast<char>((v >> (8 * i)) & 0xffu));
    }
    void str(const std::string& s) {  // 's' and 'o'
        u32(static_cast<std::uint32_t>(s.size()));
        b += s;
        b.push_back('\0');
    }
    void sig(const std::string& s) {  // 'g': a byte of length
        byte(static_cast<std::uint8_t>(s.size()));
        b += s;
        b.push_back('\0');
    }
    // Arrays: the length, then padding to the elements' alignment, then the
    // elements; the length counts the elements alone.
    std::size_t beginArray(std::size_t align) {
        u32(0);
        const std::size_t at = b.size() - 4;
        pad(align);
        return at;
    }
    void endArray(std::size_t at, std::size_t align) {
        const std::size_t start = at + 4 + (align - (at + 4) % align) % align;
        const auto len = static_cast<std::uint32_t>(b.size() - start);
        for (int i = 0; i < 4; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<char>((len >> (8 * i)) & 0xffu);
    }
    void field(std::uint8_t code, char type, const std::string& v) {
        pad(8);
        byte(code);
        sig(std::string(1, type));
        if (type == 'g')
            sig(v);
        else
            str(v);
    }
};

struct Call {
    std::string path, destination, interface, member, signature;
};

std::string message(std::uint32_t serial, const Call& c, const std::string& body) {
    Writer h;
    h.byte('l');  // little-endian
    h.byte(kMethodCall);
    h.byte(0);  // flags: a reply is wanted
    h.byte(1);  // protocol version
    h.u32(static_cast<std::uint32_t>(body.size()));
    h.u32(serial);
    const std::size_t fields = h.beginArray(8);
    h.field(kPath, 'o', c.path);
    h.field(kDestination, 's', c.destination);
    h.field(kInterface, 's', c.interface);
    h.field(kMember, 's', c.member);
    if (!c.signature.empty()) h.field(kSignature, 'g', c.signature);
    h.endArray(fields, 8);
    h.pad(8);
    return h.b + body;
}

// Text for the bus: valid UTF-8 without NUL is the caller's (the content's
// loader checked it); long text is cut at a character boundary.
std::string busText(const std::string& s, std::size_t max = 2000) {
    std::string t = s.substr(0, std::min(s.size(), max));
    if (t.size() < s.size())
        while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0u) == 0x80u) t.pop_back();
    if (t.size() < s.size() && !t.empty() && (static_cast<unsigned char>(t.back()) & 0x80u)) t.pop_back();
    std::string out;
    for (char ch : t)
        if (ch != '\0') out += ch;
    return out;
}
}  // namespace

std::string encodeHello(std::uint32_t serial) {
    return message(serial, {"/org/freedesktop/DBus", "org.freedesktop.DBus", "org.freedesktop.DBus", "Hello", ""}, {});
}

std::string encodeNotify(std::uint32_t serial, const Notification& n) {
    Writer b;
    b.str(busText(n.appName, 200));
    b.u32(0);  // replaces_id: a new notification
    b.str(busText(n.icon, 200));
    b.str(busText(n.title, 200));
    b.str(busText(n.body));
    const std::size_t actions = b.beginArray(4);  // none
    b.endArray(actions, 4);
    const std::size_t hints = b.beginArray(8);
    if (!n.desktopEntry.empty()) {
        b.pad(8);  // each dict entry starts on 8
        b.str("desktop-entry");
        b.sig("s");
        b.str(busText(n.desktopEntry, 200));
    }
    b.endArray(hints, 8);
    b.u32(static_cast<std::uint32_t>(n.expireMs));
    return message(serial,
                   {"/org/freedesktop/Notifications", "org.freedesktop.Notifications", "org.freedesktop.Notifications",
                    "Notify", "susssasa{sv}i"},
                   b.b);
}

//-----------------------------------------------------------------------------
// [SECTION] Reading a message
//-----------------------------------------------------------------------------
namespace {
// Bounds-checked reads from a received message, in its own byte order.
class Reader {
public:
    Reader(const std::string& b, std::size_t end, bool little) : b_(b), end_(end), little_(little) {}
    std::size_t pos = 0;
    bool ok = true;
    bool align(std::size_t a) {
        const std::size_t p = (pos + a - 1) / a * a;
        if (p > end_) return ok = false;
        pos = p;
        return true;
    }
    std::uint8_t byte() {
        if (pos + 1 > end_) return ok = false, 0;
        return static_cast<std::uint8_t>(b_[pos++]);
    }
    std::uint32_t u32() {
        if (!align(4) || pos + 4 > end_) return ok = false, 0;
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const auto byteAt =
                static_cast<std::uint32_t>(static_cast<unsigned char>(b_[pos + static_cast<std::size_t>(i)]));
            v |= little_ ? byteAt << (8 * i) : byteAt << (8 * (3 - i));
        }
        pos += 4;
        return v;
    }
    std::string text(std::size_t n) {
        if (n > end_ || pos + n + 1 > end_) return ok = false, std::string();
        std::string s = b_.substr(pos, n);
        pos += n + 1;  // and its NUL
        return s;
    }
    std::string str() { return text(u32()); }
    std::string sig() { return text(byte()); }

private:
    const std::string& b_;
    std::size_t end_;
    bool little_;
};
}  // namespace

Result<std::optional<std::pair<std::size_t, Reply>>> decodeMessage(const std::string& bytes) {
    if (bytes.size() < 16) return std::optional<std::pair<std::size_t, Reply>>{};
    const char order = bytes[0];
    if (order != 'l' && order != 'B') return fail("the bus sent a message in no known byte order");
    Reader head(bytes, 16, order == 'l');
    head.pos = 4;
    const std::uint32_t bodyLen = head.u32();
    (void)head.u32();  // serial
    const std::uint32_t fieldsLen = head.u32();
    if (bodyLen > kMaxMessage || fieldsLen > kMaxMessage) return fail("the bus sent a message of an absurd size");
    const std::size_t bodyAt = (16 + std::size_t{fieldsLen} + 7) / 8 * 8;
    const std::size_t total = bodyAt + bodyLen;
    if (total > kMaxMessage) return fail("the bus sent a message of an absurd size");
    if (bytes.size() < total) return std::optional<std::pair<std::size_t, Reply>>{};
    Reply r;
    r.type = static_cast<unsigned char>(bytes[1]);
    std::string signature;
    Reader f(bytes, 16 + std::size_t{fieldsLen}, order == 'l');
    f.pos = 16;
    while (f.ok && f.pos < 16 + std::size_t{fieldsLen}) {
        if (!f.align(8) || f.pos >= 16 + std::size_t{fieldsLen}) break;
        const std::uint8_t code = f.byte();
        const std::string type = f.sig();
        if (!f.ok || type.size() != 1) return fail("the bus sent a malformed header");
        switch (type[0]) {
        case 'u': {
            const std::uint32_t v = f.u32();
            if (code == kReplySerial) r.replySerial = v;
            break;
        }
        case 's':
        case 'o': {
            const std::string v = f.str();
            if (code == kErrorName) r.errorName = v;
            break;
        }
        case 'g': {
            const std::string v = f.sig();
            if (code == kSignature) signature = v;
            break;
        }
        case 'y': (void)f.byte(); break;
        default: return fail("the bus sent a header field of an unexpected type");
        }
    }
    if (!f.ok) return fail("the bus sent a malformed header");
    Reader body(bytes, total, order == 'l');
    body.pos = bodyAt;
    if (r.type == kError && !signature.empty() && signature[0] == 's') r.errorText = body.str();
    if (r.type == kMethodReturn && !signature.empty() && signature[0] == 'u') r.value = body.u32();
    if (!body.ok) return fail("the bus sent a malformed body");
    return std::optional<std::pair<std::size_t, Reply>>{std::pair<std::size_t, Reply>{total, r}};
}

//-----------------------------------------------------------------------------
// [SECTION] The conversation
//-----------------------------------------------------------------------------
namespace {
using SteadyClock = std::chrono::steady_clock;

class Socket {
public:
    explicit Socket(int fd) : fd_(fd) {}
    ~Socket() {
        if (fd_ >= 0) ::close(fd_);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int fd() const { return fd_; }

private:
    int fd_;
};

int msLeft(SteadyClock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

// Writes all of `data` before the deadline (poll, never a blocking send).
Result<void> writeAll(int fd, const std::string& data, SteadyClock::time_point deadline) {
    std::size_t done = 0;
    while (done < data.size()) {
        pollfd p{fd, POLLOUT, 0};
        const int ready = ::poll(&p, 1, msLeft(deadline));
        if (ready == 0) return fail("the session bus did not take the message in time");
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return fail(std::string("the session bus: ") + std::strerror(errno));
        const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        if (n <= 0) return fail(std::string("the session bus closed the connection (") + std::strerror(errno) + ")");
        done += static_cast<std::size_t>(n);
    }
    return {};
}

// Reads what there is into `in`, waiting until the deadline for something.
Result<void> readSome(int fd, std::string& in, SteadyClock::time_point deadline) {
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, msLeft(deadline));
        if (ready == 0) return fail("the session bus did not answer in time");
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return fail(std::string("the session bus: ") + std::strerror(errno));
        char buf[4096];
        const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        // A peer that hung up with our bytes unread resets the connection.
        if (n == 0 || (n < 0 && errno == ECONNRESET)) return fail("the session bus closed the connection");
        if (n < 0) return fail(std::string("the session bus: ") + std::strerror(errno));
        in.append(buf, static_cast<std::size_t>(n));
        return {};
    }
}

Result<int> connectBus(const BusSocket& bus) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return fail(std::string("no socket: ") + std::strerror(errno));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::size_t at = 0;
    if (bus.abstract) addr.sun_path[at++] = '\0';
    std::memcpy(addr.sun_path + at, bus.name.data(), bus.name.size());
    const auto len =
        static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + at + bus.name.size() + (bus.abstract ? 0 : 1));
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), len) != 0) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        return fail("could not reach the session bus at " + bus.name + " (" + why + ")");
    }
    return fd;
}

// EXTERNAL: the bus knows our uid from the socket; we only say it.
Result<void> authenticate(int fd, std::string& in, SteadyClock::time_point deadline) {
    static const char kHex[] = "0123456789abcdef";
    std::string uidHex;
    for (char ch : std::to_string(::getuid())) {
        uidHex += kHex[(static_cast<unsigned char>(ch) >> 4) & 0xF];
        uidHex += kHex[static_cast<unsigned char>(ch) & 0xF];
    }
    if (Result<void> w = writeAll(fd, std::string(1, '\0') + "AUTH EXTERNAL " + uidHex + "\r\n", deadline); !w)
        return w;
    std::size_t eol = std::string::npos;
    while ((eol = in.find("\r\n")) == std::string::npos) {
        if (in.size() > 4096) return fail("the session bus sent no proper answer to our sign-in");
        if (Result<void> r = readSome(fd, in, deadline); !r) return r;
    }
    const std::string line = in.substr(0, eol);
    in.erase(0, eol + 2);
    if (line.rfind("OK ", 0) != 0) return fail("the session bus refused our sign-in (" + busText(line, 200) + ")");
    return {};
}

std::string explain(const Reply& r) {
    if (r.errorName == "org.freedesktop.DBus.Error.ServiceUnknown" ||
        r.errorName == "org.freedesktop.DBus.Error.NameHasNoOwner")
        return "no notification service is running on this desktop";
    return busText(r.errorName, 200) + (r.errorText.empty() ? "" : ": " + busText(r.errorText, 300));
}
}  // namespace

Result<std::uint32_t> sendNotification(const BusSocket& bus, const Notification& n, int timeoutMs) {
    const SteadyClock::time_point deadline = SteadyClock::now() + std::chrono::milliseconds(timeoutMs);
    Result<int> fd = connectBus(bus);
    if (!fd) return fd.error();
    const Socket sock(*fd);
    std::string in;
    if (Result<void> a = authenticate(sock.fd(), in, deadline); !a) return a.error();
    // BEGIN, then Hello and Notify at once: the bus answers them in order.
    constexpr std::uint32_t kHelloSerial = 1, kNotifySerial = 2;
    if (Result<void> w =
            writeAll(sock.fd(), "BEGIN\r\n" + encodeHello(kHelloSerial) + encodeNotify(kNotifySerial, n), deadline);
        !w)
        return w.error();
    for (int messages = 0; messages < 64; ++messages) {
        Result<std::optional<std::pair<std::size_t, Reply>>> got = decodeMessage(in);
        if (!got) return got.error();
        if (!*got) {
            if (Result<void> r = readSome(sock.fd(), in, deadline); !r) return r.error();
            --messages;
            continue;
        }
        const auto [size, reply] = **got;
        in.erase(0, size);
        if (reply.type == kError && reply.replySerial == kHelloSerial)
            return fail("the session bus refused us: " + explain(reply));
        if (reply.replySerial != kNotifySerial) continue;  // Hello's answer, NameAcquired
        if (reply.type == kError) return fail(explain(reply));
        if (reply.type == kMethodReturn) return reply.value;
    }
    return fail("the session bus sent many messages and no answer");
}

//-----------------------------------------------------------------------------
// [SECTION] The Notifier
//-----------------------------------------------------------------------------
DesktopNotifier::DesktopNotifier(std::optional<BusSocket> bus, std::string appId)
    : bus_(std::move(bus)), appId_(std::move(appId)) {}

DesktopNotifier::~DesktopNotifier() { wait(); }

void DesktopNotifier::wait() {
    if (sender_.joinable()) sender_.join();
}

NotifyPermission DesktopNotifier::permission() const {
    return bus_ ? NotifyPermission::Granted : NotifyPermission::Unsupported;
}

void DesktopNotifier::show(const std::string& title, const std::string& body) {
    if (!bus_) return;
    // One at a time (a reminder a day, or a tap on "Send one now"): a second
    // tap while the first is still on its way is not queued, and the frame
    // never waits for the bus.
    if (busy_.exchange(true)) return;
    wait();  // finished: the join is immediate
    Notification n;
    n.icon = appId_;
    n.desktopEntry = appId_;
    n.title = title;
    n.body = body;
    sender_ = std::thread([this, bus = *bus_, n] {
        const Result<std::uint32_t> sent = sendNotification(bus, n);
        const std::lock_guard<std::mutex> lock(mu_);
        error_ = sent ? std::string() : sent.error().message;
        busy_ = false;
    });
}

std::string DesktopNotifier::lastError() const {
    const std::lock_guard<std::mutex> lock(mu_);
    return error_;
}

}  // namespace unknot::platform
