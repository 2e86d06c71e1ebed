// Flow overlays: per-day figures from a result (counted or estimated from the model's
// probabilities), reading them back from result JSON, marking a scenario's changes, and drawing
// them over the diagram.

#include "model_builder.hpp"
#include "sim_checks.hpp"

#include <journeysim/draw.hpp>
#include <journeysim/error.hpp>
#include <journeysim/flow.hpp>
#include <journeysim/load.hpp>
#include <journeysim/report.hpp>
#include <journeysim/scenario.hpp>
#include <journeysim/simulate.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

using namespace journeysim;
namespace fs = std::filesystem;

namespace {

constexpr const char* kModel = R"json({
  "journeysim": 1,
  "name": "Flow test",
  "horizon": {"days": 7, "warmup_days": 1},
  "channels": {
    "phone": {"mode": "live", "label": "Phone", "team": "agents", "fix_rate": 0.7,
              "handle_time": {"dist": "exponential", "mean_min": 5}},
    "web": {"mode": "self_service", "label": "Web", "success_rate": 0.5}
  },
  "teams": {"agents": {"agents": 5, "skills": ["phone"], "cost_per_hour": 30}},
  "segments": {
    "a": {"share": 0.5, "digital_affinity": 1.2, "baseline_ltr": {"dist": "normal", "mean": 7, "sd": 1}},
    "b": {"share": 0.5, "digital_affinity": 0.8, "baseline_ltr": {"dist": "normal", "mean": 7, "sd": 1}}
  },
  "journeys": {
    "j": {
      "arrivals": {"per_day": 100},
      "start": "notice",
      "touchpoints": {
        "notice": {"kind": "step", "label": "Notices", "experience": -0.5,
                   "next": [{"to": "web", "p": 0.4}, {"to": "call", "p": 0.6}]},
        "web": {"kind": "self_service", "label": "Looks it up", "channel": "web",
                "on_success": "done", "on_fail": "call"},
        "call": {"kind": "contact", "label": "Calls", "channels": ["phone"], "on_fixed": "done",
                 "on_not_fixed": "call", "on_abandon": "call", "max_attempts": 3,
                 "on_give_up": "gave_up"},
        "done": {"kind": "end", "outcome": "resolved"},
        "gave_up": {"kind": "end", "outcome": "unresolved"}
      }
    }
  }
})json";

std::shared_ptr<const Model> load(const std::string& text) {
    return load_model_text(text, "flow.json").model;
}

void add(Result& r, const std::string& path, std::vector<double> values) {
    r.add(path, std::move(values));
}

/// A result as the engine reports it over 6 measured days, three replications.
Result counted_result() {
    Result r;
    r.model = "Flow test";
    r.replications = 3;
    const std::string tp = "/journeys/j/touchpoints/";
    add(r, tp + "notice/visits", {600, 606, 594});
    add(r, tp + "notice/ltr_change", {-0.5, -0.5, -0.5});
    add(r, tp + "notice/to/web", {240, 246, 234});
    add(r, tp + "notice/to/call", {360, 360, 360});
    add(r, tp + "web/visits", {240, 240, 240});
    add(r, tp + "web/to/done", {120, 120, 120});
    add(r, tp + "web/to/call", {120, 120, 120});
    add(r, tp + "call/visits", {600, 600, 600});
    add(r, tp + "call/fix_rate", {0.7, 0.72, 0.68});
    add(r, tp + "call/ltr_change", {0.3, 0.3, 0.3});
    add(r, tp + "call/to/done", {420, 420, 420});
    add(r, tp + "call/to/call", {150, 150, 150});
    add(r, tp + "call/to/gave_up", {30, 30, 30});
    add(r, "/channels/phone/fix_rate", {0.6, 0.6, 0.6});
    add(r, "/channels/phone/handled", {500, 500, 500});
    return r;
}

const EdgeFlow* edge(const FlowOverlay& o, const std::string& from, const std::string& to) {
    for (const EdgeFlow& e : o.edges)
        if (e.journey == "j" && e.from == from && e.to == to) return &e;
    return nullptr;
}

