#pragma once
/// \file
/// The journey model: channels, teams, segments, sentiment, customer and employee journeys.
/// A `Model` is built by the loader (`load.hpp`), validated, and never changed afterwards.
/// References between parts are resolved to indices into the owning vectors.

#include <journeysim/calendar.hpp>
#include <journeysim/distribution.hpp>
#include <journeysim/enum_names.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace journeysim {

/// Index of a part of the model (a channel, a touchpoint, ...) in its vector.
using Index = std::size_t;
inline constexpr Index kNone = static_cast<Index>(-1);

/// The index of the part whose `id` is `id` in `parts` (channels, touchpoints, ...), or kNone.
template <typename Parts>
Index index_of(const Parts& parts, std::string_view id) {
    for (Index i = 0; i < parts.size(); ++i) {
        if (parts[i].id == id) return i;
    }
    return kNone;
}

/// How a channel works.
enum class ChannelMode {
    Live,         ///< phone, video, live chat: a queue with waiting and abandonment
    Messaging,    ///< WhatsApp-like sessions; an agent serves `concurrency` at once
    Async,        ///< e-mail, web form: a backlog worked in the team's hours
    SelfService,  ///< web, app, chatbot, IVR: succeeds with a success rate
    InPerson,     ///< store or visit: a queue served by the channel's team, no abandonment
};

JOURNEYSIM_ENUM_NAMES(ChannelMode, "live", "messaging", "async", "self_service", "in_person");

/// A service-level target: answer (or respond) within `within_min` for `share` of contacts.
struct ServiceTarget {
    double within_min = 0;  ///< from `answer_within_s` or `respond_within_h`, in minutes
    double share = 0;       ///< in [0,1]
    bool respond = false;   ///< true for async `respond_within_h`
    bool operator==(const ServiceTarget&) const = default;
};

/// A way customers reach the organisation.
struct Channel {
    std::string id;
    std::string label;  ///< display name; the id when not given
    ChannelMode mode = ChannelMode::Live;
    WeeklyHours hours = WeeklyHours::always();
    bool hours_given = false;
    Index team = kNone;                       ///< serving team (assisted modes)
    std::optional<Distribution> handle_time;  ///< minutes per contact (per conversation)
    double fix_rate = 1.0;                    ///< share of handled contacts that fix the issue
    std::optional<Distribution> patience;     ///< live/messaging: how long a customer waits
    std::optional<ServiceTarget> service_target;
    double cost_per_contact = 0;           ///< currency units per handled contact
    double experience = 0;                 ///< LTR shift for using the channel
    int concurrency = 1;                   ///< messaging: conversations per agent
    double success_rate = 0;               ///< self-service: base success probability
    std::optional<Distribution> duration;  ///< self-service: time spent, minutes
    std::optional<Distribution> wrap_up;   ///< after-contact work per handled contact, minutes
    bool operator==(const Channel&) const = default;
};

/// A period of a team's week with a number of agents at work.
struct Shift {
    WeeklyHours hours = WeeklyHours::always();
    int agents = 0;
    bool operator==(const Shift&) const = default;
};

/// Employees who serve channels and back-office work.
struct Team {
    std::string id;
    std::string label;
    std::vector<Shift> schedule;  ///< constant `agents` is one always-open shift
    bool constant_agents = false;
    std::vector<std::string> skills;    ///< channel ids and back-office work types
    std::vector<std::string> priority;  ///< skills in routing priority, highest first
    double cost_per_hour = 0;
    /// Agents on duty at absolute time `t` (the sum over shifts open at `t`).
    int agents_at(double t) const;
    bool operator==(const Team&) const = default;
};

