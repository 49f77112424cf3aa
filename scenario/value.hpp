// Scenario values, where they came from, and diagnostics that point at a file, line and column.
#pragma once

#include "sim/calendar.hpp"
#include "sim/error.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace kokeilu::scenario {

/// Lists a key may hold.
using StringList = std::vector<std::string>;
using NumberList = std::vector<double>;

/// The value of a scenario key.
using Value =
    std::variant<bool, std::int64_t, double, std::string, sim::Date, StringList, NumberList>;

/// Formats a value as TOML (strings quoted and escaped, floats in shortest round-trip form).
std::string to_toml(const Value& v);

/// Where a value was set.
struct Origin {
    enum class Kind { Default, File, CommandLine, Timeline };
    Kind kind = Kind::Default;
    std::string file; ///< for File and Timeline
    int line = 0;
    int column = 0;

    /// "default", "configs/x.toml:12:5", "--set", "timeline configs/x.toml:40:1".
    [[nodiscard]] std::string describe() const;
};

/// How bad a diagnostic is: an error stops the command (exit code 2); a warning is printed and
/// the command goes on.
enum class Severity { Error, Warning };

/// One problem found in a scenario, printed like a compiler diagnostic.
struct Diagnostic {
    std::string file; ///< empty for problems with no file (e.g. --set)
    int line = 0;
    int column = 0;
    std::string message;
    Severity severity = Severity::Error;

    /// "file:line:column: error: message" (or "kokeilu: error: message" with no file);
    /// "warning" instead of "error" for a warning.
    [[nodiscard]] std::string format() const;
};

/// Puts diagnostics in compiler order and removes repeats: files in the order of `file_order`
/// (files not listed, and positionless diagnostics, after them in order of appearance), then by
/// line and column; a diagnostic equal to an earlier one in file, position, severity and
/// message is dropped (a check repeated for each [[timeline]] period reports once).
void sort_and_dedup(std::vector<Diagnostic>& diagnostics,
                    const std::vector<std::string>& file_order = {});

/// True if any of `diagnostics` is an error (not only warnings).
bool has_errors(const std::vector<Diagnostic>& diagnostics);

/// An invalid scenario: every problem found (errors, and the warnings found with them), in
/// compiler order. Maps to exit code 2.
class ConfigError : public Error {
public:
    explicit ConfigError(std::vector<Diagnostic> diagnostics);
    [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

} // namespace kokeilu::scenario