const TouchpointFlow* point(const FlowOverlay& o, const std::string& id) {
    for (const TouchpointFlow& t : o.touchpoints)
        if (t.journey == "j" && t.touchpoint == id) return &t;
    return nullptr;
}

}  // namespace

TEST_CASE("measured days are the horizon less the warm-up", "[unit][flow]") {
    REQUIRE(measured_days(*load(kModel)) == Approx(6.0));
}

TEST_CASE("counted moves give customers per day along each edge", "[unit][flow]") {
    const auto model = load(kModel);
    const FlowOverlay o = flow_overlay(*model, counted_result());

    const EdgeFlow* to_web = edge(o, "notice", "web");
    REQUIRE(to_web != nullptr);
    CHECK(to_web->per_day == Approx(240.0 / 6));
    CHECK_FALSE(to_web->estimated);
    CHECK(edge(o, "call", "call")->per_day == Approx(150.0 / 6));
    CHECK(edge(o, "call", "gave_up")->per_day == Approx(5.0));
    // Arrivals: the visits of the start touchpoint.
    const EdgeFlow* arrivals = edge(o, "", "notice");
    REQUIRE(arrivals != nullptr);
    CHECK(arrivals->per_day == Approx(100.0));
    CHECK_FALSE(arrivals->estimated);

    const TouchpointFlow* notice = point(o, "notice");
    REQUIRE(notice != nullptr);
    CHECK(*notice->visits_per_day == Approx(100.0));
    CHECK(*notice->ltr_change == Approx(-0.5));
    CHECK_FALSE(notice->fix_rate);
    const TouchpointFlow* call = point(o, "call");
    CHECK(*call->fix_rate == Approx(0.7));  // the touchpoint's own, not the channel's 0.6
    CHECK(*call->ltr_change == Approx(0.3));
    CHECK(o.channels.empty());
    for (const TouchpointFlow& t : o.touchpoints)
        CHECK(t.change == ChangeMark::None);
}

TEST_CASE("without counted moves edges are estimated from visits and probabilities",
          "[unit][flow]") {
    const auto model = load(kModel);
    Result r;
    r.model = "Flow test";
    r.replications = 2;
    add(r, "/journeys/j/touchpoints/notice/visits", {600, 600});
    add(r, "/journeys/j/touchpoints/web/visits", {240, 240});
    add(r, "/journeys/j/touchpoints/call/visits", {300, 300});
    add(r, "/channels/phone/fix_rate", {0.6, 0.6});
    add(r, "/channels/phone/handled", {280, 280});
    const FlowOverlay o = flow_overlay(*model, r);

    // Step: visits × p.
    CHECK(edge(o, "notice", "web")->per_day == Approx(100 * 0.4));
    CHECK(edge(o, "notice", "call")->per_day == Approx(100 * 0.6));
    CHECK(edge(o, "notice", "web")->estimated);
    // Self-service: success rate × the journey's mean digital affinity (0.5 × 1.0).
    CHECK(edge(o, "web", "done")->per_day == Approx(40 * 0.5));
    CHECK(edge(o, "web", "call")->per_day == Approx(40 * 0.5));
    // Contact: the channels' simulated fix rate.
    CHECK(*point(o, "call")->fix_rate == Approx(0.6));
    CHECK(edge(o, "call", "done")->per_day == Approx(50 * 0.6));
    CHECK(edge(o, "call", "call")->per_day == Approx(50 * 0.4));
    CHECK(edge(o, "call", "gave_up") == nullptr);  // the model gives no probability
    // The effect falls back to the touchpoint's own experience.
    CHECK(*point(o, "notice")->ltr_change == Approx(-0.5));
    CHECK_FALSE(point(o, "web")->ltr_change);
}

