// Customers: arrivals, walking the journey graph, sentiment and the end of a journey.
#include "replication.hpp"

#include <journeysim/error.hpp>

#include <boost/random/exponential_distribution.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace journeysim::detail {

void Replication::schedule_arrival(std::uint32_t journey) {
    const JourneyPlan& jp = plan_.journeys[journey];
    if (!jp.has_arrivals) return;
    // Inverts the integrated piecewise-constant rate: exact for a non-homogeneous Poisson process.
    double need = boost::random::exponential_distribution<double>(1.0)(arrival_streams_[journey]);
    double t = now_;
    auto slot = static_cast<std::uint64_t>(t / kSlotMinutes);
    for (;;) {
        const double rate = jp.rate[slot % kWeekSlots];
        const double slot_end = static_cast<double>(slot + 1) * kSlotMinutes;
        const double available = rate * (slot_end - t);
        if (available >= need && rate > 0) {
            t += need / rate;
            break;
        }
        need -= available;
        t = slot_end;
        ++slot;
        if (t > plan_.horizon) return;
    }
    if (t <= plan_.horizon) events_.push(t, EventKind::Arrival, journey);
}

void Replication::on_arrival(std::uint32_t journey) {
    const JourneyPlan& jp = plan_.journeys[journey];
    const std::uint32_t id = customers_.acquire();
    Customer& c = customers_[id];
    c.journey = journey;
    c.number = arrival_counts_[journey]++;
    c.trace_id = ++trace_count_;
    c.arrival = now_;
    c.counted = measured();
    const std::uint64_t base = derive_seed({setup_.seed, setup_.replication, journey, c.number});
    c.streams.reset(base);
    if (jp.segment_cumulative.size() > 1) {
        Engine engine;
        seed_engine(engine, derive_seed({base, static_cast<std::uint64_t>(Purpose::Segment)}));
        const double u = uniform01(engine);
        const auto it =
            std::upper_bound(jp.segment_cumulative.begin(), jp.segment_cumulative.end(), u);
        c.segment = static_cast<std::uint32_t>(
            std::min<std::ptrdiff_t>(it - jp.segment_cumulative.begin(),
                                     static_cast<std::ptrdiff_t>(jp.segment_cumulative.size()) - 1));
    }
    const Sampler& baseline = plan_.segments[c.segment].baseline_ltr;
    if (baseline.is_constant()) {
        c.baseline = baseline.mean();
    } else {
        Engine engine;
        seed_engine(engine, derive_seed({base, static_cast<std::uint64_t>(Purpose::Baseline)}));
        c.baseline = baseline(engine);
    }
    stats_.arrived += 1;
    stats_.customers += 1;
    if (c.counted) stats_.counted_arrivals += 1;
    schedule_arrival(journey);
    walk(id, jp.start);
}

std::uint32_t Replication::next_of(const std::vector<Move>& moves, Engine& engine) const {
    if (moves.size() == 1) return moves.front().to;
    const double u = uniform01(engine) * moves.back().cumulative;
    for (const Move& m : moves) {
        if (u < m.cumulative) return m.to;
    }
    return moves.back().to;
}

std::uint32_t Replication::branch(std::uint32_t customer, const TouchpointPlan& tp) {
    const Customer& c = customers_[customer];
    for (const BranchRule& rule : tp.rules) {
        const Condition& w = rule.when;
        if (w.contacts_at_least && static_cast<int>(c.contacts) < *w.contacts_at_least) continue;
        if (w.contacts_at_most && static_cast<int>(c.contacts) > *w.contacts_at_most) continue;
        if (w.fixed && c.fixed != *w.fixed) continue;
        if (w.last_channel && c.last_channel != *w.last_channel) continue;
        if (w.segment && c.segment != *w.segment) continue;
        return static_cast<std::uint32_t>(rule.to);
    }
    if (tp.next.empty()) {
        throw SimulationError(fmt::format("no rule of branch '{}' matches and it has no `otherwise`",
                                          tp.id));
    }
    return next_of(tp.next, customers_[customer].streams(Purpose::Route));
}

void Replication::move(std::uint32_t customer, std::uint32_t tp, double delay, bool direct) {
    Customer& c = customers_[customer];
    if (delay > 0 || !direct) {
        c.touchpoint = tp;
        events_.push(now_ + std::max(delay, 0.0), EventKind::Advance, customer, c.token);
    } else {
        walk(customer, tp);
    }
}

