#pragma once
/// \file
/// Statistics of one replication, accumulated as events happen (no per-customer records), and
/// their conversion into named metric values.

#include "plan.hpp"

#include <journeysim/result.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace journeysim::detail {

/// The time integral of a piecewise-constant quantity over the measured period [from, ...).
class TimeIntegral {
  public:
    /// Sets the quantity to `value` from time `now` on.
    void set(double now, double value, double from) {
        advance(now, from);
        value_ = value;
    }
    /// Adds `delta` to the quantity from time `now` on.
    void add(double now, double delta, double from) {
        advance(now, from);
        value_ += delta;
    }
    /// Accounts for the time up to `now` without changing the quantity.
    void advance(double now, double from) {
        const double start = last_ > from ? last_ : from;
        if (now > start) {
            area_ += value_ * (now - start);
            if (value_ > peak_) peak_ = value_;
        }
        last_ = now;
    }
    double value() const { return value_; }
    double area() const { return area_; }
    /// The largest value held for some time after `from` (0 if none).
    double peak() const { return peak_; }

  private:
    double value_ = 0;
    double last_ = 0;
    double area_ = 0;
    double peak_ = 0;
};

/// Customer KPIs of a group of customers (all, a journey, or a segment).
struct GroupStats {
    double customers = 0;  ///< ended customers who arrived after the warm-up
    double promoters = 0;
    double passives = 0;
    double detractors = 0;
    double ltr_sum = 0;
    double with_contact = 0;            ///< customers with at least one assisted contact
    double first_fixed = 0;             ///< ... whose first assisted contact fixed the issue
    double sought_contact = 0;          ///< customers who reached a contact touchpoint
    double first_contact_resolved = 0;  ///< ... whose first attempt there fixed the issue
    double contacts = 0;                ///< assisted contacts
    double switches = 0;                ///< channel switches
    std::array<double, 3> outcomes{};   ///< per `Outcome`
    double resolution_time_sum = 0;     ///< minutes from arrival to a resolved end
    std::array<double, 11> scores{};    ///< customers per final score 0–10
    /// Change in promoters (detractors) if a driver's contributions were left out.
    std::array<double, kDriverCount> promoter_shift{};
    std::array<double, kDriverCount> detractor_shift{};

    GroupStats& operator+=(const GroupStats& other);
};

/// Per channel counts (events after the warm-up) and time integrals.
struct ChannelStats {
    double offered = 0;
    double answered = 0;
    double abandoned = 0;
    double waited = 0;          ///< answered or abandoned after a wait > 0
    double wait_answered = 0;   ///< minutes
    double wait_abandoned = 0;  ///< minutes
    double within_target = 0;   ///< answered (async: responded) within the service target
    double completed = 0;       ///< contacts whose handling ended
    double fixed = 0;
    double handle_time = 0;     ///< agent minutes of completed contacts
    double responded_time = 0;  ///< async: minutes from offer to response
    double failure_demand = 0;  ///< contacts offered after an unfixed contact
    double repeat = 0;          ///< contacts offered by customers with earlier contacts
    double cost = 0;
    double max_queue = 0;
    double backlog_check = 0;    ///< contacts waiting at the backlog check
    double backlog_end = 0;      ///< contacts waiting at the horizon
    TimeIntegral queue;          ///< contacts waiting
    TimeIntegral busy;           ///< agents busy on the channel (messaging: 1/concurrency each)
    TimeIntegral engaged;        ///< messaging: agents with at least one conversation
    TimeIntegral conversations;  ///< messaging: conversations in progress
};

/// Per touchpoint of a journey (customers who arrived after the warm-up).
struct TouchpointStats {
    double visits = 0;
    double ltr_change = 0;  ///< sum of sentiment effects booked while at the touchpoint
    double completed = 0;   ///< contacts completed here
    double fixed = 0;
    double left = 0;             ///< customers who moved on from here or whose journey ended here
    double ltr_after = 0;        ///< sum of their scores so far at that moment
    std::vector<double> chosen;  ///< contact attempts per offered channel (the plan's order)
};

/// Per back-office work queue.
struct WorkStats {
    double offered = 0;
    double handled = 0;
    double wait = 0;  ///< minutes, of handled items
    double max_queue = 0;
    double backlog_check = 0;  ///< items waiting at the backlog check
    double backlog_end = 0;    ///< items waiting at the horizon
    TimeIntegral queue;
};

