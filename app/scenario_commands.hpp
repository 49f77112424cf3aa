// `kokeilu validate`, `show` and `graph`: working with scenario files.
#pragma once

#include "scenario/value.hpp"

#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace kokeilu::app {

/// Prints each problem like a compiler ("file:line:column: error: ..." or "...: warning: ..."),
/// then "N error(s); nothing was run." if there is an error, or "N warning(s)." if there are
/// only warnings (nothing if there are none). Every command that loads scenarios uses it.
void print_diagnostics(std::span<const scenario::Diagnostic> diagnostics, std::ostream& err);

/// Validates each file (an empty name is the built-in default) with every check `run` makes
/// (scenario::check_scenario); one line per valid file on `out`, every problem on `err`.
/// Returns the exit code (0, also with warnings; 2 if any file has an error).
int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& sets,
                     std::ostream& out, std::ostream& err);

/// Prints the resolved scenario as commented TOML.
int show_command(const std::string& file, const std::vector<std::string>& sets, std::ostream& out,
                 std::ostream& err);

/// Prints the pathway of a provider's (or a service model's) graph as Graphviz DOT.
int graph_command(const std::string& file, const std::vector<std::string>& sets,
                  const std::string& provider, const std::string& model, std::ostream& out,
                  std::ostream& err);

} // namespace kokeilu::app
