// The retry fields of a contact: one delay or one per case, bounded attempts, and the warning
// when customers who can abandon are left to the defaults.
#include <journeysim/error.hpp>
#include <journeysim/load.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace journeysim;

namespace {

std::string model_with(const std::string& contact_extra) {
    return R"({
  "journeysim": 1, "name": "retries",
  "channels": {"phone": {"mode": "live", "team": "agents",
                         "handle_time": {"dist": "exponential", "mean_min": 5},
                         "patience": {"dist": "exponential", "mean_min": 2}}},
  "teams": {"agents": {"agents": 5, "skills": ["phone"]}},
  "segments": {"everyone": {"share": 1, "baseline_ltr": {"dist": "constant", "value": 7}}},
  "journeys": {"ask": {"arrivals": {"per_day": 100}, "start": "call", "touchpoints": {
    "call": {"kind": "contact", "channels": ["phone"], "on_fixed": "done")" +
           contact_extra + R"(},
    "done": {"kind": "end", "outcome": "resolved"}}}}
})";
}

bool warns_about_defaults(const LoadedModel& loaded) {
    for (const auto& w : loaded.warnings)
        if (w.message.find("retry by the defaults") != std::string::npos &&
            w.pointer == "/journeys/ask/touchpoints/call")
            return true;
    return false;
}

}  // namespace

TEST_CASE("a contact's retry delay is one distribution or one per case", "[load]") {
    SECTION("one for every case") {
        const auto loaded = load_model_text(
            model_with(R"(, "retry_delay": {"dist": "exponential", "mean_min": 45})"), "m.json");
        const Touchpoint& tp = loaded.model->journeys[0].touchpoints[0];
        REQUIRE(tp.retry_delay);
        CHECK(tp.retry_delay->mean == 45);
        CHECK_FALSE(tp.retry_after_abandoned);
        CHECK_FALSE(warns_about_defaults(loaded));
    }
    SECTION("one per case") {
        const auto loaded = load_model_text(
            model_with(R"(, "retry_delay": {"abandoned": {"dist": "constant", "value_min": 20},
                          "not_fixed": {"dist": "exponential", "mean_h": 30}})"),
            "m.json");
        const Touchpoint& tp = loaded.model->journeys[0].touchpoints[0];
        CHECK_FALSE(tp.retry_delay);
        REQUIRE(tp.retry_after_abandoned);
        CHECK(tp.retry_after_abandoned->mean == 20);
        REQUIRE(tp.retry_after_not_fixed);
        CHECK(tp.retry_after_not_fixed->mean == 30 * 60);
        CHECK_FALSE(warns_about_defaults(loaded));
        // Saved and loaded again, it is the same model.
        const auto again = load_model_text(save_model(*loaded.model), "saved.json");
        CHECK(*again.model == *loaded.model);
    }
    SECTION("an unknown case is an error at its key") {
        try {
            load_model_text(model_with(R"(, "retry_delay": {"abandonned": {"dist": "constant",
                                          "value_min": 20}})"),
                            "m.json");
            FAIL("loaded");
        } catch (const InputError& e) {
            REQUIRE_FALSE(e.diagnostics().empty());
            CHECK(e.diagnostics()[0].pointer ==
                  "/journeys/ask/touchpoints/call/retry_delay/abandonned");
        }
    }
}

TEST_CASE("validate warns where customers can abandon and retries are left at the defaults",
          "[load]") {
    CHECK(warns_about_defaults(load_model_text(model_with(""), "m.json")));
    // Either a delay or a number of attempts says what customers do.
    CHECK_FALSE(
        warns_about_defaults(load_model_text(model_with(R"(, "max_attempts": 3)"), "m.json")));
    CHECK_FALSE(warns_about_defaults(load_model_text(
        model_with(R"(, "retry_delay": {"abandoned": {"dist": "constant", "value_min": 5}})"),
        "m.json")));
}
