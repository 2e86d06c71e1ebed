// End-to-end tests of `journeysim run` and `journeysim demo`: the real executable is run and its
// exit code, stdout, stderr and output files are checked.
#include "cli_run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using journeysim::testing::cli_scratch;
using journeysim::testing::read_text;
using journeysim::testing::run_cli_line;
using Outcome = journeysim::testing::CliOutcome;

namespace {

const fs::path kExamples = fs::path(JOURNEYSIM_SOURCE_DIR) / "examples";

std::string model(const char* name) {
    return "'" + (kExamples / name).string() + "'";
}

}  // namespace

TEST_CASE("run: JSON output follows the result contract", "[cli]") {
    const fs::path dir = cli_scratch("cli-run", "json");
    const Outcome o = run_cli_line("run " + model("telecom.json") + " -r 2 -s 9 -f json", dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    const auto json = nlohmann::json::parse(o.out);
    CHECK(json["journeysim_result"] == 1);
    CHECK(json["seed"] == 9);
    CHECK(json["replications"] == 2);
    CHECK(json["kpis"]["nps"]["ci95"].size() == 2);
    CHECK(json["channels"]["phone"]["service_level"]["mean"].is_number());
    CHECK(json["teams"]["frontline"]["occupancy"]["mean"].is_number());
    // Not a terminal: no progress output.
    CHECK(o.err.find("simulating") == std::string::npos);
}

TEST_CASE("run: the same seed gives byte-identical JSON for any thread count", "[cli]") {
    const fs::path dir = cli_scratch("cli-run", "threads");
    const std::string base = "run " + model("energy.json") + " -r 3 -f json -o ";
    REQUIRE(run_cli_line(base + "'" + (dir / "one.json").string() + "' -t 1", dir).code == 0);
    REQUIRE(run_cli_line(base + "'" + (dir / "two.json").string() + "' -t 2", dir).code == 0);
    REQUIRE(run_cli_line(base + "'" + (dir / "any.json").string() + "' -t 0", dir).code == 0);
    const std::string one = read_text(dir / "one.json");
    CHECK(!one.empty());
    CHECK(one == read_text(dir / "two.json"));
    CHECK(one == read_text(dir / "any.json"));
}

TEST_CASE("run: table and CSV output", "[cli]") {
    const fs::path dir = cli_scratch("cli-run", "formats");
    const Outcome table = run_cli_line("run " + model("webshop.json") + " -r 2", dir);
    REQUIRE(table.code == 0);
    for (const char* text : {"NPS", "first-time fix (FTF)", "Channel", "service level", "±"}) {
        INFO(text);
        CHECK(table.out.find(text) != std::string::npos);
    }
    const fs::path csv = dir / "result.csv";
    const Outcome written = run_cli_line(
        "run " + model("webshop.json") + " -r 2 --format csv -o '" + csv.string() + "'", dir);
    REQUIRE(written.code == 0);
    CHECK(written.out.empty());
    CHECK(written.err.find("wrote") != std::string::npos);
    const std::string text = read_text(csv);
    CHECK(text.rfind("path,mean,ci_low,ci_high,unit\n/kpis/nps,", 0) == 0);
}

TEST_CASE("run: interval and trace files", "[cli]") {
    const fs::path dir = cli_scratch("cli-run", "files");
    const fs::path intervals = dir / "intervals.csv";
    const fs::path trace = dir / "trace.csv";
    const Outcome o = run_cli_line("run " + model("telecom.json") + " -r 2 --intervals '" +
                                       intervals.string() + "' --trace '" + trace.string() + "'",
                                   dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    std::istringstream rows(read_text(intervals));
    std::string line;
    std::getline(rows, line);
    CHECK(line ==
          "date,interval_start,channel,offered,handled,abandoned,aht_s,asa_s,service_level");
    std::getline(rows, line);
    CHECK(line.rfind("2024-01-03,00:00,phone,", 0) == 0);  // 2 warm-up days
    std::size_t count = 1;
    while (std::getline(rows, line))
        ++count;
    CHECK(count == 12 * 96 * 4);  // 12 measured days, 96 intervals, 4 assisted channels

    std::istringstream contacts(read_text(trace));
    std::getline(contacts, line);
    CHECK(line ==
          "customer,journey,segment,touchpoint,channel,arrival_min,answer_min,end_min,arrival,"
          "answer,end,outcome");
    std::size_t traced = 0;
    while (std::getline(contacts, line))
        ++traced;
    CHECK(traced > 1000);
    // No temporary files are left behind.
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        CHECK(entry.path().extension() != ".tmp");
        ++files;
    }
    CHECK(files == 2);  // intervals, trace
}

TEST_CASE("run: input and usage errors give exit code 1", "[cli]") {
    const fs::path dir = cli_scratch("cli-run", "errors");
    SECTION("a missing model file") {
        const Outcome o = run_cli_line("run '" + (dir / "nope.json").string() + "'", dir);
        CHECK(o.code == 1);
        CHECK(o.err.find("nope.json") != std::string::npos);
    }
    SECTION("an unknown format") {
        const Outcome o = run_cli_line("run " + model("telecom.json") + " --format xml", dir);
        CHECK(o.code == 1);
        CHECK(o.err.find("--format") != std::string::npos);
    }
    SECTION("zero replications") {
        CHECK(run_cli_line("run " + model("telecom.json") + " -r 0", dir).code == 1);
    }
    SECTION("no model") {
        CHECK(run_cli_line("run", dir).code == 1);
    }
    SECTION("an output file in a directory that does not exist") {
        const fs::path out = dir / "missing" / "result.json";
        const Outcome o =
            run_cli_line("run " + model("webshop.json") + " -r 1 -o '" + out.string() + "'", dir);
        CHECK(o.code == 1);
        CHECK(o.err.find("cannot write") != std::string::npos);
        CHECK(!fs::exists(out));
    }
    SECTION("an invalid model writes nothing") {
        const fs::path bad = dir / "bad.json";
        std::ofstream(bad) << R"({"journeysim": 1, "name": "broken"})";
        const fs::path out = dir / "result.json";
        const Outcome o = run_cli_line("run '" + bad.string() + "' -o '" + out.string() + "'", dir);
        CHECK(o.code == 1);
        CHECK(o.err.find("bad.json") != std::string::npos);
        CHECK(!fs::exists(out));
    }
}

TEST_CASE("run: a run stopped by a safety limit prints what, where and when, then the hint",
          "[cli]") {
    const fs::path dir = cli_scratch("cli-run", "limit");
    const Outcome o = run_cli_line(
        "run " + model("telecom.json") + " -r 2 --threads 1 --seed 3 --max-in-system 5", dir);
    INFO(o.err);
    CHECK(o.code == 1);
    CHECK(o.out.empty());
    // One line for what went wrong, one per field, the hint last.
    const std::vector<std::string> lines = {
        "journeysim: simulation failed: more than 5 customers are in the system at once, ",
        "\n  model:          \"",
        "\n  replication:    1\n",
        "\n  seed:           3\n",
        "\n  simulated time: ",
        "\n  where:          touchpoint \"",
        "\n  hint: the demand is far beyond what the teams can serve",
    };
    std::size_t at = 0;
    for (const auto& line : lines) {
        INFO(line);
        const std::size_t found = o.err.find(line, at);
        REQUIRE(found != std::string::npos);
        at = found;
    }
    CHECK(o.err.find("customer:") == std::string::npos);  // no one customer is at fault
    CHECK(o.err.find("internal error") == std::string::npos);
}

TEST_CASE("demo: runs the built-in example from any directory", "[cli]") {
    const Outcome o = run_cli_line("demo -r 2", fs::temp_directory_path());
    INFO(o.err);
    REQUIRE(o.code == 0);
    CHECK(o.out.find("Broadband operator") != std::string::npos);
    CHECK(o.out.find("NPS") != std::string::npos);
    CHECK(o.out.find("phone") != std::string::npos);
}

TEST_CASE("run: customers still in a journey when the run-out ends are warned about", "[cli]") {
    // A 30-day wait in a 7-day horizon: with a run-out of 2 days every customer is still
    // waiting at its end; with 60 days every journey ends.
    const fs::path dir = cli_scratch("cli-run", "run-out");
    auto model_with = [&](const std::string& run_out_days) {
        const fs::path file = dir / ("slow-" + run_out_days + ".json");
        journeysim::testing::write_text(file, R"({
  "journeysim": 1, "name": "slow",
  "horizon": {"days": 7, "run_out_days": )" + run_out_days +
                                                  R"(},
  "channels": {"web": {"mode": "self_service", "success_rate": 1}},
  "segments": {"everyone": {"share": 1, "baseline_ltr": {"dist": "constant", "value": 7}}},
  "journeys": {
    "claim": {"arrivals": {"per_day": 20}, "start": "wait",
              "touchpoints": {
                "wait": {"kind": "step", "duration": {"dist": "constant", "value_d": 30},
                         "next": "done"},
                "done": {"kind": "end", "outcome": "resolved"}}}}
})");
        return "'" + file.string() + "'";
    };
    const Outcome cut = run_cli_line("run " + model_with("2") + " -r 2 -f json", dir);
    INFO(cut.err);
    REQUIRE(cut.code == 0);
    CHECK_THAT(cut.err, Catch::Matchers::Contains("were still in a journey when the run-out "
                                                  "ended, 2 days after the horizon"));
    CHECK_THAT(cut.err, Catch::Matchers::Contains("horizon.run_out_days"));
    // Printed as `validate` prints a warning: the file, the pointer, the message, the hint.
    CHECK_THAT(cut.err,
               Catch::Matchers::Contains("slow-2.json: warning at /horizon/run_out_days: "));
    CHECK_THAT(cut.err, Catch::Matchers::Contains("\n  hint: "));
    const auto json = nlohmann::json::parse(cut.out);
    CHECK(json["flow"]["open_at_run_out_end"]["mean"].get<double>() > 100);
    CHECK(json["kpis"]["customers"]["mean"].get<double>() == 0);

    const Outcome full = run_cli_line("run " + model_with("60") + " -r 2 -f json", dir);
    INFO(full.err);
    REQUIRE(full.code == 0);
    CHECK(full.err.find("when the run-out ended") == std::string::npos);
    const auto all = nlohmann::json::parse(full.out);
    CHECK(all["flow"]["open_at_run_out_end"]["mean"].get<double>() == 0);
    CHECK(all["kpis"]["customers"]["mean"].get<double>() ==
          all["flow"]["counted_arrivals"]["mean"].get<double>());
}

