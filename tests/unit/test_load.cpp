// Loading model files: the base model, reading files, JSON syntax, duplicate keys, input limits,
// reporting every error at once, and replaying the regression folder.

#include "load_test_support.hpp"

#include <journeysim/load.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using journeysim::ChannelMode;
using journeysim::Diagnostic;
using journeysim::InputError;
using journeysim::InputLimits;
using journeysim::Severity;
using journeysim::TouchpointKind;
using journeysim::test::describe;
using journeysim::test::kBaseModel;
using journeysim::test::ModelFixture;
using journeysim::test::try_load;

namespace {

/// A scratch directory for this test program, emptied on first use.
/// A folder of this process's own: ctest runs each test case as a process, in parallel, and a
/// shared folder would be removed under another test's feet.
fs::path scratch_dir() {
    static const fs::path dir = [] {
        fs::path d = fs::path(JOURNEYSIM_BINARY_DIR) / "test-scratch" /
                     ("load-" + std::to_string(::getpid()));
        fs::remove_all(d);
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

fs::path write_file(const std::string& name, const std::string& text) {
    const fs::path path = scratch_dir() / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

/// The diagnostics of the InputError `load_model_file` raises for `path`.
std::vector<Diagnostic> file_errors(const fs::path& path, const InputLimits& limits = {}) {
    try {
        journeysim::load_model_file(path, limits);
    } catch (const InputError& e) {
        return e.diagnostics();
    }
    FAIL("expected an InputError for " << path);
    return {};
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the base model loads without warnings", "[load]") {
    const auto attempt = try_load(kBaseModel);
    INFO(describe(attempt.diagnostics));
    REQUIRE_FALSE(attempt.threw);
    REQUIRE(attempt.diagnostics.empty());
    const auto& m = *attempt.model;
    CHECK(m.name == "Base model");
    CHECK(m.file == "model.json");
    CHECK(m.horizon.days == 7);
    CHECK(m.horizon.warmup_days == 1);
    REQUIRE(m.channels.size() == 4);
    CHECK(m.channels[0].label == "Phone");
    CHECK(m.channels[1].label == "chat");  // the id when no label is given
    CHECK(m.channels[1].mode == ChannelMode::Messaging);
    CHECK(m.channels[1].concurrency == 2);
    CHECK(m.channels[0].team == m.find_team("frontline"));
    CHECK(m.channels[3].success_rate == 0.4);
    REQUIRE(m.teams.size() == 2);
    CHECK(m.teams[0].constant_agents);
    CHECK(m.teams[0].agents_at(3 * 1440.0) == 10);
    CHECK_FALSE(m.teams[1].constant_agents);
    CHECK(m.teams[1].agents_at(10 * 60.0) == 3);  // Monday 10:00
    CHECK(m.teams[1].agents_at(18 * 60.0) == 0);
    REQUIRE(m.segments.size() == 2);
    CHECK(m.segments[1].channel_preference == std::vector<double>{4, 0.5, 1, 1});
    REQUIRE(m.journeys.size() == 1);
    const auto& j = m.journeys[0];
    REQUIRE(j.touchpoints.size() == 5);
    CHECK(j.start == j.find("notice"));
    CHECK(j.touchpoints[2].kind == TouchpointKind::Contact);
    CHECK(j.touchpoints[2].channels == std::vector<journeysim::Index>{0, 1, 2});
    CHECK(j.arrivals.intraday_name == "office");
    double intraday = 0;
    for (double w : j.arrivals.intraday)
        intraday += w;
    CHECK(intraday == Approx(1.0).epsilon(1e-12));
    CHECK(j.touchpoints.size() == 5);
    REQUIRE(m.employee_journeys.size() == 1);
    CHECK(m.employee_journeys[0].binding.touchpoint == 2);
    CHECK(m.employee_journeys[0].steps[1].team == 1);
}

TEST_CASE("a diagnostic formats as file, pointer, message and hint", "[load]") {
    auto model = nlohmann::ordered_json::parse(kBaseModel);
    model["channels"]["phone"]["fix_rate"] = 1.4;
    const auto attempt = try_load(model.dump(2), {}, "models/outage.json");
    REQUIRE(attempt.errors().size() == 1);
    CHECK(attempt.errors()[0].format() ==
          "models/outage.json: error at /channels/phone/fix_rate: \"fix_rate\" must be between 0 "
          "and 1 (got 1.4)\n  hint: a fix rate is a share: 0.7 means 70%");
}

TEST_CASE("the InputError's text lists every error", "[load]") {
    auto model = nlohmann::ordered_json::parse(kBaseModel);
    model["channels"]["phone"]["fix_rate"] = 1.4;
    model["channels"]["chat"]["fix_rate"] = 2;
    try {
        journeysim::load_model_text(model.dump(), "m.json");
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        const std::string what = e.what();
        CHECK(what.find("m.json: error at /channels/phone/fix_rate") != std::string::npos);
        CHECK(what.find("m.json: error at /channels/chat/fix_rate") != std::string::npos);
        CHECK(e.exit_code() == journeysim::kExitInputError);
    }
}

TEST_CASE_METHOD(ModelFixture, "all errors are reported at once", "[load]") {
    model["channels"]["phone"]["fix_rate"] = 1.4;
    model["channels"]["chat"]["team"] = "frontlne";
    touchpoint("repaired")["outcome"] = "fixed";
    const auto found = errors();
    INFO(describe(found));
    REQUIRE(found.size() == 3);
    CHECK(found[0].pointer == "/channels/phone/fix_rate");
    CHECK(found[1].pointer == "/channels/chat/team");
    CHECK(found[2].pointer == "/journeys/outage/touchpoints/repaired/outcome");
    CHECK(found[2].message == "unknown outcome \"fixed\"");
}

// --- JSON syntax -------------------------------------------------------------------------------

TEST_CASE("a syntax error gives line and column and no pointer", "[load]") {
    SECTION("a missing comma") {
        const std::string text =
            "{\n"
            "  \"journeysim\": 1,\n"
            "  \"name\": \"x\"\n"
            "  \"channels\": {}\n"
            "}\n";
        const auto attempt = try_load(text);
        REQUIRE(attempt.threw);
        REQUIRE(attempt.diagnostics.size() == 1);
        const auto& d = attempt.diagnostics[0];
        CHECK(d.severity == Severity::Error);
        CHECK(d.pointer.empty());
        CHECK(d.line == 4);
        CHECK(d.column == 3);  // the token that should have been preceded by a comma
        CHECK(d.message ==
              "invalid JSON: syntax error while parsing object - unexpected string literal; "
              "expected '}'");
        CHECK(d.hint == "check for a missing comma, quote or bracket just before this place");
        CHECK(d.format().rfind("model.json:4:3: error: invalid JSON: ", 0) == 0);
    }
    SECTION("a missing comma before a number") {
        const auto attempt = try_load("{\"weights\": [1, 2\n   345]}");
        REQUIRE(attempt.diagnostics.size() == 1);
        CHECK(attempt.diagnostics[0].line == 2);
        CHECK(attempt.diagnostics[0].column == 4);
        CHECK(attempt.diagnostics[0].message ==
              "invalid JSON: syntax error while parsing array - unexpected number literal; "
              "expected ']'");
    }
    SECTION("a missing comma before a string with escaped quotes") {
        const auto attempt = try_load("{\"a\": 1\n \"b\\\"c\": 2}");
        REQUIRE(attempt.diagnostics.size() == 1);
        CHECK(attempt.diagnostics[0].line == 2);
        CHECK(attempt.diagnostics[0].column == 2);
    }
    SECTION("a trailing comma") {
        const auto attempt = try_load("{\"journeysim\": 1,\n}");
        REQUIRE(attempt.diagnostics.size() == 1);
        CHECK(attempt.diagnostics[0].line == 2);
        CHECK(attempt.diagnostics[0].column == 1);
        CHECK(attempt.diagnostics[0].pointer.empty());
    }
    SECTION("an unterminated document") {
        const auto attempt = try_load("{\"journeysim\": 1,\n \"name\": \"x\"");
        REQUIRE(attempt.diagnostics.size() == 1);
        CHECK(attempt.diagnostics[0].line == 2);
        CHECK(attempt.diagnostics[0].message.rfind("invalid JSON: ", 0) == 0);
    }
    SECTION("an empty file") {
        const auto attempt = try_load("");
        REQUIRE(attempt.diagnostics.size() == 1);
        CHECK(attempt.diagnostics[0].line == 1);
        CHECK(attempt.diagnostics[0].message.rfind("invalid JSON: ", 0) == 0);
    }
    SECTION("comments are not JSON") {
        const auto attempt = try_load("{\n  // a comment\n  \"journeysim\": 1\n}");
        REQUIRE(attempt.diagnostics.size() == 1);
        CHECK(attempt.diagnostics[0].line == 2);
    }
}

TEST_CASE("a duplicate key is an error at its pointer", "[load]") {
    const std::string base = kBaseModel;
    SECTION("at the top") {
        const auto text = replace_once(base, "\"name\": \"Base model\",",
                                       "\"name\": \"Base model\", \"name\": \"Other\",");
        const auto attempt = try_load(text);
        REQUIRE(attempt.errors().size() == 1);
        const auto d = attempt.errors()[0];
        CHECK(d.pointer == "/name");
        CHECK(d.message == "duplicate key \"name\"");
        CHECK_FALSE(d.hint.empty());
        CHECK(d.line == 0);
    }
    SECTION("in a channel") {
        const auto text = replace_once(base, "\"mode\": \"messaging\",",
                                       "\"mode\": \"messaging\", \"mode\": \"live\",");
        const auto attempt = try_load(text);
        REQUIRE(attempt.errors().size() == 1);
        CHECK(attempt.errors()[0].pointer == "/channels/chat/mode");
    }
    SECTION("inside a list") {
        const auto text = replace_once(base, "{\"to\": \"contact\", \"p\": 0.6}",
                                       "{\"to\": \"contact\", \"p\": 0.6, \"p\": 0.5}");
        const auto attempt = try_load(text);
        REQUIRE(attempt.errors().size() == 1);
        CHECK(attempt.errors()[0].pointer == "/journeys/outage/touchpoints/notice/next/1/p");
    }
    SECTION("after a list inside the same object") {
        const auto text =
            replace_once(base, "\"concurrency\": 2,", "\"concurrency\": 2, \"concurrency\": 3,");
        const auto attempt = try_load(text);
        REQUIRE(attempt.errors().size() == 1);
        CHECK(attempt.errors()[0].pointer == "/channels/chat/concurrency");
    }
    SECTION("two duplicates are both reported") {
        auto text = replace_once(base, "\"name\": \"Base model\",",
                                 "\"name\": \"Base model\", \"name\": \"Other\",");
        text = replace_once(text, "\"fixed\": true}", "\"fixed\": true, \"fixed\": false}");
        const auto attempt = try_load(text);
        REQUIRE(attempt.errors().size() == 2);
        CHECK(attempt.errors()[0].pointer == "/name");
        CHECK(attempt.errors()[1].pointer == "/employee_journeys/call/steps/fixed/fixed");
    }
}

// --- files -------------------------------------------------------------------------------------

TEST_CASE("a file that does not exist is reported", "[load]") {
    const fs::path path = scratch_dir() / "no-such-model.json";
    const auto found = file_errors(path);
    REQUIRE(found.size() == 1);
    CHECK(found[0].file == path.string());
    CHECK(found[0].pointer.empty());
    CHECK(found[0].message == "file not found");
    CHECK(found[0].hint == "check the path");
}

TEST_CASE("a directory is not a model file", "[load]") {
    const auto found = file_errors(scratch_dir());
    REQUIRE(found.size() == 1);
    CHECK(found[0].message == "is a directory, not a file");
    CHECK_FALSE(found[0].hint.empty());
}

TEST_CASE("a model file loads and names itself in messages", "[load]") {
    const auto path = write_file("base.json", kBaseModel);
    const auto loaded = journeysim::load_model_file(path);
    REQUIRE(loaded.model);
    CHECK(loaded.model->file == path.string());
    CHECK(loaded.warnings.empty());

    auto broken = nlohmann::ordered_json::parse(kBaseModel);
    broken["channels"]["phone"]["fix_rate"] = 1.4;
    const auto bad = write_file("bad.json", broken.dump(2));
    const auto found = file_errors(bad);
    REQUIRE(found.size() == 1);
    CHECK(found[0].file == bad.string());
}

// --- input limits ------------------------------------------------------------------------------

TEST_CASE("input larger than the byte limit is refused", "[load]") {
    const std::string text = kBaseModel;
    InputLimits limits;
    limits.max_bytes = 100;
    SECTION("text") {
        const auto attempt = try_load(text, limits);
        REQUIRE(attempt.errors().size() == 1);
        CHECK(attempt.errors()[0].pointer.empty());
        CHECK(attempt.errors()[0].message == "file is too large (" + std::to_string(text.size()) +
                                                 " bytes; the limit is 100 bytes)");
        CHECK_FALSE(attempt.errors()[0].hint.empty());
    }
    SECTION("a file") {
        const auto path = write_file("large.json", text);
        const auto found = file_errors(path, limits);
        REQUIRE(found.size() == 1);
        CHECK(found[0].message == "file is too large (" + std::to_string(text.size()) +
                                      " bytes; the limit is 100 bytes)");
        CHECK_THROWS_AS(journeysim::read_input_file(path, limits), InputError);
    }
    SECTION("exactly at the limit is accepted") {
        limits.max_bytes = text.size();
        CHECK_FALSE(try_load(text, limits).threw);
        const auto path = write_file("exact.json", text);
        CHECK(journeysim::read_input_file(path, limits) == text);
    }
    SECTION("the default limit") {
        const InputLimits defaults;
        REQUIRE(defaults.max_bytes == 32u << 20);
        std::string big(defaults.max_bytes + 1, ' ');
        const auto attempt = try_load(big);
        REQUIRE(attempt.errors().size() == 1);
        CHECK(attempt.errors()[0].message ==
              "file is too large (33554433 bytes; the limit is 33554432 bytes)");
    }
}

TEST_CASE("nesting deeper than the limit is refused without a crash", "[load]") {
    SECTION("100,000 open brackets") {
        const std::string text(100000, '[');
        const auto attempt = try_load(text);
        REQUIRE(attempt.errors().size() == 1);
        const auto d = attempt.errors()[0];
        CHECK(d.message == "nesting deeper than 64 levels");
        CHECK(d.line == 1);
        CHECK(d.column == 65);  // the first bracket too many
        CHECK(d.pointer.empty());
        CHECK_FALSE(d.hint.empty());
    }
    SECTION("deeply nested objects inside a model") {
        std::string deep;
        for (int i = 0; i < 5000; ++i)
            deep += "{\"a\":";
        deep += "1";
        for (int i = 0; i < 5000; ++i)
            deep += "}";
        const std::string text = replace_once(kBaseModel, "\"horizon\": {\"days\": 7,",
                                              "\"x\": " + deep + ", \"horizon\": {\"days\": 7,");
        const auto attempt = try_load(text);
        REQUIRE(attempt.errors().size() == 1);
        CHECK(attempt.errors()[0].message == "nesting deeper than 64 levels");
        CHECK(attempt.errors()[0].line == 5);
    }
    SECTION("a custom limit") {
        InputLimits limits;
        limits.max_depth = 3;
        const auto attempt = try_load(kBaseModel, limits);
        REQUIRE(attempt.errors().size() == 1);
        CHECK(attempt.errors()[0].message == "nesting deeper than 3 levels");
    }
    SECTION("brackets inside strings do not count") {
        auto model = nlohmann::ordered_json::parse(kBaseModel);
        model["description"] = std::string(1000, '[') + "\\\"" + std::string(1000, '{');
        const auto attempt = try_load(model.dump());
        INFO(describe(attempt.diagnostics));
        CHECK_FALSE(attempt.threw);
    }
    SECTION("64 levels are allowed") {
        std::string text = std::string(64, '[') + std::string(64, ']');
        const auto attempt = try_load(text);
        // parses, then fails for not being a model
        REQUIRE(attempt.errors().size() == 1);
        CHECK(attempt.errors()[0].message == "a model file must be an object (got an array)");
    }
}

// --- the regression folder ---------------------------------------------------------------------

// The command-line replay (tests/regress/replay.py, label `regress`) checks each case's exit
// code and message; this checks in-process that every kept model file either loads (and
// round-trips) or is an InputError, never another exception.
TEST_CASE("every input in tests/data/regress loads or fails with an InputError", "[load]") {
    const fs::path dir = fs::path(JOURNEYSIM_SOURCE_DIR) / "tests" / "data" / "regress";
    REQUIRE(fs::is_directory(dir));
    std::vector<fs::path> inputs;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().filename() != "README.md" &&
            entry.path().filename() != "case.json")
            inputs.push_back(entry.path());
    }
    REQUIRE(inputs.size() >= 10);  // the corpus is never empty
    std::sort(inputs.begin(), inputs.end());
    for (const auto& path : inputs) {
        INFO(path.string());
        try {
            const auto loaded = journeysim::load_model_file(path);
            CHECK(loaded.model);
            // a model that loads must also save and load again
            const auto again =
                journeysim::load_model_text(journeysim::save_model(*loaded.model), path.string());
            CHECK(*again.model == *loaded.model);
        } catch (const InputError& e) {
            CHECK_FALSE(e.diagnostics().empty());
        }
    }
}

TEST_CASE("every file in tests/data/bad fails to load with an InputError", "[load]") {
    const fs::path dir = fs::path(JOURNEYSIM_SOURCE_DIR) / "tests" / "data" / "bad";
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        ++count;
        INFO(entry.path().string());
        CHECK_THROWS_AS(journeysim::load_model_file(entry.path()), InputError);
    }
    CHECK(count >= 5);
}

// --- robustness --------------------------------------------------------------------------------

namespace {

/// Every JSON pointer in `doc` (objects' members and arrays' elements), depth first.
void collect_pointers(const nlohmann::ordered_json& doc,
                      const nlohmann::ordered_json::json_pointer& at,
                      std::vector<nlohmann::ordered_json::json_pointer>& out) {
    out.push_back(at);
    if (doc.is_object()) {
        for (const auto& item : doc.items())
            collect_pointers(item.value(), at / item.key(), out);
    } else if (doc.is_array()) {
        for (std::size_t i = 0; i < doc.size(); ++i)
            collect_pointers(doc[i], at / i, out);
    }
}

}  // namespace

TEST_CASE("random damage to a model gives a model or an InputError, never a crash", "[load]") {
    using Json = nlohmann::ordered_json;
    const Json base = Json::parse(kBaseModel);
    std::vector<Json::json_pointer> pointers;
    collect_pointers(base, Json::json_pointer(), pointers);
    // ids and values the damage draws from: existing ids in the wrong places, edge values
    const std::vector<Json> replacements = {nullptr,
                                            true,
                                            0,
                                            -1,
                                            1,
                                            2,
                                            0.5,
                                            1e308,
                                            -1e308,
                                            1e-320,
                                            123456789012345678,
                                            "",
                                            "phone",
                                            "web",
                                            "contact",
                                            "notice",
                                            "gave_up",
                                            "frontline",
                                            "field_work",
                                            "digital",
                                            "outage",
                                            "identify",
                                            "fixed",
                                            "live",
                                            "self_service",
                                            "end",
                                            "handoff",
                                            "mon 08:00-09:00",
                                            Json::array(),
                                            Json::object(),
                                            Json::array({1, 2, 3}),
                                            Json::parse(R"({"dist": "constant"})"),
                                            Json::parse(R"([{"to": "notice", "p": 1}])"),
                                            Json::parse(R"({"channel": "phone"})")};
    std::mt19937 engine(7);
    std::uniform_int_distribution<std::size_t> pick_pointer(1, pointers.size() - 1);
    std::uniform_int_distribution<std::size_t> pick_value(0, replacements.size() - 1);
    std::uniform_int_distribution<int> pick_action(0, 3);
    // JOURNEYSIM_DAMAGE_ROUNDS=N runs a longer search by hand
    const char* rounds_env = std::getenv("JOURNEYSIM_DAMAGE_ROUNDS");
    const int rounds = rounds_env != nullptr ? std::atoi(rounds_env) : 3000;
    if (const char* seed_env = std::getenv("JOURNEYSIM_DAMAGE_SEED"))
        engine.seed(static_cast<std::mt19937::result_type>(std::atol(seed_env)));
    std::size_t loaded = 0;
    std::size_t rejected = 0;
    for (int round = 0; round < rounds; ++round) {
        Json doc = base;
        const int damages = 1 + round % 3;
        for (int k = 0; k < damages; ++k) {
            const auto& at = pointers[pick_pointer(engine)];
            if (!doc.contains(at)) continue;
            const int action = pick_action(engine);
            if (action == 0) {
                // remove the member or element
                Json& parent = doc[at.parent_pointer()];
                if (parent.is_object()) {
                    parent.erase(at.back());
                } else if (parent.is_array()) {
                    parent.erase(parent.begin() +
                                 static_cast<std::ptrdiff_t>(std::stoul(at.back())));
                }
            } else {
                doc[at] = replacements[pick_value(engine)];
            }
        }
        const std::string text = doc.dump();
        INFO("round " << round << ": " << text);
        try {
            const auto model = journeysim::load_model_text(text, "damaged.json");
            ++loaded;
            const auto again =
                journeysim::load_model_text(journeysim::save_model(*model.model), "saved.json");
            REQUIRE(*again.model == *model.model);
        } catch (const InputError& e) {
            ++rejected;
            REQUIRE_FALSE(e.diagnostics().empty());
            for (const auto& d : e.diagnostics()) {
                REQUIRE_FALSE(d.message.empty());
                REQUIRE_FALSE(d.hint.empty());
            }
        }
    }
    // the damage is varied enough to hit both outcomes
    CHECK(loaded > static_cast<std::size_t>(rounds) / 60);
    CHECK(rejected > static_cast<std::size_t>(rounds) / 3);
}