TEST_CASE("an empty result still gives arrivals from the model", "[unit][flow]") {
    const auto model = load(kModel);
    Result r;
    r.model = "Flow test";
    const FlowOverlay o = flow_overlay(*model, r);
    const EdgeFlow* arrivals = edge(o, "", "notice");
    REQUIRE(arrivals != nullptr);
    CHECK(arrivals->per_day == Approx(100.0));
    CHECK(arrivals->estimated);
    CHECK_FALSE(point(o, "notice")->visits_per_day);
    CHECK(edge(o, "notice", "web") == nullptr);
}

TEST_CASE("a result JSON gives the same overlay as the result", "[unit][flow]") {
    const auto model = load(kModel);
    const Result r = counted_result();
    const FlowOverlay direct = flow_overlay(*model, r);
    const FlowOverlay read = flow_overlay_from_json(*model, result_to_json(r), "result.json");
    REQUIRE(read.edges.size() == direct.edges.size());
    for (std::size_t i = 0; i < read.edges.size(); ++i) {
        CHECK(read.edges[i].from == direct.edges[i].from);
        CHECK(read.edges[i].to == direct.edges[i].to);
        CHECK(read.edges[i].per_day == Approx(direct.edges[i].per_day));
    }
    CHECK(*point(read, "call")->fix_rate == Approx(0.7));
}

TEST_CASE("a result JSON of another model or of nothing is refused", "[unit][flow]") {
    const auto model = load(kModel);
    auto diagnostic = [&](const std::string& text) {
        try {
            flow_overlay_from_json(*model, text, "other.json");
        } catch (const InputError& e) {
            REQUIRE(e.diagnostics().size() == 1);
            return e.diagnostics().front();
        }
        FAIL("no error");
        return Diagnostic{};
    };
    SECTION("another model") {
        Result r = counted_result();
        r.model = "Someone else's model";
        const Diagnostic d = diagnostic(result_to_json(r));
        CHECK(d.file == "other.json");
        CHECK(d.pointer == "/model");
        CHECK(d.message ==
              "this is a result of the model \"Someone else's model\", not of \"Flow test\"");
    }
    SECTION("not a result") {
        const Diagnostic d = diagnostic(R"({"journeysim": 1, "name": "Flow test"})");
        CHECK(d.pointer == "/journeysim_result");
        CHECK(d.message == "not a journeysim result file");
    }
    SECTION("not JSON") {
        const Diagnostic d = diagnostic("{\n  \"journeysim_result\": 1,\n  oops\n}");
        CHECK(d.message == "not valid JSON");
        CHECK(d.line == 3);
    }
}

TEST_CASE("a scenario's changes against its base are marked", "[unit][flow]") {
    const auto base = load(kModel);
    const std::string changes = R"json([
      {"op": "add", "path": "/channels/chat", "value":
        {"mode": "messaging", "label": "Chat", "team": "agents", "fix_rate": 0.6,
         "handle_time": {"dist": "exponential", "mean_min": 8}}},
      {"op": "add", "path": "/teams/agents/skills/-", "value": "chat"},
      {"op": "add", "path": "/journeys/j/touchpoints/call/channels/-", "value": "chat"},
      {"op": "remove", "path": "/journeys/j/touchpoints/web"},
      {"op": "remove", "path": "/channels/web"},
      {"op": "replace", "path": "/journeys/j/touchpoints/notice/next",
       "value": [{"to": "sms", "p": 0.3}, {"to": "call", "p": 0.7}]},
      {"op": "add", "path": "/journeys/j/touchpoints/sms", "value":
        {"kind": "step", "label": "Gets an SMS", "next": "done"}},
      {"op": "replace", "path": "/teams/agents/agents", "value": 7}
    ])json";
    const auto scenario = load(apply_changes(kModel, changes));
    FlowOverlay o = flow_overlay(*scenario, Result{});
    mark_changes(*base, *scenario, o);

    CHECK(point(o, "sms")->change == ChangeMark::Added);
    CHECK(point(o, "notice")->change == ChangeMark::Changed);
    CHECK(point(o, "call")->change == ChangeMark::Changed);  // offers chat as well
    CHECK(point(o, "done")->change == ChangeMark::None);
    const TouchpointFlow* web = point(o, "web");
    REQUIRE(web != nullptr);
    CHECK(web->change == ChangeMark::Removed);
    CHECK(web->label == "Looks it up");

    auto channel = [&](const std::string& id) {
        const auto it = std::find_if(o.channels.begin(), o.channels.end(),
                                     [&](const ChannelChange& c) { return c.channel == id; });
        return it == o.channels.end() ? ChangeMark::None : it->change;
    };
    CHECK(channel("chat") == ChangeMark::Added);
    CHECK(channel("web") == ChangeMark::Removed);
    CHECK(channel("phone") == ChangeMark::Changed);  // its team has more agents

    SECTION("a scenario equal to its base marks nothing") {
        FlowOverlay same = flow_overlay(*base, Result{});
        mark_changes(*base, *base, same);
        CHECK(same.channels.empty());
        for (const TouchpointFlow& t : same.touchpoints)
            CHECK(t.change == ChangeMark::None);
    }
}

