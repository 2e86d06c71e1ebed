#include "stats.hpp"

#include <journeysim/result.hpp>

#include <algorithm>
#include <limits>

namespace journeysim::detail {

void ReplicationStats::init(const Plan& plan, bool with_intervals) {
    cells.assign(plan.journeys.size() * plan.segments.size(), GroupStats{});
    touchpoints.clear();
    moves.clear();
    for (const auto& j : plan.journeys) {
        touchpoints.emplace_back(j.touchpoints.size());
        for (std::size_t t = 0; t < j.touchpoints.size(); ++t) {
            if (j.touchpoints[t].kind == TouchpointKind::Contact)
                touchpoints.back()[t].chosen.assign(j.touchpoints[t].channels.size(), 0.0);
        }
        moves.emplace_back(j.touchpoints.size() * j.touchpoints.size(), 0.0);
    }
    channels.assign(plan.channels.size(), ChannelStats{});
    work.assign(plan.queues.size(), WorkStats{});
    teams.assign(plan.teams.size(), TeamStats{});
    employee_journeys.clear();
    for (const auto& e : plan.employee_journeys) {
        employee_journeys.emplace_back().steps.resize(e.steps.size());
    }
    if (with_intervals) intervals.assign(plan.intervals * plan.channels.size(), IntervalCell{});
}

double backlog_check_days(double measured_days) {
    return 7 * std::floor(measured_days / 14);
}

std::size_t max_steps(const Plan& plan) {
    std::size_t most = 0;
    for (const auto& e : plan.employee_journeys)
        most = std::max(most, e.steps.size());
    return most;
}

GroupStats& GroupStats::operator+=(const GroupStats& o) {
    customers += o.customers;
    promoters += o.promoters;
    passives += o.passives;
    detractors += o.detractors;
    ltr_sum += o.ltr_sum;
    with_contact += o.with_contact;
    first_fixed += o.first_fixed;
    sought_contact += o.sought_contact;
    first_contact_resolved += o.first_contact_resolved;
    contacts += o.contacts;
    switches += o.switches;
    for (std::size_t i = 0; i < outcomes.size(); ++i)
        outcomes[i] += o.outcomes[i];
    resolution_time_sum += o.resolution_time_sum;
    for (std::size_t i = 0; i < scores.size(); ++i)
        scores[i] += o.scores[i];
    for (std::size_t d = 0; d < kDriverCount; ++d) {
        promoter_shift[d] += o.promoter_shift[d];
        detractor_shift[d] += o.detractor_shift[d];
    }
    return *this;
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : kNaN;
}

/// Writes one replication's values into the result, metric by metric in the result's order.
/// The first replication adds the metrics (their paths are built once); later ones only fill
/// in their values.
class Emitter {
  public:
    Emitter(Result& result, std::size_t replication, std::size_t replications)
        : result_(result), replication_(replication), replications_(replications) {}

    void operator()(const MetricKind& kind, std::initializer_list<std::string_view> ids,
                    double value) {
        if (replication_ == 0) result_.add(kind, ids, std::vector<double>(replications_));
        result_.values(next_++)[replication_] = value;
    }
    void operator()(const MetricKind& kind, double value) { (*this)(kind, {}, value); }

  private:
    Result& result_;
    std::size_t replication_;
    std::size_t replications_;
    std::size_t next_ = 0;
};

double nps(const GroupStats& g) {
    return ratio(100.0 * (g.promoters - g.detractors), g.customers);
}

/// The outcome shares of all customers (no journey) or of one journey.
void emit_outcomes(Emitter& emit, const std::string* journey, const GroupStats& g) {
    for (std::size_t o = 0; o < 3; ++o) {
        const std::string_view outcome = to_string(static_cast<Outcome>(o));
        const double share = ratio(g.outcomes[o], g.customers);
        if (journey == nullptr) {
            emit(metric::outcome_share, {outcome}, share);
        } else {
            emit(metric::journey_outcome_share, {*journey, outcome}, share);
        }
    }
}

/// The figures a journey and a segment both report of their customers, and how they are named.
struct GroupKinds {
    const MetricKind* customers;
    const MetricKind* nps;
    const MetricKind* ftf;
    const MetricKind* fcr;
};
constexpr GroupKinds kJourneyKinds{&metric::journey_customers, &metric::journey_nps,
                                   &metric::journey_ftf, &metric::journey_fcr};
constexpr GroupKinds kSegmentKinds{&metric::segment_customers, &metric::segment_nps,
                                   &metric::segment_ftf, &metric::segment_fcr};

void emit_group(Emitter& emit, const GroupKinds& kinds, const std::string& id,
                const GroupStats& g) {
    emit(*kinds.customers, {id}, g.customers);
    emit(*kinds.nps, {id}, nps(g));
    emit(*kinds.ftf, {id}, ratio(g.first_fixed, g.with_contact));
    emit(*kinds.fcr, {id}, ratio(g.first_contact_resolved, g.sought_contact));
}

}  // namespace

