// Laying out Graphviz DOT as SVG with Graphviz's own library (libgvc), in memory.
#pragma once

#include <string>

namespace kokeilu::app {

/// The SVG that `dot -Tsvg` would print for `dot_text` (the XML prologue and DOCTYPE dropped,
/// so the result can sit inside an HTML page). Throws std::runtime_error if the text is not
/// valid DOT or the layout fails.
[[nodiscard]] std::string dot_to_svg(const std::string& dot_text);

} // namespace kokeilu::app
