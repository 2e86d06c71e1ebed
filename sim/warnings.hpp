#pragma once
// Set-up artefacts found in a run's figures: teams too busy for their queues to reach a steady
// state, backlogs growing over the horizon, customers still in a journey when the run-out
// ended. Each names the figures it biases.

#include <journeysim/model.hpp>
#include <journeysim/result.hpp>

namespace journeysim::detail {

/// A team busy at least this share of its time on duty does not reach a steady state.
inline constexpr double kSaturatedOccupancy = 0.98;

/// A backlog growing by at least this share of the contacts offered in the same time does not
/// keep up (a modelling threshold, not measured; docs/calibration.md).
inline constexpr double kGrowingBacklogShare = 0.05;

/// Appends to `result.warnings` what its figures show about the model's set-up.
void add_run_warnings(const Model& model, Result& result);

}  // namespace journeysim::detail
