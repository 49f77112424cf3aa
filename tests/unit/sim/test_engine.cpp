// Engine: event order, queue, partitions, lookahead rule, epochs and determinism (PHOLD).
#include "sim/engine.hpp"
#include "sim/event_queue.hpp"
#include "sim/examples/phold.hpp"
#include "sim/replications.hpp"

#include <catch2/catch.hpp>
#include <oneapi/tbb/global_control.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <numeric>
#include <random>
#include <set>
#include <vector>

using namespace kokeilu::sim;
using kokeilu::SimulationError;

namespace {

Event make_event(SimTime::rep t, std::uint8_t prio, EntityId source, std::uint32_t seq) {
    return Event{SimTime{t}, seq, source, 0, kAnyEpoch, 0, prio, 0, 0};
}

/// Runs `fn` with exactly `threads` threads allowed, even above the core count.
template <class Fn>
auto on_threads(int threads, Fn&& fn) {
    tbb::global_control gc(tbb::global_control::max_allowed_parallelism,
                           static_cast<std::size_t>(threads));
    return with_threads(threads, std::forward<Fn>(fn));
}

/// A model that records, per LP, the order in which it handled events.
struct Recorder {
    std::vector<Event> seen;
    void handle(Context&, const Event& ev) { seen.push_back(ev); }
};

/// Sends every event on to a fixed target after a fixed delay, up to a count.
struct Relay {
    EntityId next = 0;
    SimTime delay{};
    int remaining = 0;
    void handle(Context& ctx, const Event&) {
        if (remaining-- > 0) {
            ctx.schedule(ctx.now() + delay, next, 0);
        }
    }
};

} // namespace

TEST_CASE("equal-time events pop in priority, then source, then sequence order",
          "[unit][sim][engine]") {
    EventQueue q;
    std::vector<Event> evs{make_event(5, 1, 0, 0), make_event(5, 0, 9, 3), make_event(5, 0, 2, 7),
                           make_event(5, 0, 2, 1), make_event(4, 9, 9, 9), make_event(6, 0, 0, 0)};
    std::mt19937 shuffle_rng(42); // only shuffles insertion order; the pop order must not care
    for (int round = 0; round < 20; ++round) {
        std::shuffle(evs.begin(), evs.end(), shuffle_rng);
        for (const auto& e : evs) {
            q.push(e);
        }
        std::vector<Event> out;
        while (!q.empty()) {
            out.push_back(q.pop());
        }
        REQUIRE(out.size() == 6);
        CHECK(out[0].time == SimTime{4});
        CHECK((out[1].source == 2 && out[1].seq == 1));
        CHECK((out[2].source == 2 && out[2].seq == 7));
        CHECK(out[3].source == 9);
        CHECK(out[4].priority == 1);
        CHECK(out[5].time == SimTime{6});
    }
}

TEST_CASE("the event queue keeps its order across the far-future buckets and the overflow",
          "[unit][sim][engine]") {
    // Times from minutes to decades ahead: the heap (first 17 hours), the ring of buckets (about
    // 8 years) and the overflow beyond it, pushed while the clock advances, as a model does.
    std::mt19937_64 gen(11);
    EventQueue q;
    std::vector<Event> pending;
    SimTime::rep now = 0;
    std::uint32_t seq = 0;
    const std::array<std::uint64_t, 5> spans{300, 5000, 2'000'000, 6'000'000, 40'000'000};
    for (int step = 0; step < 20000; ++step) {
        if (gen() % 2 == 0 || q.empty()) {
            const SimTime::rep ahead =
                static_cast<SimTime::rep>(gen() % spans[gen() % spans.size()]);
            const Event e = make_event(now + ahead, static_cast<std::uint8_t>(gen() % 2),
                                       static_cast<EntityId>(gen() % 20), seq++);
            pending.push_back(e);
            q.push(e);
        } else {
            const auto best = std::min_element(pending.begin(), pending.end(), fires_before);
            const Event got = q.pop();
            REQUIRE(got.source == best->source);
            REQUIRE(got.seq == best->seq);
            REQUIRE(got.time.minutes() >= now);
            now = got.time.minutes();
            pending.erase(best);
        }
        REQUIRE(q.size() == pending.size());
    }
    while (!q.empty()) {
        const auto best = std::min_element(pending.begin(), pending.end(), fires_before);
        const Event got = q.pop();
        REQUIRE(got.seq == best->seq);
        pending.erase(best);
    }
    CHECK(pending.empty());
}

