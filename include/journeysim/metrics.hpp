#pragma once
/// \file
/// The catalogue of metrics: one declaration per metric a run estimates, with where it sits in
/// the result JSON, its unit, which direction is better and its label. The engine emits
/// metrics by these declarations; the result JSON, the CSV, the terminal tables, comparisons
/// and the HTML report read them by the same declarations, so a metric cannot be misspelt in
/// one place and silently missing in another.
///
/// A metric's path is its scope's prefix with the ids of the things it belongs to, then its
/// name: `/channels/{channel}/asa_s` is `metric::channel_asa_s` with the id of one channel.
/// Ids are JSON-pointer escaped in paths ("/" → "~1", "~" → "~0").

#include <journeysim/enum_names.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace journeysim {

/// What a metric's value measures; it fixes how the value is shown.
enum class Unit : std::uint8_t {
    Count,    ///< a number of things (customers, contacts) in the measured window
    Share,    ///< a fraction in [0, 1], shown as a percentage
    Points,   ///< NPS points (−100 to 100)
    Score,    ///< likelihood to recommend (0 to 10) or a change of it
    Ratio,    ///< a number per customer, per case or per busy agent
    Seconds,  ///< a duration in seconds
    Minutes,  ///< a duration in minutes
    Hours,    ///< a duration in hours
    Money,    ///< the model's currency
    Agents,   ///< agents on duty
    PerHour,  ///< a number per hour of the measured window
};

/// The units' names in CSV files.
JOURNEYSIM_ENUM_NAMES(Unit, "count", "share", "nps_points", "score", "ratio", "s", "min", "h",
                      "money", "agents", "per_h");

/// Which change of a metric is an improvement.
enum class Better : std::int8_t { Lower = -1, Neither = 0, Higher = 1 };

/// Where a metric sits: the part of its path before its name, with the ids it takes.
enum class Scope : std::uint8_t {
    Kpi,                ///< /kpis/NAME
    LtrHistogram,       ///< /kpis/ltr_histogram/SCORE (the score 0–10 is the id)
    Driver,             ///< /drivers/NAME
    Outcome,            ///< /outcomes/OUTCOME/share
    Journey,            ///< /journeys/JOURNEY/NAME
    JourneyOutcome,     ///< /journeys/JOURNEY/outcomes/OUTCOME/share
    Touchpoint,         ///< /journeys/JOURNEY/touchpoints/TOUCHPOINT/NAME
    Move,               ///< /journeys/JOURNEY/touchpoints/FROM/to/TO
    TouchpointChannel,  ///< /journeys/JOURNEY/touchpoints/TOUCHPOINT/channels/CHANNEL/NAME
    Segment,            ///< /segments/SEGMENT/NAME
    Channel,            ///< /channels/CHANNEL/NAME
    Team,               ///< /teams/TEAM/NAME
    TeamWork,           ///< /teams/TEAM/work/QUEUE/NAME
    EmployeeJourney,    ///< /employee_journeys/JOURNEY/NAME
    Step,               ///< /employee_journeys/JOURNEY/steps/STEP/NAME
    Flow,               ///< /flow/NAME
};

/// How many ids a metric of `scope` takes (e.g. 2 for a touchpoint: journey and touchpoint).
std::size_t id_count(Scope scope);

