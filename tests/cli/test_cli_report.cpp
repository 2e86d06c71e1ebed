// End-to-end tests of `journeysim report`, of `--report` on run and compare, and of
// `journeysim draw --flow`: the real executable is run and its exit code, messages and files are
// checked. A report appears whole or not at all, and an existing one is replaced only by a
// complete new one.

#include "cli_run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using journeysim::testing::cli_scratch;
using journeysim::testing::read_text;
using journeysim::testing::run_cli;
using journeysim::testing::write_text;
using Outcome = journeysim::testing::CliOutcome;

namespace {

const fs::path kSource = JOURNEYSIM_SOURCE_DIR;
const fs::path kModel = kSource / "tests" / "data" / "hostile_names.json";
const fs::path kBadModel = kSource / "tests" / "data" / "bad" / "fix_rate_out_of_range.json";
constexpr const char* kPrevious = "<p>the previous report</p>\n";

/// The names of the files in `dir`.
std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
}

/// A scenario file beside the reports, on the hostile model.
fs::path write_scenarios(const fs::path& dir) {
    const fs::path path = dir / "whatifs.json";
    const nlohmann::json scenarios = {
        {"journeysim_scenarios", 1},
        {"name", "Report what-ifs"},
        {"base", kModel.string()},
        {"scenarios",
         {{"more agents",
           {{"changes",
             {{{"op", "replace"}, {"path", "/teams/agents<b>/agents"}, {"value", 6}}}}}}}}};
    write_text(path, scenarios.dump(2));
    return path;
}

bool is_complete_report(const std::string& html) {
    return html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n") &&
           html.find("<script id=\"lib-vega-embed\">") != std::string::npos;
}

}  // namespace

