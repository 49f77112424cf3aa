// Municipal co-financing of the labour-market subsidy.
#include "agents/benefits.hpp"

#include <stdexcept>
#include <string>

namespace kokeilu::agents {

double municipal_share_of_lms(int lms_days, sim::Date date) {
    if (lms_days < 0) {
        throw std::out_of_range("municipal_share_of_lms: negative day count " +
                                std::to_string(lms_days));
    }
    if (date >= sim::Date(2025, 1, 1)) {
        throw std::out_of_range("municipal_share_of_lms: " + date.to_string() +
                                " is under the TE24 financing model (from 2025-01-01), which "
                                "Kokeilu does not model yet");
    }
    if (date < sim::Date(2015, 1, 1)) {
        return lms_days < 500 ? 0.0 : 0.5; // the 2006 rule [S70]
    }
    if (lms_days < 300) {
        return 0.0;
    }
    return lms_days < 1000 ? 0.5 : 0.7;
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
