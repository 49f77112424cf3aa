// Jackson's product-form solution of a pathway and the Erlang C formula.
#include "agents/pathway_theory.hpp"

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace kokeilu::agents {

namespace {

/// The total arrival rate of each stage: (I - P^T) lambda = gamma, solved by Gaussian
/// elimination with partial pivoting.
std::vector<double> traffic(const Pathway& p) {
    const std::size_t n = p.stages.size();
    std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
        a[i][i] += 1.0;
        a[i][n] = p.stages[i].arrivals_per_day;
        const Stage& from = p.stages[i];
        for (std::size_t k = 0; k < from.next.size(); ++k) {
            a[from.next[k]][i] -= from.next_probability[k];
        }
    }
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < n; ++r) {
            if (std::abs(a[r][c]) > std::abs(a[piv][c])) {
                piv = r;
            }
        }
        if (std::abs(a[piv][c]) < 1e-12) {
            throw std::invalid_argument("pathway `" + p.name + "`: clients never leave");
        }
        std::swap(a[c], a[piv]);
        for (std::size_t r = 0; r < n; ++r) {
            if (r != c) {
                const double f = a[r][c] / a[c][c];
                for (std::size_t k = c; k <= n; ++k) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
    }
    std::vector<double> lambda(n);
    for (std::size_t i = 0; i < n; ++i) {
        lambda[i] = a[i][n] / a[i][i];
    }
    return lambda;
}

/// True if the stage queues at all: a server limit and a duration.
bool queues(const Stage& s) {
    return !s.exit && s.servers > 0 && s.duration.kind != Duration::Kind::None;
}

} // namespace

double erlang_c(std::uint32_t servers, double offered_load) {
    if (servers < 1 || !(offered_load >= 0.0) || offered_load >= servers) {
        throw std::invalid_argument("erlang_c: need servers >= 1 and 0 <= load < servers");
    }
    double b = 1.0; // Erlang B by its stable recursion
    for (std::uint32_t k = 1; k <= servers; ++k) {
        b = offered_load * b / (static_cast<double>(k) + offered_load * b);
    }
    const double rho = offered_load / servers;
    return b / (1.0 - rho * (1.0 - b));
}

PathwayTheory pathway_theory(const Pathway& pathway) {
    PathwayTheory t;
    t.arrival_rate = traffic(pathway);
    for (std::size_t i = 0; i < pathway.stages.size(); ++i) {
        const Stage& s = pathway.stages[i];
        const double lambda = t.arrival_rate[i];
        double wait = 0.0;
        double rho = 0.0;
        if (queues(s)) {
            if (s.duration.kind != Duration::Kind::Exponential) {
                throw std::invalid_argument("pathway `" + pathway.name + "`: stage `" + s.name +
                                            "` has a server limit and a duration that is not "
                                            "exponential; Jackson's solution does not apply");
            }
            const double load = lambda * s.duration.mean_days;
            if (load >= s.servers) {
                throw std::invalid_argument("pathway `" + pathway.name + "`: stage `" + s.name +
                                            "` is unstable (utilisation >= 1)");
            }
            rho = load / s.servers;
            wait = erlang_c(s.servers, load) / (s.servers / s.duration.mean_days - lambda);
        }
        t.utilisation.push_back(rho);
        t.mean_wait_days.push_back(wait);
        t.mean_in_stage.push_back(s.exit ? 0.0 : lambda * (wait + s.duration.mean_days));
    }
    return t;
}

} // namespace kokeilu::agents
