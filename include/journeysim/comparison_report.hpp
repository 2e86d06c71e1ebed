#pragma once
/// \file
/// Turning a `Comparison` into the comparison JSON (`"journeysim_comparison": 1`), a CSV of
/// every estimate and difference, and a terminal table per scenario.

#include <journeysim/compare.hpp>

#include <string>

namespace journeysim {

/// `{"journeysim_comparison": 1, "base": <result>, "scenarios": {"<name>": {"result": <result>,
/// "delta": {...}}}}`: each delta leaf is `{"mean", "ci95", "significant"}` of scenario − base.
std::string comparison_to_json(const Comparison& comparison);

/// One row per metric and variant: `variant,path,mean,ci_low,ci_high,delta,delta_low,
/// delta_high,significant` (the delta columns empty for the base).
std::string comparison_to_csv(const Comparison& comparison);

/// Per scenario: the headline KPIs for base and scenario with the paired difference, where
/// the volume went per channel (and a dropped channel's demand), NPS and FTF by segment, cost.
std::string comparison_to_table(const Comparison& comparison);

}  // namespace journeysim
