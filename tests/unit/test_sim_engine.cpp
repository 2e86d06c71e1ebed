// The engine's behaviour on small models built in code: choice, stickiness, opening hours,
// attempts, branches, self-service, sentiment, wrap-up, employee journeys, schedules, intervals.
#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/error.hpp>
#include <journeysim/report.hpp>
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

SimulationOptions options(int replications, std::uint64_t seed = 11) {
    return testing::sim_options(replications, seed);
}

double mean(const Result& r, const std::string& path) {
    return estimate(values(r, path)).mean;
}

/// Every replication's value equals `exact`.
void check_exact(const Result& r, const std::string& path, double exact) {
    for (double v : values(r, path)) {
        INFO(path);
        CHECK(v == Approx(exact).margin(1e-12));
    }
}

struct Rows : TraceSink {
    std::vector<TraceRow> rows;
    std::vector<std::string> channels;
    std::vector<std::string> outcomes;
    void write(const TraceRow& row) override {
        rows.push_back(row);
        channels.emplace_back(row.channel);
        outcomes.emplace_back(row.outcome);
    }
};

double minute_of_day(double t) {
    return std::fmod(t, kMinutesPerDay);
}
int weekday(double t) {
    return static_cast<int>(std::floor(t / kMinutesPerDay)) % 7;
}

/// One contact touchpoint offering `channels`, fix rate `fix_rate` on each, ample agents.
ModelBuilder two_channels(double fix_rate, double stickiness) {
    ModelBuilder b("two channels");
    b.horizon(5, 0);
    b.team("agents", 40);
    b.channel("phone", ChannelMode::Live, "agents", exponential(4)).fix_rate = fix_rate;
    b.channel("chat", ChannelMode::Live, "agents", exponential(4)).fix_rate = fix_rate;
    b.segment("everyone");
    b.journey("issue", 1500, "ask");
    auto& ask = b.contact("ask", {"phone", "chat"}, "done");
    ask.tp.stickiness = stickiness;
    ask.tp.retry_delay = exponential(10);
    b.end("done");
    return b;
}

}  // namespace

TEST_CASE("results do not depend on the number of threads", "[unit]") {
    ModelBuilder b = two_channels(0.6, 0.5);
    b.horizon(3, 1);
    const Model model = b.build();
    SimulationOptions one = options(5);
    one.threads = 1;
    SimulationOptions three = options(5);
    three.threads = 3;
    const Result a = simulate(validate(model), one);
    const Result c = simulate(validate(model), three);
    REQUIRE(a.metrics().size() == c.metrics().size());
    for (std::size_t m = 0; m < a.metrics().size(); ++m) {
        INFO(a.metrics()[m].path);
        CHECK(a.metrics()[m].path == c.metrics()[m].path);
        for (std::size_t r = 0; r < a.metrics()[m].values.size(); ++r) {
            const double x = a.metrics()[m].values[r];
            const double y = c.metrics()[m].values[r];
            CHECK(((std::isnan(x) && std::isnan(y)) || x == y));
        }
    }
    CHECK(result_to_json(a) == result_to_json(c));
    // Another seed gives other numbers.
    const Result other = simulate(validate(model), options(5, 12));
    CHECK(result_to_json(a) != result_to_json(other));
}

TEST_CASE("customers arriving during the warm-up are not counted", "[unit]") {
    ModelBuilder b = two_channels(1.0, 0);
    b.horizon(10, 4);
    const Result r = simulate(validate(b.build()), options(8));
    // Poisson counts: the mean of 8 replications has standard deviation sqrt(n / 8).
    for (const auto& [path, expected] : {std::pair{"/flow/arrived", 1500.0 * 10},
                                         std::pair{"/flow/counted_arrivals", 1500.0 * 6}}) {
        INFO(path);
        CHECK(std::fabs(mean(r, path) - expected) < 4 * std::sqrt(expected / 8));
    }
    // Channel counts only count contacts after the warm-up.
    const auto& phone = values(r, "/channels/phone/offered");
    const auto& chat = values(r, "/channels/chat/offered");
    const auto& counted = values(r, "/flow/counted_arrivals");
    for (std::size_t i = 0; i < phone.size(); ++i) {
        CHECK(std::fabs(phone[i] + chat[i] - counted[i]) < 10);  // only the few in flight differ
    }
}

