// Internal helpers over the HDF5 C API.
#include "output/detail/hdf5.hpp"

#include <algorithm>
#include <cstring>

namespace kokeilu::output::detail {

QuietErrors::QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() {
    H5Eset_auto2(H5E_DEFAULT, func_, data_);
}

namespace {

herr_t collect_description(unsigned /*n*/, const H5E_error2_t* err, void* client) {
    auto* lines = static_cast<std::vector<std::string>*>(client);
    lines->emplace_back(err->desc != nullptr ? err->desc : "");
    return 0;
}

} // namespace

std::string hdf5_error_message() {
    std::vector<std::string> lines;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_description, &lines);
    H5Eclear2(H5E_DEFAULT);
    // The file drivers put the operating system's message in "error message = '...'", which
    // is what a user needs ("No space left on device"); otherwise the innermost line says most.
    static constexpr std::string_view kOsMarker = "error message = '";
    for (const auto& line : lines) {
        if (const auto at = line.find(kOsMarker); at != std::string::npos) {
            const auto begin = at + kOsMarker.size();
            const auto end = line.find('\'', begin);
            return line.substr(begin, end == std::string::npos ? end : end - begin);
        }
    }
    if (lines.empty()) {
        return "unknown HDF5 error";
    }
    return lines.back();
}

std::string quoted(const std::filesystem::path& path) {
    // (Appending rather than "'" + string: GCC 12 -O3 warns -Wrestrict on the latter.)
    std::string out(1, '\'');
    out += path.string();
    out += '\'';
    return out;
}

hid_t check_id(hid_t id, const std::string& what) {
    if (id < 0) {
        throw OutputError(what + ": " + hdf5_error_message());
    }
    return id;
}

void check(herr_t status, const std::string& what) {
    if (status < 0) {
        throw OutputError(what + ": " + hdf5_error_message());
    }
}

Datatype vlen_string_type() {
    Datatype type{check_id(H5Tcopy(H5T_C_S1), "cannot create a string type")};
    check(H5Tset_size(type.get(), H5T_VARIABLE), "cannot create a string type");
    check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "cannot create a string type");
    return type;
}

Datatype fixed_string_type(std::size_t size) {
    Datatype type{check_id(H5Tcopy(H5T_C_S1), "cannot create a string type")};
    check(H5Tset_size(type.get(), std::max<std::size_t>(size, 1)), "cannot create a string type");
    check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), "cannot create a string type");
    check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "cannot create a string type");
    return type;
}

PropList untimed(hid_t property_class, const std::string& where) {
    PropList list{check_id(H5Pcreate(property_class), "cannot create " + where)};
    check(H5Pset_obj_track_times(list.get(), false), "cannot create " + where);
    return list;
}

Dataspace scalar_space() {
    return Dataspace{check_id(H5Screate(H5S_SCALAR), "cannot create a dataspace")};
}

void write_attribute(hid_t object, const char* name, hid_t type, const void* value,
                     const std::string& where) {
    const std::string what = "cannot write attribute '" + std::string(name) + "' in " + where;
    const Dataspace space = scalar_space();
    Attribute attr{
        check_id(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT), what)};
    check(H5Awrite(attr.get(), type, value), what);
    check(attr.close(), what);
}

void write_string_attribute(hid_t object, const char* name, const std::string& value,
                            const std::string& where) {
    const Datatype type = vlen_string_type();
    const char* text = value.c_str();
    write_attribute(object, name, type.get(), static_cast<const void*>(&text), where);
}

void write_string_array_attribute(hid_t object, const char* name,
                                  const std::vector<std::string>& values,
                                  const std::string& where) {
    const std::string what = "cannot write attribute '" + std::string(name) + "' in " + where;
    const Datatype type = vlen_string_type();
    std::vector<const char*> texts;
    texts.reserve(values.size());
    for (const auto& value : values) {
        texts.push_back(value.c_str());
    }
    const hsize_t extent[1]{values.size()};
    const Dataspace space{check_id(H5Screate_simple(1, extent, nullptr), what)};
    Attribute attr{check_id(
        H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), what)};
    if (!texts.empty()) {
        check(H5Awrite(attr.get(), type.get(), texts.data()), what);
    }
    check(attr.close(), what);
}

