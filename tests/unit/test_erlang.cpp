// Reference values: docs/calibration.md, "Exactness oracles" (Erlang B and C from the
// standard recursions; Erlang A after Garnett, Mandelbaum & Reiman 2002). Each check allows
// half a unit in the last digit given there.
#include <journeysim/erlang.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace journeysim;

namespace {

/// Half a unit in the sixth decimal: "reproduces the digits given".
constexpr double kSixDigits = 5e-7;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

void check_same(const ErlangA& closed, const BirthDeathQueue& exact, double tolerance) {
    CHECK(exact.tail_bound < 1e-15);
    CHECK(closed.p_wait == Approx(exact.p_wait).epsilon(tolerance));
    CHECK(closed.p_abandon == Approx(exact.p_abandon).epsilon(tolerance));
    CHECK(closed.mean_wait == Approx(exact.mean_wait).epsilon(tolerance));
    CHECK(closed.mean_queue == Approx(exact.mean_queue).epsilon(tolerance));
}

}  // namespace

TEST_CASE("erlang B: reference values", "[unit][erlang]") {
    CHECK(erlang_b(10, 10.0) == Approx(0.214582).margin(kSixDigits));
    CHECK(erlang_b(20, 15.0) == Approx(0.045593).margin(kSixDigits));
    CHECK(std::exp(log_erlang_b(10, 10.0)) == Approx(erlang_b(10, 10.0)).epsilon(1e-13));
    CHECK(std::exp(log_erlang_b(20, 15.0)) == Approx(erlang_b(20, 15.0)).epsilon(1e-13));
}

TEST_CASE("erlang B: edge cases and many agents", "[unit][erlang]") {
    CHECK(erlang_b(0, 3.0) == 1.0);
    CHECK(erlang_b(1, 1.0) == 0.5);  // A / (1 + A)
    CHECK(erlang_b(5, 0.0) == 0.0);
    CHECK(log_erlang_b(5, 0.0) == -kInfinity);
    // 5000 agents, 10 erlangs: B is about 1e-13000, far below the smallest double, but its
    // logarithm is finite: log B ≈ n·log A − log n! − A for n ≫ A.
    const double log_b = log_erlang_b(5000, 10.0);
    CHECK(std::isfinite(log_b));
    CHECK(log_b == Approx(5000 * std::log(10.0) - std::lgamma(5001.0) - 10.0).epsilon(1e-9));
    CHECK(erlang_b(5000, 10.0) == 0.0);
    // Heavy load: B → 1 − n/A.
    CHECK(erlang_b(500, 5000.0) == Approx(0.9).margin(1e-3));
}

TEST_CASE("erlang C: reference values (A = 10, AHT 180 s)", "[unit][erlang]") {
    // 100 calls per 30 minutes, 3-minute handle time.
    const double rate = 100.0 / 30.0;
    const double aht = 3.0;
    const double twenty_seconds = 20.0 / 60.0;
    struct Row {
        int agents;
        double p_wait, asa_s, service_level;
    };
    for (const Row row : {Row{12, 0.449388, 40.445, 0.640158}, Row{13, 0.285270, 17.116, 0.795595},
                          Row{14, 0.174132, 7.836, 0.888350}}) {
        INFO("agents " << row.agents);
        const ErlangC c = erlang_c(rate, aht, row.agents);
        CHECK(c.offered_load == Approx(10.0).epsilon(1e-14));
        CHECK(c.stable);
        CHECK(c.p_wait == Approx(row.p_wait).margin(kSixDigits));
        CHECK(c.mean_wait * 60 == Approx(row.asa_s).margin(5e-4));
        CHECK(c.service_level(twenty_seconds) == Approx(row.service_level).margin(kSixDigits));
        CHECK(c.p_wait_longer(0) == c.p_wait);
    }
}

TEST_CASE("erlang C: overload, no arrivals", "[unit][erlang]") {
    const ErlangC over = erlang_c(4.0, 3.0, 12);  // 12 erlangs on 12 agents
    CHECK_FALSE(over.stable);
    CHECK(over.p_wait == 1.0);
    CHECK(over.mean_wait == kInfinity);
    CHECK(over.service_level(10.0) == 0.0);
    const ErlangC idle = erlang_c(0.0, 3.0, 2);
    CHECK(idle.stable);
    CHECK(idle.p_wait == 0.0);
    CHECK(idle.mean_wait == 0.0);
    CHECK(idle.service_level(0.0) == 1.0);
}

