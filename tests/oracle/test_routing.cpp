// Routing across teams: a team with another team's channel in its skills serves that channel's
// queue (pooling, overflow) under its own priorities.
#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/erlang.hpp>
#include <journeysim/load.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace journeysim;

namespace {

SimulationOptions options(int replications) {
    return testing::sim_options(replications, 4242);
}

/// `exact` in the 99% interval, and the interval narrow enough to mean something.
void check_inside(const Result& r, const std::string& path, double exact, double max_half) {
    testing::check_inside(r, path, exact);
    const Estimate e = testing::estimate_of(r, path);
    CHECK((e.high - e.low) / 2 < max_half);
}

/// One phone queue owned by team "a" (`agents_a`); team "b" (`agents_b`) has the phone in its
/// skills too.
Model pooled(int agents_a, int agents_b, double per_min, double aht) {
    testing::ModelBuilder b("pooled");
    b.horizon(20, 1);
    b.team("a", agents_a);
    b.team("b", agents_b).skills.push_back("phone");
    b.channel("phone", ChannelMode::Live, "a", testing::exponential(aht));
    b.segment("everyone");
    b.journey("call", per_min * kMinutesPerDay, "call");
    b.contact("call", {"phone"}, "done");
    b.end("done");
    return b.build();
}

}  // namespace

TEST_CASE("two teams pooling one queue behave as one team of their summed agents",
          "[oracle][routing]") {
    // A = 10 erlangs (100 calls per 30 min, AHT 3 min) on 6 + 6 agents: Erlang C with 12.
    const double per_min = 100.0 / 30.0;
    const double aht = 3.0;
    const Result r = simulate(validate(pooled(6, 6, per_min, aht)), options(12));
    const ErlangC exact = erlang_c(per_min, aht, 12);
    check_inside(r, "/channels/phone/p_wait", exact.p_wait, 0.02);
    check_inside(r, "/channels/phone/asa_s", exact.mean_wait * 60, 0.1 * exact.mean_wait * 60);
    // Both teams work and together carry the load (occupancy 10/12 overall); an idle agent
    // of the owning team is taken first, so team a is the busier.
    const double a = testing::estimate_of(r, "/teams/a/occupancy").mean;
    const double b = testing::estimate_of(r, "/teams/b/occupancy").mean;
    CHECK((a + b) / 2 == Approx(10.0 / 12).margin(0.01));
    CHECK(a > b);
    CHECK(b > 0.5);
    // Team a alone (6 agents for 10 erlangs) could not carry it at all.
    CHECK_FALSE(erlang_c(per_min, aht, 6).stable);
}

TEST_CASE("a skill on another team's channel is not a no-op any more", "[oracle][routing]") {
    // Before pooling, b's phone skill changed nothing: results were byte-identical to a b
    // without it. 10 erlangs on 11 + 2 agents against 11 alone.
    const Result with = simulate(validate(pooled(11, 2, 100.0 / 30.0, 3.0)), options(6));
    Model alone = pooled(11, 2, 100.0 / 30.0, 3.0);
    alone.teams[1].skills = {"filing"};  // b keeps a skill, but not the phone
    const Result without = simulate(validate(alone), options(6));
    CHECK(testing::estimate_of(with, "/channels/phone/asa_s").high <
          testing::estimate_of(without, "/channels/phone/asa_s").low);
    CHECK(testing::estimate_of(with, "/teams/b/occupancy").low > 0.2);
    CHECK(testing::estimate_of(without, "/teams/b/occupancy").high == 0);
    // The channel's occupancy is of its own team's time.
    CHECK(testing::estimate_of(with, "/channels/phone/occupancy").high <= 1.0);
}

TEST_CASE("with priorities a team serves its own channel first, others' as overflow",
          "[oracle][routing]") {
    // Team "chat_team" owns chat (3 erlangs, 5 agents) and helps with the phone (9 erlangs on
    // 9 agents of its own: not enough alone); its priority decides what a free agent takes
    // when both queues wait.
    auto model = [](bool own_first) {
        testing::ModelBuilder b("overflow");
        b.horizon(20, 1);
        b.team("phone_team", 9);
        b.team("chat_team", 5);
        b.channel("phone", ChannelMode::Live, "phone_team", testing::exponential(3));
        b.channel("chat", ChannelMode::Live, "chat_team", testing::exponential(3));
        b.segment("everyone");
        b.journey("calls", 3.0 * kMinutesPerDay, "call");
        b.contact("call", {"phone"}, "done_call");
        b.end("done_call");
        b.journey("chats", 1.0 * kMinutesPerDay, "chat");
        b.contact("chat", {"chat"}, "done_chat");
        b.end("done_chat");
        Model m = b.build();
        Team& helper = m.teams[1];
        helper.skills = {"chat", "phone"};
        helper.priority = own_first ? std::vector<std::string>{"chat", "phone"}
                                    : std::vector<std::string>{"phone", "chat"};
        return m;
    };
    const Result own = simulate(validate(model(true)), options(8));
    const Result theirs = simulate(validate(model(false)), options(8));
    // Chat first: chat waits less, the phone more, than with the phone first.
    CHECK(testing::estimate_of(own, "/channels/chat/asa_s").high <
          testing::estimate_of(theirs, "/channels/chat/asa_s").low);
    CHECK(testing::estimate_of(own, "/channels/phone/asa_s").low >
          testing::estimate_of(theirs, "/channels/phone/asa_s").high);
    // Either way the helpers carry phone calls beyond their own 3 erlangs of chat.
    CHECK(testing::estimate_of(own, "/teams/chat_team/occupancy").low > 0.65);
    CHECK(testing::estimate_of(theirs, "/teams/chat_team/occupancy").low > 0.65);
}