TEST_CASE("customers choose channels in proportion to their segment's weights", "[unit]") {
    ModelBuilder b = two_channels(1.0, 0);
    b.prefer("everyone", "phone", 3).prefer("everyone", "chat", 1);
    // 30 replications: with only a handful the t-interval's own width is too noisy to rely on.
    const Result r = simulate(validate(b.build()), options(30));
    const auto& phone = values(r, "/channels/phone/offered");
    const auto& chat = values(r, "/channels/chat/offered");
    std::vector<double> share;
    for (std::size_t i = 0; i < phone.size(); ++i)
        share.push_back(phone[i] / (phone[i] + chat[i]));
    const Estimate e = estimate(share, 0.99);
    CHECK(e.low <= 0.75);
    CHECK(0.75 <= e.high);

    SECTION("a weight of 0 means never chosen") {
        b.prefer("everyone", "chat", 0);
        const Result none = simulate(validate(b.build()), options(2));
        check_exact(none, "/channels/chat/offered", 0);
        CHECK(mean(none, "/channels/phone/offered") > 1000);
    }
}

TEST_CASE("stickiness keeps repeat contacts on the last channel", "[unit]") {
    const Result sticky = simulate(validate(two_channels(0.5, 1.0).build()), options(3));
    check_exact(sticky, "/kpis/channel_switches_per_customer", 0);
    CHECK(mean(sticky, "/channels/phone/repeat_contacts") > 100);

    ModelBuilder unbounded = two_channels(0.5, 0.0);
    unbounded.touchpoint("ask").tp.max_attempts = 1000;  // retries as far as they go
    const Result loose = simulate(validate(unbounded.build()), options(3));
    // Each repeat contact switches with probability 1/2: 0.5 switches per customer
    // (1 repeat contact per customer on average for fix rate 1/2).
    check_inside(loose, "/kpis/channel_switches_per_customer", 0.5);
}

TEST_CASE("max_attempts sends the customer to on_give_up", "[unit]") {
    ModelBuilder b = two_channels(0.0, 0);
    b.touchpoint("ask").tp.max_attempts = 3;
    b.touchpoint("ask").on_give_up = "gave_up";
    b.end("gave_up", Outcome::Unresolved);
    const Result r = simulate(validate(b.build()), options(3));
    check_exact(r, "/kpis/contacts_per_customer", 3);
    check_exact(r, "/outcomes/unresolved/share", 1);
    check_exact(r, "/kpis/ftf", 0);
    check_exact(r, "/kpis/resolution_rate", 0);
    CHECK(std::isnan(mean(r, "/kpis/cost_per_resolved")));
}

TEST_CASE("closed channels take no new contacts", "[unit]") {
    ModelBuilder b("office hours");
    b.horizon(14, 0);
    b.team("agents", 20);
    b.channel("phone", ChannelMode::Live, "agents", exponential(5));
    b.hours("phone", "mon-fri 09:00-17:00");
    b.segment("everyone");
    b.journey("issue", 500, "ask");
    b.contact("ask", {"phone"}, "done").on_give_up = "gave_up";
    b.end("done");
    b.end("gave_up", Outcome::Unresolved);

    SECTION("waiting for the channel to open") {
        Rows rows;
        SimulationOptions o = options(1);
        o.trace = &rows;
        const Result r = simulate(validate(b.build()), o);
        REQUIRE(rows.rows.size() > 1000);
        for (const auto& row : rows.rows) {
            const double m = minute_of_day(row.arrival);
            CHECK((weekday(row.arrival) < 5 && m >= 9 * 60 && m < 17 * 60));
        }
        check_exact(r, "/outcomes/resolved/share", 1);
    }
    SECTION("giving up when closed") {
        b.touchpoint("ask").tp.when_closed = WhenClosed::GiveUp;
        const Result r = simulate(validate(b.build()), options(6));
        check_inside(r, "/outcomes/unresolved/share", 1 - 40.0 / 168.0);
    }
}

TEST_CASE("self-service success is scaled by digital affinity and capped at 1", "[unit]") {
    for (double affinity : {0.5, 2.0}) {
        ModelBuilder b("self-service");
        b.horizon(3, 0);
        b.self_service_channel("app", 0.6).cost_per_contact = 0.1;
        b.segment("everyone").digital_affinity = affinity;
        b.journey("check", 2000, "try");
        b.self_service("try", "app", "ok", "failed");
        b.end("ok");
        b.end("failed", Outcome::Unresolved);
        const Result r = simulate(validate(b.build()), options(6));
        if (affinity > 1) {
            check_exact(r, "/outcomes/resolved/share", 1);
            check_exact(r, "/channels/app/fix_rate", 1);
        } else {
            check_inside(r, "/outcomes/resolved/share", 0.3);
        }
        CHECK(mean(r, "/channels/app/cost") == Approx(0.1 * mean(r, "/channels/app/offered")));
        // Self-service is not an assisted contact.
        check_exact(r, "/kpis/contacts_per_customer", 0);
        CHECK(std::isnan(mean(r, "/kpis/ftf")));
    }
}

