#include "warnings.hpp"

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
}

}  // namespace journeysim::detail