bool has_attribute(hid_t object, const char* name, const std::string& where) {
    const htri_t exists = H5Aexists(object, name);
    check(exists, "cannot look for attribute '" + std::string(name) + "' in " + where);
    return exists > 0;
}

void read_attribute(hid_t object, const char* name, hid_t mem_type, void* value,
                    const std::string& where) {
    const std::string what = "cannot read attribute '" + std::string(name) + "' in " + where;
    Attribute attr{check_id(H5Aopen(object, name, H5P_DEFAULT), what)};
    const Dataspace space{check_id(H5Aget_space(attr.get()), what)};
    if (H5Sget_simple_extent_npoints(space.get()) != 1) {
        throw OutputError(what + ": expected a single value");
    }
    check(H5Aread(attr.get(), mem_type, value), what);
}

std::string read_string_attribute(hid_t object, const char* name, const std::string& where) {
    const std::string what = "cannot read attribute '" + std::string(name) + "' in " + where;
    Attribute attr{check_id(H5Aopen(object, name, H5P_DEFAULT), what)};
    const Datatype file_type{check_id(H5Aget_type(attr.get()), what)};
    if (H5Tget_class(file_type.get()) != H5T_STRING) {
        throw OutputError(what + ": expected a string");
    }
    const Dataspace space{check_id(H5Aget_space(attr.get()), what)};
    if (H5Sget_simple_extent_npoints(space.get()) != 1) {
        throw OutputError(what + ": expected a single value");
    }
    if (H5Tis_variable_str(file_type.get()) > 0) {
        const Datatype mem_type = vlen_string_type();
        char* text = nullptr;
        check(H5Aread(attr.get(), mem_type.get(), static_cast<void*>(&text)), what);
        std::string result = text != nullptr ? text : "";
        H5free_memory(text);
        return result;
    }
    const std::size_t size = H5Tget_size(file_type.get());
    std::string buffer(size, '\0');
    check(H5Aread(attr.get(), file_type.get(), buffer.data()), what);
    buffer.resize(std::strlen(buffer.c_str()));
    return buffer;
}

std::vector<std::string> read_string_array_attribute(hid_t object, const char* name,
                                                     const std::string& where) {
    const std::string what = "cannot read attribute '" + std::string(name) + "' in " + where;
    Attribute attr{check_id(H5Aopen(object, name, H5P_DEFAULT), what)};
    const Datatype file_type{check_id(H5Aget_type(attr.get()), what)};
    if (H5Tget_class(file_type.get()) != H5T_STRING || H5Tis_variable_str(file_type.get()) <= 0) {
        throw OutputError(what + ": expected variable-length strings");
    }
    const Dataspace space{check_id(H5Aget_space(attr.get()), what)};
    if (H5Sget_simple_extent_ndims(space.get()) != 1) {
        throw OutputError(what + ": expected a one-dimensional array");
    }
    const hssize_t count = H5Sget_simple_extent_npoints(space.get());
    if (count < 0) {
        throw OutputError(what + ": " + hdf5_error_message());
    }
    // The strings HDF5 allocates are freed however this function leaves.
    struct Texts {
        std::vector<char*> pointers;
        ~Texts() {
            for (char* text : pointers) {
                H5free_memory(text);
            }
        }
    } texts{std::vector<char*>(static_cast<std::size_t>(count), nullptr)};
    const Datatype mem_type = vlen_string_type();
    if (count > 0) {
        check(H5Aread(attr.get(), mem_type.get(), texts.pointers.data()), what);
    }
    std::vector<std::string> result;
    result.reserve(texts.pointers.size());
    for (const char* text : texts.pointers) {
        result.emplace_back(text != nullptr ? text : "");
    }
    return result;
}

std::string type_name(hid_t type) {
    switch (H5Tget_class(type)) {
    case H5T_INTEGER:
        return std::string(H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") +
               std::to_string(H5Tget_size(type) * 8);
    case H5T_FLOAT: return "float" + std::to_string(H5Tget_size(type) * 8);
    case H5T_STRING: return H5Tis_variable_str(type) > 0 ? "string" : "fixed string";
    case H5T_COMPOUND: return "compound";
    default: return "other";
    }
}

} // namespace kokeilu::output::detail
