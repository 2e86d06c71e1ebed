// End-to-end tests of `journeysim validate` and `journeysim draw`: the real executable is run
// and its exit code, stdout, stderr and output files are checked.

#include "cli_run.hpp"

#include <journeysim/detail/markup.hpp>
#include <journeysim/load.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using journeysim::testing::cli_scratch;
using journeysim::testing::read_text;
using journeysim::testing::run_cli;
using journeysim::testing::write_text;
using Run = journeysim::testing::CliOutcome;

namespace {

const fs::path kSource = JOURNEYSIM_SOURCE_DIR;
const fs::path kBadDir = kSource / "tests" / "data" / "bad";

/// The example models (`"journeysim": 1`) in examples/.
std::vector<fs::path> example_models() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(kSource / "examples")) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        const auto doc = nlohmann::json::parse(in, nullptr, false);
        if (doc.is_object() && doc.contains("journeysim") && doc.at("journeysim") == 1)
            out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The broken models of tests/data/bad, each with its `.expected` first line of stderr.
std::vector<fs::path> bad_models() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(kBadDir)) {
        if (entry.path().extension() == ".json") out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The lines of `err` that report an error or a warning and are not followed by a hint line.
std::vector<std::string> without_hint(const std::string& err) {
    std::vector<std::string> lines;
    std::istringstream in(err);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const bool finding = lines[i].find(": error") != std::string::npos ||
                             lines[i].find(": warning") != std::string::npos;
        if (finding && (i + 1 == lines.size() || lines[i + 1].rfind("  hint: ", 0) != 0))
            out.push_back(lines[i]);
    }
    return out;
}

/// Whether `svg` holds `label` as SVG character data, its quotes written as they are or as
/// entities.
bool svg_contains(const std::string& svg, const std::string& label) {
    using journeysim::detail::escape_markup;
    return svg.find(escape_markup(label, {.quotes = false})) != std::string::npos ||
           svg.find(escape_markup(label)) != std::string::npos;
}

/// A model that fails to load, written to `dir`.
fs::path write_bad_model(const fs::path& dir) {
    const fs::path path = dir / "broken.json";
    fs::copy_file(kBadDir / "fix_rate_out_of_range.json", path);
    return path;
}

}  // namespace

// --- validate ----------------------------------------------------------------------------------

TEST_CASE("validate accepts every example and summarises every journey", "[cli]") {
    const auto examples = example_models();
    REQUIRE_FALSE(examples.empty());
    for (const auto& path : examples) {
        DYNAMIC_SECTION(path.filename().string()) {
            const std::string arg = "examples/" + path.filename().string();
            const Run r = run_cli({"validate", arg}, kSource);
            INFO(r.err);
            CHECK(r.code == 0);
            CHECK(r.err.find("error") == std::string::npos);
            REQUIRE(r.out.rfind(arg + ": valid", 0) == 0);
            const auto loaded = journeysim::load_model_file(path);
            const auto& journeys = loaded.model->journeys;
            for (const auto& journey : journeys) {
                INFO("journey " << journey.id);
                // long labels are cut to fit the table
                CHECK(r.out.find(journey.label.substr(0, 30)) != std::string::npos);
            }
        }
    }
}

TEST_CASE("validate --quiet prints nothing for a valid model", "[cli]") {
    const auto examples = example_models();
    REQUIRE_FALSE(examples.empty());
    const Run r = run_cli({"validate", "--quiet", examples.front().string()}, kSource);
    CHECK(r.code == 0);
    CHECK(r.out.empty());
}

TEST_CASE("validate reports each broken model with the expected first line", "[cli]") {
    const auto bad = bad_models();
    REQUIRE(bad.size() >= 5);
    for (const auto& path : bad) {
        DYNAMIC_SECTION(path.filename().string()) {
            const fs::path expected_file = fs::path(path).replace_extension(".expected");
            REQUIRE(fs::exists(expected_file));
            std::string expected = read_text(expected_file);
            expected = expected.substr(0, expected.find('\n'));
            REQUIRE_FALSE(expected.empty());
            // run beside the file so messages name it as the user typed it
            const Run r = run_cli({"validate", path.filename().string()}, kBadDir);
            INFO(r.err);
            CHECK(r.code == 1);
            CHECK(r.out.empty());
            CHECK(r.first_error_line() == expected);
            CHECK(r.err.find("1 error found\n") != std::string::npos);
        }
    }
}

