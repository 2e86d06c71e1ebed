#include "replication.hpp"

#include <journeysim/error.hpp>

#include <boost/random/exponential_distribution.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace journeysim::detail {

Replication::Replication(const Plan& plan, const ReplicationSetup& setup)
    : plan_(plan), setup_(setup), customers_(plan.max_contact_slots, plan.max_touchpoints) {
    events_.reserve(1024);
    teams_.resize(plan.teams.size());
    queues_.resize(plan.queues.size());
    open_state_.resize(plan.channels.size());
    const auto arrivals = static_cast<std::uint64_t>(Purpose::Arrivals);
    for (const auto& journey : plan.journeys) {
        // Candidate arrivals: one stream per (seed, replication, journey, band, quarter hour).
        // Journeys are keyed by their id, so a journey added or removed in another scenario
        // leaves the others' customers as they were.
        const std::uint64_t journey_key = journey.id_hash;
        ArrivalState state;
        for (const ArrivalBand& band : journey.bands) {
            state.band_keys.push_back(
                derive_seed({setup.seed, setup.replication, journey_key, arrivals, band.id}));
        }
        state.blocks.resize(journey.bands.size());
        state.next.assign(journey.bands.size(), 0.0);
        arrivals_.push_back(std::move(state));
        // Customers' streams derive from (seed, replication, journey, number, purpose).
        journey_seeds_.push_back(derive_seed({setup.seed, setup.replication, journey_key}));
    }
    next_arrival_.assign(plan.journeys.size(), kNever);
    stats_.init(plan, setup.intervals);
    stats_.backlog_check_days = backlog_check_days((plan.horizon - plan.warmup) / kMinutesPerDay);
    if (stats_.backlog_check_days > 0)
        backlog_check_ = plan.horizon - stats_.backlog_check_days * kMinutesPerDay;
}

void Replication::run_events() {
    const double horizon = plan_.horizon;
    for (std::uint32_t t = 0; t < plan_.teams.size(); ++t)
        on_staff_change(t);
    for (std::uint32_t j = 0; j < plan_.journeys.size(); ++j)
        schedule_arrival(j);

    constexpr double kProgressStep = kMinutesPerDay;
    double progress_mark = kProgressStep;
    // Run-away guards (docs/reliability.md): a model whose clock stops advancing (a patience
    // of 0 with an immediate retry) or whose customers pile up without bound would otherwise
    // spin or eat all memory. Both end the replication with an error naming where.
    std::uint64_t events_at_instant = 0;
    double instant = -1.0;
    for (;;) {
        const bool arrival_next = events_.empty() || next_arrival_time_ < events_.top().time;
        const double t = arrival_next ? next_arrival_time_ : events_.top().time;
        if (t > backlog_check_) {
            // Nothing changes between events: the lengths now are those at the check.
            note_backlogs(&ChannelStats::backlog_check, &WorkStats::backlog_check);
            backlog_check_ = kNever;
        }
        if (!(t <= horizon)) {
            // The run-out: no arrivals (none are drawn beyond the horizon), customers still
            // in a journey go on until it ends.
            if (!window_closed_) close_window();
            if (customers_.in_use() == 0 || !(t <= plan_.run_out_end)) break;
        }
        ++events_handled_;
        if (t == instant) {
            if (++events_at_instant > kMaxEventsAtOneInstant) stalled(arrival_next);
        } else {
            instant = t;
            events_at_instant = 0;
        }
        if (customers_.in_use() > setup_.max_in_system) overflowing();
        now_ = t;
        if (now_ >= progress_mark && setup_.progress && !window_closed_) {
            const double done = std::floor(now_ / kProgressStep) * kProgressStep;
            setup_.progress->fetch_add(static_cast<std::uint64_t>(done - progress_reported_));
            progress_reported_ = done;
            progress_mark = done + kProgressStep;
        }
        if (arrival_next) {
            on_arrival(next_arrival_journey_);
            continue;
        }
        const Event e = events_.pop();
        switch (e.kind()) {
            case EventKind::StaffChange:
                on_staff_change(e.a);
                break;
            case EventKind::HandlingDone:
                on_handling_done(e.a, e.b);
                break;
            case EventKind::WrapUpDone:
                on_wrap_up_done(e.a, e.b);
                break;
            case EventKind::Abandon:
                on_abandon(e.a, e.b);
                break;
            case EventKind::Advance:
                if (customers_[e.a].token == e.b) walk(e.a, customers_[e.a].touchpoint);
                break;
            case EventKind::ChooseAgain:
                if (customers_[e.a].token == e.b) walk(e.a, customers_[e.a].touchpoint, true);
                break;
        }
    }
}

