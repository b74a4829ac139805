// Vocabulary spellings and library lookups.
#include "unknot/model.hpp"

#include <algorithm>

namespace unknot {

namespace {
const std::vector<std::string> kKinds = {"self-massage", "breathing", "stretch", "relaxation", "heat-cold"};
const std::vector<std::string> kIntensities = {"gentle", "moderate", "firm"};
}  // namespace

const char* toString(Kind k) { return kKinds[static_cast<std::size_t>(k)].c_str(); }
const char* toString(Intensity i) { return kIntensities[static_cast<std::size_t>(i)].c_str(); }
const char* toString(Side s) { return s == Side::Left ? "left" : s == Side::Right ? "right" : "none"; }
const char* toString(Cue c) { return c == Cue::Chime ? "chime" : "none"; }

std::optional<Kind> kindFromString(std::string_view s) {
    for (std::size_t i = 0; i < kKinds.size(); ++i)
        if (kKinds[i] == s) return static_cast<Kind>(i);
    return std::nullopt;
}
std::optional<Intensity> intensityFromString(std::string_view s) {
    for (std::size_t i = 0; i < kIntensities.size(); ++i)
        if (kIntensities[i] == s) return static_cast<Intensity>(i);
    return std::nullopt;
}
const std::vector<std::string>& kindNames() { return kKinds; }
const std::vector<std::string>& intensityNames() { return kIntensities; }

template <class T>
static const T* findById(const std::vector<T>& v, std::string_view id) {
    for (const auto& x : v)
        if (x.id == id) return &x;
    return nullptr;
}
const Routine* Library::findRoutine(std::string_view id) const { return findById(routines, id); }
const Area* Library::findArea(std::string_view id) const { return findById(areas, id); }
const Equipment* Library::findEquipment(std::string_view id) const { return findById(equipment, id); }
const Pack* Library::findPack(std::string_view id) const { return findById(packs, id); }

std::vector<std::string> Library::languages() const {
    std::vector<std::string> out;
    for (const auto& p : packs)
        for (const auto& l : p.languages)
            if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
    if (out.empty()) out.push_back("en");
    return out;
}

}  // namespace unknot
