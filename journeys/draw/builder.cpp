// Stage 1 of drawing: the diagram of a model, journey by journey, with its employee lanes
// and the legend.
#include "diagram.hpp"

#include <journeysim/detail/diagnostics.hpp>
#include <journeysim/error.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace journeysim::draw_detail {

namespace {

// ---------------------------------------------------------------------------------------------
// Building the diagram from the model.

/// "<B>title</B><BR/><FONT ...>line</FONT>..." from already escaped parts.
std::string title_and_lines(const std::string& title, const std::vector<std::string>& lines,
                            int point_size = 9) {
    std::string html = "<B>" + title + "</B>";
    for (const auto& line : lines) {
        html += fmt::format("<BR/><FONT POINT-SIZE=\"{}\" COLOR=\"{}\">{}</FONT>", point_size,
                            diagram_colour("muted"), line);
    }
    return html;
}

class DiagramBuilder {
  public:
    DiagramBuilder(const Model& model, const DrawOptions& options)
        : model_(model), options_(options) {}

    Diagram build() {
        if (options_.journey.empty()) {
            for (Index j = 0; j < model_.journeys.size(); ++j)
                add_journey(j);
        } else {
            const Index j = model_.find_journey(options_.journey);
            if (j == kNone || j >= model_.journeys.size()) throw unknown_journey();
            add_journey(j);
        }
        if (options_.legend && !diagram_.clusters.empty()) add_legend();
        return std::move(diagram_);
    }

  private:
    InputError unknown_journey() const {
        std::vector<std::string> ids;
        for (const Journey& j : model_.journeys)
            ids.push_back(j.id);
        return InputError({diagnostics::unknown_reference(
            model_.file, (nlohmann::json::json_pointer("/journeys") / options_.journey).to_string(),
            "journey", options_.journey, ids, "journeys")});
    }

    static std::string touchpoint_name(Index j, Index t) { return fmt::format("j{}_t{}", j, t); }

    std::string channel_name(Index c) const {
        const Channel& channel = model_.channels.at(c);
        return shown_name(channel.label, channel.id);
    }

    void use_channel(Index c) {
        if (c < model_.channels.size() &&
            std::find(channels_used_.begin(), channels_used_.end(), c) == channels_used_.end())
            channels_used_.push_back(c);
    }

    void add_journey(Index j) {
        const Journey& journey = model_.journeys[j];
        ClusterSpec cluster;
        cluster.name = fmt::format("cluster_j{}", j);
        cluster.journey = j;
        cluster.label = fmt::format(
            "<B>{}</B><BR ALIGN=\"LEFT\"/><FONT POINT-SIZE=\"10\" COLOR=\"{}\">{} customers per "
            "day</FONT><BR ALIGN=\"LEFT\"/>",
            html_escape(shown_name(journey.label, journey.id)), diagram_colour("muted"),
            format_count(journey.arrivals.per_day));

        NodeSpec arrivals;
        arrivals.name = fmt::format("j{}_in", j);
        arrivals.role = NodeRole::Arrivals;
        arrivals.journey = j;
        arrivals.label = "<B>arrivals</B><BR/>" + format_count(journey.arrivals.per_day) + " / day";
        std::vector<std::string> mix;
        for (Index s = 0; s < journey.arrivals.segment_mix.size() && s < model_.segments.size();
             ++s) {
            const double share = journey.arrivals.segment_mix[s];
            if (share <= 0) continue;
            const Segment& segment = model_.segments[s];
            mix.push_back(html_escape(shown_name(segment.label, segment.id)) + " " +
                          format_percent(share));
        }
        if (!mix.empty()) {
            arrivals.label += "<BR/><FONT POINT-SIZE=\"8\">" +
                              join(mix, "<BR/>", [](auto& m) { return m; }) + "</FONT>";
        }
        arrivals.tooltip = "journey " + tooltip_escape(journey.id) + full_name_note(journey.label);
        ClusterSpec flow;
        flow.name = fmt::format("cluster_j{}_flow", j);
        flow.role = ClusterRole::Flow;
        flow.journey = j;
        flow.nodes.push_back(std::move(arrivals));
        if (journey.start < journey.touchpoints.size())
            add_edge(edge_of(fmt::format("j{}_in", j), touchpoint_name(j, journey.start),
                             EdgeRole::Arrivals, j, kNone, journey.start));

        for (Index t = 0; t < journey.touchpoints.size(); ++t) {
            flow.nodes.push_back(touchpoint_node(j, t));
            add_touchpoint_edges(j, t);
        }
        // The flow comes first: dot stacks a cluster's sub-clusters in the order they were
        // made, so the lanes end up beneath it.
        cluster.clusters.push_back(std::move(flow));
        if (options_.employee_lanes) add_lanes(j, cluster);
        diagram_.clusters.push_back(std::move(cluster));
    }