TEST_CASE("every error and warning the command line prints is followed by its hint", "[cli]") {
    const fs::path dir = cli_scratch("cli-validate", "hints");
    const std::string model = (kSource / "examples" / "telecom.json").string();
    const std::string whatifs = (kSource / "examples" / "telecom-whatifs.json").string();
    std::vector<std::vector<std::string>> commands = {
        {"draw", model, "--journey", "nope", "-o", "x.svg"},
        {"draw", whatifs, "--scenario", "nope", "-o", "x.svg"},
        {"draw", model, "--flow", (dir / "missing.json").string(), "-o", "x.svg"},
        {"staff", model, "--target", "phnoe:0.8/20"},
        {"staff", model, "--interval", "20"},
        {"run", (dir / "missing.json").string()},
        {"validate", (kSource / "tests" / "data" / "hostile_names.json").string()},
    };
    for (const auto& path : bad_models())
        commands.push_back({"validate", path.string()});
    for (const auto& args : commands) {
        const Run r = run_cli(args, dir);
        INFO(args[0] << " " << args[1] << ":\n" << r.err);
        CHECK(without_hint(r.err).empty());
    }
}

TEST_CASE("validate checks several files, scenario files too, and reports every one", "[cli]") {
    const fs::path examples = kSource / "examples";
    SECTION("all valid") {
        const Run r = run_cli({"validate", "examples/telecom.json", "examples/telecom-whatifs.json",
                               "examples/webshop.json"},
                              kSource);
        INFO(r.err);
        CHECK(r.code == 0);
        CHECK(r.out.find("examples/telecom.json: valid\n") != std::string::npos);
        CHECK(r.out.find("examples/webshop.json: valid\n") != std::string::npos);
        // A scenario file: its base and every scenario, each applied and validated.
        CHECK(r.out.find("examples/telecom-whatifs.json: valid\n") != std::string::npos);
        CHECK(r.out.find("  scenarios 5\n") != std::string::npos);
        CHECK(r.out.find("    drop_email: ") != std::string::npos);
    }
    SECTION("one broken file among valid ones") {
        const Run r = run_cli({"validate", "examples/webshop.json",
                               "tests/data/bad/unknown_channel.json", "examples/energy.json"},
                              kSource);
        CHECK(r.code == 1);
        CHECK(r.out.find("examples/webshop.json: valid\n") != std::string::npos);
        CHECK(r.out.find("examples/energy.json: valid\n") != std::string::npos);
        CHECK(r.err.find("tests/data/bad/unknown_channel.json: error at ") != std::string::npos);
        CHECK(r.err.find("journeysim: 1 of 3 files are invalid\n") != std::string::npos);
    }
    SECTION("a scenario whose change breaks the model") {
        const fs::path dir = cli_scratch("cli-validate", "scenarios");
        write_text(
            dir / "whatifs.json",
            R"({"journeysim_scenarios": 1, "base": ")" + (examples / "webshop.json").string() +
                R"(", "scenarios": {"bad": {"changes": [{"op": "remove", "path": "/teams"}]}}})");
        const Run r = run_cli({"validate", "whatifs.json"}, dir);
        CHECK(r.code == 1);
        CHECK(r.out.empty());
        CHECK(r.first_error_line().find("whatifs.json (scenario \"bad\")") == 0);
    }
}

TEST_CASE("validate names a file that does not exist", "[cli]") {
    const Run r = run_cli({"validate", "no/such/model.json"}, kSource);
    CHECK(r.code == 1);
    CHECK(r.first_error_line() == "no/such/model.json: error at /: file not found");
}

TEST_CASE("usage errors exit with 1, like every input error", "[cli]") {
    const auto examples = example_models();
    REQUIRE_FALSE(examples.empty());
    const std::string model = examples.front().string();
    const std::vector<std::vector<std::string>> cases = {
        {"validate", "--bogus", model},  // unknown option
        {"validate"},                    // missing argument
        {"validate", model, "extra.json"},
        {"frobnicate", model},  // unknown subcommand
        {},                     // no subcommand
        {"draw", model},        // missing --output
        {"draw", model, "-o"},  // option without its value
    };
    for (const auto& args : cases) {
        std::string name;
        for (const auto& a : args)
            name += (name.empty() ? "" : " ") + a;
        DYNAMIC_SECTION("journeysim " << name) {
            const Run r = run_cli(args, kSource);
            CHECK(r.code == 1);
            CHECK_FALSE(r.err.empty());
        }
    }
}

