// The staffing planner against the Erlang formulas: a single-skill live channel with Poisson
// arrivals at a constant rate, around the clock, must get exactly the formula's number of agents
// in every interval of the week, and the simulated service level of that plan must agree with
// the formula's.
#include "model_builder.hpp"

#include <journeysim/erlang.hpp>
#include <journeysim/staffing.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <optional>

using namespace journeysim;

namespace {

StaffingOptions oracle_options() {
    StaffingOptions o;
    o.replications = 20;
    o.seed = 20240607;
    o.threads = 2;
    o.interval_min = 60;
    return o;
}

/// Fewest agents for `share` answered within `within_min` under Erlang A (M/M/n+M).
int erlang_a_agents(double per_min, double aht, double patience, double share, double within_min) {
    for (int n = 0; n < 1000; ++n) {
        if (erlang_a(per_min, aht, patience, n).answered_within(within_min) >= share) return n;
    }
    return -1;
}

/// The service level of the plan's final verification, with its 99.9% confidence interval
/// (a secondary check: the engine itself is held to Erlang C and A in test_oracle_erlang.cpp).
Estimate service_level(const StaffingPlan& plan) {
    const Metric* m = plan.final_result.find("/channels/phone/service_level");
    REQUIRE(m != nullptr);
    return estimate(m->values, 0.999);
}

/// Every interval of the team's plan equals `expected`; reports the first that does not.
void check_every_interval(const StaffingPlan& plan, int expected) {
    REQUIRE(plan.teams.size() == 1);
    const StaffedTeam& team = plan.teams[0];
    REQUIRE(team.planned);
    REQUIRE(team.agents.size() == plan.intervals());
    std::size_t differing = 0;
    std::size_t first = 0;
    for (std::size_t w = 0; w < team.agents.size(); ++w) {
        if (team.agents[w] != expected) {
            if (differing == 0) first = w;
            ++differing;
        }
    }
    INFO("first differing interval: " << plan.interval_label(first) << " with "
                                      << team.agents[first] << " agents");
    CHECK(differing == 0);
    CHECK(team.peak == expected);
    CHECK(team.agent_hours == Approx(expected * 168.0));
}

}  // namespace

TEST_CASE("staffing a single-skill live channel gives Erlang C's answer in every interval",
          "[oracle]") {
    // A = 4 erlangs: 40 calls per 30 minutes, AHT 180 s, 85% answered within 20 s.
    const double per_min = 40.0 / 30.0;
    const double aht = 3.0;
    const double within = 20.0 / 60.0;
    const double share = 0.85;
    const std::optional<int> expected = agents_for_service_level(per_min, aht, share, within, 100);
    REQUIRE(expected.has_value());
    // The demand is measured by simulation (1,600 calls per weekly hour over 20 replications and
    // two weeks, a standard error of 2.5%); the answer must not hinge on that noise.
    REQUIRE(agents_for_service_level(per_min * 0.9, aht, share, within, 100) == expected);
    REQUIRE(agents_for_service_level(per_min * 1.1, aht, share, within, 100) == expected);

    // The model starts with a different staffing: the plan must not depend on it.
    const Model model = testing::mmc_model(per_min, aht, 10, 15, 1);
    const StaffingPlan plan =
        plan_staffing(validate(model), {StaffingTarget{0, share, within}}, oracle_options());

    check_every_interval(plan, *expected);
    CHECK(plan.converged);
    CHECK(plan.shortfalls.empty());
    REQUIRE(plan.channels.size() == 1);
    CHECK(plan.channels[0].aht_min == Approx(aht).epsilon(0.02));
    // The plan's simulated service level meets the target and agrees with the formula's.
    const double exact = erlang_c(per_min, aht, *expected).service_level(within);
    const Estimate achieved = service_level(plan);
    INFO("Erlang C service level " << exact << ", simulated " << achieved.mean << " ["
                                   << achieved.low << ", " << achieved.high << "]");
    CHECK(achieved.mean >= share);
    CHECK(achieved.low <= exact);
    CHECK(exact <= achieved.high);
    CHECK(achieved.high - achieved.low < 0.03);
}

TEST_CASE("staffing a live channel with exponential patience gives Erlang A's answer", "[oracle]") {
    // A = 4 erlangs, mean patience 2 min, 80% answered within 20 s (abandoned calls count
    // against the target).
    const double per_min = 40.0 / 30.0;
    const double aht = 3.0;
    const double patience = 2.0;
    const double within = 20.0 / 60.0;
    const double share = 0.8;
    const int expected = erlang_a_agents(per_min, aht, patience, share, within);
    REQUIRE(expected > 0);
    REQUIRE(erlang_a_agents(per_min * 0.9, aht, patience, share, within) == expected);
    REQUIRE(erlang_a_agents(per_min * 1.1, aht, patience, share, within) == expected);
    // Erlang C alone would ask for more: abandonment shortens the queue.
    REQUIRE(agents_for_service_level(per_min, aht, share, within, 100) > expected);

    const Model model = testing::mmc_model(per_min, aht, 3, 15, 1, patience);
    const StaffingPlan plan =
        plan_staffing(validate(model), {StaffingTarget{0, share, within}}, oracle_options());

    check_every_interval(plan, expected);
    CHECK(plan.shortfalls.empty());
    const double exact = erlang_a(per_min, aht, patience, expected).answered_within(within);
    const Estimate achieved = service_level(plan);
    INFO("Erlang A service level " << exact << ", simulated " << achieved.mean << " ["
                                   << achieved.low << ", " << achieved.high << "]");
    CHECK(achieved.mean >= share);
    CHECK(achieved.low <= exact);
    CHECK(exact <= achieved.high);
}
