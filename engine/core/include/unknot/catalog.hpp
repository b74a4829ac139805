// The catalog: finding routines by area, kind, equipment, length, flare
// suitability and free text.
#pragma once

#include "unknot/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace unknot {

struct Query {
    std::optional<std::string> area;
    std::optional<Kind> kind;
    std::optional<std::string> equipment;  // needs this piece
    bool noEquipment = false;              // needs nothing at all
    std::optional<int> maxMinutes;
    bool flareSafeOnly = false;
    std::string search;  // titles, summaries, conditions, area synonyms
    std::string lang = "en";
};

struct CatalogEntry {
    const Routine* routine = nullptr;
    std::int64_t totalSeconds = 0;
    // How well the entry answers the query (0 when there is no search text
    // and no area); query() returns entries with the highest first.
    int rank = 0;
};

// Totals are computed once from the compiled timelines; queries are cheap.
class Catalog {
public:
    explicit Catalog(const Library& lib);
    // The entries that match every part of `q`. With search text, ranked by
    // relevance: each word scores where it is found (title 8, area label or
    // condition 6, area synonym, summary or id 2), half as much when it is
    // only part of a longer word ("hip" in "whiplash"); a word found nowhere
    // excludes the routine. With an area, the routines whose main (first)
    // area it is come first. Ties keep the library's order (by id).
    std::vector<CatalogEntry> query(const Query& q) const;
    const std::vector<CatalogEntry>& all() const { return entries_; }
    std::int64_t totalSeconds(std::string_view routineId) const;
    // How many routines list each area (for the area chips).
    int countForArea(std::string_view areaId) const;

private:
    // The search score of `r` for the folded search words; 0: no match.
    int textScore(const Routine& r, const std::vector<std::string>& words, const std::string& lang) const;
    const Library& lib_;
    std::vector<CatalogEntry> entries_;
};

// The JSON array `unknot list --json` prints.
std::string catalogToJson(const Library& lib, const std::vector<CatalogEntry>& entries, const std::string& lang);

}  // namespace unknot
