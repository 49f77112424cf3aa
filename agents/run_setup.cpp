// The run's calendar, as every region reads it.
#include "agents/run_setup.hpp"

#include <algorithm>

namespace kokeilu::agents::region {

Shared make_shared(const ModelInput& input, std::uint64_t seed, std::uint64_t replication) {
    Shared sh;
    sh.in = &input;
    sh.seed = seed;
    sh.replication = replication;
    const Date start_month(input.start.year(), input.start.month(), 1);
    int y = start_month.year();
    int mo = start_month.month() - input.warmup_months;
    while (mo < 1) {
        mo += 12;
        --y;
    }
    sh.origin = Date(y, mo, 1);
    for (Date d = sh.origin;;) {
        sh.month_starts.push_back(d);
        sh.list_index.push_back(month_offset(input.index_start, d));
        if (d > input.end) {
            break;
        }
        const int ny = d.month() == 12 ? d.year() + 1 : d.year();
        const int nm = d.month() == 12 ? 1 : d.month() + 1;
        d = Date(ny, nm, 1);
    }
    sh.first_written_month = input.warmup_months;
    sh.horizon = sim::days((input.end + 1) - sh.origin);
    sh.pilot_start = sim::days(std::max<std::int64_t>(input.pilot_start - sh.origin, 0));
    sh.pilot_end = sim::days(std::max<std::int64_t>((input.pilot_end + 1) - sh.origin, 0));
    for (const auto& [date, q] : input.periods) {
        sh.period_starts.push_back(sim::days(std::max<std::int64_t>(date - sh.origin, 0)));
    }
    return sh;
}

} // namespace kokeilu::agents::region