TEST_CASE("the flow is drawn over the diagram", "[unit][flow][draw]") {
    const auto model = load(kModel);
    DrawOptions options;
    options.flow = flow_overlay(*model, counted_result());
    const std::string plain = render_diagram(*model, DrawOptions{}, DiagramFormat::Svg);
    const std::string svg = render_diagram(*model, options, DiagramFormat::Svg);
    CHECK(plain.find("40 / day") == std::string::npos);
    CHECK(svg.find("100 / day") != std::string::npos);  // arrivals and the notice node
    CHECK(svg.find("40 / day") != std::string::npos);   // notice → web
    CHECK(svg.find("fixed 70%") != std::string::npos);
    CHECK(svg.find("LTR +0.3 per customer") != std::string::npos);
    CHECK(svg.find("\u2248") == std::string::npos);  // nothing estimated
    // The widest flow (the arrivals, 100 a day) gets the widest pen.
    CHECK(svg.find("stroke-width=\"8\"") != std::string::npos);
    CHECK(plain.find("stroke-width=\"8\"") == std::string::npos);
    CHECK(svg.find("simulated flow") != std::string::npos);  // in the legend

    SECTION("estimated moves are marked") {
        Result r;
        r.model = "Flow test";
        add(r, "/journeys/j/touchpoints/notice/visits", {600});
        options.flow = flow_overlay(*model, r);
        const std::string estimated = render_diagram(*model, options, DiagramFormat::Svg);
        CHECK(estimated.find("\u2248 40 / day") != std::string::npos);
    }
}

TEST_CASE("a scenario's diagram shows what it added, changed and removed", "[unit][flow][draw]") {
    const auto base = load(kModel);
    const std::string changes = R"json([
      {"op": "remove", "path": "/journeys/j/touchpoints/web"},
      {"op": "remove", "path": "/channels/web"},
      {"op": "replace", "path": "/journeys/j/touchpoints/notice/next",
       "value": [{"to": "sms", "p": 0.3}, {"to": "call", "p": 0.7}]},
      {"op": "add", "path": "/journeys/j/touchpoints/sms", "value":
        {"kind": "step", "label": "Gets an SMS <fast>", "next": "done"}}
    ])json";
    const auto scenario = load(apply_changes(kModel, changes));
    DrawOptions options;
    options.flow = flow_overlay(*scenario, Result{});
    mark_changes(*base, *scenario, *options.flow);
    const std::string svg = render_diagram(*scenario, options, DiagramFormat::Svg);
    CHECK(svg.find("+ added") != std::string::npos);
    CHECK(svg.find("\u270e changed") != std::string::npos);
    CHECK(svg.find("Looks it up") != std::string::npos);  // the removed touchpoint, as a ghost
    CHECK(svg.find("removed") != std::string::npos);
    CHECK(svg.find("Gets an SMS &lt;fast&gt;") != std::string::npos);
    CHECK(svg.find("changes against the base") != std::string::npos);
}