// The catalogue. One line per metric: C++ name, scope, name in the path (empty where the path
// ends in an id), unit, better direction, decimals shown in tables, label (lower case, no
// unit: the unit adds "(s)", "(min)", "(h)" or "%" itself).
// clang-format off
#define JOURNEYSIM_METRICS(X) \
    X(nps,                            Kpi, "nps",                     Points,  Higher,  1, "NPS") \
    X(promoters,                      Kpi, "promoters",               Share,   Higher,  1, "promoters (9\u201310)") \
    X(passives,                       Kpi, "passives",                Share,   Neither, 1, "passives (7\u20138)") \
    X(detractors,                     Kpi, "detractors",              Share,   Lower,   1, "detractors (0\u20136)") \
    X(ltr_mean,                       Kpi, "ltr_mean",                Score,   Higher,  2, "mean likelihood to recommend") \
    X(ftf,                            Kpi, "ftf",                     Share,   Neither, 1, "first-time fix (FTF)") \
    X(fcr,                            Kpi, "fcr",                     Share,   Higher,  1, "first-contact resolution (FCR)") \
    X(contacts_per_customer,          Kpi, "contacts_per_customer",   Ratio,   Lower,   3, "assisted contacts per customer") \
    X(resolution_rate,                Kpi, "resolution_rate",         Share,   Higher,  1, "resolution rate") \
    X(time_to_resolution_h,           Kpi, "time_to_resolution_h",    Hours,   Lower,   1, "time to resolution") \
    X(cost_total,                     Kpi, "cost_total",              Money,   Lower,   0, "cost total") \
    X(cost_per_resolved,              Kpi, "cost_per_resolved",       Money,   Lower,   2, "cost per resolved customer") \
    X(customers,                      Kpi, "customers",               Count,   Neither, 0, "customers (journeys ended)") \
    X(channel_switches_per_customer,  Kpi, "channel_switches_per_customer", Ratio, Lower, 3, "channel switches per customer") \
    X(ltr_share,                      LtrHistogram, "",               Share,   Neither, 1, "share of customers giving this score") \
    X(driver_fixed_first_time,        Driver, "fixed_first_time",     Points,  Higher,  1, "fixed first time") \
    X(driver_repeat_contacts,         Driver, "repeat_contacts",      Points,  Higher,  1, "repeat contacts") \
    X(driver_abandoned,               Driver, "abandoned",            Points,  Higher,  1, "abandoned while waiting") \
    X(driver_self_service_failed,     Driver, "self_service_failed",  Points,  Higher,  1, "self-service failed") \
    X(driver_missed_response_target,  Driver, "missed_response_target", Points, Higher, 1, "missed response target") \
    X(driver_waiting,                 Driver, "waiting",              Points,  Higher,  1, "waiting beyond tolerance") \
    X(driver_channel_experience,      Driver, "channel_experience",   Points,  Higher,  1, "channel experience") \
    X(driver_touchpoint_experience,   Driver, "touchpoint_experience", Points, Higher,  1, "touchpoint experience") \
    X(driver_unresolved,              Driver, "unresolved",           Points,  Higher,  1, "ended unresolved") \
    X(outcome_share,                  Outcome, "share",               Share,   Neither, 1, "share of customers") \
    X(journey_customers,              Journey, "customers",           Count,   Neither, 0, "customers (journeys ended)") \
    X(journey_nps,                    Journey, "nps",                 Points,  Higher,  1, "NPS") \
    X(journey_ftf,                    Journey, "ftf",                 Share,   Neither, 1, "first-time fix") \
    X(journey_fcr,                    Journey, "fcr",                 Share,   Higher,  1, "first-contact resolution") \
    X(journey_promoters,              Journey, "promoters",           Share,   Higher,  1, "promoters (9\u201310)") \
    X(journey_passives,               Journey, "passives",            Share,   Neither, 1, "passives (7\u20138)") \
    X(journey_detractors,             Journey, "detractors",          Share,   Lower,   1, "detractors (0\u20136)") \
    X(journey_ltr_mean,               Journey, "ltr_mean",            Score,   Higher,  2, "mean likelihood to recommend") \
    X(journey_contacts_per_customer,  Journey, "contacts_per_customer", Ratio, Lower,   2, "assisted contacts per customer") \
    X(journey_resolution_rate,        Journey, "resolution_rate",     Share,   Higher,  1, "resolution rate") \
    X(journey_time_to_resolution_h,   Journey, "time_to_resolution_h", Hours,  Lower,   1, "time to resolution") \
    X(journey_channel_switches_per_customer, Journey, "channel_switches_per_customer", Ratio, Lower, 2, "channel switches per customer") \
    X(journey_outcome_share,          JourneyOutcome, "share",        Share,   Neither, 1, "share of customers") \
    X(touchpoint_visits,              Touchpoint, "visits",           Count,   Neither, 0, "visits") \
    X(touchpoint_ltr_change,          Touchpoint, "ltr_change",       Score,   Higher,  2, "change of likelihood to recommend per visit") \
    X(touchpoint_ltr_after,           Touchpoint, "ltr_after",        Score,   Higher,  2, "likelihood to recommend on leaving") \
    X(touchpoint_fix_rate,            Touchpoint, "fix_rate",         Share,   Higher,  1, "fix rate") \
    X(move_count,                     Move, "",                       Count,   Neither, 0, "moves") \
    X(touchpoint_channel_chosen,      TouchpointChannel, "chosen",    Count,   Neither, 0, "contact attempts on the channel") \
    X(segment_customers,              Segment, "customers",           Count,   Neither, 0, "customers (journeys ended)") \
    X(segment_nps,                    Segment, "nps",                 Points,  Higher,  1, "NPS") \
    X(segment_ftf,                    Segment, "ftf",                 Share,   Neither, 1, "first-time fix") \
    X(segment_fcr,                    Segment, "fcr",                 Share,   Higher,  1, "first-contact resolution") \
    X(segment_ltr_mean,               Segment, "ltr_mean",            Score,   Higher,  2, "mean likelihood to recommend") \
    X(segment_contacts_per_customer,  Segment, "contacts_per_customer", Ratio, Lower,   2, "assisted contacts per customer") \
    X(channel_offered,                Channel, "offered",             Count,   Neither, 0, "offered") \
    X(channel_handled,                Channel, "handled",             Count,   Neither, 0, "handled") \
    X(channel_abandoned,              Channel, "abandoned",           Count,   Lower,   0, "abandoned") \
    X(channel_abandon_rate,           Channel, "abandon_rate",        Share,   Lower,   1, "abandon rate") \
    X(channel_p_wait,                 Channel, "p_wait",              Share,   Lower,   1, "probability of waiting") \
    X(channel_asa_s,                  Channel, "asa_s",               Seconds, Lower,   0, "average speed of answer") \
    X(channel_service_level,          Channel, "service_level",       Share,   Higher,  1, "service level") \
    X(channel_fix_rate,               Channel, "fix_rate",            Share,   Higher,  1, "fix rate") \
    X(channel_occupancy,              Channel, "occupancy",           Share,   Neither, 1, "occupancy") \
    X(channel_backlog_max,            Channel, "backlog_max",         Count,   Lower,   0, "largest backlog") \
    X(channel_backlog_end,            Channel, "backlog_end",         Count,   Lower,   0, "backlog at the horizon") \
    X(channel_backlog_growth_per_day, Channel, "backlog_growth_per_day", Ratio, Lower,  2, "backlog growth per day") \
    X(channel_cost,                   Channel, "cost",                Money,   Lower,   0, "cost") \
    X(channel_aht_min,                Channel, "aht_min",             Minutes, Neither, 2, "average handle time") \
    X(channel_mean_queue,             Channel, "mean_queue",          Ratio,   Lower,   2, "mean queue length") \
    X(channel_wait_mean_s,            Channel, "wait_mean_s",         Seconds, Lower,   0, "mean wait") \
    X(channel_completed,              Channel, "completed",           Count,   Neither, 0, "completed") \
    X(channel_repeat_contacts,        Channel, "repeat_contacts",     Count,   Lower,   0, "repeat contacts") \
    X(channel_failure_demand,         Channel, "failure_demand",      Count,   Lower,   0, "failure demand") \
    X(channel_response_time_h,        Channel, "response_time_h",     Hours,   Lower,   1, "response time") \
    X(channel_concurrency_used,       Channel, "concurrency_used",    Ratio,   Neither, 2, "conversations per engaged agent") \
    X(channel_offered_per_h,          Channel, "offered_per_h",       PerHour, Neither, 1, "offered per hour") \
    X(team_occupancy,                 Team, "occupancy",              Share,   Neither, 1, "occupancy") \
    X(team_handled,                   Team, "handled",                Count,   Neither, 0, "handled") \
    X(team_failure_demand_share,      Team, "failure_demand_share",   Share,   Lower,   1, "failure demand share") \
    X(team_cost,                      Team, "cost",                   Money,   Lower,   0, "cost") \
    X(team_agents_mean,               Team, "agents_mean",            Agents,  Neither, 1, "agents on duty (mean)") \
    X(team_agents_staffed_mean,       Team, "agents_staffed_mean",    Agents,  Neither, 1, "agents on duty while staffed (mean)") \
    X(team_agents_peak,               Team, "agents_peak",            Agents,  Neither, 0, "agents on duty (peak)") \
    X(team_agent_hours,               Team, "agent_hours",            Hours,   Neither, 1, "agent time") \
    X(team_handle_time_min,           Team, "handle_time_min",        Minutes, Neither, 2, "handle time per item") \
    X(team_after_contact_work_min,    Team, "after_contact_work_min", Minutes, Lower,   2, "after-contact work") \
    X(team_after_contact_share,       Team, "after_contact_share",    Share,   Lower,   1, "after-contact share of busy time") \
    X(team_handoffs_per_case,         Team, "handoffs_per_case",      Ratio,   Lower,   3, "hand-offs per case") \
    X(team_rework_share,              Team, "rework_share",           Share,   Lower,   1, "rework share") \
    X(work_offered,                   TeamWork, "offered",            Count,   Neither, 0, "offered") \
    X(work_handled,                   TeamWork, "handled",            Count,   Neither, 0, "handled") \
    X(work_wait_mean_min,             TeamWork, "wait_mean_min",      Minutes, Lower,   2, "mean wait") \
    X(work_backlog_max,               TeamWork, "backlog_max",        Count,   Lower,   0, "largest backlog") \
    X(work_backlog_end,               TeamWork, "backlog_end",        Count,   Lower,   0, "backlog at the horizon") \
    X(work_backlog_growth_per_day,    TeamWork, "backlog_growth_per_day", Ratio, Lower,  2, "backlog growth per day") \
    X(work_mean_queue,                TeamWork, "mean_queue",         Ratio,   Lower,   2, "mean queue length") \
    X(employee_cases,                 EmployeeJourney, "cases",       Count,   Neither, 0, "cases") \
    X(employee_handle_time_min,       EmployeeJourney, "handle_time_min", Minutes, Lower, 2, "handle time per case") \
    X(employee_handoffs_per_case,     EmployeeJourney, "handoffs_per_case", Ratio, Lower, 3, "hand-offs per case") \
    X(employee_rework_share,          EmployeeJourney, "rework_share", Share,  Lower,   1, "rework share") \
    X(employee_fixed_share,           EmployeeJourney, "fixed_share", Share,   Higher,  1, "fixed") \
    X(step_visits_per_case,           Step, "visits_per_case",        Ratio,   Neither, 3, "visits per case") \
    X(step_time_min,                  Step, "time_min",               Minutes, Lower,   2, "time per visit") \
    X(step_time_share,                Step, "time_share",             Share,   Neither, 1, "share of case time") \
    X(flow_arrived,                   Flow, "arrived",                Count,   Neither, 0, "customers arrived") \
    X(flow_ended,                     Flow, "ended",                  Count,   Neither, 0, "journeys ended") \
    X(flow_in_system_at_horizon,      Flow, "in_system_at_horizon",   Count,   Neither, 0, "customers in a journey at the horizon") \
    X(flow_open_at_run_out_end,       Flow, "open_at_run_out_end",    Count,   Lower,   0, "customers still in a journey when the run-out ended") \
    X(flow_counted_arrivals,          Flow, "counted_arrivals",       Count,   Neither, 0, "arrivals counted after warm-up")
