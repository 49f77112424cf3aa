// Evidence files (configs/evidence.toml): the responses the model is expected to give to a
// change, with their sources, read and checked for `kokeilu evidence`.
#pragma once

#include "scenario/build.hpp"
#include "scenario/placed_sets.hpp"
#include "scenario/value.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::scenario {

/// Months from `from` to `to` (inclusive), or the run's last month.
struct MonthWindow {
    std::chrono::year_month from{};
    std::chrono::year_month to{};
    bool last_month = false; ///< "last": the run's last month, whatever it is

    /// "2021-03..2023-12", "2023-12" (one month) or "last".
    [[nodiscard]] std::string to_string() const;
};

/// Reads "YYYY-MM..YYYY-MM", "YYYY-MM" or "last"; nothing (with `why`) if the text is not one
/// of them or the months are in the wrong order.
std::optional<MonthWindow> parse_month_window(std::string_view text, std::string& why);

/// How a check compares the variant with its base, per replication.
enum class Difference {
    Absolute, ///< variant - base, in the measure's unit (divided by `divide_by`)
    Relative, ///< (variant - base) / base, a fraction
};

/// What a check expects of the difference (docs/VALIDATION.md has the pass rules).
enum class ExpectKind {
    Positive,    ///< the 95 % interval lies above 0
    Negative,    ///< the 95 % interval lies below 0
    Zero,        ///< the interval overlaps [-tolerance, tolerance]
    NotNegative, ///< the interval's upper end is at least -tolerance
    NotPositive, ///< the interval's lower end is at most tolerance
    Range,       ///< the mean lies in [low - tolerance, high + tolerance]
};

/// How a measure combines over months: a stock's window value is its mean over the months, a
/// flow's (and a cohort count's) the sum.
enum class MeasureKind { Stock, Flow };

/// One expected response: a measure (or the sum of several) over a window.
struct EvidenceExpectation {
    std::vector<std::string> measures; ///< summed over providers, target groups and these
    MeasureKind kind = MeasureKind::Stock;
    std::string label;      ///< as printed: `label`, else the measures joined with " + "
    double divide_by = 1.0; ///< the window's value is divided by it (1e6: EUR million)
    MonthWindow window;
    Place window_place; ///< of `window`, or of the check when it is inherited
    Difference difference = Difference::Absolute;
    ExpectKind expect = ExpectKind::Positive;
    double low = 0.0; ///< Range: the bounds (equal for a single value; may be infinite)
    double high = 0.0;
    double tolerance = 0.0;
    Place place; ///< of the [[check.expect]] table
};

/// A scenario to run: a file (empty: the built-in default scenario) with `--set` overrides.
struct EvidenceScenario {
    std::string scenario; ///< as written; empty: the built-in default
    Place scenario_place; ///< of `scenario` (of the table when not written)
    std::vector<std::string> sets;
    std::vector<Place> set_places; ///< one per set
};

/// One check: the base and the changed scenario, run as a paired experiment.
struct EvidenceCheck {
    std::string name;
    bool enabled = true;
    std::string reason; ///< why a check is disabled
    std::string source;
    EvidenceScenario base;   ///< `base`: the reference (scenario and a base change)
    EvidenceScenario change; ///< `change`: the base's scenario unless it names its own;
                             ///< the base's `set` is not applied to it
    std::vector<EvidenceExpectation> expect;
    Place place;
};

/// An evidence file, read and checked (but its scenarios not yet loaded).
struct EvidenceFile {
    std::string display;         ///< the name in messages
    std::string folder;          ///< where its scenario files are looked for first
    bool builtin = false;        ///< the built-in file: its scenarios are built-in configs
    std::optional<double> scale; ///< [run] scale: population.scale of every run
    std::optional<int> replications;
    std::optional<std::int64_t> seed;
    std::vector<std::string> sets; ///< [run] set: applied to every run
    std::vector<Place> set_places;
    std::vector<EvidenceCheck> checks;
};

/// The built-in configs/evidence.toml.
std::string_view builtin_evidence_text();

/// Reads an evidence file (empty `file`: the built-in configs/evidence.toml). Throws
/// ConfigError with every problem found (file:line:column), e.g. an unknown key, a missing
/// field, a bad tolerance, an unknown measure or a window that is not months.
EvidenceFile load_evidence(const std::string& file);
/// The same from a text, named `display` in messages; scenario files are looked for in
/// `folder`, then among the built-in configs.
EvidenceFile parse_evidence(std::string_view text, const std::string& display,
                            const std::string& folder);

/// Options of `kokeilu evidence` that change every run.
struct EvidenceRunOptions {
    std::vector<std::string> sets;    ///< --set, after the file's [run] set
    std::optional<double> scale;      ///< --scale: population.scale (default: [run] scale)
    std::optional<int> replications;  ///< --reps (default: [run] reps, else 2)
    std::optional<std::int64_t> seed; ///< --seed (default: [run] seed, else scenario.seed)
};

/// The checked scenarios of an evidence file: each distinct scenario once (checks that share
/// a base share its runs), and for each check the index of its base and its variant.
struct ResolvedEvidence {
    std::vector<Checked> scenarios;
    std::vector<std::size_t> base;    ///< [check]: index into scenarios
    std::vector<std::size_t> variant; ///< [check]
    std::vector<Diagnostic> warnings;
    std::uint64_t seed = 0;
    int replications = 0;
};

/// Loads every check's base and variant scenario with every check `kokeilu run` makes and
/// checks that each window lies within the run's months. A problem of a scenario set by the
/// evidence file points at the place in it. Throws ConfigError with every problem found.
ResolvedEvidence resolve_evidence(const EvidenceFile& file, const EvidenceRunOptions& options);

} // namespace kokeilu::scenario