TEST_CASE("erlang A: reference values (λ = 2/min, AHT 5 min, patience 2 min)", "[unit][erlang]") {
    const ErlangA a11 = erlang_a(2.0, 5.0, 2.0, 11);
    CHECK(a11.p_wait == Approx(0.341060).margin(kSixDigits));
    CHECK(a11.p_abandon == Approx(0.107291).margin(kSixDigits));
    CHECK(a11.mean_wait == Approx(0.214581).margin(kSixDigits));
    const ErlangA a10 = erlang_a(2.0, 5.0, 2.0, 10);
    CHECK(a10.p_wait == Approx(0.442044).margin(kSixDigits));
    CHECK(a10.p_abandon == Approx(0.152438).margin(kSixDigits));
    const ErlangA a9 = erlang_a(2.0, 5.0, 2.0, 9);
    CHECK(a9.p_wait == Approx(0.547406).margin(kSixDigits));
    CHECK(a9.p_abandon == Approx(0.207861).margin(kSixDigits));

    for (const ErlangA& a : {a11, a10, a9}) {
        INFO("agents " << a.agents);
        // The published form P(abandon | W > 0) = 1/(ρJ) + 1 − 1/ρ, with J recovered from
        // P(W > 0) = J·B / (1 + (J − 1)·B).
        const double b = erlang_b(a.agents, 10.0);
        const double j = a.p_wait * (1 - b) / (b * (1 - a.p_wait));
        const double rho = 10.0 / a.agents;
        CHECK(a.p_abandon_if_wait == Approx(1 / (rho * j) + 1 - 1 / rho).epsilon(1e-12));
        CHECK(a.p_abandon == Approx(a.p_wait * a.p_abandon_if_wait).epsilon(1e-15));
        CHECK(a.mean_queue == Approx(2.0 * a.mean_wait).epsilon(1e-15));
    }
}

TEST_CASE("erlang A: one agent with λ = μ = θ abandons with probability 1/e", "[unit][erlang]") {
    const ErlangA a = erlang_a(1.0, 1.0, 1.0, 1);
    CHECK(a.p_abandon == Approx(std::exp(-1.0)).epsilon(1e-14));
    CHECK(a.p_wait == Approx((std::exp(1.0) - 1) / std::exp(1.0)).epsilon(1e-14));
    check_same(a, solve_birth_death(1.0, 1.0, 1.0, 1), 1e-12);
}

TEST_CASE("erlang A: limits", "[unit][erlang]") {
    SECTION("very patient customers: Erlang C") {
        const ErlangA a = erlang_a(100.0 / 30.0, 3.0, 1e8, 12);
        const ErlangC c = erlang_c(100.0 / 30.0, 3.0, 12);
        CHECK(a.p_wait == Approx(c.p_wait).epsilon(1e-6));
        CHECK(a.mean_wait == Approx(c.mean_wait).epsilon(1e-6));
        CHECK(a.p_wait_longer(20.0 / 60.0) == Approx(c.p_wait_longer(20.0 / 60.0)).epsilon(1e-6));
        const ErlangA none = erlang_a(100.0 / 30.0, 3.0, kInfinity, 12);
        CHECK(none.p_wait == c.p_wait);
        CHECK(none.p_abandon == 0.0);
        CHECK(none.answered_within(20.0 / 60.0) == Approx(c.service_level(20.0 / 60.0)));
    }
    SECTION("very impatient customers: Erlang B") {
        const ErlangA a = erlang_a(2.0, 5.0, 1e-9, 11);
        CHECK(a.p_wait == Approx(erlang_b(11, 10.0)).epsilon(1e-6));
        CHECK(a.p_abandon == Approx(erlang_b(11, 10.0)).epsilon(1e-6));
        const ErlangA zero = erlang_a(2.0, 5.0, 0.0, 11);
        CHECK(zero.p_abandon == Approx(erlang_b(11, 10.0)).epsilon(1e-14));
        CHECK(zero.mean_wait == 0.0);
    }
    SECTION("no agents: everybody waits and abandons") {
        const ErlangA a = erlang_a(2.0, 5.0, 2.0, 0);
        CHECK(a.p_wait == Approx(1.0).epsilon(1e-14));
        CHECK(a.p_abandon == Approx(1.0).epsilon(1e-14));
        CHECK(a.mean_wait == Approx(2.0).epsilon(1e-14));
    }
    SECTION("no arrivals") {
        const ErlangA a = erlang_a(0.0, 5.0, 2.0, 3);
        CHECK(a.p_wait == 0.0);
        CHECK(a.p_abandon == 0.0);
        CHECK(a.mean_wait == 0.0);
    }
}

