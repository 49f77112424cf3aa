// `--set` texts that a file holds (an evidence check's `set`, a sweep's design values), and the
// diagnostics about them pointed at their place in that file.
#pragma once

#include "scenario/value.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kokeilu::scenario {

/// A line and column in a file that is not a scenario (an evidence file, a sweep's design).
struct Place {
    int line = 0;
    int column = 0;
};

/// A `--set key=value` text and, if a file holds it, where.
struct PlacedSet {
    std::string text;
    std::optional<Place> place;
};

/// Points each diagnostic about one of `sets` (the loader names it `--set TEXT: ...`) at the
/// set's place in `display`, as `set "TEXT": ... (CONTEXT)`; other diagnostics with a file get
/// ` (CONTEXT)` appended. So a value that a file gives is reported at its line, whichever
/// scenario it was applied to.
void place_set_diagnostics(std::vector<Diagnostic>& diagnostics, const std::vector<PlacedSet>& sets,
                           const std::string& display, const std::string& context);

} // namespace kokeilu::scenario