namespace {

/// The flow test model with an employee journey behind its contact and a back office that takes
/// hand-offs.
const std::string& employee_model() {
    static const std::string text = apply_changes(kModel, R"json([
      {"op": "add", "path": "/teams/office", "value":
        {"agents": 2, "skills": ["corrections"], "cost_per_hour": 35}},
      {"op": "add", "path": "/employee_journeys", "value": {
        "call_handling": {
          "label": "Call handling",
          "for": {"journey": "j", "touchpoint": "call"},
          "start": "identify",
          "steps": {
            "identify": {"label": "Identifies", "duration": {"dist": "constant", "value_min": 1},
                         "next": "diagnose"},
            "diagnose": {"label": "Diagnoses", "duration": {"dist": "constant", "value_min": 4},
                         "next": [{"to": "fixed", "p": 0.7}, {"to": "escalate", "p": 0.2},
                                  {"to": "not_fixed", "p": 0.1}]},
            "escalate": {"kind": "handoff", "label": "Escalates <to> \"office\"", "team": "office",
                         "work": "corrections", "duration": {"dist": "constant", "value_min": 10},
                         "next": "fixed"},
            "fixed": {"kind": "end", "fixed": true},
            "not_fixed": {"kind": "end", "fixed": false}
          }
        }
      }}
    ])json");
    return text;
}

ChangeMark step_mark(const FlowOverlay& o, const std::string& step,
                     const std::string& employee_journey = "call_handling") {
    ChangeMark mark = ChangeMark::None;
    for (const StepChange& c : o.steps) {
        if (c.employee_journey != employee_journey || c.step != step) continue;
        CHECK(mark == ChangeMark::None);  // one entry at most
        mark = c.change;
    }
    return mark;
}

FlowOverlay marks_of(const Model& base, const Model& scenario) {
    FlowOverlay o;
    mark_changes(base, scenario, o);
    return o;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

/// The SVG group of the node named `name` (from its <title> to the end of the group).
std::string svg_node(const std::string& svg, const std::string& name) {
    const auto start = svg.find("<title>" + name + "</title>");
    if (start == std::string::npos) return {};
    return svg.substr(start, svg.find("</g>", start) - start);
}

/// The Graphviz name of step `step` of employee journey `ej` drawn in journey `journey`.
std::string step_node(const Model& model, const std::string& step,
                      const std::string& ej = "call_handling", const std::string& journey = "j") {
    Index e = 0;
    while (e < model.employee_journeys.size() && model.employee_journeys[e].id != ej)
        ++e;
    REQUIRE(e < model.employee_journeys.size());
    return fmt::format("j{}_e{}_s{}", model.find_journey(journey), e,
                       model.employee_journeys[e].find(step));
}

}  // namespace