// (A test name starting with "--" would be read by Catch as an option when ctest runs it.)
TEST_CASE("help and version flags exit with 0", "[cli]") {
    SECTION("--help") {
        const Run r = run_cli({"--help"}, kSource);
        CHECK(r.code == 0);
        CHECK(r.out.find("validate") != std::string::npos);
        CHECK(r.out.find("draw") != std::string::npos);
    }
    SECTION("validate --help") {
        const Run r = run_cli({"validate", "--help"}, kSource);
        CHECK(r.code == 0);
        CHECK(r.out.find("FILE") != std::string::npos);
    }
    SECTION("draw --help") {
        const Run r = run_cli({"draw", "--help"}, kSource);
        CHECK(r.code == 0);
        CHECK(r.out.find("--journey") != std::string::npos);
    }
    SECTION("--version") {
        const Run r = run_cli({"--version"}, kSource);
        CHECK(r.code == 0);
        CHECK(r.out.rfind("journeysim ", 0) == 0);
    }
}

// --- draw --------------------------------------------------------------------------------------

TEST_CASE("draw writes SVG, PNG and DOT files", "[cli]") {
    const auto examples = example_models();
    REQUIRE_FALSE(examples.empty());
    for (const auto& path : examples) {
        DYNAMIC_SECTION(path.filename().string()) {
            const fs::path dir = cli_scratch("cli-validate", "draw-" + path.stem().string());
            const auto loaded = journeysim::load_model_file(path);

            const Run svg = run_cli({"draw", path.string(), "-o", "diagram.svg"}, dir);
            INFO(svg.err);
            CHECK(svg.code == 0);
            REQUIRE(fs::exists(dir / "diagram.svg"));
            const std::string text = read_text(dir / "diagram.svg");
            CHECK(text.find("<svg") != std::string::npos);
            CHECK(text.find("</svg>") != std::string::npos);
            for (const auto& journey : loaded.model->journeys) {
                for (const auto& tp : journey.touchpoints) {
                    INFO("touchpoint " << journey.id << "/" << tp.id << " label " << tp.label);
                    CHECK(svg_contains(text, tp.label));
                }
            }

            const Run png = run_cli({"draw", path.string(), "--output", "diagram.png"}, dir);
            CHECK(png.code == 0);
            REQUIRE(fs::exists(dir / "diagram.png"));
            CHECK(read_text(dir / "diagram.png").rfind("\x89PNG\r\n\x1a\n", 0) == 0);

            const Run dot = run_cli({"draw", path.string(), "-o", "diagram.dot"}, dir);
            CHECK(dot.code == 0);
            REQUIRE(fs::exists(dir / "diagram.dot"));
            CHECK(read_text(dir / "diagram.dot").find("digraph") != std::string::npos);

            // nothing else is left behind (no temporary files)
            std::size_t files = 0;
            for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir))
                ++files;
            CHECK(files == 3);
        }
    }
}

TEST_CASE("draw --journey draws one journey", "[cli]") {
    const auto examples = example_models();
    REQUIRE_FALSE(examples.empty());
    const auto loaded = journeysim::load_model_file(examples.front());
    const auto& journeys = loaded.model->journeys;
    REQUIRE_FALSE(journeys.empty());
    const fs::path dir = cli_scratch("cli-validate", "draw-one");
    const Run r = run_cli(
        {"draw", examples.front().string(), "--journey", journeys.front().id, "-o", "one.svg"},
        dir);
    INFO(r.err);
    CHECK(r.code == 0);
    REQUIRE(fs::exists(dir / "one.svg"));
    const std::string svg = read_text(dir / "one.svg");
    for (const auto& tp : journeys.front().touchpoints)
        CHECK(svg_contains(svg, tp.label));
}

TEST_CASE("draw with an unknown extension is a usage error", "[cli]") {
    const auto examples = example_models();
    REQUIRE_FALSE(examples.empty());
    const fs::path dir = cli_scratch("cli-validate", "draw-extension");
    const Run r = run_cli({"draw", examples.front().string(), "-o", "diagram.txt"}, dir);
    CHECK(r.code == 1);
    CHECK(r.err.find("diagram.txt") != std::string::npos);
    CHECK(fs::is_empty(dir));
}

