// A sweep's folder: DIR/manifest, and in DIR/shards/ the finished shard files, each with a done
// marker holding its SHA-256 and the units it contains.
#pragma once

#include "scenario/sweep_manifest.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace kokeilu::app {

/// An error of a sweep command, with the exit code it maps to (app/exit_codes.hpp).
class SweepFailure : public std::runtime_error {
public:
    SweepFailure(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    [[nodiscard]] int code() const { return code_; }

private:
    int code_;
};

/// One (point, replication) of a sweep.
struct Unit {
    std::size_t point = 0;
    std::uint32_t replication = 0;
};

/// Unit `u` of `m` (point-then-replication order).
[[nodiscard]] Unit unit_of(const scenario::SweepManifest& m, std::size_t u);

[[nodiscard]] std::filesystem::path manifest_path(const std::filesystem::path& dir);
[[nodiscard]] std::filesystem::path shards_path(const std::filesystem::path& dir);

/// Reads and checks DIR/manifest. Throws SweepFailure: exit 2 if there is none or it is not a
/// valid manifest (edited by hand), 3 if it cannot be read.
[[nodiscard]] scenario::SweepManifest read_manifest(const std::filesystem::path& dir);

/// A done marker: a finished shard file of shard `shard` of sweep `sweep`.
struct DoneMarker {
    std::filesystem::path marker; ///< DIR/shards/NAME.done
    std::filesystem::path file;   ///< the shard file it records (same folder)
    std::string sweep;            ///< the manifest's SHA-256
    std::size_t shard = 0;
    std::string sha256;             ///< of `file`
    std::vector<std::string> units; ///< "POINT_ID/REPLICATION", in order
};

/// This machine's host name as shard file names hold it (letters, digits, `-`; others `_`).
[[nodiscard]] std::string host_name_of_this_machine();

/// The name of the shard file that this process writes for shard `k`:
/// `shard-KKKKK.HOST-PID.h5`. Unique per writer, so two processes never write one file.
[[nodiscard]] std::string shard_file_name(std::size_t k);

/// The units of shard `k` as a marker lists them.
[[nodiscard]] std::vector<std::string> shard_unit_keys(const scenario::SweepManifest& m,
                                                       std::size_t k);

/// Writes `marker` atomically (temporary name, fsync, rename).
void write_marker(const DoneMarker& marker);

/// What DIR/shards holds for `m`, by shard: the markers that record a shard of this sweep
/// whose file is intact (`done`), and problems: a marker of another sweep or plan, or one whose
/// file is missing or differs from its SHA-256 (`damaged`, with the reason).
struct FolderState {
    std::map<std::size_t, std::vector<DoneMarker>> done;
    std::vector<std::pair<std::filesystem::path, std::string>> foreign; ///< marker, why
    std::vector<std::pair<DoneMarker, std::string>> damaged;            ///< marker, why
    std::vector<std::filesystem::path> partial; ///< temporary files (a shard being written,
                                                ///< or one whose writer was killed)
};

/// Reads every marker of DIR/shards and checks each shard file's SHA-256 (reads every file).
[[nodiscard]] FolderState scan_folder(const std::filesystem::path& dir,
                                      const scenario::SweepManifest& m);

/// The shards of `m` that `state` holds no intact done marker of, in order.
[[nodiscard]] std::vector<std::size_t> missing_shards(const scenario::SweepManifest& m,
                                                      const FolderState& state);

/// Shard numbers (sorted) as ranges: "0, 3-5, 9", or with `separator` "," as SLURM's
/// `--array` takes them: "0,3-5,9".
[[nodiscard]] std::string shard_ranges(const std::vector<std::size_t>& ks,
                                       const std::string& separator = ", ");

} // namespace kokeilu::app