TEST_CASE("run: every cost carries the model's currency", "[cli]") {
    // telecom.json gives "currency": "GBP"; webshop.json "EUR".
    const fs::path dir = cli_scratch("cli-run", "currency");
    const Outcome table = run_cli_line("run " + model("telecom.json") + " -r 2", dir);
    INFO(table.err);
    REQUIRE(table.code == 0);
    for (const char* text :
         {"cost total (GBP)", "cost per resolved customer (GBP)", "cost (GBP)"}) {
        INFO(text);
        CHECK(table.out.find(text) != std::string::npos);
    }
    const Outcome json = run_cli_line("run " + model("telecom.json") + " -r 2 -f json", dir);
    REQUIRE(json.code == 0);
    CHECK(nlohmann::json::parse(json.out)["currency"] == "GBP");
    const Outcome csv = run_cli_line("run " + model("webshop.json") + " -r 2 -f csv", dir);
    REQUIRE(csv.code == 0);
    CHECK(csv.out.find("\n/kpis/cost_total,") != std::string::npos);
    const auto row = csv.out.substr(csv.out.find("\n/kpis/cost_total,") + 1);
    CHECK(row.substr(0, row.find('\n')).ends_with(",EUR"));
    const fs::path report = dir / "report.html";
    REQUIRE(run_cli_line("run " + model("webshop.json") + " -r 2 -o /dev/null --report '" +
                             report.string() + "'",
                         dir)
                .code == 0);
    const std::string html = read_text(report);
    CHECK(html.find("Cost per resolved customer (EUR)") != std::string::npos);
    CHECK(html.find("cost (EUR)") != std::string::npos);  // the cost charts' axes
}
