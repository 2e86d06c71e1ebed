#pragma once
// Shared by the loader tests: a small valid model to start from, and helpers that load text
// and capture the diagnostics of the InputError it raises.

#include <journeysim/error.hpp>
#include <journeysim/load.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim::test {

/// A small valid model without warnings: four channels (one of each main mode), two teams (one
/// with a schedule), two segments, one journey with a step, a self-service touchpoint, a
/// contact and two ends, and an employee journey with a hand-off bound to the contact.
inline constexpr const char* kBaseModel = R"json({
  "journeysim": 1,
  "name": "Base model",
  "description": "A small model every validation test starts from.",
  "horizon": {"days": 7, "warmup_days": 1, "interval_min": 15},
  "channels": {
    "phone": {"mode": "live", "label": "Phone", "hours": "mon-fri 08:00-20:00", "team": "frontline",
              "handle_time": {"dist": "lognormal", "mean_min": 7, "sd_min": 3},
              "patience": {"dist": "exponential", "mean_min": 4},
              "service_target": {"answer_within_s": 20, "share": 0.8}, "cost_per_contact": 6.5},
    "chat": {"mode": "messaging", "team": "frontline", "concurrency": 2,
             "handle_time": {"dist": "gamma", "mean_min": 12, "sd_min": 6}, "fix_rate": 0.6},
    "email": {"mode": "async", "team": "backoffice",
              "handle_time": {"dist": "gamma", "mean_min": 9, "sd_min": 4}, "fix_rate": 0.5,
              "service_target": {"respond_within_h": 24, "share": 0.9}},
    "web": {"mode": "self_service", "success_rate": 0.4}
  },
  "teams": {
    "frontline": {"agents": 10, "skills": ["phone", "chat"], "cost_per_hour": 38},
    "backoffice": {"schedule": [{"hours": "mon-fri 09:00-17:00", "agents": 3}],
                   "skills": ["email", "field_work"]}
  },
  "segments": {
    "digital": {"share": 0.4, "baseline_ltr": {"dist": "normal", "mean": 7, "sd": 1.5},
                "channel_preference": {"chat": 3, "phone": 1, "email": 1}},
    "traditional": {"share": 0.6, "baseline_ltr": {"dist": "normal", "mean": 7.5, "sd": 1.2},
                    "channel_preference": {"phone": 4, "chat": 0.5, "email": 1}}
  },
  "sentiment": {"fixed_first_time": 0.8, "per_repeat_contact": -1.2, "abandoned": -1.5,
                "wait_tolerance_min": {"live": 2}, "per_min_over_tolerance": {"live": -0.05},
                "unresolved": -3},
  "journeys": {
    "outage": {
      "arrivals": {"per_day": 500, "weekday_profile": [1.2, 1, 1, 1, 1, 0.8, 0.6],
                   "intraday_profile": "office", "segments": {"digital": 0.5, "traditional": 0.5}},
      "start": "notice",
      "touchpoints": {
        "notice": {"kind": "step", "next": [{"to": "status", "p": 0.4}, {"to": "contact", "p": 0.6}]},
        "status": {"kind": "self_service", "channel": "web", "on_success": "repaired",
                   "on_fail": "contact"},
        "contact": {"kind": "contact", "channels": ["phone", "chat", "email"], "stickiness": 0.8,
                    "on_fixed": "repaired", "max_attempts": 3, "on_give_up": "gave_up"},
        "repaired": {"kind": "end", "outcome": "resolved"},
        "gave_up": {"kind": "end", "outcome": "unresolved"}
      }
    }
  },
  "employee_journeys": {
    "call": {
      "for": {"journey": "outage", "touchpoint": "contact", "channels": ["phone"]},
      "start": "identify",
      "steps": {
        "identify": {"duration": {"dist": "lognormal", "mean_min": 2, "sd_min": 1},
                     "next": [{"to": "fixed", "p": 0.7}, {"to": "visit", "p": 0.2},
                              {"to": "not_fixed", "p": 0.1}]},
        "visit": {"kind": "handoff", "team": "backoffice", "work": "field_work",
                  "duration": {"dist": "exponential", "mean_min": 10}, "next": "fixed"},
        "fixed": {"kind": "end", "fixed": true},
        "not_fixed": {"kind": "end", "fixed": false}
      }
    }
  }
}
)json";

