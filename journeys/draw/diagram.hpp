#pragma once
// The diagram of journeys/draw.cpp's pipeline, independent of Graphviz: what is drawn and what
// each element stands for, the text escapes and formats of its labels, and the three stages
// (builder.cpp: model to diagram; flow.cpp: a simulated flow painted over it; graphviz.cpp:
// the look, layout and rendering).

#include <journeysim/detail/markup.hpp>
#include <journeysim/draw.hpp>
#include <journeysim/flow.hpp>
#include <journeysim/io.hpp>
#include <journeysim/model.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace journeysim::draw_detail {

// ---------------------------------------------------------------------------------------------
// Text. Every string that comes from the model passes through one of the escapes below,
// chosen by where it goes. HTML-like labels always start with '<'; plain strings never contain
// '<' (it is written as an entity), so the two kinds can never share an entry in cgraph's
// string pool (which would turn one into the other).

/// For text inside an HTML-like label. Graphviz expands `\N`, `\G`, ... even there; a doubled
/// backslash stands for itself. C0 control characters would make the SVG ill-formed; they are
/// drawn as spaces.
inline std::string html_escape(std::string_view text) {
    return detail::escape_markup(text,
                                 {.quotes = true, .backslashes = true, .controls_as_spaces = true});
}

/// For a plain string label (edge labels). Graphviz reads backslash escapes (`\n`, `\N`,
/// `\G`, ...) and character entities in these; both are neutralised.
inline std::string plain_escape(std::string_view text) {
    return detail::escape_markup(
        text, {.quotes = false, .backslashes = true, .controls_as_spaces = true});
}

/// For a tooltip (a plain string that Graphviz unescapes once more than a label).
inline std::string tooltip_escape(std::string_view text) {
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
inline std::string shown_name(const std::string& label, const std::string& id) {
    return display_name(label.empty() ? id : label);
}

/// ": <label>" for a tooltip when the drawn name shortened the label, otherwise nothing.
inline std::string full_name_note(const std::string& label) {
    if (display_name(label) == label) return {};
    return ": " + tooltip_escape(label);
}

/// "40%", "12.5%", "0.05%".
inline std::string format_percent(double p) {
    const double v = p * 100.0;
    if (v == 0.0 || v >= 1.0) {
        std::string s = fmt::format("{:.1f}", v);
        if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
        return s + "%";
    }
    return fmt::format("{:.2g}%", v);
}

/// "1,800", "12.5".
inline std::string format_count(double n) {
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
inline std::string format_duration(const Distribution& d) {
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
inline std::string format_effect(double ltr) {
    return fmt::format("LTR {}{:.1f}", ltr < 0 ? "\u2212" : "+", std::abs(ltr));
}

/// Channel modes in words, as labels and the legend show them.
inline constexpr EnumText<ChannelMode> kModeWords[] = {{ChannelMode::Live, "live"},
                                                       {ChannelMode::Messaging, "messaging"},
                                                       {ChannelMode::Async, "async"},
                                                       {ChannelMode::SelfService, "self-service"},
                                                       {ChannelMode::InPerson, "in person"}};
inline const char* mode_words(ChannelMode mode) {
    return text_of(kModeWords, mode);
}

template <typename Range, typename Format>
inline std::string join(const Range& items, std::string_view separator, Format format) {
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

inline EdgeSpec edge_of(std::string tail, std::string head, EdgeRole role, Index journey,
                        Index from, Index to) {
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
// The font of every label. The colours are data: palette.json, read by `diagram_colours` and
// `diagram_colour` (palette.cpp) for the labels (builder.cpp), the flow overlay (flow.cpp), the
// look (graphviz.cpp) and the HTML report's key.

namespace palette {
constexpr const char* kFont = "Helvetica,Arial,sans-serif";
}  // namespace palette

/// Stage 1: the diagram of `model` as `options` ask (one journey or all, employee lanes, the
/// legend). Throws `InputError` for an unknown journey.
Diagram build_diagram(const Model& model, const DrawOptions& options);

/// Stage 2: paints a simulated flow over `diagram` (edge width by customers per day, node
/// colour by effect, marks of a scenario's changes).
void paint_flow(const Model& model, const FlowOverlay& flow, Diagram& diagram);

/// Stage 3: lays out and renders `diagram` with Graphviz (serialised: Graphviz keeps global
/// state), or writes its DOT text.
std::string render_with_graphviz(const Diagram& diagram, DiagramFormat format);

}  // namespace journeysim::draw_detail
