// Staffing: the planner's set-up, the demand measured by simulating the model as it is, and
// the Erlang start (async work spread over working time).
#include "../plan.hpp"
#include "planner.hpp"

namespace journeysim::staffing_detail {

Planner::Planner(const ValidModel& valid, const std::vector<StaffingTarget>& targets,
                 const StaffingOptions& options)
    : valid_(valid), model_(*valid), options_(options) {
    const Model& model = model_;
    const double base = model.horizon.interval_min;
    interval_ = options.interval_min > 0 ? options.interval_min : base;
    const double ratio = interval_ / base;
    const double per_day = kMinutesPerDay / interval_;
    if (!(interval_ > 0) || ratio < 1 - 1e-9 || std::fabs(ratio - std::round(ratio)) > 1e-9 ||
        std::fabs(per_day - std::round(per_day)) > 1e-9) {
        throw InputError({diagnostics::error(
            model.file, "/horizon/interval_min",
            fmt::format("the planning interval ({} min) must be a multiple of the model's "
                        "statistics interval ({} min) and divide a day",
                        interval_, base),
            fmt::format("plan in intervals of {} min or a multiple of it that divides a day, "
                        "such as 60",
                        base))});
    }
    detail::require_replications(model, options.replications, "plan");
    per_day_ = static_cast<std::size_t>(std::llround(per_day));
    weeks_ = 7 * per_day_;
    sub_ = static_cast<std::size_t>(std::llround(ratio));
    options_.max_agents = std::max(0, options.max_agents);
    options_.max_rounds = std::max(0, options.max_rounds);
    options_.max_occupancy = std::clamp(options.max_occupancy, 0.05, 1.0);

    const std::size_t channels = model.channels.size();
    target_.assign(channels, std::nullopt);
    from_model_.assign(channels, false);
    if (options.use_model_targets) {
        for (Index c = 0; c < channels; ++c) {
            const Channel& ch = model.channels[c];
            if (ch.mode == ChannelMode::SelfService || !ch.service_target) continue;
            target_[c] = StaffingTarget{c, ch.service_target->share, ch.service_target->within_min};
            from_model_[c] = true;
        }
    }
    for (const auto& t : targets) {
        if (t.channel >= channels) {
            throw std::invalid_argument("staffing target for a channel index out of range");
        }
        const Channel& ch = model.channels[t.channel];
        const std::string pointer = "/channels/" + json_pointer_token(ch.id);
        if (ch.mode == ChannelMode::SelfService) {
            throw InputError({diagnostics::error(
                model.file, pointer,
                fmt::format("channel \"{}\" is self-service: it has no agents to plan", ch.id),
                "give targets for live, messaging, async or in_person channels")});
        }
        if (!(t.share > 0 && t.share <= 1) || !(t.within_min >= 0)) {
            throw InputError({diagnostics::error(
                model.file, pointer,
                fmt::format("the target for \"{}\" needs a share in (0, 1] and a time of at least "
                            "0 (got {} within {} min)",
                            ch.id, t.share, t.within_min),
                fmt::format("e.g. 80% answered within 20 s: --target {}:0.8/20", ch.id))});
        }
        target_[t.channel] = t;
        from_model_[t.channel] = false;
    }
    planned_team_.assign(model.teams.size(), false);
    for (Index c = 0; c < channels; ++c) {
        if (target_[c] && model.channels[c].team != kNone) {
            planned_team_[model.channels[c].team] = true;
        }
    }
}

Folded Planner::fold(const Result& result) const {
    const std::size_t channels = model_.channels.size();
    Folded f;
    f.offered.assign(channels, std::vector<double>(weeks_, 0.0));
    f.counted = f.within = f.rows = f.offered;
    const auto reps = static_cast<double>(result.replications);
    for (const IntervalRow& row : result.intervals) {
        if (row.channel >= channels) continue;
        const std::size_t w = weekly_index(row.day, row.start_min);
        if (w >= weeks_) continue;
        const Index c = row.channel;
        f.offered[c][w] += row.offered;
        f.rows[c][w] += 1;
        const double counted = (row.handled + row.abandoned) * reps;
        if (!std::isnan(row.service_level) && counted > 0) {
            f.counted[c][w] += counted;
            f.within[c][w] += row.service_level * counted;
        }
    }
    for (Index c = 0; c < channels; ++c) {
        for (std::size_t w = 0; w < weeks_; ++w) {
            const double occurrences = f.rows[c][w] / static_cast<double>(sub_);
            f.offered[c][w] = occurrences > 0 ? f.offered[c][w] / occurrences : 0.0;
        }
    }
    return f;
}

void Planner::measure_demand(const Result& result, Folded folded) {
    const std::size_t channels = model_.channels.size();
    // Weekdays outside the measured period take the mean of the measured days.
    bool filled = false;
    for (Index c = 0; c < channels; ++c) {
        for (std::size_t w = 0; w < weeks_; ++w) {
            if (folded.rows[c][w] > 0) continue;
            double sum = 0;
            double n = 0;
            for (std::size_t d = 0; d < 7; ++d) {
                const std::size_t other = d * per_day_ + w % per_day_;
                if (folded.rows[c][other] > 0) {
                    sum += folded.offered[c][other];
                    n += 1;
                }
            }
            folded.offered[c][w] = n > 0 ? sum / n : 0.0;
            filled = filled || n > 0;
        }
    }
    if (filled) {
        notes_.emplace_back(
            "the measured period does not cover every weekday; the others take the mean of the "
            "measured days (simulate at least a week after the warm-up to avoid this)");
    }
    offered_ = folded.offered;

    // Handle time: the serving team's agent time on the channel (handling and wrap-up, not work
    // handed off to other teams) per answered contact.
    aht_.assign(channels, 0.0);
    patience_.assign(channels, kInf);
    double patience_factor = 0;
    double shares = 0;
    for (const auto& s : model_.segments) {
        patience_factor += s.share * s.patience_factor;
        shares += s.share;
    }
    patience_factor = shares > 0 ? patience_factor / shares : 1.0;
    std::vector<std::vector<double>> channel_busy(model_.teams.size());
    for (Index c = 0; c < channels; ++c) {
        const Channel& ch = model_.channels[c];
        if (ch.mode == ChannelMode::SelfService || ch.team == kNone) continue;
        if (ch.patience && queue_mode(ch.mode)) {
            patience_[c] = ch.patience->expected() * patience_factor;
        }
        const auto& occupancy = values_of(result, metric::channel_occupancy, model_.channels[c].id);
        const auto& hours = values_of(result, metric::team_agent_hours, model_.teams[ch.team].id);
        const auto& handled = values_of(result, metric::channel_handled, model_.channels[c].id);
        double busy = 0;
        double answered = 0;
        auto& per_rep = channel_busy[ch.team];
        per_rep.resize(occupancy.size(), 0.0);
        for (std::size_t r = 0; r < occupancy.size() && r < hours.size() && r < handled.size();
             ++r) {
            const double b = std::isnan(occupancy[r]) ? 0.0 : occupancy[r] * hours[r] * 60;
            per_rep[r] += b;
            if (std::isnan(occupancy[r])) continue;
            busy += b;
            answered += handled[r];
        }
        if (answered > 0 && busy > 0) {
            aht_[c] = busy / answered * concurrency(c);
        } else {
            aht_[c] = (ch.handle_time ? ch.handle_time->expected() : 0.0) +
                      (ch.wrap_up ? ch.wrap_up->expected() : 0.0);
            if (in_plan(c)) {
                notes_.push_back(fmt::format(
                    "channel \"{}\" was not answered in the demand simulation; its handle time is "
                    "taken from the model ({:.1f} min)",
                    ch.id, aht_[c]));
            }
        }
    }

    // Back-office work: the team's busy time that is not on its channels, arriving in proportion
    // to the contacts of the channels whose employee journeys hand work to the team.
    work_.assign(model_.teams.size(), std::vector<double>(weeks_, 0.0));
    const double measured_min = (model_.horizon.days - model_.horizon.warmup_days) * kMinutesPerDay;
    for (Index t = 0; t < model_.teams.size(); ++t) {
        if (!planned_team_[t]) continue;
        std::vector<bool> source(channels, false);
        bool hands_off = false;
        for (const auto& ej : model_.employee_journeys) {
            const bool to_team = std::any_of(ej.steps.begin(), ej.steps.end(), [&](const auto& s) {
                return s.kind == StepKind::Handoff && s.team == t;
            });
            if (!to_team) continue;
            hands_off = true;
            std::vector<Index> bound = ej.binding.channels;
            if (bound.empty() && ej.binding.journey < model_.journeys.size()) {
                const Journey& j = model_.journeys[ej.binding.journey];
                if (ej.binding.touchpoint < j.touchpoints.size()) {
                    bound = j.touchpoints[ej.binding.touchpoint].channels;
                }
            }
            for (Index c : bound) {
                if (c < channels) source[c] = true;
            }
        }
        if (!hands_off) continue;
        const auto& occupancy = values_of(result, metric::team_occupancy, model_.teams[t].id);
        const auto& hours = values_of(result, metric::team_agent_hours, model_.teams[t].id);
        std::vector<double> work_per_rep;
        for (std::size_t r = 0; r < occupancy.size() && r < hours.size(); ++r) {
            if (std::isnan(occupancy[r])) continue;
            const double on_channels = r < channel_busy[t].size() ? channel_busy[t][r] : 0.0;
            work_per_rep.push_back(std::max(0.0, occupancy[r] * hours[r] * 60 - on_channels));
        }
        const double work = mean_of(work_per_rep);
        if (!(work > 0) || !(measured_min > 0)) continue;
        const double per_week = work * kMinutesPerWeek / measured_min;
        std::vector<double> weight(weeks_, 0.0);
        double total = 0;
        for (Index c = 0; c < channels; ++c) {
            if (!source[c]) continue;
            for (std::size_t w = 0; w < weeks_; ++w)
                weight[w] += offered_[c][w];
        }
        for (double x : weight)
            total += x;
        if (!(total > 0)) {
            std::fill(weight.begin(), weight.end(), 1.0);
            total = static_cast<double>(weeks_);
        }
        for (std::size_t w = 0; w < weeks_; ++w)
            work_[t][w] = per_week * weight[w] / total;
        notes_.push_back(fmt::format(
            "team \"{}\": {:.0f} agent-hours a week of back-office work (hand-offs), planned to "
            "be done within {} h of arriving; it arrives in proportion to the contacts that "
            "hand it off",
            model_.teams[t].id, per_week / 60, options_.work_within_h));
    }
}

void Planner::set_working_hours() {
    works_.assign(model_.teams.size(), std::vector<char>(weeks_, 1));
    if (options_.extend_hours) return;
    for (Index t = 0; t < model_.teams.size(); ++t) {
        const Team& team = model_.teams[t];
        if (team.constant_agents) continue;
        for (std::size_t w = 0; w < weeks_; ++w) {
            works_[t][w] =
                static_cast<char>(team.agents_at((static_cast<double>(w) + 0.5) * interval_) > 0);
        }
    }
}

std::vector<double> Planner::spread(
    Index team, const std::vector<double>& work, std::size_t window, std::vector<char>* no_work,
    std::vector<std::pair<std::size_t, std::size_t>>* serving) const {
    const std::size_t W = weeks_;
    const auto& works = works_[team];
    std::vector<double> capacity(W, 0.0);
    if (no_work) no_work->assign(W, kFeasible);
    if (serving) serving->assign(W, {0, 0});
    if (std::none_of(works.begin(), works.end(), [](char b) { return b != 0; })) {
        if (no_work) std::fill(no_work->begin(), no_work->end(), kNoWorkingTime);
        return capacity;
    }
    // Working intervals before each unwrapped index, over three weeks.
    std::vector<std::size_t> before(3 * W + 1, 0);
    for (std::size_t k = 0; k < 3 * W; ++k)
        before[k + 1] = before[k] + (works[k % W] ? 1 : 0);
    std::vector<std::size_t> next(W);
    std::size_t upcoming = 0;
    for (std::size_t k = 2 * W; k-- > 0;) {
        if (works[k % W]) upcoming = k;
        if (k < W) next[k] = upcoming;
    }
    // Arrivals in interval i are due by the end of interval deadline[i] (unwrapped). Arrivals
    // without working time in their window (or given up on, below) miss the target anyway; their
    // work gets a window from the first working interval on.
    std::vector<char> status(W, kFeasible);
    for (std::size_t i = 0; i < W; ++i) {
        if (next[i] > i + window - 1) status[i] = kNoWorkingTime;
    }
    double total = 0;
    for (double x : work)
        total += std::max(0.0, x);
    const double working_minutes = static_cast<double>(before[W]) * interval_;
    const double surge = std::max(1.0, options_.max_surge * total / working_minutes);
    const bool capped = static_cast<double>(cap()) < surge;
    const double limit = (capped ? static_cast<double>(cap()) : surge) * interval_;

    std::vector<std::size_t> deadline(W);
    std::vector<std::size_t> due(W);
    std::vector<std::size_t> count(W);
    std::vector<std::size_t> relaxed(W, window);  // window of late arrivals, from first work on
    for (std::size_t iteration = 0; iteration < 4 * W; ++iteration) {
        for (std::size_t i = 0; i < W; ++i) {
            deadline[i] = status[i] == kFeasible ? i + window - 1 : next[i] + relaxed[i] - 1;
        }
        std::fill(capacity.begin(), capacity.end(), 0.0);
        for (std::size_t i = 0; i < W; ++i) {
            // First come, first served: arrivals must also be done before the deadline of any
            // later arrival.
            std::size_t d = deadline[i];
            for (std::size_t k = i + 1; k <= d && k < i + W; ++k) {
                if (work[k % W] > 0) d = std::min(d, deadline[k % W] + (k - k % W));
            }
            due[i] = d;
            count[i] = before[d + 1] - before[next[i]];
            if (!(work[i] > 0) || count[i] == 0) continue;
            const double share = work[i] / static_cast<double>(count[i]);
            for (std::size_t j = next[i]; j <= d; ++j) {
                if (works[j % W]) capacity[j % W] += share;
            }
        }
        // A surge far above the usual level means arrivals whose window holds too little working
        // time to clear the work ahead of them: give up on the most pressing of them and spread
        // the work again.
        const auto peak = static_cast<std::size_t>(
            std::max_element(capacity.begin(), capacity.end()) - capacity.begin());
        if (capacity[peak] <= limit) break;
        std::size_t tightest = W;
        for (std::size_t i = 0; i < W; ++i) {
            if (!(work[i] > 0)) continue;
            const bool covers = (next[i] <= peak + W && peak + W <= due[i]) ||
                                (next[i] <= peak && peak <= due[i]) ||
                                (next[i] <= peak + 2 * W && peak + 2 * W <= due[i]);
            if (covers && (tightest == W || count[i] < count[tightest])) tightest = i;
        }
        if (tightest == W) break;
        // The arrivals whose deadline binds: give up on them, or if they are late already, give
        // them longer to be done.
        std::size_t binding = W;
        for (std::size_t k = tightest; k < tightest + W; ++k) {
            const std::size_t kk = k % W;
            if ((kk == tightest || work[kk] > 0) && deadline[kk] + (k - kk) == due[tightest]) {
                binding = kk;
                break;
            }
        }
        if (binding == W) break;
        if (status[binding] == kFeasible) {
            status[binding] = capped ? kCapReached : kTooLittleWorkingTime;
        } else if (relaxed[binding] < W) {
            relaxed[binding] = std::min(W, 2 * relaxed[binding]);
        } else {
            break;
        }
    }
    for (std::size_t i = 0; i < W; ++i) {
        if (serving) (*serving)[i] = {next[i], due[i]};
        if (no_work) (*no_work)[i] = status[i];
    }
    return capacity;
}

void Planner::erlang_start() {
    const std::size_t channels = model_.channels.size();
    const std::size_t teams = model_.teams.size();
    const std::size_t W = weeks_;
    need_.assign(channels, std::vector<double>(W, 0.0));
    no_work_.assign(channels, std::vector<char>(W, 0));
    serving_.assign(channels, {});
    untargeted_.assign(teams, std::vector<double>(W, 0.0));
    std::vector<std::vector<double>> fluid(teams, std::vector<double>(W, 0.0));
    std::vector<std::vector<double>> untargeted_fluid(teams, std::vector<double>(W, 0.0));
    std::vector<std::vector<int>> queueing(teams, std::vector<int>(W, 0));  // targeted async
    std::vector<std::vector<int>> queue_need(teams, std::vector<int>(W, 0));
    std::vector<std::vector<int>> largest(teams, std::vector<int>(W, 0));
    related_.assign(teams * W, {});
    bool occupancy_rule = false;

    for (Index c = 0; c < channels; ++c) {
        if (!in_plan(c)) continue;
        const Channel& ch = model_.channels[c];
        const Index t = ch.team;
        const double aht = aht_[c];
        if (queue_mode(ch.mode)) {
            const int conc = concurrency(c);
            const int server_cap = cap() * conc;
            for (std::size_t w = 0; w < W; ++w) {
                const double lambda = offered_[c][w] / interval_;
                if (!(lambda > 0) || !(aht > 0)) continue;
                int servers = 0;
                if (target_[c]) {
                    const auto s = servers_for(lambda, aht, patience_[c], target_[c]->share,
                                               target_[c]->within_min, server_cap);
                    servers = s.value_or(server_cap);
                } else {
                    occupancy_rule = true;
                    const double load = lambda * aht / options_.max_occupancy;
                    servers = std::max(1, static_cast<int>(std::ceil(load - 1e-9)));
                }
                const int agents = (servers + conc - 1) / conc;
                need_[c][w] = std::max(need_[c][w], static_cast<double>(agents));
                // Closing: keep agents on for an interval to answer the contacts still waiting.
                const std::size_t n = (w + 1) % W;
                if (offered_[c][n] <= 0 && !ch.hours.is_open(static_cast<double>(n) * interval_)) {
                    const double waiting = mean_queue(lambda, aht, patience_[c], servers);
                    const int cover = std::max(
                        1, static_cast<int>(std::ceil(std::min(waiting, 1e6) / conc - 1e-9)));
                    need_[c][n] =
                        std::max(need_[c][n], static_cast<double>(std::min(cover, agents)));
                }
            }
            for (std::size_t w = 0; w < W; ++w) {
                const int agents = static_cast<int>(need_[c][w]);
                queue_need[t][w] += agents;
                largest[t][w] = std::max(largest[t][w], agents);
                if (!target_[c]) untargeted_[t][w] += agents;
                if (target_[c] && offered_[c][w] > 0) related_[t * W + w].push_back({c, w});
            }
        } else if (ch.mode == ChannelMode::Async) {
            std::vector<double> work(W);
            for (std::size_t w = 0; w < W; ++w)
                work[w] = offered_[c][w] * aht;
            const auto capacity =
                spread(t, work, window_of(within_of(c)), &no_work_[c], &serving_[c]);
            for (std::size_t w = 0; w < W; ++w) {
                const double agents = capacity[w] / interval_;
                need_[c][w] = agents;
                fluid[t][w] += agents;
                if (!target_[c]) {
                    untargeted_[t][w] += agents;
                    untargeted_fluid[t][w] += agents;
                }
            }
            if (!target_[c]) continue;
            // Arrivals are random: the work planned for an interval, offered as a queue to that
            // interval's agents, must leave room to respond within the target (a plan exactly at
            // the fluid rate would run at 100% occupancy).
            const double respond = std::max(0.0, target_[c]->within_min - aht);
            for (std::size_t w = 0; w < W; ++w) {
                if (!(need_[c][w] > 0) || !(aht > 0)) continue;
                const auto n = agents_for_service_level(need_[c][w] / aht, aht, target_[c]->share,
                                                        respond, cap());
                need_[c][w] = std::max(need_[c][w], static_cast<double>(n.value_or(cap())));
                queueing[t][w] += static_cast<int>(std::ceil(need_[c][w] - 1e-9));
            }
            for (std::size_t i = 0; i < W; ++i) {
                if (!(offered_[c][i] > 0) || no_work_[c][i]) continue;
                for (std::size_t j = serving_[c][i].first; j <= serving_[c][i].second; ++j) {
                    if (works_[t][j % W]) related_[t * W + j % W].push_back({c, i});
                }
            }
        }
    }
    if (occupancy_rule) {
        notes_.push_back(fmt::format(
            "live and messaging channels without a target are staffed to an occupancy of at most "
            "{:.0f}%",
            options_.max_occupancy * 100));
    }
    for (Index t = 0; t < teams; ++t) {
        if (!planned_team_[t]) continue;
        const auto capacity =
            spread(t, work_[t], window_of(options_.work_within_h * 60), nullptr, nullptr);
        for (std::size_t w = 0; w < W; ++w) {
            fluid[t][w] += capacity[w] / interval_;
            untargeted_[t][w] += capacity[w] / interval_;
            untargeted_fluid[t][w] += capacity[w] / interval_;
        }
        if (std::none_of(works_[t].begin(), works_[t].end(), [](char b) { return b != 0; }) &&
            std::any_of(fluid[t].begin(), fluid[t].end(), [](double x) { return x > 0; })) {
            notes_.push_back(fmt::format(
                "team \"{}\" has no working hours for its e-mail and back-office work; give it a "
                "schedule or plan with extended hours",
                model_.teams[t].id));
        }
    }

    // Per team: queue channels' needs added (pooling makes this conservative; verification trims)
    // plus the async and back-office work, rounded so that the cumulative capacity over the week
    // never falls behind the fluid plan.
    start_.assign(teams, std::vector<int>(W, 0));
    agents_ = good_ = bad_ = start_;
    for (Index t = 0; t < teams; ++t) {
        if (!planned_team_[t]) continue;
        const auto all_work = rounded_cumulatively(fluid[t]);
        const auto other_work = rounded_cumulatively(untargeted_fluid[t]);
        for (std::size_t w = 0; w < W; ++w) {
            const long long work = std::max<long long>(all_work[w], queueing[t][w] + other_work[w]);
            const long long total = queue_need[t][w] + work;
            start_[t][w] = static_cast<int>(std::min<long long>(total, cap()));
            // Never trim below the largest single-channel need, nor where work without a target
            // shares the interval (nothing checks it).
            const int lowest =
                untargeted_[t][w] > 0 ? start_[t][w] : std::min(largest[t][w], cap());
            agents_[t][w] = good_[t][w] = start_[t][w];
            bad_[t][w] = lowest - 1;
        }
    }
    alloc_.assign(channels, std::vector<int>(W, 0));
    for (Index c = 0; c < channels; ++c) {
        if (!in_plan(c) || !queue_mode(model_.channels[c].mode)) continue;
        for (std::size_t w = 0; w < W; ++w) {
            alloc_[c][w] = static_cast<int>(need_[c][w]) * concurrency(c);
        }
    }
}

}  // namespace journeysim::staffing_detail