/// A customer persona.
struct Segment {
    std::string id;
    std::string label;
    double share = 0;
    Distribution baseline_ltr;               ///< likelihood-to-recommend 0–10 before the journey
    std::vector<double> channel_preference;  ///< weight per channel index (default 1)
    double digital_affinity = 1.0;           ///< multiplies self-service success rates
    double patience_factor = 1.0;            ///< multiplies patience
    /// When a customer who waits for a closed channel comes back, in minutes after the channel
    /// opens, drawn truncated to that opening period (unset: exponential with mean
    /// kDefaultReturnAfterOpeningMin).
    std::optional<Distribution> return_after_opening;
    /// The probability that a customer whose most preferred offered channel (the one with the
    /// strictly highest weight) is closed waits for it to open instead of taking an open one.
    double waits_for_preferred = 0;
    bool operator==(const Segment&) const = default;
};

/// Channel modes that have a waiting tolerance in `Sentiment`.
enum class WaitMode { Live, Messaging, Async, InPerson };
inline constexpr std::size_t kWaitModes = 4;
JOURNEYSIM_ENUM_NAMES(WaitMode, "live", "messaging", "async", "in_person");
static_assert(EnumNames<WaitMode>::values.size() == kWaitModes);

/// How events move a customer's likelihood-to-recommend (points on the 0–10 scale).
struct Sentiment {
    double fixed_first_time = 0;
    double per_repeat_contact = 0;
    double abandoned = 0;
    double self_service_failed = 0;
    double missed_response_target = 0;
    double unresolved = 0;
    std::array<double, kWaitModes> wait_tolerance_min{2, 10, 480, 10};
    std::array<double, kWaitModes> per_min_over_tolerance{0, 0, 0, 0};
    bool operator==(const Sentiment&) const = default;
};

enum class TouchpointKind { Step, SelfService, Contact, Branch, End };
JOURNEYSIM_ENUM_NAMES(TouchpointKind, "step", "self_service", "contact", "branch", "end");

enum class Outcome { Resolved, Unresolved, Churned };
JOURNEYSIM_ENUM_NAMES(Outcome, "resolved", "unresolved", "churned");

/// A weighted edge: go to touchpoint (or step) `to` with probability `p`.
struct Transition {
    Index to = kNone;
    double p = 1.0;
    bool operator==(const Transition&) const = default;
};

/// A test on the customer's state, used by conditional branches. All given parts must hold.
struct Condition {
    std::optional<int> contacts_at_least;
    std::optional<int> contacts_at_most;
    std::optional<bool> fixed;
    std::optional<Index> last_channel;
    std::optional<Index> segment;
    bool operator==(const Condition&) const = default;
};

struct BranchRule {
    Condition when;
    Index to = kNone;
    bool operator==(const BranchRule&) const = default;
};

/// What a contact touchpoint does when every offered channel is closed.
enum class WhenClosed { Wait, GiveUp };
JOURNEYSIM_ENUM_NAMES(WhenClosed, "wait", "give_up");

/// A node of a customer journey.
struct Touchpoint {
    std::string id;
    std::string label;
    TouchpointKind kind = TouchpointKind::Step;
    double experience = 0;                 ///< LTR shift on passing through
    std::optional<Distribution> duration;  ///< step: time spent, minutes
    std::vector<Transition> next;          ///< step; branch (probabilistic or `otherwise`)
    std::vector<BranchRule> rules;         ///< branch: first matching rule wins
    // self_service
    Index channel = kNone;
    Index on_success = kNone;
    Index on_fail = kNone;
    // contact
    std::vector<Index> channels;
    double stickiness = 0;
    Index on_fixed = kNone;
    Index on_not_fixed = kNone;
    Index on_abandon = kNone;
    Index on_give_up = kNone;
    /// Contact: waited before every retry unless one of the two below is given for the case.
    /// Self-service: waited after a failure before going on to `on_fail`.
    std::optional<Distribution> retry_delay;
    std::optional<Distribution> retry_after_abandoned;  ///< after an abandoned wait
    std::optional<Distribution> retry_after_not_fixed;  ///< after a contact that did not fix it
    int max_attempts = 0;                               ///< 0: kDefaultMaxAttempts
    WhenClosed when_closed = WhenClosed::Wait;
    std::optional<double> fix_rate;           ///< overrides the channel's
    std::optional<Distribution> handle_time;  ///< overrides the channel's
    // end
    Outcome outcome = Outcome::Resolved;
    bool operator==(const Touchpoint&) const = default;
};

