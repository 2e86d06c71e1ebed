#include <journeysim/compare.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace journeysim {

void ScenarioComparison::set_deltas(std::vector<MetricDelta> deltas) {
    deltas_ = std::move(deltas);
    index_.clear();
    for (std::size_t i = 0; i < deltas_.size(); ++i)
        index_.emplace(deltas_[i].path, i);
}

const MetricDelta* ScenarioComparison::find(std::string_view path) const {
    return detail::find_indexed(index_, deltas_, path);
}

const MetricDelta* ScenarioComparison::find(const MetricKind& kind,
                                            std::initializer_list<std::string_view> ids) const {
    return find(metric_path(kind, ids));
}

double half_width(const Estimate& e) {
    return (e.high - e.low) / 2;
}

std::vector<MetricDelta> paired_deltas(const Result& base, const Result& scenario) {
    std::vector<MetricDelta> out;
    for (const auto& m : scenario.metrics()) {
        const Metric* b = base.find(m.path);
        if (b == nullptr || b->values.size() != m.values.size()) continue;
        MetricDelta d;
        d.path = m.path;
        d.kind = m.kind;
        d.diff.resize(m.values.size());
        for (std::size_t r = 0; r < m.values.size(); ++r) {
            d.diff[r] = m.values[r] - b->values[r];  // NaN on either side stays NaN
        }
        d.delta = estimate(d.diff);
        d.significant =
            d.delta.count >= 2 && !std::isnan(d.delta.low) && (d.delta.low > 0 || d.delta.high < 0);
        out.push_back(std::move(d));
    }
    return out;
}

namespace {

/// Replications needed for every scenario's ΔNPS half-width to reach `target`, estimated from
/// the current half-widths (they shrink with the square root of the replications).
int replications_needed(const Comparison& c, int current, double target) {
    double worst = 0;
    for (const auto& s : c.scenarios) {
        const auto* d = s.find(metric::nps);
        if (d == nullptr || std::isnan(d->delta.low)) continue;
        worst = std::max(worst, half_width(d->delta) / target);
    }
    if (worst <= 1) return current;
    // A 10% margin so the next round usually reaches the target.
    return static_cast<int>(std::ceil(current * worst * worst * 1.1));
}

Comparison run_all(const ScenarioSet& set, const SimulationOptions& sim,
                   const std::function<void(double)>& progress) {
    Comparison c;
    c.name = set.name;
    c.description = set.description;
    const double variants = static_cast<double>(set.scenarios.size() + 1);
    auto stage = [&](std::size_t k) {
        SimulationOptions o = sim;
        if (progress) {
            o.progress = [&progress, k, variants](double done) {
                progress((static_cast<double>(k) + done) / variants);
            };
        }
        return o;
    };
    c.base = simulate(set.base, stage(0));
    for (std::size_t i = 0; i < set.scenarios.size(); ++i) {
        const auto& s = set.scenarios[i];
        ScenarioComparison sc;
        sc.name = s.name;
        sc.description = s.description;
        sc.added_channels = s.added_channels;
        sc.removed_channels = s.removed_channels;
        sc.expanded_patch = s.expanded_patch;
        sc.result = simulate(s.model, stage(i + 1));
        sc.set_deltas(paired_deltas(c.base, sc.result));
        c.scenarios.push_back(std::move(sc));
    }
    return c;
}

}  // namespace

Comparison compare(const ScenarioSet& set, const CompareOptions& options) {
    SimulationOptions sim = options.simulation;
    const auto progress = sim.progress;
    sim.progress = nullptr;
    // A confidence interval needs a spread: with a target, start from at least 3 replications.
    if (options.target_ci) sim.replications = std::max(sim.replications, 3);
    Comparison c = run_all(set, sim, progress);
    if (!options.target_ci) return c;
    // Replications are deterministic per index, so a larger run repeats the earlier
    // replications exactly and adds new ones.
    while (true) {
        const int needed = replications_needed(c, sim.replications, *options.target_ci);
        if (needed <= sim.replications) {
            c.target_reached = true;
            return c;
        }
        if (sim.replications >= options.max_replications) {
            c.target_reached = false;
            return c;
        }
        sim.replications = std::min(needed, options.max_replications);
        c = run_all(set, sim, progress);
    }
}

}  // namespace journeysim
