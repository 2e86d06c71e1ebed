// End-to-end tests of `journeysim staff`: the real executable is run and its exit code, stdout,
// stderr and output files are checked.
#include "cli_run.hpp"

#include <journeysim/compare.hpp>
#include <journeysim/simulate.hpp>
#include <journeysim/staffing.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using journeysim::testing::cli_scratch;
using journeysim::testing::read_text;
using journeysim::testing::run_cli;
using journeysim::testing::write_text;
using Run = journeysim::testing::CliOutcome;
using Catch::Matchers::Contains;
using journeysim::CompareOptions;
using journeysim::SimulationOptions;
using journeysim::StaffingOptions;

namespace {

const fs::path kSource = JOURNEYSIM_SOURCE_DIR;
const std::string kTelecom = (kSource / "examples" / "telecom.json").string();

/// E-mail around the clock, a team working Monday to Friday 09:00-17:00, no target in the model.
constexpr const char* kOfficeHoursModel = R"({
  "journeysim": 1, "name": "office hours",
  "horizon": {"days": 8, "warmup_days": 1},
  "channels": {
    "email": {"mode": "async", "team": "office",
              "handle_time": {"dist": "exponential", "mean_min": 6}}
  },
  "teams": {
    "office": {"schedule": [{"hours": "mon-fri 09:00-17:00", "agents": 5}], "skills": ["email"],
               "cost_per_hour": 30}
  },
  "segments": {"everyone": {"share": 1, "baseline_ltr": {"dist": "constant", "value": 7}}},
  "journeys": {
    "mail": {"arrivals": {"per_day": 480}, "start": "mail",
             "touchpoints": {
               "mail": {"kind": "contact", "channels": ["email"], "on_fixed": "done"},
               "done": {"kind": "end", "outcome": "resolved"}}}
  }
})";

}  // namespace

TEST_CASE("staff: a malformed target is a usage error", "[cli]") {
    for (const std::string target : {"phone0.8/20", "phone:80/20", "phone:0.8/20days"}) {
        DYNAMIC_SECTION(target) {
            const Run r = run_cli({"staff", kTelecom, "--target", target});
            CHECK(r.code == 1);
            CHECK_THAT(r.err, Contains("--target") && Contains("target \"" + target + "\"") &&
                                  Contains("CHANNEL:SHARE/TIME"));
            CHECK(r.out.empty());
        }
    }
}

TEST_CASE("staff: an unknown channel names it and suggests the closest", "[cli]") {
    const Run r = run_cli({"staff", kTelecom, "--target", "phnoe:0.8/20"});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Contains("unknown channel \"phnoe\"") && Contains("did you mean \"phone\"?"));
    CHECK(r.out.empty());
}

TEST_CASE("staff: a target on a self-service channel is refused", "[cli]") {
    const Run r = run_cli({"staff", kTelecom, "--target", "status_page:0.8/60"});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Contains("/channels/status_page") && Contains("is self-service"));
}

TEST_CASE("staff: a planning interval that does not fit the model", "[cli]") {
    const Run r = run_cli({"staff", kTelecom, "--interval", "20"});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Contains("/horizon/interval_min") &&
                          Contains("must be a multiple of the model's statistics interval"));
}

