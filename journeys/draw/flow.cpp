// Stage 2 of drawing: a simulated flow painted over the diagram (edge width by customers per
// day, node colour by effect on NPS or fix rate) and the marks of a scenario's changes.
#include "diagram.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim::draw_detail {

namespace {

// ---------------------------------------------------------------------------------------------
// The flow overlay: simulated figures and scenario changes painted over a built diagram.

namespace flow_look {
constexpr double kFullEffect = 2.0;  ///< LTR points drawn in the full colour
// Fix rate: neutral at the industry average, full green at world class (SQM Group: average
// 67%, world class 80%), full red at e-mail's typical 51% (SQM Group).
constexpr double kFixRateLow = 0.51;
constexpr double kFixRateAverage = 0.67;
constexpr double kFixRateHigh = 0.80;
constexpr double kMinWidth = 0.8;  ///< edge pen width of no flow
constexpr double kMaxWidth = 8;    ///< edge pen width of the largest flow
}  // namespace flow_look

/// `a` blended towards `b` by `t` in [0,1]; both "#RRGGBB".
std::string blend(std::string_view a, std::string_view b, double t) {
    auto channel = [](std::string_view hex, std::size_t i) {
        return std::stoi(std::string(hex.substr(1 + 2 * i, 2)), nullptr, 16);
    };
    t = std::clamp(t, 0.0, 1.0);
    std::string out = "#";
    for (std::size_t i = 0; i < 3; ++i) {
        const double v = channel(a, i) + (channel(b, i) - channel(a, i)) * t;
        out += fmt::format("{:02X}", static_cast<int>(std::lround(v)));
    }
    return out;
}

/// Fill for a likelihood-to-recommend effect (points).
std::string effect_fill(double ltr) {
    const double t = std::clamp(ltr / flow_look::kFullEffect, -1.0, 1.0);
    return t < 0 ? blend(diagram_colour("effect-neutral"), diagram_colour("effect-negative"), -t)
                 : blend(diagram_colour("effect-neutral"), diagram_colour("effect-positive"), t);
}

/// Fill for a contact's fix rate (0–1).
std::string fix_rate_fill(double rate) {
    using namespace flow_look;
    if (rate < kFixRateAverage)
        return blend(diagram_colour("effect-neutral"), diagram_colour("effect-negative"),
                     (kFixRateAverage - rate) / (kFixRateAverage - kFixRateLow));
    return blend(diagram_colour("effect-neutral"), diagram_colour("effect-positive"),
                 (rate - kFixRateAverage) / (kFixRateHigh - kFixRateAverage));
}

/// Adds a line of escaped HTML to a node label (a title with lines, or a contact's table).
void add_label_line(std::string& label, const std::string& line, std::string_view colour) {
    if (label.starts_with("<TABLE")) {
        const auto end = label.rfind("</TABLE>");
        label.insert(end, fmt::format("<TR><TD COLSPAN=\"2\"><FONT POINT-SIZE=\"9\" "
                                      "COLOR=\"{}\">{}</FONT></TD></TR>",
                                      colour, line));
    } else {
        label += fmt::format("<BR/><FONT POINT-SIZE=\"9\" COLOR=\"{}\">{}</FONT>", colour, line);
    }
}

class FlowPainter {
  public:
    FlowPainter(const Model& model, const FlowOverlay& flow) : model_(model), flow_(flow) {}

    void paint(Diagram& diagram) {
        for (const EdgeFlow& e : flow_.edges)
            if (std::isfinite(e.per_day)) max_per_day_ = std::max(max_per_day_, e.per_day);
        for (ClusterSpec& cluster : diagram.clusters)
            paint_cluster(cluster);
        for (EdgeSpec& edge : diagram.edges)
            paint_edge(edge);
        for (NodeSpec& node : diagram.nodes)
            if (node.role == NodeRole::Legend) extend_legend(node);
    }

  private:
    const TouchpointFlow* touchpoint_flow(const std::string& journey,
                                          const std::string& touchpoint) const {
        for (const TouchpointFlow& t : flow_.touchpoints)
            if (t.journey == journey && t.touchpoint == touchpoint) return &t;
        return nullptr;
    }