    NodeSpec touchpoint_node(Index j, Index t) {
        const Touchpoint& tp = model_.journeys[j].touchpoints[t];
        NodeSpec node;
        node.name = touchpoint_name(j, t);
        node.journey = j;
        node.touchpoint = t;
        node.tooltip = "touchpoint " + tooltip_escape(tp.id) + " (" + to_string(tp.kind) + ")" +
                       full_name_note(tp.label);
        const std::string title = html_escape(shown_name(tp.label, tp.id));
        std::vector<std::string> lines;
        if (tp.kind == TouchpointKind::Step && tp.duration)
            lines.push_back(format_duration(*tp.duration));
        switch (tp.kind) {
            case TouchpointKind::Step:
                node.role = NodeRole::Step;
                break;
            case TouchpointKind::SelfService:
                node.role = NodeRole::SelfService;
                if (tp.channel < model_.channels.size()) {
                    use_channel(tp.channel);
                    lines.push_back(html_escape(channel_name(tp.channel)) + " \u00b7 success " +
                                    format_percent(model_.channels[tp.channel].success_rate));
                }
                break;
            case TouchpointKind::Contact:
                node.role = NodeRole::Contact;
                break;
            case TouchpointKind::Branch:
                node.role = NodeRole::Branch;
                break;
            case TouchpointKind::End:
                node.role = tp.outcome == Outcome::Resolved     ? NodeRole::EndResolved
                            : tp.outcome == Outcome::Unresolved ? NodeRole::EndUnresolved
                                                                : NodeRole::EndChurned;
                lines.emplace_back(to_string(tp.outcome));
                break;
        }
        if (tp.experience != 0) lines.push_back(format_effect(tp.experience));
        node.label = tp.kind == TouchpointKind::Contact ? contact_table(tp, title, lines)
                                                        : title_and_lines(title, lines);
        return node;
    }

    /// A contact lists its channels, one row each: "channel label · mode".
    std::string contact_table(const Touchpoint& tp, const std::string& title,
                              const std::vector<std::string>& lines) {
        std::string html =
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">"
            "<TR><TD COLSPAN=\"2\"><B>" +
            title + "</B></TD></TR>";
        for (Index c : tp.channels) {
            if (c >= model_.channels.size()) continue;
            use_channel(c);
            html += fmt::format(
                "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">{}</FONT></TD>"
                "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"{}\"> \u00b7 "
                "{}</FONT></TD></TR>",
                html_escape(channel_name(c)), diagram_colour("muted"),
                mode_words(model_.channels[c].mode));
        }
        for (const auto& line : lines) {
            html += fmt::format(
                "<TR><TD COLSPAN=\"2\"><FONT POINT-SIZE=\"9\" COLOR=\"{}\">{}</FONT></TD></TR>",
                diagram_colour("muted"), line);
        }
        return html + "</TABLE>";
    }

    /// Adds an edge, or adds its label to an edge already drawn between the same nodes.
    void add_edge(EdgeSpec edge) {
        for (EdgeSpec& existing : diagram_.edges) {
            if (existing.tail == edge.tail && existing.head == edge.head) {
                existing.labels.insert(existing.labels.end(), edge.labels.begin(),
                                       edge.labels.end());
                return;
            }
        }
        diagram_.edges.push_back(std::move(edge));
    }

