// Routes: where the app is, as a value. One grammar, parsed here only, shared
// by the app (App::open), the platform runner (--screen, --screenshot), the
// benches and the tests:
//
//   home | browse | list | all | problems | settings | safety | history
//   area:AREA      the list of routines for one area of the body map
//   card:ROUTINE   a routine's card
//   pain:ROUTINE   the pain question asked before ROUTINE starts
//   play:ROUTINE[@SECONDS]  the session, SECONDS into it on a virtual clock
//   make | make:ROUTINE     "Make your own" breathing pattern: a new one, or
//                           editing one of the person's own pack
//   plans | plan:PLAN       the plans over weeks, and one plan's weeks
//
// The parser checks the shape only; whether ROUTINE or AREA exists is the
// caller's question (it holds the library).
#pragma once

#include "unknot/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace unknot {

namespace route {
struct Home {};
struct Browse {};
struct List {
    std::string area;  // "" lists every routine
};
struct Problems {};
struct Settings {};
struct Safety {};
struct History {};
struct Card {
    std::string routine;
};
struct PainBefore {
    std::string routine;
};
struct Play {
    std::string routine;
    std::int64_t atMs = 0;  // on the session's virtual clock, 0 = its start
};
struct Make {
    std::string routine;  // "" makes a new pattern
};
struct Plans {};
struct Plan {
    std::string plan;
};
}  // namespace route

using Route =
    std::variant<route::Home, route::Browse, route::List, route::Problems, route::Settings, route::Safety,
                 route::History, route::Card, route::PainBefore, route::Play, route::Make, route::Plans, route::Plan>;

// The longest SECONDS play: accepts (about 115 days: far beyond any routine,
// small enough that the milliseconds fit every clock).
inline constexpr double kMaxRouteSeconds = 1e7;

// The grammar in one line, for error messages and --help.
inline constexpr std::string_view kRouteGrammar =
    "home, browse, list, problems, settings, safety, history, area:ID, card:ID, pain:ID, play:ID@SECONDS, "
    "make, make:ID, plans, plan:ID";

Result<Route> parseRoute(std::string_view text);
// The text parseRoute reads back as the same route ("list" for List{""}).
std::string formatRoute(const Route& r);
// The virtual time a route opens at: a Play's atMs, 0 for every other route.
std::int64_t routeTimeMs(const Route& r);

}  // namespace unknot
