// Retries: bounded by default, with a delay of their own after an abandoned wait, after a
// contact that did not fix the issue and after failed self-service.
#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/load.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <string>

using namespace journeysim;

namespace {

SimulationOptions options(int replications) {
    return testing::sim_options(replications, 31337);
}

}  // namespace

TEST_CASE("by default a customer makes at most five contacts, then ends unresolved",
          "[oracle][retries]") {
    // Fix rate p, no retry settings at all: P(unresolved) = (1 − p)^5 exactly, and contacts per
    // customer (1 − (1 − p)^5) / p. Before, retries were unlimited and immediate.
    const double p = 0.4;
    testing::ModelBuilder b("bounded");
    b.horizon(14, 1);
    b.team("agents", 40);
    b.channel("phone", ChannelMode::Live, "agents", testing::exponential(4)).fix_rate = p;
    b.segment("everyone");
    b.journey("issue", 1500, "call");
    b.contact("call", {"phone"}, "done");
    b.end("done");
    const Result r = simulate(validate(b.build()), options(10));
    const double fail5 = std::pow(1 - p, kDefaultMaxAttempts);
    testing::check_inside(r, "/kpis/resolution_rate", 1 - fail5);
    testing::check_inside(r, "/kpis/contacts_per_customer", (1 - fail5) / p);
    testing::check_inside(r, "/journeys/issue/outcomes/unresolved/share", fail5);
    for (double open : testing::values(r, "/flow/open_at_run_out_end"))
        CHECK(open == 0);
}

TEST_CASE("the delay after a contact that did not fix it is its own", "[oracle][retries]") {
    // No waiting (many agents), handle time 1 min, fix rate 1/2, attempts far beyond need: a
    // resolved customer has had (1 − p)/p = 1 failed contact on average, each followed by the
    // not_fixed delay D, and 1/p = 2 contacts: time to resolution (1 − p)/p·D + 1/p·1 min.
    auto model = [](double not_fixed_min, double abandoned_min) {
        testing::ModelBuilder b("not fixed");
        b.horizon(14, 1);
        b.team("agents", 60);
        b.channel("phone", ChannelMode::Live, "agents", testing::exponential(1)).fix_rate = 0.5;
        b.segment("everyone");
        b.journey("issue", 1500, "call");
        auto& call = b.contact("call", {"phone"}, "done");
        call.tp.retry_after_not_fixed = testing::constant(not_fixed_min);
        call.tp.retry_after_abandoned = testing::constant(abandoned_min);
        call.tp.max_attempts = 1000;
        b.end("done");
        return b.build();
    };
    const Result slow = simulate(validate(model(120, 1)), options(10));
    testing::check_inside(slow, "/kpis/time_to_resolution_h", (1.0 * 120 + 2 * 1.0) / 60);
    const Result quick = simulate(validate(model(6, 120)), options(10));
    testing::check_inside(quick, "/kpis/time_to_resolution_h", (1.0 * 6 + 2 * 1.0) / 60);
}

TEST_CASE("the delay after an abandoned wait is its own", "[oracle][retries]") {
    // Nobody answers the phone: every customer waits its patience of 1 min, abandons and waits
    // the abandoned delay of 10 min, three times; the fourth arrival gives up, to an end that
    // counts as resolved here so that its time shows: 3 × (1 + 10) = 33 min exactly.
    testing::ModelBuilder b("abandoned");
    b.horizon(7, 1);
    b.team("nobody", 0);
    Channel& phone = b.channel("phone", ChannelMode::Live, "nobody", testing::exponential(4));
    phone.patience = testing::constant(1);
    b.segment("everyone");
    b.journey("issue", 200, "call");
    auto& call = b.contact("call", {"phone"}, "done");
    call.tp.retry_after_abandoned = testing::constant(10);
    call.tp.retry_after_not_fixed = testing::constant(600);
    call.tp.max_attempts = 3;
    call.on_give_up = "given_up";
    b.end("done");
    b.end("given_up", Outcome::Resolved);
    const Result r = simulate(validate(b.build()), options(3));
    const Estimate t = testing::estimate_of(r, "/kpis/time_to_resolution_h");
    CHECK(t.mean == Approx(33.0 / 60).epsilon(1e-9));
    CHECK(testing::estimate_of(r, "/kpis/contacts_per_customer").mean == 0);  // none answered
}

TEST_CASE("failed self-service goes on at once unless its touchpoint gives a delay",
          "[oracle][retries]") {
    // A self-service touchpoint that fails half of the time and loops back to itself: 2 tries
    // on average (1 failed), each 2 min: 4 min to resolution; with a retry_delay of 30 min on
    // the touchpoint, 34 min.
    auto model = [](std::optional<double> delay_min) {
        testing::ModelBuilder b("self-service");
        b.horizon(7, 1);
        Channel& web = b.self_service_channel("web", 0.5);
        web.duration = testing::constant(2);
        b.segment("everyone");
        b.journey("issue", 500, "try");
        auto& t = b.self_service("try", "web", "done", "try");
        if (delay_min) t.tp.retry_delay = testing::constant(*delay_min);
        b.end("done");
        return b.build();
    };
    const Result at_once = simulate(validate(model(std::nullopt)), options(6));
    testing::check_inside(at_once, "/kpis/time_to_resolution_h", 4.0 / 60);
    const Result later = simulate(validate(model(30)), options(6));
    testing::check_inside(later, "/kpis/time_to_resolution_h", 34.0 / 60);
}
