#pragma once
/// \file
/// Flow overlays for journey diagrams (`DrawOptions::flow`): how many customers per day move
/// along each edge and the figures of each touchpoint, taken from a run's result, and the marks
/// of what a scenario added, removed or changed against its base model.

#include <journeysim/draw.hpp>
#include <journeysim/model.hpp>
#include <journeysim/result.hpp>

#include <string>
#include <string_view>

namespace journeysim {

/// Days over which a run's statistics are collected: the horizon less the warm-up, in days.
/// The divisor of every "per day" figure of an overlay.
double measured_days(const Model& model);

/// The flow of a run over the model's journeys. Per touchpoint: visits per day
/// (`/journeys/<j>/touchpoints/<tp>/visits`), the change of likelihood-to-recommend of those
/// passing through (`.../ltr_change`) and, for contacts, the fix rate (`.../fix_rate`); per edge:
/// customers per day (`.../to/<to>`). Where an edge count is missing the edge is estimated from
/// the touchpoint's visits and the model's probabilities (and marked `estimated`); a missing
/// fix rate falls back to the touchpoint's own, then to its channels' simulated fix rates, and a
/// missing effect to the touchpoint's `experience`. Figures are means over replications.
FlowOverlay flow_overlay(const Model& model, const Result& result);

/// The same from the text of a result JSON (`journeysim run --format json`), reading the mean
/// of each estimate. Throws `InputError` naming `file` and the JSON pointer when the text is not
/// a result JSON or is the result of another model (pointer `/model`).
FlowOverlay flow_overlay_from_json(const Model& model, std::string_view json,
                                   const std::string& file);

/// Marks in `overlay` (an overlay of `scenario`, or an empty one) what `scenario` added, removed
/// or changed against `base`: touchpoints of each journey (matched by id; removed ones are added
/// as entries with their label), channels (a channel also counts as changed when its team's
/// staffing or cost changed), and employee journeys and their steps (matched by id; a step counts
/// as changed when its duration, branches and their probabilities, label, kind, hand-off team or
/// work, or end differ). An employee journey the scenario removed is named on the contacts it
/// handled in the base.
void mark_changes(const Model& base, const Model& scenario, FlowOverlay& overlay);

}  // namespace journeysim
