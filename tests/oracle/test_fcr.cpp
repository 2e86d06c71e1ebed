// First-contact resolution counts every customer who sought contact; first-time fix only those
// who got through.
#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace journeysim;

namespace {

/// Flat arrivals around the clock to a phone line with fix rate `p`, staffed so nobody waits,
/// open `hours`; customers who find it closed wait for the opening.
Result run(const std::string& hours, double p, double patience_min = 0) {
    testing::ModelBuilder b("fcr");
    b.horizon(15, 1);
    b.team("agents", patience_min > 0 ? 0 : 60);
    Channel& phone = b.channel("phone", ChannelMode::Live, "agents", testing::exponential(2));
    phone.fix_rate = p;
    if (patience_min > 0) phone.patience = testing::constant(patience_min);
    if (!hours.empty()) b.hours("phone", hours);
    b.segment("everyone");
    b.journey("question", 960, "call");
    auto& call = b.contact("call", {"phone"}, "done");
    call.tp.max_attempts = 1000;
    call.tp.retry_after_not_fixed = testing::exponential(60);
    call.tp.retry_after_abandoned = testing::exponential(60);
    call.on_give_up = "done";
    b.end("done");
    return simulate(validate(b.build()), testing::sim_options(8, 4242));
}

}  // namespace

TEST_CASE("FCR counts a closed channel at the first attempt as not resolved; FTF does not",
          "[oracle][fcr]") {
    const double p = 0.6;
    SECTION("open 10 hours a day") {
        // A customer arrives while the line is open with probability 10/24; the first answered
        // contact fixes with probability p whenever it happens.
        const Result r = run("daily 08:00-18:00", p);
        testing::check_inside(r, "/kpis/ftf", p);
        testing::check_inside(r, "/kpis/fcr", 10.0 / 24 * p);
        testing::check_inside(r, "/journeys/question/fcr", 10.0 / 24 * p);
        testing::check_inside(r, "/segments/everyone/fcr", 10.0 / 24 * p);
    }
    SECTION("open around the clock") {
        const Result r = run("", p);
        testing::check_inside(r, "/kpis/ftf", p);
        testing::check_inside(r, "/kpis/fcr", p);
    }
}

TEST_CASE("FCR counts an abandoned first wait as not resolved", "[oracle][fcr]") {
    // Nobody answers: every attempt is abandoned, nobody has an assisted contact (FTF is
    // undefined), and no one is resolved at the first contact.
    const Result r = run("", 0.6, 1);
    for (double v : testing::values(r, "/kpis/fcr"))
        CHECK(v == 0);
    CHECK(testing::values(r, "/kpis/customers").front() > 0);
}