    const ChannelChange* channel_change(const std::string& channel) const {
        for (const ChannelChange& c : flow_.channels)
            if (c.channel == channel && c.change != ChangeMark::None) return &c;
        return nullptr;
    }

    /// The change of a step (or, with an empty `step`, of the employee journey as a whole).
    ChangeMark step_change(const std::string& employee_journey, const std::string& step) const {
        for (const StepChange& c : flow_.steps)
            if (c.employee_journey == employee_journey && c.step == step) return c.change;
        return ChangeMark::None;
    }

    /// The mark of an added or changed part, as a line of a label.
    static std::string mark_words(ChangeMark change) {
        return change == ChangeMark::Added ? "<B>+ added</B>" : "<B>\u270e changed</B>";
    }
    static const std::string& mark_colour(ChangeMark change) {
        return change == ChangeMark::Added ? diagram_colour("added") : diagram_colour("changed");
    }

    /// A part the base had and this model does not: a dashed grey box, its name struck through.
    static NodeSpec ghost(const std::string& name, int point_size) {
        NodeSpec node;
        node.label = fmt::format("<S>{}</S><BR/><FONT POINT-SIZE=\"{}\">removed</FONT>",
                                 html_escape(name), point_size);
        node.overlay = {{"style", "rounded,dashed"},
                        {"color", diagram_colour("removed")},
                        {"fontcolor", diagram_colour("removed")}};
        return node;
    }

    /// Thick border in the mark's colour and a line saying what happened.
    static void mark(NodeSpec& node, ChangeMark change) {
        if (change != ChangeMark::Added && change != ChangeMark::Changed) return;
        node.overlay.emplace_back("color", mark_colour(change));
        node.overlay.emplace_back("penwidth", "3");
        add_label_line(node.label, mark_words(change), mark_colour(change));
    }

    void paint_cluster(ClusterSpec& cluster) {
        for (NodeSpec& node : cluster.nodes) {
            if (node.journey >= model_.journeys.size()) continue;
            if (node.touchpoint != kNone && node.employee_journey == kNone) paint_node(node);
            if (node.step != kNone && node.employee_journey < model_.employee_journeys.size())
                paint_step(node);
        }
        if (cluster.role == ClusterRole::Flow && cluster.journey < model_.journeys.size())
            add_ghosts(cluster);
        if (cluster.role == ClusterRole::Lane &&
            cluster.employee_journey < model_.employee_journeys.size())
            paint_lane(cluster);
        for (ClusterSpec& child : cluster.clusters)
            paint_cluster(child);
    }

    void paint_step(NodeSpec& node) const {
        const EmployeeJourney& ej = model_.employee_journeys[node.employee_journey];
        mark(node, step_change(ej.id, ej.steps.at(node.step).id));
    }

    /// Marks the lane's title when the employee journey is new or was changed as a whole, and
    /// adds the steps the base had and this model does not as ghosts.
    void paint_lane(ClusterSpec& lane) {
        const EmployeeJourney& ej = model_.employee_journeys[lane.employee_journey];
        if (const ChangeMark change = step_change(ej.id, {});
            change == ChangeMark::Added || change == ChangeMark::Changed) {
            lane.label += fmt::format(" <FONT COLOR=\"{}\">{}</FONT>", mark_colour(change),
                                      mark_words(change));
        }
        for (const StepChange& c : flow_.steps) {
            if (c.change != ChangeMark::Removed || c.employee_journey != ej.id || c.step.empty())
                continue;
            NodeSpec node = ghost(c.label.empty() ? c.step : c.label, 8);
            node.name =
                fmt::format("j{}_e{}_removed{}", lane.journey, lane.employee_journey, ghosts_++);
            node.role = NodeRole::EmployeeStep;
            node.journey = lane.journey;
            node.employee_journey = lane.employee_journey;
            node.tooltip = "removed step " + tooltip_escape(c.step);
            lane.nodes.push_back(std::move(node));
        }
    }