void Replication::stalled(bool arrival_next) {
    SimulationFailure f;
    f.problem =
        fmt::format("the simulated clock stopped advancing: more than {} events at one instant",
                    kMaxEventsAtOneInstant);
    if (arrival_next) {
        f.problem += ", the last an arrival";
        f.journey = plan_.journeys[next_arrival_journey_].id;
    } else {
        const Event& e = events_.top();
        if (e.kind() == EventKind::Abandon || e.kind() == EventKind::Advance ||
            e.kind() == EventKind::ChooseAgain) {
            const Customer& c = customers_[e.a];
            const auto& journey = plan_.journeys[c.journey];
            f.problem += ", the last at this touchpoint";
            f.customer = c.trace_id;
            f.journey = journey.id;
            f.touchpoint = journey.touchpoints[c.touchpoint].id;
        }
    }
    f.hint =
        "a duration, patience or retry_delay of 0 lets a customer loop without time passing "
        "(give retry_delay a positive mean, or set max_attempts)";
    throw SimulationError(std::move(f));
}

void Replication::overflowing() {
    // The touchpoint where most customers are is where they pile up.
    std::vector<std::vector<std::uint32_t>> count(plan_.journeys.size());
    for (std::size_t j = 0; j < plan_.journeys.size(); ++j)
        count[j].assign(plan_.journeys[j].touchpoints.size(), 0);
    customers_.for_each_in_use([&](std::uint32_t id) {
        const Customer& c = customers_[id];
        ++count[c.journey][c.touchpoint];
    });
    std::size_t bj = 0, bt = 0;
    for (std::size_t j = 0; j < count.size(); ++j)
        for (std::size_t t = 0; t < count[j].size(); ++t)
            if (count[j][t] > count[bj][bt]) bj = j, bt = t;
    SimulationFailure f;
    f.problem = fmt::format(
        "more than {} customers are in the system at once, {} of them at this touchpoint",
        setup_.max_in_system, count[bj][bt]);
    f.journey = plan_.journeys[bj].id;
    f.touchpoint = plan_.journeys[bj].touchpoints[bt].id;
    f.hint =
        "the demand is far beyond what the teams can serve (check arrivals per_day and the "
        "agents), or customers never leave; the cap is set by --max-in-system";
    throw SimulationError(std::move(f));
}

void Replication::close_window() {
    const double horizon = plan_.horizon;
    const double event_time = now_;
    now_ = horizon;
    if (setup_.progress) {
        setup_.progress->fetch_add(
            static_cast<std::uint64_t>(std::floor(horizon) - progress_reported_));
        progress_reported_ = std::floor(horizon);
    }
    // Close the time integrals at the horizon.
    const double from = plan_.warmup;
    for (auto& ch : stats_.channels) {
        ch.queue.advance(now_, from);
        ch.busy.advance(now_, from);
        ch.engaged.advance(now_, from);
        ch.conversations.advance(now_, from);
    }
    for (auto& w : stats_.work)
        w.queue.advance(now_, from);
    for (auto& t : stats_.teams) {
        t.on_duty.advance(now_, from);
        t.staffed.advance(now_, from);
        t.busy.advance(now_, from);
        t.busy_failure.advance(now_, from);
    }
    stats_.in_system = static_cast<double>(customers_.in_use());
    stats_.measured_minutes = horizon - plan_.warmup;
    note_backlogs(&ChannelStats::backlog_end, &WorkStats::backlog_end);
    // From now on nothing is inside the measured period.
    window_from_ = kNever;
    window_closed_ = true;
    now_ = event_time;
}

