// Warnings found in a run's figures: a team too busy for its queues to reach a steady state,
// a backlog growing over the horizon, with the figures they bias, in the result and its JSON.
#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/load.hpp>
#include <journeysim/report.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
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

namespace {

/// E-mail arriving all week (100 a day, 20 minutes each: 233 agent-hours a week), answered by a
/// back office on weekdays 09:00-17:00 (40 hours a week an agent): 6 agents keep up, 4 cannot.
Result mailbox(int agents, double days, int replications = 5) {
    testing::ModelBuilder b("mailbox");
    b.horizon(days);
    b.team("back", {{"mon-fri 09:00-17:00", agents}});
    b.channel("email", ChannelMode::Async, "back", testing::exponential(20));
    b.segment("everyone");
    b.journey("question", 100, "write");
    b.contact("write", {"email"}, "done");
    b.end("done");
    return simulate(validate(b.build()), testing::sim_options(replications, 11));
}

const RunWarning* warning_of(const Result& r, const std::string& code) {
    const auto it = std::find_if(r.warnings.begin(), r.warnings.end(),
                                 [&](const RunWarning& w) { return w.code == code; });
    return it == r.warnings.end() ? nullptr : &*it;
}

bool biases(const RunWarning& w, const std::string& path) {
    return std::find(w.biases.begin(), w.biases.end(), path) != w.biases.end();
}

}  // namespace

TEST_CASE("a backlog growing over the horizon is a warning; a weekly cycle is not",
          "[unit][warnings]") {
    // 8 agents (73 % of their time): the backlog piles up each weekend and is worked off each
    // week. At the horizon (a Monday 00:00) it holds the weekend's mail, as four weeks earlier.
    const Result steady = mailbox(8, 56);
    CHECK(warning_of(steady, "growing_backlog") == nullptr);
    CHECK(steady.at("/channels/email/backlog_end").mean > 100);  // the weekend's mail waits
    const Estimate cycle = steady.at("/channels/email/backlog_growth_per_day");
    CHECK(cycle.low < 0.05 * 100);  // within noise of no growth
    CHECK(cycle.high > -0.05 * 100);

    // 4 agents cannot keep up. Each works three e-mails an hour from 09:00 and finishes the one
    // in hand at 17:00: 8 x 3 + 1 = 25 a day (exponential handle times), 500 of the 700 a
    // week, so the backlog grows by 200 / 7 a day.
    const Result short_staffed = mailbox(4, 56);
    const RunWarning* w = warning_of(short_staffed, "growing_backlog");
    REQUIRE(w != nullptr);
    CHECK(w->pointer == "/channels/email");
    CHECK(w->message.find("the backlog of channel \"email\" grew by") != std::string::npos);
    CHECK(w->message.find("over the last 28 days of the horizon") != std::string::npos);
    CHECK(biases(*w, "/channels/email/response_time_h"));
    CHECK(biases(*w, "/channels/email/backlog_end"));
    CHECK(biases(*w, "/kpis/time_to_resolution_h"));
    testing::check_inside(short_staffed, "/channels/email/backlog_growth_per_day",
                          (700.0 - 4 * 5 * 25) / 7);
    const auto json = nlohmann::json::parse(result_to_json(short_staffed));
    CHECK(std::any_of(json["warnings"].begin(), json["warnings"].end(),
                      [](const auto& x) { return x["code"] == "growing_backlog"; }));
}

TEST_CASE("backlog growth needs two weeks to compare a time of the week with the same later",
          "[unit][warnings]") {
    // A week is too short: the growth is not measured, the end backlog is.
    const Result week = mailbox(4, 13, 2);
    CHECK(warning_of(week, "growing_backlog") == nullptr);
    CHECK(std::isnan(week.at("/channels/email/backlog_growth_per_day").mean));
    CHECK(week.at("/channels/email/backlog_end").mean > 0);
    // Two weeks: measured over the second.
    const Result two = mailbox(4, 14, 2);
    const RunWarning* w = warning_of(two, "growing_backlog");
    REQUIRE(w != nullptr);
    CHECK(w->message.find("over the last 7 days of the horizon") != std::string::npos);
}

TEST_CASE("a back office whose hand-off work piles up is a growing backlog of its team",
          "[unit][warnings]") {
    // Every call (40 an hour, 3 minutes: 2 Erlangs, 6 agents) hands a 30-minute review to a
    // back office of 8: 480 hours of review a week against 8 x 168.
    auto run_with = [](int back_agents) {
        testing::ModelBuilder b("reviews");
        b.horizon(28);
        b.team("front", 6);
        b.team("back", back_agents);
        b.channel("phone", ChannelMode::Live, "front", testing::exponential(3));
        b.segment("everyone");
        b.journey("issue", 40 * 24, "ask");
        b.contact("ask", {"phone"}, "done");
        b.end("done");
        b.employee_journey("call", "take", {"phone"});
        b.work_step("take", testing::constant(3), {{"review", 1.0}});
        b.handoff_step("review", "back", "review", testing::exponential(30), {{"fixed", 1.0}});
        b.end_step("fixed", true);
        return simulate(validate(b.build()), testing::sim_options(3, 5));
    };
    // 30 agents against 20 Erlangs of review: no warning.
    CHECK(warning_of(run_with(30), "growing_backlog") == nullptr);
    // 15 agents against 20 Erlangs: the review queue grows by about 240 items a day.
    const Result r = run_with(15);
    const RunWarning* w = warning_of(r, "growing_backlog");
    REQUIRE(w != nullptr);
    CHECK(w->pointer == "/teams/back");
    CHECK(w->message.find("team \"back\"'s work \"review\"") != std::string::npos);
    CHECK(biases(*w, "/teams/back/work/review/wait_mean_min"));
}
