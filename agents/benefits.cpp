// Municipal co-financing of the labour-market subsidy.
#include "agents/benefits.hpp"

#include <stdexcept>
#include <string>

namespace kokeilu::agents {

double municipal_share_of_lms(int lms_days, sim::Date date,
                              const std::vector<LmsShareRule>& rules) {
    if (lms_days < 0) {
        throw std::out_of_range("municipal_share_of_lms: negative day count " +
                                std::to_string(lms_days));
    }
    const LmsShareRule* rule = nullptr;
    for (const LmsShareRule& r : rules) {
        if (r.from <= date && (rule == nullptr || r.from >= rule->from)) {
            rule = &r;
        }
    }
    if (rule == nullptr) {
        return 0.0;
    }
    return municipal_share_te24(static_cast<double>(lms_days), rule->from_days, rule->shares);
}

std::vector<LmsShareRule> default_lms_share_rules() {
    return {
        {sim::Date(2006, 1, 1), {500.0}, {0.5}},
        {sim::Date(2015, 1, 1), {300.0, 1000.0}, {0.5, 0.7}},
    };
}

double municipal_share_te24(double benefit_days, const std::vector<double>& from_days,
                            const std::vector<double>& shares) {
    double share = 0.0;
    for (std::size_t k = 0; k < from_days.size() && k < shares.size(); ++k) {
        if (benefit_days >= from_days[k]) {
            share = shares[k];
        }
    }
    return share;
}

} // namespace kokeilu::agents