// clang-format on

/// Every metric's identity, in catalogue order.
enum class MetricId : std::uint16_t {
#define JOURNEYSIM_METRIC_ID(name, scope, leaf, unit, better, decimals, label) name,
    JOURNEYSIM_METRICS(JOURNEYSIM_METRIC_ID)
#undef JOURNEYSIM_METRIC_ID
};

/// One metric of the catalogue.
struct MetricKind {
    MetricId id;
    std::string_view key;  ///< the C++ name, e.g. "channel_asa_s"
    Scope scope;
    std::string_view name;  ///< last token of the path; empty where the path ends in an id
    Unit unit;
    Better better;
    int decimals;  ///< decimals of the value (in its unit: percent for shares) in tables
    std::string_view label;
};

/// The whole catalogue, in order.
inline constexpr std::array kMetricCatalogue = {
#define JOURNEYSIM_METRIC_KIND(name, scope, leaf, unit, better, decimals, label) \
    MetricKind{MetricId::name, #name,          Scope::scope, leaf,               \
               Unit::unit,     Better::better, decimals,     label},
    JOURNEYSIM_METRICS(JOURNEYSIM_METRIC_KIND)
#undef JOURNEYSIM_METRIC_KIND
};

/// The metrics by name: `metric::nps`, `metric::channel_asa_s`, ...
namespace metric {
#define JOURNEYSIM_METRIC_REF(name, scope, leaf, unit, better, decimals, label) \
    inline constexpr const MetricKind& name =                                   \
        kMetricCatalogue[static_cast<std::size_t>(MetricId::name)];
JOURNEYSIM_METRICS(JOURNEYSIM_METRIC_REF)
#undef JOURNEYSIM_METRIC_REF
}  // namespace metric

