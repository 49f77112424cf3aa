// Internal: writing files under a temporary name and renaming them into place.
#pragma once

#include <filesystem>
#include <string_view>

namespace kokeilu::output::detail {

/// `<folder>/<name>.part-<pid>` for `final_path`: in the same folder, so the rename is atomic,
/// and distinct per process, so two runs never write the same temporary file.
[[nodiscard]] std::filesystem::path temporary_path_for(const std::filesystem::path& final_path);

/// Checks that the folder of `final_path` exists and is a folder, that `final_path` is not a
/// folder and, unless `replace`, that it does not exist. Throws `OutputError` naming the path.
void check_target(const std::filesystem::path& final_path, bool replace);

/// Throws `OutputError` if the folder of `final_path` has no space left at all (an early
/// check; a disk that fills up later is reported by the write that fails).
void check_free_space(const std::filesystem::path& final_path);

/// Creates (or truncates) `path` as an empty file, so that a folder that cannot be written
/// shows up now with the operating system's reason. Throws `OutputError`.
void create_empty_file(const std::filesystem::path& path);

/// Flushes `path` to stable storage (fsync). Throws `OutputError` on failure.
void sync_file(const std::filesystem::path& path);

/// Renames `from` over `to` (atomic within a folder) and syncs the folder (best effort).
/// Throws `OutputError` on failure.
void rename_into_place(const std::filesystem::path& from, const std::filesystem::path& to);

/// Removes `path` if it exists, ignoring errors (for cleanup in destructors).
void remove_quietly(const std::filesystem::path& path) noexcept;

/// A file written under its temporary name and renamed over the final path by `commit()`
/// (replacing any file there). Destroyed before `commit()`, it removes the temporary file.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path final_path);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    /// Appends `bytes`; throws `OutputError` (e.g. disk full) naming the file.
    void write(std::string_view bytes);
    /// Syncs, closes and renames into place.
    void commit();

private:
    std::filesystem::path final_path_;
    std::filesystem::path temp_path_;
    int fd_ = -1;
    bool committed_ = false;
};

} // namespace kokeilu::output::detail
