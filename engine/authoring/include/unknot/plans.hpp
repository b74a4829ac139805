// Loading plans over weeks (plans/*.yaml in a pack) once the routines are
// loaded: a plan names routines, so it is checked against the Library.
#pragma once

#include "unknot/files.hpp"
#include "unknot/loader.hpp"
#include "unknot/model.hpp"
#include "unknot/plan.hpp"

namespace unknot {

// Reads the plans/ folder of every pack in `lib` (a pack need not have one).
// Never throws for bad content: each problem is a Diagnostic at its line, and
// a plan with an error is left out while the others load.
PlanBook loadPlans(const Library& lib, const FileSource& files, const LoadLimits& limits = {});

// The same with the plain disk.
PlanBook loadPlans(const Library& lib, const LoadLimits& limits = {});

}  // namespace unknot
