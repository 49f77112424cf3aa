// The files of a run.
#include "app/run_outputs.hpp"

#include "app/exit_codes.hpp"
#include "output/output_set.hpp"

#include <algorithm>
#include <utility>

namespace kokeilu::app {

namespace fs = std::filesystem;

int check_targets(const RunOptions& o, const std::vector<fs::path>& inputs, const char* cmd,
                  std::ostream& err) {
    std::vector<fs::path> targets;
    if (!o.output.empty()) {
        targets.emplace_back(o.output);
    }
    if (!o.csv_dir.empty()) {
        if (!o.output.empty() && output::same_file(o.output, o.csv_dir)) {
            err << cmd << ": error: -o and --csv name the same path '" << o.output
                << "'; give the CSV tables their own folder. Nothing was run.\n";
            return kUsageError;
        }
        for (const auto& name : output::CsvWriter::table_names()) {
            targets.push_back(fs::path(o.csv_dir) / name);
        }
        if (!o.output.empty() &&
            std::any_of(targets.begin() + 1, targets.end(),
                        [&](const fs::path& t) { return output::same_file(t, o.output); })) {
            err << cmd << ": error: -o '" << o.output << "' is one of the CSV tables of --csv '"
                << o.csv_dir << "'. Nothing was run.\n";
            return kUsageError;
        }
    }
    for (const auto& t : targets) {
        for (const auto& in : inputs) {
            if (output::same_file(t, in)) {
                err << cmd << ": error: the output '" << t.string() << "' is the scenario file '"
                    << in.string()
                    << "' this run reads; choose another output name. Nothing was run.\n";
                return kUsageError;
            }
        }
    }
    for (const auto& t : targets) {
        output::prepare_target(t, o.force);
    }
    return kOk;
}

Outputs::Outputs(const RunOptions& o, const output::ResultFile& description, int reps) {
    const bool any = !o.output.empty() || !o.csv_dir.empty();
    if (!o.output.empty()) {
        h5_ = std::make_unique<output::ResultWriter>(o.output, o.force);
        h5_->write(description.metadata, description.dimensions);
    }
    if (!o.csv_dir.empty()) {
        csv_ = std::make_unique<output::CsvWriter>(o.csv_dir, description.metadata,
                                                   description.dimensions, o.force);
    }
    // With two or more replications the outputs also hold every cell's mean, standard
    // error and 95 % Student-t interval over them.
    if (any && reps >= 2) {
        const fs::path near =
            !o.output.empty() ? fs::path(o.output) : fs::path(o.csv_dir) / "monthly.csv";
        // The second pass reads the rows back from the result file when there is one.
        output::SummaryBuilder::RowSource source;
        if (h5_) {
            source = [this](const auto& fn) { h5_->read_monthly(fn); };
        }
        summary_ = std::make_unique<output::SummaryBuilder>(
            description.metadata, description.dimensions, near, std::move(source));
    }
}

void Outputs::add(std::span<const output::MonthlyRow> rows,
                  std::span<const output::TraceRow> traces,
                  std::span<const output::BreakdownRow> breakdowns) {
    if (h5_) {
        h5_->append_monthly(rows);
        h5_->append_traces(traces);
        h5_->append_breakdowns(breakdowns);
    }
    if (csv_) {
        csv_->append_monthly(rows);
        csv_->append_traces(traces);
        csv_->append_breakdowns(breakdowns);
    }
    if (summary_) {
        summary_->add(rows);
    }
}

void Outputs::commit(bool force, std::optional<double> wall_time) {
    if (h5_ && wall_time) {
        h5_->write_wall_time(*wall_time);
    }
    if (summary_) {
        const auto rows = summary_->finish();
        summary_.reset();
        if (h5_) {
            h5_->append_summary(rows);
        }
        if (csv_) {
            csv_->append_summary(rows);
        }
    }
    output::OutputSet set(force);
    if (h5_) {
        set.adopt(h5_->finish(), h5_->final_path());
    }
    if (csv_) {
        csv_->finish(set);
    }
    set.commit();
}

} // namespace kokeilu::app
