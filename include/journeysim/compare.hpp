#pragma once
/// \file
/// Comparing scenarios with the base model under common random numbers: replication r of every
/// variant draws arrivals, segments, scores and service times from the same streams, so each
/// difference is estimated from paired replications.

#include <journeysim/result.hpp>
#include <journeysim/scenario.hpp>
#include <journeysim/simulate.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace journeysim {

/// The paired difference scenario − base of one metric.
struct MetricDelta {
    std::string path;                  ///< the metric's JSON pointer, as in `Result::metrics()`
    const MetricKind* kind = nullptr;  ///< its declaration in the catalogue
    std::vector<double> diff;          ///< per replication (NaN where either side is undefined)
    Estimate delta;                    ///< mean difference and its 95% confidence interval
    bool significant = false;          ///< the interval excludes zero
};

/// One scenario's result and its differences from the base.
class ScenarioComparison {
  public:
    std::string name;
    std::string description;
    Result result;
    std::vector<std::string> added_channels;
    std::vector<std::string> removed_channels;
    std::string expanded_patch;  ///< the scenario's changes as plain JSON Patch

    /// The differences for every metric both results have, in result order.
    const std::vector<MetricDelta>& deltas() const { return deltas_; }
    void set_deltas(std::vector<MetricDelta> deltas);

    /// The delta at `path`, or null (a hash lookup).
    const MetricDelta* find(std::string_view path) const;
    /// The delta of metric `kind` of `ids`, or null.
    const MetricDelta* find(const MetricKind& kind,
                            std::initializer_list<std::string_view> ids = {}) const;

  private:
    std::vector<MetricDelta> deltas_;
    detail::PathIndex index_;
};

/// A whole comparison.
struct Comparison {
    std::string name;
    std::string description;
    Result base;
    std::vector<ScenarioComparison> scenarios;
    /// With a precision target: whether every scenario's ΔNPS half-width reached it.
    bool target_reached = true;
};

/// How to compare.
struct CompareOptions {
    SimulationOptions simulation;     ///< replications, seed, threads, intervals, progress
    std::optional<double> target_ci;  ///< ΔNPS half-width (points) to reach, if any
    int max_replications = 400;       ///< cap when a target is given
};

/// Paired differences of every metric the two results share.
std::vector<MetricDelta> paired_deltas(const Result& base, const Result& scenario);

/// Half-width of the 95% confidence interval of an estimate.
double half_width(const Estimate& e);

/// Simulates the base and every scenario with the same seed and replications. With a target,
/// adds replications until every scenario's ΔNPS half-width is at most the target or the cap
/// is reached (`target_reached` says which).
Comparison compare(const ScenarioSet& set, const CompareOptions& options);

}  // namespace journeysim
