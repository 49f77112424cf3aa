// A flat listing of what an HDF5 file holds, in the terms of output/SCHEMA.md.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kokeilu::output {

/// One group, dataset, attribute or compound field of an HDF5 file.
struct FileEntry {
    /// `/metadata` (group), `/monthly/rows` (dataset), `/metadata@seed` (attribute of
    /// /metadata; `/@complete` for the root), `/monthly/rows.value` (field of a dataset).
    std::string path;
    std::string kind; ///< "group", "dataset", "attribute" or "field"
    /// "" for groups; else `int32`, `uint64`, `float64`, `string` (variable-length UTF-8),
    /// `fixed string`, `compound` (a table, listed field by field) or `other`; an attribute
    /// that is a one-dimensional array has ` array` after its type (`string array`).
    std::string type;

    bool operator==(const FileEntry&) const = default;
};

/// Everything in the HDF5 file at `path`, sorted by path. Works on any HDF5 file, complete
/// or not (it is for checking files against SCHEMA.md and for debugging); throws
/// `OutputError` if the file cannot be opened.
[[nodiscard]] std::vector<FileEntry> inspect_file(const std::filesystem::path& path);

} // namespace kokeilu::output