TEST_CASE("a scenario's changes to employee journeys are marked step by step", "[unit][flow]") {
    const auto base = load(employee_model());

    SECTION("changed, added and removed steps") {
        const auto scenario = load(apply_changes(employee_model(), R"json([
          {"op": "replace", "path": "/employee_journeys/call_handling/steps/diagnose/next",
           "value": [{"to": "fixed", "p": 0.6}, {"to": "consult", "p": 0.3},
                     {"to": "not_fixed", "p": 0.1}]},
          {"op": "add", "path": "/employee_journeys/call_handling/steps/consult", "value":
            {"label": "Consults a colleague", "duration": {"dist": "constant", "value_min": 3},
             "next": "fixed"}},
          {"op": "remove", "path": "/employee_journeys/call_handling/steps/escalate"}
        ])json"));
        const FlowOverlay o = marks_of(*base, *scenario);
        CHECK(step_mark(o, "diagnose") == ChangeMark::Changed);
        CHECK(step_mark(o, "consult") == ChangeMark::Added);
        CHECK(step_mark(o, "escalate") == ChangeMark::Removed);
        CHECK(step_mark(o, "identify") == ChangeMark::None);
        CHECK(step_mark(o, "fixed") == ChangeMark::None);
        CHECK(step_mark(o, "") == ChangeMark::None);  // the journey as a whole is as it was
        const auto removed = std::find_if(o.steps.begin(), o.steps.end(),
                                          [](const StepChange& c) { return c.step == "escalate"; });
        REQUIRE(removed != o.steps.end());
        CHECK(removed->label == "Escalates <to> \"office\"");
        REQUIRE(o.steps.size() == 3);
    }
    SECTION("a duration, a probability, a label or a hand-off's team each count as a change") {
        const char* changes[] = {
            R"([{"op": "replace", "path": "/employee_journeys/call_handling/steps/identify/duration/value_min", "value": 2}])",
            R"([{"op": "replace", "path": "/employee_journeys/call_handling/steps/diagnose/next/0/p", "value": 0.8},
                {"op": "replace", "path": "/employee_journeys/call_handling/steps/diagnose/next/1/p", "value": 0.1}])",
            R"([{"op": "replace", "path": "/employee_journeys/call_handling/steps/escalate/label", "value": "Escalates"}])",
            R"([{"op": "add", "path": "/teams/agents/skills/-", "value": "corrections"},
                {"op": "replace", "path": "/employee_journeys/call_handling/steps/escalate/team", "value": "agents"}])",
        };
        const char* changed[] = {"identify", "diagnose", "escalate", "escalate"};
        for (std::size_t i = 0; i < std::size(changes); ++i) {
            INFO(changes[i]);
            const auto scenario = load(apply_changes(employee_model(), changes[i]));
            const FlowOverlay o = marks_of(*base, *scenario);
            REQUIRE(o.steps.size() == 1);
            CHECK(o.steps[0].employee_journey == "call_handling");
            CHECK(o.steps[0].step == changed[i]);
            CHECK(o.steps[0].change == ChangeMark::Changed);
        }
    }
    SECTION("an employee journey the scenario adds has every step added") {
        const auto without = load(kModel);
        const FlowOverlay o = marks_of(*without, *base);
        CHECK(step_mark(o, "") == ChangeMark::Added);
        for (const char* step : {"identify", "diagnose", "escalate", "fixed", "not_fixed"})
            CHECK(step_mark(o, step) == ChangeMark::Added);
    }
    SECTION("an employee journey the scenario removes is named on the contact it handled") {
        const auto without = load(kModel);
        const FlowOverlay o = marks_of(*base, *without);
        REQUIRE(o.steps.size() == 1);
        CHECK(o.steps[0].step.empty());
        CHECK(o.steps[0].change == ChangeMark::Removed);
        CHECK(o.steps[0].label == "Call handling");
        CHECK(point(o, "call")->removed_employee_journeys ==
              std::vector<std::string>{"Call handling"});
        CHECK(point(o, "notice")->removed_employee_journeys.empty());
    }
    SECTION("binding the employee journey elsewhere changes it as a whole") {
        const auto scenario = load(apply_changes(
            employee_model(),
            R"([{"op": "replace", "path": "/employee_journeys/call_handling/for", "value": {"channel": "phone"}}])"));
        const FlowOverlay o = marks_of(*base, *scenario);
        REQUIRE(o.steps.size() == 1);
        CHECK(step_mark(o, "") == ChangeMark::Changed);
    }
    SECTION("a scenario equal to its base marks no step") {
        CHECK(marks_of(*base, *base).steps.empty());
    }
}

