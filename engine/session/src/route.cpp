#include "unknot/session/route.hpp"

#include <cmath>
#include <cstdlib>

namespace unknot {

namespace {

// A route without an argument: its name and the value it stands for.
Result<Route> plainRoute(std::string_view name) {
    if (name == "home") return Route{route::Home{}};
    if (name == "browse") return Route{route::Browse{}};
    if (name == "list" || name == "all") return Route{route::List{}};
    if (name == "problems") return Route{route::Problems{}};
    if (name == "settings") return Route{route::Settings{}};
    if (name == "safety") return Route{route::Safety{}};
    if (name == "history") return Route{route::History{}};
    if (name == "make") return Route{route::Make{}};
    if (name == "plans") return Route{route::Plans{}};
    return fail("");
}

Result<std::int64_t> parseSeconds(std::string_view whole, const std::string& num) {
    char* end = nullptr;
    const double seconds = std::strtod(num.c_str(), &end);
    if (num.empty() || end != num.c_str() + num.size() || !std::isfinite(seconds) || seconds < 0 ||
        seconds > kMaxRouteSeconds)
        return fail("bad time in " + std::string(whole) + " (want play:ID@SECONDS, 0 to 10000000)");
    return static_cast<std::int64_t>(std::llround(seconds * 1000.0));
}

Error unknown(std::string_view text) {
    return Error{"unknown screen: " + std::string(text) + " (want " + std::string(kRouteGrammar) + ")"};
}

}  // namespace

Result<Route> parseRoute(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        Result<Route> r = plainRoute(text);
        if (!r) return unknown(text);
        return r;
    }
    const std::string_view name = text.substr(0, colon);
    std::string arg(text.substr(colon + 1));
    if (name == "play") {
        const auto at = arg.find('@');
        std::int64_t atMs = 0;
        if (at != std::string::npos) {
            Result<std::int64_t> ms = parseSeconds(text, arg.substr(at + 1));
            if (!ms) return ms.error();
            atMs = *ms;
            arg.resize(at);
        }
        if (arg.empty()) return fail("missing routine id in " + std::string(text) + " (want play:ID@SECONDS)");
        return Route{route::Play{arg, atMs}};
    }
    if (name == "make") {
        if (arg.empty()) return fail("missing routine id in " + std::string(text) + " (want make:ID)");
        return Route{route::Make{arg}};
    }
    if (name == "plan") {
        if (arg.empty()) return fail("missing plan id in " + std::string(text) + " (want plan:ID)");
        return Route{route::Plan{arg}};
    }
    if (name != "area" && name != "card" && name != "pain") return unknown(text);
    if (arg.empty())
        return fail("missing " + std::string(name == "area" ? "area" : "routine") + " id in " + std::string(text) +
                    " (want " + std::string(name) + ":ID)");
    if (name == "area") return Route{route::List{arg}};
    if (name == "card") return Route{route::Card{arg}};
    return Route{route::PainBefore{arg}};
}

namespace {
struct Formatter {
    std::string operator()(const route::Home&) const { return "home"; }
    std::string operator()(const route::Browse&) const { return "browse"; }
    std::string operator()(const route::List& r) const { return r.area.empty() ? "list" : "area:" + r.area; }
    std::string operator()(const route::Problems&) const { return "problems"; }
    std::string operator()(const route::Settings&) const { return "settings"; }
    std::string operator()(const route::Safety&) const { return "safety"; }
    std::string operator()(const route::History&) const { return "history"; }
    std::string operator()(const route::Card& r) const { return "card:" + r.routine; }
    std::string operator()(const route::PainBefore& r) const { return "pain:" + r.routine; }
    std::string operator()(const route::Make& r) const { return r.routine.empty() ? "make" : "make:" + r.routine; }
    std::string operator()(const route::Plans&) const { return "plans"; }
    std::string operator()(const route::Plan& r) const { return "plan:" + r.plan; }
    std::string operator()(const route::Play& r) const {
        if (r.atMs == 0) return "play:" + r.routine;
        // Milliseconds as seconds with the fraction only when there is one.
        std::string s = std::to_string(r.atMs / 1000);
        if (const std::int64_t ms = r.atMs % 1000) {
            std::string frac = std::to_string(ms);
            s += "." + std::string(3 - frac.size(), '0') + frac;
            while (s.back() == '0') s.pop_back();
        }
        return "play:" + r.routine + "@" + s;
    }
};
}  // namespace

std::string formatRoute(const Route& r) { return std::visit(Formatter{}, r); }

std::int64_t routeTimeMs(const Route& r) {
    if (const auto* play = std::get_if<route::Play>(&r)) return play->atMs;
    return 0;
}

}  // namespace unknot
