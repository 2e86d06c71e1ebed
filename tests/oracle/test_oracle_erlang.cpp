// The engine against Erlang C (M/M/n) and Erlang A (M/M/n+M): each exact value must lie inside
// the 99% confidence interval of the simulated estimate, and the interval must be narrow enough
// for the check to mean something.
#include "model_builder.hpp"

#include <journeysim/erlang.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace journeysim;

namespace {

/// Checks that `exact` lies in the 99% interval of the metric and that the interval's half-width
/// is below `max_half_width`.
void check_inside(const Result& result, const std::string& path, double exact,
                  double max_half_width) {
    const Metric* metric = result.find(path);
    REQUIRE(metric != nullptr);
    const Estimate e = estimate(metric->values, 0.99);
    INFO(path << ": exact " << exact << ", simulated " << e.mean << " [" << e.low << ", " << e.high
              << "]");
    CHECK(e.low <= exact);
    CHECK(exact <= e.high);
    CHECK((e.high - e.low) / 2 < max_half_width);
}

SimulationOptions options(int replications) {
    SimulationOptions o;
    o.replications = replications;
    o.seed = 20240601;
    o.threads = 2;
    return o;
}

}  // namespace

TEST_CASE("M/M/n without abandonment matches Erlang C", "[oracle]") {
    // A = 10 erlangs: 100 calls per 30 minutes, AHT 180 s (docs/calibration.md, "Erlang C").
    const double per_min = 100.0 / 30.0;
    const double aht = 3.0;
    const double within_min = 20.0 / 60.0;
    for (int agents : {11, 12, 14}) {
        DYNAMIC_SECTION(agents << " agents (occupancy " << 10.0 / agents << ")") {
            Model model = testing::mmc_model(per_min, aht, agents, 30, 2);
            model.channels[0].service_target = ServiceTarget{within_min, 0.8, false};
            const Result result = simulate(validate(model), options(agents == 11 ? 16 : 10));
            const ErlangC exact = erlang_c(per_min, aht, agents);
            check_inside(result, "/channels/phone/p_wait", exact.p_wait, 0.02);
            check_inside(result, "/channels/phone/asa_s", exact.mean_wait * 60,
                         0.1 * exact.mean_wait * 60);
            check_inside(result, "/channels/phone/service_level", exact.service_level(within_min),
                         0.02);
            check_inside(result, "/channels/phone/occupancy", 10.0 / agents, 0.01);
            check_inside(result, "/channels/phone/abandon_rate", 0.0, 1e-12);
        }
    }
}

TEST_CASE("M/M/n with exponential patience matches Erlang A", "[oracle]") {
    // λ = 2/min, AHT 5 min, mean patience 2 min (docs/calibration.md, "Erlang A (M/M/n+M)").
    for (int agents : {10, 11}) {
        DYNAMIC_SECTION(agents << " agents") {
            const Model model = testing::mmc_model(2.0, 5.0, agents, 20, 1, 2.0);
            const Result result = simulate(validate(model), options(10));
            const ErlangA exact = erlang_a(2.0, 5.0, 2.0, agents);
            check_inside(result, "/channels/phone/abandon_rate", exact.p_abandon, 0.01);
            check_inside(result, "/channels/phone/p_wait", exact.p_wait, 0.02);
            check_inside(result, "/channels/phone/wait_mean_s", exact.mean_wait * 60,
                         0.1 * exact.mean_wait * 60);
        }
    }
}
