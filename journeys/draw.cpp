#include <journeysim/detail/markup.hpp>
#include <journeysim/draw.hpp>
#include <journeysim/io.hpp>

#include <fmt/format.h>
#include <gvc.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

namespace journeysim {

std::optional<DiagramFormat> diagram_format_for(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".svg") return DiagramFormat::Svg;
    if (ext == ".png") return DiagramFormat::Png;
    if (ext == ".dot" || ext == ".gv") return DiagramFormat::Dot;
    return std::nullopt;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Text. Every string that comes from the model passes through one of the escapes below,
// chosen by where it goes. HTML-like labels always start with '<'; plain strings never contain
// '<' (it is written as an entity), so the two kinds can never share an entry in cgraph's
// string pool (which would turn one into the other).

/// For text inside an HTML-like label. Graphviz expands `\N`, `\G`, ... even there; a doubled
/// backslash stands for itself. C0 control characters would make the SVG ill-formed; they are
/// drawn as spaces.
std::string html_escape(std::string_view text) {
    return detail::escape_markup(text,
                                 {.quotes = true, .backslashes = true, .controls_as_spaces = true});
}

/// For a plain string label (edge labels). Graphviz reads backslash escapes (`\n`, `\N`,
/// `\G`, ...) and character entities in these; both are neutralised.
std::string plain_escape(std::string_view text) {
    return detail::escape_markup(
        text, {.quotes = false, .backslashes = true, .controls_as_spaces = true});
}

/// For a tooltip (a plain string that Graphviz unescapes once more than a label).
std::string tooltip_escape(std::string_view text) {
    std::string out;
    for (char c : plain_escape(text)) {
        if (c == '\\') out += c;
        out += c;
    }
    return out;
}

/// Line break inside a plain label (centred); parts must be escaped already.
constexpr std::string_view kPlainBreak = "\\n";

/// A name as drawn: the label (or the id when there is none), shortened to kDisplayNameLimit
/// characters; the whole name goes into the node's tooltip (see `full_name_note`).
std::string shown_name(const std::string& label, const std::string& id) {
    return display_name(label.empty() ? id : label);
}

/// ": <label>" for a tooltip when the drawn name shortened the label, otherwise nothing.
std::string full_name_note(const std::string& label) {
    if (display_name(label) == label) return {};
    return ": " + tooltip_escape(label);
}

/// "40%", "12.5%", "0.05%".
std::string format_percent(double p) {
    const double v = p * 100.0;
    if (v == 0.0 || v >= 1.0) {
        std::string s = fmt::format("{:.1f}", v);
        if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
        return s + "%";
    }
    return fmt::format("{:.2g}%", v);
}

/// "1,800", "12.5".
std::string format_count(double n) {
    if (std::abs(n - std::round(n)) > 1e-9 || std::abs(n) >= 1e15) return fmt::format("{:.1f}", n);
    std::string digits = fmt::format("{:.0f}", std::abs(n));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

/// The mean of a duration in the unit the model file used: "4.0 min", "6.0 h".
std::string format_duration(const Distribution& d) {
    const double minutes = d.expected();
    switch (d.unit) {
        case TimeUnit::Seconds:
            return fmt::format("{:.0f} s", minutes * 60.0);
        case TimeUnit::Hours:
            return fmt::format("{:.1f} h", minutes / 60.0);
        case TimeUnit::Days:
            return fmt::format("{:.1f} d", minutes / kMinutesPerDay);
        case TimeUnit::None:
        case TimeUnit::Minutes:
            break;
    }
    return fmt::format("{:.1f} min", minutes);
}

/// "LTR +0.4", "LTR −1.0" (likelihood-to-recommend points).
std::string format_effect(double ltr) {
    return fmt::format("LTR {}{:.1f}", ltr < 0 ? "\u2212" : "+", std::abs(ltr));
}

const char* mode_words(ChannelMode mode) {
    switch (mode) {
        case ChannelMode::Live:
            return "live";
        case ChannelMode::Messaging:
            return "messaging";
        case ChannelMode::Async:
            return "async";
        case ChannelMode::SelfService:
            return "self-service";
        case ChannelMode::InPerson:
            return "in person";
    }
    return "";
}

template <typename Range, typename Format>
std::string join(const Range& items, std::string_view separator, Format format) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += format(item);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// The diagram, independent of Graphviz: what is drawn and what each element stands for.

/// What a node stands for; decides its look.
enum class NodeRole {
    Arrivals,
    Step,
    SelfService,
    Contact,
    Branch,
    EndResolved,
    EndUnresolved,
    EndChurned,
    EmployeeStep,
    Handoff,
    EmployeeFixed,
    EmployeeNotFixed,
    Legend,
};

/// What an edge stands for; decides its look.
enum class EdgeRole {
    Arrivals,
    Next,
    Success,
    Fail,
    Fixed,
    NotFixed,
    Abandoned,
    GaveUp,
    Rule,
    Otherwise,
    HandledBy,
    EmployeeNext,
};

struct NodeSpec {
    std::string name;  ///< internal Graphviz name, never user text
    NodeRole role = NodeRole::Step;
    std::string label;    ///< HTML-like, escaped
    std::string tooltip;  ///< plain, escaped
    Index journey = kNone;
    Index touchpoint = kNone;
    Index employee_journey = kNone;
    Index step = kNone;
    std::vector<std::pair<const char*, std::string>> overlay;  ///< flow attributes, set last
};

struct EdgeSpec {
    std::string tail;
    std::string head;
    EdgeRole role = EdgeRole::Next;
    std::vector<std::string> labels;  ///< plain, escaped; drawn one per line
    std::string lhead;                ///< cluster the edge points at, if any
    Index journey = kNone;
    Index from = kNone;  ///< touchpoint (or step) indices
    Index to = kNone;
    std::vector<std::pair<const char*, std::string>> overlay;  ///< flow attributes, set last
};

EdgeSpec edge_of(std::string tail, std::string head, EdgeRole role, Index journey, Index from,
                 Index to) {
    EdgeSpec edge;
    edge.tail = std::move(tail);
    edge.head = std::move(head);
    edge.role = role;
    edge.journey = journey;
    edge.from = from;
    edge.to = to;
    return edge;
}

/// What a cluster stands for.
enum class ClusterRole {
    Journey,  ///< a customer journey: its flow and its lanes
    Flow,     ///< the journey's touchpoints (no box of its own)
    Lane,     ///< an employee journey serving one of the journey's contacts
};

struct ClusterSpec {
    std::string name;  ///< starts with "cluster" so that dot draws a box around it
    ClusterRole role = ClusterRole::Journey;
    std::string label;  ///< HTML-like, escaped
    Index journey = kNone;
    Index employee_journey = kNone;
    std::vector<NodeSpec> nodes;
    std::vector<ClusterSpec> clusters;
};

struct Diagram {
    std::vector<ClusterSpec> clusters;
    std::vector<NodeSpec> nodes;  ///< outside every cluster (the legend)
    std::vector<EdgeSpec> edges;
    std::vector<std::vector<std::string>> same_rank;  ///< node names drawn one above the other
};

// ---------------------------------------------------------------------------------------------
// The look. Every visual decision about nodes, edges and clusters is made in `Styler` from
// what the element stands for; a flow overlay (edge width by customers per day, node colour
// by NPS effect) only has to extend it.

struct Colours {
    const char* fill;
    const char* line;
};

namespace palette {
constexpr const char* kFont = "Helvetica,Arial,sans-serif";
constexpr const char* kInk = "#263238";
constexpr const char* kMuted = "#607D8B";
constexpr Colours kArrivals{"#37474F", "#37474F"};
constexpr Colours kStep{"#FFFFFF", "#546E7A"};
constexpr Colours kSelfService{"#E3F2FD", "#1E88E5"};
constexpr Colours kContact{"#FFF3E0", "#E65100"};
constexpr Colours kBranch{"#F3E5F5", "#8E24AA"};
constexpr Colours kResolved{"#E8F5E9", "#2E7D32"};
constexpr Colours kUnresolved{"#FFF8E1", "#FF8F00"};
constexpr Colours kChurned{"#FFEBEE", "#C62828"};
constexpr Colours kEmployee{"#FFFFFF", "#00897B"};
constexpr Colours kHandoff{"#FFFDE7", "#F9A825"};
constexpr Colours kJourney{"#F8FAFC", "#B0BEC5"};
constexpr Colours kLane{"#E0F2F1", "#80CBC4"};
constexpr const char* kAbandoned = "#8D6E63";
}  // namespace palette

using Attributes = std::vector<std::pair<const char*, std::string>>;

/// `base` with the entries of `extra` added or replacing those of the same name.
Attributes merged(Attributes base, const Attributes& extra) {
    for (const auto& entry : extra) {
        auto same = [&](const auto& e) { return std::string_view(e.first) == entry.first; };
        if (auto it = std::find_if(base.begin(), base.end(), same); it != base.end()) {
            it->second = entry.second;
        } else {
            base.push_back(entry);
        }
    }
    return base;
}

class Styler {
  public:
    Attributes node(const NodeSpec& node) const {
        switch (node.role) {
            case NodeRole::Arrivals:
                return merged(
                    box(palette::kArrivals, "filled"),
                    Attributes{{"shape", "cds"}, {"fontcolor", "#FFFFFF"}, {"margin", "0.2,0.06"}});
            case NodeRole::Step:
                return box(palette::kStep, "rounded,filled");
            case NodeRole::SelfService:
                return box(palette::kSelfService, "rounded,filled");
            case NodeRole::Contact:
                return merged(box(palette::kContact, "filled"), Attributes{{"penwidth", "2.4"}});
            case NodeRole::Branch:
                return merged(box(palette::kBranch, "filled"),
                              Attributes{{"shape", "diamond"}, {"margin", "0.05,0.05"}});
            case NodeRole::EndResolved:
                return end(palette::kResolved, 11);
            case NodeRole::EndUnresolved:
                return end(palette::kUnresolved, 11);
            case NodeRole::EndChurned:
                return end(palette::kChurned, 11);
            case NodeRole::EmployeeStep:
                return merged(box(palette::kEmployee, "rounded,filled"),
                              Attributes{{"fontsize", "9"}});
            case NodeRole::Handoff:
                return merged(box(palette::kHandoff, "rounded,filled,dashed"),
                              Attributes{{"fontsize", "9"}, {"penwidth", "1.6"}});
            case NodeRole::EmployeeFixed:
                return end(palette::kResolved, 9);
            case NodeRole::EmployeeNotFixed:
                return end(palette::kUnresolved, 9);
            case NodeRole::Legend:
                return {{"shape", "plain"}, {"fontsize", "9"}};
        }
        return {};
    }

    Attributes edge(const EdgeSpec& edge) const {
        switch (edge.role) {
            case EdgeRole::Arrivals:
                return {{"color", palette::kArrivals.line}, {"penwidth", "1.8"}};
            case EdgeRole::Next:
                return {};
            case EdgeRole::Success:
            case EdgeRole::Fixed:
                return coloured(palette::kResolved.line);
            case EdgeRole::Fail:
            case EdgeRole::NotFixed:
                return coloured(palette::kUnresolved.line);
            case EdgeRole::Abandoned:
                return merged(coloured(palette::kAbandoned), Attributes{{"style", "dashed"}});
            case EdgeRole::GaveUp:
                return merged(coloured(palette::kChurned.line), Attributes{{"style", "dashed"}});
            case EdgeRole::Rule:
                return coloured(palette::kBranch.line);
            case EdgeRole::Otherwise:
                return merged(coloured(palette::kBranch.line), Attributes{{"style", "dashed"}});
            case EdgeRole::HandledBy: {
                // Not a move of the customer: it does not push the lane to the right. Its
                // words are an external label: dot 2.42 corrupts memory when an edge between
                // nodes of the same rank carries a label.
                Attributes a =
                    merged(coloured(palette::kEmployee.line), Attributes{{"style", "dashed"},
                                                                         {"arrowhead", "open"},
                                                                         {"constraint", "false"}});
                if (!edge.lhead.empty()) a.emplace_back("lhead", edge.lhead);
                return a;
            }
            case EdgeRole::EmployeeNext:
                return merged(coloured(palette::kEmployee.line),
                              Attributes{{"fontsize", "8"}, {"arrowsize", "0.6"}});
        }
        return {};
    }

    /// `xlabel` for edges that may join nodes of the same rank (see `HandledBy`), else `label`.
    const char* label_attribute(const EdgeSpec& edge) const {
        return edge.role == EdgeRole::HandledBy ? "xlabel" : "label";
    }

    Attributes cluster(const ClusterSpec& cluster) const {
        switch (cluster.role) {
            case ClusterRole::Journey:
                return framed(palette::kJourney, "14", "16");
            case ClusterRole::Flow:
                return {{"style", "invis"}, {"margin", "4"}};
            case ClusterRole::Lane:
                return framed(palette::kLane, "10", "10");
        }
        return {};
    }

  private:
    static Attributes framed(const Colours& c, const char* fontsize, const char* margin) {
        return {{"style", "rounded,filled"}, {"fillcolor", c.fill}, {"color", c.line},
                {"fontsize", fontsize},      {"labeljust", "l"},    {"labelloc", "t"},
                {"margin", margin}};
    }
    static Attributes box(const Colours& c, const char* style) {
        return {{"shape", "box"}, {"style", style}, {"fillcolor", c.fill}, {"color", c.line}};
    }
    static Attributes end(const Colours& c, int fontsize) {
        return {{"shape", "ellipse"},   {"style", "filled"}, {"peripheries", "2"},
                {"fillcolor", c.fill},  {"color", c.line},   {"fontsize", std::to_string(fontsize)},
                {"margin", "0.06,0.03"}};
    }
    static Attributes coloured(const char* colour) {
        return {{"color", colour}, {"fontcolor", colour}};
    }
};

// ---------------------------------------------------------------------------------------------
// Building the diagram from the model.

/// "<B>title</B><BR/><FONT ...>line</FONT>..." from already escaped parts.
std::string title_and_lines(const std::string& title, const std::vector<std::string>& lines,
                            int point_size = 9) {
    std::string html = "<B>" + title + "</B>";
    for (const auto& line : lines) {
        html += fmt::format("<BR/><FONT POINT-SIZE=\"{}\" COLOR=\"{}\">{}</FONT>", point_size,
                            palette::kMuted, line);
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
        Diagnostic d;
        d.file = model_.file;
        d.pointer = (nlohmann::json::json_pointer("/journeys") / options_.journey).to_string();
        d.message = fmt::format("unknown journey `{}`", options_.journey);
        d.hint = model_.journeys.empty() ? "the model has no journeys"
                                         : "journeys in this model: " +
                                               join(model_.journeys, ", ", [](const Journey& j) {
                                                   return "`" + j.id + "`";
                                               });
        return InputError({std::move(d)});
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
            html_escape(shown_name(journey.label, journey.id)), palette::kMuted,
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
                lines.push_back(to_string(tp.outcome));
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
                html_escape(channel_name(c)), palette::kMuted, mode_words(model_.channels[c].mode));
        }
        for (const auto& line : lines) {
            html += fmt::format(
                "<TR><TD COLSPAN=\"2\"><FONT POINT-SIZE=\"9\" COLOR=\"{}\">{}</FONT></TD></TR>",
                palette::kMuted, line);
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

    void add_touchpoint_edges(Index j, Index t) {
        const Touchpoint& tp = model_.journeys[j].touchpoints[t];
        switch (tp.kind) {
            case TouchpointKind::Step:
                for (std::size_t i = 0; i < tp.next.size(); ++i)
                    add_move(j, t, tp.next[i].to, EdgeRole::Next, probability_label(tp.next, i));
                break;
            case TouchpointKind::SelfService:
                add_move(j, t, tp.on_success, EdgeRole::Success, "success");
                add_move(j, t, tp.on_fail, EdgeRole::Fail, "fail");
                break;
            case TouchpointKind::Contact:
                add_move(j, t, tp.on_fixed, EdgeRole::Fixed, "fixed");
                add_move(j, t, tp.on_not_fixed, EdgeRole::NotFixed, "not fixed");
                add_move(j, t, tp.on_abandon, EdgeRole::Abandoned, "abandoned");
                add_move(j, t, tp.on_give_up, EdgeRole::GaveUp,
                         tp.max_attempts > 0
                             ? fmt::format("gave up (after {} attempts)", tp.max_attempts)
                             : std::string("gave up"));
                break;
            case TouchpointKind::Branch:
                for (std::size_t r = 0; r < tp.rules.size(); ++r) {
                    std::string words = condition_words(tp.rules[r].when);
                    if (tp.rules.size() > 1) words = fmt::format("{}. {}", r + 1, words);
                    add_move(j, t, tp.rules[r].to, EdgeRole::Rule, std::move(words));
                }
                for (std::size_t i = 0; i < tp.next.size(); ++i) {
                    if (tp.rules.empty()) {
                        add_move(j, t, tp.next[i].to, EdgeRole::Next,
                                 probability_label(tp.next, i));
                    } else {
                        std::string p = probability_label(tp.next, i);
                        add_move(j, t, tp.next[i].to, EdgeRole::Otherwise,
                                 p.empty() ? "otherwise" : "otherwise " + p);
                    }
                }
                break;
            case TouchpointKind::End:
                break;
        }
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
        auto cell = [](const std::string& text, const char* fill = "#FFFFFF") {
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
        html += "<TR>" + cell("step", palette::kStep.fill) +
                cell("self-service", palette::kSelfService.fill) +
                cell("contact", palette::kContact.fill) + cell("branch", palette::kBranch.fill) +
                "</TR>";
        html += "<TR>" + cell("resolved", palette::kResolved.fill) +
                cell("unresolved", palette::kUnresolved.fill) +
                cell("churned", palette::kChurned.fill) +
                cell("employee step", palette::kLane.fill) + "</TR>";
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

// ---------------------------------------------------------------------------------------------
// The flow overlay: simulated figures and scenario changes painted over a built diagram.

namespace flow_look {
constexpr const char* kNegative = "#E57373";  ///< strongly lowers likelihood-to-recommend
constexpr const char* kNeutral = "#F5F5F5";
constexpr const char* kPositive = "#81C784";
constexpr double kFullEffect = 2.0;  ///< LTR points drawn in the full colour
// Fix rate: neutral at the industry average, full green at world class (SQM Group: average
// 67%, world class 80%), full red at e-mail's typical 51% (SQM Group).
constexpr double kFixRateLow = 0.51;
constexpr double kFixRateAverage = 0.67;
constexpr double kFixRateHigh = 0.80;
constexpr const char* kAdded = "#2E7D32";
constexpr const char* kChanged = "#1565C0";
constexpr const char* kRemoved = "#9E9E9E";
constexpr double kMinWidth = 0.8;  ///< edge pen width of no flow
constexpr double kMaxWidth = 8;    ///< edge pen width of the largest flow
}  // namespace flow_look

/// `a` blended towards `b` by `t` in [0,1]; both "#RRGGBB".
std::string blend(const char* a, const char* b, double t) {
    auto channel = [](const char* hex, int i) {
        return std::stoi(std::string(hex + 1 + 2 * i, 2), nullptr, 16);
    };
    t = std::clamp(t, 0.0, 1.0);
    std::string out = "#";
    for (int i = 0; i < 3; ++i) {
        const double v = channel(a, i) + (channel(b, i) - channel(a, i)) * t;
        out += fmt::format("{:02X}", static_cast<int>(std::lround(v)));
    }
    return out;
}

/// Fill for a likelihood-to-recommend effect (points).
std::string effect_fill(double ltr) {
    const double t = std::clamp(ltr / flow_look::kFullEffect, -1.0, 1.0);
    return t < 0 ? blend(flow_look::kNeutral, flow_look::kNegative, -t)
                 : blend(flow_look::kNeutral, flow_look::kPositive, t);
}

/// Fill for a contact's fix rate (0–1).
std::string fix_rate_fill(double rate) {
    using namespace flow_look;
    if (rate < kFixRateAverage)
        return blend(kNeutral, kNegative,
                     (kFixRateAverage - rate) / (kFixRateAverage - kFixRateLow));
    return blend(kNeutral, kPositive, (rate - kFixRateAverage) / (kFixRateHigh - kFixRateAverage));
}

/// Adds a line of escaped HTML to a node label (a title with lines, or a contact's table).
void add_label_line(std::string& label, const std::string& line, const char* colour) {
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
    static const char* mark_colour(ChangeMark change) {
        return change == ChangeMark::Added ? flow_look::kAdded : flow_look::kChanged;
    }

    /// A part the base had and this model does not: a dashed grey box, its name struck through.
    static NodeSpec ghost(const std::string& name, int point_size) {
        NodeSpec node;
        node.label = fmt::format("<S>{}</S><BR/><FONT POINT-SIZE=\"{}\">removed</FONT>",
                                 html_escape(name), point_size);
        node.overlay = {{"style", "rounded,dashed"},
                        {"color", flow_look::kRemoved},
                        {"fontcolor", flow_look::kRemoved}};
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
                               palette::kInk);
            // Contacts are coloured by their fix rate, other touchpoints by their effect.
            const bool by_fix_rate = tp.kind == TouchpointKind::Contact && f->fix_rate;
            if (by_fix_rate) {
                node.overlay.emplace_back("fillcolor", fix_rate_fill(*f->fix_rate));
                add_label_line(node.label, "fixed " + format_percent(*f->fix_rate), palette::kInk);
            }
            if (f->ltr_change) {
                if (!by_fix_rate)
                    node.overlay.emplace_back("fillcolor", effect_fill(*f->ltr_change));
                // The touchpoint's own effect is in its label already.
                if (std::abs(*f->ltr_change) >= 0.005 && *f->ltr_change != tp.experience)
                    add_label_line(node.label, format_effect(*f->ltr_change) + " per customer",
                                   palette::kInk);
            }
            for (const std::string& removed : f->removed_channels)
                add_label_line(node.label, "<S>" + html_escape(removed) + "</S> removed",
                               flow_look::kRemoved);
            for (const std::string& removed : f->removed_employee_journeys)
                add_label_line(node.label,
                               "employee journey <S>" + html_escape(removed) + "</S> removed",
                               flow_look::kRemoved);
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
                               added ? flow_look::kAdded : flow_look::kChanged);
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
            rows += row(
                cell(fmt::format("<FONT COLOR=\"{}\"><B>+ added</B></FONT>", flow_look::kAdded),
                     "#FFFFFF", 2) +
                cell(fmt::format("<FONT COLOR=\"{}\"><B>\u270e changed</B></FONT>",
                                 flow_look::kChanged),
                     "#FFFFFF") +
                cell(fmt::format("<FONT COLOR=\"{}\"><S>removed</S></FONT>", flow_look::kRemoved),
                     "#FFFFFF"));
            auto removed = [&](const char* what, const std::string& name) {
                rows += row(cell(fmt::format("<FONT COLOR=\"{}\">{} <S>{}</S> removed</FONT>",
                                             flow_look::kRemoved, what, html_escape(name)),
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

// ---------------------------------------------------------------------------------------------
// Graphviz. cgraph's functions take `char*` for strings they only read (they copy them into
// the graph's string pool), hence `cs`.

char* cs(const char* text) {
    return const_cast<char*>(text);
}
char* cs(const std::string& text) {
    return const_cast<char*>(text.c_str());
}

struct ContextDeleter {
    void operator()(GVC_t* gvc) const { gvFreeContext(gvc); }
};
struct GraphDeleter {
    void operator()(Agraph_t* graph) const { agclose(graph); }
};
/// Frees a layout (not the graph) when it goes out of scope.
struct LayoutDeleter {
    GVC_t* gvc;
    void operator()(Agraph_t* graph) const { gvFreeLayout(gvc, graph); }
};
struct RenderDataDeleter {
    void operator()(char* data) const { gvFreeRenderData(data); }
};
/// Releases a reference to a string in a graph's string pool.
struct PooledStringDeleter {
    Agraph_t* graph;
    void operator()(char* text) const { agstrfree(graph, text); }
};
using ContextPtr = std::unique_ptr<GVC_t, ContextDeleter>;
using GraphPtr = std::unique_ptr<Agraph_t, GraphDeleter>;
using LayoutPtr = std::unique_ptr<Agraph_t, LayoutDeleter>;
using RenderDataPtr = std::unique_ptr<char, RenderDataDeleter>;
using PooledStringPtr = std::unique_ptr<char, PooledStringDeleter>;

/// Graphviz keeps global state (the error handler, layout and plugin state), so every use of
/// it in the library is serialised by this mutex.
std::mutex& graphviz_mutex() {
    static std::mutex mutex;
    return mutex;
}

/// The Graphviz context (plugins and their caches), made on first use and kept: the text
/// layout plugin of Graphviz 2.42 keeps pointers into a freed context's font cache, so a
/// context must not be freed while Graphviz is still used. Call with `graphviz_mutex` held.
GVC_t* graphviz_context() {
    static const ContextPtr context(gvContext());
    return context.get();
}

/// Messages Graphviz reported during the current call (guarded by `graphviz_mutex`).
std::string& graphviz_messages() {
    static std::string messages;
    return messages;
}

int collect_graphviz_message(char* text) {
    graphviz_messages() += text;
    return 0;
}

/// While alive, Graphviz reports to `graphviz_messages()` instead of stderr.
class GraphvizErrors {
  public:
    GraphvizErrors()
        : previous_handler_(agseterrf(&collect_graphviz_message)),
          previous_level_(agseterr(AGWARN)) {
        graphviz_messages().clear();
        agreseterrors();
    }
    ~GraphvizErrors() {
        agseterrf(previous_handler_);
        agseterr(previous_level_);
        agreseterrors();
    }
    GraphvizErrors(const GraphvizErrors&) = delete;
    GraphvizErrors& operator=(const GraphvizErrors&) = delete;

    /// Throws `OutputError` if `ok` is false or Graphviz reported an error.
    void check(bool ok, std::string_view what) const {
        if (ok && agerrors() < AGERR) return;
        std::string detail;
        std::string_view rest = graphviz_messages();
        while (!rest.empty()) {
            const std::size_t end = rest.find('\n');
            std::string_view line = rest.substr(0, end);
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            if (!line.starts_with("Error")) continue;
            line.remove_prefix(std::min(line.size(), std::string_view("Error: ").size()));
            if (!detail.empty()) detail += "; ";
            detail += line;
        }
        throw OutputError(fmt::format("graphviz could not {} the diagram{}{}", what,
                                      detail.empty() ? "" : ": ", detail));
    }

  private:
    agusererrf previous_handler_;
    agerrlevel_t previous_level_;
};

/// Object ids in order of creation. cgraph's default id discipline uses the addresses of
/// pooled name strings as ids and orders subgraphs by id, which would make the layout depend
/// on where the allocator put the names; with these ids equal models draw identically.
/// Named objects get even ids, anonymous ones (edges) odd ids, as in the default discipline.
/// Names are kept in the graph's string pool (cgraph inspects pooled strings' headers), which
/// releases them when the graph is closed.
class SequentialIds {
  public:
    explicit SequentialIds(Agraph_t* graph) : graph_(graph) {}

    long map(const char* name, IDTYPE* id, bool create) {
        if (name == nullptr) {
            *id = next_anonymous_;
            next_anonymous_ += 2;
            return 1;
        }
        if (auto it = ids_.find(name); it != ids_.end()) {
            *id = it->second;
            return 1;
        }
        if (!create) return 0;
        names_.push_back(agstrdup(graph_, cs(name)));
        *id = 2 * static_cast<IDTYPE>(names_.size());
        ids_.emplace(name, *id);
        return 1;
    }

    char* print(IDTYPE id) const {
        if (id == 0 || id % 2 != 0 || id / 2 > names_.size()) return nullptr;
        return names_[id / 2 - 1];
    }

  private:
    Agraph_t* graph_;
    std::map<std::string, IDTYPE, std::less<>> ids_;
    std::vector<char*> names_;  ///< pooled strings, index id / 2 - 1
    IDTYPE next_anonymous_ = 1;
};

// cgraph owns the state between `open` and `close`.
void* ids_open(Agraph_t* graph, Agdisc_t*) {
    return std::make_unique<SequentialIds>(graph).release();
}
long ids_map(void* state, int, char* name, IDTYPE* id, int create) {
    return static_cast<SequentialIds*>(state)->map(name, id, create != 0);
}
long ids_alloc(void*, int, IDTYPE) {
    return 0;
}  // callers may not choose ids
void ids_free(void*, int, IDTYPE) {}
char* ids_print(void* state, int, IDTYPE id) {
    return static_cast<SequentialIds*>(state)->print(id);
}
void ids_close(void* state) {
    const std::unique_ptr<SequentialIds> owned(static_cast<SequentialIds*>(state));
}
void ids_register(void*, int, void*) {}

// DOT text is written straight into a std::string: the graph's I/O discipline appends to the
// `std::string*` passed to `agwrite` as its channel.
int append_to_string(void* channel, const char* text) {
    static_cast<std::string*>(channel)->append(text);
    return 0;
}

int flush_nothing(void*) {
    return 0;
}

Agdisc_t* graph_discipline() {
    static Agiodisc_t io{AgIoDisc.afread, &append_to_string, &flush_nothing};
    static Agiddisc_t ids{&ids_open,  &ids_map,   &ids_alloc,   &ids_free,
                          &ids_print, &ids_close, &ids_register};
    static Agdisc_t discipline{&AgMemDisc, &ids, &io};
    return &discipline;
}

void set(void* object, const char* name, const std::string& value) {
    agsafeset(object, cs(name), cs(value), cs(""));
}

void set(void* object, const Attributes& attributes) {
    for (const auto& [name, value] : attributes)
        set(object, name, value);
}

void set_html(Agraph_t* graph, void* object, const char* name, const std::string& html) {
    const PooledStringPtr text(agstrdup_html(graph, cs(html)), PooledStringDeleter{graph});
    agsafeset(object, cs(name), text.get(), cs(""));
}

/// Declares every attribute with its default, on the root graph.
void set_defaults(Agraph_t* g) {
    const auto font = std::string(palette::kFont);
    const Attributes graph{{"rankdir", "LR"},    {"newrank", "true"}, {"compound", "true"},
                           {"fontname", font},   {"fontsize", "12"},  {"fontcolor", palette::kInk},
                           {"nodesep", "0.3"},   {"ranksep", "0.45"}, {"pad", "0.3"},
                           {"bgcolor", "white"}, {"labeljust", "l"},  {"labelloc", "t"},
                           {"style", ""},        {"fillcolor", ""},   {"color", ""},
                           {"margin", ""},       {"label", ""}};
    for (const auto& [name, value] : graph)
        agattr(g, AGRAPH, cs(name), cs(value));
    const Attributes node{{"fontname", font},
                          {"fontsize", "11"},
                          {"fontcolor", palette::kInk},
                          {"shape", "box"},
                          {"style", "rounded,filled"},
                          {"fillcolor", "white"},
                          {"color", palette::kStep.line},
                          {"penwidth", "1.2"},
                          {"margin", "0.14,0.05"},
                          {"peripheries", "1"},
                          {"label", "\\N"},
                          {"tooltip", ""}};
    for (const auto& [name, value] : node)
        agattr(g, AGNODE, cs(name), cs(value));
    const Attributes edge{{"fontname", font},
                          {"fontsize", "9"},
                          {"fontcolor", palette::kMuted},
                          {"color", palette::kMuted},
                          {"arrowsize", "0.7"},
                          {"penwidth", "1.2"},
                          {"style", "solid"},
                          {"arrowhead", "normal"},
                          {"label", ""},
                          {"xlabel", ""},
                          {"lhead", ""}};
    for (const auto& [name, value] : edge)
        agattr(g, AGEDGE, cs(name), cs(value));
}

void emit_cluster(Agraph_t* root, Agraph_t* parent, const ClusterSpec& cluster,
                  const Styler& styler) {
    Agraph_t* sub = agsubg(parent, cs(cluster.name), 1);
    set(sub, styler.cluster(cluster));
    if (!cluster.label.empty()) set_html(root, sub, "label", cluster.label);
    for (const NodeSpec& spec : cluster.nodes) {
        Agnode_t* node = agnode(sub, cs(spec.name), 1);
        set(node, styler.node(spec));
        set(node, spec.overlay);
        set_html(root, node, "label", spec.label);
        if (!spec.tooltip.empty()) set(node, "tooltip", spec.tooltip);
    }
    for (const ClusterSpec& child : cluster.clusters)
        emit_cluster(root, sub, child, styler);
}

GraphPtr emit(const Diagram& diagram, const Styler& styler) {
    GraphPtr graph(agopen(cs("journeys"), Agdirected, graph_discipline()));
    if (!graph) throw OutputError("graphviz could not create a graph");
    Agraph_t* g = graph.get();
    set_defaults(g);
    // Unconnected top-level clusters are stacked bottom up in the order they were made, so the
    // journeys are made last to first to read top to bottom.
    for (auto it = diagram.clusters.rbegin(); it != diagram.clusters.rend(); ++it)
        emit_cluster(g, g, *it, styler);
    for (const NodeSpec& spec : diagram.nodes) {
        Agnode_t* node = agnode(g, cs(spec.name), 1);
        set(node, styler.node(spec));
        set(node, spec.overlay);
        set_html(g, node, "label", spec.label);
    }
    for (const EdgeSpec& spec : diagram.edges) {
        Agnode_t* tail = agnode(g, cs(spec.tail), 0);
        Agnode_t* head = agnode(g, cs(spec.head), 0);
        assert(tail && head);
        if (!tail || !head) continue;
        Agedge_t* edge = agedge(g, tail, head, nullptr, 1);
        set(edge, styler.edge(spec));
        set(edge, spec.overlay);
        if (!spec.labels.empty()) {
            set(edge, styler.label_attribute(spec),
                join(spec.labels, kPlainBreak, [](const auto& s) { return s; }));
        }
    }
    for (std::size_t i = 0; i < diagram.same_rank.size(); ++i) {
        Agraph_t* group = agsubg(g, cs(fmt::format("rank_{}", i)), 1);
        set(group, "rank", "same");
        for (const std::string& name : diagram.same_rank[i]) {
            if (Agnode_t* node = agnode(g, cs(name), 0)) agsubnode(group, node, 1);
        }
    }
    return graph;
}

std::string render(GVC_t* gvc, Agraph_t* g, const char* format, const GraphvizErrors& errors) {
    char* data = nullptr;
    unsigned int length = 0;
    const int rc = gvRenderData(gvc, g, format, &data, &length);
    const RenderDataPtr owned(data);
    errors.check(rc == 0 && data != nullptr, "render");
    return std::string(data, length);
}

}  // namespace

std::string render_diagram(const Model& model, const DrawOptions& options, DiagramFormat format) {
    Diagram diagram = DiagramBuilder(model, options).build();
    if (options.flow) FlowPainter(model, *options.flow).paint(diagram);
    const Styler styler;

    const std::lock_guard lock(graphviz_mutex());
    const GraphvizErrors errors;
    GVC_t* gvc = graphviz_context();
    errors.check(gvc != nullptr, "start");
    const GraphPtr graph = emit(diagram, styler);
    errors.check(true, "build");
    if (format == DiagramFormat::Dot) {
        std::string dot;
        errors.check(agwrite(graph.get(), &dot) == 0, "write");
        return dot;
    }

    if (format == DiagramFormat::Png) set(graph.get(), "dpi", "144");
    const int rc = gvLayout(gvc, graph.get(), "dot");
    const LayoutPtr layout(rc == 0 ? graph.get() : nullptr, LayoutDeleter{gvc});
    errors.check(rc == 0, "lay out");
    return render(gvc, graph.get(), format == DiagramFormat::Svg ? "svg" : "png", errors);
}

}  // namespace journeysim
