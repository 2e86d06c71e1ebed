// Every diagnostic says how to fix what it reports: a battery of invalid inputs (every value of
// the base model and of a scenario file removed or replaced in turn, the invalid files kept in
// tests/data, inputs that fail before parsing, and the checks of the staffing planner, the
// diagrams and the flow overlay) fails if any diagnostic it produces has an empty hint.

#include "load_test_support.hpp"

#include <journeysim/draw.hpp>
#include <journeysim/flow.hpp>
#include <journeysim/scenario.hpp>
#include <journeysim/staffing.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

using journeysim::Diagnostic;
using journeysim::InputError;
using journeysim::test::kBaseModel;
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

/// The diagnostics the battery saw, and the inputs whose diagnostics lack a hint.
struct Battery {
    std::set<std::string> messages;  ///< every distinct message, for the coverage floor
    std::size_t diagnostics = 0;
    std::map<std::string, std::string> without_hint;  ///< diagnostic -> the input that gave it

    void check(const std::vector<Diagnostic>& found, const std::string& input) {
        for (const auto& d : found) {
            ++diagnostics;
            messages.insert(d.message);
            if (d.hint.empty()) without_hint.emplace(d.format(), input.substr(0, 300));
        }
    }
    /// Runs `attempt`; an `InputError` it raises is checked.
    void run(const std::function<void()>& attempt, const std::string& input) {
        try {
            attempt();
        } catch (const InputError& e) {
            check(e.diagnostics(), input);
        }
    }
    std::string report() const {
        std::string out;
        for (const auto& [diagnostic, input] : without_hint)
            out += diagnostic + "\n    from: " + input + "\n";
        return out;
    }
};

/// Every JSON pointer in `doc` below the root.
void collect_pointers(const Json& doc, const Json::json_pointer& at,
                      std::vector<Json::json_pointer>& out) {
    if (!at.empty()) out.push_back(at);
    if (doc.is_object()) {
        for (const auto& item : doc.items())
            collect_pointers(item.value(), at / item.key(), out);
    } else if (doc.is_array()) {
        for (std::size_t i = 0; i < doc.size(); ++i)
            collect_pointers(doc[i], at / i, out);
    }
}

/// `doc` with the value at `at` removed.
Json without(Json doc, const Json::json_pointer& at) {
    Json& parent = doc[at.parent_pointer()];
    if (parent.is_object()) {
        parent.erase(at.back());
    } else if (parent.is_array()) {
        parent.erase(parent.begin() + static_cast<std::ptrdiff_t>(std::stoul(at.back())));
    }
    return doc;
}

/// Values put in every place in turn: wrong types, edge numbers, ids from elsewhere.
const std::vector<Json>& replacements() {
    static const std::vector<Json> all = {
        nullptr,
        true,
        0,
        -1,
        0.5,
        2.5,
        1e9,
        "",
        "x",
        "phone",
        "web",
        "notice",
        "end",
        "handoff",
        "mon 25:00-26:00",
        Json::array(),
        Json::object(),
        Json::array({1, 2}),
        Json::parse(R"({"dist": "constant"})"),
        Json::parse(R"([{"to": "notice", "p": 0.5}])"),
    };
    return all;
}

/// Each value of `base` removed, then replaced by each of `replacements()`, one at a time;
/// `load` is given the changed document's text.
void mutate_each(const Json& base, Battery& battery,
                 const std::function<void(const std::string&)>& load) {
    std::vector<Json::json_pointer> pointers;
    collect_pointers(base, Json::json_pointer(), pointers);
    for (const auto& at : pointers) {
        const std::string removed = without(base, at).dump();
        battery.run([&] { load(removed); }, "removed " + at.to_string());
        for (const auto& value : replacements()) {
            Json doc = base;
            doc[at] = value;
            const std::string text = doc.dump();
            battery.run([&] { load(text); }, at.to_string() + " = " + value.dump());
        }
    }
}