TEST_CASE("branch rules test the customer's state; the first match wins", "[unit]") {
    ModelBuilder b("rules");
    b.horizon(3, 0);
    b.team("agents", 30);
    b.channel("phone", ChannelMode::Live, "agents", exponential(3)).fix_rate = 0;
    b.segment("young", 0.3);
    b.segment("old", 0.7);
    b.journey("issue", 1000, "sort");
    auto& sort = b.branch("sort", {{"ask", 1.0}});
    Condition young;
    young.segment = 0;
    sort.rules.push_back({young, "young_end"});
    b.contact("ask", {"phone"}, "done").on_not_fixed = "again";
    auto& again = b.branch("again", {{"ask", 1.0}});
    Condition twice;
    twice.contacts_at_least = 2;
    again.rules.push_back({twice, "old_end"});
    b.end("done");
    b.end("young_end", Outcome::Churned);
    b.end("old_end", Outcome::Unresolved);
    const Result r = simulate(validate(b.build()), options(3));
    const auto& churned = values(r, "/outcomes/churned/share");
    const auto& customers = values(r, "/kpis/customers");
    const auto& young_customers = values(r, "/segments/young/customers");
    for (std::size_t i = 0; i < churned.size(); ++i) {
        CHECK(churned[i] * customers[i] == Approx(young_customers[i]));
    }
    check_exact(r, "/segments/old/contacts_per_customer", 2);
    check_exact(r, "/segments/young/contacts_per_customer", 0);
    check_inside(r, "/segments/young/customers", 0.3 * 3000);
}

