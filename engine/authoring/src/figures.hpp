// What the loader's figure files share (private to unknot_authoring):
//   figures.cpp       content/figures/props.yaml and poses.yaml: the FigureBook
//   figures_step.cpp  a step's `figure:` field, checked against the book
#pragma once

#include "loader_internal.hpp"

#include "unknot/figure.hpp"

#include <memory>
#include <optional>
#include <string>

namespace unknot::loading {

// Reads `<vocabularyDir>/figures/props.yaml` and `poses.yaml` into
// lib.figures. A library without a figures folder has no poses (every step's
// figure is then an unknown pose); nothing is reported for the folder itself.
void loadFigures(const FileSource& files, const std::string& vocabularyDir, const LoadLimits& limits, Library& lib);

// A step's `figure:` map. Returns false after reporting every problem;
// otherwise sets `out`.
bool stepFigure(const YamlNode& n, const Library& lib, Reporter& rep, const PackContext& pack,
                std::shared_ptr<const StepFigure>& out);

// A plain number (like 12, -35 or 0.25) within [lo, hi], or nullopt after
// reporting why not.
std::optional<float> figureNumber(const YamlNode& n, Scalars& sc, const std::string& what, float lo, float hi);

}  // namespace unknot::loading
