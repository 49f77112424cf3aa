// The headline table, formatted.
#include "app/headlines.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <algorithm>

namespace kokeilu::app {

namespace {

void print_differences(std::ostream& out, const std::vector<std::string>& labels,
                       const analysis::HeadlineTable& table) {
    const std::size_t n = table.replications;
    fmt::print(out,
               "\nDifferences to `{}`, paired by replication (common random numbers), with "
               "95 % intervals{}:\n",
               labels.front(), n < 2 ? " (need --reps 2 or more)" : "");
    for (std::size_t s = 1; s < labels.size(); ++s) {
        fmt::print(out, "  {}\n", labels[s]);
        for (std::size_t o = 0; o < analysis::kHeadlineOutcomes.size(); ++o) {
            const auto& label = analysis::kHeadlineOutcomes[o].label;
            const analysis::Paired& p = table.differences[s - 1][o];
            const int decimals = analysis::kHeadlineOutcomes[o].decimals;
            if (n < 2) {
                fmt::print(out, "    {:<30} {:>+14.{}f}\n", label, p.difference.mean, decimals);
                continue;
            }
            fmt::print(out, "    {:<30} {:>+14.{}f} ± {:<12.{}f} variance ratio {:.3f}\n", label,
                       p.difference.mean, decimals, p.difference.half_width, decimals,
                       p.variance_ratio);
        }
    }
    fmt::print(out, "(variance ratio: variance of the paired differences over that of independent "
                    "runs; below 1 means common random numbers sharpen the comparison)\n");
}

} // namespace

void print_headlines(std::ostream& out, const std::vector<std::string>& labels,
                     const analysis::HeadlineTable& table, const std::string& period) {
    fmt::print(out, "\nHeadline outcomes ({}), mean over replications:\n", period);
    // Columns as wide as the longest scenario name (at least 22, at most 40 characters).
    std::size_t width = 22;
    for (const auto& label : labels) {
        width = std::max(width, std::min<std::size_t>(label.size(), 40));
    }
    fmt::print(out, "{:<30}", "");
    for (const auto& label : labels) {
        fmt::print(out, " {:>{}}", label.substr(0, width), width);
    }
    fmt::print(out, "\n");
    for (std::size_t o = 0; o < analysis::kHeadlineOutcomes.size(); ++o) {
        fmt::print(out, "{:<30}", analysis::kHeadlineOutcomes[o].label);
        for (const auto& means : table.means) {
            fmt::print(out, " {:>{}.{}f}", means[o], width,
                       analysis::kHeadlineOutcomes[o].decimals);
        }
        fmt::print(out, "\n");
    }
    if (labels.size() >= 2) {
        print_differences(out, labels, table);
    }
}

} // namespace kokeilu::app
