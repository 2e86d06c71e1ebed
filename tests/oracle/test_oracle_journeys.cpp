// Journey-level oracles: absorbing Markov chains, Little's law, conservation of customers,
// contacts per customer with retries, and messaging concurrency as extra agents.
#include "model_builder.hpp"

#include <journeysim/erlang.hpp>
#include <journeysim/load.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <string>
#include <vector>

using namespace journeysim;

namespace {

void check_inside(const std::vector<double>& values, double exact, double max_half_width,
                  const std::string& what) {
    const Estimate e = estimate(values, 0.99);
    INFO(what << ": exact " << exact << ", simulated " << e.mean << " [" << e.low << ", " << e.high
              << "]");
    CHECK(e.low <= exact);
    CHECK(exact <= e.high);
    CHECK((e.high - e.low) / 2 < max_half_width);
}

void check_inside(const Result& result, const std::string& path, double exact,
                  double max_half_width) {
    const Metric* m = result.find(path);
    REQUIRE(m != nullptr);
    check_inside(m->values, exact, max_half_width, path);
}

SimulationOptions options(int replications, std::uint64_t seed = 77) {
    SimulationOptions o;
    o.replications = replications;
    o.seed = seed;
    o.threads = 2;
    return o;
}

/// Solves A x = b by Gaussian elimination with partial pivoting (A is n × n, row-major).
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> b) {
    const std::size_t n = b.size();
    for (std::size_t col = 0; col < n; ++col) {
        std::size_t pivot = col;
        for (std::size_t r = col + 1; r < n; ++r) {
            if (std::fabs(a[r][col]) > std::fabs(a[pivot][col])) pivot = r;
        }
        std::swap(a[col], a[pivot]);
        std::swap(b[col], b[pivot]);
        for (std::size_t r = col + 1; r < n; ++r) {
            const double f = a[r][col] / a[col][col];
            for (std::size_t c = col; c < n; ++c)
                a[r][c] -= f * a[col][c];
            b[r] -= f * b[col];
        }
    }
    std::vector<double> x(n);
    for (std::size_t i = n; i-- > 0;) {
        double s = b[i];
        for (std::size_t c = i + 1; c < n; ++c)
            s -= a[i][c] * x[c];
        x[i] = s / a[i][i];
    }
    return x;
}

}  // namespace

TEST_CASE("a journey of pure branches matches its absorbing Markov chain", "[oracle]") {
    // docs/calibration.md, "Absorbing Markov chain (Kemeny & Snell)": transient Phone, Email,
    // Bot; absorbing Resolved, GaveUp.
    const std::array<std::string, 3> transient = {"phone", "email", "bot"};
    const std::vector<std::vector<double>> q = {{0.2, 0.0, 0.0}, {0.2, 0.2, 0.0}, {0.3, 0.1, 0.0}};
    const std::vector<std::vector<double>> r = {{0.7, 0.1}, {0.55, 0.05}, {0.5, 0.1}};

    // B = (I - Q)^-1 R column by column, and t = (I - Q)^-1 1 (expected visits).
    std::vector<std::vector<double>> i_minus_q(3, std::vector<double>(3));
    for (std::size_t i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < 3; ++j)
            i_minus_q[i][j] = (i == j ? 1.0 : 0.0) - q[i][j];
    }
    const auto resolved = solve(i_minus_q, {r[0][0], r[1][0], r[2][0]});
    const auto visits = solve(i_minus_q, {1, 1, 1});
    // Sanity: the values published in docs/calibration.md.
    REQUIRE(resolved[0] == Approx(7.0 / 8));
    REQUIRE(resolved[2] == Approx(273.0 / 320));
    REQUIRE(visits[1] == Approx(25.0 / 16));

    testing::ModelBuilder b("markov");
    b.horizon(5, 0);
    // A model needs a channel; no customer of this one contacts it.
    b.team("agents", 1);
    b.channel("phone_line", ChannelMode::Live, "agents", testing::exponential(5));
    b.segment("everyone");
    for (std::size_t start = 0; start < 3; ++start) {
        b.journey("from_" + transient[start], 4000, transient[start]);
        for (std::size_t i = 0; i < 3; ++i) {
            std::vector<std::pair<std::string, double>> next;
            for (std::size_t j = 0; j < 3; ++j) {
                if (q[i][j] > 0) next.emplace_back(transient[j], q[i][j]);
            }
            next.emplace_back("resolved", r[i][0]);
            next.emplace_back("gave_up", r[i][1]);
            b.branch(transient[i], next);
        }
        b.end("resolved");
        b.end("gave_up", Outcome::Unresolved);
    }
    const Result result = simulate(validate(b.build()), options(10));
    for (std::size_t start = 0; start < 3; ++start) {
        const std::string j = "/journeys/from_" + transient[start];
        check_inside(result, j + "/outcomes/resolved/share", resolved[start], 0.01);
        check_inside(result, j + "/outcomes/unresolved/share", 1 - resolved[start], 0.01);
        // Expected visits to transient states per customer.
        const auto& customers = result.find(j + "/customers")->values;
        std::vector<double> per_customer(customers.size(), 0.0);
        for (const auto& t : transient) {
            const auto& v = result.find(j + "/touchpoints/" + t + "/visits")->values;
            for (std::size_t k = 0; k < v.size(); ++k)
                per_customer[k] += v[k] / customers[k];
        }
        check_inside(per_customer, visits[start], 0.02, j + " visits per customer");
    }
}

