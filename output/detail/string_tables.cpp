// Internal: the `/dimensions` string tables.
#include "output/detail/string_tables.hpp"

#include <algorithm>
#include <cstring>

namespace kokeilu::output::detail {

void write_string_table(hid_t file, const char* path, std::span<const char* const> fields,
                        const std::vector<std::vector<std::string>>& columns,
                        const std::string& where) {
    const std::string what = "cannot write " + std::string(path) + " in " + where;
    const std::size_t rows = columns.empty() ? 0 : columns.front().size();
    std::vector<std::size_t> widths;
    std::vector<std::size_t> offsets;
    std::size_t record = 0;
    for (const auto& column : columns) {
        std::size_t width = 1;
        for (const auto& value : column) {
            width = std::max(width, value.size());
        }
        offsets.push_back(record);
        widths.push_back(width);
        record += width;
    }
    Datatype type{check_id(H5Tcreate(H5T_COMPOUND, record), what)};
    for (std::size_t f = 0; f < fields.size(); ++f) {
        const Datatype field_type = fixed_string_type(widths[f]);
        check(H5Tinsert(type.get(), fields[f], offsets[f], field_type.get()), what);
    }
    std::vector<char> buffer(rows * record, '\0'); // null padding, never uninitialised bytes
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t f = 0; f < fields.size(); ++f) {
            const std::string& value = columns[f][r];
            std::memcpy(buffer.data() + r * record + offsets[f], value.data(), value.size());
        }
    }
    const hsize_t extent[1]{rows};
    const Dataspace space{check_id(H5Screate_simple(1, extent, nullptr), what)};
    const PropList dcpl = untimed(H5P_DATASET_CREATE, where);
    Dataset dataset{check_id(
        H5Dcreate2(file, path, type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
        what)};
    if (rows > 0) {
        check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
              what);
    }
    check(dataset.close(), what);
}

std::vector<std::vector<std::string>> read_string_table(hid_t file, const char* path,
                                                        std::span<const char* const> fields,
                                                        const std::string& where) {
    const std::string what = "cannot read " + std::string(path) + " in " + where;
    const Dataset dataset{check_id(H5Dopen2(file, path, H5P_DEFAULT), what)};
    const Datatype file_type{check_id(H5Dget_type(dataset.get()), what)};
    if (H5Tget_class(file_type.get()) != H5T_COMPOUND) {
        throw OutputError(what + ": it is not a table (compound dataset)");
    }
    const Dataspace space{check_id(H5Dget_space(dataset.get()), what)};
    if (H5Sget_simple_extent_ndims(space.get()) != 1) {
        throw OutputError(what + ": it is not one-dimensional");
    }
    const auto rows = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));

    // The memory layout: the wanted fields only, as fixed strings of the file's widths.
    std::vector<std::size_t> widths;
    std::vector<std::size_t> offsets;
    std::size_t record = 0;
    for (const char* field : fields) {
        const int index = H5Tget_member_index(file_type.get(), field);
        if (index < 0) {
            H5Eclear2(H5E_DEFAULT);
            throw OutputError(what + ": it has no field '" + field + "'");
        }
        const Datatype member{
            check_id(H5Tget_member_type(file_type.get(), static_cast<unsigned>(index)), what)};
        if (H5Tget_class(member.get()) != H5T_STRING || H5Tis_variable_str(member.get()) > 0) {
            throw OutputError(what + ": field '" + field + "' is not a fixed-length string");
        }
        offsets.push_back(record);
        widths.push_back(H5Tget_size(member.get()));
        record += widths.back();
    }
    const Datatype mem_type{
        check_id(H5Tcreate(H5T_COMPOUND, std::max<std::size_t>(record, 1)), what)};
    for (std::size_t f = 0; f < fields.size(); ++f) {
        const Datatype field_type = fixed_string_type(widths[f]);
        check(H5Tinsert(mem_type.get(), fields[f], offsets[f], field_type.get()), what);
    }
    std::vector<char> buffer(rows * record);
    if (rows > 0) {
        check(H5Dread(dataset.get(), mem_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
              what);
    }
    std::vector<std::vector<std::string>> columns(fields.size());
    for (std::size_t f = 0; f < fields.size(); ++f) {
        columns[f].reserve(rows);
        for (std::size_t r = 0; r < rows; ++r) {
            const char* start = buffer.data() + r * record + offsets[f];
            columns[f].emplace_back(start, ::strnlen(start, widths[f]));
        }
    }
    return columns;
}

bool table_has_field(hid_t file, const char* path, const char* field, const std::string& where) {
    const std::string what = "cannot read " + std::string(path) + " in " + where;
    const Dataset dataset{check_id(H5Dopen2(file, path, H5P_DEFAULT), what)};
    const Datatype type{check_id(H5Dget_type(dataset.get()), what)};
    if (H5Tget_class(type.get()) != H5T_COMPOUND) {
        throw OutputError(what + ": it is not a table (compound dataset)");
    }
    if (H5Tget_member_index(type.get(), field) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    return true;
}

} // namespace kokeilu::output::detail
