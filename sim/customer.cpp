// Customers: arrivals, walking the journey graph, sentiment and the end of a journey.
#include "replication.hpp"

#include <journeysim/error.hpp>

#include <boost/random/exponential_distribution.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace journeysim::detail {

void Replication::schedule_arrival(std::uint32_t journey) {
    // Thinning of the bands' candidates: exact for the piecewise-constant rate, and a higher rate
    // in another scenario only adds customers (see ArrivalBand).
    const JourneyPlan& jp = plan_.journeys[journey];
    ArrivalState& s = arrivals_[journey];
    for (;;) {
        std::size_t b = 0;
        for (std::size_t k = 1; k < s.active; ++k) {
            if (s.next[k] < s.next[b]) b = k;
        }
        const double slot_end = static_cast<double>(s.slot + 1) * kSlotMinutes;
        if (!s.started || s.active == 0 || s.next[b] >= slot_end) {
            // Open the next quarter hour with arrivals: its blocks of the bands its rate reaches.
            std::uint64_t slot = s.started ? s.slot + 1 : 0;
            s.started = true;
            double rate = 0;
            while (static_cast<double>(slot) * kSlotMinutes <= plan_.horizon && jp.has_arrivals) {
                rate = jp.rate[slot % kWeekSlots];
                if (rate > 0) break;
                ++slot;
            }
            s.slot = slot;
            s.active = 0;
            if (!(rate > 0) || static_cast<double>(slot) * kSlotMinutes > plan_.horizon) {
                set_next_arrival(journey, kNever);
                return;
            }
            s.rate = rate;
            const double start = static_cast<double>(slot) * kSlotMinutes;
            while (s.active < jp.bands.size() && jp.bands[s.active].low < rate) {
                const ArrivalBand& band = jp.bands[s.active];
                Block& block = s.blocks[s.active];
                block.key = sub_seed(s.band_keys[s.active], slot);
                seed_engine(block.gaps, block.key);
                block.index = 0;
                s.next[s.active] = start + unit_exponential(block.gaps) * band.mean_gap;
                ++s.active;
            }
            continue;
        }
        Block& block = s.blocks[b];
        const ArrivalBand& band = jp.bands[b];
        const double t = s.next[b];
        const std::uint64_t index = block.index++;
        s.next[b] += unit_exponential(block.gaps) * band.mean_gap;
        if (t > plan_.horizon) {
            set_next_arrival(journey, kNever);
            return;
        }
        // The candidate's height and identity are functions of the candidate alone.
        const std::uint64_t candidate = splitmix64(block.key + index);
        if (s.rate < band.high &&
            band.low + unit_interval(candidate) * (band.high - band.low) >= s.rate) {
            continue;
        }
        s.number = candidate;
        set_next_arrival(journey, t);
        return;
    }
}

void Replication::set_next_arrival(std::uint32_t journey, double t) {
    next_arrival_[journey] = t;
    next_arrival_time_ = kNever;
    for (std::uint32_t j = 0; j < next_arrival_.size(); ++j) {
        if (next_arrival_[j] < next_arrival_time_) {
            next_arrival_time_ = next_arrival_[j];
            next_arrival_journey_ = j;
        }
    }
}

void Replication::on_arrival(std::uint32_t journey) {
    const JourneyPlan& jp = plan_.journeys[journey];
    const std::uint32_t id = customers_.acquire();
    Customer& c = customers_[id];
    c.journey = journey;
    c.number = arrivals_[journey].number;
    c.trace_id = ++trace_count_;
    c.arrival = now_;
    c.counted = measured();
    const std::uint64_t base = sub_seed(journey_seeds_[journey], c.number);
    c.streams.reset(base);
    if (jp.segment_cumulative.size() > 1) {
        Engine engine;
        seed_engine(engine, sub_seed(base, static_cast<std::uint64_t>(Purpose::Segment)));
        const double u = uniform01(engine);
        const auto it =
            std::upper_bound(jp.segment_cumulative.begin(), jp.segment_cumulative.end(), u);
        c.segment = static_cast<std::uint32_t>(std::min<std::ptrdiff_t>(
            it - jp.segment_cumulative.begin(),
            static_cast<std::ptrdiff_t>(jp.segment_cumulative.size()) - 1));
    }
    const Sampler& baseline = plan_.segments[c.segment].baseline_ltr;
    if (baseline.is_constant()) {
        c.baseline = baseline.mean();
    } else {
        Engine engine;
        seed_engine(engine, sub_seed(base, static_cast<std::uint64_t>(Purpose::Baseline)));
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
        SimulationFailure f;
        f.problem = "no rule of the branch matches and it has no \"otherwise\"";
        f.hint = "give the branch an \"otherwise\": where customers go when no rule matches";
        f.customer = c.trace_id;
        f.journey = plan_.journeys[c.journey].id;
        f.touchpoint = tp.id;
        throw SimulationError(std::move(f));
    }
    return next_of(tp.next, customers_[customer].streams(Purpose::Route));
}

void Replication::moved(const Customer& c, std::uint32_t from, std::uint32_t to) {
    if (!c.counted || to == kNoIndex) return;
    const std::size_t n = plan_.journeys[c.journey].touchpoints.size();
    stats_.moves[c.journey][from * n + to] += 1;
    TouchpointStats& ts = stats_.touchpoints[c.journey][from];
    ts.left += 1;
    ts.ltr_after += c.score();
}