TEST_CASE("the event queue pops any multiset of events in sorted order", "[unit][sim][engine]") {
    std::mt19937_64 gen(7);
    EventQueue q;
    std::vector<Event> all;
    for (std::uint32_t i = 0; i < 5000; ++i) {
        const Event e =
            make_event(static_cast<SimTime::rep>(gen() % 300), static_cast<std::uint8_t>(gen() % 3),
                       static_cast<EntityId>(gen() % 50), i);
        all.push_back(e);
        q.push(e);
        if (gen() % 3 == 0) { // interleave pops with pushes
            const Event top = q.pop();
            all.erase(std::find_if(all.begin(), all.end(), [&](const Event& x) {
                return x.source == top.source && x.seq == top.seq;
            }));
            for (const Event& x : all) {
                REQUIRE_FALSE(fires_before(x, top));
            }
        }
    }
    std::sort(all.begin(), all.end(), fires_before);
    for (const Event& e : all) {
        const Event got = q.pop();
        REQUIRE((got.source == e.source && got.seq == e.seq));
    }
    CHECK(q.empty());
}

TEST_CASE("partitions map entities to LPs and back", "[unit][sim][engine]") {
    const auto b = Partition::blocks(10, 3);
    CHECK(b.lp_count() == 3);
    CHECK(b.members(0).size() + b.members(1).size() + b.members(2).size() == 10);
    for (EntityId e = 0; e < 10; ++e) {
        CHECK(b.members(b.lp_of(e))[b.local_index(e)] == e);
    }
    const auto r = Partition::round_robin(10, 4);
    CHECK(r.lp_of(5) == 1);
    CHECK(r.local_index(5) == 1);
    CHECK_THROWS_AS(Partition(std::vector<LpId>{0, 2}), std::invalid_argument);
    CHECK_THROWS_AS(Partition::blocks(3, 4), std::invalid_argument);
}

TEST_CASE("a cross-LP message inside the lookahead is an error, not a reorder",
          "[unit][sim][engine]") {
    const auto part = Partition::round_robin(2, 2);
    std::vector<Relay> models(2);
    models[0] = Relay{1, minutes(59), 1}; // entity 0 -> entity 1 (other LP), too soon
    models[1] = Relay{0, minutes(60), 1};
    Engine<Relay> engine(part, minutes(60), std::move(models));
    engine.schedule_initial(0, 0, SimTime{10}, 0);
    REQUIRE_THROWS_AS(engine.run_until(days(1)), SimulationError);
}

TEST_CASE("a message exactly one lookahead ahead crosses LPs", "[unit][sim][engine]") {
    const auto part = Partition::round_robin(2, 2);
    std::vector<Relay> models(2);
    models[0] = Relay{1, minutes(60), 100};
    models[1] = Relay{0, minutes(60), 100};
    Engine<Relay> engine(part, minutes(60), std::move(models));
    engine.schedule_initial(0, 0, SimTime{0}, 0);
    const auto stats = engine.run_until(days(30));
    CHECK(stats.events == 201);
    CHECK(stats.remote_messages == 200);
    CHECK(engine.pending() == 0);
}

TEST_CASE("scheduling into the past is an error", "[unit][sim][engine]") {
    struct Backwards {
        void handle(Context& ctx, const Event&) { ctx.schedule(ctx.now() - minutes(1), 0, 0); }
    };
    Engine<Backwards> engine(Partition::blocks(1, 1), minutes(1), std::vector<Backwards>(1));
    engine.schedule_initial(0, 0, SimTime{5}, 0);
    CHECK_THROWS_AS(engine.run_until(SimTime{100}), SimulationError);
}