/// Named intraday shapes: `office`, `flat`, `evening`; or custom weights.
inline constexpr std::size_t kIntradaySlots = 96;  ///< quarter hours per day

/// The arrival process of a journey: a non-homogeneous Poisson process.
struct Arrivals {
    double per_day = 0;  ///< mean customers on a day with weekday factor 1
    std::array<double, 7> weekday_profile{1, 1, 1, 1, 1, 1, 1};  ///< Monday first
    std::array<double, kIntradaySlots> intraday{};  ///< weights per quarter hour, sum 1
    std::string intraday_name;           ///< the named profile, or empty for custom weights
    std::vector<double> intraday_given;  ///< custom weights as written (24 or 96)
    std::vector<double> segment_mix;     ///< share per segment index (sums to 1)
    /// Rate in customers per minute at absolute time `t`.
    double rate_at(double t) const;
    bool operator==(const Arrivals&) const = default;
};

/// What a move out of a touchpoint stands for.
enum class MoveKind { Next, Success, Fail, Fixed, NotFixed, Abandoned, GaveUp, Rule, Otherwise };

/// One possible move out of a touchpoint.
struct TouchpointMove {
    MoveKind kind = MoveKind::Next;
    Index to = kNone;
    std::size_t index = 0;  ///< Next/Otherwise: the entry of `next`; Rule: the entry of `rules`
    double p = 1.0;         ///< Next/Otherwise: the entry's probability; 1 otherwise
};

/// Calls `visit(const TouchpointMove&)` for every move a customer can make out of `tp`, by its
/// kind and in a fixed order: a step's `next`; a self-service's success and fail; a contact's
/// fixed, not fixed, abandoned and gave up; a branch's rules, then its `next` (`otherwise`
/// when it has rules). Moves to nowhere (`kNone`) are skipped. Validation, diagrams, the
/// engine's flattening and flow overlays all walk a journey with this one function.
template <typename Visit>
void for_each_move(const Touchpoint& tp, Visit&& visit) {
    auto one = [&](MoveKind kind, Index to, std::size_t index = 0, double p = 1.0) {
        if (to != kNone) visit(TouchpointMove{kind, to, index, p});
    };
    auto list = [&](MoveKind kind) {
        for (std::size_t i = 0; i < tp.next.size(); ++i)
            one(kind, tp.next[i].to, i, tp.next[i].p);
    };
    switch (tp.kind) {
        case TouchpointKind::Step:
            list(MoveKind::Next);
            break;
        case TouchpointKind::SelfService:
            one(MoveKind::Success, tp.on_success);
            one(MoveKind::Fail, tp.on_fail);
            break;
        case TouchpointKind::Contact:
            one(MoveKind::Fixed, tp.on_fixed);
            one(MoveKind::NotFixed, tp.on_not_fixed);
            one(MoveKind::Abandoned, tp.on_abandon);
            one(MoveKind::GaveUp, tp.on_give_up);
            break;
        case TouchpointKind::Branch:
            for (std::size_t r = 0; r < tp.rules.size(); ++r)
                one(MoveKind::Rule, tp.rules[r].to, r);
            list(tp.rules.empty() ? MoveKind::Next : MoveKind::Otherwise);
            break;
        case TouchpointKind::End:
            break;
    }
}

/// What a customer journey and an employee journey both have: the id the file gives it, its
/// label and its description.
struct JourneyIdentity {
    std::string id;
    std::string label;
    std::string description;
    bool operator==(const JourneyIdentity&) const = default;
};

/// A customer journey: an arrival process and a graph of touchpoints.
struct Journey : JourneyIdentity {
    Arrivals arrivals;
    Index start = kNone;
    std::vector<Touchpoint> touchpoints;
    Index find(std::string_view touchpoint_id) const {
        return index_of(touchpoints, touchpoint_id);
    }
    bool operator==(const Journey&) const = default;
};

enum class StepKind { Step, Handoff, End };
JOURNEYSIM_ENUM_NAMES(StepKind, "step", "handoff", "end");

