// Sweep files: a scenario (`extends`, keys, `--set`) with a [design] section (a grid over keys,
// named points, a Latin hypercube over ranges) and replications, resolved into its distinct
// points, each a whole scenario with an id that is a hash of its resolved text.
#pragma once

#include "agents/jobseeker_model.hpp"
#include "scenario/placed_sets.hpp"
#include "scenario/scenario.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kokeilu::scenario {

/// Design points a sweep may have without `--yes` (a typo in a grid multiplies quickly).
inline constexpr std::size_t kSweepPointsWithoutYes = 1000;
/// Design points no sweep may have, even with `--yes`.
inline constexpr std::size_t kMaxSweepPoints = 1'000'000;

/// One point of a design before it is resolved: its name and the values it sets.
struct DesignPoint {
    std::string name;            ///< "grid 3", a named point's name, "lhs 7"
    std::vector<PlacedSet> sets; ///< "key=value", each with its place in the sweep file
};

/// The [design] section of a sweep file, read and checked against the declared keys.
struct Design {
    std::vector<std::string> keys; ///< every key the design sets, sorted
    std::vector<DesignPoint> points;
    int replications = 0; ///< 0: the base scenario's scenario.replications
    Place place;          ///< of the [design] table
};

/// Reads the [design] table of `sweep_text` (a TOML file named `display`) against `base` (the
/// sweep file's scenario without its design), whose keys a design may set. `yes`: allow more
/// than `kSweepPointsWithoutYes` points. Throws ConfigError with every problem found.
Design read_design(const std::string& sweep_text, const std::string& display, const Scenario& base,
                   bool yes);

/// A resolved point of a sweep.
struct SweepPoint {
    std::string id;   ///< the first 16 hexadecimal digits of the SHA-256 of `text`
    std::string name; ///< of the first design point that resolved to this scenario
    /// The resolved value of each swept key (`Sweep::keys`), as TOML.
    std::vector<std::string> values;
    std::string text; ///< the resolved scenario (`resolved_text`): loads to the same values
};

/// What `kokeilu sweep plan` reads.
struct SweepOptions {
    std::string file;              ///< the sweep file
    std::vector<std::string> sets; ///< --set, applied to every point
    bool yes = false;              ///< allow more than kSweepPointsWithoutYes points
    /// Called with each distinct point's model input, in point order on the calling thread
    /// (e.g. for an estimate); the inputs are not kept.
    std::function<void(const agents::ModelInput&)> on_point;
};

/// A sweep file resolved: each distinct point once, in design order.
struct Sweep {
    std::string display; ///< the sweep file as named in messages
    int replications = 0;
    std::uint64_t seed = 0;        ///< the base scenario's scenario.seed
    std::vector<std::string> keys; ///< swept keys, sorted
    std::vector<SweepPoint> points;
    std::size_t design_points = 0; ///< before identical scenarios were merged
    std::vector<Diagnostic> warnings;
};

/// Loads a sweep file: its scenario (the file without [design], with `--set`) and every point
/// of its design with every check `kokeilu run` makes; a point's error points at the design
/// value that caused it. Points whose resolved scenarios are identical are one point. Every
/// point must simulate the same months and providers (they share one result file). Throws
/// ConfigError with every problem found.
Sweep load_sweep(const SweepOptions& options);

/// The sweep file's text with its design section blanked (lines kept, so positions stay):
/// every line from a `[design...]` or `[[design...]]` header to the next other header.
std::string without_design(const std::string& text);

} // namespace kokeilu::scenario