TEST_CASE("the flagship mandate scenario marks the employee steps it changes", "[unit][flow]") {
    const ScenarioSet set = load_scenarios_file(std::filesystem::path(JOURNEYSIM_SOURCE_DIR) /
                                                "examples" / "telecom-whatifs.json");
    const auto mandate = std::find_if(set.scenarios.begin(), set.scenarios.end(),
                                      [](const Scenario& s) { return s.name == "agent_mandate"; });
    REQUIRE(mandate != set.scenarios.end());
    const FlowOverlay o = marks_of(*set.base, *mandate->model);
    std::vector<std::string> changed;
    for (const StepChange& c : o.steps) {
        CHECK(c.change == ChangeMark::Changed);
        changed.push_back(c.employee_journey + "/" + c.step);
    }
    std::sort(changed.begin(), changed.end());
    CHECK(changed == std::vector<std::string>{"billing_call/check_error", "billing_call/explain",
                                              "billing_call/small_credit", "outage_call/consult",
                                              "outage_call/diagnose"});

    DrawOptions options;
    options.journey = "billing";
    options.flow = o;
    const std::string svg = render_diagram(*mandate->model, options, DiagramFormat::Svg);
    const std::string credit =
        svg_node(svg, step_node(*mandate->model, "small_credit", "billing_call", "billing"));
    CHECK(credit.find("Goodwill credit within mandate (up to 75)") != std::string::npos);
    CHECK(credit.find("\u270e changed") != std::string::npos);
    CHECK(credit.find("stroke=\"#1565c0\"") != std::string::npos);
    CHECK(svg_node(svg, step_node(*mandate->model, "identify", "billing_call", "billing"))
              .find("changed") == std::string::npos);
}

TEST_CASE("a scenario's diagram marks employee steps added, changed and removed",
          "[unit][flow][draw]") {
    const auto base = load(employee_model());
    const auto scenario = load(apply_changes(employee_model(), R"json([
      {"op": "replace", "path": "/employee_journeys/call_handling/steps/diagnose/next",
       "value": [{"to": "fixed", "p": 0.6}, {"to": "consult", "p": 0.3},
                 {"to": "not_fixed", "p": 0.1}]},
      {"op": "add", "path": "/employee_journeys/call_handling/steps/consult", "value":
        {"label": "<b>Consults</b> & \"co\"", "duration": {"dist": "constant", "value_min": 3},
         "next": "fixed"}},
      {"op": "remove", "path": "/employee_journeys/call_handling/steps/escalate"}
    ])json"));
    DrawOptions options;
    options.flow.emplace();  // marks alone, no simulated figures
    mark_changes(*base, *scenario, *options.flow);
    const std::string svg = render_diagram(*scenario, options, DiagramFormat::Svg);

    const std::string diagnose = svg_node(svg, step_node(*scenario, "diagnose"));
    CHECK(diagnose.find("\u270e changed") != std::string::npos);
    CHECK(diagnose.find("stroke=\"#1565c0\"") != std::string::npos);
    const std::string consult = svg_node(svg, step_node(*scenario, "consult"));
    CHECK(consult.find("+ added") != std::string::npos);
    CHECK(consult.find("stroke=\"#2e7d32\"") != std::string::npos);
    CHECK(consult.find("&lt;b&gt;Consults&lt;/b&gt; &amp; &quot;co&quot;") != std::string::npos);
    const std::string identify = svg_node(svg, step_node(*scenario, "identify"));
    CHECK(identify.find("changed") == std::string::npos);
    CHECK(identify.find("added") == std::string::npos);
    // The removed hand-off stays as a ghost in the lane, its name struck through.
    const std::string ghost = svg_node(svg, "j0_e0_removed0");
    CHECK(ghost.find("Escalates &lt;to&gt; &quot;office&quot;") != std::string::npos);
    CHECK(ghost.find("text-decoration=\"line-through\"") != std::string::npos);
    CHECK(ghost.find("removed") != std::string::npos);
    CHECK(ghost.find("stroke-dasharray") != std::string::npos);
    CHECK(svg.find("<b>") == std::string::npos);
    // The legend explains the marks; with no simulated figures it has no flow key.
    CHECK(svg.find("changes against the base") != std::string::npos);
    CHECK(svg.find("simulated flow") == std::string::npos);

    SECTION("a removed employee journey is named on its contact and in the legend") {
        const auto without = load(apply_changes(
            employee_model(),
            R"([{"op": "replace", "path": "/employee_journeys/call_handling/label", "value": "<i>Calls</i>"}])"));
        const auto none = load(kModel);
        DrawOptions removed;
        removed.flow.emplace();
        mark_changes(*without, *none, *removed.flow);
        const std::string drawn = render_diagram(*none, removed, DiagramFormat::Svg);
        const std::string call = svg_node(drawn, "j0_t2");
        CHECK(call.find("employee journey") != std::string::npos);
        CHECK(call.find("&lt;i&gt;Calls&lt;/i&gt;") != std::string::npos);
        CHECK(drawn.find("<i>") == std::string::npos);
        CHECK(count_of(drawn, "&lt;i&gt;Calls&lt;/i&gt;") == 2);  // the contact and the legend
    }
    SECTION("an added employee journey's lane says so") {
        const auto none = load(kModel);
        DrawOptions added;
        added.flow.emplace();
        mark_changes(*none, *base, *added.flow);
        const std::string drawn = render_diagram(*base, added, DiagramFormat::Svg);
        const auto lane = drawn.find("<title>cluster_j0_e0</title>");
        REQUIRE(lane != std::string::npos);
        const std::string title = drawn.substr(lane, drawn.find("</g>", lane) - lane);
        CHECK(title.find("Call handling") != std::string::npos);
        CHECK(title.find("+ added") != std::string::npos);
    }
}