TEST_CASE("sentiment moves the likelihood to recommend; scores are clamped and rounded at the end",
          "[unit]") {
    auto model = [](double baseline, double fix_rate) {
        ModelBuilder b("sentiment");
        b.horizon(2, 0);
        b.team("agents", 30);
        b.channel("phone", ChannelMode::Live, "agents", exponential(3)).fix_rate = fix_rate;
        b.segment("everyone", 1.0, constant(baseline, TimeUnit::None));
        b.journey("issue", 1000, "ask");
        b.contact("ask", {"phone"}, "done").tp.retry_delay = exponential(5);
        b.end("done");
        b.end("lost", Outcome::Unresolved);
        return b;
    };
    SECTION("fixed first time, rounded half up") {
        ModelBuilder b = model(7, 1.0);
        b.sentiment().fixed_first_time = 2.5;  // 9.5 rounds to 10
        const Result r = simulate(validate(b.build()), options(2));
        check_exact(r, "/kpis/ltr_mean", 10);
        check_exact(r, "/kpis/nps", 100);
        check_exact(r, "/kpis/ftf", 1);
        // Without the driver everyone would score 7 (passive): NPS 0.
        check_exact(r, "/drivers/fixed_first_time", 100);
        check_exact(r, "/drivers/repeat_contacts", 0);
    }
    SECTION("clamped to 0-10 only at the end") {
        // 10 + 2 = 12 after the fix, then 12 - 2.5 = 9.5 at the unresolved end -> 10 (clamping
        // after each effect would give 10 - 2.5 = 7.5 -> 8).
        ModelBuilder high_model = model(10, 1.0);
        high_model.touchpoint("ask").on_fixed = "lost";
        high_model.sentiment().fixed_first_time = 2;
        high_model.sentiment().unresolved = -2.5;
        const Result high = simulate(validate(high_model.build()), options(2));
        check_exact(high, "/kpis/ltr_mean", 10);
        check_exact(high, "/kpis/promoters", 1);
        // 0 - 2 = -2 after the fix, then -2 + 1.5 = -0.5 at the end -> 0 (not 1.5 -> 2).
        ModelBuilder low_model = model(0, 1.0);
        low_model.touchpoint("ask").on_fixed = "lost";
        low_model.sentiment().fixed_first_time = -2;
        low_model.sentiment().unresolved = 1.5;
        const Result low = simulate(validate(low_model.build()), options(2));
        check_exact(low, "/kpis/ltr_mean", 0);
        check_exact(low, "/kpis/nps", -100);
    }
    SECTION("each repeat contact") {
        ModelBuilder b = model(9, 0.5);
        b.sentiment().per_repeat_contact = -1;
        const Result r = simulate(validate(b.build()), options(6));
        // K contacts (geometric, p = 1/2) score 10 - K: K=1 promoter, K=2,3 passive, K>=4
        // detractor. NPS = 100 (1/2 - 1/8) = 37.5; without the driver everyone scores 9.
        check_inside(r, "/kpis/nps", 37.5);
        check_inside(r, "/drivers/repeat_contacts", 37.5 - 100);
        check_inside(r, "/kpis/promoters", 0.5);
    }
    SECTION("touchpoint and channel experience") {
        ModelBuilder b("experience");
        b.horizon(2, 0);
        b.team("agents", 30);
        b.channel("phone", ChannelMode::Live, "agents", exponential(3)).experience = 1;
        b.segment("everyone", 1.0, constant(9, TimeUnit::None));
        b.journey("issue", 1000, "notice");
        b.step("notice", {{"ask", 1.0}}).tp.experience = -3;
        b.contact("ask", {"phone"}, "done");
        b.end("done");
        const Result r = simulate(validate(b.build()), options(2));
        check_exact(r, "/kpis/ltr_mean", 7);
        check_exact(r, "/kpis/nps", 0);
        check_exact(r, "/drivers/touchpoint_experience", -100);  // 10 without it
        check_exact(r, "/drivers/channel_experience", 100);      // 6 without it
    }
    SECTION("waiting, abandoning and missed targets cost points") {
        ModelBuilder b("queue");
        b.horizon(4, 1);
        b.team("agents", 6);
        Channel& phone = b.channel("phone", ChannelMode::Live, "agents", exponential(6));
        phone.patience = exponential(4);
        phone.service_target = ServiceTarget{0.5, 0.8, false};
        b.segment("everyone", 1.0, constant(8, TimeUnit::None));
        b.journey("issue", 1200, "ask");
        b.contact("ask", {"phone"}, "done").tp.retry_delay = exponential(15);
        b.end("done");
        b.sentiment().abandoned = -1;
        b.sentiment().missed_response_target = -0.5;
        b.sentiment().wait_tolerance_min[static_cast<std::size_t>(WaitMode::Live)] = 1;
        b.sentiment().per_min_over_tolerance[static_cast<std::size_t>(WaitMode::Live)] = -0.2;
        const Result r = simulate(validate(b.build()), options(4));
        CHECK(mean(r, "/channels/phone/abandoned") > 100);
        CHECK(estimate(values(r, "/drivers/abandoned")).high < 0);
        CHECK(estimate(values(r, "/drivers/missed_response_target")).high < 0);
        CHECK(estimate(values(r, "/drivers/waiting")).high < 0);
        CHECK(estimate(values(r, "/drivers/fixed_first_time")).low == 0);
    }
}

TEST_CASE("wrap-up keeps the agent busy after the customer is released", "[unit]") {
    ModelBuilder b("wrap-up");
    b.horizon(5, 1);
    b.team("agents", 10);
    b.channel("phone", ChannelMode::Live, "agents", constant(4)).wrap_up = constant(2);
    b.segment("everyone");
    b.journey("issue", 0.5 * kMinutesPerDay, "ask");
    b.contact("ask", {"phone"}, "done");
    b.end("done");
    Rows rows;
    SimulationOptions o = options(6);
    o.trace = &rows;
    const Result r = simulate(validate(b.build()), o);
    check_exact(r, "/channels/phone/aht_min", 6);
    check_inside(r, "/channels/phone/occupancy", 0.5 * 6 / 10);
    for (const auto& row : rows.rows)
        CHECK(row.end - row.answer == Approx(4));
}

