#include "warnings.hpp"

#include "stats.hpp"

#include <journeysim/metrics.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace journeysim::detail {
namespace {

/// The mean over replications of a metric, or NaN if the result does not have it.
double mean_of(const Result& r, const MetricKind& kind,
               std::initializer_list<std::string_view> ids = {}) {
    const Metric* m = r.find(kind, ids);
    return m == nullptr ? std::nan("") : estimate(m->values).mean;
}

/// The wait figures of a channel, which a queue that is not in a steady state biases.
std::vector<std::string> wait_figures(const std::string& channel) {
    std::vector<std::string> out;
    for (const MetricKind* kind :
         {&metric::channel_asa_s, &metric::channel_wait_mean_s, &metric::channel_p_wait,
          &metric::channel_service_level, &metric::channel_abandon_rate,
          &metric::channel_response_time_h, &metric::channel_mean_queue}) {
        out.push_back(metric_path(*kind, {channel}));
    }
    return out;
}

/// The customer figures that waiting feeds.
void add_customer_figures(std::vector<std::string>& out) {
    for (const MetricKind* kind : {&metric::time_to_resolution_h, &metric::nps})
        out.push_back(metric_path(*kind));
}

void saturated_teams(const Model& model, Result& result) {
    for (const Team& team : model.teams) {
        const double occupancy = mean_of(result, metric::team_occupancy, {team.id});
        if (!(occupancy >= kSaturatedOccupancy)) continue;
        RunWarning w;
        w.code = "saturated_team";
        w.pointer = "/teams/" + json_pointer_token(team.id);
        w.message = fmt::format(
            "team \"{}\" is busy {:.1f} % of its time on duty: its queues do not reach a steady "
            "state, so their waits depend on the horizon and grow with it",
            team.id, occupancy * 100);
        w.hint =
            "give the team more agents (journeysim staff finds how many) or less work, or "
            "read its waits as a lower bound";
        w.biases.push_back(metric_path(metric::team_occupancy, {team.id}));
        for (std::size_t c = 0; c < model.channels.size(); ++c) {
            if (model.channels[c].team != kNone &&
                model.teams[model.channels[c].team].id == team.id)
                for (auto& path : wait_figures(model.channels[c].id))
                    w.biases.push_back(std::move(path));
        }
        add_customer_figures(w.biases);
        result.warnings.push_back(std::move(w));
    }
}

/// Whether a backlog's growth (per day, over replications) shows a queue that does not keep up:
/// growing by at least `kGrowingBacklogShare` of a week's offered contacts per week, and (with
/// two or more replications) a 95 % interval above zero.
bool growing(const Estimate& growth, double offered_per_day) {
    if (!(growth.mean > 0) || !(growth.mean >= kGrowingBacklogShare * offered_per_day))
        return false;
    return growth.count < 2 || growth.low > 0;
}

std::string backlog_message(std::string_view what, std::string_view things, const Estimate& growth,
                            double end, const Result& result, double days) {
    return fmt::format(
        "the backlog of {} grew by {:.3g} {} a day over the last {:g} days of the horizon "
        "({:.0f} waiting at its end; mean of {} replication{}): it does not reach a steady "
        "state, so its waits depend on the horizon and grow with it",
        what, growth.mean, things, days, end, result.replications,
        result.replications == 1 ? "" : "s");
}

constexpr const char* kBacklogHint =
    "give the team more agents (journeysim staff finds how many) or less work, or read the "
    "waits as a lower bound";

/// Channels and back-office queues whose backlog grows over the horizon.
void growing_backlogs(const Model& model, Result& result) {
    const double measured_days = model.horizon.days - model.horizon.warmup_days;
    const double days = backlog_check_days(measured_days);
    if (!(days > 0)) return;  // too short to compare a time of the week with the same later
    for (const Channel& channel : model.channels) {
        const Metric* m = result.find(metric::channel_backlog_growth_per_day, {channel.id});
        if (m == nullptr) continue;
        const Estimate growth = estimate(m->values);
        const double offered = mean_of(result, metric::channel_offered, {channel.id});
        if (!growing(growth, offered / measured_days)) continue;
        RunWarning w;
        w.code = "growing_backlog";
        w.pointer = "/channels/" + json_pointer_token(channel.id);
        w.message = backlog_message(fmt::format("channel \"{}\"", channel.id), "contacts", growth,
                                    mean_of(result, metric::channel_backlog_end, {channel.id}),
                                    result, days);
        w.hint = kBacklogHint;
        w.biases = {metric_path(metric::channel_backlog_growth_per_day, {channel.id}),
                    metric_path(metric::channel_backlog_end, {channel.id})};
        for (auto& path : wait_figures(channel.id))
            w.biases.push_back(std::move(path));
        add_customer_figures(w.biases);
        result.warnings.push_back(std::move(w));
    }
    for (const Team& team : model.teams) {
        for (const std::string& work : result.ids_of(Scope::TeamWork, team.id)) {
            const Metric* m = result.find(metric::work_backlog_growth_per_day, {team.id, work});
            if (m == nullptr) continue;
            const Estimate growth = estimate(m->values);
            const double offered = mean_of(result, metric::work_offered, {team.id, work});
            if (!growing(growth, offered / measured_days)) continue;
            RunWarning w;
            w.code = "growing_backlog";
            w.pointer = "/teams/" + json_pointer_token(team.id);
            w.message = backlog_message(
                fmt::format("team \"{}\"'s work \"{}\"", team.id, work), "items", growth,
                mean_of(result, metric::work_backlog_end, {team.id, work}), result, days);
            w.hint = kBacklogHint;
            for (const MetricKind* kind :
                 {&metric::work_backlog_growth_per_day, &metric::work_backlog_end,
                  &metric::work_wait_mean_min, &metric::work_mean_queue})
                w.biases.push_back(metric_path(*kind, {team.id, work}));
            add_customer_figures(w.biases);
            result.warnings.push_back(std::move(w));
        }
    }
}

void open_at_run_out_end(const Model& model, Result& result) {
    const double open = mean_of(result, metric::flow_open_at_run_out_end);
    if (!(open > 0)) return;
    const double arrived = std::max(1.0, mean_of(result, metric::flow_arrived));
    RunWarning w;
    w.code = "open_at_run_out_end";
    w.pointer = "/horizon/run_out_days";
    w.message = fmt::format(
        "{:.3g} customers per replication ({:.1f} % of arrivals) were still in a journey when "
        "the run-out ended, {:g} days after the horizon; the customer figures leave them out "
        "and are biased to those who finished",
        open, open / arrived * 100, model.horizon.run_out_days);
    w.hint =
        "give looping journeys an exit (max_attempts with on_give_up) or raise "
        "horizon.run_out_days (docs/concepts.md, the measured period and the run-out)";
    w.biases = {metric_path(metric::flow_open_at_run_out_end)};
    add_customer_figures(w.biases);
    result.warnings.push_back(std::move(w));
}

}  // namespace

void add_run_warnings(const Model& model, Result& result) {
    open_at_run_out_end(model, result);
    saturated_teams(model, result);
    growing_backlogs(model, result);
}

}  // namespace journeysim::detail
