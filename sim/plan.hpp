#pragma once
/// \file
/// The model flattened for simulation: every lookup the event loop needs is an index into a flat
/// array, every distribution a ready `Sampler`. Built once per run and shared, read-only, by all
/// replication threads.

#include "sampler.hpp"

#include <journeysim/metrics.hpp>
#include <journeysim/model.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim::detail {

inline constexpr std::uint32_t kNoIndex = 0xFFFFFFFFu;
inline constexpr double kNever = std::numeric_limits<double>::infinity();

/// The sentiment drivers whose contributions are tracked separately (for the driver breakdown).
enum Driver : std::uint8_t {
    kFixedFirstTime,
    kRepeatContacts,
    kAbandoned,
    kSelfServiceFailed,
    kMissedTarget,
    kWaiting,
    kChannelExperience,
    kTouchpointExperience,
    kUnresolved,
    kDriverCount
};

/// The metric of each driver in the result.
inline constexpr std::array<const MetricKind*, kDriverCount> kDriverMetrics = {
    &metric::driver_fixed_first_time,
    &metric::driver_repeat_contacts,
    &metric::driver_abandoned,
    &metric::driver_self_service_failed,
    &metric::driver_missed_response_target,
    &metric::driver_waiting,
    &metric::driver_channel_experience,
    &metric::driver_touchpoint_experience,
    &metric::driver_unresolved};

/// A channel, ready to simulate.
struct ChannelPlan {
    std::string id;
    std::uint64_t id_hash = 0;  ///< a hash of the id, keying per-channel random numbers
    ChannelMode mode = ChannelMode::Live;
    std::uint32_t team = kNoIndex;
    bool always_open = true;
    const WeeklyHours* hours = nullptr;
    Sampler handle_time;
    Sampler wrap_up;
    bool has_wrap_up = false;
    Sampler patience;
    bool has_patience = false;  ///< live, messaging and in_person channels with `patience`
    double fix_rate = 1;
    double success_rate = 0;
    Sampler duration;            ///< self-service time
    double target_min = kNever;  ///< service target (answer or respond within), minutes
    double cost_per_contact = 0;
    double experience = 0;
    int concurrency = 1;
    int wait_mode = 0;  ///< index into the sentiment's per-mode arrays
    double unit = 1;    ///< share of an agent one contact occupies (1 / concurrency for messaging)
};

/// A queue of work: one per channel (index = channel index), then one per back-office work type.
struct QueuePlan {
    std::string name;               ///< channel id, or the work type
    std::uint32_t team = kNoIndex;  ///< the owner: the channel's team, or the receiving team
    /// Every team that serves the queue: the owner first, then, in model order, every other
    /// team with the queue's name in its skills (pooling and overflow).
    std::vector<std::uint32_t> teams;
    std::uint32_t channel = kNoIndex;  ///< kNoIndex for back-office work
    bool messaging = false;
    int concurrency = 1;
    double unit = 1;
};

/// A team: which queues it serves in which order, and its weekly staffing.
struct TeamPlan {
    std::string id;
    std::vector<std::uint32_t> queues;  ///< in routing priority, highest first
    /// Points in the week (minutes since Monday 00:00, ascending, the first at 0) where the
    /// number of agents on duty changes, and the number from then on.
    std::vector<std::pair<double, int>> staffing;
    double cost_per_hour = 0;
};

/// A probabilistic move: to `to` with cumulative probability `cumulative`.
struct Move {
    double cumulative = 1;
    std::uint32_t to = kNoIndex;
};

/// Where a contact sends a customer who gives up without an `on_give_up`: the journey ends
/// unresolved.
inline constexpr std::uint32_t kGiveUpEnd = kNoIndex - 1;

/// A touchpoint, ready to simulate.
struct TouchpointPlan {
    std::string id;
    std::uint64_t id_hash = 0;  ///< a hash of the id, keying the customer's streams here
    TouchpointKind kind = TouchpointKind::Step;
    double experience = 0;
    Sampler duration;
    bool has_duration = false;
    std::vector<Move> next;
    std::vector<BranchRule> rules;
    // self_service
    std::uint32_t channel = kNoIndex;
    std::uint32_t on_success = kNoIndex;
    std::uint32_t on_fail = kNoIndex;
    // contact
    std::vector<std::uint32_t> channels;
    std::vector<std::uint32_t> bound;  ///< employee journey per offered channel, or kNoIndex
    double stickiness = 0;
    std::uint32_t on_fixed = kNoIndex;
    std::uint32_t on_not_fixed = kNoIndex;
    std::uint32_t on_abandon = kNoIndex;
    std::uint32_t on_give_up = kNoIndex;
    Sampler retry_abandoned;     ///< the delay before a retry after an abandoned wait
    Sampler retry_not_fixed;     ///< after a contact that did not fix the issue
    Sampler retry_self_service;  ///< after failed self-service (here or at this contact)
    int max_attempts = kDefaultMaxAttempts;
    bool wait_when_closed = true;
    double fix_rate = -1;  ///< < 0: the channel's
    Sampler handle_time;
    bool has_handle_time = false;
    std::uint32_t contact_slot = kNoIndex;  ///< index of this contact among the journey's contacts
    std::vector<std::uint32_t> targets;     ///< every touchpoint a customer can move to from here
    // end
    Outcome outcome = Outcome::Resolved;
};

