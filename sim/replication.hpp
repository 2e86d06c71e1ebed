#pragma once
/// \file
/// One replication: the discrete-event engine that walks customers through their journeys,
/// queues their contacts on channels and lets teams' agents work them.

#include "customer.hpp"
#include "event_queue.hpp"
#include "plan.hpp"
#include "ring_queue.hpp"
#include "stats.hpp"

#include <journeysim/simulate.hpp>

#include <atomic>
#include <cstdint>
#include <vector>

namespace journeysim::detail {

/// Where one replication's random numbers and outputs come from and go to.
struct ReplicationSetup {
    std::uint64_t seed = 0;
    std::uint32_t replication = 0;  ///< 0-based
    bool intervals = false;
    TraceSink* trace = nullptr;
    std::atomic<std::uint64_t>* progress = nullptr;   ///< receives simulated minutes as they pass
    std::size_t max_in_system = kDefaultMaxInSystem;  ///< SimulationOptions::max_in_system
};

/// Runs one replication of a plan. Not thread-safe itself; replications run in parallel as
/// separate objects sharing the read-only plan.
class Replication {
  public:
    Replication(const Plan& plan, const ReplicationSetup& setup);

    /// Simulates the horizon and the run-out and returns what was measured. Call once.
    ReplicationStats run();

  private:
    /// The event loop: up to the horizon, then the run-out until every journey has ended or
    /// the run-out's end comes.
    void run_events();
    /// Ends the measured period at the horizon: closes the time integrals, notes who is in
    /// the system, and stops channel and team figures from counting.
    void close_window();
    /// Notes every queue's length now into `channel_field` of its channel's figures, or
    /// `work_field` of a back-office queue's.
    /// Counts `delta` agents more (or fewer) present in `team`, after its `present` changed.
    void on_duty_changed(std::uint32_t team, int delta);
    void note_backlogs(double ChannelStats::*channel_field, double WorkStats::*work_field);

    /// Run-away guards: more events than this at one simulated instant means the clock has
    /// stopped advancing; more customers than `ReplicationSetup::max_in_system` in the system
    /// at once means they pile up without bound. Both end the replication with an error.
    static constexpr std::uint64_t kMaxEventsAtOneInstant = 10'000'000;
    [[noreturn]] void stalled(bool arrival_next);
    [[noreturn]] void overflowing();

    // --- agents (team.cpp)
    struct Agent {
        std::uint32_t team = 0;
        std::uint32_t load = 0;          ///< work items held (messaging: conversations)
        std::uint32_t queue = kNoIndex;  ///< messaging: the channel queue of its conversations
        bool present = false;
        /// The messaging queue whose list of agents with a free slot holds this agent (entries
        /// are checked when taken, so the list may also hold stale ones).
        std::uint32_t partial_queue = kNoIndex;
    };
    struct TeamState {
        std::vector<std::uint32_t> idle;
        std::vector<std::uint32_t> absent;
        int present = 0;
        int target = 0;
        std::size_t staffing_index = 0;
        double week_start = 0;
    };
    struct Entry {
        std::uint32_t customer = 0;
        std::uint32_t token = 0;
    };
    struct QueueState {
        RingQueue<Entry> entries;  ///< may hold stale entries of customers who abandoned
        std::uint32_t waiting = 0;
        std::vector<std::uint32_t> partial;  ///< messaging agents with a free slot
    };

    void on_staff_change(std::uint32_t team);
    void set_agents(std::uint32_t team, int agents);
    /// Hands a work item of queue `q` to an agent if one is free; else queues it.
    void offer_to_queue(std::uint32_t q, std::uint32_t customer);
    /// An agent that can take an item of queue `q` now, or kNoIndex.
    std::uint32_t free_agent_for(std::uint32_t q);
    /// Gives an idle or partly loaded agent work from the team's queues in priority order.
    void dispatch(std::uint32_t agent);
    /// Takes the first valid entry of queue `q` for `agent`.
    void take(std::uint32_t q, std::uint32_t agent);
    void assign(std::uint32_t agent, std::uint32_t q, std::uint32_t customer);
    /// Frees one slot of `agent` taken by an item of queue `q`.
    void release_slot(std::uint32_t agent, std::uint32_t q, bool failure_demand);
    /// Releases the agent holding `customer`'s contact, after wrap-up when it is a channel's;
    /// returns the wrap-up time (minutes).
    double release_holder(std::uint32_t customer);
    void on_wrap_up_done(std::uint32_t agent, std::uint32_t packed);
    void note_partial(std::uint32_t agent);
    void queue_length_changed(std::uint32_t q);

