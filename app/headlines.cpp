// Headline outcomes and their paired differences.
#include "app/headlines.hpp"

#include "sim/summary.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <limits>

namespace kokeilu::app {

using agents::Metric;

void HeadlineAccumulator::add(const agents::MonthPanel& p, std::size_t providers, bool counts) {
    if (!counts) {
        return;
    }
    ++months_;
    const std::size_t groups = agents::kTargetGroups.size();
    for (std::size_t pr = 0; pr < providers; ++pr) {
        for (std::size_t g = 0; g + 1 < groups; ++g) {
            h_.unemployed_mean += p.value(pr, g, Metric::Unemployed);
            h_.long_term_mean += p.value(pr, g, Metric::Unemployed12mPlus);
            h_.exits_employment += p.value(pr, g, Metric::ExitsEmployment);
            h_.service_starts += p.value(pr, g, Metric::ServiceStarts);
            h_.spend_meur += (p.value(pr, g, Metric::SpendState) +
                              p.value(pr, g, Metric::SpendMunicipality) +
                              p.value(pr, g, Metric::SpendUnemploymentFunds)) / 1e6;
            const double fc = p.value(pr, g, Metric::FirstContacts);
            contacts_ += fc;
            contact_days_ += fc * p.value(pr, groups - 1, Metric::TimeToFirstContactMean);
        }
        h_.overdue_mean += p.value(pr, groups - 1, Metric::InterviewsOverdue);
    }
}

Headline HeadlineAccumulator::result() const {
    Headline r = h_;
    const double n = months_ > 0 ? static_cast<double>(months_) : 1.0;
    r.unemployed_mean /= n;
    r.long_term_mean /= n;
    r.overdue_mean /= n;
    r.first_contact_days = contacts_ > 0.0 ? contact_days_ / contacts_ : 0.0;
    return r;
}

namespace {
struct HeadlineField {
    const char* name;
    double Headline::*field;
    int decimals;
};
constexpr std::array<HeadlineField, 7> kHeadlines{{
    {"unemployed, mean stock", &Headline::unemployed_mean, 0},
    {"long-term unemployed, mean", &Headline::long_term_mean, 0},
    {"exits to employment, total", &Headline::exits_employment, 0},
    {"days to first contact, mean", &Headline::first_contact_days, 2},
    {"interviews overdue, mean", &Headline::overdue_mean, 0},
    {"service starts, total", &Headline::service_starts, 0},
    {"spending, EUR million", &Headline::spend_meur, 1},
}};

double mean_of(const std::vector<double>& x) {
    double s = 0.0;
    for (const double v : x) {
        s += v;
    }
    return x.empty() ? 0.0 : s / static_cast<double>(x.size());
}

double variance_of(const std::vector<double>& x) {
    if (x.size() < 2) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double m = mean_of(x);
    double s = 0.0;
    for (const double v : x) {
        s += (v - m) * (v - m);
    }
    return s / static_cast<double>(x.size() - 1);
}

} // namespace

void print_headlines(std::ostream& out, const std::vector<std::string>& labels,
                     const std::vector<std::vector<Headline>>& by_scenario,
                     const std::string& period) {
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
    for (const auto& f : kHeadlines) {
        fmt::print(out, "{:<30}", f.name);
        for (const auto& reps : by_scenario) {
            std::vector<double> x;
            for (const auto& h : reps) {
                x.push_back(h.*(f.field));
            }
            fmt::print(out, " {:>{}.{}f}", mean_of(x), width, f.decimals);
        }
        fmt::print(out, "\n");
    }
    if (labels.size() < 2) {
        return;
    }
    const std::size_t n = by_scenario.front().size();
    fmt::print(out, "\nDifferences to `{}`, paired by replication (common random numbers), with "
                    "95 % intervals{}:\n",
               labels.front(), n < 2 ? " (need --reps 2 or more)" : "");
    for (std::size_t s = 1; s < labels.size(); ++s) {
        fmt::print(out, "  {}\n", labels[s]);
        for (const auto& f : kHeadlines) {
            std::vector<double> d;
            std::vector<double> a;
            std::vector<double> b;
            for (std::size_t r = 0; r < n; ++r) {
                a.push_back(by_scenario[s][r].*(f.field));
                b.push_back(by_scenario[0][r].*(f.field));
                d.push_back(a.back() - b.back());
            }
            const double var_d = variance_of(d);
            if (n < 2) {
                fmt::print(out, "    {:<30} {:>+14.{}f}\n", f.name, mean_of(d), f.decimals);
                continue;
            }
            const auto summary = sim::summarise(d);
            const double independent = variance_of(a) + variance_of(b);
            const double ratio = independent > 0.0 ? var_d / independent
                                                   : std::numeric_limits<double>::quiet_NaN();
            fmt::print(out, "    {:<30} {:>+14.{}f} ± {:<12.{}f} variance ratio {:.3f}\n", f.name,
                       summary.mean, f.decimals, summary.half_width, f.decimals, ratio);
        }
    }
    fmt::print(out, "(variance ratio: variance of the paired differences over that of independent "
                    "runs; below 1 means common random numbers sharpen the comparison)\n");
}


} // namespace kokeilu::app