void Replication::move(std::uint32_t customer, std::uint32_t tp, double delay, bool direct) {
    Customer& c = customers_[customer];
    moved(c, c.touchpoint, tp);
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
            SimulationFailure f;
            f.problem = fmt::format(
                "moved {} times without time passing, the last time to this touchpoint", kMaxMoves);
            f.hint =
                "a cycle of touchpoints needs a duration or a retry delay: give one touchpoint "
                "of the cycle a \"duration\"";
            f.customer = customers_[customer].trace_id;
            f.journey = jp.id;
            f.touchpoint = jp.touchpoints[tp].id;
            throw SimulationError(std::move(f));
        }
        const TouchpointPlan& t = jp.touchpoints[tp];
        const std::uint32_t from = tp;
        customers_[customer].touchpoint = tp;
        if (!revisit) {
            Customer& c = customers_[customer];
            const std::uint32_t n = ++customers_.visits(customer, tp);
            const std::uint64_t occasion = splitmix64(t.id_hash ^ n);
            c.streams.renew(Purpose::Route, occasion);
            c.streams.renew(Purpose::Duration, occasion);
            if (c.counted) stats_.touchpoints[c.journey][tp].visits += 1;
            if (t.experience != 0) feel(customer, kTouchpointExperience, t.experience);
        }
        revisit = false;
        switch (t.kind) {
            case TouchpointKind::Step: {
                const std::uint32_t next =
                    next_of(t.next, customers_[customer].streams(Purpose::Route));
                const double d = t.has_duration
                                     ? t.duration(customers_[customer].streams(Purpose::Duration))
                                     : 0;
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
                if (tp == kGiveUpEnd) {
                    finish(customer, Outcome::Unresolved);
                    return;
                }
                break;
            case TouchpointKind::End:
                finish(customer, t.outcome);
                return;
        }
        moved(customers_[customer], from, tp);  // an immediate move (no-op when waiting)
    }
}

double Replication::use_self_service(std::uint32_t customer, std::uint32_t channel, bool& success) {
    Customer& c = customers_[customer];
    const ChannelPlan& ch = plan_.channels[channel];
    const double chance =
        std::min(1.0, ch.success_rate * plan_.segments[c.segment].digital_affinity);
    success = uniform01(c.streams(Purpose::Outcome)) < chance;
    const double d = ch.duration(c.streams(Purpose::Duration));
    if (measured()) {
        ChannelStats& cs = stats_.channels[channel];
        cs.offered += 1;
        cs.answered += 1;
        cs.completed += 1;
        if (success) cs.fixed += 1;
        cs.cost += ch.cost_per_contact;
    }
    if (ch.experience != 0) feel(customer, kChannelExperience, ch.experience);
    if (!success) feel(customer, kSelfServiceFailed, plan_.sentiment.self_service_failed);
    trace(customer, channel, now_, now_, now_ + d, success ? "success" : "failed");
    return d;
}

std::uint32_t Replication::self_service(std::uint32_t customer, const TouchpointPlan& tp) {
    bool success = false;
    double d = use_self_service(customer, tp.channel, success);
    if (!success) d += tp.retry_self_service(customers_[customer].streams(Purpose::Duration));
    const std::uint32_t next = success ? tp.on_success : tp.on_fail;
    if (d > 0) {
        move(customer, next, d, false);
        return kNoIndex;
    }
    return next;
}

void Replication::feel(std::uint32_t customer, Driver driver, double points) {
    if (points == 0) return;
    Customer& c = customers_[customer];
    c.drivers[driver] += points;
    c.felt |= 1u << driver;
    if (c.counted) stats_.touchpoints[c.journey][c.touchpoint].ltr_change += points;
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

void add_customer(GroupStats& g, const Customer& c, Outcome outcome, double ltr, double score,
                  double resolution_time) {
    g.customers += 1;
    if (score >= 9) {
        g.promoters += 1;
    } else if (score >= 7) {
        g.passives += 1;
    } else {
        g.detractors += 1;
    }
    g.ltr_sum += score;
    g.scores[static_cast<std::size_t>(score)] += 1;
    if (c.contacts > 0) {
        g.with_contact += 1;
        if (c.first_fixed) g.first_fixed += 1;
    }
    if (c.first_contact != FirstContact::None) {
        g.sought_contact += 1;
        if (c.first_contact == FirstContact::Resolved) g.first_contact_resolved += 1;
    }
    g.contacts += c.contacts;
    g.switches += c.switches;
    g.outcomes[static_cast<std::size_t>(outcome)] += 1;
    if (outcome == Outcome::Resolved) g.resolution_time_sum += resolution_time;
    // How the score would change without each driver's contributions.
    const double promoter = score >= 9 ? 1 : 0;
    const double detractor = score < 7 ? 1 : 0;
    for (std::uint32_t felt = c.felt; felt != 0; felt &= felt - 1) {
        const auto d = static_cast<std::size_t>(__builtin_ctz(felt));
        const double without = final_score(ltr - c.drivers[d]);
        g.promoter_shift[d] += (without >= 9 ? 1 : 0) - promoter;
        g.detractor_shift[d] += (without < 7 ? 1 : 0) - detractor;
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
        const double ltr = c.score();
        TouchpointStats& ts = stats_.touchpoints[c.journey][c.touchpoint];
        ts.left += 1;
        ts.ltr_after += ltr;
        add_customer(stats_.cells[c.journey * plan_.segments.size() + c.segment], c, outcome, ltr,
                     final_score(ltr), now_ - c.arrival);
    }
    customers_.release(customer);
}

}  // namespace journeysim::detail
