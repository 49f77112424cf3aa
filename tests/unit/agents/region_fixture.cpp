#include "region_fixture.hpp"

#include "agents/params.hpp"
#include "agents/run_setup.hpp"
#include "sim/partition.hpp"

namespace kokeilu::agents::testing {

namespace {

constexpr std::uint16_t kProbe = 0xFFFE;

ServiceModel course_model() {
    ServiceModel m = default_service_model();
    m.name = "te_office";
    ServiceStage course = default_service_stage();
    course.stage.name = "course";
    course.stage.servers = 1; // one seat at scale 1
    course.stage.duration.kind = Duration::Kind::Fixed;
    course.stage.duration.mean_days = 30.0;
    course.stage.next = {1};
    course.stage.next_probability = {1.0};
    course.status = JobseekerState::InTraining;
    course.cost_per_day_eur = 50.0;
    course.kind = ServiceKind::LabourMarketTraining;
    ServiceStage done = default_service_stage();
    done.stage.name = "done";
    done.stage.exit = true;
    m.stages = {course, done};
    m.entry = 0;
    return m;
}

ModelInput one_region() {
    ModelInput in;
    in.name = "fixture";
    in.start = sim::Date(2021, 1, 1);
    in.end = sim::Date(2021, 12, 31);
    in.pilot_start = sim::Date(2021, 3, 1);
    in.pilot_end = sim::Date(2021, 12, 31);
    in.index_start = sim::Date(2021, 1, 1);
    in.warmup_months = 0;
    in.regions.push_back(RegionSpec{"region", 1.0, {}, 1.0});
    in.providers.push_back(ProviderSpec{"te", false, 0, 0.0});
    in.providers.push_back(ProviderSpec{"pilot", true, 0, 0.5});
    ModelParams q = default_model_params();
    q.counsellors = {10.0, 4.0};
    q.municipal_counsellors = {0.0, 2.0};
    q.service_model = {0, 0};
    q.models = {course_model()};
    in.periods.emplace_back(in.start, q);
    return in;
}

/// The engine's model: runs the probe, records everything else.
struct Probe {
    RegionFixture* fixture;
    const std::function<void(region::Store&, sim::Context&)>* f;
    std::vector<Scheduled>* out;

    void handle(sim::Context& ctx, const sim::Event& ev) {
        if (ev.kind == kProbe) {
            fixture->store().now = ctx.now();
            (*f)(fixture->store(), ctx);
            return;
        }
        out->push_back({ev.time, static_cast<std::uint16_t>(ev.kind & region::kKindMask), ev.data});
    }
};

} // namespace

RegionFixture::RegionFixture(std::uint32_t persons, const std::function<void(ModelInput&)>& edit)
        : input_(one_region()) {
    if (edit) {
        edit(input_);
    }
    shared_ = region::make_shared(input_, 1, 0);
    std::vector<std::uint32_t> counts(12, 0);
    counts[0] = persons;
    store_ = std::make_unique<region::Store>(&shared_, 0, 0, 1, std::move(counts), 0);
}

void RegionFixture::at(int day, const std::function<void(region::Store&, sim::Context&)>& f) {
    std::vector<Probe> models{Probe{this, &f, &scheduled_}};
    sim::Engine<Probe> engine(sim::Partition(std::vector<sim::LpId>{0}), sim::days(1),
                              std::move(models));
    engine.schedule_initial(0, 0, sim::days(day) + sim::hours(9), kProbe);
    engine.run_until(shared_.horizon + sim::days(1));
}

void RegionFixture::place(std::uint32_t i, sim::SimTime now) {
    region::Store& s = *store_;
    std::uint32_t slot = 0;
    if (s.free.empty()) {
        slot = static_cast<std::uint32_t>(s.slots.size());
        s.slots.emplace_back();
    } else {
        slot = s.free.back();
        s.free.pop_back();
        s.slots[slot] = region::Agent{};
    }
    s.slot_of[i] = slot;
    region::Agent& a = s.slots[slot];
    a.state = JobseekerState::Unemployed;
    a.provider = s.te;
    a.spell_start = region::to_i32(now);
    a.accrued_until = region::to_i32(now);
    a.birth_day = -40 * 365; // 40 years old at the origin
    s.live.push_back(i);
}

} // namespace kokeilu::agents::testing