    // --- customers and journeys (customer.cpp)
    void on_arrival(std::uint32_t journey);
    /// Draws the journey's next arrival time (arrivals are kept outside the event heap: one
    /// pending arrival per journey; at equal times events of the heap run first).
    void schedule_arrival(std::uint32_t journey);
    void set_next_arrival(std::uint32_t journey, double t);
    /// Walks a customer from touchpoint `tp` until it has to wait or its journey ends.
    /// `revisit` skips the visit bookkeeping for the first touchpoint (a contact choosing again
    /// after waiting for a channel to open).
    void walk(std::uint32_t customer, std::uint32_t tp, bool revisit = false);
    /// Counts a move along the edge `from` → `to` of the customer's journey.
    void moved(const Customer& c, std::uint32_t from, std::uint32_t to);
    /// Moves a customer to `tp` after `delay` minutes (walking on at once when `direct`).
    void move(std::uint32_t customer, std::uint32_t tp, double delay, bool direct);
    std::uint32_t next_of(const std::vector<Move>& moves, Engine& engine) const;
    std::uint32_t branch(std::uint32_t customer, const TouchpointPlan& tp);
    /// Self-service at a touchpoint; returns where to go at once, or kNoIndex if waiting.
    std::uint32_t self_service(std::uint32_t customer, const TouchpointPlan& tp);
    /// One use of self-service channel `channel`: draws success and duration, books the
    /// channel's figures, the sentiment and the trace row; returns the duration.
    double use_self_service(std::uint32_t customer, std::uint32_t channel, bool& success);
    void finish(std::uint32_t customer, Outcome outcome);
    void feel(std::uint32_t customer, Driver driver, double points);
    /// Sentiment of a wait of `wait` minutes: beyond the mode's tolerance, and (when answered)
    /// beyond the channel's service target.
    void feel_wait(std::uint32_t customer, const ChannelPlan& channel, double wait, bool answered);

    // --- contacts and channels (channel.cpp)
    /// A contact touchpoint; returns where to go at once, or kNoIndex if waiting.
    std::uint32_t contact(std::uint32_t customer, std::uint32_t tp);
    /// The offered channel with the strictly highest weight, or kNoIndex on a tie.
    static std::uint32_t preferred_channel(const TouchpointPlan& tp,
                                           const std::vector<double>& preference);
    /// The customer waits at the contact for `channel` (closed now) to open.
    void wait_for_opening(std::uint32_t customer, std::uint32_t tp_index, std::uint32_t channel,
                          std::uint64_t occasion);
    /// Whether a channel takes new contacts now (cached until its next opening or closing;
    /// when closed, `open_state_[channel].until` is when it opens).
    bool is_open(std::uint32_t channel);
    void on_abandon(std::uint32_t customer, std::uint32_t token);
    /// An agent of the channel's team answers the customer's contact.
    void answer(std::uint32_t customer);
    /// An agent of a back-office team starts a hand-off work item.
    void start_work(std::uint32_t customer);
    void on_handling_done(std::uint32_t customer, std::uint32_t token);
    /// Runs the current contact's employee journey from its current step.
    void run_steps(std::uint32_t customer, bool direct);
    void complete_contact(std::uint32_t customer, bool fixed, bool direct);
    /// Starts the employee-journey figures of the contact an agent has just answered.
    void start_case(std::uint32_t customer);
    /// Counts a visit of the case's current step; a second visit makes the case rework.
    void visit_step(std::uint32_t customer) {
        Customer& c = customers_[customer];
        const std::size_t at = customer * case_stride_;
        for (std::uint32_t i = 0; i < c.case_steps; ++i) {
            if (case_step_[at + i] == c.step) {
                ++case_visits_[at + i];
                c.case_slot = i;
                c.case_reworked = true;
                return;
            }
        }
        c.case_slot = c.case_steps++;
        case_step_[at + c.case_slot] = c.step;
        case_visits_[at + c.case_slot] = 1;
        case_step_time_[at + c.case_slot] = 0;
    }
    /// Books `minutes` of employee time on the case's current step.
    void work_on_step(std::uint32_t customer, double minutes) {
        Customer& c = customers_[customer];
        c.case_time += minutes;
        c.item_time += minutes;
        case_step_time_[customer * case_stride_ + c.case_slot] += minutes;
    }
    /// Books the figures of a completed employee-journey case to its journey and to `team`,
    /// the team of the contact's channel.
    void book_case(std::uint32_t customer, bool fixed, TeamStats& team);
    void trace(std::uint32_t customer, std::uint32_t channel, double arrival, double answer,
               double end, const char* outcome);
    std::size_t interval_of(double t) const;