/// A horizontal band of the (time, height) plane from which arrivals are drawn: candidate points
/// arrive as a Poisson process of rate `high - low` per minute, each with a height uniform in
/// [low, high); a point at time t is a customer when its height is below the journey's rate at t.
/// Each band's points in each quarter hour come from a stream of their own, drawn only when the
/// rate reaches the band. Bands are the same for every model (powers of two of customers per
/// minute), so raising a journey's rate keeps all of its customers and only adds new ones
/// (common random numbers).
struct ArrivalBand {
    double low = 0;        ///< customers per minute
    double high = 0;       ///< customers per minute
    std::uint32_t id = 0;  ///< 0 for [0, 2^kLowestBand), then one per power of two
    double mean_gap = 0;   ///< 1 / (high - low), minutes between candidates on average
};

/// The lowest band is [0, 2^kLowestBand) customers per minute (22.5 a day).
inline constexpr int kLowestBand = -6;

/// Quarter hours in a week: the arrival rate is constant within each.
inline constexpr std::size_t kWeekSlots = 7 * kIntradaySlots;
inline constexpr double kSlotMinutes = kMinutesPerDay / kIntradaySlots;

/// A customer journey, ready to simulate.
struct JourneyPlan {
    std::string id;
    std::uint64_t id_hash = 0;  ///< a hash of the id, keying the journey's random streams
    std::uint32_t start = kNoIndex;
    std::vector<TouchpointPlan> touchpoints;
    std::vector<double> rate;  ///< arrivals per minute in each quarter hour of the week
    bool has_arrivals = false;
    std::vector<ArrivalBand> bands;          ///< bands up to the journey's highest rate
    std::vector<double> segment_cumulative;  ///< cumulative segment mix
    std::uint32_t contact_slots = 0;
};

/// A step of an employee journey, ready to simulate.
struct StepPlan {
    std::string id;
    StepKind kind = StepKind::Step;
    Sampler duration;
    std::vector<Move> next;
    std::uint32_t queue = kNoIndex;  ///< handoff: the work queue
    bool fixed = false;
};

/// An employee journey, ready to simulate.
struct EmployeeJourneyPlan {
    std::string id;
    std::uint32_t start = kNoIndex;
    std::vector<StepPlan> steps;
};

/// Segment data the engine needs per customer.
struct SegmentPlan {
    std::string id;
    Sampler baseline_ltr;
    std::vector<double> preference;  ///< weight per channel
    double digital_affinity = 1;
    double patience_factor = 1;
    Sampler return_after_opening;  ///< minutes after a channel opens (before truncation)
    double waits_for_preferred = 0;
};

/// The whole model, flattened.
struct Plan {
    const Model* model = nullptr;
    double horizon = 0;  ///< minutes
    double warmup = 0;   ///< minutes
    /// The end of the run-out (minutes): customers in a journey at the horizon are followed
    /// until their journeys end or this time comes.
    double run_out_end = 0;
    double interval = 15;
    std::size_t intervals = 0;  ///< statistics intervals in the horizon
    std::vector<ChannelPlan> channels;
    std::vector<QueuePlan> queues;
    std::vector<TeamPlan> teams;
    std::vector<SegmentPlan> segments;
    std::vector<JourneyPlan> journeys;
    std::vector<EmployeeJourneyPlan> employee_journeys;
    Sentiment sentiment;
    std::uint32_t max_contact_slots = 0;
    std::uint32_t max_touchpoints = 0;
};

/// Flattens a validated model. Throws `SimulationError` if the model cannot be simulated (a
/// reference that validation should have caught).
Plan make_plan(const Model& model);

/// Throws `SimulationError` unless `replications` is at least 1; `verb` says what they are
/// for ("run", "plan").
void require_replications(const Model& model, int replications, std::string_view verb);

/// The index of the wait-tolerance entry for a channel mode.
int wait_mode_of(ChannelMode mode);

}  // namespace journeysim::detail