/// Per team.
struct TeamStats {
    double handled = 0;         ///< work items taken (contacts and hand-offs)
    TimeIntegral on_duty;       ///< agents present
    TimeIntegral staffed;       ///< 1 while at least one agent is present
    TimeIntegral busy;          ///< agents busy
    TimeIntegral busy_failure;  ///< agents busy on failure demand
    // Work items the team's agents finished, taken after the warm-up.
    double items = 0;
    double item_time = 0;  ///< minutes worked on them (wrap-up excluded)
    // Contacts the team's agents released to wrap-up after the warm-up.
    double wrap_ups = 0;
    double wrap_time = 0;  ///< minutes of wrap-up drawn for them
    double wrap_busy = 0;  ///< agent-minutes in wrap-up within the measured period
    // Contacts on the team's channels answered after the warm-up and completed.
    double contacts = 0;
    double transfers = 0;  ///< hand-offs in them to another team
    double cases = 0;      ///< those handled by an employee journey
    double reworked = 0;   ///< ... with a step done more than once
};

/// Per step of an employee journey, over the journey's counted cases.
struct StepStats {
    double visits = 0;
    double time = 0;  ///< employee minutes
};

/// Per employee journey: its cases (contacts it handled) answered after the warm-up and
/// completed before the horizon.
struct EmployeeJourneyStats {
    double cases = 0;
    double time = 0;  ///< employee minutes on steps (waiting for a hand-off excluded)
    double handoffs = 0;
    double reworked = 0;  ///< cases with a step done more than once
    double fixed = 0;
    std::vector<StepStats> steps;
};

/// Per-interval channel counts, attributed to the interval in which a contact was offered.
struct IntervalCell {
    double offered = 0;
    double answered = 0;
    double abandoned = 0;
    double completed = 0;
    double handle_time = 0;    ///< minutes
    double wait_answered = 0;  ///< minutes
    double within_target = 0;
};

/// Everything one replication measures.
struct ReplicationStats {
    // Conservation, over all customers including the warm-up.
    double arrived = 0;
    double ended = 0;
    double in_system = 0;            ///< at the horizon
    double open_at_run_out_end = 0;  ///< still in a journey when the run-out ended
    double counted_arrivals = 0;     ///< customers arriving after the warm-up

    /// Per (journey, segment) cell: [journey * segments + segment]. Sums give the KPIs per
    /// journey, per segment and overall (one update per customer instead of three).
    std::vector<GroupStats> cells;
    /// Per journey, per touchpoint, for customers who arrived after the warm-up.
    std::vector<std::vector<TouchpointStats>> touchpoints;
    /// Per journey: moves from touchpoint a to b at [a * touchpoints + b].
    std::vector<std::vector<double>> moves;
    std::vector<ChannelStats> channels;
    std::vector<WorkStats> work;  ///< per queue index (only back-office queues are used)
    std::vector<TeamStats> teams;
    std::vector<EmployeeJourneyStats> employee_journeys;
    std::vector<IntervalCell> intervals;  ///< [interval * channels + channel], if requested

    double measured_minutes = 0;
    /// Days from the backlog check to the horizon; 0 when the horizon is too short for one.
    double backlog_check_days = 0;
    std::uint64_t events = 0;
    std::uint64_t customers = 0;

    /// Sizes every table for `plan`.
    void init(const Plan& plan, bool with_intervals);
};

/// How many days before the horizon a replication notes its backlogs, to measure their growth
/// up to it, for a measured period of `measured_days`: k whole weeks, k the most that leaves at
/// least as long again after the warm-up (so the check falls at the same time of the week as
/// the horizon, once the queues have settled). 0 when the period is shorter than two weeks.
double backlog_check_days(double measured_days);

/// The most steps of any employee journey of `plan`.
std::size_t max_steps(const Plan& plan);

/// Writes the metrics of replication number `replication` into `result` (whose
/// `replications` is set), in the fixed order of the result JSON: the first replication adds
/// the metrics, the others fill in their values.
void write_metrics(const Plan& plan, const ReplicationStats& stats, std::size_t replication,
                   Result& result);

}  // namespace journeysim::detail
