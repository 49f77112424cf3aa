// Internal: the providers' table and their member municipalities.
#include "output/detail/provider_tables.hpp"

#include "output/detail/layout.hpp"
#include "output/detail/string_tables.hpp"

#include <algorithm>

namespace kokeilu::output::detail {

namespace {

bool exists_in_dimensions(hid_t file, const char* path, const std::string& where) {
    const htri_t found = H5Lexists(file, path, H5P_DEFAULT);
    check(found, "cannot look for " + std::string(path) + " in " + where);
    return found > 0;
}

} // namespace

void write_provider_tables(hid_t file, const std::vector<Provider>& providers,
                           const std::string& where) {
    const bool regions = std::any_of(providers.begin(), providers.end(),
                                     [](const Provider& p) { return !p.region.empty(); });
    std::vector<std::vector<std::string>> columns(regions ? 3 : 2);
    std::vector<std::vector<std::string>> members(2);
    for (const Provider& p : providers) {
        columns[0].push_back(p.name);
        columns[1].emplace_back(to_string(p.kind));
        if (regions) {
            columns[2].push_back(p.region);
        }
        for (const std::string& m : p.municipalities) {
            members[0].push_back(p.name);
            members[1].push_back(m);
        }
    }
    static constexpr const char* kFields[] = {"name", "kind", "region"};
    write_string_table(file, kProvidersTable, std::span(kFields, columns.size()), columns, where);
    if (!members[0].empty()) {
        static constexpr const char* kMemberFields[] = {"provider", "name"};
        write_string_table(file, kMunicipalitiesTable, kMemberFields, members, where);
    }
}

std::vector<Provider> read_provider_tables(hid_t file, const std::string& where) {
    const bool regions = table_has_field(file, kProvidersTable, "region", where);
    static constexpr const char* kFields[] = {"name", "kind", "region"};
    const auto columns =
        read_string_table(file, kProvidersTable, std::span(kFields, regions ? 3 : 2), where);
    std::vector<Provider> providers;
    for (std::size_t i = 0; i < columns[0].size(); ++i) {
        try {
            providers.emplace_back(columns[0][i], parse_provider_kind(columns[1][i]),
                                   regions ? columns[2][i] : std::string());
        } catch (const OutputError& e) {
            throw OutputError("cannot read " + std::string(kProvidersTable) + " in " + where +
                              ": row " + std::to_string(i) + ": " + e.what());
        }
    }
    if (!exists_in_dimensions(file, kMunicipalitiesTable, where)) {
        return providers;
    }
    static constexpr const char* kMemberFields[] = {"provider", "name"};
    const auto members = read_string_table(file, kMunicipalitiesTable, kMemberFields, where);
    for (std::size_t i = 0; i < members[0].size(); ++i) {
        const auto it = std::find_if(providers.begin(), providers.end(),
                                     [&](const Provider& p) { return p.name == members[0][i]; });
        if (it == providers.end()) {
            throw OutputError("cannot read " + std::string(kMunicipalitiesTable) + " in " + where +
                              ": row " + std::to_string(i) + " names the provider '" +
                              members[0][i] + "', which " + kProvidersTable + " does not have");
        }
        it->municipalities.push_back(members[1][i]);
    }
    return providers;
}

} // namespace kokeilu::output::detail
