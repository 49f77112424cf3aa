// Internal: writing files under a temporary name and renaming them into place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace kokeilu::output::detail {

/// The longest file name (in bytes) of the file systems Kokeilu writes to (NAME_MAX on Linux).
inline constexpr std::size_t kMaxFileName = 255;

/// `<folder>/<name><tag><pid>` for `final_path` (tag `.part-` unless given): in the same
/// folder, so the rename is atomic, and distinct per process, so two runs never write the
/// same temporary file. A name too long for the suffix is shortened in the temporary name
/// (never the final one), so every final name that fits the file system can be written.
[[nodiscard]] std::filesystem::path temporary_path_for(const std::filesystem::path& final_path,
                                                       std::string_view tag = ".part-");

/// Checks that the folder of `final_path` exists and is a folder, that the file name fits
/// the file system, that `final_path`, if it exists, is a regular file (not a folder, FIFO,
/// device, socket or symbolic link: a rename would replace it) and, unless `replace`, that it
/// does not exist. Throws `OutputError` naming the path.
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

/// Records that a file of this process now stands under its final name (rename_into_place
/// calls it); see `output::results_placed()`.
void note_placed() noexcept;
/// Whether note_placed() was called.
[[nodiscard]] bool placed() noexcept;

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
    /// Syncs, closes and renames into place (after `kokeilu::throw_if_interrupted()`: a stop
    /// request leaves the final path untouched).
    void commit();
    /// Syncs and closes the file and gives up its ownership: returns the temporary path,
    /// which the caller renames (e.g. through an `OutputSet`) or removes.
    [[nodiscard]] std::filesystem::path finish();
    [[nodiscard]] const std::filesystem::path& final_path() const { return final_path_; }

private:
    std::filesystem::path final_path_;
    std::filesystem::path temp_path_;
    int fd_ = -1;
    bool committed_ = false;
};

/// An anonymous scratch file in the folder of `near` (not in /tmp, which may be small): bytes
/// appended now and read back later. It has no name (Linux `O_TMPFILE`, or a name removed at
/// once where that is not supported), so the system deletes it when it is closed, even if the
/// process is killed.
class ScratchFile {
public:
    /// Throws `OutputError` naming the folder if the file cannot be created.
    explicit ScratchFile(const std::filesystem::path& near);
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    ~ScratchFile();

    /// Appends `size` bytes; throws `OutputError` (e.g. disk full).
    void append(const void* data, std::size_t size);
    /// Reads `size` bytes from `offset` (below `size()`); throws `OutputError`.
    void read(std::uint64_t offset, void* data, std::size_t size) const;
    /// The number of bytes appended.
    [[nodiscard]] std::uint64_t size() const { return size_; }

private:
    std::filesystem::path near_; ///< for messages
    int fd_ = -1;
    std::uint64_t size_ = 0;
};

} // namespace kokeilu::output::detail