TEST_CASE("report writes a self-contained HTML report of a model", "[cli][report]") {
    const fs::path dir = cli_scratch("cli-report", "model");
    const fs::path report = dir / "report.html";
    const Outcome o = run_cli({"report", kModel.string(), "-o", report.string(), "-r", "2"}, dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    CHECK(o.out.empty());
    CHECK(o.err.find("wrote " + report.string()) != std::string::npos);
    const std::string html = read_text(report);
    CHECK(is_complete_report(html));
    CHECK(html.find("<section id=\"load\">") != std::string::npos);
    CHECK(html.find("2 replications") != std::string::npos);
    CHECK(files_in(dir) == std::vector<std::string>{"report.html"});
}

TEST_CASE("report of a scenario file compares its scenarios", "[cli][report]") {
    const fs::path dir = cli_scratch("cli-report", "scenarios");
    const fs::path scenarios = write_scenarios(dir);
    const fs::path report = dir / "compare.html";
    const Outcome o =
        run_cli({"report", scenarios.string(), "-o", report.string(), "-r", "2"}, dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    const std::string html = read_text(report);
    CHECK(is_complete_report(html));
    CHECK(html.find("<section id=\"volume\">") != std::string::npos);
    CHECK(html.find("more agents") != std::string::npos);
}

TEST_CASE("run, demo and compare write the report with --report", "[cli][report]") {
    const fs::path dir = cli_scratch("cli-report", "option");
    SECTION("run") {
        const Outcome o =
            run_cli({"run", kModel.string(), "-r", "2", "--format", "json", "-o",
                     (dir / "result.json").string(), "--report", (dir / "run.html").string()},
                    dir);
        INFO(o.err);
        REQUIRE(o.code == 0);
        CHECK(is_complete_report(read_text(dir / "run.html")));
        CHECK(nlohmann::json::parse(read_text(dir / "result.json"))["journeysim_result"] == 1);
    }
    SECTION("compare") {
        const fs::path scenarios = write_scenarios(dir);
        const Outcome o = run_cli(
            {"compare", scenarios.string(), "-r", "2", "--report", (dir / "compare.html").string()},
            dir);
        INFO(o.err);
        REQUIRE(o.code == 0);
        CHECK(o.out.find("Scenario \"more agents\"") != std::string::npos);  // the table as before
        CHECK(is_complete_report(read_text(dir / "compare.html")));
    }
}

TEST_CASE("a report that cannot be written leaves nothing behind", "[cli][report]") {
    const fs::path dir = cli_scratch("cli-report", "unwritable");
    SECTION("missing folder: refused before simulating") {
        const fs::path report = dir / "no-such-folder" / "report.html";
        const Outcome o = run_cli({"report", kModel.string(), "-o", report.string()}, dir);
        CHECK(o.code == 1);
        CHECK(o.err.find("cannot write " + report.string()) != std::string::npos);
        CHECK(o.err.find("does not exist") != std::string::npos);
        CHECK_FALSE(fs::exists(report));
    }
    SECTION("a folder in the way") {
        const fs::path report = dir / "report.html";
        fs::create_directory(report);
        const Outcome o =
            run_cli({"report", kModel.string(), "-o", report.string(), "-r", "1"}, dir);
        CHECK(o.code == 1);
        CHECK(o.err.find(report.string()) != std::string::npos);
        CHECK(fs::is_directory(report));
        CHECK(fs::is_empty(report));
    }
    SECTION("--report of run") {
        const fs::path report = dir / "missing" / "run.html";
        const Outcome o = run_cli({"run", kModel.string(), "--report", report.string()}, dir);
        CHECK(o.code == 1);
        CHECK(o.out.empty());  // nothing simulated, nothing printed
        CHECK_FALSE(fs::exists(report));
    }
    // No temporary file is left over.
    CHECK(files_in(dir).size() <= 1);
}

TEST_CASE("an existing report is untouched when the run fails", "[cli][report]") {
    const fs::path dir = cli_scratch("cli-report", "failed-run");
    const fs::path report = dir / "report.html";
    write_text(report, kPrevious);
    SECTION("report of a broken model") {
        const Outcome o = run_cli({"report", kBadModel.string(), "-o", report.string()}, dir);
        CHECK(o.code == 1);
        CHECK(o.err.find("/channels/phone/fix_rate") != std::string::npos);
    }
    SECTION("run --report of a broken model") {
        const Outcome o = run_cli({"run", kBadModel.string(), "--report", report.string()}, dir);
        CHECK(o.code == 1);
    }
    SECTION("compare --report of a missing scenario file") {
        const Outcome o =
            run_cli({"compare", (dir / "missing.json").string(), "--report", report.string()}, dir);
        CHECK(o.code == 1);
    }
    SECTION("a usage error") {
        const Outcome o =
            run_cli({"report", kModel.string(), "-o", report.string(), "-r", "0"}, dir);
        CHECK(o.code == 1);
    }
    CHECK(read_text(report) == kPrevious);
    CHECK(files_in(dir) == std::vector<std::string>{"report.html"});
}

TEST_CASE("an existing report is replaced by a complete one", "[cli][report]") {
    const fs::path dir = cli_scratch("cli-report", "replace");
    const fs::path report = dir / "report.html";
    write_text(report, kPrevious);
    const Outcome o = run_cli({"report", kModel.string(), "-o", report.string(), "-r", "1"}, dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    CHECK(is_complete_report(read_text(report)));
    CHECK(files_in(dir) == std::vector<std::string>{"report.html"});
}

TEST_CASE("draw --flow draws a run's flow over the journeys", "[cli][report][draw]") {
    const fs::path dir = cli_scratch("cli-report", "flow");
    const fs::path result = dir / "result.json";
    REQUIRE(
        run_cli({"run", kModel.string(), "-r", "2", "--format", "json", "-o", result.string()}, dir)
            .code == 0);
    SECTION("the result of the model") {
        const fs::path svg = dir / "flow.svg";
        const Outcome o =
            run_cli({"draw", kModel.string(), "--flow", result.string(), "-o", svg.string()}, dir);
        INFO(o.err);
        REQUIRE(o.code == 0);
        const std::string text = read_text(svg);
        CHECK(text.find("/ day") != std::string::npos);
        CHECK(text.find("simulated flow") != std::string::npos);
        const std::string plain = dir / "plain.svg";
        REQUIRE(run_cli({"draw", kModel.string(), "-o", plain}, dir).code == 0);
        CHECK(read_text(plain).find("simulated flow") == std::string::npos);
    }
    SECTION("the result of another model") {
        auto doc = nlohmann::json::parse(read_text(result));
        doc["model"] = "Another model";
        const fs::path other = dir / "other.json";
        write_text(other, doc.dump());
        const fs::path svg = dir / "flow.svg";
        const Outcome o =
            run_cli({"draw", kModel.string(), "--flow", other.string(), "-o", svg.string()}, dir);
        CHECK(o.code == 1);
        CHECK(o.err.find(other.string()) != std::string::npos);
        CHECK(o.err.find("/model") != std::string::npos);
        CHECK(o.err.find("Another model") != std::string::npos);
        CHECK_FALSE(fs::exists(svg));
    }
    SECTION("a missing result file") {
        const Outcome o =
            run_cli({"draw", kModel.string(), "--flow", (dir / "missing.json").string(), "-o",
                     (dir / "flow.svg").string()},
                    dir);
        CHECK(o.code == 1);
        CHECK(o.err.find("missing.json") != std::string::npos);
        CHECK(o.err.find("cannot read the result file") != std::string::npos);
    }
}
