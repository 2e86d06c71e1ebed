// Warnings found in a run's figures: a team too busy for its queues to reach a steady state,
// with the figures it biases, in the result and its JSON.
#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/load.hpp>
#include <journeysim/report.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

using namespace journeysim;

namespace {

/// One phone line served by `agents`, offered 30 calls an hour of 4 minutes (2 Erlangs).
Result run(int agents) {
    testing::ModelBuilder b("load");
    b.horizon(7, 1);
    b.team("agents", agents);
    b.channel("phone", ChannelMode::Live, "agents", testing::exponential(4));
    b.segment("everyone");
    b.journey("question", 30 * 24, "call");
    b.contact("call", {"phone"}, "done");
    b.end("done");
    return simulate(validate(b.build()), testing::sim_options(2, 7));
}

}  // namespace

TEST_CASE("a team busy all its time on duty is a warning naming the figures it biases",
          "[unit][warnings]") {
    // One agent for 2 Erlangs: the queue grows without bound and the agent is never idle.
    const Result saturated = run(1);
    REQUIRE(saturated.warnings.size() == 1);
    const RunWarning& w = saturated.warnings[0];
    CHECK(w.code == "saturated_team");
    CHECK(w.pointer == "/teams/agents");
    CHECK(w.message.find("team \"agents\" is busy 100.0 %") != std::string::npos);
    CHECK(std::find(w.biases.begin(), w.biases.end(), "/channels/phone/asa_s") != w.biases.end());
    CHECK(std::find(w.biases.begin(), w.biases.end(), "/kpis/nps") != w.biases.end());
    const auto json = nlohmann::json::parse(result_to_json(saturated));
    REQUIRE(json.at("warnings").size() == 1);
    CHECK(json["warnings"][0]["code"] == "saturated_team");
    CHECK(json["warnings"][0]["biases"].size() == w.biases.size());

    // Four agents for 2 Erlangs: busy half the time, no warning, an empty list in the JSON.
    const Result fine = run(4);
    CHECK(fine.warnings.empty());
    CHECK(nlohmann::json::parse(result_to_json(fine)).at("warnings").empty());
}