TEST_CASE("employee journeys: steps add up to the handle time, the path decides the fix",
          "[unit]") {
    ModelBuilder b("employee journey");
    b.horizon(5, 1);
    b.team("front", 20);
    b.team("back", 6).skills.push_back("review");
    b.channel("phone", ChannelMode::Live, "front", exponential(99)).fix_rate = 0.1;
    b.segment("everyone");
    b.journey("issue", 800, "ask");
    b.contact("ask", {"phone"}, "done").on_not_fixed = "lost";
    b.end("done");
    b.end("lost", Outcome::Unresolved);

    SECTION("two steps and a branch") {
        b.employee_journey("call", "identify", {"phone"});
        b.work_step("identify", constant(2), {{"solve", 1.0}});
        b.work_step("solve", constant(3), {{"fixed", 0.7}, {"not_fixed", 0.3}});
        b.end_step("fixed", true);
        b.end_step("not_fixed", false);
        const Result r = simulate(validate(b.build()), options(6));
        check_exact(r, "/channels/phone/aht_min", 5);
        check_inside(r, "/channels/phone/fix_rate", 0.7);
        check_inside(r, "/kpis/ftf", 0.7);
    }
    SECTION("a hand-off to another team while the customer waits") {
        b.employee_journey("call", "talk", {"phone"}, "issue", "ask");
        b.work_step("talk", constant(2), {{"review", 1.0}});
        b.handoff_step("review", "back", "review", constant(10), {{"fixed", 1.0}});
        b.end_step("fixed", true);
        Rows rows;
        SimulationOptions o = options(4);
        o.trace = &rows;
        const Result r = simulate(validate(b.build()), o);
        check_exact(r, "/channels/phone/fix_rate", 1);
        check_exact(r, "/channels/phone/aht_min", 12);  // agent time of both teams
        for (const auto& row : rows.rows)
            CHECK(row.end - row.answer >= 12 - 1e-9);
        CHECK(mean(r, "/teams/back/work/review/handled") > 2000);
        const double back = mean(r, "/teams/back/occupancy");
        const double front = mean(r, "/teams/front/occupancy");
        check_inside(r, "/teams/back/occupancy", 800.0 / kMinutesPerDay * 10 / 6);
        CHECK(back > front);
    }
}

TEST_CASE("schedules: agents finish their work after their shift, queued contacts are served",
          "[unit]") {
    ModelBuilder b("shifts");
    b.horizon(14, 0);
    b.team("agents", {{"mon-fri 09:00-17:00", 2}});
    b.channel("phone", ChannelMode::Live, "agents", exponential(45));
    b.hours("phone", "mon-fri 09:00-16:00");
    b.segment("everyone");
    b.journey("issue", 40, "ask");
    b.contact("ask", {"phone"}, "done");
    b.end("done");
    Rows rows;
    SimulationOptions o = options(1);
    o.trace = &rows;
    const Result r = simulate(validate(b.build()), o);
    bool late_answer = false;
    bool overtime = false;
    for (const auto& row : rows.rows) {
        const double offered = minute_of_day(row.arrival);
        const double answered = minute_of_day(row.answer);
        CHECK(offered < 16 * 60);
        CHECK((answered >= 9 * 60 && answered < 17 * 60));
        if (answered >= 16 * 60) late_answer = true;  // queued before closing, served after
        if (row.end - row.answer > 0 && weekday(row.end) == weekday(row.answer) &&
            minute_of_day(row.end) > 17 * 60) {
            overtime = true;  // finished after the shift ended, not pre-empted
        }
    }
    CHECK(late_answer);
    CHECK(overtime);
    // On-duty time includes the overtime needed to finish.
    CHECK(mean(r, "/teams/agents/agent_hours") > 2 * 40 * 2);
}

TEST_CASE("an async backlog is worked during the team's hours", "[unit]") {
    ModelBuilder b("e-mail");
    b.horizon(14, 0);
    b.team("back", {{"mon-fri 09:00-17:00", 3}});
    b.channel("email", ChannelMode::Async, "back", exponential(10)).service_target =
        ServiceTarget{24 * 60, 0.9, true};
    b.segment("everyone");
    b.journey("question", 100, "write");
    b.contact("write", {"email"}, "done");
    b.end("done");
    Rows rows;
    SimulationOptions o = options(1);
    o.trace = &rows;
    const Result r = simulate(validate(b.build()), o);
    REQUIRE(rows.rows.size() > 1000);
    for (const auto& row : rows.rows) {
        const double answered = minute_of_day(row.answer);
        CHECK((weekday(row.answer) < 5 && answered >= 9 * 60 && answered < 17 * 60));
    }
    CHECK(mean(r, "/channels/email/response_time_h") > 5);
    const double sl = mean(r, "/channels/email/service_level");
    CHECK(sl > 0.3);
    CHECK(sl < 1.0);
    CHECK(mean(r, "/channels/email/backlog_max") > 50);
}