void Replication::note_backlogs(double ChannelStats::*channel_field,
                                double WorkStats::*work_field) {
    for (std::size_t q = 0; q < queues_.size(); ++q) {
        const auto length = static_cast<double>(queues_[q].waiting);
        const std::uint32_t channel = plan_.queues[q].channel;
        if (channel != kNoIndex) {
            stats_.channels[channel].*channel_field = length;
        } else {
            stats_.work[q].*work_field = length;
        }
    }
}

ReplicationStats Replication::run() {
    try {
        run_events();
    } catch (const SimulationError& e) {
        // The guards know where; the time is the loop's.
        SimulationFailure f = e.failure();
        if (!f.minute) f.minute = now_;
        throw SimulationError(std::move(f));
    }
    if (!window_closed_) close_window();
    stats_.open_at_run_out_end = static_cast<double>(customers_.in_use());
    stats_.events = events_handled_;
    return std::move(stats_);
}

// --- staffing -------------------------------------------------------------------------------

void Replication::on_staff_change(std::uint32_t team) {
    const auto& staffing = plan_.teams[team].staffing;
    TeamState& ts = teams_[team];
    set_agents(team, staffing[ts.staffing_index].second);
    if (staffing.size() < 2) return;
    ++ts.staffing_index;
    if (ts.staffing_index == staffing.size()) {
        ts.staffing_index = 0;
        ts.week_start += kMinutesPerWeek;
    }
    const double at = ts.week_start + staffing[ts.staffing_index].first;
    if (at <= plan_.run_out_end) events_.push(at, EventKind::StaffChange, team);
}

void Replication::on_duty_changed(std::uint32_t team, int delta) {
    TeamStats& st = stats_.teams[team];
    st.on_duty.add(now_, delta, window_from_);
    st.staffed.set(now_, teams_[team].present > 0 ? 1.0 : 0.0, window_from_);
}

void Replication::set_agents(std::uint32_t team, int agents) {
    TeamState& ts = teams_[team];
    ts.target = std::max(agents, 0);
    // Fewer agents: idle ones leave now, busy ones when they finish (see release_slot).
    while (ts.present > ts.target && !ts.idle.empty()) {
        const std::uint32_t a = ts.idle.back();
        ts.idle.pop_back();
        agents_[a].present = false;
        ts.absent.push_back(a);
        --ts.present;
        on_duty_changed(team, -1);
    }
    // More agents: they start and look for work.
    while (ts.present < ts.target) {
        std::uint32_t a;
        if (!ts.absent.empty()) {
            a = ts.absent.back();
            ts.absent.pop_back();
        } else {
            a = static_cast<std::uint32_t>(agents_.size());
            agents_.push_back(Agent{team});
        }
        agents_[a].present = true;
        ++ts.present;
        on_duty_changed(team, 1);
        dispatch(a);
    }
    // Partly loaded messaging agents may take conversations again.
    if (ts.present <= ts.target) {
        for (std::uint32_t a = 0; a < agents_.size(); ++a) {
            Agent& ag = agents_[a];
            if (ag.team != team || !ag.present || ag.load == 0) continue;
            const QueuePlan& qp = plan_.queues[ag.queue];
            if (!qp.messaging) continue;
            while (ag.load < static_cast<std::uint32_t>(qp.concurrency) &&
                   queues_[ag.queue].waiting > 0) {
                take(ag.queue, a);
            }
            note_partial(a);
        }
    }
}

std::size_t Replication::interval_of(double t) const {
    const auto i = static_cast<std::size_t>(t / plan_.interval);
    return std::min(i, plan_.intervals == 0 ? 0 : plan_.intervals - 1);
}

}  // namespace journeysim::detail