    void paint_node(NodeSpec& node) {
        const Journey& journey = model_.journeys[node.journey];
        const Touchpoint& tp = journey.touchpoints.at(node.touchpoint);
        const TouchpointFlow* f = touchpoint_flow(journey.id, tp.id);
        if (f != nullptr) {
            mark(node, f->change);
            if (f->visits_per_day)
                add_label_line(node.label, format_count(std::round(*f->visits_per_day)) + " / day",
                               diagram_colour("ink"));
            // Contacts are coloured by their fix rate, other touchpoints by their effect.
            const bool by_fix_rate = tp.kind == TouchpointKind::Contact && f->fix_rate;
            if (by_fix_rate) {
                node.overlay.emplace_back("fillcolor", fix_rate_fill(*f->fix_rate));
                add_label_line(node.label, "fixed " + format_percent(*f->fix_rate),
                               diagram_colour("ink"));
            }
            if (f->ltr_change) {
                if (!by_fix_rate)
                    node.overlay.emplace_back("fillcolor", effect_fill(*f->ltr_change));
                // The touchpoint's own effect is in its label already.
                if (std::abs(*f->ltr_change) >= 0.005 && *f->ltr_change != tp.experience)
                    add_label_line(node.label, format_effect(*f->ltr_change) + " per customer",
                                   diagram_colour("ink"));
            }
            for (const std::string& removed : f->removed_channels)
                add_label_line(node.label, "<S>" + html_escape(removed) + "</S> removed",
                               diagram_colour("removed"));
            for (const std::string& removed : f->removed_employee_journeys)
                add_label_line(node.label,
                               "employee journey <S>" + html_escape(removed) + "</S> removed",
                               diagram_colour("removed"));
        }
        std::vector<Index> marked = tp.channels;
        if (tp.kind == TouchpointKind::SelfService) marked = {tp.channel};
        for (Index c : marked) {
            if (c >= model_.channels.size()) continue;
            const Channel& channel = model_.channels[c];
            if (const ChannelChange* change = channel_change(channel.id)) {
                const bool added = change->change == ChangeMark::Added;
                if (!added && change->change != ChangeMark::Changed) continue;
                add_label_line(node.label,
                               fmt::format("<B>{} {}</B>", added ? "+ new" : "\u270e changed",
                                           html_escape(shown_name(channel.label, channel.id))),
                               added ? diagram_colour("added") : diagram_colour("changed"));
            }
        }
    }

    /// Touchpoints the base had and this model does not: dashed grey boxes, struck through.
    void add_ghosts(ClusterSpec& cluster) {
        const Journey& journey = model_.journeys[cluster.journey];
        for (const TouchpointFlow& f : flow_.touchpoints) {
            if (f.change != ChangeMark::Removed || f.journey != journey.id) continue;
            NodeSpec node = ghost(f.label.empty() ? f.touchpoint : f.label, 9);
            node.name = fmt::format("j{}_removed{}", cluster.journey, ghosts_++);
            node.role = NodeRole::Step;
            node.journey = cluster.journey;
            node.tooltip = "removed touchpoint " + tooltip_escape(f.touchpoint);
            cluster.nodes.push_back(std::move(node));
        }
    }

    void paint_edge(EdgeSpec& edge) {
        if (edge.journey >= model_.journeys.size()) return;
        if (edge.role == EdgeRole::HandledBy || edge.role == EdgeRole::EmployeeNext) return;
        const Journey& journey = model_.journeys[edge.journey];
        if (edge.to >= journey.touchpoints.size()) return;
        const bool arrivals = edge.role == EdgeRole::Arrivals;
        if (!arrivals && edge.from >= journey.touchpoints.size()) return;
        const std::string from = arrivals ? std::string() : journey.touchpoints[edge.from].id;
        const std::string& to = journey.touchpoints[edge.to].id;
        for (const EdgeFlow& f : flow_.edges) {
            if (f.journey != journey.id || f.from != from || f.to != to) continue;
            if (!std::isfinite(f.per_day)) return;
            const double share = max_per_day_ > 0 ? f.per_day / max_per_day_ : 0;
            const double width =
                flow_look::kMinWidth + (flow_look::kMaxWidth - flow_look::kMinWidth) * share;
            edge.overlay.emplace_back("penwidth", fmt::format("{:.2f}", width));
            edge.overlay.emplace_back("arrowsize", fmt::format("{:.2f}", 0.5 + 0.04 * width));
            edge.labels.push_back(fmt::format("{}{} / day", f.estimated ? "\u2248 " : "",
                                              format_count(std::round(f.per_day))));
            return;
        }
    }