    void add_move(Index j, Index from, Index to, EdgeRole role, std::string label) {
        const Journey& journey = model_.journeys[j];
        if (to == kNone) return;
        assert(to < journey.touchpoints.size());
        if (to >= journey.touchpoints.size()) return;
        EdgeSpec edge =
            edge_of(touchpoint_name(j, from), touchpoint_name(j, to), role, j, from, to);
        if (!label.empty()) edge.labels.push_back(std::move(label));
        add_edge(std::move(edge));
    }

    /// Probabilities are shown unless the move is certain.
    static std::string probability_label(const std::vector<Transition>& next, std::size_t i) {
        if (next.size() == 1 && next[i].p == 1.0) return {};
        return format_percent(next[i].p);
    }

    /// A move drawn with fixed words: its kind, the role of its edge and the words.
    struct PlainMove {
        MoveKind kind;
        EdgeRole role;
        const char* words;
    };
    static const PlainMove& plain_move(MoveKind kind) {
        static constexpr PlainMove kPlainMoves[] = {
            {MoveKind::Success, EdgeRole::Success, "success"},
            {MoveKind::Fail, EdgeRole::Fail, "fail"},
            {MoveKind::Fixed, EdgeRole::Fixed, "fixed"},
            {MoveKind::NotFixed, EdgeRole::NotFixed, "not fixed"},
            {MoveKind::Abandoned, EdgeRole::Abandoned, "abandoned"}};
        return *std::ranges::find(kPlainMoves, kind, &PlainMove::kind);
    }

    void add_touchpoint_edges(Index j, Index t) {
        const Touchpoint& tp = model_.journeys[j].touchpoints[t];
        for_each_move(tp, [&](const TouchpointMove& m) {
            switch (m.kind) {
                case MoveKind::Next:
                    add_move(j, t, m.to, EdgeRole::Next, probability_label(tp.next, m.index));
                    break;
                case MoveKind::Otherwise: {
                    const std::string p = probability_label(tp.next, m.index);
                    add_move(j, t, m.to, EdgeRole::Otherwise,
                             p.empty() ? "otherwise" : "otherwise " + p);
                    break;
                }
                case MoveKind::Rule: {
                    std::string words = condition_words(tp.rules[m.index].when);
                    if (tp.rules.size() > 1) words = fmt::format("{}. {}", m.index + 1, words);
                    add_move(j, t, m.to, EdgeRole::Rule, std::move(words));
                    break;
                }
                case MoveKind::Success:
                case MoveKind::Fail:
                case MoveKind::Fixed:
                case MoveKind::NotFixed:
                case MoveKind::Abandoned: {
                    const PlainMove& plain = plain_move(m.kind);
                    add_move(j, t, m.to, plain.role, plain.words);
                    break;
                }
                case MoveKind::GaveUp:
                    add_move(j, t, m.to, EdgeRole::GaveUp,
                             tp.max_attempts > 0
                                 ? fmt::format("gave up (after {} attempts)", tp.max_attempts)
                                 : std::string("gave up"));
                    break;
            }
        });
    }

    /// "segment = digital and contacts ≥ 2", escaped for a plain label.
    std::string condition_words(const Condition& when) const {
        std::vector<std::string> parts;
        if (when.contacts_at_least)
            parts.push_back(fmt::format("contacts \u2265 {}", *when.contacts_at_least));
        if (when.contacts_at_most)
            parts.push_back(fmt::format("contacts \u2264 {}", *when.contacts_at_most));
        if (when.fixed) parts.emplace_back(*when.fixed ? "fixed" : "not fixed");
        if (when.last_channel && *when.last_channel < model_.channels.size())
            parts.push_back("last channel = " + plain_escape(channel_name(*when.last_channel)));
        if (when.segment && *when.segment < model_.segments.size()) {
            const Segment& s = model_.segments[*when.segment];
            parts.push_back("segment = " + plain_escape(shown_name(s.label, s.id)));
        }
        if (parts.empty()) return "always";
        return join(parts, " and ", [](const std::string& p) { return p; });
    }

    // Employee journeys -----------------------------------------------------------------------

