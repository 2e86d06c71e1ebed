// End-to-end tests of `journeysim compare` and `journeysim demo`.
#include "cli_run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using journeysim::testing::cli_scratch;
using journeysim::testing::read_text;
using journeysim::testing::run_cli_line;
using Json = nlohmann::ordered_json;

namespace {

const fs::path kExamples = fs::path(JOURNEYSIM_SOURCE_DIR) / "examples";
const std::string kWhatIfs = "'" + (kExamples / "telecom-whatifs.json").string() + "'";

/// Writes a scenario file beside a copy of the telecom example.
fs::path scenario_file(const fs::path& dir, const Json& scenarios) {
    fs::copy_file(kExamples / "telecom.json", dir / "telecom.json",
                  fs::copy_options::overwrite_existing);
    const fs::path path = dir / "whatifs.json";
    std::ofstream(path) << Json{
        {"journeysim_scenarios", 1},
        {"base", "telecom.json"},
        {"scenarios",
         scenarios}}.dump(2);
    return path;
}

}  // namespace

TEST_CASE("compare: JSON output has the base, every scenario and paired deltas", "[cli]") {
    const auto dir = cli_scratch("cli-compare", "json");
    const auto o = run_cli_line("compare " + kWhatIfs + " -r 3 -f json", dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    const Json j = Json::parse(o.out);
    CHECK(j.at("journeysim_comparison") == 1);
    CHECK(j.at("replications") == 3);
    CHECK(j.at("base").at("journeysim_result") == 1);
    const auto& scenarios = j.at("scenarios");
    REQUIRE(scenarios.size() == 5);
    CHECK(scenarios.begin().key() == "add_whatsapp");
    const auto& delta = scenarios.at("add_whatsapp").at("delta");
    const auto& nps = delta.at("kpis").at("nps");
    CHECK(nps.at("ci95").size() == 2);
    CHECK(nps.at("significant").is_boolean());
    // The paired difference is the scenario's mean minus the base's.
    const double base = j.at("base").at("kpis").at("nps").at("mean");
    const double scen = scenarios.at("add_whatsapp").at("result").at("kpis").at("nps").at("mean");
    CHECK(nps.at("mean").get<double>() == Approx(scen - base).margin(1e-9));
    CHECK(scenarios.at("drop_email").at("removed_channels") == Json::array({"email"}));
    CHECK_FALSE(scenarios.at("drop_email").at("result").at("channels").contains("email"));
}

TEST_CASE("compare: --scenario keeps the named scenarios, paired as in the full comparison",
          "[cli]") {
    const auto dir = cli_scratch("cli-compare", "only");
    const auto all = run_cli_line("compare " + kWhatIfs + " -r 3 -f json", dir);
    const auto two = run_cli_line(
        "compare " + kWhatIfs + " -r 3 -f json --scenario combined --scenario drop_email", dir);
    INFO(two.err);
    REQUIRE(all.code == 0);
    REQUIRE(two.code == 0);
    const Json full = Json::parse(all.out);
    const Json only = Json::parse(two.out);
    // In the file's order, whatever the order on the command line.
    REQUIRE(only.at("scenarios").size() == 2);
    CHECK(only.at("scenarios").begin().key() == "drop_email");
    // Each variant replays the same customers, so leaving others out changes nothing.
    CHECK(only.at("base") == full.at("base"));
    CHECK(only.at("scenarios").at("combined") == full.at("scenarios").at("combined"));
    CHECK(only.at("scenarios").at("drop_email") == full.at("scenarios").at("drop_email"));

    const auto bad = run_cli_line("compare " + kWhatIfs + " --scenario add_whatsap", dir);
    CHECK(bad.code == 1);
    CHECK(bad.first_error_line().find("error at /scenarios/add_whatsap: unknown scenario "
                                      "\"add_whatsap\"") != std::string::npos);
    CHECK(bad.err.find("\"add_whatsapp\"") != std::string::npos);
    CHECK(bad.out.empty());
}

TEST_CASE("compare: the same seed gives byte-identical JSON for any thread count", "[cli]") {
    const auto dir = cli_scratch("cli-compare", "threads");
    const auto one = run_cli_line("compare " + kWhatIfs + " -r 4 -t 1 -f json", dir);
    const auto two = run_cli_line("compare " + kWhatIfs + " -r 4 -t 2 -f json", dir);
    REQUIRE(one.code == 0);
    REQUIRE(two.code == 0);
    CHECK(one.out == two.out);
}

TEST_CASE("compare: the table shows differences, volumes and segments", "[cli]") {
    const auto dir = cli_scratch("cli-compare", "table");
    const auto o = run_cli_line("compare " + kWhatIfs + " -r 3", dir);
    REQUIRE(o.code == 0);
    CHECK(o.out.find("Scenario \"drop_email\"") != std::string::npos);
    CHECK(o.out.find("email (removed)") != std::string::npos);
    CHECK(o.out.find("whatsapp (new)") != std::string::npos);
    CHECK(o.out.find("email's ") != std::string::npos);
    CHECK(o.out.find("ΔNPS") != std::string::npos);
}

TEST_CASE("compare: where a dropped channel's contacts went adds up to 100 %, or says why not",
          "[cli]") {
    const auto dir = cli_scratch("cli-compare", "went-to");
    const auto o = run_cli_line("compare " + kWhatIfs + " --scenario drop_email -r 3", dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    const auto at = o.out.find("email's ");
    REQUIRE(at != std::string::npos);
    const std::string line = o.out.substr(at, o.out.find('\n', at) - at);
    INFO(line);
    REQUIRE(line.find("contacts went to: ") != std::string::npos);
    // Each channel's share, then what is left over ("were made on no other channel") or what
    // the shares exceed ("more than it carried"), in percent of the dropped channel's volume.
    // The parts are separated by "; "; every "(NN%)" in a part is one percentage.
    auto percents = [](const std::string& part) {
        int sum = 0;
        for (auto open = part.find('('); open != std::string::npos;
             open = part.find('(', open + 1)) {
            const auto end = part.find("%)", open);
            const std::string digits = part.substr(open + 1, end - open - 1);
            if (end != std::string::npos && !digits.empty() &&
                digits.find_first_not_of("0123456789") == std::string::npos)
                sum += std::stoi(digits);
        }
        return sum;
    };
    std::vector<std::string> parts;
    for (std::size_t from = 0;;) {
        const auto sep = line.find("; ", from);
        parts.push_back(line.substr(from, sep - from));
        if (sep == std::string::npos) break;
        from = sep + 2;
    }
    const int shares = percents(parts[0]);
    int balance = shares;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        if (parts[i].find("were made on no other channel") != std::string::npos)
            balance += percents(parts[i]);
        if (parts[i].find("more than it carried") != std::string::npos)
            balance -= percents(parts[i].substr(0, parts[i].find("more than it carried")));
    }
    CHECK(shares > 0);
    CHECK(std::abs(balance - 100) <= 2);  // each percentage is rounded
    // An excess names what it comes from, with the measured figure.
    if (line.find("more than it carried") != std::string::npos)
        CHECK(line.find("rose by ") != std::string::npos);
}

TEST_CASE("compare: --explain prints each scenario as plain JSON Patch", "[cli]") {
    const auto dir = cli_scratch("cli-compare", "explain");
    const auto o = run_cli_line("compare " + kWhatIfs + " --explain", dir);
    REQUIRE(o.code == 0);
    CHECK(o.out.find("# scenario \"drop_email\"") != std::string::npos);
    CHECK(o.out.find("\"op\": \"remove\"") != std::string::npos);
    CHECK(o.out.find("remove_channel") == std::string::npos);
}

TEST_CASE("compare: --target-ci stops at the cap and says so", "[cli]") {
    const auto dir = cli_scratch("cli-compare", "target");
    const auto o = run_cli_line(
        "compare " + kWhatIfs + " -r 3 --target-ci 0.001 --max-replications 4 -f json", dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    CHECK(o.err.find("was not reached within 4 replications") != std::string::npos);
    const Json j = Json::parse(o.out);
    CHECK(j.at("target_reached") == false);
    CHECK(j.at("replications") == 4);
}

TEST_CASE("compare: --target-ci adds replications until the NPS differences are precise", "[cli]") {
    const auto dir = cli_scratch("cli-compare", "reach");
    const auto o = run_cli_line("compare " + kWhatIfs + " -r 3 --target-ci 1.5 -f json", dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    const Json j = Json::parse(o.out);
    CHECK(j.at("target_reached") == true);
    for (const auto& s : j.at("scenarios")) {
        const auto& ci = s.at("delta").at("kpis").at("nps").at("ci95");
        CHECK((ci[1].get<double>() - ci[0].get<double>()) / 2 <= 1.5);
    }
}

TEST_CASE("compare: errors exit 1 with the scenario, change and pointer; usage errors 2", "[cli]") {
    const auto dir = cli_scratch("cli-compare", "errors");
    const auto bad =
        scenario_file(dir, {{"oops",
                             {{"changes", Json::array({{{"op", "replace"},
                                                        {"path", "/channels/fax/fix_rate"},
                                                        {"value", 0.5}}})}}}});
    const auto o =
        run_cli_line("compare '" + bad.string() + "' -o '" + (dir / "out.txt").string() + "'", dir);
    CHECK(o.code == 1);
    CHECK(o.err.find("error at /scenarios/oops/changes/0/path: scenario \"oops\", change 0") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out.txt"));
    CHECK(run_cli_line("compare", dir).code == 1);
    CHECK(run_cli_line("compare " + kWhatIfs + " --format xml", dir).code == 1);
    CHECK(run_cli_line("compare " + kWhatIfs + " --replications 0", dir).code == 1);
    // A model file is not a scenario file.
    const auto m = run_cli_line("compare '" + (kExamples / "telecom.json").string() + "'", dir);
    CHECK(m.code == 1);
    CHECK(m.err.find("this is a model file, not a scenario file") != std::string::npos);
}

TEST_CASE("demo: runs the flagship what-if from any directory", "[cli]") {
    const auto dir = cli_scratch("cli-compare", "demo");
    const auto o = run_cli_line("demo -r 2", dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    CHECK(o.out.find("Scenario \"add_whatsapp\"") != std::string::npos);
    CHECK(o.out.find("Scenario \"combined\"") != std::string::npos);
}

TEST_CASE("compare: --write-model writes one scenario's patched model, which runs as it is",
          "[cli]") {
    const auto dir = cli_scratch("cli-compare", "write-model");
    const fs::path out = dir / "no-email.json";
    const auto o = run_cli_line(
        "compare " + kWhatIfs + " --scenario drop_email --write-model '" + out.string() + "'", dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    CHECK(o.out.empty());  // nothing simulated
    const Json model = Json::parse(read_text(out));
    CHECK(model["journeysim"] == 1);
    CHECK(model["channels"].contains("phone"));
    CHECK_FALSE(model["channels"].contains("email"));  // the scenario's change applied
    CHECK(model["currency"] == "GBP");
    const auto run = run_cli_line("run '" + out.string() + "' -r 2 -f json", dir);
    INFO(run.err);
    REQUIRE(run.code == 0);
    CHECK(Json::parse(run.out)["channels"].contains("chat"));

    // One scenario, named: otherwise an error before anything is read or written.
    const fs::path none = dir / "none.json";
    const auto all =
        run_cli_line("compare " + kWhatIfs + " --write-model '" + none.string() + "'", dir);
    CHECK(all.code == 1);
    CHECK_THAT(all.err, Catch::Matchers::Contains("name the scenario with --scenario NAME"));
    CHECK_FALSE(fs::exists(none));
    const auto two = run_cli_line("compare " + kWhatIfs +
                                      " --scenario drop_email --scenario add_whatsapp "
                                      "--write-model '" +
                                      none.string() + "'",
                                  dir);
    CHECK(two.code == 1);
    CHECK_THAT(two.err, Catch::Matchers::Contains("2 --scenario options are named"));
    const auto wrong =
        run_cli_line("compare " + kWhatIfs + " --scenario drop_email --write-model '" +
                         (dir / "model.csv").string() + "'",
                     dir);
    CHECK(wrong.code == 1);
}
