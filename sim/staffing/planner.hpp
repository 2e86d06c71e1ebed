#pragma once
// Shared by the staffing planner's files (sim/staffing/): the planner, its working types and
// the sizing and result-reading helpers. The method is described in docs/staffing.md.

#include <journeysim/detail/diagnostics.hpp>
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

namespace journeysim::staffing_detail {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Decisions to add or remove agents are taken only when the measured service level differs
/// from the target by more than this many standard errors. With a few hundred intervals per
/// channel, 3 keeps the expected number of changes caused by noise alone well below one.
constexpr double kDecisionZ = 3.0;

// ---------------------------------------------------------------------------------------------
// Queueing and result-reading helpers (sizing.cpp)

bool queue_mode(ChannelMode mode);

/// Service level (answered within `within` / all arrivals) of an M/M/n(+M) queue.
double erlang_service_level(double lambda, double aht, double patience, int n, double within);

/// Fewest servers in [0, cap] meeting `share` within `within`; nullopt if `cap` does not.
std::optional<int> servers_for(double lambda, double aht, double patience, double share,
                               double within, int cap);

/// Mean number waiting in an M/M/n(+M) queue.
double mean_queue(double lambda, double aht, double patience, int n);

/// Servers needed when the queue behaves as if handle times were `f` times longer, `f` chosen
/// so that the formula reproduces the measured service level with `n` servers.
int calibrated_servers(double lambda, double aht, double patience, double within, int n,
                       double achieved, double share, int cap);

/// The replication values of metric `kind` of the channel or team `id` (empty if none).
const std::vector<double>& values_of(const Result& r, const MetricKind& kind,
                                     const std::string& id);

/// Mean over replications, NaN entries skipped.
double mean_of(const std::vector<double>& values);

/// Appends the replications of `b` to `a` (same model, so the same metrics in the same order).
Result merge_results(Result a, const Result& b);

/// Whole agents per interval whose running total never falls behind the running total of
/// `fluid` (fractional agents), so work is never planned later than the fluid plan has it.
std::vector<long long> rounded_cumulatively(const std::vector<double>& fluid);

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
    Planner(const ValidModel& valid, const std::vector<StaffingTarget>& targets,
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
    /// The simulation settings of every run the planner makes (intervals on).
    SimulationOptions simulation_options() const;
    /// Simulates `model` (the model with a planned schedule, validated again).
    Verification verify(const ValidModel& model) const;
    void evaluate(const Verification& v);
    int correct(const Verification& v);
    std::vector<Shortfall> shortfalls() const;
    StaffingPlan assemble(const Verification& v, int rounds, bool converged) const;

    const ValidModel& valid_;
    const Model& model_;  ///< *valid_
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

}  // namespace journeysim::staffing_detail
