// A run's outputs (the HDF5 file, the CSV tables) committed as a whole: all new or all old.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::output {

/// The one convention for output paths of every command (`run`, `compare`, `report`,
/// `export`), checked before any work is done: a missing parent folder is made; an existing
/// target must be a regular file (never a folder, FIFO, device, socket or symbolic link) and
/// is replaced only with `replace` (`--force`); the file name must fit the file system
/// (255 bytes, with room for the temporary suffix); and the target must not be one of
/// `inputs` (a scenario file, a result file being read). Throws `OutputError` naming the path.
void prepare_target(const std::filesystem::path& target, bool replace,
                    const std::vector<std::filesystem::path>& inputs = {});

/// Writes `bytes` to `target` under a private temporary name, synced and renamed into place
/// (after the stop request is checked): the target holds its old content or all of the new.
/// `prepare_target`'s checks apply (without `inputs`). Throws `OutputError` or
/// `kokeilu::Interrupted`.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                           bool replace);

/// Whether this process has put any result under its final name (a commit's rename). A stop
/// request that arrives after that is too late to leave existing results unchanged.
[[nodiscard]] bool results_placed() noexcept;

/// True if `a` and `b` name the same file or folder (after following links; two paths that
/// do not exist are the same if they are the same lexically after normalisation).
[[nodiscard]] bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

/// Files that appear under their final names together, or not at all.
///
/// Each file is written under a private temporary name in its final folder (`adopt` takes
/// one that a writer finished and synced). `commit()` first honours a stop request
/// (`kokeilu::Interrupted`), then keeps a hard link to every file it will replace or remove,
/// renames each temporary file over its final name and removes the files listed with
/// `remove_at_commit` (an earlier run's optional table that this run does not write); only
/// then are the kept links dropped. If any rename fails, every change is undone and
/// `OutputError` is thrown. Destroyed before `commit()` (an error, Ctrl-C unwinding), it
/// removes the temporary files, so the final names keep their earlier content.
///
/// The renames take microseconds; a `kill -9` in that window may leave a mix of new and old
/// files (plus `<name>.old-<pid>` links to the old ones): the only case not covered.
class OutputSet {
public:
    explicit OutputSet(bool replace);
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;
    ~OutputSet();

    /// Takes ownership of `temporary`, a complete and synced file to be renamed to `target`.
    void adopt(const std::filesystem::path& temporary, const std::filesystem::path& target);
    /// `target` must not exist after the commit (removed if it does).
    void remove_at_commit(const std::filesystem::path& target);
    /// See the class comment. Throws `kokeilu::Interrupted` or `OutputError`.
    void commit();

    /// The final paths of the adopted files, in the order they were adopted.
    [[nodiscard]] std::vector<std::filesystem::path> targets() const;

private:
    struct Staged {
        std::filesystem::path temporary;
        std::filesystem::path target;
    };
    bool replace_;
    bool committed_ = false;
    std::vector<Staged> staged_;
    std::vector<std::filesystem::path> removals_;
};

} // namespace kokeilu::output
