// Employee-experience figures on small models built in code: time per step, visits per case,
// hand-offs, rework loops and after-contact work, per employee journey and per team.
#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace journeysim;
using testing::check_inside;
using testing::constant;
using testing::exponential;
using testing::ModelBuilder;
using testing::values;

namespace {

SimulationOptions options(int replications, std::uint64_t seed = 23) {
    return testing::sim_options(replications, seed);
}

/// Every replication's value equals `exact` (up to rounding).
void check_exact(const Result& r, const std::string& path, double exact) {
    for (double v : values(r, path)) {
        INFO(path);
        CHECK(v == Approx(exact).epsilon(1e-9).margin(1e-12));
    }
}

/// A phone line with one-and-a-half minutes of wrap-up, ample agents and customers who arrive
/// only from 00:00 to 20:00: every contact ends the day it starts, so nothing is in progress at
/// the end of the warm-up or at the horizon and per-contact ratios are exact.
ModelBuilder phone_line() {
    ModelBuilder b("employee figures");
    b.horizon(5, 1);
    b.team("front", 20);
    b.team("back", 8).skills.push_back("review");
    b.channel("phone", ChannelMode::Live, "front", exponential(99)).wrap_up = constant(1.5);
    b.segment("everyone");
    b.journey("issue", 600, "ask");
    std::vector<double> hours(24, 1.0);
    for (std::size_t h = 20; h < 24; ++h)
        hours[h] = 0;
    b.hourly_profile(hours);
    b.contact("ask", {"phone"}, "done").on_not_fixed = "lost";
    b.end("done");
    b.end("lost", Outcome::Unresolved);
    return b;
}

const std::string kCall = "/employee_journeys/call";

}  // namespace

TEST_CASE("employee journeys: time per step, visits per case and hand-offs", "[unit]") {
    // identify (2 min) → solve (3 min) → fixed 0.6 | review by the back office 0.3 | not
    // fixed 0.1; the review (10 min of the back office) ends fixed.
    const double p_review = 0.3;
    ModelBuilder b = phone_line();
    b.employee_journey("call", "identify", {"phone"}, "issue", "ask");
    b.work_step("identify", constant(2), {{"solve", 1.0}});
    b.work_step("solve", constant(3), {{"fixed", 0.6}, {"review", p_review}, {"not_fixed", 0.1}});
    b.handoff_step("review", "back", "review", constant(10), {{"fixed", 1.0}});
    b.end_step("fixed", true);
    b.end_step("not_fixed", false);
    const Result r = simulate(validate(b.build()), options(12));

    // Deterministic durations: the time per visit is exact.
    check_exact(r, kCall + "/steps/identify/time_min", 2);
    check_exact(r, kCall + "/steps/solve/time_min", 3);
    check_exact(r, kCall + "/steps/review/time_min", 10);
    check_exact(r, kCall + "/steps/identify/visits_per_case", 1);
    check_exact(r, kCall + "/steps/solve/visits_per_case", 1);
    CHECK(r.find(kCall + "/steps/fixed/time_min") == nullptr);  // ends take no time
    // The branch decides how often the hand-off step is visited.
    check_inside(r, kCall + "/steps/review/visits_per_case", p_review);
    check_inside(r, kCall + "/handoffs_per_case", p_review);
    check_inside(r, kCall + "/steps/fixed/visits_per_case", 0.6 + p_review);
    check_inside(r, kCall + "/steps/not_fixed/visits_per_case", 0.1);
    check_inside(r, kCall + "/fixed_share", 0.6 + p_review);
    check_inside(r, kCall + "/handle_time_min", 5 + 10 * p_review);
    check_inside(r, kCall + "/steps/review/time_share", 10 * p_review / (5 + 10 * p_review));
    check_exact(r, kCall + "/rework_share", 0);
    // Every contact is a case, counted once.
    CHECK(values(r, kCall + "/cases") == values(r, "/teams/front/handled"));
    CHECK(values(r, kCall + "/cases") == values(r, "/channels/phone/completed"));

    // Per team: the front hands off to the back office; each team's own time per item.
    check_inside(r, "/teams/front/handoffs_per_case", p_review);
    for (double v : values(r, "/teams/back/handoffs_per_case"))
        CHECK(std::isnan(v));  // the back office answers no contacts of its own
    check_exact(r, "/teams/front/handle_time_min", 5);
    check_exact(r, "/teams/back/handle_time_min", 10);
    check_exact(r, "/teams/front/rework_share", 0);
    // Wrap-up: 1.5 min after every contact the front releases (at the end or at the hand-off),
    // of 5 + 1.5 busy minutes per contact. The back office has no channel, so no wrap-up.
    check_exact(r, "/teams/front/after_contact_work_min", 1.5);
    check_exact(r, "/teams/front/after_contact_share", 1.5 / 6.5);
    check_exact(r, "/teams/back/after_contact_work_min", 0);
    check_exact(r, "/teams/back/after_contact_share", 0);
}

