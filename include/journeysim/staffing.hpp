#pragma once
/// \file
/// Staffing planning: the fewest agents per team per planning interval of the week that meet
/// every service-level target. Demand (offered contacts per channel and interval, handle times,
/// back-office work) is measured by simulating the model, a first plan comes from the Erlang
/// formulas, and the plan is verified and corrected by simulation (multi-skill teams,
/// concurrency, retries and priorities make the formulas only a start). Method and limits:
/// docs/staffing.md.

#include <journeysim/model.hpp>
#include <journeysim/result.hpp>
#include <journeysim/simulate.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace journeysim {

/// A service-level target to plan for: `share` of the channel's contacts answered (async:
/// responded to) within `within_min` minutes. Whether it is an answer or a response target
/// follows from the channel's mode.
struct StaffingTarget {
    Index channel = kNone;  ///< channel index in the model (an assisted channel)
    double share = 0.8;     ///< in (0, 1]
    double within_min = 0;  ///< minutes, >= 0
    bool operator==(const StaffingTarget&) const = default;
};

/// A target as written on the command line, before it is resolved against a model.
struct TargetSpec {
    std::string channel;    ///< channel id
    double share = 0;       ///< in (0, 1]
    double within_min = 0;  ///< minutes
    bool operator==(const TargetSpec&) const = default;
};

/// Parses `CHANNEL:SHARE/TIME`, e.g. `phone:0.8/20` (80% within 20 seconds), `chat:80%/1min`,
/// `email:0.9/24h`. TIME is a number with an optional unit: `s` (the default), `min` or `h`.
/// The channel id is everything before the last `:`. Throws `std::invalid_argument` with a
/// message saying what is wrong and showing the expected form.
TargetSpec parse_target_spec(std::string_view text);

/// Resolves a parsed target against `model`. Throws `InputError` naming the channel when the
/// model has no such channel (with the closest id as a hint) or when it is a self-service
/// channel (nobody to staff).
StaffingTarget resolve_target(const Model& model, const TargetSpec& spec);

/// How to plan.
struct StaffingOptions {
    // The simulation options' defaults are those of `SimulationOptions`.
    /// Replications of every simulation (demand and verification).
    int replications = SimulationOptions{}.replications;
    /// Master seed; every round uses it (common random numbers).
    std::uint64_t seed = SimulationOptions{}.seed;
    /// Worker threads; 0 = one per CPU. The plan does not depend on it.
    int threads = SimulationOptions{}.threads;
    std::size_t max_in_system = SimulationOptions{}.max_in_system;  ///< as in SimulationOptions
    /// Planning interval in minutes; 0 = the model's `horizon.interval_min`. Must be a
    /// multiple of the model's interval and divide a day (e.g. 15, 30 or 60).
    double interval_min = 0;
    int max_agents = 1000;  ///< cap on a team's agents in any interval
    /// Paid hours of one full-time equivalent per week (36: the usual Dutch full-time week).
    double fte_hours = 36;
    int max_rounds = 8;  ///< verification rounds (simulations) that may change the plan
    /// Async and back-office work may be planned at any hour; otherwise only within the
    /// team's current hours (the periods in which its schedule has agents).
    bool extend_hours = false;
    /// Plan channels that carry a `service_target` in the model with that target, unless a
    /// target in the list given to `plan_staffing` replaces it.
    bool use_model_targets = true;
    /// Back-office work (hand-offs) and async channels without a target are planned to be done
    /// within this many hours of arriving.
    double work_within_h = 24;
    /// Async and back-office work may raise a team's agents in an interval to at most this
    /// multiple of that work's average level over the team's working hours; arrivals that would
    /// need more (typically after a weekend without work) are reported as infeasible.
    double max_surge = 3;
    /// Live and messaging channels without a target get enough agents to keep their occupancy
    /// at or below this share.
    double max_occupancy = 0.85;
    /// Called from the calling thread before every simulation with a one-line description of
    /// what is being done (optional).
    std::function<void(const std::string&)> log;
};

/// Why a target is not met in an interval.
enum class ShortfallReason {
    Cap,            ///< the team is at `max_agents` in an interval where more would be needed
    NoWorkingTime,  ///< async: the team does not work within the response window
    /// async: the team works too little within the response window to clear the work that
    /// arrived before (first come, first served) without a surge above `max_surge`
    TooLittleWorkingTime,
    StillShort,  ///< below target after the last verification round
};