TEST_CASE("invalidated entities drop their pending guarded events", "[unit][sim][engine]") {
    // Entity 0 sets three guarded timers, then at minute 15 invalidates itself and sets one more;
    // only the timer before the invalidation and the one after it fire.
    struct Timers {
        std::vector<std::pair<SimTime::rep, std::uint16_t>> fired;
        void handle(Context& ctx, const Event& ev) {
            fired.emplace_back(ctx.now().minutes(), ev.kind);
            if (ev.kind == 0) {
                ctx.schedule_guarded(ctx.now() + SimTime{10}, 0, 1);
                ctx.schedule_guarded(ctx.now() + SimTime{20}, 0, 1);
                ctx.schedule_guarded(ctx.now() + SimTime{30}, 0, 1);
                ctx.schedule(ctx.now() + SimTime{15}, 0, 2);
            } else if (ev.kind == 2) {
                ctx.invalidate(0);
                ctx.schedule_guarded(ctx.now() + SimTime{1}, 0, 3);
            }
        }
    };
    Engine<Timers> engine(Partition::blocks(1, 1), minutes(1), std::vector<Timers>(1));
    engine.schedule_initial(0, 0, SimTime{0}, 0);
    const auto stats = engine.run_until(SimTime{1000});
    const auto& fired = engine.model(0).fired;
    REQUIRE(fired.size() == 4);
    CHECK(fired[1] == std::make_pair(SimTime::rep{10}, std::uint16_t{1}));
    CHECK(fired[2] == std::make_pair(SimTime::rep{15}, std::uint16_t{2}));
    CHECK(fired[3] == std::make_pair(SimTime::rep{16}, std::uint16_t{3}));
    CHECK(stats.stale_dropped == 2);
}

TEST_CASE("run_until handles events strictly before the end and resumes later",
          "[unit][sim][engine]") {
    Engine<Recorder> engine(Partition::blocks(3, 3), minutes(5), std::vector<Recorder>(3));
    for (EntityId e = 0; e < 3; ++e) {
        engine.schedule_initial(e, e, SimTime{10 * (e + 1)}, 0);
    }
    CHECK(engine.run_until(SimTime{20}).events == 1);
    CHECK(engine.now() == SimTime{20});
    CHECK(engine.run_until(SimTime{31}).events == 2);
    CHECK_THROWS_AS(engine.schedule_initial(0, 0, SimTime{5}, 0), SimulationError);
}

TEST_CASE("PHOLD on the engine gives the sequential priority-queue loop's digest",
          "[unit][sim][engine][determinism]") {
    examples::PholdParams p;
    p.objects = 64;
    p.events_per_object = 8;
    p.end_days = 30;
    const auto baseline = examples::run_phold_baseline(p);
    const auto engine =
        on_threads(2, [&] { return examples::run_phold(p, Partition::blocks(64, 64)); });
    REQUIRE(baseline.events > 10000);
    CHECK(engine.events == baseline.events);
    CHECK(engine.digest == baseline.digest);
}

TEST_CASE("PHOLD digests are bit-identical for 1, 2, 4 and 8 threads and two partitions",
          "[unit][sim][engine][determinism]") {
    examples::PholdParams p;
    p.objects = 96;
    p.events_per_object = 6;
    p.remote = 0.5;
    p.end_days = 40;
    const auto reference =
        on_threads(1, [&] { return examples::run_phold(p, Partition::blocks(96, 96)); });
    REQUIRE(reference.events > 10000);
    const Partition partitions[] = {Partition::blocks(96, 12), Partition::round_robin(96, 7)};
    for (int threads : {1, 2, 4, 8}) {
        for (const auto& part : partitions) {
            CAPTURE(threads, part.lp_count());
            const auto r = on_threads(threads, [&] { return examples::run_phold(p, part); });
            CHECK(r.events == reference.events);
            CHECK(r.digest == reference.digest);
        }
    }
    SECTION("and a different seed gives a different history") {
        p.seed = 2;
        const auto other = on_threads(2, [&] { return examples::run_phold(p, partitions[0]); });
        CHECK(other.digest != reference.digest);
    }
}

