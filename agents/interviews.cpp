// Interviews: the first contact after registration and the periodic interviews of the
// unemployed, queued at the provider's staff desk with their deadlines.
#include "agents/interviews.hpp"

#include "agents/labour_market.hpp"
#include "agents/services_rules.hpp"
#include "sim/calendar.hpp"

#include <algorithm>

namespace kokeilu::agents::region {

void start_unemployment(Store& s, sim::Context& ctx, std::uint32_t i, bool new_registration) {
    Agent& a = s.agent(i);
    ++a.spell;
    a.flags = static_cast<std::uint16_t>(a.flags & ~kTaskQueued); // its queued tasks are void
    if (new_registration) {
        const Date deadline_day =
            contact_deadline(s.date_now(), s.p().initial_interview_working_days);
        const std::int32_t deadline =
            static_cast<std::int32_t>((deadline_day - s.sh->origin + 1) * SimTime::kMinutesPerDay);
        s.desks[a.provider].tasks.push(Task{i, a.spell, deadline, true});
        a.flags |= kTaskQueued;
    } else {
        schedule_next_interview(s, ctx, i);
    }
    schedule_spell_end(s, ctx, i);
}

int current_interval(const Store& s, const Agent& a) {
    const bool intensive = s.p().intensive_interval_days > 0 &&
                           s.now < from_i32(a.spell_start) + sim::days(s.p().intensive_period_days);
    return intensive ? s.p().intensive_interval_days : s.p().interview_interval_days;
}

void schedule_next_interview(Store& s, sim::Context& ctx, std::uint32_t i) {
    const Agent& a = s.agent(i);
    const int interval = current_interval(s, a);
    SimTime due = from_i32(a.last_interview) + sim::days(interval);
    // Due at 07:00 on its day, before the day's staff work (08:00).
    due = sim::days(std::max(due, s.now).day_index()) + sim::hours(7);
    if (due < s.now) {
        due += sim::days(1);
    }
    if (due < s.sh->horizon) {
        s.timer(ctx, due, i, kInterviewDue);
    }
}

void interview_due(Store& s, std::uint32_t i) {
    Agent& a = s.agent(i);
    if (a.state != JobseekerState::Unemployed) {
        return;
    }
    const Date deadline_day =
        sim::FinnishCalendar::add_working_days(s.date_now(), kInterviewGraceWorkingDays);
    const std::int32_t deadline =
        static_cast<std::int32_t>((deadline_day - s.sh->origin + 1) * SimTime::kMinutesPerDay);
    s.desks[a.provider].tasks.push(Task{i, a.spell, deadline, false});
    a.flags |= kTaskQueued;
}

} // namespace kokeilu::agents::region
