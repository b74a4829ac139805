// Options: the window app's command line, parsed and checked before anything
// opens (see shell.hpp for the limits).
//
// [SECTION] Sizes (WxH)
// [SECTION] The flags (CLI11)
// [SECTION] Checks (each a plain-English refusal, exit status 2)
// [SECTION] parseAppOptions
#include "unknot/platform/shell.hpp"

#include "plain_file.hpp"
#include "unknot/result.hpp"
#include "unknot/session/route.hpp"
#include "unknot/session/settings.hpp"
#include "unknot/ui/strings.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <ostream>

namespace unknot::platform {

//-----------------------------------------------------------------------------
// [SECTION] Sizes
//-----------------------------------------------------------------------------
bool parseSize(const std::string& text, int& w, int& h) {
    const auto x = text.find_first_of("xX");
    if (x == std::string::npos || x == 0 || x + 1 >= text.size()) return false;
    const std::string a = text.substr(0, x), b = text.substr(x + 1);
    const auto digits = [](const std::string& s) {
        return s.size() <= 5 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(a) || !digits(b)) return false;
    const int pw = std::stoi(a), ph = std::stoi(b);
    if (pw < 1 || ph < 1 || pw > kMaxSizeSide || ph > kMaxSizeSide) return false;
    w = pw;
    h = ph;
    return true;
}

namespace {

// At most `n` characters of `s` for an error message (a hostile argument can
// be a megabyte long).
std::string excerpt(const std::string& s, std::size_t n = 80) {
    return "\"" + (s.size() <= n ? s : s.substr(0, n) + "...") + "\"";
}

//-----------------------------------------------------------------------------
// [SECTION] The flags
//-----------------------------------------------------------------------------
// Flags whose text the checks below read before storing it.
struct RawFlags {
    std::string size, canvas;
};

void addDisplayFlags(CLI::App& cli, AppOptions& o, RawFlags& raw) {
    cli.add_option("--size", raw.size, "Window size in logical pixels, WxH (default 390x844)");
    cli.add_option("--lang", o.lang, "Language of the content and the screens (en, fr, ...)");
    cli.add_option("--content", o.content, "Load these packs or folders instead of the default set")->expected(1, 1000);
    cli.add_option("--screen", o.screen, "Open this screen first: " + std::string(kRouteGrammar));
    cli.add_option("--screenshot", o.screenshot, "Render --screen on a virtual clock, write this PNG and exit");
    cli.add_option("--canvas", raw.canvas,
                   "With --screenshot: draw the app at --size onto a larger WxH canvas (tests)");
    cli.add_flag("--via-partial", o.viaPartial,
                 "With --screenshot: draw 1 s earlier, then only the damaged rectangles (tests)");
    cli.add_option("--trace", o.trace, "Append a line (screen, hotspots: id x y w h) whenever they change");
    cli.add_option("--font-px", o.fontPx, "Base font size in logical pixels at 100% text size (default 20)")
        ->check(CLI::Range(8.0f, 64.0f));
}

void addSettingFlags(CLI::App& cli, AppOptions& o) {
    cli.add_option("--journal", o.journal,
                   "The journal file (default: journal.db in the user's data folder; :memory: keeps it in memory)");
    cli.add_option("--theme", o.theme, "Colours: light, dark, high-contrast or pure-black (saved)")
        ->check(CLI::IsMember({"light", "dark", "high-contrast", "pure-black"}));
    cli.add_option("--text-size", o.textPercent,
                   "Text size in percent, " + std::to_string(kTextPercentMin) + " to " +
                       std::to_string(kTextPercentMax) + " (saved)")
        ->check(CLI::Range(kTextPercentMin, kTextPercentMax));
    cli.add_flag("--reduced-motion", o.reducedMotion, "Words and a filling bar instead of moving shapes (saved)");
    cli.add_flag("--watch", o.watch,
                 "For content authors: reload content when its files change and show errors in the app");
    cli.add_flag("--exit-after-first-frame", o.exitAfterFirstFrame,
                 "Benchmark: print the time from launch to the first presented frame and exit");
    cli.add_option("--bench", o.benchSeconds,
                   "Benchmark: run this many seconds, then print frame, CPU, memory and timing figures")
        ->check(CLI::Range(0.5, 24.0 * 3600));
}

//-----------------------------------------------------------------------------
// [SECTION] Checks
//-----------------------------------------------------------------------------
Result<void> checkSizes(AppOptions& o, const RawFlags& raw) {
    if (!raw.size.empty() && !parseSize(raw.size, o.width, o.height))
        return fail("--size wants WxH with each side 1 to " + std::to_string(kMaxSizeSide) + ", like 390x844 (got " +
                    excerpt(raw.size) + ")");
    if (raw.canvas.empty()) return {};
    if (!parseSize(raw.canvas, o.canvasW, o.canvasH) || o.canvasW < o.width || o.canvasH < o.height)
        return fail("--canvas wants WxH with each side at most " + std::to_string(kMaxSizeSide) +
                    " and at least as large as --size (got " + excerpt(raw.canvas) + ")");
    if (o.screenshot.empty()) return fail("--canvas only makes sense with --screenshot");
    return {};
}

// The screen grammar is unknot::parseRoute's; the shell adds its limits on
// length and time, so a hostile name is refused before any window opens.
Result<void> checkScreen(const std::string& screen) {
    const std::string limits = "seconds from 0 to " + std::to_string(static_cast<int>(kMaxScreenSeconds));
    if (screen.size() > kMaxScreenChars)
        return fail("--screen is " + std::to_string(screen.size()) + " characters long; screen names are at most " +
                    std::to_string(kMaxScreenChars) + " (like card:neck-release)");
    if (screen.empty()) return {};
    const Result<Route> route = parseRoute(screen);
    if (!route)
        return fail("--screen " + excerpt(screen) + ": " + route.error().message + "\nThe time after @ is in " +
                    limits + ", like play:neck-release@20.5");
    if (static_cast<double>(routeTimeMs(*route)) > kMaxScreenSeconds * 1000.0)
        return fail("--screen " + excerpt(screen) + ": the time after @ wants " + limits +
                    ", like play:neck-release@20.5");
    return {};
}

Result<void> checkValues(const CLI::App& cli, const AppOptions& o) {
    // The languages of the app's own words; every pack's text falls back to
    // its first language when it lacks the one asked for.
    if (cli.count("--lang")) {
        const auto& langs = ui::uiLanguages();
        if (std::find(langs.begin(), langs.end(), o.lang) == langs.end())
            return fail("--lang " + excerpt(o.lang) + " is not a language Unknot has; use en (English) or fr (French)");
    }
    // CLI11's range checks let "nan" through (every comparison with NaN is false).
    if (!std::isfinite(o.fontPx)) return fail("--font-px wants a number from 8 to 64");
    if (!std::isfinite(o.benchSeconds)) return fail("--bench wants a number of seconds");
    return checkScreen(o.screen);
}

Result<void> checkJournal(const AppOptions& o) {
    if (o.journal.empty()) return fail("--journal wants a file path (or :memory: to keep it in memory)");
    if (o.journal == ":memory:") return {};
    const std::string what = notPlainFile(o.journal, true);
    if (!what.empty())
        return fail("--journal " + o.journal + ": this is " + what +
                    ", not a journal file; give the path of a file (or :memory:)");
    return {};
}

// The files the app will write: refused now, not after seconds of rendering.
Result<void> checkOutputs(const AppOptions& o) {
    if (!o.screenshot.empty()) {
        const std::string what = notPlainFile(o.screenshot, false);
        if (!what.empty())
            return fail("--screenshot " + o.screenshot + ": this is " + what +
                        "; give the path of a new or plain file to write the PNG to");
        std::error_code ec;
        const std::filesystem::path parent = std::filesystem::path(o.screenshot).parent_path();
        if (!std::filesystem::is_directory(parent.empty() ? std::filesystem::path(".") : parent, ec))
            return fail("--screenshot " + o.screenshot + ": the folder " + parent.string() +
                        " does not exist; create it first");
    }
    if (!o.trace.empty()) {
        const std::string what = notPlainFile(o.trace, true);
        if (!what.empty()) return fail("--trace " + o.trace + ": this is " + what + "; give the path of a plain file");
    }
    return {};
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] parseAppOptions
//-----------------------------------------------------------------------------
int parseAppOptions(int argc, const char* const* argv, AppOptions& o, std::ostream& out, std::ostream& err) {
    CLI::App cli{
        "Unknot: a calm self-care guide for chronic pain (window app).\n"
        "Without a display, use the command line: unknot --help, unknot list, "
        "unknot play ID --clock virtual.",
        "unknot"};
    // `unknot --help` is what the no-display message points to, so it names
    // the commands too (their own help: `unknot help`).
    cli.footer(
        "Commands (no display needed; details: unknot help):\n"
        "  unknot list [--json]           the routines\n"
        "  unknot show ID                 one routine, its steps and cautions\n"
        "  unknot play ID --clock virtual its timeline, at once\n"
        "  unknot lint [PATH...]          check content packs");
    RawFlags raw;
    addDisplayFlags(cli, o, raw);
    addSettingFlags(cli, o);
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int status = cli.exit(e, out, err);
        return status == 0 ? 0 : 2;
    }
    Result<void> checked = checkSizes(o, raw);
    if (checked) checked = checkValues(cli, o);
    if (checked && cli.count("--journal")) checked = checkJournal(o);
    if (checked) checked = checkOutputs(o);
    if (!checked) {
        err << "unknot: " << checked.error().message << "\n";
        return 2;
    }
    return -1;
}

}  // namespace unknot::platform