TEST_CASE("employee journeys: a rework loop makes rework_share its return probability", "[unit]") {
    // identify (2) → solve (3) → check (1) → back to solve with probability q, else fixed.
    // A case is rework when it returns at least once: probability q; solve is visited
    // 1 / (1 − q) times per case (geometric).
    const double q = 0.25;
    ModelBuilder b = phone_line();
    b.employee_journey("call", "identify", {"phone"}, "issue", "ask");
    b.work_step("identify", constant(2), {{"solve", 1.0}});
    b.work_step("solve", constant(3), {{"check", 1.0}});
    b.work_step("check", constant(1), {{"solve", q}, {"fixed", 1 - q}});
    b.end_step("fixed", true);
    const Result r = simulate(validate(b.build()), options(12));

    check_inside(r, kCall + "/rework_share", q);
    check_inside(r, "/teams/front/rework_share", q);
    check_inside(r, kCall + "/steps/solve/visits_per_case", 1 / (1 - q));
    check_inside(r, kCall + "/steps/check/visits_per_case", 1 / (1 - q));
    check_exact(r, kCall + "/steps/identify/visits_per_case", 1);
    check_exact(r, kCall + "/steps/solve/time_min", 3);
    check_exact(r, kCall + "/steps/check/time_min", 1);
    check_inside(r, kCall + "/handle_time_min", 2 + 4 / (1 - q));
    check_inside(r, kCall + "/steps/identify/time_share", 2 / (2 + 4 / (1 - q)));
    check_exact(r, kCall + "/fixed_share", 1);
    check_exact(r, kCall + "/handoffs_per_case", 0);
    check_exact(r, "/teams/front/handoffs_per_case", 0);
    // The agent's time per contact is the case's time, wrap-up excluded.
    CHECK(values(r, "/teams/front/handle_time_min") == values(r, kCall + "/handle_time_min"));
    check_exact(r, "/teams/front/after_contact_work_min", 1.5);
}

TEST_CASE("teams without employee journeys: the channel's handle time, no hand-offs, no rework",
          "[unit]") {
    Model model = phone_line().build();
    model.channels.at(0).handle_time = constant(4);
    const Result r = simulate(validate(model), options(4));
    CHECK(r.find(kCall + "/cases") == nullptr);
    for (double v : values(r, "/channels/phone/completed"))
        CHECK(v > 1000);
    check_exact(r, "/teams/front/handle_time_min", 4);
    check_exact(r, "/teams/front/handoffs_per_case", 0);
    check_exact(r, "/teams/front/after_contact_work_min", 1.5);
    check_exact(r, "/teams/front/after_contact_share", 1.5 / 5.5);
    for (double v : values(r, "/teams/front/rework_share"))
        CHECK(std::isnan(v));  // no employee-journey cases: undefined
}