/// What loading some text gave: the model, or the diagnostics of the `InputError` raised.
struct LoadAttempt {
    std::shared_ptr<const Model> model;
    std::vector<Diagnostic> diagnostics;  ///< all of them, errors and warnings
    bool threw = false;

    std::vector<Diagnostic> of(Severity severity) const {
        std::vector<Diagnostic> out;
        for (const auto& d : diagnostics) {
            if (d.severity == severity) out.push_back(d);
        }
        return out;
    }
    std::vector<Diagnostic> errors() const { return of(Severity::Error); }
    std::vector<Diagnostic> warnings() const { return of(Severity::Warning); }
};

/// Every diagnostic as the CLI prints it, for failure messages.
inline std::string describe(const std::vector<Diagnostic>& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics)
        out += d.format() + "\n";
    return out.empty() ? std::string("(no diagnostics)") : out;
}

/// Loads `text`; an `InputError` is caught and its diagnostics returned. Any other exception
/// escapes (and fails the test).
inline LoadAttempt try_load(std::string_view text, const InputLimits& limits = {},
                            const std::string& file = "model.json") {
    LoadAttempt attempt;
    try {
        auto loaded = load_model_text(text, file, limits);
        attempt.model = loaded.model;
        attempt.diagnostics = loaded.warnings;
    } catch (const InputError& e) {
        attempt.threw = true;
        attempt.diagnostics = e.diagnostics();
    }
    return attempt;
}

/// A branch touchpoint "triage" put between "notice" and the rest of the base model's journey.
inline void add_branch(nlohmann::ordered_json& model, nlohmann::ordered_json branch) {
    auto& tps = model["journeys"]["outage"]["touchpoints"];
    tps["notice"]["next"] = "triage";
    tps["triage"] = std::move(branch);
}

/// A branch with one rule (digital customers to the status page), otherwise the contact.
inline nlohmann::ordered_json rules_branch() {
    return nlohmann::ordered_json::parse(R"({"kind": "branch",
        "rules": [{"when": {"segment": "digital"}, "to": "status"}],
        "otherwise": "contact"})");
}

/// The base model as a JSON document each test changes before loading it.
class ModelFixture {
  protected:
    nlohmann::ordered_json model = nlohmann::ordered_json::parse(kBaseModel);

    LoadAttempt load() const { return try_load(model.dump(2)); }

    /// The errors found in `model`; the load must fail.
    std::vector<Diagnostic> errors() const {
        const auto attempt = load();
        INFO(describe(attempt.diagnostics));
        REQUIRE(attempt.threw);
        return attempt.errors();
    }

    /// The one error found in `model`; fails unless there is exactly one.
    Diagnostic error() const {
        const auto found = errors();
        INFO(describe(found));
        REQUIRE(found.size() == 1);
        return found.front();
    }

    /// Loads `model`, which must succeed, and returns its warnings.
    std::vector<Diagnostic> warnings() const {
        const auto attempt = load();
        INFO(describe(attempt.diagnostics));
        REQUIRE_FALSE(attempt.threw);
        REQUIRE(attempt.model);
        return attempt.warnings();
    }

    /// A touchpoint of the journey "outage".
    nlohmann::ordered_json& touchpoint(const std::string& id) {
        return model["journeys"]["outage"]["touchpoints"][id];
    }
    /// A step of the employee journey "call".
    nlohmann::ordered_json& step(const std::string& id) {
        return model["employee_journeys"]["call"]["steps"][id];
    }
};

}  // namespace journeysim::test