    /// The channels through which employee journey `e` serves contact `t` of journey `j`
    /// (empty when it does not serve it).
    std::vector<Index> served_channels(Index e, Index j, Index t) const {
        const Binding& b = model_.employee_journeys[e].binding;
        const Touchpoint& tp = model_.journeys[j].touchpoints[t];
        if (tp.kind != TouchpointKind::Contact) return {};
        const bool bound_here = b.journey == j && b.touchpoint == t;
        const bool bound_by_channel = b.journey == kNone && !b.channels.empty();
        if (!bound_here && !bound_by_channel) return {};
        if (bound_here && b.channels.empty()) return tp.channels;
        std::vector<Index> served;
        for (Index c : tp.channels)
            if (std::find(b.channels.begin(), b.channels.end(), c) != b.channels.end())
                served.push_back(c);
        return served;
    }

    void add_lanes(Index j, ClusterSpec& journey_cluster) {
        const Journey& journey = model_.journeys[j];
        for (Index e = 0; e < model_.employee_journeys.size(); ++e) {
            const EmployeeJourney& ej = model_.employee_journeys[e];
            if (ej.start >= ej.steps.size()) continue;
            std::vector<Index> teams;
            std::vector<std::pair<Index, std::vector<Index>>> contacts;
            for (Index t = 0; t < journey.touchpoints.size(); ++t) {
                std::vector<Index> served = served_channels(e, j, t);
                if (served.empty()) continue;
                for (Index c : served) {
                    const Index team = model_.channels[c].team;
                    if (team < model_.teams.size() &&
                        std::find(teams.begin(), teams.end(), team) == teams.end())
                        teams.push_back(team);
                }
                contacts.emplace_back(t, std::move(served));
            }
            if (contacts.empty()) continue;

            ClusterSpec lane;
            lane.name = fmt::format("cluster_j{}_e{}", j, e);
            lane.role = ClusterRole::Lane;
            lane.journey = j;
            lane.employee_journey = e;
            lane.label =
                "employee journey: <B>" + html_escape(shown_name(ej.label, ej.id)) + "</B>";
            if (!teams.empty()) {
                lane.label += (teams.size() == 1 ? " (team " : " (teams ") +
                              join(teams, ", ",
                                   [&](Index team) {
                                       const Team& tm = model_.teams[team];
                                       return html_escape(shown_name(tm.label, tm.id));
                                   }) +
                              ")";
            }
            for (Index s = 0; s < ej.steps.size(); ++s) {
                lane.nodes.push_back(step_node(j, e, s));
                for (std::size_t i = 0; i < ej.steps[s].next.size(); ++i) {
                    const Index to = ej.steps[s].next[i].to;
                    if (to >= ej.steps.size()) continue;
                    EdgeSpec edge = edge_of(step_name(j, e, s), step_name(j, e, to),
                                            EdgeRole::EmployeeNext, j, s, to);
                    if (std::string p = probability_label(ej.steps[s].next, i); !p.empty())
                        edge.labels.push_back(std::move(p));
                    add_edge(std::move(edge));
                }
            }
            // The lane starts right under the (first) contact it serves.
            same_rank(touchpoint_name(j, contacts.front().first), step_name(j, e, ej.start));
            for (auto& [t, served] : contacts) {
                EdgeSpec edge = edge_of(touchpoint_name(j, t), step_name(j, e, ej.start),
                                        EdgeRole::HandledBy, j, t, kNone);
                edge.lhead = lane.name;
                std::string words = "handled by";
                if (served.size() < journey.touchpoints[t].channels.size()) {
                    words += kPlainBreak;
                    words +=
                        join(served, ", ", [&](Index c) { return plain_escape(channel_name(c)); });
                }
                edge.labels.push_back(std::move(words));
                add_edge(std::move(edge));
            }
            journey_cluster.clusters.push_back(std::move(lane));
        }
    }

    void same_rank(const std::string& anchor, const std::string& other) {
        for (auto& group : diagram_.same_rank) {
            if (group.front() == anchor) {
                group.push_back(other);
                return;
            }
        }
        diagram_.same_rank.push_back({anchor, other});
    }

