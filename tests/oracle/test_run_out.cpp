// The run-out: customers who arrive in the measured period are followed until their journeys
// end, so customer and employee figures do not depend on the horizon; channel and team figures
// keep counting the measured period only.
#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/load.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace journeysim;

namespace {

constexpr double kFixRate = 0.6;
constexpr double kEscalationDays = 14;
constexpr double kHandoffShare = 0.3;
constexpr double kBackOfficeDays = 5;

/// A complaint journey: the call's employee journey fixes it with probability 0.6 (the customer
/// then scores 10), half of those after a hand-off to a back office whose work takes 5 days on
/// average (not saturated); otherwise a 14-day escalation follows and the customer scores 4.
/// Exactly: NPS = 100 × (0.6 − 0.4) = 20, FTF = 0.6, every journey resolved, 0.3 hand-offs per
/// case, mean time to resolution 0.4 × 14 days + 0.3 × 5 days plus the calls.
Model complaint_model(double days, double run_out_days) {
    testing::ModelBuilder b("complaints");
    b.horizon(days);
    b.team("front", 40);
    b.team("back", 200);
    b.channel("phone", ChannelMode::Live, "front", testing::exponential(6)).fix_rate = kFixRate;
    b.segment("everyone", 1.0, testing::constant(8, TimeUnit::None));
    b.sentiment().fixed_first_time = 2;
    b.journey("complaint", 40, "call");
    auto& call = b.contact("call", {"phone"}, "done");
    call.on_not_fixed = "escalation";
    call.tp.retry_after_not_fixed = testing::constant(0);  // escalated at once
    b.step("escalation", {{"done", 1}},
           testing::constant(kEscalationDays * kMinutesPerDay, TimeUnit::Days))
        .tp.experience = -4;
    b.end("done");
    b.employee_journey("handling", "talk", {"phone"});
    b.work_step("talk", testing::exponential(4),
                {{"fixed", kFixRate - kHandoffShare},
                 {"second_line", kHandoffShare},
                 {"not_fixed", 1 - kFixRate}});
    b.handoff_step("second_line", "back", "review",
                   testing::exponential(kBackOfficeDays * kMinutesPerDay), {{"fixed", 1}});
    b.end_step("fixed", true);
    b.end_step("not_fixed", false);
    Model m = b.build();
    m.horizon.run_out_days = run_out_days;
    return m;
}

SimulationOptions options(int replications) {
    return testing::sim_options(replications, 2026);
}

}  // namespace

TEST_CASE("customer and employee figures of a slow journey do not depend on the horizon",
          "[oracle][run_out]") {
    // The fix rate and sentiment make the exact figures known; 99 % intervals over the
    // replications must contain them at every horizon.
    const double resolution_h =
        ((1 - kFixRate) * kEscalationDays + kHandoffShare * kBackOfficeDays) * 24;
    for (const double days : {28.0, 56.0, 112.0}) {
        INFO("horizon " << days << " days");
        const Result r = simulate(validate(complaint_model(days, 90)), options(12));
        testing::check_inside(r, "/journeys/complaint/nps", 20);
        testing::check_inside(r, "/journeys/complaint/ftf", kFixRate);
        testing::check_inside(r, "/journeys/complaint/resolution_rate", 1);
        // The calls add minutes to days: at most 1 % above the exact days.
        const Estimate t = testing::estimate_of(r, "/journeys/complaint/time_to_resolution_h");
        INFO("time to resolution " << t.mean << " h [" << t.low << ", " << t.high << "], exact "
                                   << resolution_h << " h plus the calls");
        CHECK(t.high >= resolution_h);
        CHECK(t.low <= resolution_h * 1.01);
        testing::check_inside(r, "/employee_journeys/handling/handoffs_per_case", kHandoffShare);
        // Every journey ends within the run-out.
        for (double open : testing::values(r, "/flow/open_at_run_out_end"))
            CHECK(open == 0);
    }
}

TEST_CASE("without the run-out the slow customers are left out", "[oracle][run_out]") {
    // The same model with run_out_days 0: customers still escalated at the horizon are not
    // counted, so NPS and FTF look better and hand-offs per case fewer than they are.
    const Result r = simulate(validate(complaint_model(28, 0)), options(12));
    CHECK(testing::estimate_of(r, "/journeys/complaint/nps").low > 20);
    CHECK(testing::estimate_of(r, "/journeys/complaint/ftf").low > kFixRate);
    CHECK(testing::estimate_of(r, "/employee_journeys/handling/handoffs_per_case").high <
          kHandoffShare);
    CHECK(testing::estimate_of(r, "/flow/open_at_run_out_end").mean > 0);
}

TEST_CASE("customers are conserved over the horizon and the run-out", "[oracle][run_out]") {
    for (const double run_out : {0.0, 3.0, 90.0}) {
        INFO("run_out_days " << run_out);
        const Result r = simulate(validate(complaint_model(28, run_out)), options(3));
        const auto& arrived = testing::values(r, "/flow/arrived");
        const auto& ended = testing::values(r, "/flow/ended");
        const auto& open = testing::values(r, "/flow/open_at_run_out_end");
        const auto& at_horizon = testing::values(r, "/flow/in_system_at_horizon");
        for (std::size_t i = 0; i < arrived.size(); ++i) {
            CHECK(arrived[i] == ended[i] + open[i]);
            CHECK(open[i] <= at_horizon[i]);
            if (run_out == 0) CHECK(open[i] == at_horizon[i]);
        }
    }
}

TEST_CASE("channel and team figures count only the measured period", "[oracle][run_out]") {
    // The run-out changes customer figures, never the load of the period: every channel and
    // team figure is the same with and without it.
    const Result with = simulate(validate(complaint_model(28, 90)), options(3));
    const Result without = simulate(validate(complaint_model(28, 0)), options(3));
    for (const char* path :
         {"/channels/phone/offered", "/channels/phone/handled", "/channels/phone/asa_s",
          "/channels/phone/occupancy", "/teams/front/occupancy", "/teams/back/occupancy",
          "/teams/back/agents_mean", "/teams/front/handled", "/kpis/cost_total"}) {
        INFO(path);
        const Metric* a = with.find(path);
        const Metric* b = without.find(path);
        REQUIRE(a != nullptr);
        REQUIRE(b != nullptr);
        CHECK(a->values == b->values);
    }
}