TEST_CASE("the interval table adds up to the channel totals", "[unit]") {
    ModelBuilder b = two_channels(0.7, 0.3);
    b.horizon(3, 1, 30);
    SimulationOptions o = options(3);
    o.intervals = true;
    const Result r = simulate(validate(b.build()), o);
    REQUIRE(r.intervals.size() == 2 * 2 * 48);  // 2 measured days × 48 intervals × 2 channels
    CHECK(r.intervals.front().day == 1);
    CHECK(r.intervals.front().start_min == 0);
    double offered = 0;
    double handled = 0;
    for (const auto& row : r.intervals) {
        if (row.channel == 0) {
            offered += row.offered;
            handled += row.handled;
        }
    }
    CHECK(offered == Approx(mean(r, "/channels/phone/offered")));
    CHECK(std::fabs(handled - mean(r, "/channels/phone/handled")) < 5);
    // Without intervals requested none are kept.
    CHECK(simulate(validate(b.build()), options(1)).intervals.empty());
}

namespace {

/// The failure `simulate` raises on `model`; fails the test if it does not raise one.
SimulationFailure failure_of(const Model& model, const SimulationOptions& o) {
    try {
        simulate(validate(model), o);
    } catch (const SimulationError& e) {
        // what() is the whole message, made from the fields.
        CHECK(std::string(e.what()) == e.failure().format());
        CHECK(e.exit_code() == kExitInputError);
        return e.failure();
    }
    FAIL("simulate raised no SimulationError");
    return {};
}

}  // namespace

TEST_CASE("a safety limit names the replication, seed, time, customer and touchpoint", "[unit]") {
    SECTION("a customer moving through a cycle without time") {
        // Valid (an end can be reached: the rule might not match), yet the rule always
        // matches, so customers go round without time passing.
        ModelBuilder b("loop");
        b.horizon(1, 0);
        b.team("agents", 1);
        b.channel("phone", ChannelMode::Live, "agents", exponential(5));
        b.segment("everyone");
        b.journey("spin", 10, "a");
        Condition always;
        always.contacts_at_least = 0;
        b.branch("a", {{"done", 1.0}}).rules.push_back({always, "b"});
        b.branch("b", {{"a", 1.0}});
        b.end("done");
        const SimulationFailure f = failure_of(b.build(), options(2, 5));
        CHECK(f.problem ==
              "moved 100000 times without time passing, the last time to this touchpoint");
        CHECK(f.model == "loop");
        CHECK(f.replication == 1);
        CHECK(f.seed == 5U);
        REQUIRE(f.minute);
        CHECK(*f.minute >= 0);
        CHECK(*f.minute < kMinutesPerDay);
        CHECK(f.customer == 1U);  // the first customer of the replication
        CHECK(f.journey == "spin");
        CHECK(f.touchpoint == "a");
        CHECK_FALSE(f.employee);
        CHECK_FALSE(f.hint.empty());
        const std::string what = f.format();
        CHECK_THAT(what, Catch::Matchers::StartsWith(
                             "simulation of \"loop\" failed in replication 1 (seed 5) at Mon "));
        CHECK_THAT(what, Catch::Matchers::Contains(", customer 1, touchpoint \"a\" of journey "
                                                   "\"spin\": moved 100000 times"));
        CHECK_THAT(what, Catch::Matchers::EndsWith("; hint: " + f.hint));
    }
    SECTION("an employee journey cycling through steps without time") {
        ModelBuilder b("steps");
        b.horizon(1, 0);
        b.team("agents", 5);
        b.channel("phone", ChannelMode::Live, "agents", exponential(5));
        b.segment("everyone");
        b.journey("ask", 20, "call");
        b.contact("call", {"phone"}, "done");
        b.end("done");
        b.employee_journey("handle", "check", {"phone"});
        b.work_step("check", constant(0), {{"recheck", 1.0}});
        // An end that can be reached, but hardly ever is.
        b.work_step("recheck", constant(0), {{"check", 1 - 1e-12}, {"closed", 1e-12}});
        b.end_step("closed", true);
        const SimulationFailure f = failure_of(b.build(), options(1, 3));
        CHECK(f.problem ==
              "the contact ran 100000 steps without time passing, the last at this step");
        CHECK(f.replication == 1);
        CHECK(f.seed == 3U);
        CHECK(f.minute);
        CHECK(f.customer);
        CHECK(f.employee);
        CHECK(f.journey == "handle");
        CHECK(f.touchpoint == "check");
        CHECK(f.place() == "step \"check\" of employee journey \"handle\"");
        CHECK_FALSE(f.hint.empty());
    }
    SECTION("customers piling up beyond max_in_system") {
        SimulationOptions o = options(2, 9);
        o.max_in_system = 3;
        const SimulationFailure f = failure_of(two_channels(0.8, 0).build(), o);
        CHECK_THAT(f.problem, Catch::Matchers::StartsWith(
                                  "more than 3 customers are in the system at once, "));
        CHECK(f.replication == 1);
        CHECK(f.seed == 9U);
        CHECK(f.minute);
        CHECK_FALSE(f.customer);  // no one customer is at fault
        CHECK(f.journey);
        CHECK(f.touchpoint);
        CHECK_FALSE(f.employee);
        CHECK_THAT(f.hint, Catch::Matchers::Contains("--max-in-system"));
    }
    SECTION("no replications") {
        const SimulationFailure f = failure_of(two_channels(1, 0).build(), options(0));
        CHECK(f.problem == "replications must be at least 1 (got 0)");
        CHECK_FALSE(f.replication);
        CHECK_FALSE(f.minute);
        CHECK_FALSE(f.hint.empty());
    }
}

