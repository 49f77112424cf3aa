// Internal: `/dimensions/providers` (name, kind, region) and `/dimensions/municipalities`.
#pragma once

#include "output/result_file.hpp"

#include <hdf5.h>

#include <string>
#include <vector>

namespace kokeilu::output::detail {

/// Writes the providers' table (the `region` field only when some provider has a region) and,
/// when some provider has member municipalities, the municipalities' table: one row per
/// member, `provider` (the provider's name) and `name`, in provider order.
void write_provider_tables(hid_t file, const std::vector<Provider>& providers,
                           const std::string& where);

/// Reads them back (a missing `region` field or municipalities' table: empty regions and
/// lists). Throws `OutputError` for an unknown provider kind or a municipality of a provider
/// the table does not have.
[[nodiscard]] std::vector<Provider> read_provider_tables(hid_t file, const std::string& where);

} // namespace kokeilu::output::detail
