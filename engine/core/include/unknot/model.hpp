// The content model: packs, vocabularies and routines, as the loader builds
// them. Plain data, no YAML and no behaviour beyond lookups.
//
// [SECTION] Text limits: the longest text each field may hold
// [SECTION] Vocabularies: kinds, intensities, areas, equipment
// [SECTION] Steps (a std::variant of the kinds of step)
// [SECTION] Routine and Pack
// [SECTION] Library: everything loaded, plus what went wrong
#pragma once

#include "unknot/diagnostics.hpp"
#include "unknot/figure.hpp"
#include "unknot/text.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Text limits
//-----------------------------------------------------------------------------
// The longest text, in characters (Unicode code points, as JSON Schema's
// maxLength counts), that each field may hold in each language. `unknot lint`
// reports longer text as an error and the routine is not loaded, so the app
// never has to draw it. Each is several times the longest in the bundled pack
// (in brackets), generous for real use; content/README.md and the JSON Schemas
// (maxLength) state the same figures.
inline constexpr std::size_t kMaxTitleChars = 100;         // routine and pack titles (48)
inline constexpr std::size_t kMaxSummaryChars = 600;       // routine summary (184)
inline constexpr std::size_t kMaxPromptChars = 300;        // a step's `say` (118)
inline constexpr std::size_t kPromptGlanceChars = 160;     // longer prompts get a warning only
inline constexpr std::size_t kMaxTipChars = 600;           // a step's `tip` (125)
inline constexpr std::size_t kMaxVoiceChars = 300;         // a step's `voice` (spoken prompt)
inline constexpr std::size_t kMaxCautionChars = 400;       // one caution (153)
inline constexpr std::size_t kMaxCautionsPerRoutine = 20;  // cautions of one routine (9)
inline constexpr std::size_t kMaxLabelChars = 60;          // area and equipment labels (30)
inline constexpr std::size_t kMaxSynonymChars = 60;        // one search synonym (33)
inline constexpr std::size_t kMaxVersionChars = 32;        // a pack's version

//-----------------------------------------------------------------------------
// [SECTION] Vocabularies
//-----------------------------------------------------------------------------
enum class Kind { SelfMassage, Breathing, Stretch, Relaxation, HeatCold };
enum class Intensity { Gentle, Moderate, Firm };
enum class Side { None, Left, Right };
enum class Cue { Chime, None };

// The YAML spelling of each value ("self-massage", "gentle", ...).
const char* toString(Kind k);
const char* toString(Intensity i);
const char* toString(Side s);
const char* toString(Cue c);
std::optional<Kind> kindFromString(std::string_view s);
std::optional<Intensity> intensityFromString(std::string_view s);
const std::vector<std::string>& kindNames();
const std::vector<std::string>& intensityNames();

// One spot of an area on the body map. The figure sits in a box half as wide
// as it is tall; x and y are normalized in that box, r is a fraction of its height.
struct MapSpot {
    bool back = false;  // false: front view
    float x = 0.5f, y = 0.5f, r = 0.05f;
};

struct Area {
    std::string id;
    Text label;
    std::map<std::string, std::vector<std::string>> synonyms;  // by language
    std::vector<MapSpot> spots;
};

struct Equipment {
    std::string id;
    Text label;
};

//-----------------------------------------------------------------------------
// [SECTION] Steps
//-----------------------------------------------------------------------------
// Where a node came from, for diagnostics found after loading (include cycles).
struct SourcePos {
    int line = 0, column = 0;
};

// Breathing phases are kept in milliseconds: the format allows decimals (3.5 s).
struct Breathe {
    std::int64_t inhaleMs = 0, holdMs = 0, exhaleMs = 0, restMs = 0;
    int cycles = 1;  // already rounded from `duration` by the loader
    // Cycles whose phases the voice names ("In", "Hold", "Out"); after them
    // the tones carry on alone, as a teacher would. `count_aloud:` in YAML.
    int countAloud = kDefaultCountAloud;
    static constexpr int kDefaultCountAloud = 3;
    std::int64_t cycleMs() const { return inhaleMs + holdMs + exhaleMs + restMs; }
};

struct Timed {
    std::int64_t seconds = 0;
    std::vector<Side> sides;         // empty: one segment; else one per side
    std::int64_t switchSeconds = 5;  // between sides; 0 for none
};
struct WaitTap {};

struct Step;
using Steps = std::vector<Step>;

struct SayStep {
    Text say;
    Text tip;                                    // may be empty
    std::variant<Timed, WaitTap, Breathe> body;  // what the step does with time
    Cue cue = Cue::Chime;
    std::string image;  // resolved path, or empty
    // The drawn figure of the step (figure.hpp), or null. Shared: the
    // timeline can hand it to every segment of the step without copying.
    std::shared_ptr<const StepFigure> figure;

    // What the voice says instead of `say` (`voice:` in YAML; empty: `say`
    // itself). `voice: none` sets quiet: nothing at all is spoken in the step.
    Text voice;
    bool quiet = false;
};
struct RepeatStep {
    int count = 1;
    Steps steps;
};
struct IncludeStep {
    std::string routineId;
};

struct Step {
    std::variant<SayStep, RepeatStep, IncludeStep> v;
    SourcePos pos;
};

//-----------------------------------------------------------------------------
// [SECTION] Routine and Pack
//-----------------------------------------------------------------------------
struct Routine {
    std::string id;
    Text title, summary;
    Kind kind = Kind::Relaxation;
    std::vector<std::string> areas, conditions, equipment;
    Intensity intensity = Intensity::Gentle;
    bool flareSafe = false;
    std::vector<Text> cautions;
    Steps steps;

    std::string packId;
    std::string path;  // the file it came from
    SourcePos pos;
};

struct Pack {
    std::string id;
    Text title;
    std::string version;
    std::vector<std::string> languages;  // first is the default
    std::string dir;
    std::string defaultLang() const { return languages.empty() ? "en" : languages.front(); }
};

//-----------------------------------------------------------------------------
// [SECTION] Library
//-----------------------------------------------------------------------------
// Everything that loaded, in a stable order (routines sorted by id), and every
// problem found. A broken routine is left out; the rest is complete.
// What a load cost, counted (not timed): tests bound these instead of the
// clock, which a shared machine makes meaningless.
struct LoadStats {
    std::size_t filesRead = 0;  // files whose bytes were read
    std::size_t bytesRead = 0;  // bytes read, all files together
    std::size_t yamlNodes = 0;  // YAML nodes walked by the shape check (aliases each time)
};

struct Library {
    std::vector<Pack> packs;
    std::vector<Area> areas;
    std::vector<Equipment> equipment;
    std::vector<Routine> routines;
    FigureBook figures;  // poses and props (content/figures/)
    std::vector<Diagnostic> diagnostics;
    LoadStats stats;

    const Routine* findRoutine(std::string_view id) const;
    const Area* findArea(std::string_view id) const;
    const Equipment* findEquipment(std::string_view id) const;
    const Pack* findPack(std::string_view id) const;
    // Languages offered by the loaded packs, default first.
    std::vector<std::string> languages() const;
};

}  // namespace unknot
