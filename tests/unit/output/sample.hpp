// Synthetic result files and temporary folders for the output tests.
#pragma once

#include "output/result_file.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace kokeilu::output::testing {

/// The size of a synthetic panel; the default is the sample the Python test reads.
struct SampleShape {
    std::uint32_t scenarios = 2;
    std::uint32_t replications = 2;
    std::uint32_t months = 4;
    std::uint32_t providers = 2;
    std::uint32_t target_groups = 2;
    std::uint32_t measures = 3;
    /// Traced persons per scenario and replication; 0 gives a file without traces (and
    /// without the trace event and state tables), as a run without `--trace` writes.
    std::uint32_t traced_agents = 3;
    std::uint32_t events_per_agent = 4;
    /// Whether the result has a replication summary (`summarise_monthly` of its panel, at the
    /// default level); false gives a file without `/summary`, as a run before summaries wrote.
    bool summary = true;
    /// Breakdown groups (the first two of breakdown `age_band`, the others of `language`, one
    /// name needing quotes) with a breakdown row per scenario, replication, month, provider,
    /// group and measure; 0 gives a file without breakdowns, as a run before them wrote.
    std::uint32_t breakdown_groups = 0;
};

/// The time of the sample's first trace row: 2021-03-01T08:00, in minutes since 1970.
inline constexpr std::int64_t kSampleFirstTraceTime = 26'909'760;

/// A deterministic synthetic result: names with commas, quotes and non-ASCII letters, months
/// across a year end, values that test round-trip formatting. Rows are in the order scenario,
/// replication, month, provider, target group, measure; values depend on `seed`. Trace rows
/// (if any) are in the order scenario, replication, person, event; their names need quoting
/// too, and one person's id (2^53 + 1) does not survive a trip through a double. The summary
/// (if any) is `summarise_monthly(monthly)`: one row per cell, in cell order.
[[nodiscard]] ResultFile sample_result(std::uint64_t seed = 20210301, SampleShape shape = {});

/// A fresh empty folder under the system's temporary folder, removed with its contents.
class TempDir {
public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
        return path_ / name;
    }

private:
    std::filesystem::path path_;
};

/// The whole content of a file.
[[nodiscard]] std::string read_bytes(const std::filesystem::path& path);
/// Writes `bytes` to `path`, replacing it.
void write_bytes(const std::filesystem::path& path, const std::string& bytes);
/// The names in a folder, sorted.
[[nodiscard]] std::vector<std::string> list_folder(const std::filesystem::path& dir);

} // namespace kokeilu::output::testing
