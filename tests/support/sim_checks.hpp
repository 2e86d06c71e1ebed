#pragma once
// Statistical checks shared by the engine's tests: a metric's replication values, and whether
// an exact value lies in the 99% confidence interval of a metric or of a paired difference.

#include <journeysim/compare.hpp>
#include <journeysim/result.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace journeysim::testing {

/// `replications` runs with `seed` on two threads (results do not depend on the threads).
inline SimulationOptions sim_options(int replications, std::uint64_t seed) {
    SimulationOptions o;
    o.replications = replications;
    o.seed = seed;
    o.threads = 2;
    return o;
}

/// The per-replication values of the metric at `path`; fails the test if there is none.
inline const std::vector<double>& values(const Result& r, const std::string& path) {
    const Metric* m = r.find(path);
    if (m == nullptr) FAIL("no metric " << path);
    return m->values;
}

/// The mean and 99% confidence interval of the metric at `path`.
inline Estimate estimate_of(const Result& r, const std::string& path) {
    return estimate(values(r, path), 0.99);
}

/// `exact` lies in the 99% confidence interval of the metric at `path`.
inline void check_inside(const Result& r, const std::string& path, double exact) {
    const Estimate e = estimate(values(r, path), 0.99);
    INFO(path << ": expected " << exact << ", simulated " << e.mean << " [" << e.low << ", "
              << e.high << "]");
    CHECK(e.low <= exact);
    CHECK(exact <= e.high);
}

/// `expected` lies in the 99% confidence interval of a scenario's paired difference.
inline void check_delta(const ScenarioComparison& s, const std::string& path, double expected) {
    const MetricDelta* d = s.find(path);
    REQUIRE(d != nullptr);
    const Estimate e = estimate(d->diff, 0.99);
    INFO(path << ": expected " << expected << ", paired difference " << e.mean << " [" << e.low
              << ", " << e.high << "]");
    CHECK(e.low <= expected);
    CHECK(expected <= e.high);
}

}  // namespace journeysim::testing
