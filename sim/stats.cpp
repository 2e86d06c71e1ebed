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

/// Collects (path, value) pairs under a path prefix.
class Emitter {
  public:
    explicit Emitter(std::vector<std::pair<std::string, double>>& out) : out_(out) {}
    void operator()(const std::string& path, double value) { out_.emplace_back(path, value); }

  private:
    std::vector<std::pair<std::string, double>>& out_;
};

double nps(const GroupStats& g) {
    return ratio(100.0 * (g.promoters - g.detractors), g.customers);
}

void emit_outcomes(Emitter& emit, const std::string& prefix, const GroupStats& g) {
    for (std::size_t o = 0; o < 3; ++o) {
        emit(prefix + "/outcomes/" + to_string(static_cast<Outcome>(o)) + "/share",
             ratio(g.outcomes[o], g.customers));
    }
}

}  // namespace

std::vector<std::pair<std::string, double>> metric_values(const Plan& plan,
                                                          const ReplicationStats& s) {
    std::vector<std::pair<std::string, double>> out;
    Emitter emit(out);
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
    emit("/kpis/nps", nps(all));
    emit("/kpis/promoters", ratio(all.promoters, all.customers));
    emit("/kpis/passives", ratio(all.passives, all.customers));
    emit("/kpis/detractors", ratio(all.detractors, all.customers));
    emit("/kpis/ltr_mean", ratio(all.ltr_sum, all.customers));
    emit("/kpis/ftf", ratio(all.first_fixed, all.with_contact));
    emit("/kpis/contacts_per_customer", ratio(all.contacts, all.customers));
    emit("/kpis/resolution_rate", ratio(resolved, all.customers));
    emit("/kpis/time_to_resolution_h", ratio(all.resolution_time_sum / 60.0, resolved));
    emit("/kpis/cost_total", cost_total);
    emit("/kpis/cost_per_resolved", ratio(cost_total, resolved));
    emit("/kpis/customers", all.customers);
    emit("/kpis/channel_switches_per_customer", ratio(all.switches, all.customers));
    for (std::size_t k = 0; k < all.scores.size(); ++k) {
        emit("/kpis/ltr_histogram/" + std::to_string(k), ratio(all.scores[k], all.customers));
    }

    for (std::size_t d = 0; d < kDriverCount; ++d) {
        // NPS(actual) - NPS(without the driver) = 100 (ΔD - ΔP) / N.
        emit(std::string("/drivers/") + kDriverNames[d],
             ratio(100.0 * (all.detractor_shift[d] - all.promoter_shift[d]), all.customers));
    }

    emit_outcomes(emit, "", all);

    for (std::size_t j = 0; j < plan.journeys.size(); ++j) {
        const GroupStats& g = by_journey[j];
        const std::string prefix = "/journeys/" + json_pointer_token(plan.journeys[j].id);
        const double res = g.outcomes[static_cast<std::size_t>(Outcome::Resolved)];
        emit(prefix + "/customers", g.customers);
        emit(prefix + "/nps", nps(g));
        emit(prefix + "/ftf", ratio(g.first_fixed, g.with_contact));
        emit_outcomes(emit, prefix, g);
        emit(prefix + "/promoters", ratio(g.promoters, g.customers));
        emit(prefix + "/passives", ratio(g.passives, g.customers));
        emit(prefix + "/detractors", ratio(g.detractors, g.customers));
        emit(prefix + "/ltr_mean", ratio(g.ltr_sum, g.customers));
        emit(prefix + "/contacts_per_customer", ratio(g.contacts, g.customers));
        emit(prefix + "/resolution_rate", ratio(res, g.customers));
        emit(prefix + "/time_to_resolution_h", ratio(g.resolution_time_sum / 60.0, res));
        emit(prefix + "/channel_switches_per_customer", ratio(g.switches, g.customers));
        const auto& tps = plan.journeys[j].touchpoints;
        for (std::size_t t = 0; t < tps.size(); ++t) {
            const TouchpointStats& ts = s.touchpoints[j][t];
            const std::string tp = prefix + "/touchpoints/" + json_pointer_token(tps[t].id);
            emit(tp + "/visits", ts.visits);
            emit(tp + "/ltr_change", ratio(ts.ltr_change, ts.visits));
            if (tps[t].kind == TouchpointKind::Contact) {
                emit(tp + "/fix_rate", ratio(ts.fixed, ts.completed));
            }
            for (std::uint32_t to : tps[t].targets) {
                emit(tp + "/to/" + json_pointer_token(tps[to].id), s.moves[j][t * tps.size() + to]);
            }
        }
    }

    for (std::size_t k = 0; k < plan.segments.size(); ++k) {
        const GroupStats& g = by_segment[k];
        const std::string prefix = "/segments/" + json_pointer_token(plan.segments[k].id);
        emit(prefix + "/customers", g.customers);
        emit(prefix + "/nps", nps(g));
        emit(prefix + "/ftf", ratio(g.first_fixed, g.with_contact));
        emit(prefix + "/ltr_mean", ratio(g.ltr_sum, g.customers));
        emit(prefix + "/contacts_per_customer", ratio(g.contacts, g.customers));
    }

    for (std::size_t c = 0; c < plan.channels.size(); ++c) {
        const ChannelStats& ch = s.channels[c];
        const ChannelPlan& cp = plan.channels[c];
        const std::string prefix = "/channels/" + json_pointer_token(cp.id);
        const bool assisted = cp.mode != ChannelMode::SelfService;
        const double ended_waits = ch.answered + ch.abandoned;
        const double on_duty = assisted ? s.teams[cp.team].on_duty.area() : 0.0;
        emit(prefix + "/offered", ch.offered);
        emit(prefix + "/handled", ch.answered);
        emit(prefix + "/abandoned", ch.abandoned);
        emit(prefix + "/abandon_rate", assisted ? ratio(ch.abandoned, ended_waits) : kNaN);
        emit(prefix + "/p_wait", assisted ? ratio(ch.waited, ended_waits) : kNaN);
        emit(prefix + "/asa_s", assisted ? ratio(60.0 * ch.wait_answered, ch.answered) : kNaN);
        double service_level = kNaN;
        if (assisted && cp.target_min < kNever) {
            service_level = cp.mode == ChannelMode::Async ? ratio(ch.within_target, ch.completed)
                                                          : ratio(ch.within_target, ended_waits);
        }
        emit(prefix + "/service_level", service_level);
        emit(prefix + "/fix_rate", ratio(ch.fixed, ch.completed));
        emit(prefix + "/occupancy", assisted ? ratio(ch.busy.area(), on_duty) : kNaN);
        emit(prefix + "/backlog_max", ch.max_queue);
        emit(prefix + "/cost", ch.cost);
        emit(prefix + "/aht_min", assisted ? ratio(ch.handle_time, ch.completed) : kNaN);
        emit(prefix + "/mean_queue", ratio(ch.queue.area(), s.measured_minutes));
        emit(prefix + "/wait_mean_s",
             assisted ? ratio(60.0 * (ch.wait_answered + ch.wait_abandoned), ended_waits) : kNaN);
        emit(prefix + "/completed", ch.completed);
        emit(prefix + "/repeat_contacts", ch.repeat);
        emit(prefix + "/failure_demand", ch.failure_demand);
        emit(prefix + "/response_time_h",
             cp.mode == ChannelMode::Async ? ratio(ch.responded_time / 60.0, ch.completed) : kNaN);
        emit(prefix + "/concurrency_used", cp.mode == ChannelMode::Messaging
                                               ? ratio(ch.conversations.area(), ch.engaged.area())
                                               : kNaN);
        emit(prefix + "/offered_per_h", ratio(ch.offered, hours));
    }

    for (std::size_t t = 0; t < plan.teams.size(); ++t) {
        const TeamStats& ts = s.teams[t];
        const std::string prefix = "/teams/" + json_pointer_token(plan.teams[t].id);
        emit(prefix + "/occupancy", ratio(ts.busy.area(), ts.on_duty.area()));
        emit(prefix + "/handled", ts.handled);
        emit(prefix + "/failure_demand_share", ratio(ts.busy_failure.area(), ts.busy.area()));
        emit(prefix + "/cost", team_cost[t]);
        emit(prefix + "/agents_mean", ratio(ts.on_duty.area(), s.measured_minutes));
        emit(prefix + "/agent_hours", ts.on_duty.area() / 60.0);
        emit(prefix + "/handle_time_min", ratio(ts.item_time, ts.items));
        emit(prefix + "/after_contact_work_min", ts.wrap_ups > 0 ? ts.wrap_time / ts.wrap_ups : 0);
        emit(prefix + "/after_contact_share", ratio(ts.wrap_busy, ts.busy.area()));
        emit(prefix + "/handoffs_per_case", ratio(ts.transfers, ts.contacts));
        emit(prefix + "/rework_share", ratio(ts.reworked, ts.cases));
        for (std::size_t q = plan.channels.size(); q < plan.queues.size(); ++q) {
            if (plan.queues[q].team != t) continue;
            const WorkStats& ws = s.work[q];
            const std::string wp = prefix + "/work/" + json_pointer_token(plan.queues[q].name);
            emit(wp + "/offered", ws.offered);
            emit(wp + "/handled", ws.handled);
            emit(wp + "/wait_mean_min", ratio(ws.wait, ws.handled));
            emit(wp + "/backlog_max", ws.max_queue);
            emit(wp + "/mean_queue", ratio(ws.queue.area(), s.measured_minutes));
        }
    }

    for (std::size_t e = 0; e < plan.employee_journeys.size(); ++e) {
        const EmployeeJourneyPlan& ej = plan.employee_journeys[e];
        const EmployeeJourneyStats& es = s.employee_journeys[e];
        const std::string prefix = "/employee_journeys/" + json_pointer_token(ej.id);
        emit(prefix + "/cases", es.cases);
        emit(prefix + "/handle_time_min", ratio(es.time, es.cases));
        emit(prefix + "/handoffs_per_case", ratio(es.handoffs, es.cases));
        emit(prefix + "/rework_share", ratio(es.reworked, es.cases));
        emit(prefix + "/fixed_share", ratio(es.fixed, es.cases));
        for (std::size_t k = 0; k < ej.steps.size(); ++k) {
            const StepStats& st = es.steps[k];
            const std::string sp = prefix + "/steps/" + json_pointer_token(ej.steps[k].id);
            emit(sp + "/visits_per_case", ratio(st.visits, es.cases));
            if (ej.steps[k].kind == StepKind::End) continue;  // ends take no time
            emit(sp + "/time_min", ratio(st.time, st.visits));
            emit(sp + "/time_share", ratio(st.time, es.time));
        }
    }

    emit("/flow/arrived", s.arrived);
    emit("/flow/ended", s.ended);
    emit("/flow/in_system_at_horizon", s.in_system);
    emit("/flow/counted_arrivals", s.counted_arrivals);
    return out;
}

}  // namespace journeysim::detail