TEST_CASE("a simulation error made from text keeps its problem and hint apart", "[unit]") {
    const SimulationError plain("cannot simulate the model: no segments");
    CHECK(plain.failure().problem == "cannot simulate the model: no segments");
    CHECK(plain.failure().hint.empty());
    CHECK(std::string(plain.what()) == "simulation failed: cannot simulate the model: no segments");
    const SimulationError hinted("it stopped; hint: start it again");
    CHECK(hinted.failure().problem == "it stopped");
    CHECK(hinted.failure().hint == "start it again");
    SimulationFailure f;
    f.problem = "it stopped";
    f.seed = 4;
    f.journey = "j";
    CHECK(f.format() == "simulation failed with seed 4, journey \"j\": it stopped");
}

TEST_CASE("touchpoint flows: visits, moves along each edge and sentiment booked there", "[unit]") {
    ModelBuilder b("flows");
    b.horizon(3, 0);
    b.team("agents", 30);
    b.channel("phone", ChannelMode::Live, "agents", exponential(3)).fix_rate = 0.5;
    b.segment("everyone", 1.0, constant(8, TimeUnit::None));
    b.journey("issue", 1000, "notice");
    b.step("notice", {{"ask", 0.3}, {"done", 0.7}}).tp.experience = -2;
    b.contact("ask", {"phone"}, "done").on_not_fixed = "lost";
    b.end("done");
    b.end("lost", Outcome::Unresolved);
    const Result r = simulate(validate(b.build()), options(10));
    const std::string p = "/journeys/issue/touchpoints/";
    const auto& notice = values(r, p + "notice/visits");
    const auto& to_ask = values(r, p + "notice/to/ask");
    const auto& to_done = values(r, p + "notice/to/done");
    const auto& ask = values(r, p + "ask/visits");
    const auto& ask_fixed = values(r, p + "ask/to/done");
    const auto& ask_lost = values(r, p + "ask/to/lost");
    for (std::size_t i = 0; i < notice.size(); ++i) {
        CHECK(to_ask[i] + to_done[i] == notice[i]);
        CHECK(to_ask[i] == ask[i]);
        CHECK(ask_fixed[i] + ask_lost[i] <= ask[i]);  // a few may still be in the queue
    }
    check_inside(r, p + "ask/fix_rate", 0.5);
    check_exact(r, p + "notice/ltr_change", -2);
    CHECK(r.find(p + "notice/to/lost") == nullptr);   // not a possible move
    CHECK(r.find(p + "notice/fix_rate") == nullptr);  // not a contact
}

TEST_CASE("max_in_system stops a replication whose customers pile up, and nothing else", "[unit]") {
    // 1,500 customers a day on 40 agents: never more than a few dozen in the system at once.
    const Model model = two_channels(0.8, 0).build();
    const Result plain = simulate(validate(model), options(2));
    SimulationOptions high = options(2);
    high.max_in_system = 100'000;
    CHECK(result_to_json(simulate(validate(model), high)) == result_to_json(plain));
    SimulationOptions low = options(2);
    low.max_in_system = 3;
    REQUIRE_THROWS_WITH(simulate(validate(model), low),
                        Catch::Matchers::Contains("more than 3 customers are in the system") &&
                            Catch::Matchers::Contains("--max-in-system"));
}

