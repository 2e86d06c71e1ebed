// The 0–10 histogram of final scores agrees with the promoter, passive and detractor shares.
#include <journeysim/load.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using namespace journeysim;

TEST_CASE("the likelihood-to-recommend histogram adds up to the NPS shares", "[unit][sim]") {
    const auto loaded =
        load_model_file(std::filesystem::path(JOURNEYSIM_SOURCE_DIR) / "examples" / "energy.json");
    SimulationOptions options;
    options.replications = 3;
    options.seed = 5;
    const Result result = simulate(loaded.model, options);
    for (int r = 0; r < 3; ++r) {
        double total = 0, promoters = 0, passives = 0, detractors = 0;
        for (int k = 0; k <= 10; ++k) {
            const Metric* m = result.find("/kpis/ltr_histogram/" + std::to_string(k));
            REQUIRE(m != nullptr);
            const double share = m->values[static_cast<std::size_t>(r)];
            CHECK(share >= 0);
            total += share;
            (k >= 9 ? promoters : k >= 7 ? passives : detractors) += share;
        }
        CHECK(total == Approx(1.0).margin(1e-12));
        CHECK(promoters == Approx(result.find("/kpis/promoters")->values[r]).margin(1e-12));
        CHECK(passives == Approx(result.find("/kpis/passives")->values[r]).margin(1e-12));
        CHECK(detractors == Approx(result.find("/kpis/detractors")->values[r]).margin(1e-12));
    }
}