void Replication::walk(std::uint32_t customer, std::uint32_t tp, bool revisit) {
    const JourneyPlan& jp = plan_.journeys[customers_[customer].journey];
    constexpr int kMaxMoves = 100000;
    for (int moves = 0; tp != kNoIndex; ++moves) {
        if (moves == kMaxMoves) {
            throw SimulationError(fmt::format(
                "customer {} moved {} times without time passing (last at touchpoint '{}'); "
                "a cycle of touchpoints needs a duration or a retry delay",
                customers_[customer].trace_id, kMaxMoves, jp.touchpoints[tp].id));
        }
        const TouchpointPlan& t = jp.touchpoints[tp];
        customers_[customer].touchpoint = tp;
        if (!revisit) {
            if (customers_[customer].counted) stats_.visits[customers_[customer].journey][tp] += 1;
            if (t.experience != 0) feel(customer, kTouchpointExperience, t.experience);
        }
        revisit = false;
        switch (t.kind) {
            case TouchpointKind::Step: {
                const std::uint32_t next =
                    next_of(t.next, customers_[customer].streams(Purpose::Route));
                const double d =
                    t.has_duration ? t.duration(customers_[customer].streams(Purpose::Duration)) : 0;
                if (d > 0) {
                    move(customer, next, d, false);
                    return;
                }
                tp = next;
                break;
            }
            case TouchpointKind::Branch:
                tp = branch(customer, t);
                break;
            case TouchpointKind::SelfService:
                tp = self_service(customer, t);
                break;
            case TouchpointKind::Contact:
                tp = contact(customer, tp);
                break;
            case TouchpointKind::End:
                finish(customer, t.outcome);
                return;
        }
    }
}

std::uint32_t Replication::self_service(std::uint32_t customer, const TouchpointPlan& tp) {
    Customer& c = customers_[customer];
    const ChannelPlan& ch = plan_.channels[tp.channel];
    const double chance =
        std::min(1.0, ch.success_rate * plan_.segments[c.segment].digital_affinity);
    const bool success = uniform01(c.streams(Purpose::Outcome)) < chance;
    const double d = ch.duration(c.streams(Purpose::Duration));
    if (measured()) {
        ChannelStats& cs = stats_.channels[tp.channel];
        cs.offered += 1;
        cs.answered += 1;
        cs.completed += 1;
        if (success) cs.fixed += 1;
        cs.cost += ch.cost_per_contact;
    }
    if (ch.experience != 0) feel(customer, kChannelExperience, ch.experience);
    if (!success) feel(customer, kSelfServiceFailed, plan_.sentiment.self_service_failed);
    trace(customer, tp.channel, now_, now_, now_ + d, success ? "success" : "failed");
    const std::uint32_t next = success ? tp.on_success : tp.on_fail;
    if (d > 0) {
        move(customer, next, d, false);
        return kNoIndex;
    }
    return next;
}

void Replication::feel(std::uint32_t customer, Driver driver, double points) {
    customers_[customer].drivers[driver] += points;
}

void Replication::feel_wait(std::uint32_t customer, const ChannelPlan& channel, double wait,
                            bool answered) {
    const auto mode = static_cast<std::size_t>(channel.wait_mode);
    const double over = wait - plan_.sentiment.wait_tolerance_min[mode];
    if (over > 0 && plan_.sentiment.per_min_over_tolerance[mode] != 0) {
        feel(customer, kWaiting, over * plan_.sentiment.per_min_over_tolerance[mode]);
    }
    if (answered && wait > channel.target_min && plan_.sentiment.missed_response_target != 0) {
        feel(customer, kMissedTarget, plan_.sentiment.missed_response_target);
    }
}

namespace {

/// The final 0–10 score: clamped, then rounded half up.
double final_score(double ltr) {
    return std::floor(std::clamp(ltr, 0.0, 10.0) + 0.5);
}

void count_score(double score, double& promoters, double& passives, double& detractors) {
    if (score >= 9) {
        promoters += 1;
    } else if (score >= 7) {
        passives += 1;
    } else {
        detractors += 1;
    }
}

void add_customer(GroupStats& g, const Customer& c, Outcome outcome, double score,
                  const std::array<double, kDriverCount>& without, double resolution_time) {
    g.customers += 1;
    count_score(score, g.promoters, g.passives, g.detractors);
    g.ltr_sum += score;
    if (c.contacts > 0) {
        g.with_contact += 1;
        if (c.first_fixed) g.first_fixed += 1;
    }
    g.contacts += c.contacts;
    g.switches += c.switches;
    g.outcomes[static_cast<std::size_t>(outcome)] += 1;
    if (outcome == Outcome::Resolved) g.resolution_time_sum += resolution_time;
    for (std::size_t d = 0; d < kDriverCount; ++d) {
        if (without[d] >= 9) g.promoters_without[d] += 1;
        if (without[d] < 7) g.detractors_without[d] += 1;
    }
}

}  // namespace

void Replication::finish(std::uint32_t customer, Outcome outcome) {
    Customer& c = customers_[customer];
    if (outcome != Outcome::Resolved && plan_.sentiment.unresolved != 0) {
        feel(customer, kUnresolved, plan_.sentiment.unresolved);
    }
    stats_.ended += 1;
    if (c.counted) {
        double ltr = c.baseline;
        for (double d : c.drivers) ltr += d;
        const double score = final_score(ltr);
        std::array<double, kDriverCount> without{};
        for (std::size_t d = 0; d < kDriverCount; ++d) without[d] = final_score(ltr - c.drivers[d]);
        const double time = now_ - c.arrival;
        add_customer(stats_.overall, c, outcome, score, without, time);
        add_customer(stats_.journeys[c.journey], c, outcome, score, without, time);
        add_customer(stats_.segments[c.segment], c, outcome, score, without, time);
    }
    customers_.release(customer);
}

}  // namespace journeysim::detail