TEST_CASE("replications return results in replication order whatever the threads",
          "[unit][sim][engine][determinism]") {
    examples::PholdParams p;
    p.objects = 32;
    p.events_per_object = 4;
    p.end_days = 20;
    const auto part = Partition::blocks(32, 8);
    auto run = [&](int threads) {
        tbb::global_control gc(tbb::global_control::max_allowed_parallelism,
                               static_cast<std::size_t>(threads));
        return run_replications(6, threads, [&](std::size_t rep) {
            auto q = p;
            q.replication = rep;
            return examples::run_phold(q, part).digest;
        });
    };
    const auto one = run(1);
    CHECK(run(2) == one);
    CHECK(run(4) == one);
    CHECK(std::set<std::uint64_t>(one.begin(), one.end()).size() == 6);
}

TEST_CASE("replications handed over in order: the sink sees replication order for any thread "
          "count, holds at most `threads` results at once, and a stop ends the stream",
          "[unit][sim][engine][determinism]") {
    examples::PholdParams p;
    p.objects = 32;
    p.events_per_object = 4;
    p.end_days = 20;
    const auto part = Partition::blocks(32, 8);
    auto run = [&](int threads) {
        std::vector<std::size_t> order;
        std::vector<std::uint64_t> digests;
        std::atomic<int> alive{0};
        int most_alive = 0;
        struct Result {
            std::uint64_t digest;
            std::shared_ptr<int> token; // counts the results that exist
        };
        const std::size_t handed = run_replications_in_order(
            9, threads,
            [&](std::size_t rep) {
                auto q = p;
                q.replication = rep;
                ++alive;
                return Result{examples::run_phold(q, part).digest,
                              std::shared_ptr<int>(new int(0), [&](int* x) {
                                  --alive;
                                  delete x;
                              })};
            },
            [&](std::size_t rep, Result r) {
                most_alive = std::max(most_alive, alive.load());
                order.push_back(rep);
                digests.push_back(r.digest);
            });
        CHECK(handed == 9);
        CHECK(most_alive <= std::max(threads, 1));
        std::vector<std::size_t> expected(9);
        std::iota(expected.begin(), expected.end(), std::size_t{0});
        CHECK(order == expected);
        return digests;
    };
    const auto one = run(1);
    CHECK(run(2) == one);
    CHECK(run(4) == one);
    std::atomic<bool> stop{false};
    std::size_t seen = 0;
    const std::size_t handed = run_replications_in_order(
        50, 2, [&](std::size_t rep) { return rep; },
        [&](std::size_t, std::size_t) {
            if (++seen == 3) {
                stop = true;
            }
        },
        &stop);
    CHECK(handed >= 3);
    CHECK(handed < 50);
}

TEST_CASE("a stop request ends the run at a window boundary and the run can resume",
          "[unit][sim][engine]") {
    examples::PholdParams p;
    p.objects = 16;
    p.events_per_object = 4;
    const auto part = Partition::blocks(16, 4);
    std::vector<examples::PholdLp> models;
    for (LpId lp = 0; lp < 4; ++lp) {
        models.emplace_back(p, part, lp);
    }
    Engine<examples::PholdLp> engine(part, from_days(p.lookahead_days), std::move(models));
    for (EntityId e = 0; e < 16; ++e) {
        engine.schedule_initial(e, e, from_days(1.0 + 0.01 * e), 0);
    }
    std::atomic<bool> stop{true};
    const auto first = engine.run_until(days(10), &stop);
    CHECK(first.interrupted);
    CHECK(first.events == 0);
    CHECK(engine.now() == from_days(1.0)); // the earliest pending event: nothing before it
    stop = false;
    const auto second = engine.run_until(days(10), &stop);
    CHECK_FALSE(second.interrupted);
    CHECK(second.events > 0);
    CHECK(engine.now() == days(10));
}
