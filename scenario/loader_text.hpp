// Checks of raw scenario text and names, and how values are worded in the loader's messages.
#pragma once

#include <toml++/toml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::scenario {

/// A problem found before parsing, at a 1-based line and column.
struct BoundsProblem {
    int line = 1;
    int column = 1;
    std::string message;
};

/// Checks what toml++ cannot take safely (its parser recurses on dotted keys and nested
/// arrays and tables; a header of 50,000 dotted parts overflows the stack): the size of the
/// text, the parts of a dotted key and the nesting of arrays and inline tables. Strings and
/// comments are skipped; a number such as 1.5 counts as one dot, which no valid file comes near.
std::optional<BoundsProblem> input_bounds_problem(std::string_view text);

/// `s` for a message: control characters as \xNN, cut to `max` characters.
std::string printable(std::string_view s, std::size_t max = 60);

/// Why a string (a value or a name) is not acceptable, or nullopt: too long, or a control
/// character (a NUL or a line break would break the CSV files and the messages).
std::optional<std::string> string_problem(std::string_view s, std::size_t max_length);

/// "provider" for "providers", "stage" for "service_models.x.stages": what an entry is called.
std::string entry_word(std::string_view collection);

/// A TOML node for a message: `string "x"`, `integer 3`, `an array`.
std::string describe_node(const toml::node& n);

/// `"a", "b", "c"`: the allowed choices of a key for a message.
std::string choices_text(const std::vector<std::string>& choices);

} // namespace kokeilu::scenario
