// The /points table of a merged sweep file.
#include "output/points_table.hpp"

#include "output/detail/atomic_file.hpp"
#include "output/detail/hdf5.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>

namespace kokeilu::output {

namespace {

using namespace detail;

std::optional<double> number_of(const std::string& text) {
    double x = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, x);
    if (ec != std::errc{} || ptr != end || !std::isfinite(x)) {
        return std::nullopt;
    }
    return x;
}

/// A TOML value as stored in a string field: a plain basic string without its quotes.
std::string string_of(const std::string& text) {
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"' &&
        text.find('\\') == std::string::npos) {
        return text.substr(1, text.size() - 2);
    }
    return text;
}

/// A field of the table: its name, its width in a record and how its values are stored.
struct Field {
    std::string name;
    std::size_t offset = 0;
    std::size_t width = 0;
    bool number = false;
    std::vector<std::string> strings; ///< per row, when not a number
    std::vector<double> numbers;      ///< per row, when a number
};

Field string_field(std::string name, std::vector<std::string> values) {
    Field f{std::move(name), 0, 1, false, std::move(values), {}};
    for (const auto& v : f.strings) {
        f.width = std::max(f.width, v.size());
    }
    return f;
}

std::vector<Field> fields_of(const std::vector<std::string>& keys,
                             const std::vector<PointRow>& rows) {
    std::vector<Field> fields;
    Field point{"point", 0, sizeof(std::uint32_t), true, {}, {}};
    std::vector<std::string> ids;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        point.numbers.push_back(static_cast<double>(i));
        ids.push_back(rows[i].id);
        names.push_back(rows[i].name);
    }
    fields.push_back(std::move(point));
    fields.push_back(string_field("id", std::move(ids)));
    fields.push_back(string_field("name", std::move(names)));
    for (std::size_t k = 0; k < keys.size(); ++k) {
        std::vector<double> numbers;
        std::vector<std::string> strings;
        for (const auto& r : rows) {
            if (const auto x = number_of(r.values.at(k))) {
                numbers.push_back(*x);
            }
            strings.push_back(string_of(r.values.at(k)));
        }
        if (numbers.size() == rows.size()) {
            fields.push_back({keys[k], 0, sizeof(double), true, {}, std::move(numbers)});
        } else {
            fields.push_back(string_field(keys[k], std::move(strings)));
        }
    }
    return fields;
}

} // namespace

void add_points_table(const std::filesystem::path& path, const std::vector<std::string>& keys,
                      const std::vector<PointRow>& rows) {
    const QuietErrors quiet;
    const std::string what = "cannot write /points in " + quoted(path);
    std::vector<Field> fields = fields_of(keys, rows);
    std::size_t record = 0;
    for (Field& f : fields) {
        f.offset = record;
        record += f.width;
    }
    Datatype type{check_id(H5Tcreate(H5T_COMPOUND, record), what)};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const Field& f = fields[i];
        // Little-endian in memory as in the file (the byte order of every host we build for).
        const hid_t number_type = i == 0 ? H5T_STD_U32LE : H5T_IEEE_F64LE;
        const Datatype text = f.number ? Datatype{} : fixed_string_type(f.width);
        check(H5Tinsert(type.get(), f.name.c_str(), f.offset, f.number ? number_type : text.get()),
              what);
    }
    std::vector<char> buffer(rows.size() * record, '\0');
    for (std::size_t r = 0; r < rows.size(); ++r) {
        char* base = buffer.data() + r * record;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const Field& f = fields[i];
            if (i == 0) {
                const auto code = static_cast<std::uint32_t>(r);
                std::memcpy(base + f.offset, &code, sizeof code);
            } else if (f.number) {
                std::memcpy(base + f.offset, &f.numbers[r], sizeof(double));
            } else {
                std::copy(f.strings[r].begin(), f.strings[r].end(), base + f.offset); // null-padded
            }
        }
    }
    PropList fapl{check_id(H5Pcreate(H5P_FILE_ACCESS), what)};
    check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), what);
    File file{check_id(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()), what)};
    PropList dcpl{check_id(H5Pcreate(H5P_DATASET_CREATE), what)};
    check(H5Pset_obj_track_times(dcpl.get(), false), what); // the same rows, the same bytes
    const hsize_t extent[1]{rows.size()};
    const Dataspace space{check_id(H5Screate_simple(1, extent, nullptr), what)};
    Dataset dataset{check_id(H5Dcreate2(file.get(), "/points", type.get(), space.get(), H5P_DEFAULT,
                                        dcpl.get(), H5P_DEFAULT),
                             what)};
    if (!rows.empty()) {
        check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
              what);
    }
    check(dataset.close(), what);
    check(file.close(), what);
    sync_file(path);
}

} // namespace kokeilu::output
