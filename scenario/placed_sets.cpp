// Diagnostics about `--set` texts that a file holds, pointed at their place.
#include "scenario/placed_sets.hpp"

namespace kokeilu::scenario {

void place_set_diagnostics(std::vector<Diagnostic>& diagnostics, const std::vector<PlacedSet>& sets,
                           const std::string& display, const std::string& context) {
    for (Diagnostic& d : diagnostics) {
        if (!d.file.empty()) {
            d.message += " (" + context + ")";
            continue;
        }
        for (const auto& s : sets) {
            if (s.place && d.message.rfind("--set " + s.text + ":", 0) == 0) {
                d.file = display;
                d.line = s.place->line;
                d.column = s.place->column;
                d.message = "set \"" + s.text + "\"" + d.message.substr(6 + s.text.size()) + " (" +
                            context + ")";
                break;
            }
        }
    }
}

} // namespace kokeilu::scenario
