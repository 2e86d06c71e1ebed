// Staffing planning: demand from a simulation, an Erlang start, and verification rounds that
// correct the plan by simulation. The method is described in docs/staffing.md.
#include <journeysim/erlang.hpp>
#include <journeysim/error.hpp>
#include <journeysim/simulate.hpp>
#include <journeysim/staffing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace journeysim {

const char* to_string(ShortfallReason reason) {
    switch (reason) {
        case ShortfallReason::Cap:
            return "cap";
        case ShortfallReason::NoWorkingTime:
            return "no_working_time";
        case ShortfallReason::TooLittleWorkingTime:
            return "too_little_working_time";
        case ShortfallReason::StillShort:
            return "still_short";
    }
    return "still_short";
}

std::size_t StaffingPlan::intervals() const {
    return static_cast<std::size_t>(std::llround(kMinutesPerWeek / interval_min));
}

std::string StaffingPlan::interval_label(std::size_t w) const {
    return format_clock(static_cast<double>(w) * interval_min);
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Decisions to add or remove agents are taken only when the measured service level differs
/// from the target by more than this many standard errors. With a few hundred intervals per
/// channel, 3 keeps the expected number of changes caused by noise alone well below one.
constexpr double kDecisionZ = 3.0;

// ---------------------------------------------------------------------------------------------
// Target parsing

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || end != last || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// ---------------------------------------------------------------------------------------------
// Queueing helpers

bool queue_mode(ChannelMode mode) {
    return mode == ChannelMode::Live || mode == ChannelMode::Messaging ||
           mode == ChannelMode::InPerson;
}

/// Service level (answered within `within` / all arrivals) of an M/M/n(+M) queue.
double erlang_service_level(double lambda, double aht, double patience, int n, double within) {
    if (lambda <= 0) return 1.0;
    if (std::isfinite(patience)) return erlang_a(lambda, aht, patience, n).answered_within(within);
    return erlang_c(lambda, aht, n).service_level(within);
}

/// Fewest servers in [0, cap] meeting `share` within `within`; nullopt if `cap` does not.
std::optional<int> servers_for(double lambda, double aht, double patience, double share,
                               double within, int cap) {
    if (lambda <= 0 || aht <= 0) return 0;
    if (!std::isfinite(patience)) {
        return agents_for_service_level(lambda, aht, share, within, cap);
    }
    if (erlang_service_level(lambda, aht, patience, cap, within) < share) return std::nullopt;
    int lo = -1;   // fails (or none)
    int hi = cap;  // meets
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        if (erlang_service_level(lambda, aht, patience, mid, within) >= share) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    return hi;
}

/// Mean number waiting in an M/M/n(+M) queue.
double mean_queue(double lambda, double aht, double patience, int n) {
    if (lambda <= 0 || n <= 0) return 0;
    if (std::isfinite(patience)) return erlang_a(lambda, aht, patience, n).mean_queue;
    const ErlangC c = erlang_c(lambda, aht, n);
    return c.stable ? lambda * c.mean_wait : kInf;
}

/// Servers needed when the queue behaves as if handle times were `f` times longer, `f` chosen
/// so that the formula reproduces the measured service level with `n` servers.
int calibrated_servers(double lambda, double aht, double patience, double within, int n,
                       double achieved, double share, int cap) {
    double lo = std::log(1.0 / 8);
    double hi = std::log(8.0);
    for (int i = 0; i < 40; ++i) {
        const double mid = (lo + hi) / 2;
        if (erlang_service_level(lambda, aht * std::exp(mid), patience, n, within) > achieved) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    const double factor = std::exp((lo + hi) / 2);
    return servers_for(lambda, aht * factor, patience, share, within, cap).value_or(cap);
}

// ---------------------------------------------------------------------------------------------
// Statistics read from a result

std::string channel_path(const Model& m, Index c, const char* leaf) {
    return "/channels/" + json_pointer_token(m.channels[c].id) + "/" + leaf;
}

std::string team_path(const Model& m, Index t, const char* leaf) {
    return "/teams/" + json_pointer_token(m.teams[t].id) + "/" + leaf;
}

const std::vector<double>& values_of(const Result& r, const std::string& path) {
    static const std::vector<double> none;
    const Metric* m = r.find(path);
    return m != nullptr ? m->values : none;
}

/// Mean over replications, NaN entries skipped.
double mean_of(const std::vector<double>& values) {
    double sum = 0;
    std::size_t n = 0;
    for (double v : values) {
        if (std::isnan(v)) continue;
        sum += v;
        ++n;
    }
    return n > 0 ? sum / static_cast<double>(n) : kNaN;
}

/// Appends the replications of `b` to `a` (same model, so the same metrics in the same order).
Result merge_results(Result a, const Result& b) {
    const double wa = a.replications;
    const double wb = b.replications;
    for (std::size_t i = 0; i < a.metrics.size() && i < b.metrics.size(); ++i) {
        auto& values = a.metrics[i].values;
        values.insert(values.end(), b.metrics[i].values.begin(), b.metrics[i].values.end());
    }
    for (std::size_t i = 0; i < a.intervals.size() && i < b.intervals.size(); ++i) {
        IntervalRow& x = a.intervals[i];
        const IntervalRow& y = b.intervals[i];
        const double da = x.handled + x.abandoned;
        const double db = y.handled + y.abandoned;
        const auto pool = [&](double u, double wu, double v, double wv) {
            if (std::isnan(u)) return wv > 0 ? v : u;
            if (std::isnan(v)) return wu > 0 ? u : v;
            return wu + wv > 0 ? (u * wu + v * wv) / (wu + wv) : (u + v) / 2;
        };
        x.aht_s = pool(x.aht_s, wa * x.handled, y.aht_s, wb * y.handled);
        x.asa_s = pool(x.asa_s, wa * x.handled, y.asa_s, wb * y.handled);
        x.service_level = pool(x.service_level, wa * da, y.service_level, wb * db);
        x.offered = (x.offered * wa + y.offered * wb) / (wa + wb);
        x.handled = (x.handled * wa + y.handled * wb) / (wa + wb);
        x.abandoned = (x.abandoned * wa + y.abandoned * wb) / (wa + wb);
    }
    a.replications += b.replications;
    a.statistics.customers += b.statistics.customers;
    a.statistics.events += b.statistics.events;
    a.statistics.seconds += b.statistics.seconds;
    return a;
}

// ---------------------------------------------------------------------------------------------
// The planner

/// Per channel and weekly planning interval, from the interval table of a result: contacts
/// offered (mean per occurrence of the interval in the measured period), and for the service
/// level the contacts that count (answered + abandoned; async: replied) and those within the
/// target, summed over replications and measured days.
struct Folded {
    std::vector<std::vector<double>> offered;
    std::vector<std::vector<double>> counted;
    std::vector<std::vector<double>> within;
    std::vector<std::vector<double>> rows;  ///< model intervals seen
};

/// One verification simulation, in two batches of replications (different seeds), so the noise
/// of an interval's service level can be measured from the difference of the batches.
struct Verification {
    Result result;               ///< both batches merged
    Folded folded;               ///< both batches
    std::vector<double> spread;  ///< per channel: variance ratio to the binomial (>= 1)
};

/// A (channel, weekly interval) whose service level a team interval affects.
struct Check {
    Index channel = kNone;
    std::size_t interval = 0;
};

enum class Verdict { None, Short, Ok, Comfortable };

/// Whether async arrivals of an interval can meet their target.
constexpr char kFeasible = 0;
constexpr char kNoWorkingTime = 1;         ///< no working time within the window
constexpr char kTooLittleWorkingTime = 2;  ///< too little to clear the work ahead
constexpr char kCapReached = 3;            ///< ... within the cap on agents

class Planner {
  public:
    Planner(const Model& model, const std::vector<StaffingTarget>& targets,
            const StaffingOptions& options);
    StaffingPlan run();

  private:
    std::size_t weekly_index(std::size_t day, double start_min) const {
        return (day % 7) * per_day_ +
               static_cast<std::size_t>(std::floor(start_min / interval_ + 1e-9));
    }
    bool in_plan(Index c) const {
        const Channel& ch = model_.channels[c];
        return ch.mode != ChannelMode::SelfService && ch.team != kNone && planned_team_[ch.team];
    }
    int concurrency(Index c) const {
        const Channel& ch = model_.channels[c];
        return ch.mode == ChannelMode::Messaging ? std::max(1, ch.concurrency) : 1;
    }
    int cap() const { return options_.max_agents; }
    double within_of(Index c) const {
        return target_[c] ? target_[c]->within_min : options_.work_within_h * 60;
    }
    /// Planning intervals an async arrival may wait for (at least one, at most a week).
    std::size_t window_of(double within_min) const {
        const double m = std::ceil(within_min / interval_ - 1e-9);
        return static_cast<std::size_t>(std::clamp(m, 1.0, static_cast<double>(weeks_)));
    }
    void log(const std::string& line) const {
        if (options_.log) options_.log(line);
    }

    Folded fold(const Result& result) const;
    void measure_demand(const Result& result, Folded folded);
    void set_working_hours();
    std::vector<double> spread(Index team, const std::vector<double>& work, std::size_t window,
                               std::vector<char>* no_work,
                               std::vector<std::pair<std::size_t, std::size_t>>* serving) const;
    void erlang_start();
    Model current_model() const;
    Verification verify(const Model& model) const;
    void evaluate(const Verification& v);
    int correct(const Verification& v);
    std::vector<Shortfall> shortfalls() const;
    StaffingPlan assemble(const Verification& v, int rounds, bool converged) const;

    const Model& model_;
    StaffingOptions options_;
    double interval_ = 15;
    std::size_t per_day_ = 96;
    std::size_t weeks_ = 672;  // planning intervals per week
    std::size_t sub_ = 1;      // model statistics intervals per planning interval
    std::vector<std::optional<StaffingTarget>> target_;
    std::vector<bool> from_model_;
    std::vector<bool> planned_team_;
    std::vector<std::string> notes_;

    // Demand, measured on the model as it is.
    std::vector<std::vector<double>> offered_;  // [channel][w], per week
    std::vector<double> aht_;                   // [channel] minutes (messaging: per conversation)
    std::vector<double> patience_;              // [channel] mean minutes, +inf for none
    std::vector<std::vector<double>> work_;     // [team][w] back-office minutes arriving

    // The Erlang start.
    std::vector<std::vector<char>> works_;    // [team][w] async work may be planned then
    std::vector<std::vector<double>> need_;   // [channel][w] the channel's own need, agents
    std::vector<std::vector<char>> no_work_;  // [channel][w] async: no working time in window
    /// [channel][w] async: the team intervals (unwrapped first..last) that serve its arrivals.
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> serving_;
    std::vector<std::vector<double>> untargeted_;  // [team][w] load without a target, agents
    std::vector<std::vector<int>> start_;          // [team][w]
    std::vector<std::vector<int>> alloc_;          // [channel][w] queue channels: servers counted
    std::vector<std::vector<Check>> related_;      // [team * weeks + w]

    // Verification state.
    std::vector<std::vector<int>> agents_;       // [team][w]
    std::vector<std::vector<int>> good_;         // lowest level verified (or believed) to meet
    std::vector<std::vector<int>> bad_;          // highest level known (or assumed) to fall short
    std::vector<std::vector<Verdict>> verdict_;  // [channel][w]
    std::vector<std::vector<double>> achieved_;  // [channel][w]
};

Planner::Planner(const Model& model, const std::vector<StaffingTarget>& targets,
                 const StaffingOptions& options)
    : model_(model), options_(options) {
    const double base = model.horizon.interval_min;
    interval_ = options.interval_min > 0 ? options.interval_min : base;
    const double ratio = interval_ / base;
    const double per_day = kMinutesPerDay / interval_;
    if (!(interval_ > 0) || ratio < 1 - 1e-9 || std::fabs(ratio - std::round(ratio)) > 1e-9 ||
        std::fabs(per_day - std::round(per_day)) > 1e-9) {
        throw InputError({Diagnostic{
            Severity::Error, model.file, "/horizon/interval_min",
            fmt::format("the planning interval ({} min) must be a multiple of the model's "
                        "statistics interval ({} min) and divide a day",
                        interval_, base),
            fmt::format("plan in intervals of {} min or a multiple of it that divides a day, "
                        "such as 60",
                        base)}});
    }
    if (options.replications < 1) {
        throw SimulationError(
            fmt::format("replications must be at least 1 (got {})", options.replications));
    }
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
            throw InputError({Diagnostic{
                Severity::Error, model.file, pointer,
                fmt::format("channel \"{}\" is self-service: it has no agents to plan", ch.id),
                "give targets for live, messaging, async or in_person channels"}});
        }
        if (!(t.share > 0 && t.share <= 1) || !(t.within_min >= 0)) {
            throw InputError({Diagnostic{
                Severity::Error, model.file, pointer,
                fmt::format("the target for \"{}\" needs a share in (0, 1] and a time of at least "
                            "0 (got {} within {} min)",
                            ch.id, t.share, t.within_min),
                ""}});
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
        notes_.push_back(
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
        const auto& occupancy = values_of(result, channel_path(model_, c, "occupancy"));
        const auto& hours = values_of(result, team_path(model_, ch.team, "agent_hours"));
        const auto& handled = values_of(result, channel_path(model_, c, "handled"));
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
        const auto& occupancy = values_of(result, team_path(model_, t, "occupancy"));
        const auto& hours = values_of(result, team_path(model_, t, "agent_hours"));
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
            works_[t][w] = team.agents_at((static_cast<double>(w) + 0.5) * interval_) > 0;
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

/// Whole agents per interval whose running total never falls behind the running total of
/// `fluid` (fractional agents), so work is never planned later than the fluid plan has it.
std::vector<long long> rounded_cumulatively(const std::vector<double>& fluid) {
    std::vector<long long> out(fluid.size(), 0);
    double cumulative = 0;
    long long given = 0;
    for (std::size_t w = 0; w < fluid.size(); ++w) {
        cumulative += fluid[w];
        const auto due = static_cast<long long>(std::ceil(cumulative - 1e-6));
        out[w] = std::max(0LL, due - given);
        given += out[w];
    }
    return out;
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

Verification Planner::verify(const Model& model) const {
    SimulationOptions so;
    so.seed = options_.seed;
    so.threads = options_.threads;
    so.max_in_system = options_.max_in_system;
    so.intervals = true;
    Verification v;
    const std::size_t channels = model_.channels.size();
    v.spread.assign(channels, 1.0);
    if (options_.replications < 2) {
        so.replications = options_.replications;
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
                allocations.push_back({Check{c, w}, delta * conc});
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
            const Metric* m = v.result.find(channel_path(model_, c, "service_level"));
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
        throw InputError({Diagnostic{Severity::Error, model_.file, "/channels",
                                     "no channel has a service target to plan for",
                                     "give targets such as --target phone:0.8/20, or add "
                                     "\"service_target\" to assisted channels in the model"}});
    }
    log(fmt::format("measuring demand: simulating the model as it is ({} replications)",
                    options_.replications));
    SimulationOptions so;
    so.replications = options_.replications;
    so.seed = options_.seed;
    so.threads = options_.threads;
    so.max_in_system = options_.max_in_system;
    so.intervals = true;
    const Result demand = simulate(model_, so);
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
        const Verification v = verify(current_model());
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

}  // namespace

TargetSpec parse_target_spec(std::string_view text) {
    const auto fail = [&](const std::string& what) {
        throw std::invalid_argument(fmt::format(
            "target \"{}\": {}; write CHANNEL:SHARE/TIME, e.g. phone:0.8/20 (80% answered within "
            "20 s) or email:0.9/24h (90% replied to within 24 h)",
            text, what));
    };
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) fail("no ':' after the channel");
    if (colon == 0) fail("no channel before ':'");
    TargetSpec spec;
    spec.channel = std::string(text.substr(0, colon));
    const std::string_view rest = text.substr(colon + 1);
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) fail("no '/' between the share and the time");
    std::string_view share_text = rest.substr(0, slash);
    const bool percent = !share_text.empty() && share_text.back() == '%';
    if (percent) share_text.remove_suffix(1);
    const auto share = parse_number(share_text);
    if (!share) fail(fmt::format("the share \"{}\" is not a number", rest.substr(0, slash)));
    spec.share = percent ? *share / 100 : *share;
    if (!(spec.share > 0 && spec.share <= 1)) {
        fail(fmt::format("the share must lie in (0, 1] (got {}){}", rest.substr(0, slash),
                         !percent && *share > 1 && *share <= 100 ? "; write 0.8 or 80%" : ""));
    }
    std::string_view time_text = rest.substr(slash + 1);
    std::size_t unit_at = time_text.size();
    while (unit_at > 0 && std::isalpha(static_cast<unsigned char>(time_text[unit_at - 1]))) {
        --unit_at;
    }
    const std::string_view unit = time_text.substr(unit_at);
    const auto amount = parse_number(time_text.substr(0, unit_at));
    if (!amount) fail(fmt::format("the time \"{}\" is not a number with a unit", time_text));
    double minutes_per_unit = 0;
    if (unit.empty() || unit == "s") {
        minutes_per_unit = 1.0 / 60;
    } else if (unit == "min") {
        minutes_per_unit = 1.0;
    } else if (unit == "h") {
        minutes_per_unit = 60.0;
    } else {
        fail(fmt::format("unknown time unit \"{}\" (use s, min or h)", unit));
    }
    if (*amount < 0) fail("the time must not be negative");
    spec.within_min = *amount * minutes_per_unit;
    return spec;
}

StaffingTarget resolve_target(const Model& model, const TargetSpec& spec) {
    const Index c = model.find_channel(spec.channel);
    if (c == kNone) {
        std::string best;
        std::size_t best_distance = std::numeric_limits<std::size_t>::max();
        std::vector<std::string> ids;
        for (const auto& ch : model.channels) {
            ids.push_back(ch.id);
            const std::size_t d = edit_distance(spec.channel, ch.id);
            if (d < best_distance) {
                best_distance = d;
                best = ch.id;
            }
        }
        const bool close = best_distance <= std::max<std::size_t>(2, spec.channel.size() / 3);
        throw InputError(
            {Diagnostic{Severity::Error, model.file, "/channels",
                        fmt::format("no channel \"{}\" in the model", spec.channel),
                        close ? fmt::format("did you mean \"{}\"?", best)
                              : fmt::format("the channels are: {}", fmt::join(ids, ", "))}});
    }
    const Channel& ch = model.channels[c];
    if (ch.mode == ChannelMode::SelfService) {
        throw InputError({Diagnostic{
            Severity::Error, model.file, "/channels/" + json_pointer_token(ch.id),
            fmt::format("channel \"{}\" is self-service: it has no agents to plan", ch.id),
            "give targets for live, messaging, async or in_person channels"}});
    }
    return StaffingTarget{c, spec.share, spec.within_min};
}

StaffingPlan plan_staffing(const Model& model, const std::vector<StaffingTarget>& targets,
                           const StaffingOptions& options) {
    Planner planner(model, targets, options);
    return planner.run();
}

Model with_weekly_schedules(const Model& model, const std::vector<std::vector<int>>& agents,
                            double interval_min) {
    Model out = model;
    for (Index t = 0; t < out.teams.size() && t < agents.size(); ++t) {
        const auto& a = agents[t];
        if (a.empty()) continue;
        Team& team = out.teams[t];
        team.schedule.clear();
        team.constant_agents = false;
        const int peak = std::max(0, *std::max_element(a.begin(), a.end()));
        // Layer k holds the periods with at least k agents; equal layers make one shift.
        std::vector<std::pair<double, double>> previous;
        int count = 0;
        const auto flush = [&] {
            if (count > 0 && !previous.empty()) {
                team.schedule.push_back(Shift{WeeklyHours::from_periods(previous), count});
            }
        };
        for (int k = 1; k <= peak; ++k) {
            std::vector<std::pair<double, double>> periods;
            for (std::size_t w = 0; w < a.size(); ++w) {
                if (a[w] < k) continue;
                const double start = static_cast<double>(w) * interval_min;
                if (!periods.empty() && periods.back().second == start) {
                    periods.back().second = start + interval_min;
                } else {
                    periods.emplace_back(start, start + interval_min);
                }
            }
            if (periods == previous) {
                ++count;
            } else {
                flush();
                previous = std::move(periods);
                count = 1;
            }
        }
        flush();
        if (team.schedule.empty()) {
            team.constant_agents = true;
            team.schedule.push_back(Shift{WeeklyHours::always(), 0});
        }
    }
    return out;
}

}  // namespace journeysim
