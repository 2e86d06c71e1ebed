// The HTML report's tables: every KPI, driver, channel, team, employee journey, journey and
// segment figure with its interval (and differences in a comparison), and the names in full.

#include "html/report.hpp"

#include <journeysim/io.hpp>

#include <fmt/format.h>

#include <set>

namespace journeysim::detail::html {

std::string Report::figure_table(const std::string& first, const std::vector<Column>& rows) const {
    std::string html =
        "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>" + first + "</th>";
    if (!compare_) {
        html += "<th class=\"num\">mean \u00b1 95% CI</th>";
    } else {
        html += "<th class=\"num\">" + swatch(0) + "base</th>";
        for (std::size_t i = 1; i < variants_.size(); ++i)
            html += "<th class=\"num\">" + swatch(i) + escape_html(variants_[i].name) +
                    "<br><span class=\"sub\">\u0394 against the base</span></th>";
    }
    html += "</tr></thead><tbody>\n";
    for (const Column& r : rows) {
        bool any = false;
        for (const Variant& v : variants_)
            any = any || v.result->find(r.metric.path) != nullptr;
        if (!any) continue;
        html += "<tr><th>" + r.label + "</th>";
        const Unit unit = r.metric.kind->unit;
        for (std::size_t i = 0; i < variants_.size(); ++i) {
            const Variant& v = variants_[i];
            const auto e = estimate_at(*v.result, r.metric);
            html += "<td class=\"num\">" + (e                               ? with_ci(*e, unit)
                                            : v.result->find(r.metric.path) ? "n/a"
                                                                            : "\u2014");
            if (biased(v, r.metric.path))
                html +=
                    " <a class=\"biased\" href=\"#warnings\" title=\"biased by the model's "
                    "set-up: see Warnings\">\u26a0</a>";
            if (i == 0) {
                html += "</td>";
                continue;
            }
            const MetricDelta* d = v.scenario->find(r.metric.path);
            if (d == nullptr || undefined(d->delta)) {
                html += "<div class=\"delta\">\u2014</div></td>";
                continue;
            }
            std::string css = "delta";
            if (d->significant) {
                css += " sig";
                const int direction = d->delta.mean > 0 ? 1 : -1;
                const int better = static_cast<int>(r.metric.kind->better);
                if (better != 0) css += direction * better > 0 ? " better" : " worse";
            }
            html += "<div class=\"" + css + "\">" + with_ci(d->delta, unit, true) +
                    (d->significant ? " *" : "") + "</div></td>";
        }
        html += "</tr>\n";
    }
    return html + "</tbody></table></div>\n";
}

std::string Report::tables() const {
    std::string html;
    if (compare_)
        html +=
            "<p class=\"note\">\u0394: scenario \u2212 base, paired over replications "
            "(common random numbers); * marks an interval that excludes zero.</p>\n";
    std::vector<Column> kpis;
    kpis.reserve(kCustomerKpis.size());
    for (const MetricKind* k : kCustomerKpis)
        kpis.push_back({label_of(*k), {*k}});
    html += "<h3>Customer KPIs</h3>\n" + figure_table("KPI", kpis);

    std::vector<Column> drivers;
    for (const MetricKind& k : kMetricCatalogue) {
        if (k.scope == Scope::Driver) drivers.push_back({std::string(k.label), {k}});
    }
    html += "<h3>NPS drivers (NPS points)</h3>\n" + figure_table("driver", drivers);

    std::vector<Column> channels;
    for (const ChannelInfo& c : channels_) {
        const std::string name = escape_html(c.label);
        auto add = [&](const MetricKind& kind) {
            channels.push_back({name + " \u00b7 " + label_of(kind), {kind, {c.id}}});
        };
        add(metric::channel_offered);
        add(metric::channel_handled);
        if (c.mode == ChannelMode::SelfService) {
            channels.push_back({name + " \u00b7 success rate", {metric::channel_fix_rate, {c.id}}});
            continue;
        }
        add(metric::channel_abandon_rate);
        add(c.mode == ChannelMode::Async ? metric::channel_response_time_h : metric::channel_asa_s);
        add(metric::channel_service_level);
        add(metric::channel_occupancy);
        add(metric::channel_fix_rate);
        add(metric::channel_cost);
    }
    html += "<h3>Channels</h3>\n" + figure_table("channel", channels);

    std::vector<Column> teams;
    for (const TeamInfo& t : teams_) {
        const std::string name = escape_html(t.label);
        for (const MetricKind* k :
             {&metric::team_occupancy, &metric::team_handled, &metric::team_failure_demand_share,
              &metric::team_cost, &metric::team_handle_time_min,
              &metric::team_after_contact_work_min, &metric::team_handoffs_per_case,
              &metric::team_rework_share})
            teams.push_back({name + " \u00b7 " + label_of(*k), {*k, {t.id}}});
    }
    html += "<h3>Teams</h3>\n" + figure_table("team", teams);

    // Employee journeys: per case, then time per step.
    std::vector<Column> employee;
    std::set<std::string> seen_ej;
    for (const Variant& v : variants_) {
        for (const EmployeeJourney& ej : v.model->employee_journeys) {
            if (!seen_ej.insert(ej.id).second) continue;
            const std::string name = escape_html(display(ej.label, ej.id));
            for (const MetricKind* k :
                 {&metric::employee_cases, &metric::employee_handle_time_min,
                  &metric::employee_handoffs_per_case, &metric::employee_rework_share,
                  &metric::employee_fixed_share})
                employee.push_back({name + " \u00b7 " + label_of(*k), {*k, {ej.id}}});
            for (const EmployeeStep& step : ej.steps) {
                if (step.kind == StepKind::End) continue;
                const std::string label =
                    name + " \u00b7 " + escape_html(display(step.label, step.id));
                for (const MetricKind* k : {&metric::step_visits_per_case, &metric::step_time_min})
                    employee.push_back({label + ": " + label_of(*k), {*k, {ej.id, step.id}}});
            }
        }
    }
    if (!employee.empty())
        html += "<h3>Employee journeys</h3>\n" + figure_table("employee journey", employee);

    std::vector<Column> journeys;
    std::vector<Column> segments;
    std::set<std::string> seen;
    for (const Variant& v : variants_) {
        for (const Journey& j : v.model->journeys) {
            if (!seen.insert("j:" + j.id).second) continue;
            const std::string name = escape_html(display(j.label, j.id));
            for (const MetricKind* k : {&metric::journey_customers, &metric::journey_nps,
                                        &metric::journey_ftf, &metric::journey_resolution_rate})
                journeys.push_back({name + " \u00b7 " + label_of(*k), {*k, {j.id}}});
        }
        for (const Segment& sg : v.model->segments) {
            if (!seen.insert("s:" + sg.id).second) continue;
            const std::string name = escape_html(display(sg.label, sg.id));
            for (const MetricKind* k :
                 {&metric::segment_customers, &metric::segment_nps, &metric::segment_ftf})
                segments.push_back({name + " \u00b7 " + label_of(*k), {*k, {sg.id}}});
        }
    }
    html += "<h3>Journeys</h3>\n" + figure_table("journey", journeys);
    html += "<h3>Segments</h3>\n" + figure_table("segment", segments);
    html += full_names();
    return html;
}

std::string Report::full_names() const {
    std::string rows;
    std::set<std::string> seen;
    auto add = [&](const char* kind, const std::string& label, const std::string& id) {
        const std::string& full = label.empty() ? id : label;
        const std::string shown = display_name(full);
        if (shown == full || !seen.insert(std::string(kind) + '\n' + full).second) return;
        rows += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"full-name\">{}</td></tr>\n",
                            kind, escape_html(shown), escape_html(full));
    };
    if (full_title_ != title_) add("title", full_title_, "");
    for (const Variant& v : variants_) {
        if (compare_) add("scenario", v.full_name, "");
        const Model& m = *v.model;
        add("model", m.name, "");
        for (const Channel& c : m.channels)
            add("channel", c.label, c.id);
        for (const Team& t : m.teams)
            add("team", t.label, t.id);
        for (const Segment& sg : m.segments)
            add("segment", sg.label, sg.id);
        for (const Journey& j : m.journeys) {
            add("journey", j.label, j.id);
            for (const Touchpoint& tp : j.touchpoints)
                add("touchpoint", tp.label, tp.id);
        }
        for (const EmployeeJourney& ej : m.employee_journeys) {
            add("employee journey", ej.label, ej.id);
            for (const EmployeeStep& step : ej.steps)
                add("step", step.label, step.id);
        }
    }
    if (rows.empty()) return {};
    return "<h3>Names in full</h3>\n<p class=\"note\">Names longer than " +
           std::to_string(kDisplayNameLimit) +
           " characters are shortened in the charts and tables above.</p>\n"
           "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>kind</th>"
           "<th>shown as</th><th>name</th></tr></thead><tbody>\n" +
           rows + "</tbody></table></div>\n";
}

}  // namespace journeysim::detail::html