void write_metrics(const Plan& plan, const ReplicationStats& s, std::size_t replication,
                   Result& result) {
    Emitter emit(result, replication, static_cast<std::size_t>(result.replications));
    const double hours = s.measured_minutes / 60.0;

    // Costs first: they enter the KPIs.
    double cost_total = 0;
    for (const auto& ch : s.channels)
        cost_total += ch.cost;
    std::vector<double> team_cost(plan.teams.size(), 0.0);
    for (std::size_t t = 0; t < plan.teams.size(); ++t) {
        team_cost[t] = s.teams[t].on_duty.area() / 60.0 * plan.teams[t].cost_per_hour;
        cost_total += team_cost[t];
    }

    const std::size_t segments = plan.segments.size();
    GroupStats all;
    std::vector<GroupStats> by_journey(plan.journeys.size());
    std::vector<GroupStats> by_segment(segments);
    for (std::size_t j = 0; j < plan.journeys.size(); ++j) {
        for (std::size_t k = 0; k < segments; ++k) {
            const GroupStats& cell = s.cells[j * segments + k];
            all += cell;
            by_journey[j] += cell;
            by_segment[k] += cell;
        }
    }
    const double resolved = all.outcomes[static_cast<std::size_t>(Outcome::Resolved)];
    emit(metric::nps, nps(all));
    emit(metric::promoters, ratio(all.promoters, all.customers));
    emit(metric::passives, ratio(all.passives, all.customers));
    emit(metric::detractors, ratio(all.detractors, all.customers));
    emit(metric::ltr_mean, ratio(all.ltr_sum, all.customers));
    emit(metric::ftf, ratio(all.first_fixed, all.with_contact));
    emit(metric::fcr, ratio(all.first_contact_resolved, all.sought_contact));
    emit(metric::contacts_per_customer, ratio(all.contacts, all.customers));
    emit(metric::resolution_rate, ratio(resolved, all.customers));
    emit(metric::time_to_resolution_h, ratio(all.resolution_time_sum / 60.0, resolved));
    emit(metric::cost_total, cost_total);
    emit(metric::cost_per_resolved, ratio(cost_total, resolved));
    emit(metric::customers, all.customers);
    emit(metric::channel_switches_per_customer, ratio(all.switches, all.customers));
    for (std::size_t k = 0; k < all.scores.size(); ++k) {
        emit(metric::ltr_share, {std::to_string(k)}, ratio(all.scores[k], all.customers));
    }

    for (std::size_t d = 0; d < kDriverCount; ++d) {
        // NPS(actual) - NPS(without the driver) = 100 (ΔD - ΔP) / N.
        emit(*kDriverMetrics[d],
             ratio(100.0 * (all.detractor_shift[d] - all.promoter_shift[d]), all.customers));
    }

    emit_outcomes(emit, nullptr, all);

    for (std::size_t j = 0; j < plan.journeys.size(); ++j) {
        const GroupStats& g = by_journey[j];
        const std::string& jid = plan.journeys[j].id;
        const double res = g.outcomes[static_cast<std::size_t>(Outcome::Resolved)];
        emit_group(emit, kJourneyKinds, jid, g);
        emit_outcomes(emit, &jid, g);
        emit(metric::journey_promoters, {jid}, ratio(g.promoters, g.customers));
        emit(metric::journey_passives, {jid}, ratio(g.passives, g.customers));
        emit(metric::journey_detractors, {jid}, ratio(g.detractors, g.customers));
        emit(metric::journey_ltr_mean, {jid}, ratio(g.ltr_sum, g.customers));
        emit(metric::journey_contacts_per_customer, {jid}, ratio(g.contacts, g.customers));
        emit(metric::journey_resolution_rate, {jid}, ratio(res, g.customers));
        emit(metric::journey_time_to_resolution_h, {jid}, ratio(g.resolution_time_sum / 60.0, res));
        emit(metric::journey_channel_switches_per_customer, {jid}, ratio(g.switches, g.customers));
        const auto& tps = plan.journeys[j].touchpoints;
        for (std::size_t t = 0; t < tps.size(); ++t) {
            const TouchpointStats& ts = s.touchpoints[j][t];
            const std::string& tid = tps[t].id;
            emit(metric::touchpoint_visits, {jid, tid}, ts.visits);
            emit(metric::touchpoint_ltr_change, {jid, tid}, ratio(ts.ltr_change, ts.visits));
            emit(metric::touchpoint_ltr_after, {jid, tid}, ratio(ts.ltr_after, ts.left));
            if (tps[t].kind == TouchpointKind::Contact) {
                emit(metric::touchpoint_fix_rate, {jid, tid}, ratio(ts.fixed, ts.completed));
                for (std::size_t k = 0; k < ts.chosen.size(); ++k)
                    emit(metric::touchpoint_channel_chosen,
                         {jid, tid, plan.channels[tps[t].channels[k]].id}, ts.chosen[k]);
            }
            for (std::uint32_t to : tps[t].targets) {
                emit(metric::move_count, {jid, tid, tps[to].id}, s.moves[j][t * tps.size() + to]);
            }
        }
    }

    for (std::size_t k = 0; k < plan.segments.size(); ++k) {
        const GroupStats& g = by_segment[k];
        const std::string& sid = plan.segments[k].id;
        emit_group(emit, kSegmentKinds, sid, g);
        emit(metric::segment_ltr_mean, {sid}, ratio(g.ltr_sum, g.customers));
        emit(metric::segment_contacts_per_customer, {sid}, ratio(g.contacts, g.customers));
    }

    for (std::size_t c = 0; c < plan.channels.size(); ++c) {
        const ChannelStats& ch = s.channels[c];
        const ChannelPlan& cp = plan.channels[c];
        const std::string& cid = cp.id;
        const bool assisted = cp.mode != ChannelMode::SelfService;
        const double ended_waits = ch.answered + ch.abandoned;
        const double on_duty = assisted ? s.teams[cp.team].on_duty.area() : 0.0;
        emit(metric::channel_offered, {cid}, ch.offered);
        emit(metric::channel_handled, {cid}, ch.answered);
        emit(metric::channel_abandoned, {cid}, ch.abandoned);
        emit(metric::channel_abandon_rate, {cid},
             assisted ? ratio(ch.abandoned, ended_waits) : kNaN);
        emit(metric::channel_p_wait, {cid}, assisted ? ratio(ch.waited, ended_waits) : kNaN);
        emit(metric::channel_asa_s, {cid},
             assisted ? ratio(60.0 * ch.wait_answered, ch.answered) : kNaN);
        double service_level = kNaN;
        if (assisted && cp.target_min < kNever) {
            service_level = cp.mode == ChannelMode::Async ? ratio(ch.within_target, ch.completed)
                                                          : ratio(ch.within_target, ended_waits);
        }
        emit(metric::channel_service_level, {cid}, service_level);
        emit(metric::channel_fix_rate, {cid}, ratio(ch.fixed, ch.completed));
        emit(metric::channel_occupancy, {cid}, assisted ? ratio(ch.busy.area(), on_duty) : kNaN);
        emit(metric::channel_backlog_max, {cid}, ch.max_queue);
        emit(metric::channel_backlog_end, {cid}, ch.backlog_end);
        emit(metric::channel_backlog_growth_per_day, {cid},
             ratio(ch.backlog_end - ch.backlog_check, s.backlog_check_days));
        emit(metric::channel_cost, {cid}, ch.cost);
        emit(metric::channel_aht_min, {cid}, assisted ? ratio(ch.handle_time, ch.completed) : kNaN);
        emit(metric::channel_mean_queue, {cid}, ratio(ch.queue.area(), s.measured_minutes));
        emit(metric::channel_wait_mean_s, {cid},
             assisted ? ratio(60.0 * (ch.wait_answered + ch.wait_abandoned), ended_waits) : kNaN);
        emit(metric::channel_completed, {cid}, ch.completed);
        emit(metric::channel_repeat_contacts, {cid}, ch.repeat);
        emit(metric::channel_failure_demand, {cid}, ch.failure_demand);
        emit(metric::channel_response_time_h, {cid},
             cp.mode == ChannelMode::Async ? ratio(ch.responded_time / 60.0, ch.completed) : kNaN);
        emit(metric::channel_concurrency_used, {cid},
             cp.mode == ChannelMode::Messaging ? ratio(ch.conversations.area(), ch.engaged.area())
                                               : kNaN);
        emit(metric::channel_offered_per_h, {cid}, ratio(ch.offered, hours));
    }

    for (std::size_t t = 0; t < plan.teams.size(); ++t) {
        const TeamStats& ts = s.teams[t];
        const std::string& tid = plan.teams[t].id;
        emit(metric::team_occupancy, {tid}, ratio(ts.busy.area(), ts.on_duty.area()));
        emit(metric::team_handled, {tid}, ts.handled);
        emit(metric::team_failure_demand_share, {tid},
             ratio(ts.busy_failure.area(), ts.busy.area()));
        emit(metric::team_cost, {tid}, team_cost[t]);
        emit(metric::team_agents_mean, {tid}, ratio(ts.on_duty.area(), s.measured_minutes));
        emit(metric::team_agents_staffed_mean, {tid}, ratio(ts.on_duty.area(), ts.staffed.area()));
        emit(metric::team_agents_peak, {tid}, ts.on_duty.peak());
        emit(metric::team_agent_hours, {tid}, ts.on_duty.area() / 60.0);
        emit(metric::team_handle_time_min, {tid}, ratio(ts.item_time, ts.items));
        emit(metric::team_after_contact_work_min, {tid},
             ts.wrap_ups > 0 ? ts.wrap_time / ts.wrap_ups : 0);
        emit(metric::team_after_contact_share, {tid}, ratio(ts.wrap_busy, ts.busy.area()));
        emit(metric::team_handoffs_per_case, {tid}, ratio(ts.transfers, ts.contacts));
        emit(metric::team_rework_share, {tid}, ratio(ts.reworked, ts.cases));
        for (std::size_t q = plan.channels.size(); q < plan.queues.size(); ++q) {
            if (plan.queues[q].team != t) continue;
            const WorkStats& ws = s.work[q];
            const std::string& qid = plan.queues[q].name;
            emit(metric::work_offered, {tid, qid}, ws.offered);
            emit(metric::work_handled, {tid, qid}, ws.handled);
            emit(metric::work_wait_mean_min, {tid, qid}, ratio(ws.wait, ws.handled));
            emit(metric::work_backlog_max, {tid, qid}, ws.max_queue);
            emit(metric::work_backlog_end, {tid, qid}, ws.backlog_end);
            emit(metric::work_backlog_growth_per_day, {tid, qid},
                 ratio(ws.backlog_end - ws.backlog_check, s.backlog_check_days));
            emit(metric::work_mean_queue, {tid, qid}, ratio(ws.queue.area(), s.measured_minutes));
        }
    }

    for (std::size_t e = 0; e < plan.employee_journeys.size(); ++e) {
        const EmployeeJourneyPlan& ej = plan.employee_journeys[e];
        const EmployeeJourneyStats& es = s.employee_journeys[e];
        const std::string& eid = ej.id;
        emit(metric::employee_cases, {eid}, es.cases);
        emit(metric::employee_handle_time_min, {eid}, ratio(es.time, es.cases));
        emit(metric::employee_handoffs_per_case, {eid}, ratio(es.handoffs, es.cases));
        emit(metric::employee_rework_share, {eid}, ratio(es.reworked, es.cases));
        emit(metric::employee_fixed_share, {eid}, ratio(es.fixed, es.cases));
        for (std::size_t k = 0; k < ej.steps.size(); ++k) {
            const StepStats& st = es.steps[k];
            const std::string& step = ej.steps[k].id;
            emit(metric::step_visits_per_case, {eid, step}, ratio(st.visits, es.cases));
            if (ej.steps[k].kind == StepKind::End) continue;  // ends take no time
            emit(metric::step_time_min, {eid, step}, ratio(st.time, st.visits));
            emit(metric::step_time_share, {eid, step}, ratio(st.time, es.time));
        }
    }

    emit(metric::flow_arrived, s.arrived);
    emit(metric::flow_ended, s.ended);
    emit(metric::flow_in_system_at_horizon, s.in_system);
    emit(metric::flow_open_at_run_out_end, s.open_at_run_out_end);
    emit(metric::flow_counted_arrivals, s.counted_arrivals);
}

}  // namespace journeysim::detail
