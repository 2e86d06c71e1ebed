// Estimates and the result outputs: the JSON contract, CSV, the table and the interval CSV.
#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/report.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

using namespace journeysim;

TEST_CASE("estimates use Student t on replication values", "[unit]") {
    // Mean 3, sd sqrt(2.5), t(0.975; 4) = 2.776445.
    const Estimate e = estimate({1, 2, 3, 4, 5});
    CHECK(e.mean == Approx(3));
    CHECK(e.high - e.mean == Approx(2.776445105 * std::sqrt(2.5) / std::sqrt(5.0)));
    CHECK(e.mean - e.low == Approx(e.high - e.mean));
    CHECK(e.count == 5);
    const Estimate wide = estimate({1, 2, 3, 4, 5}, 0.99);
    CHECK(wide.high - wide.mean == Approx(4.604094871 * std::sqrt(2.5) / std::sqrt(5.0)));

    const Estimate one = estimate({7.5});
    CHECK(one.mean == 7.5);
    CHECK(one.low == 7.5);
    CHECK(one.high == 7.5);

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const Estimate skipped = estimate({nan, 2, 4});
    CHECK(skipped.count == 2);
    CHECK(skipped.mean == 3);
    const Estimate none = estimate({nan, nan});
    CHECK(none.count == 0);
    CHECK(std::isnan(none.mean));
}

namespace {

Result small_result(int replications = 3) {
    testing::ModelBuilder b("small \"model\"");
    b.horizon(2, 1);
    b.team("front/line", 5);
    b.channel("0", ChannelMode::Live, "front/line", testing::exponential(4)).fix_rate = 0.8;
    b.channel("chat, web", ChannelMode::Messaging, "front/line", testing::exponential(8));
    b.segment("a~b");
    b.journey("issue", 300, "ask");
    b.contact("ask", {"0", "chat, web"}, "done");
    b.end("done");
    SimulationOptions o;
    o.replications = replications;
    o.seed = 5;
    o.intervals = true;
    return simulate(validate(b.build()), o);
}

}  // namespace

TEST_CASE("the result JSON follows the documented contract", "[unit]") {
    const Result result = small_result();
    const auto json = nlohmann::json::parse(result_to_json(result));
    CHECK(json["journeysim_result"] == 1);
    CHECK(json["model"] == "small \"model\"");
    CHECK(json["seed"] == 5);
    CHECK(json["replications"] == 3);
    auto is_estimate = [](const nlohmann::json& e) {
        return e.is_object() && e.size() == 2 && e.contains("mean") && e["ci95"].is_array() &&
               e["ci95"].size() == 2;
    };
    for (const char* k :
         {"nps", "promoters", "passives", "detractors", "ltr_mean", "ftf", "contacts_per_customer",
          "resolution_rate", "time_to_resolution_h", "cost_total", "cost_per_resolved"}) {
        INFO(k);
        CHECK(is_estimate(json["kpis"][k]));
    }
    for (const char* o : {"resolved", "unresolved", "churned"}) {
        CHECK(is_estimate(json["outcomes"][o]["share"]));
        CHECK(is_estimate(json["journeys"]["issue"]["outcomes"][o]["share"]));
    }
    for (const char* k : {"customers", "nps", "ftf"}) {
        CHECK(is_estimate(json["journeys"]["issue"][k]));
        CHECK(is_estimate(json["segments"]["a~b"][k]));  // ids are keys, unescaped
    }
    for (const char* channel : {"0", "chat, web"}) {
        INFO(channel);
        // "0" must be an object key, not an array index.
        REQUIRE(json["channels"].is_object());
        for (const char* k : {"offered", "handled", "abandoned", "abandon_rate", "p_wait", "asa_s",
                              "service_level", "fix_rate", "occupancy", "backlog_max", "cost"}) {
            INFO(k);
            CHECK(is_estimate(json["channels"][channel][k]));
        }
    }
    for (const char* k : {"occupancy", "handled", "failure_demand_share"}) {
        CHECK(is_estimate(json["teams"]["front/line"][k]));
    }
    // Undefined values are null (no service target here).
    CHECK(json["channels"]["0"]["service_level"]["mean"].is_null());
    // The estimate of a leaf matches the metric.
    const Estimate nps = result.at("/kpis/nps");
    CHECK(json["kpis"]["nps"]["mean"].get<double>() == nps.mean);
    CHECK(json["kpis"]["nps"]["ci95"][0].get<double>() == nps.low);
    // Top-level order: the contract's (top-level keys are indented by two spaces).
    const std::string text = result_to_json(result);
    auto at = [&](const char* key) { return text.find(std::string("\n  \"") + key + "\""); };
    CHECK(at("kpis") < at("outcomes"));
    CHECK(at("outcomes") < at("journeys"));
    CHECK(at("journeys") < at("segments"));
    CHECK(at("segments") < at("channels"));
    CHECK(at("channels") < at("teams"));
    CHECK(at("teams") != std::string::npos);
}