/// Changes that break a rule a single changed value does not reach: each row is a list of
/// (pointer, value) put into the base model together. The inputs of the rule-by-rule tests
/// (test_validate_rules.cpp, test_validate_graph.cpp) of such rules.
std::vector<std::vector<std::pair<std::string, Json>>> model_cases() {
    const auto tp = [](const std::string& id) { return "/journeys/outage/touchpoints/" + id; };
    const auto dist = [](const char* text) {
        return std::vector<std::pair<std::string, Json>>{
            {"/channels/phone/handle_time", Json::parse(text)}};
    };
    const auto ltr = [](const char* text) {
        return std::vector<std::pair<std::string, Json>>{
            {"/segments/digital/baseline_ltr", Json::parse(text)}};
    };
    const Json end_step = Json::parse(R"({"next": "identify"})");
    const Json triage_rules = Json::parse(R"([{"when": {"segment": "digital"}, "to": "status"}])");
    return {
        {{tp("repaired"), Json::parse(R"({"kind": "step", "next": "notice"})")},
         {tp("gave_up"), Json::parse(R"({"kind": "step", "next": "notice"})")}},
        {{"/segments/traditional/channel_preference",
          Json::parse(R"({"phone": 0, "chat": 0, "email": 0})")}},
        {{"/employee_journeys/call/steps/fixed", end_step},
         {"/employee_journeys/call/steps/not_fixed", end_step}},
        {{"/employee_journeys/call/steps/visit/next", "visit"}},
        {{"/journeys/outage/arrivals/per_day", 1e7}, {"/horizon/days", 3000}},
        {{"/horizon/interval_min", 7}},
        {{"/teams/frontline/schedule", Json::parse(R"([{"hours": "24/7", "agents": 1}])")}},
        {{"/teams/frontline/priority", Json::array({"email"})}},
        {{"/journeys/outage/arrivals/intraday_profile", Json(std::vector<double>(24, 0.0))}},
        {{"/journeys/outage/arrivals/intraday_profile", Json(std::vector<double>(5, 1.0))}},
        {{tp("contact") + "/when_closed", "later"}},
        {{tp("notice") + "/next", "triage"},
         {tp("triage"),
          {{"kind", "branch"},
           {"rules", triage_rules},
           {"next", "contact"},
           {"otherwise", "contact"}}}},
        {{tp("notice") + "/next", "triage"},
         {tp("triage"), {{"kind", "branch"}, {"otherwise", "contact"}}}},
        {{tp("notice") + "/next", "triage"},
         {tp("triage"), {{"kind", "branch"}, {"rules", triage_rules}}}},
        {{tp("notice") + "/next", "triage"}, {tp("triage"), {{"kind", "branch"}}}},
        {{tp("notice") + "/next", "triage"},
         {tp("triage"), {{"kind", "branch"}, {"rules", Json::array()}, {"otherwise", "contact"}}}},
        {{tp("notice") + "/next", "triage"},
         {tp("triage"),
          {{"kind", "branch"},
           {"rules", Json::parse(R"([{"when": {}, "to": "status"}, {"to": "status"}])")},
           {"otherwise", "contact"}}}},
        {{"/employee_journeys/call/for/channel", "phone"}},
        {{"/employee_journeys/call/for/touchpoint", "notice"}},
        {{"/employee_journeys/call/for/channels", Json::array({"web"})}},
        {{"/employee_journeys/again", Json::parse(R"({"for": {"channel": "phone"},
            "start": "a", "steps": {"a": {"kind": "end", "fixed": true}}})")},
         {"/employee_journeys/web", Json::parse(R"({"for": {"channel": "web"},
            "start": "a", "steps": {"a": {"kind": "end", "fixed": true}}})")}},
        {{tp("status") + "/channel", "phone"}},
        {{tp("contact") + "/channels", Json::array({"web"})}},
        {{tp("contact") + "/channels", Json::array()}},
        {{"/channels/chat/team", "backoffice"}},
        {{"/employee_journeys/call/steps/visit/work", "gardening"}},
        {{"/teams/frontline/skills", Json::array()}},
        {{"/teams/frontline/skills", Json::array({"phone", "phone"})}},
        {{"/segments/digital/share", 0.5}},
        {{"/journeys/outage/arrivals/segments/digital", 0.4}},
        {{"/journeys/outage/arrivals/weekday_profile", Json::array({1, 1, 1})}},
        {{"/journeys/outage/arrivals/weekday_profile", Json::array({1, 1, 1, 1, 1, 1, -1})}},
        {{tp("notice") + "/next/0/p", 0.3}},
        {{"/segments/digital/baseline_ltr/mean", 12}},
        {{"/channels/phone/mode", "self_service"}},
        {{"/channels/web/mode", "live"}},
        {{"/channels/phone/team", Json()}, {"/channels/phone/concurrency", 2}},
        dist(R"({"dist": "lognormal", "mean_min": 7, "sdev_min": 3})"),
        dist(R"({"dist": "lognormal", "mean_min": 7, "sd_s": 30})"),
        dist(R"({"dist": "exponential", "mean": 4})"),
        dist(R"({"dist": "lognormal"})"),
        dist(R"({"dist": "empirical"})"),
        dist(R"({"dist": "exponential", "mean_s": 0})"),
        dist(R"({"dist": "exponential", "mean_s": 1e-9})"),
        dist(R"({"dist": "lognormal", "mean_min": 7, "sd_min": 0})"),
        dist(R"({"dist": "gamma", "mean_min": 0.001, "sd_min": 100000})"),
        dist(R"({"dist": "uniform", "min_min": 6, "max_min": 5})"),
        dist(R"({"dist": "triangular", "min_min": 1, "mode_min": 9, "max_min": 5})"),
        dist(R"({"dist": "constant", "value_d": 1000000})"),
        dist(R"({"dist": "empirical", "values_s": [60], "bins_s": [0, 60]})"),
        dist(R"({"dist": "empirical", "values_s": []})"),
        dist(R"({"dist": "empirical", "values_s": [60, -1]})"),
        dist(R"({"dist": "empirical", "values_d": [1000000]})"),
        dist(R"({"dist": "empirical", "values_s": [60], "weights": [1]})"),
        dist(R"({"dist": "empirical", "bins_min": [0, 1, 2]})"),
        dist(R"({"dist": "empirical", "bins_min": [0, 2, 1], "weights": [1, 1]})"),
        dist(R"({"dist": "empirical", "bins_min": [0, 1, 2], "weights": [1]})"),
        dist(R"({"dist": "empirical", "bins_min": [0, 1, 2], "weights": [1, -1]})"),
        dist(R"({"dist": "empirical", "bins_min": [0, 1, 2], "weights": [0, 0]})"),
        ltr(R"({"dist": "normal", "mean_min": 7, "sd_min": 1})"),
        ltr(R"({"dist": "constant", "value": 10000000})"),
        ltr(R"({"dist": "empirical", "values": [7, "x"]})"),
        ltr(R"({"dist": "empirical", "values": [7, 10000000]})"),
    };
}

/// Changes of a scenario that break a rule of their operation, each the only change of the
/// scenario "broken" (the inputs of test_scenario.cpp's error tests).
std::vector<Json> scenario_cases() {
    return {
        Json::parse(R"([{"op": "scale_demand", "factr": 1.1}])"),
        Json::parse(R"([{"op": "scale_demand"}])"),
        Json::parse(R"([{"op": "scale_demand", "factor": -2}])"),
        Json::parse(R"([{"op": "scale_demand", "factor": 2, "journey": "outagee"}])"),
        Json::parse(R"([{"op": "scale"}])"),
        Json::parse(R"([{"path": "/channels"}])"),
        Json::parse(R"([{"op": "add_channel", "id": "phone", "channel": {}}])"),
        Json::parse(R"([{"op": "add_channel", "id": "w"}])"),
        Json::parse(R"([{"op": "add_channel", "id": "w", "channel": {}, "offer_at": "here"}])"),
        Json::parse(R"([{"op": "add_channel", "id": "w", "channel": {}, "offer_at": [3]}])"),
        Json::parse(R"([{"op": "add_channel", "id": "w", "channel": {}, "offer_at": []}])"),
        Json::parse(R"([{"op": "add_channel", "id": "w", "channel": {},
                         "offer_at": [{"journey": "outge", "touchpoint": "contact"}]}])"),
        Json::parse(R"([{"op": "add_channel", "id": "w", "channel": {},
                         "offer_at": [{"journey": "outage", "touchpoint": "notice"}]}])"),
        Json::parse(R"([{"op": "add_channel", "id": "w", "channel": {}, "preference": 3}])"),
        Json::parse(R"([{"op": "add_channel", "id": "w", "channel": {},
                         "preference": {"digitl": 1}}])"),
        Json::parse(R"([{"op": "add_channel", "id": "w", "channel": {},
                         "preference": {"digital": -1}}])"),
        Json::parse(R"([{"op": "add_channel", "id": "w", "channel": {"mode": "live"}}])"),
        Json::parse(R"([{"op": "remove_channel"}])"),
        Json::parse(R"([{"op": "remove_channel", "id": 3}])"),
        Json::parse(R"([{"op": "remove_channel", "id": "fax"}])"),
        Json::parse(R"([{"op": "replace", "path": "/journeys/outage/touchpoints/contact/channels",
                         "value": ["phone"]}, {"op": "remove_channel", "id": "phone"}])"),
        Json::parse(R"([{"op": "set_agents", "team": "frontline"}])"),
        Json::parse(R"([{"op": "set_agents", "team": "frontlin", "agents": 3}])"),
        Json::parse(R"([{"op": "replace", "path": "/nope/x", "value": 1}])"),
        Json::parse(R"([{"op": "add", "path": "/channels/chat/fix_rate/x", "value": 1}])"),
        Json::parse(R"([{"op": "replace", "path": "/channels/chat/fix_rate", "value": 2}])"),
        Json::parse(R"([{"op": "replace", "path": "/journeys/outage", "value": 3},
                        {"op": "remove_channel", "id": "phone"}])"),
        Json::parse(R"([{"op": "replace", "path": "/journeys/outage/start", "value": 3},
                        {"op": "add_channel", "id": "w", "channel": {}}])"),
        Json::parse(R"({"op": "scale_demand"})"),
    };
}