TEST_CASE("staff: the telecom example as JSON, with the planned model", "[cli]") {
    const fs::path dir = cli_scratch("cli-staff", "telecom");
    const fs::path plan = dir / "plan.json";
    const fs::path model = dir / "planned.json";
    const Run r = run_cli({"staff", kTelecom, "--target", "phone:0.8/20", "--target",
                           "email:0.9/24h", "-r", "4", "--interval", "60", "--max-rounds", "2",
                           "-f", "json", "-o", plan.string(), "--write-model", model.string()});
    INFO(r.err);
    // Saturday-evening e-mail cannot be answered in time (below): the documented exit code 3.
    REQUIRE(r.code == 3);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains("wrote " + plan.string()) && Contains("wrote " + model.string()));
    const auto json = nlohmann::json::parse(read_text(plan));
    CHECK(json["journeysim_staffing"] == 1);
    CHECK(json["interval_min"] == 60);
    CHECK(json["replications"] == 4);
    CHECK(json["rounds"].get<int>() <= 3);
    CHECK(json["teams"]["frontline"]["planned"] == true);
    CHECK(json["teams"]["backoffice"]["planned"] == true);
    CHECK(json["teams"]["frontline"]["agents"].size() == 168);
    CHECK(json["channels"]["phone"]["target_source"] == "option");
    CHECK(json["channels"]["chat"]["target_source"] == "model");
    CHECK(json["channels"]["email"]["target"]["respond_within_h"] == 24);
    // The back office does not work on Sundays: Saturday-evening e-mail cannot be answered
    // within 24 hours.
    bool saturday_evening = false;
    for (const auto& s : json["infeasible"]) {
        if (s["channel"] == "email" && s["interval"] == "Sat 20:00") {
            saturday_evening = s["reason"] == "no_working_time";
        }
    }
    CHECK(saturday_evening);

    // The planned model is valid and has the planned schedule.
    const Run validate = run_cli({"validate", model.string()});
    CHECK(validate.code == 0);
    const auto written = nlohmann::json::parse(read_text(model));
    CHECK(written["teams"]["frontline"].contains("schedule"));
    CHECK(written["channels"]["phone"]["service_target"]["answer_within_s"] == 20);
}

TEST_CASE("staff: targets that cannot be met are listed and the command ends", "[cli]") {
    const fs::path dir = cli_scratch("cli-staff", "office-hours");
    const fs::path model = dir / "office.json";
    write_text(model, kOfficeHoursModel);
    const Run r = run_cli(
        {"staff", model.string(), "--target", "email:0.9/1h", "-r", "4", "--max-rounds", "3"});
    INFO(r.err);
    REQUIRE(r.code == 3);  // the plan is printed, and the exit code says the targets are not met
    CHECK_THAT(r.out, Contains("Targets not met") &&
                          Contains("no working time within the response window") &&
                          Contains("Mon 17:00–Tue 08:15"));
    CHECK_THAT(r.err, Contains("the targets are not met in"));

    SECTION("a cap on agents is reported as the reason") {
        const Run capped = run_cli({"staff", model.string(), "--target", "email:0.9/1h", "-r", "4",
                                    "--max-agents", "1", "--max-rounds", "2", "-f", "json"});
        REQUIRE(capped.code == 3);
        const auto json = nlohmann::json::parse(capped.out);
        CHECK(json["max_agents"] == 1);
        bool cap = false;
        for (const auto& s : json["infeasible"])
            cap = cap || s["reason"] == "cap";
        CHECK(cap);
        for (int a : json["teams"]["office"]["agents"])
            CHECK(a <= 1);
    }
}

TEST_CASE("the help shows the defaults of the options structs themselves", "[cli][staff]") {
    // Defaults are typed once, in StaffingOptions, SimulationOptions and CompareOptions; the
    // help prints them from there.
    const StaffingOptions staffing;
    const Run staff = run_cli({"staff", "--help"}, kSource);
    REQUIRE(staff.code == 0);
    CHECK_THAT(staff.out,
               Contains("--max-agents INT:NONNEGATIVE=" + std::to_string(staffing.max_agents)));
    CHECK_THAT(staff.out,
               Contains("--max-rounds INT:NONNEGATIVE=" + std::to_string(staffing.max_rounds)));
    CHECK_THAT(staff.out, Contains("-r,--replications INT:POSITIVE=" +
                                   std::to_string(SimulationOptions{}.replications)));
    CHECK_THAT(staff.out, Contains("UINT64=" + std::to_string(SimulationOptions{}.seed)));
    CHECK_THAT(staff.out, !Contains("(default 1000)"));
    const Run compare = run_cli({"compare", "--help"}, kSource);
    REQUIRE(compare.code == 0);
    CHECK_THAT(compare.out, Contains("--max-replications INT:POSITIVE=" +
                                     std::to_string(CompareOptions{}.max_replications)));
}