/// The customer KPIs, in the order every table, comparison and the report list them.
inline constexpr std::array kCustomerKpis = {
    &metric::nps,
    &metric::promoters,
    &metric::passives,
    &metric::detractors,
    &metric::ltr_mean,
    &metric::ftf,
    &metric::fcr,
    &metric::contacts_per_customer,
    &metric::resolution_rate,
    &metric::time_to_resolution_h,
    &metric::channel_switches_per_customer,
    &metric::customers,
    &metric::cost_total,
    &metric::cost_per_resolved,
};

/// The path of `kind` for the given ids (unescaped; as many as `id_count(kind.scope)`), e.g.
/// `metric_path(metric::channel_asa_s, {"phone"})` is "/channels/phone/asa_s". Throws
/// std::invalid_argument if the number of ids is wrong.
std::string metric_path(const MetricKind& kind, std::initializer_list<std::string_view> ids = {});

/// One metric of one thing: a metric of the catalogue with its ids, and so its path. What a
/// table row, a chart bar or a card shows.
struct MetricRef {
    MetricRef(const MetricKind& metric, std::initializer_list<std::string_view> ids = {})
        : kind(&metric), path(metric_path(metric, ids)) {}
    const MetricKind* kind;
    std::string path;
};

/// A path read back: its metric and its ids (unescaped).
struct MetricPath {
    const MetricKind* kind = nullptr;
    std::vector<std::string> ids;
};

/// The metric at `path` and its ids, or nothing when the catalogue has no such metric.
std::optional<MetricPath> parse_metric_path(std::string_view path);

/// The unit's name in CSV files: count, share, nps_points, score, ratio, s, min, h, money,
/// agents, per_h.
inline std::string_view unit_name(Unit unit) {
    return enum_name(unit);
}

/// "asa_s" as shown after a label in a table without unit suffixes: " (s)", " (min)", " (h)";
/// empty for units the number shows itself.
std::string_view unit_note(Unit unit);

/// The label with its unit note: "average speed of answer (s)".
std::string label_with_unit(const MetricKind& kind);

}  // namespace journeysim