TEST_CASE("contacts per customer are 1/p for fix rate p with unlimited retries", "[oracle]") {
    for (double p : {0.4, 0.75}) {
        DYNAMIC_SECTION("fix rate " << p) {
            // Arrivals stop on Sunday so that every customer's retries end before the horizon
            // (otherwise customers needing many contacts would be missing from the average).
            testing::ModelBuilder b("retries");
            b.horizon(7, 1);
            b.team("agents", 30);
            b.channel("phone", ChannelMode::Live, "agents", testing::exponential(5)).fix_rate = p;
            b.segment("everyone");
            b.journey("issue", 2400, "call");
            b.weekday_profile({1, 1, 1, 1, 1, 1, 0});
            auto& call = b.contact("call", {"phone"}, "done");
            call.tp.retry_delay = testing::exponential(20);
            call.tp.max_attempts = 1000;  // unlimited in effect (the default is 5)
            b.end("done");
            const Result result = simulate(validate(b.build()), options(10));
            check_inside(result, "/kpis/contacts_per_customer", 1 / p, 0.05 / p);
            check_inside(result, "/kpis/ftf", p, 0.01);
            check_inside(result, "/channels/phone/fix_rate", p, 0.01);
        }
    }
}

TEST_CASE("customers are conserved: arrived = ended + open at the end of the run-out", "[oracle]") {
    auto check = [](const Result& result) {
        const auto& arrived = result.find("/flow/arrived")->values;
        const auto& ended = result.find("/flow/ended")->values;
        const auto& open = result.find("/flow/open_at_run_out_end")->values;
        for (std::size_t r = 0; r < arrived.size(); ++r) {
            INFO("replication " << r + 1);
            CHECK(arrived[r] > 0);
            CHECK(arrived[r] == ended[r] + open[r]);
        }
    };
    SECTION("a model with retries, abandonment, hand-offs and closed hours") {
        testing::ModelBuilder b("busy");
        b.horizon(6, 1);
        b.team("front", {{"mon-fri 08:00-18:00", 6}});
        b.team("back", {{"mon-fri 09:00-17:00", 2}});
        Channel& phone = b.channel("phone", ChannelMode::Live, "front", testing::exponential(6));
        phone.patience = testing::exponential(3);
        phone.fix_rate = 0.6;
        b.hours("phone", "mon-fri 08:00-18:00");
        b.channel("mail", ChannelMode::Async, "back", testing::exponential(10)).fix_rate = 0.5;
        b.segment("everyone");
        b.journey("problem", 600, "call");
        auto& call = b.contact("call", {"phone", "mail"}, "done");
        call.tp.retry_delay = testing::exponential(60);
        call.tp.max_attempts = 4;
        call.on_give_up = "gave_up";
        b.end("done");
        b.end("gave_up", Outcome::Unresolved);
        b.employee_journey("escalate", "talk", {"phone"});
        b.work_step("talk", testing::exponential(4), {{"fixed", 0.6}, {"second_line", 0.4}});
        b.handoff_step("second_line", "back", "review", testing::exponential(20), {{"fixed", 1}});
        b.end_step("fixed", true);
        const Result result = simulate(validate(b.build()), options(4));
        check(result);
        CHECK(estimate(result.find("/flow/in_system_at_horizon")->values).mean > 0);
    }
    SECTION("the example models") {
        for (const char* name : {"telecom.json", "energy.json", "webshop.json"}) {
            const auto loaded =
                load_model_file(std::string(JOURNEYSIM_SOURCE_DIR) + "/examples/" + name);
            check(simulate(loaded.model, options(2)));
        }
    }
}