/// A scenario file for the base model using every kind of change.
constexpr const char* kBaseScenarios = R"json({
  "journeysim_scenarios": 1,
  "name": "What-ifs",
  "base": "model.json",
  "scenarios": {
    "everything": {
      "description": "One change of each kind.",
      "changes": [
        {"op": "replace", "path": "/channels/chat/fix_rate", "value": 0.8},
        {"op": "add_channel", "id": "whatsapp",
         "channel": {"mode": "messaging", "team": "frontline",
                     "handle_time": {"dist": "exponential", "mean_min": 6}},
         "offer_at": [{"journey": "outage", "touchpoint": "contact"}],
         "preference": {"digital": 2}, "new_demand": 0.1},
        {"op": "remove_channel", "id": "email", "give_up_share": 0.2},
        {"op": "scale_demand", "factor": 1.1, "journey": "outage"},
        {"op": "set_agents", "team": "frontline", "factor": 1.2}
      ]
    }
  }
})json";

journeysim::ScenarioSet load_scenarios(const std::string& text) {
    return journeysim::load_scenarios_text(text, "scenarios.json", journeysim::InputLimits{},
                                           [](const fs::path& path) {
                                               if (path.filename() == "model.json")
                                                   return std::string(kBaseModel);
                                               return journeysim::read_input_file(path);
                                           });
}

}  // namespace

