// The /points table of a merged sweep file: one row per point of the sweep.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kokeilu::output {

/// One point of a sweep: the row of /points whose `point` is its code in the scenario column
/// of /monthly/rows (its index in the table).
struct PointRow {
    std::string id;                  ///< 16 hexadecimal digits (sweep manifest)
    std::string name;                ///< the design point's name ("grid 3", "lhs 7", a name)
    std::vector<std::string> values; ///< each swept key's value, as TOML
};

/// Adds the dataset /points to the finished, closed result file `path` (a temporary file that
/// `ResultWriter::finish` handed over), then syncs it: a compound table with the fields
/// `point` (uint32), `id` and `name` (fixed strings) and one field per swept key in `keys`,
/// named by the key: float64 if every point's value is a number, else a fixed string (a TOML
/// string's text without its quotes, other values as TOML). The same rows give the same
/// bytes. Throws `OutputError` naming the file.
void add_points_table(const std::filesystem::path& path, const std::vector<std::string>& keys,
                      const std::vector<PointRow>& rows);

} // namespace kokeilu::output