    void extend_legend(NodeSpec& legend) const {
        const auto end = legend.label.rfind("</TABLE>");
        if (end == std::string::npos) return;
        auto row = [](const std::string& cells) { return "<TR>" + cells + "</TR>"; };
        auto cell = [](const std::string& text, const std::string& fill, int span = 1) {
            return fmt::format("<TD COLSPAN=\"{}\" BGCOLOR=\"{}\">{}</TD>", span, fill, text);
        };
        std::string rows;
        if (has_figures()) {
            rows += row(cell("<B>simulated flow</B>", "#ECEFF1", 4)) +
                    row(cell(fmt::format("edge width: customers per day (widest {} / day)",
                                         format_count(std::round(max_per_day_))),
                             "#FFFFFF", 4)) +
                    row(cell("LTR \u2212" + fmt::format("{:.0f}", flow_look::kFullEffect),
                             effect_fill(-flow_look::kFullEffect)) +
                        cell("LTR \u22121", effect_fill(-1)) + cell("LTR +1", effect_fill(1)) +
                        cell("LTR +" + fmt::format("{:.0f}", flow_look::kFullEffect),
                             effect_fill(flow_look::kFullEffect))) +
                    row(cell("contact fixed " + format_percent(flow_look::kFixRateLow),
                             fix_rate_fill(flow_look::kFixRateLow), 2) +
                        cell(format_percent(flow_look::kFixRateHigh),
                             fix_rate_fill(flow_look::kFixRateHigh), 2));
        }
        bool marks = false;
        for (const TouchpointFlow& t : flow_.touchpoints)
            marks |= t.change != ChangeMark::None;
        for (const ChannelChange& c : flow_.channels)
            marks |= c.change != ChangeMark::None;
        for (const StepChange& c : flow_.steps)
            marks |= c.change != ChangeMark::None;
        if (marks) {
            rows +=
                row(cell("<B>changes against the base</B><BR/>touchpoints, channels and "
                         "employee-journey steps",
                         "#ECEFF1", 4));
            rows += row(cell(fmt::format("<FONT COLOR=\"{}\"><B>+ added</B></FONT>",
                                         diagram_colour("added")),
                             "#FFFFFF", 2) +
                        cell(fmt::format("<FONT COLOR=\"{}\"><B>\u270e changed</B></FONT>",
                                         diagram_colour("changed")),
                             "#FFFFFF") +
                        cell(fmt::format("<FONT COLOR=\"{}\"><S>removed</S></FONT>",
                                         diagram_colour("removed")),
                             "#FFFFFF"));
            auto removed = [&](const char* what, const std::string& name) {
                rows += row(cell(fmt::format("<FONT COLOR=\"{}\">{} <S>{}</S> removed</FONT>",
                                             diagram_colour("removed"), what, html_escape(name)),
                                 "#FFFFFF", 4));
            };
            for (const ChannelChange& c : flow_.channels)
                if (c.change == ChangeMark::Removed)
                    removed("channel", c.label.empty() ? c.channel : c.label);
            for (const StepChange& c : flow_.steps)
                if (c.change == ChangeMark::Removed && c.step.empty())
                    removed("employee journey", c.label.empty() ? c.employee_journey : c.label);
        }
        legend.label.insert(end, rows);
    }

    /// Whether the overlay has simulated figures (not only a scenario's marks).
    bool has_figures() const {
        if (!flow_.edges.empty()) return true;
        return std::any_of(
            flow_.touchpoints.begin(), flow_.touchpoints.end(),
            [](const TouchpointFlow& t) { return t.visits_per_day || t.ltr_change || t.fix_rate; });
    }

    const Model& model_;
    const FlowOverlay& flow_;
    double max_per_day_ = 0;
    std::size_t ghosts_ = 0;
};

}  // namespace

void paint_flow(const Model& model, const FlowOverlay& flow, Diagram& diagram) {
    FlowPainter(model, flow).paint(diagram);
}

}  // namespace journeysim::draw_detail
