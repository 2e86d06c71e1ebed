// The HTML report's journeys section: per journey its customer and employee panels, the
// diagrams with the simulated flow, and in a comparison what each scenario changed.

#include "html/report.hpp"

#include <journeysim/draw.hpp>
#include <journeysim/flow.hpp>
#include <journeysim/io.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <string_view>

namespace journeysim::detail::html {

std::string Report::journeys() {
    std::string html;
    const Model& base = *variants_.front().model;
    html +=
        "<p class=\"note\">Edge width: customers per day along the edge (\u2248: estimated "
        "from the model's probabilities). Node colour: the touchpoint's effect on "
        "likelihood to recommend (red lowers it, green raises it); contacts are coloured by "
        "their fix rate. Figures are means per measured day.";
    if (compare_)
        html +=
            " Each scenario's diagram marks what it added, changed or removed against the "
            "base: touchpoints, channels, and the steps and hand-offs of the employee "
            "journeys.";
    html += "</p>\n" + flow_key();
    std::vector<std::string> journey_ids;
    for (const Variant& v : variants_)
        for (const Journey& j : v.model->journeys)
            if (std::find(journey_ids.begin(), journey_ids.end(), j.id) == journey_ids.end())
                journey_ids.push_back(j.id);
    std::size_t diagram = 0;
    for (const std::string& id : journey_ids) {
        const Index bj = base.find_journey(id);
        const Journey* any = nullptr;
        for (const Variant& v : variants_) {
            const Index j = v.model->find_journey(id);
            if (j != kNone) {
                any = &v.model->journeys[j];
                break;
            }
        }
        if (any == nullptr) continue;
        html += "<article class=\"journey\">\n<h3>" +
                with_full_name(display(any->label, any->id),
                               any->label.empty() ? any->id : any->label) +
                "</h3>\n";
        if (!any->description.empty())
            html += "<p class=\"note\">" + escape_html(any->description) + "</p>\n";
        html += "<div class=\"side-by-side\">\n<div class=\"panel\"><h4>Customer journey</h4>\n" +
                customer_panel(id) + "</div>\n<div class=\"panel\"><h4>Employee journeys</h4>\n" +
                employee_panel(id) + "</div>\n</div>\n";
        html += journey_map(id);
        if (options_.diagrams) {
            for (std::size_t i = 0; i < variants_.size(); ++i) {
                const Variant& v = variants_[i];
                if (v.model->find_journey(id) == kNone) continue;
                DrawOptions draw;
                draw.journey = id;
                draw.legend = false;  // the key above serves every diagram
                draw.flow = flow_overlay(*v.model, *v.result);
                if (compare_ && i > 0) mark_changes(base, *v.model, *draw.flow);
                std::string svg = render_diagram(*v.model, draw, DiagramFormat::Svg);
                if (const auto start = svg.find("<svg"); start != std::string::npos)
                    svg.erase(0, start);
                std::string caption;
                if (compare_) {
                    caption = swatch(i) +
                              (i == 0 ? std::string("base") : "scenario " + escape_html(v.name));
                    if (i > 0 && bj == kNone) caption += " (a journey the base does not have)";
                }
                html += "<figure class=\"figure diagram-figure\">";
                if (!caption.empty())
                    html += "<figcaption class=\"diagram-caption\">" + caption + "</figcaption>";
                html += fmt::format("<div class=\"diagram\" id=\"diagram-{}\">{}</div></figure>\n",
                                    diagram++, svg);
            }
        }
        html += "</article>\n";
    }
    return html;
}

std::string Report::figure_cell(const Variant& v, const Line& line) {
    auto e = estimate_at(*v.result, line.metric);
    if (e) {
        e->mean *= line.scale;
        e->low *= line.scale;
        e->high *= line.scale;
    }
    return "<td class=\"num\">" + (e ? with_ci(*e, line.metric.kind->unit) : "\u2014") + "</td>";
}

std::string Report::variant_columns(const std::vector<Line>& lines) const {
    std::string html = "<table class=\"data compact\"><thead><tr><th></th>";
    for (std::size_t i = 0; i < variants_.size(); ++i)
        html += "<th class=\"num\">" +
                (compare_ ? swatch(i) + escape_html(variants_[i].name)
                          : std::string("mean \u00b1 95% CI")) +
                "</th>";
    html += "</tr></thead><tbody>";
    for (const Line& line : lines) {
        html += "<tr><th>" + line.label + "</th>";
        for (const Variant& v : variants_) {
            html += figure_cell(v, line);
        }
        html += "</tr>";
    }
    return html + "</tbody></table>\n";
}

std::string Report::flow_key() const {
    // The chips take the diagrams' own colours, so the key matches what it explains.
    auto chip = [](std::string_view fill, std::string_view line, const char* extra = "") {
        return fmt::format(
            "<span class=\"chip\" style=\"background:{};border-color:{};{}\"></span>", fill, line,
            extra);
    };
    auto element = [&](const char* name, const char* words, const char* extra = "") {
        const DiagramColours& c = diagram_colours(name);
        return chip(c.fill, c.line, extra) + words;
    };
    constexpr const char* kChipLine = "#B0BEC5";
    auto effect = [&](const char* name, const char* words) {
        return chip(diagram_colour(name), kChipLine) + words;
    };
    auto mark = [&](const char* name, const char* extra, const char* words) {
        return chip("#FFFFFF", diagram_colour(name), extra) + words;
    };
    std::string html = "<div class=\"key\">";
    html += "<span class=\"key-item\">" + element("step", "step ") +
            element("self-service", "self-service ") + element("contact", "contact ") +
            element("branch", "branch ") + element("resolved", "resolved ") +
            element("unresolved", "unresolved ") + element("churned", "churned ") +
            element("lane", "employee journey ") +
            element("hand-off", "hand-off", "border-style:dashed") + "</span>";
    html += "<span class=\"key-item\">fill: effect on likelihood to recommend " +
            effect("effect-negative", "\u22122 ") + effect("effect-neutral", "0 ") +
            effect("effect-positive", "+2 points") + "</span>";
    html += "<span class=\"key-item\">contacts: fixed " + effect("effect-negative", "51% ") +
            effect("effect-neutral", "67% ") + effect("effect-positive", "80%") + "</span>";
    if (compare_) {
        html += "<span class=\"key-item\">against the base: " +
                mark("added", "border-width:3px", "added ") +
                mark("changed", "border-width:3px", "changed ") +
                mark("removed", "border-style:dashed", "<s>removed</s>") + "</span>";
    }
    return html + "</div>\n";
}

std::string Report::variant_rows(const std::vector<Line>& lines) const {
    std::string html = "<table class=\"data compact\"><thead><tr><th></th>";
    for (const Line& line : lines)
        html += "<th class=\"num\">" + line.label + "</th>";
    html += "</tr></thead><tbody>";
    for (std::size_t i = 0; i < variants_.size(); ++i) {
        const Variant& v = variants_[i];
        html += "<tr><th>" + swatch(i) + escape_html(v.name) + "</th>";
        for (const Line& line : lines) {
            html += figure_cell(v, line);
        }
        html += "</tr>";
    }
    return html + "</tbody></table>\n";
}

std::string Report::customer_panel(const std::string& journey) const {
    const double days = measured_days(*variants_.front().model);
    std::vector<Line> lines = {
        {"customers per day (journeys ended)",
         {metric::journey_customers, {journey}},
         days > 0 ? 1.0 / days : 1.0},
    };
    for (const MetricKind* k :
         {&metric::journey_nps, &metric::journey_ftf, &metric::journey_resolution_rate,
          &metric::journey_contacts_per_customer, &metric::journey_time_to_resolution_h,
          &metric::journey_channel_switches_per_customer})
        lines.push_back({label_of(*k), {*k, {journey}}});
    if (compare_) {
        lines.erase(lines.begin() + 4, lines.end());
        lines[0].label = "customers per day";
        return variant_rows(lines);
    }
    for (const std::string& outcome : enum_names<Outcome>())
        lines.push_back(
            {"outcome: " + outcome, {metric::journey_outcome_share, {journey, outcome}}});
    return variant_columns(lines);
}

bool Report::serves(const Model& model, const EmployeeJourney& ej, const std::string& journey) {
    const Index j = model.find_journey(journey);
    if (j == kNone) return false;
    const Binding& b = ej.binding;
    if (b.journey != kNone) return b.journey == j;
    for (const Touchpoint& tp : model.journeys[j].touchpoints)
        for (Index c : tp.channels)
            if (std::find(b.channels.begin(), b.channels.end(), c) != b.channels.end()) return true;
    return false;
}

std::string Report::employee_changes(const std::string& journey) const {
    const Model& base = *variants_.front().model;
    auto serving = [&](const Model& m, const std::string& id) {
        return std::any_of(
            m.employee_journeys.begin(), m.employee_journeys.end(),
            [&](const EmployeeJourney& ej) { return ej.id == id && serves(m, ej, journey); });
    };
    std::string html;
    for (std::size_t i = 1; i < variants_.size(); ++i) {
        const Variant& v = variants_[i];
        FlowOverlay marks;
        mark_changes(base, *v.model, marks);
        // Per employee journey, in the order of the marks: its own mark and its steps'.
        std::vector<std::pair<std::string, std::vector<std::string>>> groups;
        for (const StepChange& c : marks.steps) {
            if (!serving(base, c.employee_journey) && !serving(*v.model, c.employee_journey))
                continue;
            auto group = std::find_if(groups.begin(), groups.end(),
                                      [&](const auto& g) { return g.first == c.employee_journey; });
            if (group == groups.end()) {
                groups.emplace_back(c.employee_journey, std::vector<std::string>{});
                group = std::prev(groups.end());
            }
            // The employee journey as a whole is named in the group's title.
            const bool whole = c.step.empty();
            const std::string label = escape_html(c.label);
            switch (c.change) {
                case ChangeMark::Added:
                    group->second.push_back("<span class=\"mark added\">+ " +
                                            (whole ? std::string("added") : label) + "</span>");
                    break;
                case ChangeMark::Changed:
                    group->second.push_back("<span class=\"mark changed\">\u270e " +
                                            (whole ? std::string("changed") : label) + "</span>");
                    break;
                case ChangeMark::Removed:
                    group->second.push_back("<span class=\"mark removed\">" +
                                            (whole ? std::string() : "<s>" + label + "</s> ") +
                                            "removed</span>");
                    break;
                case ChangeMark::None:
                    break;
            }
        }
        for (const auto& [id, parts] : groups) {
            const EmployeeJourney* ej = nullptr;
            for (const Model* m : {v.model, &base})
                for (const EmployeeJourney& e : m->employee_journeys)
                    if (ej == nullptr && e.id == id) ej = &e;
            const std::string name = ej == nullptr ? display_name(id) : display(ej->label, ej->id);
            html += "<p class=\"note changes\">" + swatch(i) + escape_html(v.name) + " \u00b7 <b>" +
                    escape_html(name) + "</b>: " + join(parts, ", ") + "</p>\n";
        }
    }
    return html;
}

std::string Report::employee_panel(const std::string& journey) const {
    const Model& model = *variants_.front().model;
    const Index j = model.find_journey(journey);
    std::string html;
    std::vector<Index> teams;
    std::vector<std::string> names;
    if (j != kNone) {
        const Journey& jr = model.journeys[j];
        std::vector<Index> channels;
        for (const Touchpoint& tp : jr.touchpoints)
            for (Index c : tp.channels)
                if (std::find(channels.begin(), channels.end(), c) == channels.end())
                    channels.push_back(c);
        for (Index c : channels) {
            const Index t = model.channels[c].team;
            if (t < model.teams.size() && std::find(teams.begin(), teams.end(), t) == teams.end())
                teams.push_back(t);
        }
        for (const EmployeeJourney& ej : model.employee_journeys) {
            if (!serves(model, ej, journey)) continue;
            names.push_back(escape_html(display(ej.label, ej.id)));
            for (const EmployeeStep& s : ej.steps)
                if (s.kind == StepKind::Handoff && s.team < model.teams.size() &&
                    std::find(teams.begin(), teams.end(), s.team) == teams.end())
                    teams.push_back(s.team);
        }
    }
    if (names.empty()) {
        html +=
            "<p class=\"note\">No employee journey is bound to this journey's contacts; "
            "its channels' teams handle them with the channels' handle times.</p>\n";
    } else {
        html += "<p class=\"note\">Served by: " + join(names, ", ") + ".</p>\n";
    }
    std::vector<Line> lines;
    if (compare_) {
        html += employee_changes(journey);
        for (Index t : teams) {
            const Team& team = model.teams[t];
            lines.push_back({escape_html(display(team.label, team.id)) + " occupancy",
                             {metric::team_occupancy, {team.id}}});
        }
        if (!lines.empty()) html += variant_rows(lines);
        return html;
    }
    for (Index t : teams) {
        const Team& team = model.teams[t];
        const std::string name = escape_html(display(team.label, team.id));
        for (const MetricKind* k : {&metric::team_occupancy, &metric::team_failure_demand_share,
                                    &metric::team_agents_staffed_mean, &metric::team_agents_peak})
            lines.push_back({name + ": " + label_of(*k), {*k, {team.id}}});
    }
    if (!lines.empty()) html += variant_columns(lines);
    return html;
}

}  // namespace journeysim::detail::html