/// A step of an employee journey.
struct EmployeeStep {
    std::string id;
    std::string label;
    StepKind kind = StepKind::Step;
    std::optional<Distribution> duration;  ///< minutes of the agent's (or hand-off team's) time
    std::vector<Transition> next;
    Index team = kNone;  ///< handoff: the team that does the work
    std::string work;    ///< handoff: the work type (a skill of that team)
    bool fixed = false;  ///< end: whether the customer's issue is fixed
    bool operator==(const EmployeeStep&) const = default;
};

/// Where an employee journey applies: a channel, or a journey's contact touchpoint
/// (optionally only for some of its channels).
struct Binding {
    Index journey = kNone;
    Index touchpoint = kNone;
    std::vector<Index> channels;
    bool operator==(const Binding&) const = default;
};

/// The organisation's side of a touchpoint.
struct EmployeeJourney : JourneyIdentity {
    Binding binding;
    Index start = kNone;
    std::vector<EmployeeStep> steps;
    Index find(std::string_view step_id) const { return index_of(steps, step_id); }
    bool operator==(const EmployeeJourney&) const = default;
};

/// Simulated length. Days start at Monday 00:00.
/// Contacts a customer makes at one contact touchpoint when `max_attempts` is not given; the
/// next arrival there gives up (`on_give_up`, or the journey ends unresolved).
inline constexpr int kDefaultMaxAttempts = 5;
/// The mean of the exponential delays used when a contact gives no `retry_delay`: after an
/// abandoned wait, and after a contact that did not fix the issue (minutes). Failed
/// self-service goes on at once unless its touchpoint gives a `retry_delay`. Modelling
/// defaults, not measured: fit them from a log.
inline constexpr double kDefaultRetryAfterAbandonedMin = 30;
inline constexpr double kDefaultRetryAfterNotFixedMin = 24 * 60;

/// The mean of the exponential return time of customers who met only closed channels and
/// wait for one to open (minutes after it opens, truncated to the opening period). A modelling
/// default, not measured.
inline constexpr double kDefaultReturnAfterOpeningMin = 60;

/// How long customers still in a journey at the horizon are followed by default (days).
inline constexpr double kDefaultRunOutDays = 90;

struct Horizon {
    double days = 7;
    double warmup_days = 0;
    double interval_min = 15;  ///< length of statistics intervals
    /// After the horizon, arrivals stop and customers still in a journey are followed for up to
    /// this many days until their journeys end (0: not followed). Customer and employee figures
    /// cover every customer who arrived in the measured period; channel and team figures only
    /// the period itself.
    double run_out_days = kDefaultRunOutDays;
    bool operator==(const Horizon&) const = default;
};

/// A whole service landscape. Built by `load_model`, immutable afterwards.
struct Model {
    std::string name;
    std::string description;
    /// What costs are in: an ISO 4217 code ("EUR") or a symbol ("€"); empty: not said. Shown
    /// with every cost the outputs give.
    std::string currency;
    std::string file;  ///< where it was loaded from, for messages
    Horizon horizon;
    std::vector<Channel> channels;
    std::vector<Team> teams;
    std::vector<Segment> segments;
    Sentiment sentiment;
    std::vector<Journey> journeys;
    std::vector<EmployeeJourney> employee_journeys;

    Index find_channel(std::string_view id) const { return index_of(channels, id); }
    Index find_team(std::string_view id) const { return index_of(teams, id); }
    Index find_segment(std::string_view id) const { return index_of(segments, id); }
    Index find_journey(std::string_view id) const { return index_of(journeys, id); }
    /// Customers per week over all journeys (per_day × weekday factors).
    double customers_per_week() const;
    /// The employee journey that handles contacts on `channel` at touchpoint `touchpoint` of
    /// journey `journey`, or `kNone`. A touchpoint binding (listing the channel, or no channels:
    /// all of them) wins over a channel binding; among bindings of one kind the last wins.
    Index employee_journey_for(Index journey, Index touchpoint, Index channel) const;

    /// Compares content; `file` is ignored.
    bool operator==(const Model& other) const;
};

}  // namespace journeysim