    /// Whether channel and team figures count now: inside the measured period.
    bool measured() const { return now_ >= window_from_; }

    const Plan& plan_;
    ReplicationSetup setup_;
    double now_ = 0;
    /// The start of the measured period for channel and team figures and time integrals:
    /// the warm-up's end, then never once the horizon has passed.
    double window_from_ = plan_.warmup;
    bool window_closed_ = false;
    /// When the backlogs are noted for their growth (whole weeks before the horizon, at the same
    /// time of the week; see `backlog_check_days`), then never once noted.
    double backlog_check_ = kNever;
    std::uint64_t events_handled_ = 0;
    double progress_reported_ = 0;  ///< simulated minutes already added to setup_.progress
    EventQueue events_;
    CustomerPool customers_;
    std::vector<Agent> agents_;
    std::vector<TeamState> teams_;
    std::vector<QueueState> queues_;
    /// One band's candidate arrivals within the current quarter hour (see `ArrivalBand`).
    struct Block {
        Engine gaps;              ///< inter-arrival gaps
        std::uint64_t key = 0;    ///< the block's seed; keys the candidates' heights and identity
        std::uint64_t index = 0;  ///< candidates so far
    };
    /// Where a journey's arrival process stands.
    struct ArrivalState {
        std::vector<std::uint64_t> band_keys;  ///< per band: (seed, replication, journey, band)
        std::vector<Block> blocks;             ///< per band; the first `active` are in use
        std::vector<double> next;              ///< per band: time of the block's next candidate
        std::size_t active = 0;                ///< bands the current quarter hour's rate reaches
        std::uint64_t slot = 0;                ///< the current quarter hour since the start
        bool started = false;
        double rate = 0;           ///< in the current quarter hour, per minute
        std::uint64_t number = 0;  ///< identity of the pending arrival
    };
    std::vector<ArrivalState> arrivals_;  ///< per journey
    std::vector<std::uint64_t> journey_seeds_;
    std::vector<double> next_arrival_;
    double next_arrival_time_ = kNever;
    std::uint32_t next_arrival_journey_ = 0;
    std::uint64_t trace_count_ = 0;
    struct OpenState {
        double until = -1;  ///< the state below holds for times before this
        bool open = false;
    };
    std::vector<OpenState> open_state_;
    std::vector<std::uint32_t> scratch_;  // candidate channels of a choice
    ReplicationStats stats_;
    // Per customer record, the distinct steps its current case has visited, in order of first
    // visit, with their visits and employee minutes ([record * case_stride_ + slot]; grows with
    // the customers present at once, not with the customers simulated).
    std::size_t case_stride_ = max_steps(plan_);
    std::vector<std::uint32_t> case_step_;
    std::vector<std::uint32_t> case_visits_;
    std::vector<double> case_step_time_;
};

}  // namespace journeysim::detail