TEST_CASE("CSV output quotes names per RFC 4180", "[unit]") {
    CHECK(csv_field("phone") == "phone");
    CHECK(csv_field("chat, web") == "\"chat, web\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");

    const Result result = small_result();
    const std::string csv = result_to_csv(result);
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    CHECK(line == "path,mean,ci_low,ci_high,unit");
    std::size_t rows = 0;
    while (std::getline(lines, line))
        ++rows;
    CHECK(rows == result.metrics().size());
    CHECK(csv.find("\"/channels/chat, web/offered\"") != std::string::npos);
    CHECK(csv.find("/segments/a~0b/nps,") != std::string::npos);
    CHECK(csv.find("/teams/front~1line/occupancy,") != std::string::npos);
}

TEST_CASE("the interval CSV has one row per channel per measured interval", "[unit]") {
    CHECK(simulation_date(0) == "2024-01-01");
    CHECK(simulation_date(31) == "2024-02-01");
    CHECK(simulation_date(366) == "2025-01-01");  // 2024 is a leap year

    const Result result = small_result();
    const std::string csv = intervals_to_csv(result);
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    CHECK(line ==
          "date,interval_start,channel,offered,handled,abandoned,aht_s,asa_s,service_level");
    std::getline(lines, line);
    CHECK(line.rfind("2024-01-02,00:00,0,", 0) == 0);  // day 2: day 1 is the warm-up
    std::size_t rows = 1;
    std::string last;
    while (std::getline(lines, line)) {
        ++rows;
        last = line;
    }
    CHECK(rows == 96 * 2);
    CHECK(last.rfind("2024-01-02,23:45,\"chat, web\",", 0) == 0);
}

TEST_CASE("the table shows each figure with its confidence interval", "[unit]") {
    Estimate e;
    e.mean = 42.06;
    e.low = 40.76;
    e.high = 43.36;
    CHECK(format_estimate(e, 1) == "42.1 ± 1.3");
    CHECK(format_estimate(e, 0, 0.01) == "0 ± 0");
    e.mean = std::numeric_limits<double>::quiet_NaN();
    CHECK(format_estimate(e, 1) == "n/a");

    const std::string table = result_to_table(small_result());
    for (const char* text : {"NPS", "first-time fix (FTF)", "Channel", "chat, web", "front/line",
                             "service level", "occupancy", "backlog max", "±"}) {
        INFO(text);
        CHECK(table.find(text) != std::string::npos);
    }
}

namespace {

/// The figure at `path` as the table writes it (mean ± half-width, the catalogue's decimals).
std::string figure_of(const Result& r, const std::string& path) {
    const Metric* m = r.find(path);
    REQUIRE(m != nullptr);
    return format_estimate(estimate(m->values), m->kind->decimals);
}

}  // namespace

TEST_CASE("the table gives a channel's wait in its own terms: seconds to answer, hours to reply",
          "[unit]") {
    testing::ModelBuilder b("waits");
    b.horizon(3, 1);
    b.team("agents", 3);
    b.channel("phone", ChannelMode::Live, "agents", testing::exponential(4));
    b.channel("mail", ChannelMode::Async, "agents", testing::exponential(6));
    b.segment("everyone");
    b.journey("issue", 200, "ask");
    b.contact("ask", {"phone", "mail"}, "done");
    b.end("done");
    const Result r = simulate(validate(b.build()), testing::sim_options(2, 5));
    const std::string table = result_to_table(r);
    const auto row = [&](const std::string& channel) {
        const auto at = table.find("\n  " + channel + " ");
        REQUIRE(at != std::string::npos);
        return table.substr(at + 1, table.find('\n', at + 1) - at - 1);
    };
    CHECK(table.find("answer / reply") != std::string::npos);
    const std::string mail = row("mail");
    const std::string phone = row("phone");
    INFO(table);
    CHECK(mail.find(figure_of(r, "/channels/mail/response_time_h") + " h") != std::string::npos);
    CHECK(phone.find(figure_of(r, "/channels/phone/asa_s") + " s") != std::string::npos);
}
