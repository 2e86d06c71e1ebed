// End-to-end tests of the employee-experience figures: in the table, JSON and CSV of `run`, and
// next to the customer KPIs in `compare`.
#include "cli_run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using journeysim::testing::CliOutcome;
using journeysim::testing::run_cli;

namespace {

const fs::path kExamples = fs::path(JOURNEYSIM_SOURCE_DIR) / "examples";

std::string example(const char* name) {
    return (kExamples / name).string();
}

}  // namespace

TEST_CASE("run: the employee figures are in the JSON, the CSV and the table", "[cli]") {
    const CliOutcome json = run_cli({"run", example("mandate.json"), "-r", "2", "-f", "json"});
    INFO(json.err);
    REQUIRE(json.code == 0);
    const auto j = nlohmann::json::parse(json.out);
    const auto& team = j.at("teams").at("frontline");
    for (const char* field : {"handle_time_min", "after_contact_work_min", "after_contact_share",
                              "handoffs_per_case", "rework_share"}) {
        INFO(field);
        CHECK(team.at(field).at("mean").is_number());
        CHECK(team.at(field).at("ci95").size() == 2);
    }
    const auto& ej = j.at("employee_journeys").at("dispute_call");
    for (const char* field :
         {"cases", "handle_time_min", "handoffs_per_case", "rework_share", "fixed_share"}) {
        INFO(field);
        CHECK(ej.at(field).at("mean").is_number());
    }
    const auto& review = ej.at("steps").at("review");
    CHECK(review.at("visits_per_case").at("mean").get<double>() > 1);  // explaining loops back
    CHECK(review.at("time_min").at("mean").is_number());
    CHECK(review.at("time_share").at("mean").is_number());
    CHECK_FALSE(ej.at("steps").at("fixed").contains("time_min"));

    const CliOutcome csv = run_cli({"run", example("mandate.json"), "-r", "2", "-f", "csv"});
    REQUIRE(csv.code == 0);
    CHECK(csv.out.find("/employee_journeys/dispute_call/steps/supervisor_approval/"
                       "visits_per_case,") != std::string::npos);
    CHECK(csv.out.find("/teams/frontline/after_contact_work_min,") != std::string::npos);

    const CliOutcome table = run_cli({"run", example("mandate.json"), "-r", "2"});
    REQUIRE(table.code == 0);
    for (const char* text :
         {"Employee experience", "after-contact work (min)", "hand-offs per case",
          "team supervisors", "Employee journey step", "dispute_call · supervisor_approval"}) {
        INFO(text);
        CHECK(table.out.find(text) != std::string::npos);
    }
}

TEST_CASE("compare: the employee side of each scenario is shown next to the customer KPIs",
          "[cli]") {
    const CliOutcome o = run_cli({"compare", example("mandate-whatifs.json"), "-r", "3"});
    INFO(o.err);
    REQUIRE(o.code == 0);
    const auto kpis = o.out.find("first-time fix (FTF)");
    const auto employee = o.out.find("Employee experience");
    const auto volume = o.out.find("Offered contacts by channel");
    REQUIRE(kpis != std::string::npos);
    REQUIRE(employee != std::string::npos);
    CHECK(kpis < employee);
    CHECK(employee < volume);
    for (const char* row :
         {"team frontline · occupancy", "team frontline · handle time per item (min)",
          "team frontline · hand-offs per case", "team frontline · failure demand",
          "dispute_call · handle time per case (min)", "dispute_call · rework"}) {
        INFO(row);
        CHECK(o.out.find(row) != std::string::npos);
    }
    // The supervisors lose their approvals: the scenario's hand-offs are zero.
    const auto line_start = o.out.find("team frontline · hand-offs per case");
    const std::string line = o.out.substr(line_start, o.out.find('\n', line_start) - line_start);
    CHECK(line.find("0.000 ± 0.000") != std::string::npos);
    CHECK(line.find(" *") != std::string::npos);
}
