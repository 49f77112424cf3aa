// Estimates of memory, disk and time before a run.
#include "app/run_estimate.hpp"

#include "app/exit_codes.hpp"
#include "output/result_file.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kokeilu::app {

namespace {

std::size_t months_of(const agents::ModelInput& in) {
    const int first = in.start.year() * 12 + in.start.month();
    const int last = in.end.year() * 12 + in.end.month();
    return last >= first ? static_cast<std::size_t>(last - first + 1) : 0;
}

/// A number from a one-line file such as /sys/fs/cgroup/memory.max ("max": none).
std::optional<double> read_number(const char* path) {
    std::ifstream f(path);
    std::string word;
    if (!(f >> word) || word == "max") {
        return std::nullopt;
    }
    try {
        return std::stod(word);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

std::uint64_t monthly_rows_per_run(const agents::ModelInput& in) {
    const std::size_t months = months_of(in);
    const std::size_t groups = agents::kTargetGroups.size();
    std::uint64_t per_provider = 0;
    for (std::size_t m = 0; m < agents::kMetricCount; ++m) {
        const auto metric = static_cast<agents::Metric>(m);
        const std::size_t matching_groups =
            agents::metric_is_provider_level(metric) ? 1 : groups - 1;
        std::size_t metric_months = months;
        if (agents::metric_is_cohort(metric)) {
            const auto horizon = static_cast<std::size_t>(agents::cohort_horizon(metric));
            metric_months = months > horizon ? months - horizon : 0;
        }
        per_provider += matching_groups * metric_months;
    }
    // The breakdowns' rows (as many bytes each as a monthly row).
    per_provider += months * agents::kBreakdownGroupCount * agents::kBreakdownMetricCount;
    return per_provider * in.providers.size();
}

RunEstimate estimate_run(const std::vector<const agents::ModelInput*>& inputs, int replications,
                         int threads, bool summary, bool h5, bool csv, const EstimateFactors& f) {
    RunEstimate e;
    e.runs = inputs.size() * static_cast<std::size_t>(replications);
    e.side_by_side = threads > 1 && e.runs > 1
                         ? std::min<std::size_t>(e.runs, static_cast<std::size_t>(threads))
                         : 1;
    double core_seconds = 0.0;
    std::uint64_t rows_total = 0;
    std::size_t cells = 0;
    for (const auto* in : inputs) {
        const double persons = f.peak_per_initial * in->initial_unemployed * in->scale;
        e.peak_persons = std::max(e.peak_persons, persons);
        e.rows_per_run = std::max(e.rows_per_run, monthly_rows_per_run(*in));
        rows_total += monthly_rows_per_run(*in) * static_cast<std::uint64_t>(replications);
        core_seconds += f.core_seconds_per_person_month * persons *
                        static_cast<double>(months_of(*in)) * replications;
        cells += months_of(*in) * in->providers.size() * agents::kTargetGroups.size() *
                 agents::kMetricCount;
    }
    // Each run in memory holds its model and its rows until they are written.
    const double per_run = e.peak_persons * f.bytes_per_person +
                           static_cast<double>(e.rows_per_run) * sizeof(output::MonthlyRow);
    e.memory_bytes = f.base_bytes + static_cast<double>(e.side_by_side) * per_run;
    if (summary) {
        e.memory_bytes += static_cast<double>(cells) *
                          (output::SummaryBuilder::kBytesPerCell + sizeof(output::SummaryRow));
    }
    const double rows = static_cast<double>(rows_total);
    // Without a result file, the summary's scratch file holds the rows once more until the end.
    e.h5_bytes = (h5 ? rows * f.h5_bytes_per_row : 0.0) +
                 (summary && !h5 && csv ? rows * sizeof(output::MonthlyRow) : 0.0);
    e.csv_bytes = csv ? rows * f.csv_bytes_per_row : 0.0;
    const double parallel = threads > 1 ? 0.85 * threads : 1.0;
    e.seconds = core_seconds / parallel;
    return e;
}

std::optional<double> available_memory_bytes() {
    std::optional<double> available;
    std::ifstream meminfo("/proc/meminfo");
    std::string line;
    while (std::getline(meminfo, line)) {
        if (line.rfind("MemAvailable:", 0) == 0) {
            std::istringstream in(line.substr(13));
            double kb = 0.0;
            if (in >> kb) {
                available = kb * 1024.0;
            }
        }
    }
    if (const auto limit = read_number("/sys/fs/cgroup/memory.max")) {
        const double used = read_number("/sys/fs/cgroup/memory.current").value_or(0.0);
        const double left = std::max(0.0, *limit - used);
        available = available ? std::min(*available, left) : left;
    }
    return available;
}

std::string format_bytes(double bytes) {
    if (bytes >= 1e12) {
        return fmt::format("{:.1f} TB", bytes / 1e12);
    }
    if (bytes >= 1e9) {
        return fmt::format("{:.1f} GB", bytes / 1e9);
    }
    return fmt::format("{:.0f} MB", bytes / 1e6);
}

int check_estimate(const RunOptions& o, const std::vector<const agents::ModelInput*>& inputs,
                   int reps, const char* cmd, std::ostream& err) {
    namespace fs = std::filesystem;
    const bool h5 = !o.output.empty();
    const bool csv = !o.csv_dir.empty();
    const RunEstimate e = estimate_run(inputs, reps, o.threads, reps >= 2, h5, csv);
    if (!o.quiet) {
        err << fmt::format("{}: {} run(s), about {} of memory, {} of files and {:.0f} s on {} "
                           "thread(s) (a rough estimate)\n",
                           cmd, e.runs, format_bytes(e.memory_bytes),
                           format_bytes(e.h5_bytes + e.csv_bytes), std::max(1.0, e.seconds),
                           o.threads);
    }
    if (const auto available = available_memory_bytes();
        available && e.memory_bytes > 0.9 * *available) {
        err << fmt::format("{}: error: this run needs about {} of memory ({} run(s) side by "
                           "side, {:.0f} persons each at the peak), but only {} is available; "
                           "use fewer --threads (runs side by side), a smaller "
                           "population.scale, or a machine with more memory. Nothing was run.\n",
                           cmd, format_bytes(e.memory_bytes), e.side_by_side, e.peak_persons,
                           format_bytes(*available));
        return kUsageError;
    }
    const auto disk_check = [&](const fs::path& where, double bytes, const char* what) {
        std::error_code ec;
        fs::path folder = where.parent_path().empty() ? fs::path(".") : where.parent_path();
        while (!folder.empty() && !fs::exists(folder, ec)) {
            folder = folder.parent_path();
        }
        const auto space = fs::space(folder.empty() ? fs::path(".") : folder, ec);
        if (!ec && bytes > static_cast<double>(space.available)) {
            err << fmt::format("{}: error: {} would take about {} ({} rows per run x {} runs), "
                               "but only {} is free in '{}'; use fewer --reps, a shorter "
                               "scenario, or another folder. Nothing was run.\n",
                               cmd, what, format_bytes(bytes), e.rows_per_run, e.runs,
                               format_bytes(static_cast<double>(space.available)), folder.string());
            return false;
        }
        return true;
    };
    if (h5 && !disk_check(o.output, e.h5_bytes, "the result file")) {
        return kUsageError;
    }
    if (csv && !disk_check(fs::path(o.csv_dir) / "monthly.csv", e.csv_bytes, "the CSV tables")) {
        return kUsageError;
    }
    return kOk;
}

} // namespace kokeilu::app
