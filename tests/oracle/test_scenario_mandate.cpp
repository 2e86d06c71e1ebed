// The mandate example (examples/mandate-whatifs.json): replacing a supervisor's approval by a
// goodwill gesture the agent may grant raises handle time, first-time fix and NPS and removes
// the hand-offs, significantly, and the frontline's handle time moves by what the employee
// journey's structure says.
#include "sim_checks.hpp"

#include <journeysim/compare.hpp>
#include <journeysim/scenario.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using namespace journeysim;

using journeysim::testing::check_delta;
using journeysim::testing::check_inside;

namespace {

const std::filesystem::path kExamples = std::filesystem::path(JOURNEYSIM_SOURCE_DIR) / "examples";

/// The paired difference at `path` is significant and has the sign of `direction`.
void check_direction(const ScenarioComparison& s, const std::string& path, int direction) {
    const MetricDelta* d = s.find(path);
    REQUIRE(d != nullptr);
    INFO(path << ": difference " << d->delta.mean << " [" << d->delta.low << ", " << d->delta.high
              << "]");
    CHECK(d->significant);
    CHECK(d->delta.mean * direction > 0);
}

}  // namespace

TEST_CASE("more mandate: handle time, FTF and NPS rise, hand-offs to supervisors fall",
          "[oracle][scenario]") {
    const auto set = load_scenarios_file(kExamples / "mandate-whatifs.json");
    REQUIRE(set.scenarios.size() == 1);
    CompareOptions o;
    o.simulation.replications = 10;
    o.simulation.seed = 42;
    o.simulation.threads = 2;
    const Comparison c = compare(set, o);
    const ScenarioComparison& s = c.scenarios.at(0);
    REQUIRE(s.name == "agent_mandate");

    // Customer side.
    check_direction(s, "/kpis/ftf", +1);
    check_direction(s, "/kpis/nps", +1);
    check_direction(s, "/kpis/contacts_per_customer", -1);
    // Employee side.
    check_direction(s, "/teams/frontline/handle_time_min", +1);
    check_direction(s, "/employee_journeys/dispute_call/handle_time_min", +1);
    check_direction(s, "/employee_journeys/dispute_call/handoffs_per_case", -1);
    check_direction(s, "/teams/frontline/handoffs_per_case", -1);
    check_direction(s, "/teams/frontline/failure_demand_share", -1);
    check_direction(s, "/teams/supervisors/occupancy", -1);

    // The review step is visited V = 1 / (1 − 0.55 × 0.1) times per case (explaining sends 10%
    // back to it); the frontline agent's time per contact is identify 1.5 + review 4 V +
    // explain 2 × 0.55 V, and the goodwill gesture adds 4.5 × 0.45 V. (Phone and chat are closed
    // at midnight, so no contact is in progress at the end of the warm-up or at the horizon.)
    const double v = 1 / (1 - 0.55 * 0.1);
    check_inside(c.base, "/teams/frontline/handle_time_min", 1.5 + 4 * v + 2 * 0.55 * v);
    check_delta(s, "/teams/frontline/handle_time_min", 4.5 * 0.45 * v);
    check_inside(s.result, "/employee_journeys/dispute_call/handoffs_per_case", 0);
    // Without hand-offs every case ends during its contact: the fixed share is the absorbing
    // chain's, (0.55 × 0.7 + 0.45 × 0.75) V.
    check_inside(s.result, "/employee_journeys/dispute_call/fixed_share",
                 (0.55 * 0.7 + 0.45 * 0.75) * v);
}
