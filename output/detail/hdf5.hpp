// Internal: RAII handles, error translation and small helpers over the HDF5 C API.
#pragma once

#include "output/error.hpp"

#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kokeilu::output::detail {

/// Owns one HDF5 identifier and closes it with `Close`.
template <herr_t (*Close)(hid_t)>
class Handle {
public:
    Handle() = default;
    explicit Handle(hid_t id) : id_(id) {}
    Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }

    [[nodiscard]] hid_t get() const { return id_; }
    [[nodiscard]] bool valid() const { return id_ >= 0; }
    /// Closes now; returns HDF5's status (negative on failure).
    herr_t close() {
        herr_t status = 0;
        if (id_ >= 0) {
            status = Close(id_);
            id_ = H5I_INVALID_HID;
        }
        return status;
    }
    void reset() noexcept { static_cast<void>(close()); }

private:
    hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using PropList = Handle<H5Pclose>;
using Attribute = Handle<H5Aclose>;

/// Turns off HDF5's printing of its error stack (per thread) while alive: errors become
/// `OutputError`s with `hdf5_error_message()` instead.
class QuietErrors {
public:
    QuietErrors();
    ~QuietErrors();
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;

private:
    H5E_auto2_t func_ = nullptr;
    void* data_ = nullptr;
};

/// The most useful line of the current HDF5 error stack (the operating system's message if
/// there is one, else the innermost description), then clears the stack.
[[nodiscard]] std::string hdf5_error_message();

/// `'path'`, for messages.
[[nodiscard]] std::string quoted(const std::filesystem::path& path);

/// Throws `OutputError("<what>: <HDF5 message>")` if `id` is negative, else returns it.
hid_t check_id(hid_t id, const std::string& what);
/// Throws `OutputError("<what>: <HDF5 message>")` if `status` is negative.
void check(herr_t status, const std::string& what);

/// A variable-length UTF-8 string type.
[[nodiscard]] Datatype vlen_string_type();
/// A fixed-length, null-padded UTF-8 string type of `size` bytes (at least 1).
[[nodiscard]] Datatype fixed_string_type(std::size_t size);

/// The object creation property list of a group, dataset or file (`property_class`, e.g.
/// H5P_GROUP_CREATE): no time stamps, so that the same content gives the same bytes.
[[nodiscard]] PropList untimed(hid_t property_class, const std::string& where);

/// A scalar dataspace.
[[nodiscard]] Dataspace scalar_space();

/// Writes a scalar attribute of `type` (memory and file type are the same).
void write_attribute(hid_t object, const char* name, hid_t type, const void* value,
                     const std::string& where);
/// Writes a variable-length UTF-8 string attribute.
void write_string_attribute(hid_t object, const char* name, const std::string& value,
                            const std::string& where);
/// Writes a one-dimensional attribute of variable-length UTF-8 strings (h5py reads it as an
/// array of `str`).
void write_string_array_attribute(hid_t object, const char* name,
                                  const std::vector<std::string>& values, const std::string& where);

/// True if `object` has an attribute `name`.
[[nodiscard]] bool has_attribute(hid_t object, const char* name, const std::string& where);
/// Reads a scalar numeric attribute, converted to `mem_type` (e.g. `H5T_NATIVE_INT64`).
void read_attribute(hid_t object, const char* name, hid_t mem_type, void* value,
                    const std::string& where);
/// Reads a scalar string attribute, variable- or fixed-length.
[[nodiscard]] std::string read_string_attribute(hid_t object, const char* name,
                                                const std::string& where);
/// Reads a one-dimensional attribute of variable-length strings, in order.
[[nodiscard]] std::vector<std::string> read_string_array_attribute(hid_t object, const char* name,
                                                                   const std::string& where);

/// The type as SCHEMA.md spells it: `int32`, `uint64`, `float64`, `string` (variable
/// length), `fixed string`, `compound`, or `other` (of one value; `inspect_file` adds
/// ` array` for a one-dimensional attribute).
[[nodiscard]] std::string type_name(hid_t type);

} // namespace kokeilu::output::detail