TEST_CASE("every diagnostic of an invalid model or scenario carries a hint", "[load]") {
    Battery battery;

    SECTION("each value of the base model removed or replaced") {
        mutate_each(Json::parse(kBaseModel), battery, [](const std::string& text) {
            journeysim::load_model_text(text, "model.json");
        });
        // Warnings of models that load are checked too.
        battery.check(journeysim::test::try_load(R"({"journeysim": 1, "name": "n",
            "channels": {"phone": {"mode": "live", "team": "t",
                                   "handle_time": {"dist": "exponential", "mean_min": 5}},
                         "unused": {"mode": "self_service", "success_rate": 0.5}},
            "teams": {"t": {"agents": 0, "skills": ["phone", "nothing"]}},
            "segments": {"all": {"share": 1, "baseline_ltr": {"dist": "constant", "value": 7}}},
            "journeys": {"j": {"arrivals": {"per_day": 0}, "start": "call", "touchpoints": {
                "call": {"kind": "contact", "channels": ["phone"], "on_fixed": "done"},
                "lost": {"kind": "step", "next": "done"},
                "done": {"kind": "end", "outcome": "resolved"}}}},
            "employee_journeys": {"e": {"for": {"channel": "phone"}, "start": "a", "steps": {
                "a": {"next": "b"}, "b": {"kind": "end", "fixed": true},
                "c": {"next": "b"}}}}})")
                          .diagnostics,
                      "a model with every warning");
        for (const auto& changes : model_cases()) {
            Json doc = Json::parse(kBaseModel);
            std::string input;
            for (const auto& [pointer, value] : changes) {
                doc[Json::json_pointer(pointer)] = value;
                input += pointer + " = " + value.dump() + "; ";
            }
            const auto attempt = journeysim::test::try_load(doc.dump());
            INFO(input);
            CHECK_FALSE(attempt.diagnostics.empty());  // each case breaks a rule
            battery.check(attempt.diagnostics, input);
        }
        CHECK(battery.messages.size() > 120);
    }

    SECTION("each value of a scenario file removed or replaced") {
        REQUIRE(load_scenarios(kBaseScenarios).scenarios.size() == 1);
        mutate_each(Json::parse(kBaseScenarios), battery,
                    [](const std::string& text) { load_scenarios(text); });
        for (const auto& changes : scenario_cases()) {
            Json doc = Json::parse(kBaseScenarios);
            doc["scenarios"]["broken"] = {{"changes", changes}};
            const std::string text = doc.dump();
            CHECK_THROWS_AS(load_scenarios(text), InputError);
            battery.run([&] { load_scenarios(text); }, changes.dump());
        }
        CHECK(battery.messages.size() > 50);
    }

    SECTION("the invalid files kept in tests/data") {
        const fs::path data = fs::path(JOURNEYSIM_SOURCE_DIR) / "tests" / "data";
        std::size_t files = 0;
        for (const auto& entry : fs::recursive_directory_iterator(data)) {
            if (entry.path().extension() != ".json") continue;
            const std::string path = entry.path().string();
            if (path.find("expected") != std::string::npos) continue;  // result files
            ++files;
            battery.run(
                [&] {
                    if (journeysim::is_scenario_file(path)) {
                        journeysim::load_scenarios_file(path);
                    } else {
                        journeysim::load_model_file(path);
                    }
                },
                path);
        }
        CHECK(files >= 20);
    }

    SECTION("files that cannot be read or parsed") {
        const fs::path dir = fs::temp_directory_path() / "journeysim-hint-tests";
        fs::create_directories(dir);
        battery.run([&] { journeysim::load_model_file(dir / "missing.json"); }, "a missing file");
        battery.run([&] { journeysim::load_model_file(dir); }, "a directory");
        journeysim::InputLimits small;
        small.max_bytes = 10;
        small.max_depth = 3;
        for (const std::string text :
             {"{", "{\"a\": 1 \"b\": 2}", "[1e400]", "{\"a\": 1, \"a\": 2}", "[[[[[]]]]]",
              "\"a model\"", "{\"journeysim_scenarios\": 1}", "{\"journeysim\": 2}",
              "{\"journeysim\": 1, \"\": {}}"}) {
            battery.run([&] { journeysim::load_model_text(text, "model.json", small); }, text);
            battery.run([&] { journeysim::load_model_text(text, "model.json"); }, text);
            battery.run([&] { load_scenarios(text); }, text);
        }
        battery.run([&] { journeysim::load_model_text(std::string(40, ' '), "m.json", small); },
                    "a file over the size limit");
    }

    SECTION("the planner, the diagrams and the flow overlay") {
        const auto model = journeysim::load_model_text(kBaseModel, "model.json").model;
        for (const char* target : {"phnoe:0.8/20", "whatsapp:0.8/20", "web:0.8/20"}) {
            battery.run(
                [&] { journeysim::resolve_target(*model, journeysim::parse_target_spec(target)); },
                target);
        }
        journeysim::StaffingOptions odd_interval;
        odd_interval.interval_min = 20;
        battery.run([&] { journeysim::plan_staffing(model, {}, odd_interval); },
                    "a planning interval of 20 min");
        battery.run(
            [&] {
                journeysim::plan_staffing(model, {{0, 1.5, 20}}, {});
            },
            "a target share of 1.5");
        battery.run(
            [&] {
                journeysim::plan_staffing(model, {{3, 0.8, 20}}, {});
            },
            "a target on a self-service channel");
        journeysim::StaffingOptions no_targets;
        no_targets.use_model_targets = false;
        battery.run([&] { journeysim::plan_staffing(model, {}, no_targets); }, "no targets");

        journeysim::DrawOptions draw;
        draw.journey = "nope";
        battery.run(
            [&] { journeysim::render_diagram(*model, draw, journeysim::DiagramFormat::Dot); },
            "drawing an unknown journey");
        for (const std::string result :
             {"not json", "{}", R"({"journeysim_result": 2})", R"({"journeysim_result": 1})",
              R"({"journeysim_result": 1, "model": "another"})"}) {
            battery.run([&] { journeysim::flow_overlay_from_json(*model, result, "r.json"); },
                        result);
        }
        CHECK(battery.diagnostics >= 12);
    }

    INFO(battery.report());
    CHECK(battery.without_hint.empty());
    CHECK(battery.diagnostics > 0);
}