TEST_CASE("erlang A agrees with the exact birth-death solve", "[unit][erlang]") {
    SECTION("reference cases") {
        for (const int agents : {9, 10, 11}) {
            INFO("agents " << agents);
            check_same(erlang_a(2.0, 5.0, 2.0, agents), solve_birth_death(2.0, 5.0, 2.0, agents),
                       1e-11);
        }
    }
    SECTION("200 agents, just under and over the offered load") {
        for (const double load : {180.0, 195.0, 200.0, 220.0}) {
            INFO("offered load " << load);
            const double rate = load / 5.0;
            check_same(erlang_a(rate, 5.0, 2.0, 200), solve_birth_death(rate, 5.0, 2.0, 200), 1e-9);
        }
    }
    SECTION("heavy overload: J has huge terms") {
        // 500 erlangs on 100 agents, 30-minute patience: y = λ/θ = 3000 ≫ x = nμ/θ = 600.
        const ErlangA a = erlang_a(100.0, 5.0, 30.0, 100);
        CHECK(std::isfinite(a.p_wait));
        check_same(a, solve_birth_death(100.0, 5.0, 30.0, 100), 1e-9);
        // Fluid limit: the agents serve nμ = 20 of λ = 100 per minute.
        CHECK(a.p_abandon == Approx(0.8).margin(0.01));
        const double answered = a.answered_within(0.5);
        CHECK(answered >= 0.0);
        CHECK(answered < 1e-6);
    }
    SECTION("a thousand agents, lightly loaded") {
        // 900 erlangs on 1000 agents: (n − A)/√A ≈ 3.3, so few wait.
        const ErlangA a = erlang_a(150.0, 6.0, 3.0, 1000);
        CHECK(a.p_wait > 0);
        CHECK(a.p_wait < 0.01);
        check_same(a, solve_birth_death(150.0, 6.0, 3.0, 1000), 1e-9);
    }
    SECTION("hardly anyone waits: the cut-off is relative to the waiting states") {
        // 0.005 erlangs on 3 agents with very patient customers: P(W > 0) ≈ 2e-8 and
        // P(abandon) ≈ 3.5e-14, far below the 1e-15 of an absolute cut-off's reach.
        const ErlangA a = erlang_a(0.001, 5.0, 1e6, 3);
        CHECK(a.p_abandon < 1e-13);
        check_same(a, solve_birth_death(0.001, 5.0, 1e6, 3), 1e-9);
    }
    SECTION("a birth-death solve without abandonment matches Erlang C") {
        const BirthDeathQueue q = solve_birth_death(100.0 / 30.0, 3.0, kInfinity, 13);
        const ErlangC c = erlang_c(100.0 / 30.0, 3.0, 13);
        CHECK(q.p_wait == Approx(c.p_wait).epsilon(1e-12));
        CHECK(q.mean_wait == Approx(c.mean_wait).epsilon(1e-12));
        CHECK(q.p_abandon == 0.0);
        CHECK(q.outcome_after(20.0 / 60.0).answered ==
              Approx(c.service_level(20.0 / 60.0)).epsilon(1e-12));
        CHECK_FALSE(solve_birth_death(4.0, 3.0, kInfinity, 12).stable);
    }
}

TEST_CASE("erlang A: waiting-time distribution agrees with the exact solve", "[unit][erlang]") {
    struct Case {
        double rate, aht, patience;
        int agents;
    };
    for (const Case k : {Case{2.0, 5.0, 2.0, 11}, Case{2.0, 5.0, 2.0, 9}, Case{1.0, 1.0, 1.0, 1},
                         Case{39.0, 5.0, 2.0, 200}}) {
        const ErlangA a = erlang_a(k.rate, k.aht, k.patience, k.agents);
        const BirthDeathQueue q = solve_birth_death(k.rate, k.aht, k.patience, k.agents);
        for (const double t : {0.0, 1.0 / 6.0, 1.0 / 3.0, 1.0, 3.0}) {
            INFO("agents " << k.agents << ", t = " << t);
            const WaitOutcome exact = q.outcome_after(t);
            CHECK(exact.waiting + exact.answered + exact.abandoned == Approx(1.0).epsilon(1e-12));
            CHECK(a.p_wait_longer(t) == Approx(exact.waiting).margin(1e-11));
            CHECK(a.abandoned_within(t) == Approx(exact.abandoned).margin(1e-10));
            CHECK(a.answered_within(t) == Approx(exact.answered).margin(1e-10));
        }
        // Over an unlimited time everyone is answered or abandons.
        CHECK(a.abandoned_within(kInfinity) == a.p_abandon);
        CHECK(a.answered_within(60.0) == Approx(1 - a.p_abandon).margin(1e-9));
    }
}

TEST_CASE("staffing: fewest agents for an Erlang C service level", "[unit][erlang]") {
    const double rate = 100.0 / 30.0;
    const double twenty_seconds = 20.0 / 60.0;
    // From the reference table: SL(20 s) is 0.640158, 0.795595, 0.888350 for 12, 13, 14.
    CHECK(agents_for_service_level(rate, 3.0, 0.80, twenty_seconds, 100) == 14);
    CHECK(agents_for_service_level(rate, 3.0, 0.64, twenty_seconds, 100) == 12);
    CHECK(agents_for_service_level(rate, 3.0, 0.7, twenty_seconds, 100) == 13);
    CHECK_FALSE(agents_for_service_level(rate, 3.0, 0.80, twenty_seconds, 13).has_value());
    CHECK(agents_for_service_level(0.0, 3.0, 0.8, twenty_seconds, 10) == 0);
    // Any stable staffing has some service level; the first stable one is 11 agents.
    CHECK(agents_for_service_level(rate, 3.0, 1e-9, twenty_seconds, 100) == 11);

    // A large centre: the answer meets the target and one agent fewer does not.
    const double big_rate = 40.0;  // 40 calls a minute, 6-minute calls: 240 erlangs
    const auto agents = agents_for_service_level(big_rate, 6.0, 0.9, 0.25, 1000);
    REQUIRE(agents.has_value());
    CHECK(erlang_c(big_rate, 6.0, *agents).service_level(0.25) >= 0.9);
    CHECK(erlang_c(big_rate, 6.0, *agents - 1).service_level(0.25) < 0.9);
}