TEST_CASE("estimate_run gives the customers and the memory bound before a run", "[unit]") {
    const Model model = two_channels(0.8, 0).build();  // 1,500 a day over 5 days
    SimulationOptions o = options(4);
    o.threads = 3;
    o.max_in_system = 1000;
    const RunEstimate e = estimate_run(model, o);
    CHECK(e.customers_per_replication == Approx(7500));
    CHECK(e.customers == Approx(30000));
    CHECK(e.threads == 3);
    CHECK(e.memory_bound_bytes == Approx(3.0 * 1000 * kBytesPerCustomer));
    o.threads = 8;  // never more threads than replications
    CHECK(estimate_run(model, o).threads == 4);
}

TEST_CASE("a team's agents on duty: over the period, while staffed, and at the peak", "[unit]") {
    // Four agents on weekdays 09:00-17:00 and two more on Mondays 12:00-14:00; nobody is ever
    // asked to work, so no one stays on to finish: 4 x 40 + 2 x 2 = 164 agent-hours a week,
    // staffed 40 hours, at most six at once.
    ModelBuilder b("desk");
    b.horizon(14);
    b.team("desk", {{"mon-fri 09:00-17:00", 4}, {"mon 12:00-14:00", 2}});
    b.channel("phone", ChannelMode::Live, "desk", exponential(5));
    b.self_service_channel("web", 1.0);
    b.segment("everyone");
    b.journey("look up", 50, "web");
    b.self_service("web", "web", "done", "done");
    b.end("done");
    const Result r = simulate(validate(b.build()), testing::sim_options(2, 3));
    CHECK(r.at("/teams/desk/agents_mean").mean == Approx(164.0 / 168));
    CHECK(r.at("/teams/desk/agents_staffed_mean").mean == Approx(164.0 / 40));
    CHECK(r.at("/teams/desk/agents_peak").mean == 6);
    CHECK(r.at("/teams/desk/agent_hours").mean == Approx(2 * 164.0));
}

TEST_CASE("the score on leaving each touchpoint follows the effects felt so far", "[unit]") {
    // Baseline 7; the notice costs 1 point, the apology gives back 0.5: customers leave them at
    // 6 and 6.5 and end the journey at 6.5.
    ModelBuilder b("emotions");
    b.horizon(7);
    b.self_service_channel("web", 1.0);
    b.segment("everyone");
    b.journey("j", 100, "notice");
    b.step("notice", {{"apology", 1.0}}, constant(5)).tp.experience = -1;
    b.step("apology", {{"done", 1.0}}, constant(5)).tp.experience = 0.5;
    b.end("done");
    const Result r = simulate(validate(b.build()), testing::sim_options(2, 3));
    CHECK(r.at("/journeys/j/touchpoints/notice/ltr_after").mean == Approx(6.0));
    CHECK(r.at("/journeys/j/touchpoints/apology/ltr_after").mean == Approx(6.5));
    CHECK(r.at("/journeys/j/touchpoints/done/ltr_after").mean == Approx(6.5));
}

TEST_CASE("a contact touchpoint counts the attempts on each of its channels", "[unit]") {
    // Phone and chat, always open and quickly answered, weighted 3 : 1 by the one segment;
    // every contact fixes the issue, so each customer makes one attempt.
    ModelBuilder b("mix");
    b.horizon(7);
    b.team("agents", 20);
    b.channel("phone", ChannelMode::Live, "agents", exponential(3)).fix_rate = 1.0;
    b.channel("chat", ChannelMode::Live, "agents", exponential(3)).fix_rate = 1.0;
    b.segment("everyone");
    b.prefer("everyone", "phone", 3).prefer("everyone", "chat", 1);
    b.journey("j", 400, "ask");
    b.contact("ask", {"phone", "chat"}, "done");
    b.end("done");
    const Result r = simulate(validate(b.build()), testing::sim_options(4, 5));
    const std::string at = "/journeys/j/touchpoints/ask";
    const auto phone = testing::values(r, at + "/channels/phone/chosen");
    const auto chat = testing::values(r, at + "/channels/chat/chosen");
    const auto visits = testing::values(r, at + "/visits");
    std::vector<double> share;
    for (std::size_t i = 0; i < visits.size(); ++i) {
        CHECK(phone[i] + chat[i] == visits[i]);  // one attempt per visit
        share.push_back(phone[i] / visits[i]);
    }
    // The logit choice gives phone 3 / (3 + 1) of the attempts.
    const Estimate e = estimate(share, 0.99);
    INFO("phone share " << e.mean << " [" << e.low << ", " << e.high << "]");
    CHECK(e.low <= 0.75);
    CHECK(0.75 <= e.high);
}
