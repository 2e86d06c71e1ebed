// Staffing: verification rounds that simulate the plan and correct it, and the plan
// assembled from them.
#include "planner.hpp"

namespace journeysim::staffing_detail {

Model Planner::current_model() const {
    std::vector<std::vector<int>> schedules(model_.teams.size());
    for (Index t = 0; t < model_.teams.size(); ++t) {
        if (planned_team_[t]) schedules[t] = agents_[t];
    }
    Model m = with_weekly_schedules(model_, schedules, interval_);
    for (Index c = 0; c < m.channels.size(); ++c) {
        if (!target_[c]) continue;
        Channel& ch = m.channels[c];
        ch.service_target =
            ServiceTarget{target_[c]->within_min, target_[c]->share, ch.mode == ChannelMode::Async};
    }
    return m;
}

SimulationOptions Planner::simulation_options() const {
    SimulationOptions so;
    so.replications = options_.replications;
    so.seed = options_.seed;
    so.threads = options_.threads;
    so.max_in_system = options_.max_in_system;
    so.intervals = true;  // every measurement reads the interval table
    return so;
}

Verification Planner::verify(const ValidModel& model) const {
    SimulationOptions so = simulation_options();
    Verification v;
    const std::size_t channels = model_.channels.size();
    v.spread.assign(channels, 1.0);
    if (options_.replications < 2) {
        v.result = simulate(model, so);
        v.folded = fold(v.result);
        return v;
    }
    so.replications = options_.replications / 2;
    Result a = simulate(model, so);
    so.replications = options_.replications - so.replications;
    so.seed = options_.seed + 1;
    const Result b = simulate(model, so);
    const Folded fa = fold(a);
    const Folded fb = fold(b);
    // Noise of an interval's service level, relative to the binomial variance p(1-p)/n: the
    // squared difference of the two batches over its expectation under the binomial model,
    // averaged over the channel's intervals. Contacts of one interval share the queue they
    // met, so the ratio is usually above 1 (much above for e-mail backlogs).
    for (Index c = 0; c < channels; ++c) {
        if (!target_[c] || !in_plan(c)) continue;
        const double p = target_[c]->share;
        if (!(p < 1)) continue;
        double sum = 0;
        double cells = 0;
        for (std::size_t w = 0; w < weeks_; ++w) {
            const double na = fa.counted[c][w];
            const double nb = fb.counted[c][w];
            if (!(na > 0) || !(nb > 0)) continue;
            const double d = fa.within[c][w] / na - fb.within[c][w] / nb;
            sum += d * d / (p * (1 - p) * (1 / na + 1 / nb));
            cells += 1;
        }
        if (cells >= 10) v.spread[c] = std::max(1.0, sum / cells);
    }
    v.folded = fa;
    const double wa = a.replications;
    const double wb = b.replications;
    for (Index c = 0; c < channels; ++c) {
        for (std::size_t w = 0; w < weeks_; ++w) {
            v.folded.offered[c][w] = (fa.offered[c][w] * wa + fb.offered[c][w] * wb) / (wa + wb);
            v.folded.counted[c][w] += fb.counted[c][w];
            v.folded.within[c][w] += fb.within[c][w];
            v.folded.rows[c][w] += fb.rows[c][w];
        }
    }
    v.result = merge_results(std::move(a), b);
    return v;
}

void Planner::evaluate(const Verification& v) {
    const std::size_t channels = model_.channels.size();
    verdict_.assign(channels, std::vector<Verdict>(weeks_, Verdict::None));
    achieved_.assign(channels, std::vector<double>(weeks_, kNaN));
    for (Index c = 0; c < channels; ++c) {
        if (!target_[c] || !in_plan(c)) continue;
        const double p = target_[c]->share;
        double counted = 0;
        double within = 0;
        for (std::size_t w = 0; w < weeks_; ++w) {
            const double n = v.folded.counted[c][w];
            if (!(n > 0)) continue;
            const double achieved = v.folded.within[c][w] / n;
            achieved_[c][w] = achieved;
            if (no_work_[c][w]) continue;
            const double margin = kDecisionZ * std::sqrt(v.spread[c] * p * (1 - p) / n);
            if (achieved < p - margin) {
                verdict_[c][w] = Verdict::Short;
            } else if (achieved >= p + margin && (margin > 0 || achieved >= p)) {
                verdict_[c][w] = Verdict::Comfortable;
            } else {
                verdict_[c][w] = Verdict::Ok;
            }
            counted += n;
            within += v.folded.within[c][w];
        }
        // Many intervals each below target by less than their noise add up to a clear shortfall
        // of the channel: then every interval below target counts as short.
        const double margin = kDecisionZ * std::sqrt(v.spread[c] * p * (1 - p) / counted);
        if (counted > 0 && within / counted < p - margin) {
            for (std::size_t w = 0; w < weeks_; ++w) {
                if (verdict_[c][w] == Verdict::Ok && achieved_[c][w] < p) {
                    verdict_[c][w] = Verdict::Short;
                }
            }
        }
    }
}

int Planner::correct(const Verification& v) {
    const std::size_t teams = model_.teams.size();
    const std::size_t W = weeks_;
    std::vector<std::vector<int>> add(teams, std::vector<int>(W, 0));
    std::vector<std::vector<char>> failed(teams, std::vector<char>(W, 0));
    std::vector<std::vector<char>> touched(teams, std::vector<char>(W, 0));
    std::vector<std::pair<Check, int>> allocations;

    for (Index c = 0; c < model_.channels.size(); ++c) {
        if (!target_[c] || !in_plan(c)) continue;
        const Channel& ch = model_.channels[c];
        const Index t = ch.team;
        const double p = target_[c]->share;
        for (std::size_t w = 0; w < W; ++w) {
            if (verdict_[c][w] != Verdict::Short) continue;
            if (queue_mode(ch.mode)) {
                touched[t][w] = 1;
                if (agents_[t][w] < good_[t][w]) {
                    failed[t][w] = 1;
                    continue;
                }
                const int conc = concurrency(c);
                const double lambda = v.folded.offered[c][w] / interval_;
                const int servers = std::max(alloc_[c][w], 1);
                int delta = 1;
                if (lambda > 0 && aht_[c] > 0) {
                    const int wanted =
                        calibrated_servers(lambda, aht_[c], patience_[c], target_[c]->within_min,
                                           servers, achieved_[c][w], p, cap() * conc);
                    delta = std::max(1, (wanted - servers + conc - 1) / conc);
                    delta = std::min(delta, std::max(1, (servers / conc + 1) / 2));
                }
                add[t][w] = std::max(add[t][w], delta);
                allocations.emplace_back(Check{c, w}, delta * conc);
            } else {
                // An async interval short: first undo trial removals in the intervals that serve
                // it, else add agents at the start of its window (first come, first served, so
                // early capacity helps it most).
                const auto [first, last] = serving_[c][w];
                bool undone = false;
                for (std::size_t j = first; j <= last; ++j) {
                    const std::size_t k = j % W;
                    if (!works_[t][k]) continue;
                    touched[t][k] = 1;
                    if (agents_[t][k] < good_[t][k]) {
                        failed[t][k] = 1;
                        undone = true;
                    }
                }
                if (undone) continue;
                const double deficit =
                    std::max(0.0, p - achieved_[c][w]) * offered_[c][w] * aht_[c];
                auto slots =
                    static_cast<std::size_t>(std::max(1.0, std::ceil(deficit / interval_)));
                for (std::size_t j = first; j <= last && slots > 0; ++j) {
                    const std::size_t k = j % W;
                    if (!works_[t][k] || agents_[t][k] >= cap()) continue;
                    add[t][k] = std::max(add[t][k], 1);
                    --slots;
                }
            }
        }
    }

    int changes = 0;
    for (Index t = 0; t < teams; ++t) {
        if (!planned_team_[t]) continue;
        for (std::size_t w = 0; w < W; ++w) {
            int& level = agents_[t][w];
            const int before = level;
            if (failed[t][w]) {
                // A trial removal fell short: bisect between it and the level known to meet.
                bad_[t][w] = std::max(bad_[t][w], level);
                const int candidate = (bad_[t][w] + good_[t][w] + 1) / 2;
                level = candidate >= good_[t][w] ? good_[t][w] : candidate;
            } else if (add[t][w] > 0) {
                bad_[t][w] = std::max(bad_[t][w], level);
                level = std::min(cap(), level + add[t][w]);
                good_[t][w] = std::max(good_[t][w], level);
            } else if (!touched[t][w]) {
                const auto& checks = related_[t * W + w];
                // Trim (bisecting towards the largest single-channel need) when every target
                // the interval serves is met and at least one with room to spare: in a pooled
                // team the channel with room usually gives up the agent.
                bool measured = false;
                bool room = false;
                bool met = true;
                bool fine = true;
                for (const Check& k : checks) {
                    const Verdict verdict = verdict_[k.channel][k.interval];
                    if (verdict == Verdict::None) continue;
                    measured = true;
                    room = room || verdict == Verdict::Comfortable;
                    met = met && achieved_[k.channel][k.interval] >= target_[k.channel]->share;
                    fine = fine && verdict != Verdict::Short;
                }
                if (!measured || !fine) continue;
                if (level < good_[t][w]) {
                    if (!met) {
                        // A trial removal left a target below its level (within the noise):
                        // not proven, so bisect upwards as for a shortfall.
                        bad_[t][w] = std::max(bad_[t][w], level);
                        const int candidate = (bad_[t][w] + good_[t][w] + 1) / 2;
                        level = candidate >= good_[t][w] ? good_[t][w] : candidate;
                        if (level != before) ++changes;
                        continue;
                    }
                    good_[t][w] = level;
                }
                if (room && met && level - bad_[t][w] >= 2) {
                    level = (bad_[t][w] + level + 1) / 2;
                }
            }
            if (level != before) ++changes;
        }
    }
    for (const auto& [check, servers] : allocations) {
        const Index t = model_.channels[check.channel].team;
        if (agents_[t][check.interval] > 0) alloc_[check.channel][check.interval] += servers;
    }
    return changes;
}

std::vector<Shortfall> Planner::shortfalls() const {
    std::vector<Shortfall> out;
    for (Index c = 0; c < model_.channels.size(); ++c) {
        if (!target_[c] || !in_plan(c)) continue;
        const Channel& ch = model_.channels[c];
        const Index t = ch.team;
        for (std::size_t w = 0; w < weeks_; ++w) {
            Shortfall s;
            s.channel = c;
            s.interval = w;
            s.target = target_[c]->share;
            s.achieved = achieved_[c][w];
            if (no_work_[c][w] != kFeasible && offered_[c][w] > 0) {
                if (s.achieved >= s.target) continue;  // met after all
                s.reason = no_work_[c][w] == kNoWorkingTime ? ShortfallReason::NoWorkingTime
                           : no_work_[c][w] == kCapReached  ? ShortfallReason::Cap
                                                            : ShortfallReason::TooLittleWorkingTime;
                out.push_back(s);
                continue;
            }
            if (verdict_[c][w] != Verdict::Short) continue;
            bool capped = agents_[t][w] >= cap();
            if (ch.mode == ChannelMode::Async) {
                capped = true;
                for (std::size_t j = serving_[c][w].first; j <= serving_[c][w].second; ++j) {
                    const std::size_t k = j % weeks_;
                    if (works_[t][k] && agents_[t][k] < cap()) capped = false;
                }
            }
            s.reason = capped ? ShortfallReason::Cap : ShortfallReason::StillShort;
            out.push_back(s);
        }
    }
    return out;
}

StaffingPlan Planner::assemble(const Verification& v, int rounds, bool converged) const {
    StaffingPlan plan;
    plan.model = model_.name;
    plan.seed = options_.seed;
    plan.replications = options_.replications;
    plan.interval_min = interval_;
    plan.fte_hours = options_.fte_hours;
    plan.max_agents = cap();
    plan.rounds = rounds;
    plan.converged = converged;
    const double hours_per_interval = interval_ / 60;
    for (Index t = 0; t < model_.teams.size(); ++t) {
        const Team& team = model_.teams[t];
        StaffedTeam st;
        st.team = t;
        st.planned = planned_team_[t];
        for (const auto& shift : team.schedule) {
            st.model_agent_hours += shift.agents * shift.hours.open_minutes_per_week() / 60;
        }
        if (st.planned) {
            st.agents = agents_[t];
            st.start_agents = start_[t];
            for (int a : st.agents) {
                st.agent_hours += a * hours_per_interval;
                st.peak = std::max(st.peak, a);
            }
        } else {
            st.agent_hours = st.model_agent_hours;
            for (const auto& shift : team.schedule)
                st.peak = std::max(st.peak, shift.agents);
        }
        st.fte = options_.fte_hours > 0 ? st.agent_hours / options_.fte_hours : kNaN;
        st.cost = st.agent_hours * team.cost_per_hour;
        plan.teams.push_back(std::move(st));
    }
    for (Index c = 0; c < model_.channels.size(); ++c) {
        if (!in_plan(c)) continue;
        StaffedChannel sc;
        sc.channel = c;
        sc.target = target_[c];
        sc.target_from_model = from_model_[c];
        sc.aht_min = aht_[c];
        sc.offered = offered_[c];
        sc.start_agents = need_[c];
        if (target_[c]) {
            sc.service_level = achieved_[c];
            const Metric* m = v.result.find(metric::channel_service_level, {model_.channels[c].id});
            sc.achieved = m != nullptr ? estimate(m->values) : Estimate{kNaN, kNaN, kNaN, 0};
            for (std::size_t w = 0; w < weeks_; ++w) {
                if (verdict_[c][w] == Verdict::Ok && achieved_[c][w] < target_[c]->share) {
                    ++sc.below_within_noise;
                }
            }
        } else {
            sc.service_level.assign(weeks_, kNaN);
            sc.achieved = Estimate{kNaN, kNaN, kNaN, 0};
        }
        plan.channels.push_back(std::move(sc));
    }
    plan.shortfalls = shortfalls();
    plan.notes = notes_;
    plan.planned_model = std::make_shared<const Model>(current_model());
    plan.final_result = v.result;
    return plan;
}

StaffingPlan Planner::run() {
    if (std::none_of(planned_team_.begin(), planned_team_.end(), [](bool b) { return b; })) {
        throw InputError({diagnostics::error(model_.file, "/channels",
                                             "no channel has a service target to plan for",
                                             "give targets such as --target phone:0.8/20, or add "
                                             "\"service_target\" to assisted channels in the "
                                             "model")});
    }
    log(fmt::format("measuring demand: simulating the model as it is ({} replications)",
                    options_.replications));
    const Result demand = simulate(valid_, simulation_options());
    measure_demand(demand, fold(demand));
    set_working_hours();
    erlang_start();

    int rounds = 0;
    bool converged = false;
    for (;;) {
        const bool final_check = rounds >= options_.max_rounds;
        ++rounds;
        log(fmt::format("round {}: verifying the plan by simulation{}", rounds,
                        final_check ? " (final check)" : ""));
        const Verification v = verify(validate(current_model(), model_.file));
        evaluate(v);
        const int changes = final_check ? 0 : correct(v);
        if (changes == 0) {
            converged = !final_check;
            return assemble(v, rounds, converged);
        }
        log(fmt::format("round {}: {} team interval{} changed", rounds, changes,
                        changes == 1 ? "" : "s"));
    }
}

}  // namespace journeysim::staffing_detail
