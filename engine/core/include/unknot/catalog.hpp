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
};

// Totals are computed once from the compiled timelines; queries are cheap.
class Catalog {
public:
    explicit Catalog(const Library& lib);
    std::vector<CatalogEntry> query(const Query& q) const;
    const std::vector<CatalogEntry>& all() const { return entries_; }
    std::int64_t totalSeconds(std::string_view routineId) const;
    // How many routines list each area (for the area chips).
    int countForArea(std::string_view areaId) const;

private:
    bool matchesText(const CatalogEntry& e, const std::string& folded, const std::string& lang) const;
    const Library& lib_;
    std::vector<CatalogEntry> entries_;
};

// The JSON array `unknot list --json` prints.
std::string catalogToJson(const Library& lib, const std::vector<CatalogEntry>& entries, const std::string& lang);

}  // namespace unknot
