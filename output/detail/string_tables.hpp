// Internal: small tables of fixed-length string fields (the `/dimensions` tables), written
// and read by field name.
#pragma once

#include "output/detail/hdf5.hpp"

#include <span>
#include <string>
#include <vector>

namespace kokeilu::output::detail {

/// Writes `columns` (one vector per field of `fields`, all of one length) to a new compound
/// dataset at `path`, each field a fixed-length string as wide as its longest value,
/// contiguously and without time stamps. Throws `OutputError` mentioning `where`.
void write_string_table(hid_t file, const char* path, std::span<const char* const> fields,
                        const std::vector<std::vector<std::string>>& columns,
                        const std::string& where);

/// Reads the named fixed-string fields of the compound table at `path`, as one vector per
/// field. Throws `OutputError` mentioning `where` if the table or a field is missing or not
/// a fixed-length string.
[[nodiscard]] std::vector<std::vector<std::string>>
read_string_table(hid_t file, const char* path, std::span<const char* const> fields,
                  const std::string& where);

/// True if the compound table at `path` has a field named `field`.
[[nodiscard]] bool table_has_field(hid_t file, const char* path, const char* field,
                                   const std::string& where);

} // namespace kokeilu::output::detail