TEST_CASE("simulated flows: the edges into every touchpoint add up to its visits", "[unit][flow]") {
    // Nodes and edges count the same customers over the same period, in every example (loops
    // back to a journey's start included).
    const fs::path examples = fs::path(JOURNEYSIM_SOURCE_DIR) / "examples";
    for (const char* name : {"telecom.json", "energy.json", "webshop.json", "mandate.json"}) {
        INFO(name);
        const auto loaded = load_model_file(examples / name);
        SimulationOptions options;
        options.replications = 2;
        options.threads = 1;
        const Result result = simulate(loaded.model, options);
        const FlowOverlay o = flow_overlay(*loaded.model, result);
        for (const TouchpointFlow& tp : o.touchpoints) {
            INFO(tp.journey << "/" << tp.touchpoint);
            REQUIRE(tp.visits_per_day);
            double in = 0;
            for (const EdgeFlow& e : o.edges) {
                if (e.journey != tp.journey || e.to != tp.touchpoint) continue;
                CHECK_FALSE(e.estimated);
                in += e.per_day;
            }
            CHECK(in == Approx(*tp.visits_per_day).margin(1e-9));
        }
    }
}

TEST_CASE("simulated flows: a journey that starts at a contact counts its retries once",
          "[unit][flow]") {
    // Customers start at the call; half the calls do not fix the issue and the customer calls
    // again, back into the start. The arrivals edge carries the arrivals alone.
    testing::ModelBuilder b("retries");
    b.horizon(7);
    b.team("agents", 8);
    b.channel("phone", ChannelMode::Live, "agents", testing::exponential(4)).fix_rate = 0.5;
    b.segment("everyone");
    b.journey("j", 200, "call");
    b.contact("call", {"phone"}, "done").tp.max_attempts = 20;
    b.end("done");
    const ValidModel model = validate(b.build());
    const Result result = simulate(model, testing::sim_options(2, 3));
    const FlowOverlay o = flow_overlay(*model, result);
    const EdgeFlow* arrivals = edge(o, "", "call");
    const EdgeFlow* again = edge(o, "call", "call");
    REQUIRE(arrivals != nullptr);
    REQUIRE(again != nullptr);
    CHECK(again->per_day > 100);  // about as many retries as arrivals
    CHECK(arrivals->per_day + again->per_day == Approx(*point(o, "call")->visits_per_day));
    // Every customer arrives once: the arrivals edge is the journey's counted customers.
    CHECK(arrivals->per_day * 7 == Approx(result.at("/journeys/j/customers").mean));
}
