// Load -> save -> load gives an equal model, for every example model and for a model using every
// feature of the format; numbers written with a unit come back exactly as written.

#include "load_test_support.hpp"

#include <journeysim/load.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using journeysim::LoadedModel;
using journeysim::Model;
using journeysim::test::describe;
using Json = nlohmann::ordered_json;

namespace {

/// A model using every feature of the format: every channel mode, every distribution family
/// in every unit, custom 24- and 96-slot intraday weights, schedules, priorities, branch rules
/// on every condition, contacts with every option, and employee journeys bound by channel and
/// by touchpoint.
constexpr const char* kEveryFeature = R"json({
  "$schema": "../schema/model.schema.json",
  "journeysim": 1,
  "name": "Every feature",
  "description": "Synthetic: exercises every field of the model format.",
  "horizon": {"days": 10.5, "warmup_days": 1.25, "interval_min": 30, "run_out_days": 40},
  "channels": {
    "phone": {"mode": "live", "label": "Phone line", "hours": "mon-fri 08:00-20:00; sat 09:00-17:00",
              "team": "frontline",
              "handle_time": {"dist": "lognormal", "mean_s": 427, "sd_s": 183.3},
              "wrap_up": {"dist": "constant", "value_s": 7.7},
              "fix_rate": 0.71, "patience": {"dist": "exponential", "mean_s": 95.1},
              "service_target": {"answer_within_s": 20, "share": 0.8},
              "cost_per_contact": 6.55, "experience": -0.1},
    "chat": {"mode": "messaging", "hours": "daily 07:00-23:00", "team": "frontline",
             "concurrency": 3, "handle_time": {"dist": "gamma", "mean_min": 12.3, "sd_min": 6.1},
             "patience": {"dist": "uniform", "min_min": 0.5, "max_min": 9.9},
             "service_target": {"answer_within_s": 45.5, "share": 0.85}, "experience": 0.3},
    "email": {"mode": "async", "team": "backoffice",
              "handle_time": {"dist": "triangular", "min_min": 2, "mode_min": 7.5, "max_min": 31},
              "service_target": {"respond_within_h": 7.3, "share": 0.9},
              "cost_per_contact": 3.85},
    "shop": {"mode": "in_person", "label": "Shop", "hours": "sun 22:00-02:00; tue,thu 10:00-12:00, 13:00-17:30",
             "team": "retail", "handle_time": {"dist": "normal", "mean_h": 0.3, "sd_h": 0.07},
             "patience": {"dist": "empirical", "values_s": [30, 61.7, 95, 200.3]}},
    "bot": {"mode": "self_service", "label": "Chatbot", "success_rate": 0.17,
            "duration": {"dist": "empirical", "bins_s": [0, 30.3, 90.7, 600], "weights": [1, 3.5, 0.5]},
            "cost_per_contact": 0.1, "experience": -0.4},
    "web": {"mode": "self_service", "success_rate": 0.5, "hours": "24/7",
            "duration": {"dist": "exponential", "mean_d": 0.0033}}
  },
  "teams": {
    "frontline": {"label": "Front line", "agents": 21, "skills": ["phone", "chat"],
                  "priority": ["chat", "phone"], "cost_per_hour": 38.5},
    "backoffice": {"schedule": [{"hours": "mon-fri 09:00-17:00", "agents": 8},
                                {"hours": "mon-fri 12:00-20:00", "agents": 3},
                                {"hours": "sat 10:00-14:00", "agents": 0}],
                   "skills": ["email", "field_planning", "billing_correction"], "cost_per_hour": 42},
    "retail": {"agents": 3, "skills": ["shop"]}
  },
  "segments": {
    "digital": {"label": "Digital first", "share": 0.45, "digital_affinity": 1.3,
                "patience_factor": 0.8, "waits_for_preferred": 0.3,
                "return_after_opening": {"dist": "lognormal", "mean_min": 45, "sd_min": 30},
                "baseline_ltr": {"dist": "normal", "mean": 7.2, "sd": 1.6},
                "channel_preference": {"chat": 3, "phone": 1, "email": 0, "shop": 0.2}},
    "traditional": {"share": 0.35, "digital_affinity": 0.6,
                    "baseline_ltr": {"dist": "triangular", "min": 3, "mode": 8, "max": 10},
                    "channel_preference": {"phone": 4, "shop": 2, "chat": 1, "email": 1}},
    "mixed": {"share": 0.2, "baseline_ltr": {"dist": "empirical", "values": [6, 7, 8, 9, 10]}}
  },
  "sentiment": {"fixed_first_time": 0.8, "per_repeat_contact": -1.2, "abandoned": -1.5,
                "self_service_failed": -0.3, "missed_response_target": -0.5, "unresolved": -3,
                "wait_tolerance_min": {"live": 2, "messaging": 10, "async": 480, "in_person": 12.5},
                "per_min_over_tolerance": {"live": -0.05, "messaging": -0.01, "async": -0.002,
                                           "in_person": -0.03}},
  "journeys": {
    "outage": {
      "label": "Broadband outage", "description": "Customers whose connection is down.",
      "arrivals": {"per_day": 700.5, "weekday_profile": [1.2, 1, 1, 1, 1, 0.9, 0.8],
                   "intraday_profile": [0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 1, 3.5, 6, 6.5, 6,
                                        5, 5.5, 5.5, 5, 4.5, 3.5, 2.5, 2, 1.5, 1, 0.5, 0.2],
                   "segments": {"digital": 0.5, "traditional": 0.3, "mixed": 0.2}},
      "start": "notice",
      "touchpoints": {
        "notice": {"kind": "step", "label": "Notices the outage", "experience": -1,
                   "duration": {"dist": "constant", "value_min": 3},
                   "next": [{"to": "status", "p": 0.35}, {"to": "triage", "p": 0.65}]},
        "status": {"kind": "self_service", "channel": "web", "on_success": "wait_repair",
                   "on_fail": "triage"},
        "triage": {"kind": "branch", "label": "Who calls?",
                   "rules": [{"when": {"segment": "digital", "contacts_at_most": 0}, "to": "bot"},
                             {"when": {"last_channel": "phone", "fixed": false,
                                       "contacts_at_least": 2}, "to": "shop_visit"}],
                   "otherwise": [{"to": "contact", "p": 0.9}, {"to": "gave_up", "p": 0.1}]},
        "bot": {"kind": "self_service", "channel": "bot", "on_success": "wait_repair",
                "on_fail": "contact", "retry_delay": {"dist": "constant", "value_min": 5}},
        "contact": {"kind": "contact", "label": "Contacts the provider",
                    "channels": ["phone", "chat", "email"], "stickiness": 0.8,
                    "on_fixed": "wait_repair", "on_not_fixed": "triage", "on_abandon": "contact",
                    "retry_delay": {"dist": "exponential", "mean_h": 1.7},
                    "max_attempts": 4, "on_give_up": "gave_up", "when_closed": "give_up",
                    "fix_rate": 0.66,
                    "handle_time": {"dist": "lognormal", "mean_min": 8.1, "sd_min": 4.05}},
        "shop_visit": {"kind": "contact", "channels": ["shop"], "on_fixed": "wait_repair",
                       "on_not_fixed": "gave_up", "on_abandon": "gave_up", "max_attempts": 2},
        "wait_repair": {"kind": "step", "duration": {"dist": "gamma", "mean_h": 6, "sd_h": 4.4},
                        "next": "repaired"},
        "repaired": {"kind": "end", "outcome": "resolved", "experience": 0.5},
        "gave_up": {"kind": "end", "label": "Gave up", "outcome": "churned"}
      }
    },
    "billing": {
      "arrivals": {"per_day": 250, "intraday_profile": "evening"},
      "start": "ask",
      "touchpoints": {
        "ask": {"kind": "contact", "channels": ["email", "phone"], "on_fixed": "done",
                "on_not_fixed": "split",
                "retry_delay": {"abandoned": {"dist": "exponential", "mean_min": 20},
                                "not_fixed": {"dist": "gamma", "mean_d": 2, "sd_d": 1}}},
        "split": {"kind": "branch",
                  "next": [{"to": "ask", "p": 0.3333333333}, {"to": "done", "p": 0.3333333333},
                           {"to": "unhappy", "p": 0.3333333334}]},
        "done": {"kind": "end", "outcome": "resolved"},
        "unhappy": {"kind": "end", "outcome": "unresolved"}
      }
    },
    "move": {
      "label": "Home move",
      "arrivals": {"per_day": 40, "intraday_profile": "flat"},
      "start": "form",
      "touchpoints": {
        "form": {"kind": "step", "duration": {"dist": "uniform", "min_d": 0.5, "max_d": 2.25},
                 "next": "call"},
        "call": {"kind": "contact", "channels": ["phone"], "on_fixed": "moved",
                 "retry_delay": {"abandoned": {"dist": "constant", "value_min": 10}}},
        "moved": {"kind": "end", "outcome": "resolved"}
      }
    }
  },
  "employee_journeys": {
    "outage_call": {
      "label": "Outage call", "description": "Diagnose, then fix or plan a visit.",
      "for": {"journey": "outage", "touchpoint": "contact", "channels": ["phone", "chat"]},
      "start": "identify",
      "steps": {
        "identify": {"label": "Identify the customer",
                     "duration": {"dist": "lognormal", "mean_s": 90, "sd_s": 31.7},
                     "next": "diagnose"},
        "diagnose": {"duration": {"dist": "empirical", "values_min": [1.5, 2.25, 4, 7.75]},
                     "next": [{"to": "fixed", "p": 0.7}, {"to": "plan_visit", "p": 0.2},
                              {"to": "not_fixed", "p": 0.1}]},
        "plan_visit": {"kind": "handoff", "label": "Plan a visit", "team": "backoffice",
                       "work": "field_planning",
                       "duration": {"dist": "exponential", "mean_min": 10}, "next": "fixed"},
        "fixed": {"kind": "end", "fixed": true},
        "not_fixed": {"kind": "end", "label": "Not fixed", "fixed": false}
      }
    },
    "billing_mail": {
      "for": {"channel": "email"},
      "start": "read",
      "steps": {
        "read": {"duration": {"dist": "triangular", "min_s": 30, "mode_s": 75.5, "max_s": 400},
                 "next": [{"to": "correct", "p": 0.25}, {"to": "answer", "p": 0.75}]},
        "correct": {"kind": "handoff", "team": "backoffice", "work": "billing_correction",
                    "duration": {"dist": "normal", "mean_d": 0.01, "sd_d": 0.004},
                    "next": "answer"},
        "answer": {"duration": {"dist": "constant", "value_h": 0.1}, "next": "done"},
        "done": {"kind": "end", "fixed": true}
      }
    },
    "move_call": {
      "for": {"journey": "move", "touchpoint": "call"},
      "start": "book",
      "steps": {
        "book": {"next": "booked"},
        "booked": {"kind": "end", "fixed": true}
      }
    }
  }
})json";

