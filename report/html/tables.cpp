// The HTML report's tables: every KPI, driver, channel, team, employee journey, journey and
// segment figure with its interval (and differences in a comparison), and the names in full.

#include "html/report.hpp"

#include <journeysim/io.hpp>

#include <fmt/format.h>

#include <set>

namespace journeysim::detail::html {

namespace {

/// The rows of the table of customer KPIs, in its order.
constexpr Kpi kKpis[] = {
    {"NPS", "/kpis/nps", Unit::Points, 1},
    {"promoters (9\u201310)", "/kpis/promoters", Unit::Percent, 1},
    {"passives (7\u20138)", "/kpis/passives", Unit::Percent, 0},
    {"detractors (0\u20136)", "/kpis/detractors", Unit::Percent, -1},
    {"mean likelihood to recommend", "/kpis/ltr_mean", Unit::Ratio, 1},
    {"first-time fix (FTF)", "/kpis/ftf", Unit::Percent, 1},
    {"assisted contacts per customer", "/kpis/contacts_per_customer", Unit::Ratio, -1},
    {"resolution rate", "/kpis/resolution_rate", Unit::Percent, 1},
    {"time to resolution", "/kpis/time_to_resolution_h", Unit::Hours, -1},
    {"channel switches per customer", "/kpis/channel_switches_per_customer", Unit::Ratio, -1},
    {"customers (journeys ended)", "/kpis/customers", Unit::Count, 0},
    {"cost total", "/kpis/cost_total", Unit::Money, -1},
    {"cost per resolved customer", "/kpis/cost_per_resolved", Unit::Money, -1},
};

}  // namespace

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
            any = any || v.result->find(r.path) != nullptr;
        if (!any) continue;
        html += "<tr><th>" + r.label + "</th>";
        for (std::size_t i = 0; i < variants_.size(); ++i) {
            const Variant& v = variants_[i];
            const auto e = estimate_at(*v.result, r.path);
            html += "<td class=\"num\">" + (e                        ? with_ci(*e, r.unit)
                                            : v.result->find(r.path) ? "n/a"
                                                                     : "\u2014");
            if (i == 0) {
                html += "</td>";
                continue;
            }
            const MetricDelta* d = v.scenario->find(r.path);
            if (d == nullptr || undefined(d->delta)) {
                html += "<div class=\"delta\">\u2014</div></td>";
                continue;
            }
            std::string css = "delta";
            if (d->significant) {
                css += " sig";
                const int direction = d->delta.mean > 0 ? 1 : -1;
                if (r.better != 0) css += direction * r.better > 0 ? " better" : " worse";
            }
            html += "<div class=\"" + css + "\">" + with_ci(d->delta, r.unit, true) +
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
    for (const Kpi& k : kKpis)
        kpis.push_back({k.label, k.path, k.unit, k.better});
    html += "<h3>Customer KPIs</h3>\n" + figure_table("KPI", kpis);

    std::vector<Column> drivers;
    for (const auto& [id, words] : kDrivers)
        drivers.push_back({words, std::string("/drivers/") + id, Unit::Points, 1});
    html += "<h3>NPS drivers (NPS points)</h3>\n" + figure_table("driver", drivers);

    std::vector<Column> channels;
    for (const ChannelInfo& c : channels_) {
        const std::string name = escape_html(c.label);
        channels.push_back(
            {name + " \u00b7 offered", channel_path(c.id, "offered"), Unit::Count, 0});
        channels.push_back(
            {name + " \u00b7 handled", channel_path(c.id, "handled"), Unit::Count, 0});
        if (c.mode == ChannelMode::SelfService) {
            channels.push_back(
                {name + " \u00b7 success rate", channel_path(c.id, "fix_rate"), Unit::Percent, 1});
            continue;
        }
        channels.push_back(
            {name + " \u00b7 abandon rate", channel_path(c.id, "abandon_rate"), Unit::Percent, -1});
        if (c.mode == ChannelMode::Async) {
            channels.push_back({name + " \u00b7 response time",
                                channel_path(c.id, "response_time_h"), Unit::Hours, -1});
        } else {
            channels.push_back({name + " \u00b7 average speed of answer",
                                channel_path(c.id, "asa_s"), Unit::Seconds, -1});
        }
        channels.push_back({name + " \u00b7 service level", channel_path(c.id, "service_level"),
                            Unit::Percent, 1});
        channels.push_back(
            {name + " \u00b7 occupancy", channel_path(c.id, "occupancy"), Unit::Percent, 0});
        channels.push_back(
            {name + " \u00b7 fix rate", channel_path(c.id, "fix_rate"), Unit::Percent, 1});
        channels.push_back({name + " \u00b7 cost", channel_path(c.id, "cost"), Unit::Money, -1});
    }
    html += "<h3>Channels</h3>\n" + figure_table("channel", channels);

    std::vector<Column> teams;
    for (const TeamInfo& t : teams_) {
        const std::string p = "/teams/" + json_pointer_token(t.id);
        const std::string name = escape_html(t.label);
        teams.push_back({name + " \u00b7 occupancy", p + "/occupancy", Unit::Percent, 0});
        teams.push_back({name + " \u00b7 handled", p + "/handled", Unit::Count, 0});
        teams.push_back({name + " \u00b7 failure demand share", p + "/failure_demand_share",
                         Unit::Percent, -1});
        teams.push_back({name + " \u00b7 cost", p + "/cost", Unit::Money, -1});
        teams.push_back(
            {name + " \u00b7 handle time per item (min)", p + "/handle_time_min", Unit::Ratio, 0});
        teams.push_back({name + " \u00b7 after-contact work (min)", p + "/after_contact_work_min",
                         Unit::Ratio, 0});
        teams.push_back(
            {name + " \u00b7 hand-offs per case", p + "/handoffs_per_case", Unit::Ratio, -1});
        teams.push_back({name + " \u00b7 rework share", p + "/rework_share", Unit::Percent, -1});
    }
    html += "<h3>Teams</h3>\n" + figure_table("team", teams);

    // Employee journeys: per case, then time per step.
    std::vector<Column> employee;
    std::set<std::string> seen_ej;
    for (const Variant& v : variants_) {
        for (const EmployeeJourney& ej : v.model->employee_journeys) {
            if (!seen_ej.insert(ej.id).second) continue;
            const std::string p = "/employee_journeys/" + json_pointer_token(ej.id);
            const std::string name = escape_html(display(ej.label, ej.id));
            employee.push_back({name + " \u00b7 cases", p + "/cases", Unit::Count, 0});
            employee.push_back({name + " \u00b7 handle time per case (min)", p + "/handle_time_min",
                                Unit::Ratio, 0});
            employee.push_back(
                {name + " \u00b7 hand-offs per case", p + "/handoffs_per_case", Unit::Ratio, -1});
            employee.push_back(
                {name + " \u00b7 rework share", p + "/rework_share", Unit::Percent, -1});
            employee.push_back({name + " \u00b7 fixed", p + "/fixed_share", Unit::Percent, 1});
            for (const EmployeeStep& step : ej.steps) {
                if (step.kind == StepKind::End) continue;
                const std::string sp = p + "/steps/" + json_pointer_token(step.id);
                const std::string label =
                    name + " \u00b7 " + escape_html(display(step.label, step.id));
                employee.push_back(
                    {label + ": visits per case", sp + "/visits_per_case", Unit::Ratio, 0});
                employee.push_back(
                    {label + ": time per visit (min)", sp + "/time_min", Unit::Ratio, 0});
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
            const std::string p = "/journeys/" + json_pointer_token(j.id);
            const std::string name = escape_html(display(j.label, j.id));
            journeys.push_back({name + " \u00b7 customers", p + "/customers", Unit::Count, 0});
            journeys.push_back({name + " \u00b7 NPS", p + "/nps", Unit::Points, 1});
            journeys.push_back({name + " \u00b7 first-time fix", p + "/ftf", Unit::Percent, 1});
            journeys.push_back(
                {name + " \u00b7 resolution rate", p + "/resolution_rate", Unit::Percent, 1});
        }
        for (const Segment& s : v.model->segments) {
            if (!seen.insert("s:" + s.id).second) continue;
            const std::string p = "/segments/" + json_pointer_token(s.id);
            const std::string name = escape_html(display(s.label, s.id));
            segments.push_back({name + " \u00b7 customers", p + "/customers", Unit::Count, 0});
            segments.push_back({name + " \u00b7 NPS", p + "/nps", Unit::Points, 1});
            segments.push_back({name + " \u00b7 first-time fix", p + "/ftf", Unit::Percent, 1});
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