TEST_CASE("Little's law holds on every queue", "[oracle]") {
    // Per replication, the time-averaged number waiting L must equal λW, with λ the offer rate
    // and W the mean wait (answered and abandoned contacts); checked as a 99% CI of L - λW.
    testing::ModelBuilder b("little");
    b.horizon(21, 1);
    b.team("agents", 9);
    b.channel("phone", ChannelMode::Live, "agents", testing::lognormal(6, 4)).patience =
        testing::exponential(5);
    Channel& chat = b.channel("chat", ChannelMode::Messaging, "agents", testing::exponential(12));
    chat.concurrency = 2;
    b.hours("chat", "daily 08:00-22:00");
    b.segment("everyone");
    b.journey("question", 2200, "ask");
    b.contact("ask", {"phone", "chat"}, "done").on_abandon = "done";
    b.end("done");
    const Model model = b.build();
    const Result result = simulate(validate(model), options(10));
    const double minutes = (model.horizon.days - model.horizon.warmup_days) * kMinutesPerDay;
    for (const std::string channel : {"phone", "chat"}) {
        const std::string p = "/channels/" + channel;
        const auto& mean_queue = result.find(p + "/mean_queue")->values;
        const auto& offered = result.find(p + "/offered")->values;
        const auto& wait = result.find(p + "/wait_mean_s")->values;
        std::vector<double> difference;
        for (std::size_t r = 0; r < offered.size(); ++r) {
            difference.push_back(mean_queue[r] - offered[r] / minutes * wait[r] / 60);
        }
        const double level = estimate(mean_queue).mean;
        REQUIRE(level > 0.2);  // a real queue
        check_inside(difference, 0.0, 0.02 * level, p + ": L - λW");
    }
}

TEST_CASE("messaging with concurrency k behaves as k times the agents", "[oracle]") {
    // 4 agents × 3 conversations, per-conversation handle time: an M/M/12 queue.
    const double per_min = 2.0;
    const double aht = 5.0;
    testing::ModelBuilder b("messaging");
    b.horizon(40, 1);
    b.team("agents", 4);
    b.channel("whatsapp", ChannelMode::Messaging, "agents", testing::exponential(aht)).concurrency =
        3;
    b.segment("everyone");
    b.journey("chat", per_min * kMinutesPerDay, "chat");
    b.contact("chat", {"whatsapp"}, "done");
    b.end("done");
    const Result result = simulate(validate(b.build()), options(10));
    const ErlangC exact = erlang_c(per_min, aht, 12);
    check_inside(result, "/channels/whatsapp/p_wait", exact.p_wait, 0.02);
    check_inside(result, "/channels/whatsapp/asa_s", exact.mean_wait * 60,
                 0.1 * exact.mean_wait * 60);
    check_inside(result, "/teams/agents/occupancy", per_min * aht / 12, 0.01);
    const double used = estimate(result.find("/channels/whatsapp/concurrency_used")->values).mean;
    CHECK(used > 1.0);
    CHECK(used <= 3.0);
}