/// Loads `text`, saves it, loads the result and checks the two models are equal and that
/// saving again gives the same text. Returns the first save.
std::string check_round_trip(const std::string& text, const std::string& name) {
    INFO(name);
    LoadedModel first;
    try {
        first = journeysim::load_model_text(text, name);
    } catch (const journeysim::InputError& e) {
        FAIL("does not load: " << describe(e.diagnostics()));
    }
    REQUIRE(first.model);
    const std::string saved = journeysim::save_model(*first.model);
    LoadedModel second;
    try {
        second = journeysim::load_model_text(saved, name + " (saved)");
    } catch (const journeysim::InputError& e) {
        FAIL("the saved model does not load: " << describe(e.diagnostics()) << "\n" << saved);
    }
    REQUIRE(second.model);
    CHECK(*second.model == *first.model);
    CHECK(journeysim::save_model(*second.model) == saved);
    CHECK(second.warnings.size() == first.warnings.size());
    return saved;
}

std::vector<fs::path> example_models() {
    const fs::path dir = fs::path(JOURNEYSIM_SOURCE_DIR) / "examples";
    std::vector<fs::path> out;
    if (!fs::is_directory(dir)) return out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        const Json doc = Json::parse(in, nullptr, false);
        if (doc.is_object() && doc.contains("journeysim") && doc.at("journeysim") == 1)
            out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("every example model round-trips through save_model", "[load]") {
    const auto examples = example_models();
    REQUIRE_FALSE(examples.empty());
    for (const auto& path : examples) {
        DYNAMIC_SECTION(path.filename().string()) {
            check_round_trip(read_text(path), path.string());
        }
    }
}

TEST_CASE("a model using every feature round-trips through save_model", "[load]") {
    const std::string saved = check_round_trip(kEveryFeature, "every-feature.json");
    const Json original = Json::parse(kEveryFeature);
    const Json written = Json::parse(saved);

    SECTION("the model is read completely") {
        const auto loaded = journeysim::load_model_text(kEveryFeature, "every-feature.json");
        INFO(describe(loaded.warnings));
        CHECK(loaded.warnings.empty());
        const Model& m = *loaded.model;
        CHECK(m.channels.size() == 6);
        CHECK(m.teams[1].schedule.size() == 3);
        CHECK(m.teams[0].priority == std::vector<std::string>{"chat", "phone"});
        CHECK(m.journeys[0].arrivals.intraday_given.size() == 24);
        CHECK(m.journeys[0].touchpoints[2].rules.size() == 2);
        CHECK(m.employee_journeys[1].binding.journey == journeysim::kNone);
        CHECK(m.employee_journeys[2].binding.channels.empty());
    }

    SECTION("numbers with a unit are written back as they were written") {
        const std::vector<std::string> pointers = {
            "/channels/phone/handle_time",
            "/channels/phone/wrap_up",
            "/channels/phone/patience",
            "/channels/phone/service_target",
            "/channels/chat/handle_time",
            "/channels/chat/patience",
            "/channels/chat/service_target",
            "/channels/email/handle_time",
            "/channels/email/service_target",
            "/channels/shop/handle_time",
            "/channels/shop/patience",
            "/channels/bot/duration",
            "/channels/web/duration",
            "/segments/digital/baseline_ltr",
            "/segments/traditional/baseline_ltr",
            "/segments/mixed/baseline_ltr",
            "/journeys/outage/touchpoints/notice/duration",
            "/journeys/outage/touchpoints/contact/retry_delay",
            "/journeys/outage/touchpoints/contact/handle_time",
            "/journeys/outage/touchpoints/wait_repair/duration",
            "/journeys/move/touchpoints/form/duration",
            "/employee_journeys/outage_call/steps/identify/duration",
            "/employee_journeys/outage_call/steps/diagnose/duration",
            "/employee_journeys/outage_call/steps/plan_visit/duration",
            "/employee_journeys/billing_mail/steps/read/duration",
            "/employee_journeys/billing_mail/steps/correct/duration",
            "/employee_journeys/billing_mail/steps/answer/duration",
        };
        for (const auto& p : pointers) {
            INFO(p);
            const Json::json_pointer at(p);
            REQUIRE(written.contains(at));
            CHECK(written.at(at) == original.at(at));
        }
    }

    SECTION("custom intraday weights are written as given") {
        CHECK(written["journeys"]["outage"]["arrivals"]["intraday_profile"] ==
              original["journeys"]["outage"]["arrivals"]["intraday_profile"]);
        CHECK(written["journeys"]["billing"]["arrivals"]["intraday_profile"] == "evening");
    }
}

TEST_CASE("96 quarter-hour intraday weights round-trip", "[load]") {
    Json model = Json::parse(kEveryFeature);
    std::vector<double> weights(96);
    for (std::size_t i = 0; i < weights.size(); ++i)
        weights[i] = static_cast<double>((i * 37) % 11) / 7.0;
    model["journeys"]["billing"]["arrivals"]["intraday_profile"] = weights;
    const std::string saved = check_round_trip(model.dump(1), "quarter-hours.json");
    CHECK(Json::parse(saved)["journeys"]["billing"]["arrivals"]["intraday_profile"] ==
          Json(weights));
}

TEST_CASE("random durations in every unit round-trip exactly", "[load]") {
    // A property check of the unit conversion: values over several orders of magnitude,
    // written in seconds, minutes, hours and days, load back to the same stored minutes. Values
    // written with up to 15 significant digits (as people write them) are also saved as the
    // very same numbers; full 17-digit values need only give the same model, since several of
    // them can convert to one stored number of minutes.
    std::mt19937_64 engine(20240611);
    std::uniform_real_distribution<double> exponent(-3.0,
                                                    3.5);  // up to 3,162 days: within ten years
    std::uniform_int_distribution<int> digits(1, 15);
    auto short_decimal = [&] {
        std::ostringstream s;
        s.precision(digits(engine));
        s << std::pow(10.0, exponent(engine));
        return std::stod(s.str());
    };
    Json model = Json::parse(journeysim::test::kBaseModel);
    for (const char* unit : {"s", "min", "h", "d"}) {
        INFO("unit " << unit);
        Json written_values = Json::array();
        Json full_values = Json::array();
        for (int i = 0; i < 500; ++i) {
            written_values.push_back(short_decimal());
            full_values.push_back(std::pow(10.0, exponent(engine)));
        }
        const std::string values_key = std::string("values_") + unit;
        model["employee_journeys"]["call"]["steps"]["identify"]["duration"] =
            Json{{"dist", "empirical"}, {values_key, written_values}};
        model["channels"]["phone"]["patience"] =
            Json{{"dist", "uniform"},
                 {std::string("min_") + unit, written_values[0]},
                 {std::string("max_") + unit, written_values[0].get<double>() * 3 + 1}};
        model["employee_journeys"]["call"]["steps"]["visit"]["duration"] =
            Json{{"dist", "empirical"}, {values_key, full_values}};
        const Json written =
            Json::parse(check_round_trip(model.dump(), std::string("random-") + unit));
        CHECK(written["employee_journeys"]["call"]["steps"]["identify"]["duration"] ==
              model["employee_journeys"]["call"]["steps"]["identify"]["duration"]);
        CHECK(written["channels"]["phone"]["patience"] == model["channels"]["phone"]["patience"]);
    }
}

TEST_CASE("service targets round-trip in seconds and hours", "[load]") {
    Json model = Json::parse(journeysim::test::kBaseModel);
    for (double s : {0.1, 7.0, 13.3, 20.0, 29.9, 45.5, 123.456}) {
        for (double h : {0.3, 1.0, 7.3, 24.0, 48.1, 0.0333}) {
            model["channels"]["phone"]["service_target"]["answer_within_s"] = s;
            model["channels"]["email"]["service_target"]["respond_within_h"] = h;
            const Json written = Json::parse(check_round_trip(model.dump(), "targets"));
            CHECK(written["channels"]["phone"]["service_target"]["answer_within_s"] == s);
            CHECK(written["channels"]["email"]["service_target"]["respond_within_h"] == h);
        }
    }
}
