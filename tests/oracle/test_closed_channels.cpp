// Closed channels: customers who meet only closed channels come back spread over the next
// opening period, and a segment may wait for its preferred channel rather than take an open one.
#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <string>

using namespace journeysim;

namespace {

constexpr double kPerDay = 960;         // arrivals a day, flat over the 24 hours
constexpr double kOpenMin = 10 * 60;    // the phone is open 08:00-18:00
constexpr double kClosedMin = 14 * 60;  // and closed for the 14 hours in between
constexpr int kDays = 15;               // one day of warm-up, 14 measured
constexpr int kReplications = 8;

/// Flat arrivals around the clock to a phone line open daily 08:00-18:00, staffed so that no one
/// waits or abandons and fixing every contact, so that offered contacts are arrivals only.
Model closed_at_night(std::optional<Distribution> return_after_opening) {
    testing::ModelBuilder b("closed at night");
    b.horizon(kDays, 1);
    b.team("agents", 80);
    b.channel("phone", ChannelMode::Live, "agents", testing::exponential(2)).fix_rate = 1;
    b.hours("phone", "daily 08:00-18:00");
    b.segment("everyone").return_after_opening = std::move(return_after_opening);
    b.journey("question", kPerDay, "call");
    b.contact("call", {"phone"}, "done");
    b.end("done");
    return b.build();
}

/// Contacts offered on `channel` over all measured days and replications in the interval that
/// starts `start_min` minutes into the day.
double offered_at(const Result& r, const std::string& channel, double start_min) {
    double total = 0;
    int rows = 0;
    for (const IntervalRow& row : r.intervals) {
        if (r.channel_ids.at(row.channel) != channel || row.start_min != start_min) continue;
        total += row.offered * r.replications;  // rows hold means over the replications
        ++rows;
    }
    REQUIRE(rows == kDays - 1);
    return total;
}

/// A Poisson count with mean `expected` lies within its 99.9% two-sided range (normal
/// approximation, large means only).
void check_count(double count, double expected, const std::string& what) {
    INFO(what << ": counted " << count << ", expected " << expected << " ± "
              << 3.29 * std::sqrt(expected));
    REQUIRE(expected > 100);
    CHECK(std::abs(count - expected) <= 3.29 * std::sqrt(expected));
}

SimulationOptions with_intervals() {
    SimulationOptions o = testing::sim_options(kReplications, 20261204);
    o.intervals = true;
    return o;
}

}  // namespace

TEST_CASE("customers who met a closed channel come back spread over the opening period",
          "[oracle][closed]") {
    // Arrivals are Poisson; each night's 14 hours of deferred callers come back after the
    // opening at exponential times (mean 60 min by default) truncated to the 10 opening hours.
    // An interval [a, b) after 08:00 holds its own live arrivals plus the deferred ones that
    // return in it: a Poisson count with mean per day
    //   λ·15 + λ·14 h·(e^{−a/60} − e^{−b/60}) / (1 − e^{−600/60}).
    const double per_min = kPerDay / (24 * 60);
    const double deferred = per_min * kClosedMin;
    const double days = (kDays - 1) * kReplications;
    const Result r = simulate(validate(closed_at_night(std::nullopt)), with_intervals());
    const double mass = 1 - std::exp(-kOpenMin / kDefaultReturnAfterOpeningMin);
    for (double a : {0.0, 15.0, 45.0, 120.0}) {
        const double b = a + 15;
        const double share = (std::exp(-a / kDefaultReturnAfterOpeningMin) -
                              std::exp(-b / kDefaultReturnAfterOpeningMin)) /
                             mass;
        check_count(offered_at(r, "phone", 8 * 60 + a), days * (per_min * 15 + deferred * share),
                    "interval starting " + std::to_string(a) + " min after opening");
    }
    // Before, every deferred caller came back at 08:00 sharp: the first interval held the whole
    // night. Now it holds its share, 22 %.
    CHECK(offered_at(r, "phone", 8 * 60) < 0.3 * days * deferred);
    // Nobody is offered while the line is closed, and every deferred caller is offered once.
    CHECK(offered_at(r, "phone", 7 * 60 + 45) == 0);
    CHECK(offered_at(r, "phone", 18 * 60) == 0);
    check_count(testing::estimate_of(r, "/channels/phone/offered").mean * kReplications,
                days * kPerDay, "offered over the measured days");
}

TEST_CASE("the return time after opening is the segment's own distribution", "[oracle][closed]") {
    const double per_min = kPerDay / (24 * 60);
    const double deferred = per_min * kClosedMin;
    const double days = (kDays - 1) * kReplications;
    SECTION("a constant 30 minutes puts every deferred caller in the 08:30 interval") {
        const Result r =
            simulate(validate(closed_at_night(testing::constant(30))), with_intervals());
        check_count(offered_at(r, "phone", 8 * 60), days * per_min * 15, "08:00");
        check_count(offered_at(r, "phone", 8 * 60 + 15), days * per_min * 15, "08:15");
        check_count(offered_at(r, "phone", 8 * 60 + 30), days * (per_min * 15 + deferred), "08:30");
    }
    SECTION("a return time beyond the opening period is spread uniformly over it") {
        const Result r =
            simulate(validate(closed_at_night(testing::constant(12 * 60))), with_intervals());
        for (double start : {8 * 60.0, 12 * 60.0, 17 * 60.0 + 45}) {
            check_count(offered_at(r, "phone", start),
                        days * (per_min * 15 + deferred * 15 / kOpenMin),
                        "interval at " + std::to_string(start));
        }
    }
}

TEST_CASE("a segment may wait for its preferred channel rather than take an open one",
          "[oracle][closed]") {
    // Phone (weight 3) is open 08:00-18:00, chat (weight 1) around the clock. By day customers
    // choose 3 : 1; by night a share p waits for the phone and the others take the chat, so the
    // chat is offered λ·(14 h·(1 − p) + 10 h / 4) a day, a Poisson count.
    auto run = [](double p) {
        testing::ModelBuilder b("waits for the phone");
        b.horizon(kDays, 1);
        b.team("agents", 80);
        b.channel("phone", ChannelMode::Live, "agents", testing::exponential(2)).fix_rate = 1;
        b.hours("phone", "daily 08:00-18:00");
        b.channel("chat", ChannelMode::Live, "agents", testing::exponential(2)).fix_rate = 1;
        b.segment("everyone").waits_for_preferred = p;
        b.prefer("everyone", "phone", 3);
        b.prefer("everyone", "chat", 1);
        b.journey("question", kPerDay, "call");
        b.contact("call", {"phone", "chat"}, "done");
        b.end("done");
        return simulate(validate(b.build()), with_intervals());
    };
    const double per_min = kPerDay / (24 * 60);
    const double days = (kDays - 1) * kReplications;
    for (double p : {0.0, 0.4, 1.0}) {
        INFO("waits_for_preferred " << p);
        const Result r = run(p);
        const double chat = testing::estimate_of(r, "/channels/chat/offered").mean * kReplications;
        check_count(chat, days * per_min * (kClosedMin * (1 - p) + kOpenMin / 4), "chat");
        if (p == 1.0) {
            // Everyone waits for the phone by night: the chat is quiet until 08:00.
            CHECK(offered_at(r, "chat", 3 * 60) == 0);
            CHECK(offered_at(r, "chat", 7 * 60 + 45) == 0);
        }
    }
}
