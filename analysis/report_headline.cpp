// The headline panel of the workshop report.
#include "analysis/report_headline.hpp"

#include "analysis/report.hpp"
#include "analysis/report_format.hpp"
#include "output/result_file.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace kokeilu::analysis {

namespace {

using report_detail::grouped;

/// How a headline outcome's difference reads: a decrease and an increase ("{}" is the
/// magnitude), the words for the two sides of an interval around zero, no difference, and
/// what the figure is over.
struct Words {
    std::string_view fewer;
    std::string_view more;
    std::string_view down;
    std::string_view up;
    std::string_view none;
    std::string_view over;
};

/// In the order of kHeadlineOutcomes.
constexpr std::array<Words, 8> kWords{{
    {"{} fewer unemployed", "{} more unemployed", "fewer", "more", "no difference in unemployed",
     "month-end stock, mean over the months"},
    {"{} fewer long-term unemployed", "{} more long-term unemployed", "fewer", "more",
     "no difference in long-term unemployed", "unemployed 12 months or more, mean over the months"},
    {"{} fewer exits to employment", "{} more exits to employment", "fewer", "more",
     "no difference in exits to employment", "total over the period"},
    {"first contact {} days sooner", "first contact {} days later", "sooner", "later",
     "no difference in days to first contact", "mean over the period's first contacts"},
    {"{} fewer interviews overdue", "{} more interviews overdue", "fewer", "more",
     "no difference in interviews overdue", "at month ends, mean over the months"},
    {"{} fewer jobseekers per counsellor", "{} more jobseekers per counsellor", "fewer", "more",
     "no difference in caseload per counsellor", "mean weighted by counsellors"},
    {"{} fewer service starts", "{} more service starts", "fewer", "more",
     "no difference in service starts", "total over the period"},
    {"{} M EUR less spending", "{} M EUR more spending", "less", "more",
     "no difference in spending", "benefits, services and staff, total over the period"},
}};
static_assert(kWords.size() == kHeadlineOutcomes.size());

std::string fill(std::string_view pattern, const std::string& value) {
    std::string s(pattern);
    const auto at = s.find("{}");
    return at == std::string::npos ? s : s.replace(at, 2, value);
}

int leading_exponent(double x) {
    return static_cast<int>(std::floor(std::log10(std::abs(x))));
}

/// The power of ten to round to: the interval's half-width's leading digit, but keeping two
/// significant digits of the mean and one of an interval end on its side of zero, and no finer
/// than `decimals` decimals.
int rounding_exponent(const Estimate& d, int decimals) {
    int e = -decimals;
    if (std::isfinite(d.half_width) && d.half_width > 0.0) {
        e = leading_exponent(d.half_width);
    } else if (d.mean != 0.0) {
        e = leading_exponent(d.mean) - 1;
    }
    if (d.mean != 0.0) {
        e = std::min(e, leading_exponent(d.mean) - 1);
    }
    if (d.ci_low > 0.0 || d.ci_high < 0.0) {
        e = std::min(e, leading_exponent(std::min(std::abs(d.ci_low), std::abs(d.ci_high))));
    }
    return std::max(e, -decimals);
}

/// |x| rounded to 10^e, with thousands separated.
std::string magnitude(double x, int e) {
    const double step = std::pow(10.0, e);
    return grouped(std::round(std::abs(x) / step) * step, std::max(0, -e));
}

} // namespace

std::string headline_sentence(std::size_t outcome, const Paired& difference) {
    const Words& w = kWords.at(outcome);
    const Estimate& d = difference.difference;
    if (!std::isfinite(d.mean)) {
        return "no figure";
    }
    const int e = rounding_exponent(d, kHeadlineOutcomes[outcome].decimals);
    const std::string mag = magnitude(d.mean, e);
    const bool zero = mag.find_first_not_of("0.,") == std::string::npos;
    const std::string main =
        zero ? std::string(w.none) : fill(d.mean < 0.0 ? w.fewer : w.more, mag);
    if (d.n < 2 || !std::isfinite(d.ci_low) || !std::isfinite(d.ci_high)) {
        return main + " (one replication: no interval)";
    }
    const std::string lo = magnitude(d.ci_low, e);
    const std::string hi = magnitude(d.ci_high, e);
    if (d.ci_low > 0.0 || d.ci_high < 0.0) {
        const bool down = d.ci_high < 0.0;
        return main + " (" + (down ? hi : lo) + " to " + (down ? lo : hi) + ")";
    }
    if (zero && d.ci_low == 0.0 && d.ci_high == 0.0) {
        return main + " (exactly, in every replication)";
    }
    return main + " (between " + lo + " " + std::string(w.down) + " and " + hi + " " +
           std::string(w.up) + ": no clear difference)";
}

namespace report_detail {

namespace {

void write_figures(std::ostream& out, const std::vector<std::string>& names,
                   const HeadlineTable& table, std::size_t s) {
    out << "<details class=\"figures\"><summary>The figures, as <code>kokeilu compare</code> "
           "prints them</summary>\n<table class=\"headline-figures\"><thead><tr><th>outcome</th>"
           "<th>"
        << escape_html(names.front()) << "</th><th>" << escape_html(names[s])
        << "</th><th>difference ± 95 % half-width</th><th>variance ratio</th></tr></thead>"
           "\n<tbody>\n";
    for (std::size_t o = 0; o < kHeadlineOutcomes.size(); ++o) {
        const int dec = kHeadlineOutcomes[o].decimals;
        const Paired& p = table.differences[s - 1][o];
        out << "<tr><td>" << escape_html(kHeadlineOutcomes[o].label) << "</td><td class=\"num\">"
            << as_printed(table.means[0][o], dec) << "</td><td class=\"num\">"
            << as_printed(table.means[s][o], dec) << "</td><td class=\"num\">"
            << as_printed(p.difference.mean, dec, true);
        if (table.replications >= 2) {
            out << " ± " << as_printed(p.difference.half_width, dec) << "</td><td class=\"num\">"
                << as_printed(p.variance_ratio, 3);
        } else {
            out << "</td><td class=\"num\">–";
        }
        out << "</td></tr>\n";
    }
    out << "</tbody></table></details>\n";
}

} // namespace

void write_headline_panel(std::ostream& out, const std::vector<std::string>& names,
                          const HeadlineTable& table, const HeadlinePeriod& period) {
    out << "<section class=\"headline\" id=\"headline\">\n<h2>Headline: each scenario against "
        << escape_html(names.front()) << "</h2>\n<p class=\"note\">"
        << output::format_month(period.from) << " to " << output::format_month(period.to)
        << ". Each scenario ran with the same people and the same luck as "
        << escape_html(names.front()) << " (common random numbers), so the differences are "
        << "paired by replication; in brackets the 95 % interval over " << table.replications
        << " replication(s). Stocks are means over the months, flows totals over them; days "
           "to first contact are weighted by first contacts, caseload by counsellors.</p>\n";
    for (std::size_t s = 1; s < names.size() && s <= table.differences.size(); ++s) {
        out << "<h3>" << escape_html(names[s]) << "</h3>\n<ul class=\"headline\">\n";
        for (std::size_t o = 0; o < kHeadlineOutcomes.size(); ++o) {
            out << "<li>" << escape_html(headline_sentence(o, table.differences[s - 1][o]))
                << " <span class=\"what\">" << escape_html(kWords[o].over) << "</span></li>\n";
        }
        out << "</ul>\n";
        write_figures(out, names, table, s);
    }
    out << "</section>\n";
}

} // namespace report_detail

} // namespace kokeilu::analysis
