// The files of `kokeilu run` and `compare`: checked before the run, written while the runs
// stream past, committed together at the end.
#pragma once

#include "app/run_command.hpp"
#include "output/csv.hpp"
#include "output/result_file.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <vector>

namespace kokeilu::app {

/// Refuses outputs that collide with each other or with an input (`inputs`: the scenario files
/// the run reads) with a message and kUsageError, then prepares each target (the one
/// convention of output/output_set.hpp; throws `output::OutputError`). Returns an exit code.
int check_targets(const RunOptions& o, const std::vector<std::filesystem::path>& inputs,
                  const char* cmd, std::ostream& err);

/// The HDF5 file (`-o`), the CSV tables (`--csv`) and, with two or more replications, the
/// summary over them. Runs are added in run order; `commit` finishes them all and renames
/// them into place together (an `output::OutputSet`). Destroyed before `commit`, it leaves
/// no temporary file and no change under a final name.
class Outputs {
public:
    Outputs(const RunOptions& o, const output::ResultFile& description, int reps);

    /// One finished run's rows.
    void add(std::span<const output::MonthlyRow> rows, std::span<const output::TraceRow> traces,
             std::span<const output::BreakdownRow> breakdowns);
    /// Summarises, finishes every file and renames them all into place together; the wall
    /// time is stored unless empty.
    void commit(bool force, std::optional<double> wall_time);

private:
    std::unique_ptr<output::ResultWriter> h5_;
    std::unique_ptr<output::CsvWriter> csv_;
    std::unique_ptr<output::SummaryBuilder> summary_;
};

} // namespace kokeilu::app
