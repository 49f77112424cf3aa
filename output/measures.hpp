// The standard measures of the monthly panel: stable names, units and meanings.
#pragma once

#include "output/result_file.hpp"

#include <span>
#include <string>
#include <string_view>

namespace kokeilu::output {

/// The measures that the model fills (issues #5 and #6), in the order they are listed in
/// output/SCHEMA.md (a test checks that the two agree). Names are stable: once released a
/// name never changes meaning; new measures are added at the end. A result file stores the
/// measures it uses in /dimensions/measures, so readers never need this list.
[[nodiscard]] std::span<const Measure> standard_measures();

/// How a standard measure combines over providers, target groups and months (its aggregation
/// in the measure table, as the "combines" column of output/SCHEMA.md's Measures table says
/// it): `stock`, `flow`, `cohort`, or `mean`, `quantile`, `share` or `ratio` followed by `, by`
/// and its denominator's name in backquotes. Empty for a name that is not a standard measure.
[[nodiscard]] std::string combines_as(std::string_view name);

} // namespace kokeilu::output
