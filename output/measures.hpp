// The standard measures of the monthly panel: stable names, units and meanings.
#pragma once

#include "output/result_file.hpp"

#include <span>

namespace kokeilu::output {

/// The measures that the model fills (issues #5 and #6), in the order they are listed in
/// output/SCHEMA.md (a test checks that the two agree). Names are stable: once released a
/// name never changes meaning; new measures are added at the end. A result file stores the
/// measures it uses in /dimensions/measures, so readers never need this list.
[[nodiscard]] std::span<const Measure> standard_measures();

} // namespace kokeilu::output
