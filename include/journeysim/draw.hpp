#pragma once
/// \file
/// Journey diagrams: customer journeys (and the employee journeys behind their contacts)
/// laid out by Graphviz and rendered as SVG, PNG or DOT.

#include <journeysim/error.hpp>
#include <journeysim/model.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim {

/// What `render_diagram` produces.
enum class DiagramFormat {
    Svg,  ///< SVG text (UTF-8)
    Png,  ///< PNG image bytes
    Dot,  ///< Graphviz DOT text, without layout positions, for further editing
};

/// Picks the format from a file name's extension (`.svg`, `.png`, `.dot`, `.gv`; any case);
/// empty when the extension is not one of these.
std::optional<DiagramFormat> diagram_format_for(const std::filesystem::path& path);

/// How a part of a scenario's model differs from the base model it was derived from.
enum class ChangeMark {
    None,     ///< as in the base
    Added,    ///< not in the base
    Removed,  ///< only in the base (drawn as a ghost, since the model no longer has it)
    Changed,  ///< in both, with different settings
};

/// Figures drawn on one touchpoint of a flow diagram (all optional).
struct TouchpointFlow {
    std::string journey;                   ///< journey id
    std::string touchpoint;                ///< touchpoint id
    std::optional<double> visits_per_day;  ///< customers passing through, per day
    /// Mean change of likelihood-to-recommend (points on the 0–10 scale) of the customers
    /// passing through, from the touchpoint's own effects; colours the node.
    std::optional<double> ltr_change;
    std::optional<double> fix_rate;  ///< contacts: share of handled contacts fixed (0–1); colours
                                     ///< contact nodes
    ChangeMark change = ChangeMark::None;
    std::string label;  ///< display name of a removed touchpoint (the model does not have it)
    std::vector<std::string> removed_channels;  ///< channels the base offered here (names)
    /// Employee journeys that handled this contact in the base and are gone (names).
    std::vector<std::string> removed_employee_journeys;
};

/// Customers per day moving along one edge of a journey (all edges between the two
/// touchpoints together).
struct EdgeFlow {
    std::string journey;  ///< journey id
    std::string from;     ///< touchpoint id; empty for the journey's arrivals
    std::string to;       ///< touchpoint id
    double per_day = 0;
    bool estimated = false;  ///< derived from visits and the model's probabilities, not counted
};

/// A channel's change against the base.
struct ChannelChange {
    std::string channel;  ///< channel id
    std::string label;    ///< display name (removed channels are not in the model)
    ChangeMark change = ChangeMark::None;
};

/// A change against the base of an employee journey, or of one of its steps (hand-offs
/// included).
struct StepChange {
    std::string employee_journey;  ///< employee journey id
    /// Step id; empty for the employee journey as a whole (added, removed, or its label,
    /// description, binding or start changed).
    std::string step;
    ChangeMark change = ChangeMark::None;
    std::string label;  ///< display name of a removed step or employee journey
};

/// Simulated flow and scenario changes drawn over a diagram: edge width by customers per day,
/// node colour by effect on likelihood-to-recommend (fix rate for contacts), figures in the
/// labels, and marks on what a scenario added, removed or changed. Any part may be empty: an
/// overlay of marks alone draws a scenario's changes without simulated figures.
struct FlowOverlay {
    std::vector<TouchpointFlow> touchpoints;
    std::vector<EdgeFlow> edges;
    std::vector<ChannelChange> channels;
    std::vector<StepChange> steps;  ///< employee journeys and steps; only those not `None`
};

/// What to draw.
struct DrawOptions {
    std::string journey;         ///< draw only the journey with this id; empty: all journeys
    bool employee_lanes = true;  ///< draw employee journeys beneath the contacts they serve
    bool legend = true;          ///< add a key of touchpoint kinds and the channels drawn
    /// Simulated flow and a scenario's marks to draw over the journeys, if any.
    std::optional<FlowOverlay> flow;
};

/// Lays out the model's journeys and renders them. Returns the bytes of the output: SVG or
/// DOT text, or PNG data. Throws `InputError` (pointer `/journeys/<id>`) when
/// `options.journey` names no journey, and `OutputError` when Graphviz cannot render.
/// Safe to call from several threads (calls into Graphviz are serialised).
std::string render_diagram(const Model& model, const DrawOptions& options, DiagramFormat format);

/// The fill and line colour ("#RRGGBB") diagrams give one kind of element.
struct DiagramColours {
    std::string fill;
    std::string line;
};

/// The colours of `element` in the diagrams' palette (journeys/draw/palette.json, built in):
/// "arrivals", "step", "self-service", "contact", "branch", "resolved", "unresolved",
/// "churned", "employee", "hand-off", "journey" or "lane". A key drawn outside a diagram (the
/// HTML report's) takes its colours from here so that it matches. Throws `std::out_of_range`
/// for any other name.
const DiagramColours& diagram_colours(std::string_view element);

/// One colour of the palette: "ink", "muted", "abandoned", "effect-negative",
/// "effect-neutral", "effect-positive", "added", "changed" or "removed". Throws
/// `std::out_of_range` for any other name.
const std::string& diagram_colour(std::string_view name);

}  // namespace journeysim
