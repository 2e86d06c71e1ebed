// Common random numbers: how the engine keeps random numbers attached to customers, so that a
// scenario replays the base's customers and differences are paired. Also the exactness of the
// arrival process (a non-homogeneous Poisson process).
#include "model_builder.hpp"

#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace journeysim;
using testing::exponential;
using testing::ModelBuilder;

namespace {

struct FirstContact {
    double arrival = 0;
    std::string channel;
};

struct Contacts : TraceSink {
    std::map<std::uint64_t, FirstContact> first;  // by customer
    std::vector<double> arrivals;
    void write(const TraceRow& row) override {
        arrivals.push_back(row.arrival);
        if (first.count(row.customer) == 0) {
            first[row.customer] = FirstContact{row.arrival, std::string(row.channel)};
        }
    }
};

Contacts trace_of(const Model& model) {
    Contacts contacts;
    SimulationOptions o;
    o.replications = 1;
    o.seed = 3;
    o.trace = &contacts;
    simulate(validate(model), o);
    return contacts;
}

ModelBuilder shop(double per_day, bool with_chat) {
    ModelBuilder b("crn");
    b.horizon(3, 0);
    b.team("agents", 60);
    b.channel("phone", ChannelMode::Live, "agents", exponential(4));
    b.channel("mail", ChannelMode::Live, "agents", exponential(4));
    b.channel("chat", ChannelMode::Live, "agents", exponential(4));
    b.segment("everyone");
    b.prefer("everyone", "phone", 2).prefer("everyone", "mail", 1).prefer("everyone", "chat", 3);
    b.journey("question", per_day, "ask");
    b.hourly_profile({1, 1, 1, 1, 1, 1, 2, 4, 8, 9, 9, 8, 7, 8, 8, 7, 6, 5, 4, 3, 3, 2, 2, 1});
    std::vector<std::string> offered = {"phone", "mail"};
    if (with_chat) offered.push_back("chat");
    b.contact("ask", offered, "done");
    b.end("done");
    return b;
}

}  // namespace

TEST_CASE("more demand adds customers and keeps every earlier one", "[unit]") {
    const Contacts base = trace_of(shop(800, false).build());
    const Contacts more = trace_of(shop(1100, false).build());
    REQUIRE(base.arrivals.size() > 1500);
    CHECK(more.arrivals.size() > base.arrivals.size());
    const std::multiset<double> bigger(more.arrivals.begin(), more.arrivals.end());
    std::size_t kept = 0;
    for (double t : base.arrivals)
        kept += bigger.count(t) > 0 ? 1 : 0;
    CHECK(kept == base.arrivals.size());
}

TEST_CASE("a new channel only draws customers to itself", "[unit]") {
    const Contacts base = trace_of(shop(800, false).build());
    const Contacts with_chat = trace_of(shop(800, true).build());
    REQUIRE(base.first.size() == with_chat.first.size());
    std::size_t moved_to_chat = 0;
    for (const auto& [customer, row] : base.first) {
        const FirstContact& now = with_chat.first.at(customer);
        REQUIRE(now.arrival == row.arrival);  // the same customer
        if (now.channel == "chat") {
            ++moved_to_chat;
        } else {
            CHECK(now.channel == row.channel);
        }
    }
    // Chat's weight is 3 of 6: about half the customers move.
    const double share =
        static_cast<double>(moved_to_chat) / static_cast<double>(base.first.size());
    CHECK(share > 0.45);
    CHECK(share < 0.55);
}

TEST_CASE("arrivals are a Poisson process with the profile's rate", "[unit]") {
    // Counts per hour of day over many days: mean = the rate's integral, variance = mean.
    ModelBuilder b = shop(960, true);
    b.horizon(60, 0);
    const std::vector<double> weights = {1, 1, 1, 1, 1, 1, 2, 4, 8, 9, 9, 8,
                                         7, 8, 8, 7, 6, 5, 4, 3, 3, 2, 2, 1};
    double total = 0;
    for (double w : weights)
        total += w;
    const Contacts c = trace_of(b.build());
    std::vector<std::vector<double>> counts(24, std::vector<double>(60, 0.0));
    for (double t : c.arrivals) {
        const auto day = static_cast<std::size_t>(t / kMinutesPerDay);
        const auto hour = static_cast<std::size_t>(std::fmod(t, kMinutesPerDay) / 60);
        counts[hour][day] += 1;
    }
    for (std::size_t h = 0; h < 24; ++h) {
        const double expected = 960 * weights[h] / total;
        double mean = 0;
        for (double n : counts[h])
            mean += n;
        mean /= 60;
        double variance = 0;
        for (double n : counts[h])
            variance += (n - mean) * (n - mean);
        variance /= 59;
        INFO("hour " << h << ": expected " << expected << ", mean " << mean << ", variance "
                     << variance);
        // Mean within 4 standard errors; variance/mean within the chi-square 99.99% range.
        CHECK(std::fabs(mean - expected) < 4 * std::sqrt(expected / 60));
        CHECK(variance / expected > 0.45);
        CHECK(variance / expected < 1.75);
    }
}

TEST_CASE("a journey added in another scenario leaves the other journeys' customers as they were",
          "[unit]") {
    // Journeys are keyed by id, not by position: "billing" sorts before "question", so it takes
    // index 0 in the bigger model, and still nothing about the question customers changes.
    struct ByJourney : TraceSink {
        std::vector<std::pair<double, std::string>> question;  // (arrival, channel)
        std::size_t others = 0;
        void write(const TraceRow& row) override {
            if (row.journey == "question") {
                question.emplace_back(row.arrival, std::string(row.channel));
            } else {
                ++others;
            }
        }
    };
    auto run = [](const Model& model) {
        ByJourney sink;
        SimulationOptions o;
        o.replications = 1;
        o.seed = 3;
        o.trace = &sink;
        simulate(validate(model), o);
        std::sort(sink.question.begin(), sink.question.end());
        return sink;
    };
    ModelBuilder bigger = shop(800, false);
    bigger.team("billing_desk", 60);
    bigger.channel("billing_line", ChannelMode::Live, "billing_desk", exponential(4));
    bigger.prefer("everyone", "billing_line", 1);
    bigger.journey("billing", 300, "call");
    bigger.contact("call", {"billing_line"}, "over");
    bigger.end("over");
    const ByJourney base = run(shop(800, false).build());
    const ByJourney added = run(bigger.build());
    REQUIRE(base.question.size() > 1500);
    CHECK(base.others == 0);
    CHECK(added.others > 500);
    CHECK(added.question == base.question);
}