/// The reasons' names in the plan JSON.
JOURNEYSIM_ENUM_NAMES(ShortfallReason, "cap", "no_working_time", "too_little_working_time",
                      "still_short");

/// A target not met in one interval of the week.
struct Shortfall {
    Index channel = kNone;
    std::size_t interval = 0;  ///< weekly planning interval (0 = Monday 00:00)
    ShortfallReason reason = ShortfallReason::StillShort;
    double target = 0;  ///< the target share
    /// Measured service level in the final verification (NaN if nothing was measured).
    double achieved = std::numeric_limits<double>::quiet_NaN();
};

/// The plan for one team.
struct StaffedTeam {
    Index team = kNone;
    /// Whether the plan sets this team's schedule (it serves a planned channel); other teams
    /// keep their schedule from the model.
    bool planned = false;
    std::vector<int> agents;        ///< per weekly planning interval (planned teams)
    std::vector<int> start_agents;  ///< the Erlang start, per weekly interval
    double agent_hours = 0;         ///< scheduled agent-hours per week
    double fte = 0;                 ///< agent_hours / fte_hours
    double cost = 0;                ///< agent_hours × cost_per_hour, per week
    int peak = 0;                   ///< most agents in any interval
    double model_agent_hours = 0;   ///< agent-hours per week of the model's own schedule
};

/// What the plan does for one assisted channel.
struct StaffedChannel {
    Index channel = kNone;
    std::optional<StaffingTarget> target;  ///< none: staffed for its load only
    bool target_from_model = false;        ///< the target is the model's `service_target`
    double aht_min = 0;                 ///< agent minutes per contact (messaging: per conversation)
    std::vector<double> offered;        ///< contacts per weekly interval (demand simulation)
    std::vector<double> start_agents;   ///< the channel's own Erlang (or workload) need
    std::vector<double> service_level;  ///< achieved per weekly interval (NaN: none measured)
    Estimate achieved;                  ///< over the measured period of the final verification
    std::size_t below_within_noise = 0;  ///< intervals below target but within the noise margin
};

/// A staffing plan.
struct StaffingPlan {
    std::string model;  ///< the model's name
    std::uint64_t seed = 0;
    int replications = 0;
    double interval_min = 15;  ///< planning interval
    double fte_hours = 36;
    int max_agents = 0;
    int rounds = 0;                  ///< verification simulations run (including the final check)
    bool converged = false;          ///< the last round changed nothing
    std::vector<StaffedTeam> teams;  ///< one per model team, in model order
    std::vector<StaffedChannel> channels;  ///< assisted channels of planned teams, model order
    std::vector<Shortfall> shortfalls;     ///< by channel, then interval
    std::vector<std::string> notes;        ///< assumptions and limits that applied
    std::shared_ptr<const Model> planned_model;  ///< the model with the planned schedules
    Result final_result;                         ///< the last verification simulation

    /// Planning intervals per week.
    std::size_t intervals() const;
    /// "Mon 08:00": the start of weekly interval `w`.
    std::string interval_label(std::size_t w) const;
};

/// Plans staffing for `model` so that every target is met (see the file comment): one
/// simulation to measure demand, then at most `options.max_rounds` verification rounds that may
/// change the plan and, if the last of them did, one final verification (each verification is
/// two batches of replications). Throws `InputError` for a target on a self-service channel, a
/// share outside (0, 1], no target at all, or a planning interval that does not fit the model;
/// `SimulationError` when the model cannot be simulated.
StaffingPlan plan_staffing(const ValidModel& model, const std::vector<StaffingTarget>& targets,
                           const StaffingOptions& options = {});

/// Returns a copy of `model` in which every team in `teams` gets the weekly schedule
/// `agents[team]` (agents per planning interval of `interval_min` minutes, Monday 00:00
/// first), written as a stack of shifts.
Model with_weekly_schedules(const Model& model, const std::vector<std::vector<int>>& agents,
                            double interval_min);

// The plan as JSON and as a table: staffing_to_json and staffing_to_table in
// <journeysim/report.hpp> (the report library).

}  // namespace journeysim