TEST_CASE("draw --journey with an unknown id names the pointer", "[cli]") {
    const auto examples = example_models();
    REQUIRE_FALSE(examples.empty());
    const fs::path dir = cli_scratch("cli-validate", "draw-nope");
    const Run r =
        run_cli({"draw", examples.front().string(), "--journey", "nope", "-o", "x.svg"}, dir);
    CHECK(r.code == 1);
    CHECK(r.first_error_line().find("error at /journeys/nope") != std::string::npos);
    CHECK(fs::is_empty(dir));
}

TEST_CASE("draw with a bad model creates no output file", "[cli]") {
    const fs::path dir = cli_scratch("cli-validate", "draw-bad");
    const fs::path model = write_bad_model(dir);
    const Run r = run_cli({"draw", "broken.json", "-o", "diagram.svg"}, dir);
    CHECK(r.code == 1);
    CHECK(r.first_error_line() ==
          "broken.json: error at /channels/phone/fix_rate: \"fix_rate\" must be between 0 and 1 "
          "(got 1.4)");
    CHECK_FALSE(fs::exists(dir / "diagram.svg"));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir))
        ++files;
    CHECK(files == 1);  // only the model itself
}

TEST_CASE("draw with a bad model leaves an existing output file untouched", "[cli]") {
    const fs::path dir = cli_scratch("cli-validate", "draw-keep");
    write_bad_model(dir);
    const std::string before = "<svg>an earlier diagram</svg>\n";
    write_text(dir / "diagram.svg", before);
    const Run r = run_cli({"draw", "broken.json", "-o", "diagram.svg"}, dir);
    CHECK(r.code == 1);
    CHECK(read_text(dir / "diagram.svg") == before);
}

TEST_CASE("draw into a missing directory fails with a clear message", "[cli]") {
    const auto examples = example_models();
    REQUIRE_FALSE(examples.empty());
    const fs::path dir = cli_scratch("cli-validate", "draw-missing-dir");
    const Run r =
        run_cli({"draw", examples.front().string(), "-o", "no-such-dir/diagram.svg"}, dir);
    CHECK(r.code == 1);
    CHECK(r.first_error_line() ==
          "journeysim: -o: cannot write no-such-dir/diagram.svg: the folder no-such-dir does not "
          "exist; hint: create the folder first or choose another path");
    CHECK_FALSE(fs::exists(dir / "no-such-dir"));
}

TEST_CASE("draw --scenario marks what a scenario changed against its base", "[cli][draw]") {
    const fs::path dir = cli_scratch("cli-validate", "draw-scenario");
    const std::string whatifs = (kSource / "examples" / "telecom-whatifs.json").string();
    SECTION("the scenario, its employee-journey steps marked") {
        const Run r =
            run_cli({"draw", whatifs, "--scenario", "agent_mandate", "-o", "mandate.svg"}, dir);
        INFO(r.err);
        REQUIRE(r.code == 0);
        const std::string svg = read_text(dir / "mandate.svg");
        CHECK(svg.find(">Goodwill credit within mandate (up to 75)<") != std::string::npos);
        CHECK(svg.find(">\u270e changed<") != std::string::npos);
        CHECK(svg.find("changes against the base") != std::string::npos);
        CHECK(svg.find("simulated flow") == std::string::npos);
    }
    SECTION("without --scenario, the base unmarked") {
        const Run r = run_cli({"draw", whatifs, "-o", "base.svg"}, dir);
        INFO(r.err);
        REQUIRE(r.code == 0);
        const std::string svg = read_text(dir / "base.svg");
        CHECK(svg.find(">Credit within mandate (up to 25)<") != std::string::npos);
        CHECK(svg.find("changed") == std::string::npos);
    }
    SECTION("an unknown scenario is an input error listing the scenarios") {
        const Run r = run_cli({"draw", whatifs, "--scenario", "nope", "-o", "x.svg"}, dir);
        CHECK(r.code == 1);
        CHECK(r.first_error_line() ==
              whatifs + ": error at /scenarios/nope: unknown scenario \"nope\"");
        CHECK(r.err.find("hint: known scenarios: add_whatsapp, drop_email, agent_mandate") !=
              std::string::npos);
        CHECK_FALSE(fs::exists(dir / "x.svg"));
    }
    SECTION("--scenario with a model file is a usage error") {
        const Run r = run_cli({"draw", (kSource / "examples" / "telecom.json").string(),
                               "--scenario", "agent_mandate", "-o", "x.svg"},
                              dir);
        CHECK(r.code == 1);
        CHECK(r.err.find("--scenario goes with a scenario file") != std::string::npos);
        CHECK_FALSE(fs::exists(dir / "x.svg"));
    }
}