    static std::string step_name(Index j, Index e, Index s) {
        return fmt::format("j{}_e{}_s{}", j, e, s);
    }

    NodeSpec step_node(Index j, Index e, Index s) const {
        const EmployeeStep& step = model_.employee_journeys[e].steps[s];
        NodeSpec node;
        node.name = step_name(j, e, s);
        node.journey = j;
        node.employee_journey = e;
        node.step = s;
        node.tooltip = "step " + tooltip_escape(step.id) + " (" + to_string(step.kind) + ")" +
                       full_name_note(step.label);
        std::string title = html_escape(shown_name(step.label, step.id));
        std::vector<std::string> lines;
        switch (step.kind) {
            case StepKind::Step:
                node.role = NodeRole::EmployeeStep;
                break;
            case StepKind::Handoff: {
                node.role = NodeRole::Handoff;
                title = "\u21aa " + title;
                std::string to = "handoff";
                if (step.team < model_.teams.size()) {
                    const Team& team = model_.teams[step.team];
                    to += " to " + html_escape(shown_name(team.label, team.id));
                }
                if (!step.work.empty()) to += " \u00b7 " + html_escape(step.work);
                lines.push_back(std::move(to));
                break;
            }
            case StepKind::End:
                node.role = step.fixed ? NodeRole::EmployeeFixed : NodeRole::EmployeeNotFixed;
                lines.emplace_back(step.fixed ? "fixed" : "not fixed");
                break;
        }
        if (step.duration) lines.push_back(format_duration(*step.duration));
        node.label = title_and_lines(title, lines, 8);
        return node;
    }

    // Legend ----------------------------------------------------------------------------------

    void add_legend() {
        std::sort(channels_used_.begin(), channels_used_.end());
        std::string html =
            "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\" "
            "COLOR=\"#B0BEC5\">";
        auto header = [&](const char* text) {
            html +=
                fmt::format("<TR><TD COLSPAN=\"4\" BGCOLOR=\"#ECEFF1\"><B>{}</B></TD></TR>", text);
        };
        auto cell = [](const std::string& text, std::string_view fill = "#FFFFFF") {
            return fmt::format("<TD BGCOLOR=\"{}\">{}</TD>", fill, text);
        };
        if (!channels_used_.empty()) {
            header("channels");
            html += "<TR>" + cell("<I>channel</I>") + cell("<I>mode</I>") + cell("<I>hours</I>") +
                    cell("<I>team</I>") + "</TR>";
            for (Index c : channels_used_) {
                const Channel& ch = model_.channels[c];
                std::string team;
                if (ch.team < model_.teams.size())
                    team = html_escape(
                        shown_name(model_.teams[ch.team].label, model_.teams[ch.team].id));
                const std::string hours =
                    ch.hours.is_always() || ch.hours.text().empty() ? "24/7" : ch.hours.text();
                html += "<TR>" + cell(html_escape(channel_name(c))) + cell(mode_words(ch.mode)) +
                        cell(html_escape(hours)) + cell(team) + "</TR>";
            }
        }
        header("touchpoints");
        html += "<TR>" + cell("step", diagram_colours("step").fill) +
                cell("self-service", diagram_colours("self-service").fill) +
                cell("contact", diagram_colours("contact").fill) +
                cell("branch", diagram_colours("branch").fill) + "</TR>";
        html += "<TR>" + cell("resolved", diagram_colours("resolved").fill) +
                cell("unresolved", diagram_colours("unresolved").fill) +
                cell("churned", diagram_colours("churned").fill) +
                cell("employee step", diagram_colours("lane").fill) + "</TR>";
        html += "</TABLE>";
        NodeSpec legend;
        legend.name = "legend";
        legend.role = NodeRole::Legend;
        legend.label = std::move(html);
        diagram_.nodes.push_back(std::move(legend));
    }

    const Model& model_;
    const DrawOptions& options_;
    Diagram diagram_;
    std::vector<Index> channels_used_;
};

}  // namespace

Diagram build_diagram(const Model& model, const DrawOptions& options) {
    return DiagramBuilder(model, options).build();
}

}  // namespace journeysim::draw_detail
