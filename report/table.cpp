#include "figures.hpp"
#include "text_table.hpp"

#include <journeysim/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace journeysim {

std::string format_estimate(const Estimate& e, int decimals, double scale) {
    if (std::isnan(e.mean)) return "n/a";
    const double mean = e.mean * scale;
    const double half = std::isnan(e.high) ? 0.0 : (e.high - e.low) / 2 * scale;
    return fmt::format("{:.{}f} ± {:.{}f}", mean, decimals, half, decimals);
}

using detail::currency_note;
using detail::figure;
using detail::label_with_units;
using detail::Table;

namespace {

/// How long a channel's customers wait, in the channel's own terms: the mean reply time in
/// hours for an async channel (the only kind with one), the average speed of answer in seconds
/// for the others — an e-mail inbox's "ASA" of 57,173 s says nothing to a planner.
std::string wait_figure(const Result& r, const std::string& channel) {
    const Metric* reply = r.find(metric::channel_response_time_h, {channel});
    if (reply != nullptr && !std::isnan(estimate(reply->values).mean))
        return figure(r, metric::channel_response_time_h, {channel}) + " h";
    const std::string asa = figure(r, metric::channel_asa_s, {channel});
    return asa == "n/a" ? asa : asa + " s";
}

}  // namespace

std::string result_to_table(const Result& result) {
    const Result& r = result;
    std::string out = fmt::format(
        "{}\n{} replication{}, seed {}; each figure is the mean ± the half-width of its 95% "
        "confidence interval\n\n",
        terminal_text(result.model), result.replications, result.replications == 1 ? "" : "s",
        result.seed);

    Table kpis({"Customers", ""});
    for (const MetricKind* k : kCustomerKpis)
        kpis.add({label_with_units(*k, r), figure(r, *k)});
    out += kpis.render() + "\n";

    Table drivers({"NPS drivers (points won or lost)", ""});
    for (const Metric& m : r.metrics()) {
        if (m.kind->scope == Scope::Driver)
            drivers.add({std::string(m.kind->label), figure(estimate(m.values), *m.kind)});
    }
    if (!drivers.empty()) out += drivers.render() + "\n";

    Table journeys({"Journey", "customers", "NPS", "FTF", "resolved", "contacts/customer"});
    for (const auto& j : r.ids_of(Scope::Journey)) {
        journeys.add({j, figure(r, metric::journey_customers, {j}),
                      figure(r, metric::journey_nps, {j}), figure(r, metric::journey_ftf, {j}),
                      figure(r, metric::journey_resolution_rate, {j}),
                      figure(r, metric::journey_contacts_per_customer, {j})});
    }
    if (!journeys.empty()) out += journeys.render() + "\n";

    Table segments({"Segment", "customers", "NPS", "FTF"});
    for (const auto& s : r.ids_of(Scope::Segment)) {
        segments.add({s, figure(r, metric::segment_customers, {s}),
                      figure(r, metric::segment_nps, {s}), figure(r, metric::segment_ftf, {s})});
    }
    if (!segments.empty()) out += segments.render() + "\n";

    Table channels({"Channel", "offered", "handled", "abandoned", "answer / reply", "service level",
                    "occupancy", "backlog max", "fix rate", "cost" + currency_note(r)});
    for (const auto& c : r.ids_of(Scope::Channel)) {
        std::vector<std::string> row{c};
        for (const MetricKind* k :
             {&metric::channel_offered, &metric::channel_handled, &metric::channel_abandoned})
            row.push_back(figure(r, *k, {c}));
        row.push_back(wait_figure(r, c));
        for (const MetricKind* k :
             {&metric::channel_service_level, &metric::channel_occupancy,
              &metric::channel_backlog_max, &metric::channel_fix_rate, &metric::channel_cost})
            row.push_back(figure(r, *k, {c}));
        channels.add(std::move(row));
    }
    if (!channels.empty()) out += channels.render() + "\n";

    Table teams({"Team", "occupancy", "handled", "failure demand", "agents while staffed",
                 "agents (peak)", "cost" + currency_note(r)});
    for (const auto& t : r.ids_of(Scope::Team)) {
        teams.add({t, figure(r, metric::team_occupancy, {t}), figure(r, metric::team_handled, {t}),
                   figure(r, metric::team_failure_demand_share, {t}),
                   figure(r, metric::team_agents_staffed_mean, {t}),
                   figure(r, metric::team_agents_peak, {t}), figure(r, metric::team_cost, {t})});
    }
    if (!teams.empty()) out += teams.render();

    // Employee experience: the teams' side of the same contacts.
    Table ex({"Employee experience", "occupancy", "failure demand", "handle time (min)",
              "after-contact work (min)", "hand-offs per case", "rework"});
    for (const auto& t : r.ids_of(Scope::Team)) {
        ex.add({"team " + t, figure(r, metric::team_occupancy, {t}),
                figure(r, metric::team_failure_demand_share, {t}),
                figure(r, metric::team_handle_time_min, {t}),
                figure(r, metric::team_after_contact_work_min, {t}),
                figure(r, metric::team_handoffs_per_case, {t}),
                figure(r, metric::team_rework_share, {t})});
    }
    Table cases({"Employee journey", "cases", "handle time (min)", "hand-offs per case", "rework",
                 "fixed"});
    Table steps(
        {"Employee journey step", "visits per case", "time per visit (min)", "share of time"});
    for (const auto& e : r.ids_of(Scope::EmployeeJourney)) {
        cases.add({e, figure(r, metric::employee_cases, {e}),
                   figure(r, metric::employee_handle_time_min, {e}),
                   figure(r, metric::employee_handoffs_per_case, {e}),
                   figure(r, metric::employee_rework_share, {e}),
                   figure(r, metric::employee_fixed_share, {e})});
        for (const auto& s : r.ids_of(Scope::Step, e)) {
            steps.add({fmt::format("{} · {}", e, s),
                       figure(r, metric::step_visits_per_case, {e, s}),
                       figure(r, metric::step_time_min, {e, s}, ""),
                       figure(r, metric::step_time_share, {e, s}, "")});
        }
    }
    if (!ex.empty()) out += "\n" + ex.render();
    if (!cases.empty()) out += "\n" + cases.render() + "\n" + steps.render();
    return out;
}

}  // namespace journeysim
