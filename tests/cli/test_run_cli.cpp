// End-to-end tests of `journeysim run` and `journeysim demo`: the real executable is run and its
// exit code, stdout, stderr and output files are checked.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path kExamples = fs::path(JOURNEYSIM_SOURCE_DIR) / "examples";

struct Outcome {
    int code = -1;
    std::string out;
    std::string err;
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

fs::path scratch_dir(const std::string& name) {
    const fs::path dir = fs::path(JOURNEYSIM_BINARY_DIR) / "test-scratch" / "cli-run" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

/// Runs `journeysim ARGS` in `cwd` with stdout and stderr captured in files (so not a terminal).
Outcome journeysim(const std::string& args, const fs::path& dir, const fs::path& cwd = {}) {
    const fs::path out = dir / "stdout.txt";
    const fs::path err = dir / "stderr.txt";
    std::string command;
    if (!cwd.empty()) command = "cd '" + cwd.string() + "' && ";
    command += "'" + std::string(JOURNEYSIM_EXE) + "' " + args + " >'" + out.string() + "' 2>'" +
               err.string() + "'";
    const int status = std::system(command.c_str());
    Outcome o;
    o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.out = read_file(out);
    o.err = read_file(err);
    return o;
}

std::string model(const char* name) {
    return "'" + (kExamples / name).string() + "'";
}

}  // namespace

TEST_CASE("run: JSON output follows the result contract", "[cli]") {
    const fs::path dir = scratch_dir("json");
    const Outcome o = journeysim("run " + model("telecom.json") + " -r 2 -s 9 -f json", dir);
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
    const fs::path dir = scratch_dir("threads");
    const std::string base = "run " + model("energy.json") + " -r 3 -f json -o ";
    REQUIRE(journeysim(base + "'" + (dir / "one.json").string() + "' -t 1", dir).code == 0);
    REQUIRE(journeysim(base + "'" + (dir / "two.json").string() + "' -t 2", dir).code == 0);
    REQUIRE(journeysim(base + "'" + (dir / "any.json").string() + "' -t 0", dir).code == 0);
    const std::string one = read_file(dir / "one.json");
    CHECK(!one.empty());
    CHECK(one == read_file(dir / "two.json"));
    CHECK(one == read_file(dir / "any.json"));
}

TEST_CASE("run: table and CSV output", "[cli]") {
    const fs::path dir = scratch_dir("formats");
    const Outcome table = journeysim("run " + model("webshop.json") + " -r 2", dir);
    REQUIRE(table.code == 0);
    for (const char* text : {"NPS", "first-time fix (FTF)", "Channel", "service level", "±"}) {
        INFO(text);
        CHECK(table.out.find(text) != std::string::npos);
    }
    const fs::path csv = dir / "result.csv";
    const Outcome written = journeysim(
        "run " + model("webshop.json") + " -r 2 --format csv -o '" + csv.string() + "'", dir);
    REQUIRE(written.code == 0);
    CHECK(written.out.empty());
    CHECK(written.err.find("wrote") != std::string::npos);
    const std::string text = read_file(csv);
    CHECK(text.rfind("path,mean,ci_low,ci_high\n/kpis/nps,", 0) == 0);
}

TEST_CASE("run: interval and trace files", "[cli]") {
    const fs::path dir = scratch_dir("files");
    const fs::path intervals = dir / "intervals.csv";
    const fs::path trace = dir / "trace.csv";
    const Outcome o = journeysim("run " + model("telecom.json") + " -r 2 --intervals '" +
                                     intervals.string() + "' --trace '" + trace.string() + "'",
                                 dir);
    INFO(o.err);
    REQUIRE(o.code == 0);
    std::istringstream rows(read_file(intervals));
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

    std::istringstream contacts(read_file(trace));
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
    CHECK(files == 4);  // stdout, stderr, intervals, trace
}

TEST_CASE("run: errors give exit code 1 (input) or 2 (usage)", "[cli]") {
    const fs::path dir = scratch_dir("errors");
    SECTION("a missing model file") {
        const Outcome o = journeysim("run '" + (dir / "nope.json").string() + "'", dir);
        CHECK(o.code == 1);
        CHECK(o.err.find("nope.json") != std::string::npos);
    }
    SECTION("an unknown format") {
        const Outcome o = journeysim("run " + model("telecom.json") + " --format xml", dir);
        CHECK(o.code == 2);
        CHECK(o.err.find("--format") != std::string::npos);
    }
    SECTION("zero replications") {
        CHECK(journeysim("run " + model("telecom.json") + " -r 0", dir).code == 2);
    }
    SECTION("no model") {
        CHECK(journeysim("run", dir).code == 2);
    }
    SECTION("an output file in a directory that does not exist") {
        const fs::path out = dir / "missing" / "result.json";
        const Outcome o =
            journeysim("run " + model("webshop.json") + " -r 1 -o '" + out.string() + "'", dir);
        CHECK(o.code == 1);
        CHECK(o.err.find("cannot write") != std::string::npos);
        CHECK(!fs::exists(out));
    }
    SECTION("an invalid model writes nothing") {
        const fs::path bad = dir / "bad.json";
        std::ofstream(bad) << R"({"journeysim": 1, "name": "broken"})";
        const fs::path out = dir / "result.json";
        const Outcome o = journeysim("run '" + bad.string() + "' -o '" + out.string() + "'", dir);
        CHECK(o.code == 1);
        CHECK(o.err.find("bad.json") != std::string::npos);
        CHECK(!fs::exists(out));
    }
}

TEST_CASE("demo: runs the built-in example from any directory", "[cli]") {
    const fs::path dir = scratch_dir("demo");
    const Outcome o = journeysim("demo -r 2", dir, fs::temp_directory_path());
    INFO(o.err);
    REQUIRE(o.code == 0);
    CHECK(o.out.find("Broadband operator") != std::string::npos);
    CHECK(o.out.find("NPS") != std::string::npos);
    CHECK(o.out.find("phone") != std::string::npos);
}
