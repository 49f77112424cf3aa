// `kokeilu evidence`.
#include "app/evidence_command.hpp"

#include "agents/jobseeker_model.hpp"
#include "analysis/evidence.hpp"
#include "app/exit_codes.hpp"
#include "app/progress.hpp"
#include "app/run_command.hpp"
#include "app/run_loop.hpp"
#include "app/scenario_commands.hpp"
#include "output/recorder.hpp"
#include "scenario/evidence.hpp"
#include "scenario/schema.hpp"
#include "sim/interrupt.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <set>

namespace kokeilu::app {

namespace {

namespace chr = std::chrono;
using scenario::EvidenceCheck;
using scenario::EvidenceExpectation;

constexpr const char* kCmd = "kokeilu evidence";

/// One line of the table.
struct Row {
    std::string check;
    std::string measure;
    std::string window;
    std::string expected;
    std::string simulated;
    std::string result; ///< PASS, FAIL or off
};

/// The measure codes (the order of agents::metric_table(), which is the result's) of names
/// that the evidence reader has checked.
std::vector<std::size_t> measure_codes(const std::vector<std::string>& names) {
    std::vector<std::size_t> codes;
    const auto table = agents::metric_table();
    for (const auto& name : names) {
        for (std::size_t k = 0; k < table.size(); ++k) {
            if (table[k].name == name) {
                codes.push_back(k);
            }
        }
    }
    return codes;
}

analysis::Expected expected_of(const EvidenceExpectation& e) {
    using K = analysis::Expected::Kind;
    using S = scenario::ExpectKind;
    analysis::Expected x;
    switch (e.expect) {
    case S::Positive: x.kind = K::Positive; break;
    case S::Negative: x.kind = K::Negative; break;
    case S::Zero: x.kind = K::Zero; break;
    case S::NotNegative: x.kind = K::NotNegative; break;
    case S::NotPositive: x.kind = K::NotPositive; break;
    case S::Range: x.kind = K::Range; break;
    }
    x.low = e.low;
    x.high = e.high;
    x.tolerance = e.tolerance;
    return x;
}

/// A difference as printed: a relative one in per cent with 2 decimals, an absolute one with
/// `decimals`.
std::string number(double x, bool relative, int decimals = 2, bool sign = true) {
    if (std::isinf(x)) {
        return x > 0 ? "inf" : "-inf";
    }
    const double v = relative ? 100.0 * x : x;
    const int d = relative ? 2 : decimals;
    std::string s = sign ? fmt::format("{:+.{}f}", v, d) : fmt::format("{:.{}f}", v, d);
    if (s.rfind("-0", 0) == 0 && s.find_first_not_of("-0.") == std::string::npos) {
        s[0] = '+'; // no "-0"
    }
    return relative ? s + " %" : s;
}

/// Decimals for absolute values of about `x`'s size: none from 100 on.
int decimals_for(double x) {
    return std::fabs(x) >= 100.0 ? 0 : 2;
}

std::string expected_text(const EvidenceExpectation& e) {
    const bool rel = e.difference == scenario::Difference::Relative;
    const std::string tol =
        e.tolerance > 0.0 ? number(e.tolerance, rel, decimals_for(e.tolerance), false) : "";
    using S = scenario::ExpectKind;
    switch (e.expect) {
    case S::Positive: return "> 0";
    case S::Negative: return "< 0";
    case S::Zero: return tol.empty() ? "0" : "0 ± " + tol;
    case S::NotNegative: return tol.empty() ? ">= 0" : ">= -" + tol;
    case S::NotPositive: return tol.empty() ? "<= 0" : "<= " + tol;
    case S::Range: break;
    }
    std::string range;
    const int d = decimals_for(std::isinf(e.low) ? e.high : e.low);
    if (e.low == e.high) {
        range = number(e.low, rel, d);
    } else if (std::isinf(e.low)) {
        range = "<= " + number(e.high, rel, d);
    } else if (std::isinf(e.high)) {
        range = ">= " + number(e.low, rel, d);
    } else {
        range = number(e.low, rel, d) + ".." + number(e.high, rel, d);
    }
    return tol.empty() ? range : range + " ± " + tol;
}

/// Every run's month totals: [scenario][replication].
using Totals = std::vector<std::vector<analysis::RunTotals>>;

/// Runs the scenarios in `needed` (indexes into `resolved.scenarios`) with the same seed and
/// replications; several runs side by side, one thread each, when there are several threads.
Totals simulate(const scenario::ResolvedEvidence& resolved, const std::vector<std::size_t>& needed,
                const EvidenceOptions& o, std::ostream& err, const std::atomic<bool>& stop) {
    const auto reps = static_cast<std::size_t>(resolved.replications);
    const std::size_t runs = reps * needed.size();
    std::size_t months_total = 0;
    for (const std::size_t s : needed) {
        months_total += dimensions_of(resolved.scenarios[s].input).months.size() * reps;
    }
    Progress progress(err, !o.quiet && ::isatty(STDERR_FILENO) == 1, kCmd, runs, months_total);
    const bool side_by_side = runs_side_by_side(runs, o.threads);
    auto one_run = [&](std::size_t run) {
        const auto& input = resolved.scenarios[needed[run % needed.size()]].input;
        const output::Dimensions dims = dimensions_of(input);
        const auto rep = static_cast<std::uint32_t>(run / needed.size());
        output::Recorder recorder(dims, 0, rep);
        std::uint64_t before = 0;
        const auto stats = agents::run_model(
            input, resolved.seed, rep, side_by_side ? 1 : o.threads,
            [&](const agents::MonthPanel& panel) {
                recorder.add(panel);
                progress.month_done(panel.events - before);
                before = panel.events;
            },
            &stop);
        if (stats.interrupted) {
            throw Interrupted();
        }
        const std::vector<output::MonthlyRow> rows = recorder.take_monthly();
        return analysis::RunTotals(rows, dims, analysis::aggregation_rules(dims.measures));
    };
    Totals totals(resolved.scenarios.size(), std::vector<analysis::RunTotals>(reps));
    auto sink = [&](std::size_t run, analysis::RunTotals t) {
        totals[needed[run % needed.size()]][run / needed.size()] = std::move(t);
        progress.run_done();
    };
    const std::size_t handed = run_in_order(runs, o.threads, one_run, sink, stop);
    progress.finish();
    if (handed < runs) {
        throw Interrupted();
    }
    return totals;
}

/// The window's first and last month codes in a run of `input`.
std::pair<std::size_t, std::size_t> window_months(const scenario::MonthWindow& w,
                                                  const agents::ModelInput& input) {
    const int first_run = input.start.year() * 12 + input.start.month() - 1;
    const int last_run = input.end.year() * 12 + input.end.month() - 1;
    if (w.last_month) {
        const auto last = static_cast<std::size_t>(last_run - first_run);
        return {last, last};
    }
    const auto code = [&](chr::year_month ym) {
        return static_cast<std::size_t>(static_cast<int>(ym.year()) * 12 +
                                        static_cast<int>(static_cast<unsigned>(ym.month())) - 1 -
                                        first_run);
    };
    return {code(w.from), code(w.to)};
}

Row evaluate(const EvidenceCheck& check, const EvidenceExpectation& e,
             const std::vector<analysis::RunTotals>& base,
             const std::vector<analysis::RunTotals>& variant, const agents::ModelInput& input,
             bool& passed) {
    const std::vector<std::size_t> codes = measure_codes(e.measures);
    const auto [first, last] = window_months(e.window, input);
    const bool stock = e.kind == scenario::MeasureKind::Stock;
    std::vector<double> xs;
    std::vector<double> refs;
    for (std::size_t r = 0; r < base.size(); ++r) {
        refs.push_back(analysis::window_sum(base[r], codes, first, last) / e.divide_by);
        xs.push_back(analysis::window_sum(variant[r], codes, first, last) / e.divide_by);
    }
    const bool rel = e.difference == scenario::Difference::Relative;
    const analysis::Estimate d =
        rel ? analysis::relative_difference(xs, refs) : analysis::paired(xs, refs).difference;
    passed = analysis::agrees(expected_of(e), d);
    const int decimals =
        decimals_for(std::max({std::fabs(d.mean), std::fabs(d.ci_low), std::fabs(d.ci_high)}));
    const std::string statistic = stock ? " (mean)" : " (sum)";
    return Row{check.name,
               e.label + statistic,
               e.window.to_string(),
               expected_text(e),
               fmt::format("{} [{}, {}]", number(d.mean, rel, decimals),
                           number(d.ci_low, rel, decimals), number(d.ci_high, rel, decimals)),
               passed ? "PASS" : "FAIL"};
}

void print_table(std::ostream& out, const std::vector<Row>& rows) {
    std::array<std::size_t, 5> width{5, 7, 6, 8, 26};
    for (const auto& r : rows) {
        width[0] = std::max(width[0], r.check.size());
        width[1] = std::max(width[1], r.measure.size());
        width[2] = std::max(width[2], r.window.size());
        width[3] = std::max(width[3], r.expected.size());
        width[4] = std::max(width[4], r.simulated.size());
    }
    const auto line = [&](const Row& r) {
        fmt::print(out, "{:<{}}  {:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", r.check, width[0],
                   r.measure, width[1], r.window, width[2], r.expected, width[3], r.simulated,
                   width[4], r.result);
    };
    line(Row{"check", "measure", "window", "expected", "simulated [95 % interval]", "result"});
    for (const auto& r : rows) {
        line(r);
    }
}

/// The checks to run: enabled and, with --only, named. Prints an unknown --only name.
std::optional<std::vector<std::size_t>> select(const scenario::EvidenceFile& file,
                                               const EvidenceOptions& o, std::ostream& err) {
    std::vector<std::string> names;
    for (const auto& c : file.checks) {
        names.push_back(c.name);
    }
    for (const auto& n : o.only) {
        if (std::find(names.begin(), names.end(), n) == names.end()) {
            const auto guess = scenario::did_you_mean(n, names);
            err << kCmd << ": error: --only " << n << ": no such check in " << file.display
                << (guess ? "; did you mean `" + *guess + "`?" : std::string()) << '\n';
            return std::nullopt;
        }
    }
    std::vector<std::size_t> chosen;
    for (std::size_t i = 0; i < file.checks.size(); ++i) {
        const auto& c = file.checks[i];
        if (c.enabled &&
            (o.only.empty() || std::find(o.only.begin(), o.only.end(), c.name) != o.only.end())) {
            chosen.push_back(i);
        }
    }
    return chosen;
}

} // namespace

int evidence_command(const EvidenceOptions& o, std::ostream& out, std::ostream& err,
                     const std::atomic<bool>& stop) {
    scenario::EvidenceFile file;
    scenario::ResolvedEvidence resolved;
    try {
        file = scenario::load_evidence(o.file);
        resolved = scenario::resolve_evidence(file, {o.sets, o.scale, o.replications, o.seed});
    } catch (const scenario::ConfigError& e) {
        print_diagnostics(e.diagnostics(), err);
        return kUsageError;
    }
    print_diagnostics(resolved.warnings, err);
    const auto chosen = select(file, o, err);
    if (!chosen) {
        return kUsageError;
    }
    std::set<std::size_t> needed_set;
    for (const std::size_t c : *chosen) {
        needed_set.insert(resolved.base[c]);
        needed_set.insert(resolved.variant[c]);
    }
    const std::vector<std::size_t> needed(needed_set.begin(), needed_set.end());
    const auto t0 = chr::steady_clock::now();
    if (!o.quiet) {
        fmt::print(err,
                   "{}: {} check(s), {} scenario(s) x {} replication(s) = {} run(s) on {} "
                   "thread(s)\n",
                   kCmd, chosen->size(), needed.size(), resolved.replications,
                   needed.size() * static_cast<std::size_t>(resolved.replications), o.threads);
    }
    const Totals totals = simulate(resolved, needed, o, err, stop);
    if (!o.quiet) {
        fmt::print(err, "{}: ran in {:.1f} s\n", kCmd,
                   chr::duration<double>(chr::steady_clock::now() - t0).count());
    }
    const double scale = resolved.scenarios.front().input.scale;
    fmt::print(out,
               "{}: {}, seed {}, {} replication(s), scale {}; paired differences (variant - "
               "base, common random numbers) with 95 % intervals\n\n",
               kCmd, file.display, resolved.seed, resolved.replications, scale);
    std::vector<Row> rows;
    std::vector<std::string> off;
    std::size_t failed = 0;
    std::size_t total = 0;
    for (std::size_t i = 0; i < file.checks.size(); ++i) {
        const EvidenceCheck& c = file.checks[i];
        const bool named =
            o.only.empty() || std::find(o.only.begin(), o.only.end(), c.name) != o.only.end();
        if (!c.enabled && named) {
            off.push_back(fmt::format("  {}: {}\n", c.name, c.reason));
        }
        if (std::find(chosen->begin(), chosen->end(), i) == chosen->end()) {
            continue;
        }
        for (const auto& e : c.expect) {
            bool passed = false;
            rows.push_back(evaluate(c, e, totals[resolved.base[i]], totals[resolved.variant[i]],
                                    resolved.scenarios[resolved.base[i]].input, passed));
            failed += passed ? 0 : 1;
            ++total;
        }
    }
    print_table(out, rows);
    fmt::print(out, "\n{} of {} expectation(s) pass{}.\n", total - failed, total,
               failed > 0 ? fmt::format("; {} FAIL", failed) : "");
    if (!off.empty()) {
        fmt::print(out, "\nNot run (enabled = false):\n");
        for (const auto& line : off) {
            out << line;
        }
    }
    fmt::print(out, "\nSources:\n");
    for (const std::size_t i : *chosen) {
        fmt::print(out, "  {}: {}\n", file.checks[i].name, file.checks[i].source);
    }
    return failed > 0 ? kCheckFailed : kOk;
}

} // namespace kokeilu::app
