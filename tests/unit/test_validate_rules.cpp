// One test per validation rule of the model loader: each changes the base model in one place and
// checks the exact JSON pointer and message users see, and that it comes with a hint.

#include "load_test_support.hpp"

#include <journeysim/calendar.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using journeysim::Diagnostic;
using journeysim::Severity;
using journeysim::WhenClosed;
using journeysim::test::add_branch;
using journeysim::test::describe;
using journeysim::test::ModelFixture;
using journeysim::test::rules_branch;
using Json = nlohmann::ordered_json;
using JsonPointer = Json::json_pointer;

namespace {

/// The base model with table-driven checks: each row puts one value into the model and pins
/// the one error it causes.
class ValueFixture : public ModelFixture {
  protected:
    struct Row {
        std::string pointer;  ///< where the value goes; also where the error is reported
        Json value;
        std::string message;
        std::optional<std::string> hint = std::nullopt;  ///< the exact hint, where pinned (every
                                                         ///< error has one)
    };

    void check_each(const std::vector<Row>& rows) {
        for (const auto& row : rows) {
            DYNAMIC_SECTION(row.pointer << " = " << row.value.dump()) {
                model[JsonPointer(row.pointer)] = row.value;
                const auto d = error();
                CHECK(d.pointer == row.pointer);
                CHECK(d.message == row.message);
                CHECK_FALSE(d.hint.empty());
                if (row.hint) CHECK(d.hint == *row.hint);
            }
        }
    }
};

}  // namespace

// --- unknown fields ----------------------------------------------------------------------------

TEST_CASE_METHOD(ModelFixture, "an unknown field is reported at every level with a hint",
                 "[load]") {
    struct Row {
        const char* parent;  // JSON pointer of the object that gets the extra field
        const char* key;
        const char* hint;
    };
    const std::vector<Row> rows = {
        {"", "descripton", "did you mean \"description\"?"},
        {"/horizon", "dayz", "did you mean \"days\"?"},
        {"/channels/phone", "fix_rte", "did you mean \"fix_rate\"?"},
        {"/channels/phone/service_target", "answer_within", "did you mean \"answer_within_s\"?"},
        {"/channels/email/service_target", "respond_within", "did you mean \"respond_within_h\"?"},
        {"/teams/frontline", "skils", "did you mean \"skills\"?"},
        {"/teams/backoffice/schedule/0", "agent", "did you mean \"agents\"?"},
        {"/segments/digital", "digital_afinity", "did you mean \"digital_affinity\"?"},
        {"/sentiment", "abandon", "did you mean \"abandoned\"?"},
        {"/sentiment/wait_tolerance_min", "livee", "did you mean \"live\"?"},
        {"/journeys/outage", "lable", "did you mean \"label\"?"},
        {"/journeys/outage/arrivals", "per_days", "did you mean \"per_day\"?"},
        {"/journeys/outage/touchpoints/notice", "durration", "did you mean \"duration\"?"},
        {"/journeys/outage/touchpoints/status", "on_failure", "did you mean \"on_fail\"?"},
        {"/journeys/outage/touchpoints/contact", "on_fix", "did you mean \"on_fixed\"?"},
        {"/journeys/outage/touchpoints/repaired", "outcomes", "did you mean \"outcome\"?"},
        {"/journeys/outage/touchpoints/notice/next/0", "weight", "known fields here: to, p"},
        {"/employee_journeys/call", "descripion", "did you mean \"description\"?"},
        {"/employee_journeys/call/for", "chanels", "did you mean \"channels\"?"},
        {"/employee_journeys/call/steps/identify", "duraton", "did you mean \"duration\"?"},
        {"/employee_journeys/call/steps/visit", "teem", "did you mean \"team\"?"},
        {"/employee_journeys/call/steps/fixed", "fix", "did you mean \"fixed\"?"},
    };
    for (const auto& row : rows) {
        DYNAMIC_SECTION(row.parent << "/" << row.key) {
            model[JsonPointer(row.parent)][row.key] = 1;
            const Diagnostic d = error();
            CHECK(d.severity == Severity::Error);
            CHECK(d.file == "model.json");
            CHECK(d.pointer == std::string(row.parent) + "/" + row.key);
            CHECK(d.message == std::string("unknown field \"") + row.key + "\"");
            CHECK(d.hint == row.hint);
            CHECK(d.line == 0);
        }
    }
}

TEST_CASE_METHOD(ModelFixture, "an unknown field in a branch rule's condition is reported",
                 "[load]") {
    add_branch(model, rules_branch());
    model["journeys"]["outage"]["touchpoints"]["triage"]["rules"][0]["when"]["segmnt"] = "x";
    const auto d = error();
    CHECK(d.pointer == "/journeys/outage/touchpoints/triage/rules/0/when/segmnt");
    CHECK(d.message == "unknown field \"segmnt\"");
    CHECK(d.hint == "did you mean \"segment\"?");
}

TEST_CASE_METHOD(ModelFixture, "an unknown distribution parameter is reported with a hint",
                 "[load]") {
    model["channels"]["phone"]["handle_time"] =
        Json::parse(R"({"dist": "lognormal", "mean_min": 7, "sdev_min": 3})");
    const auto d = error();
    CHECK(d.pointer == "/channels/phone/handle_time/sdev_min");
    CHECK(d.message == "unknown parameter \"sdev_min\" for a lognormal distribution");
    CHECK(d.hint == "did you mean \"sd_min\"?");
}

TEST_CASE_METHOD(ModelFixture, "a field that does not apply to the channel's mode is an error",
                 "[load]") {
    model["channels"]["phone"]["concurrency"] = 2;
    const auto d = error();
    CHECK(d.pointer == "/channels/phone/concurrency");
    CHECK(d.message == "\"concurrency\" does not apply to a live channel");
    CHECK(d.hint == "\"concurrency\" is for messaging channels; remove it");
}

// --- wrong types -------------------------------------------------------------------------------

TEST_CASE_METHOD(ValueFixture, "a value of the wrong type is reported with both types", "[load]") {
    check_each({
        {"/name", 5, "\"name\" must be a string (got a number)"},
        {"/channels/phone/fix_rate", "high", "\"fix_rate\" must be a number (got a string)",
         "a fix rate is a share: 0.7 means 70%"},
        {"/teams/frontline/agents", "ten", "\"agents\" must be a whole number (got a string)"},
        {"/employee_journeys/call/steps/fixed/fixed", "yes",
         "\"fixed\" must be true or false (got a string)"},
        {"/horizon", 7, "\"horizon\" must be an object (got a number)",
         "write it as {\"field\": value, ...}"},
        {"/channels/phone/handle_time", 7, "a distribution must be an object (got a number)",
         "e.g. {\"dist\": \"lognormal\", \"mean_min\": 7, \"sd_min\": 3}"},
        {"/employee_journeys", Json::array(),
         "\"employee_journeys\" must be an object mapping ids to employee journeys (got an "
         "array)"},
        {"/journeys/outage/touchpoints/contact/channels/1", 3, "must be a string (got a number)"},
        {"/journeys/outage/touchpoints/notice/next", 3,
         "must be a touchpoint id or a non-empty list of {\"to\", \"p\"} (got a number)"},
    });
    SECTION("the whole document") {
        const auto attempt = journeysim::test::try_load("[1, 2]");
        REQUIRE(attempt.threw);
        REQUIRE(attempt.errors().size() == 1);
        CHECK(attempt.errors()[0].pointer.empty());
        CHECK(attempt.errors()[0].message == "a model file must be an object (got an array)");
    }
}

// --- missing required fields -------------------------------------------------------------------

TEST_CASE_METHOD(ModelFixture, "a missing required field is reported where it belongs", "[load]") {
    struct Row {
        const char* parent;
        const char* key;
    };
    const std::vector<Row> rows = {
        {"", "name"},
        {"", "journeysim"},
        {"/channels/phone", "mode"},
        {"/channels/phone", "team"},
        {"/channels/chat", "handle_time"},
        {"/channels/web", "success_rate"},
        {"/channels/phone/service_target", "answer_within_s"},
        {"/channels/phone/service_target", "share"},
        {"/channels/phone/handle_time", "dist"},
        {"/channels/phone/handle_time", "sd_min"},
        {"/teams/backoffice/schedule/0", "hours"},
        {"/teams/backoffice/schedule/0", "agents"},
        {"/segments/digital", "share"},
        {"/segments/digital", "baseline_ltr"},
        {"/journeys/outage", "arrivals"},
        {"/journeys/outage", "start"},
        {"/journeys/outage/arrivals", "per_day"},
        {"/journeys/outage/touchpoints/repaired", "kind"},
        {"/journeys/outage/touchpoints/repaired", "outcome"},
        {"/journeys/outage/touchpoints/notice", "next"},
        {"/journeys/outage/touchpoints/notice/next/0", "to"},
        {"/journeys/outage/touchpoints/notice/next/0", "p"},
        {"/journeys/outage/touchpoints/status", "channel"},
        {"/journeys/outage/touchpoints/status", "on_success"},
        {"/journeys/outage/touchpoints/status", "on_fail"},
        {"/journeys/outage/touchpoints/contact", "on_fixed"},
        {"/employee_journeys/call", "for"},
        {"/employee_journeys/call", "start"},
        {"/employee_journeys/call/for", "touchpoint"},
        {"/employee_journeys/call/steps/identify", "next"},
        {"/employee_journeys/call/steps/visit", "team"},
        {"/employee_journeys/call/steps/visit", "work"},
        {"/employee_journeys/call/steps/fixed", "fixed"},
    };
    for (const auto& row : rows) {
        DYNAMIC_SECTION(row.parent << "/" << row.key) {
            REQUIRE(model[JsonPointer(row.parent)].erase(row.key) == 1);
            const auto d = error();
            CHECK(d.pointer == std::string(row.parent) + "/" + row.key);
            CHECK(d.message == std::string("missing required field \"") + row.key + "\"");
            CHECK_FALSE(d.hint.empty());
        }
    }
}

TEST_CASE_METHOD(ModelFixture, "a missing section is the first error reported", "[load]") {
    // Without a section its ids are unknown, so references to them are reported too; the
    // missing section comes first.
    for (const char* section : {"channels", "segments", "journeys"}) {
        DYNAMIC_SECTION(section) {
            model.erase(section);
            const auto found = errors();
            INFO(describe(found));
            REQUIRE_FALSE(found.empty());
            CHECK(found.front().pointer == std::string("/") + section);
            CHECK(found.front().message ==
                  std::string("missing required field \"") + section + "\"");
        }
    }
}

TEST_CASE_METHOD(ModelFixture, "a missing list of touchpoints or steps is the first error",
                 "[load]") {
    SECTION("touchpoints") {
        model["journeys"]["outage"].erase("touchpoints");
        const auto found = errors();
        REQUIRE_FALSE(found.empty());
        CHECK(found.front().pointer == "/journeys/outage/touchpoints");
        CHECK(found.front().message == "missing required field \"touchpoints\"");
        // the start cannot be resolved either, and the hint says why
        REQUIRE(found.size() >= 2);
        CHECK(found[1].pointer == "/journeys/outage/start");
        CHECK(found[1].hint == "no touchpoints are defined: define touchpoint \"notice\" first");
    }
    SECTION("steps") {
        model["employee_journeys"]["call"].erase("steps");
        const auto found = errors();
        REQUIRE_FALSE(found.empty());
        CHECK(found.front().pointer == "/employee_journeys/call/steps");
        CHECK(found.front().message == "missing required field \"steps\"");
    }
}

TEST_CASE_METHOD(ModelFixture, "a contact without channels names the field", "[load]") {
    model.erase("employee_journeys");  // its binding lists a channel of this contact
    touchpoint("contact").erase("channels");
    const auto d = error();
    CHECK(d.pointer == "/journeys/outage/touchpoints/contact/channels");
    CHECK(d.message == "missing required field \"channels\"");
}

TEST_CASE_METHOD(ModelFixture, "a team needs agents or a schedule, not both", "[load]") {
    SECTION("neither") {
        model["teams"]["frontline"].erase("agents");
        const auto d = error();
        CHECK(d.pointer == "/teams/frontline");
        CHECK(d.message == "a team needs \"agents\" or a \"schedule\"");
        CHECK_FALSE(d.hint.empty());
    }
    SECTION("both") {
        model["teams"]["frontline"]["schedule"] =
            Json::parse(R"([{"hours": "mon-fri 08:00-18:00", "agents": 4}])");
        const auto d = error();
        CHECK(d.pointer == "/teams/frontline");
        CHECK(d.message == "give either \"agents\" or \"schedule\", not both");
        CHECK_FALSE(d.hint.empty());
    }
}

// --- version and file kind ---------------------------------------------------------------------

TEST_CASE_METHOD(ValueFixture, "the format version must be 1", "[load]") {
    const std::string hint = "this version of journeysim reads \"journeysim\": 1";
    check_each({
        {"/journeysim", 2, "unsupported format version 2", hint},
        {"/journeysim", "1", "unsupported format version \"1\"", hint},
        {"/journeysim", 1.5, "unsupported format version 1.5", hint},
    });
}

TEST_CASE_METHOD(ValueFixture, "the currency is a short code or symbol on one line", "[load]") {
    const std::string hint =
        "use an ISO 4217 code such as \"EUR\", \"USD\" or \"GBP\", or a symbol such as \"€\"; "
        "leave it out when costs have no currency";
    auto message = [](int bytes) {
        return "\"currency\" must be a short code or symbol, 1 to 12 bytes on one line without "
               "surrounding spaces (got " +
               std::to_string(bytes) + " bytes)";
    };
    check_each({
        {"/currency", "", message(0), hint},
        {"/currency", "euros and cents", message(15), hint},
        {"/currency", " EUR", message(4), hint},
        {"/currency", "EU\nR", message(4), hint},
        {"/currency", 978, "\"currency\" must be a string (got a number)"},
    });
}

TEST_CASE_METHOD(ModelFixture, "a currency is kept by the model and saved with it", "[load]") {
    for (const char* currency : {"EUR", "€", "CHF"}) {
        INFO(currency);
        model["currency"] = currency;
        const auto attempt = load();
        REQUIRE(attempt.model);
        CHECK(attempt.model->currency == currency);
        const auto again =
            journeysim::load_model_text(journeysim::save_model(*attempt.model), "saved.json");
        CHECK(again.model->currency == currency);
    }
}

TEST_CASE("a scenario file given as a model is recognised", "[load]") {
    const auto attempt = journeysim::test::try_load(
        R"({"journeysim_scenarios": 1, "base": "telecom.json", "scenarios": {}})");
    REQUIRE(attempt.threw);
    REQUIRE(attempt.errors().size() == 1);
    const auto d = attempt.errors()[0];
    CHECK(d.pointer.empty());
    CHECK(d.message == "this is a scenario file, not a model file");
    CHECK(d.hint == "use `journeysim compare` for scenario files");
}

// --- numbers out of range ----------------------------------------------------------------------

TEST_CASE_METHOD(ModelFixture, "numbers out of range are reported with the allowed range",
                 "[load]") {
    struct Row {
        const char* pointer;
        double value;
        const char* message;
    };
    const std::vector<Row> rows = {
        {"/channels/phone/fix_rate", 1.4, "\"fix_rate\" must be between 0 and 1 (got 1.4)"},
        {"/channels/phone/fix_rate", -0.1, "\"fix_rate\" must be between 0 and 1 (got -0.1)"},
        {"/teams/frontline/agents", -1, "\"agents\" must be between 0 and 100000 (got -1)"},
        {"/teams/frontline/agents", 2.5, "\"agents\" must be a whole number (got 2.5)"},
        {"/teams/backoffice/schedule/0/agents", 1.5, "\"agents\" must be a whole number (got 1.5)"},
        {"/teams/frontline/cost_per_hour", -5, "\"cost_per_hour\" must be at least 0 (got -5)"},
        {"/channels/chat/concurrency", 0, "\"concurrency\" must be between 1 and 100 (got 0)"},
        {"/channels/phone/service_target/share", 1.5,
         "\"share\" must be between 0 and 1 (got 1.5)"},
        {"/channels/web/success_rate", 1.5, "\"success_rate\" must be between 0 and 1 (got 1.5)"},
        {"/channels/phone/cost_per_contact", -1,
         "\"cost_per_contact\" must be at least 0 (got -1)"},
        {"/channels/phone/experience", 11, "\"experience\" must be between -10 and 10 (got 11)"},
        {"/segments/digital/share", 1.2, "\"share\" must be between 0 and 1 (got 1.2)"},
        {"/segments/digital/digital_affinity", -1,
         "\"digital_affinity\" must be between 0 and 100 (got -1)"},
        {"/segments/digital/channel_preference/chat", -3, "\"chat\" must be at least 0 (got -3)"},
        {"/segments/digital/waits_for_preferred", 1.5,
         "\"waits_for_preferred\" must be between 0 and 1 (got 1.5)"},
        {"/sentiment/abandoned", -12, "\"abandoned\" must be between -10 and 10 (got -12)"},
        {"/sentiment/wait_tolerance_min/live", -2, "\"live\" must be at least 0 (got -2)"},
        {"/journeys/outage/arrivals/per_day", -5,
         "\"per_day\" must be between 0 and 10000000 (got -5)"},
        {"/journeys/outage/touchpoints/contact/stickiness", 1.2,
         "\"stickiness\" must be between 0 and 1 (got 1.2)"},
        {"/journeys/outage/touchpoints/contact/max_attempts", 0,
         "\"max_attempts\" must be between 1 and 1000 (got 0)"},
        {"/journeys/outage/touchpoints/notice/next/1/p", 1.5,
         "\"p\" must be between 0 and 1 (got 1.5)"},
        {"/horizon/days", 0, "\"days\" must be between 1/24 (an hour) and 3660 (got 0)"},
        {"/horizon/days", 4000, "\"days\" must be between 1/24 (an hour) and 3660 (got 4000)"},
        {"/horizon/interval_min", 0, "\"interval_min\" must be between 1 and 1440 (got 0)"},
        {"/horizon/interval_min", 7, "\"interval_min\" must divide a day evenly (got 7)"},
        {"/horizon/warmup_days", 7, "\"warmup_days\" (7) must be less than \"days\" (7)"},
        {"/horizon/warmup_days", -1, "\"warmup_days\" must be at least 0 (got -1)"},
        {"/horizon/run_out_days", -1, "\"run_out_days\" must be between 0 and 3660 (got -1)"},
        {"/horizon/run_out_days", 5000, "\"run_out_days\" must be between 0 and 3660 (got 5000)"},
    };
    for (const auto& row : rows) {
        DYNAMIC_SECTION(row.pointer << " = " << row.value) {
            model[JsonPointer(row.pointer)] = row.value;
            const auto d = error();
            CHECK(d.pointer == row.pointer);
            CHECK(d.message == row.message);
            CHECK_FALSE(d.hint.empty());
        }
    }
}

TEST_CASE_METHOD(ModelFixture, "a fix rate of exactly 0 or 1 is accepted", "[load]") {
    model["channels"]["phone"]["fix_rate"] = 0;
    model["channels"]["chat"]["fix_rate"] = 1;
    const auto attempt = load();
    INFO(describe(attempt.diagnostics));
    REQUIRE(attempt.model);
    CHECK(attempt.model->channels[0].fix_rate == 0.0);
    CHECK(attempt.model->channels[1].fix_rate == 1.0);
}

TEST_CASE_METHOD(ModelFixture, "a weekday profile needs 7 numbers of at least 0", "[load]") {
    SECTION("six") {
        model["journeys"]["outage"]["arrivals"]["weekday_profile"] = {1, 1, 1, 1, 1, 1};
        const auto d = error();
        CHECK(d.pointer == "/journeys/outage/arrivals/weekday_profile");
        CHECK(d.message == "\"weekday_profile\" must be 7 numbers, Monday first");
        CHECK(d.hint == "e.g. [1.2, 1, 1, 1, 1, 0.9, 0.8]");
    }
    SECTION("negative") {
        model["journeys"]["outage"]["arrivals"]["weekday_profile"][3] = -1;
        const auto d = error();
        CHECK(d.pointer == "/journeys/outage/arrivals/weekday_profile/3");
        CHECK(d.message == "must be a number of at least 0");
    }
}

TEST_CASE_METHOD(ModelFixture, "an intraday profile is a known name or 24 or 96 weights",
                 "[load]") {
    auto& profile = model["journeys"]["outage"]["arrivals"]["intraday_profile"];
    const std::string at = "/journeys/outage/arrivals/intraday_profile";
    SECTION("23 weights") {
        profile = std::vector<double>(23, 1.0);
        const auto d = error();
        CHECK(d.pointer == at);
        CHECK(d.message ==
              "an intraday profile needs 24 hourly or 96 quarter-hourly weights (got 23)");
    }
    SECTION("a misspelt name") {
        profile = "ofice";
        const auto d = error();
        CHECK(d.pointer == at);
        CHECK(d.message == "unknown intraday profile \"ofice\"");
        CHECK(d.hint ==
              "did you mean \"office\"? (or give 24 hourly or 96 quarter-hourly weights)");
    }
    SECTION("an unknown name") {
        profile = "weekend";
        const auto d = error();
        CHECK(d.message == "unknown intraday profile \"weekend\"");
        CHECK(d.hint ==
              "known profiles: office, flat, evening (or give 24 hourly or 96 "
              "quarter-hourly weights)");
    }
    SECTION("all zero") {
        profile = std::vector<double>(24, 0.0);
        const auto d = error();
        CHECK(d.pointer == at);
        CHECK(d.message == "at least one intraday weight must be positive");
    }
    SECTION("a negative weight") {
        profile = std::vector<double>(96, 1.0);
        profile[40] = -1;
        const auto d = error();
        CHECK(d.pointer == at + "/40");
        CHECK(d.message == "must be a number of at least 0");
    }
    SECTION("neither") {
        profile = true;
        const auto d = error();
        CHECK(d.pointer == at);
        CHECK(d.message ==
              "\"intraday_profile\" must be a profile name or a list of weights (got a boolean)");
    }
}

TEST_CASE_METHOD(ModelFixture, "the likelihood-to-recommend baseline lies on the 0-10 scale",
                 "[load]") {
    model["segments"]["digital"]["baseline_ltr"] =
        Json::parse(R"({"dist": "normal", "mean": 12, "sd": 1})");
    const auto d = error();
    CHECK(d.pointer == "/segments/digital/baseline_ltr");
    CHECK(d.message == "the mean likelihood-to-recommend must lie between 0 and 10 (got 12)");
    CHECK_FALSE(d.hint.empty());
}

// --- references --------------------------------------------------------------------------------

TEST_CASE_METHOD(ValueFixture, "references to unknown parts are reported with a suggestion",
                 "[load]") {
    check_each({
        {"/channels/phone/team", "frontlne", "unknown team \"frontlne\"",
         "did you mean \"frontline\"?"},
        {"/journeys/outage/touchpoints/contact/channels/1", "chta", "unknown channel \"chta\"",
         "did you mean \"chat\"?"},
        {"/journeys/outage/touchpoints/status/channel", "wbe", "unknown channel \"wbe\"",
         "did you mean \"web\"?"},
        {"/journeys/outage/start", "notic", "unknown touchpoint \"notic\"",
         "did you mean \"notice\"?"},
        {"/journeys/outage/touchpoints/contact/on_fixed", "repaird",
         "unknown touchpoint \"repaird\"", "did you mean \"repaired\"?"},
        {"/journeys/outage/touchpoints/notice/next/0/to", "statsu", "unknown touchpoint \"statsu\"",
         "did you mean \"status\"?"},
        {"/journeys/outage/touchpoints/status/on_fail", "somewhere",
         "unknown touchpoint \"somewhere\"",
         "known touchpoints: notice, status, contact, repaired, gave_up"},
        {"/employee_journeys/call/start", "identfy", "unknown step \"identfy\"",
         "did you mean \"identify\"?"},
        {"/employee_journeys/call/steps/visit/next", "fixd", "unknown step \"fixd\"",
         "did you mean \"fixed\"?"},
        {"/employee_journeys/call/steps/visit/team", "backofice", "unknown team \"backofice\"",
         "did you mean \"backoffice\"?"},
        {"/employee_journeys/call/for/journey", "outge", "unknown journey \"outge\"",
         "did you mean \"outage\"?"},
        {"/employee_journeys/call/for/touchpoint", "contcat", "unknown touchpoint \"contcat\"",
         "did you mean \"contact\"?"},
        {"/employee_journeys/call/for/channels/0", "phnoe", "unknown channel \"phnoe\"",
         "did you mean \"phone\"?"},
    });
}

TEST_CASE_METHOD(ModelFixture, "unknown segments and channels used as keys are reported",
                 "[load]") {
    SECTION("journey segment mix") {
        auto& mix = model["journeys"]["outage"]["arrivals"]["segments"];
        mix.erase("digital");
        mix["digitl"] = 0.5;
        const auto d = error();  // no second error about the sum
        CHECK(d.pointer == "/journeys/outage/arrivals/segments/digitl");
        CHECK(d.message == "unknown segment \"digitl\"");
        CHECK(d.hint == "did you mean \"digital\"?");
    }
    SECTION("channel preference") {
        model["segments"]["digital"]["channel_preference"]["whatsapp"] = 2;
        const auto d = error();
        CHECK(d.pointer == "/segments/digital/channel_preference/whatsapp");
        CHECK(d.message == "unknown channel \"whatsapp\"");
        CHECK(d.hint == "known channels: phone, chat, email, web");
    }
}

TEST_CASE_METHOD(ModelFixture, "a team's priority lists only its skills", "[load]") {
    model["teams"]["frontline"]["priority"] = {"phone", "emial"};
    const auto d = error();
    CHECK(d.pointer == "/teams/frontline/priority/1");
    CHECK(d.message == "\"emial\" is not one of this team's skills");
    CHECK(d.hint == "known skills: phone, chat");
}

TEST_CASE_METHOD(ModelFixture, "a skill listed twice is reported", "[load]") {
    model["teams"]["frontline"]["skills"] = {"phone", "chat", "phone"};
    const auto d = error();
    CHECK(d.pointer == "/teams/frontline/skills/2");
    CHECK(d.message == "\"phone\" is listed twice");
}

TEST_CASE_METHOD(ValueFixture, "unknown names of kinds and modes get a suggestion", "[load]") {
    check_each({
        {"/channels/phone/mode", "liv", "unknown channel mode \"liv\"", "did you mean \"live\"?"},
        {"/journeys/outage/touchpoints/contact/kind", "contakt",
         "unknown touchpoint kind \"contakt\"", "did you mean \"contact\"?"},
        {"/journeys/outage/touchpoints/repaired/outcome", "resolvd", "unknown outcome \"resolvd\"",
         "did you mean \"resolved\"?"},
        {"/employee_journeys/call/steps/visit/kind", "handof", "unknown step kind \"handof\"",
         "did you mean \"handoff\"?"},
    });
}

// --- channels, teams and touchpoints that do not fit together ----------------------------------

TEST_CASE_METHOD(ModelFixture, "a channel's team must list the channel in its skills", "[load]") {
    model["teams"]["frontline"]["skills"] = {"phone"};
    const auto d = error();
    CHECK(d.pointer == "/channels/chat/team");
    CHECK(d.message == "team \"frontline\" does not list \"chat\" in its skills");
    CHECK(d.hint == "add \"chat\" to /teams/frontline/skills");
}

TEST_CASE_METHOD(ModelFixture, "a contact offers only assisted channels", "[load]") {
    touchpoint("contact")["channels"].push_back("web");
    const auto d = error();
    CHECK(d.pointer == "/journeys/outage/touchpoints/contact/channels/3");
    CHECK(d.message == "channel \"web\" is self-service; a contact offers assisted channels");
    CHECK(d.hint == "use a \"self_service\" touchpoint for it");
}

TEST_CASE_METHOD(ModelFixture, "a self-service touchpoint uses a self-service channel", "[load]") {
    touchpoint("status")["channel"] = "phone";
    const auto d = error();
    CHECK(d.pointer == "/journeys/outage/touchpoints/status/channel");
    CHECK(d.message == "channel \"phone\" is a live channel, not self_service");
    CHECK(d.hint == "offer assisted channels with a \"contact\" touchpoint");
}

TEST_CASE_METHOD(ModelFixture, "a contact must offer at least one channel", "[load]") {
    model.erase("employee_journeys");
    touchpoint("contact")["channels"] = Json::array();
    const auto d = error();
    CHECK(d.pointer == "/journeys/outage/touchpoints/contact/channels");
    CHECK(d.message == "a contact must offer at least one channel");
    CHECK_FALSE(d.hint.empty());
}

TEST_CASE_METHOD(ModelFixture, "every arriving segment must be able to choose a channel",
                 "[load]") {
    model["segments"]["traditional"]["channel_preference"] =
        Json::parse(R"({"phone": 0, "chat": 0, "email": 0})");
    SECTION("an error when the segment arrives at the contact") {
        const auto d = error();
        CHECK(d.pointer == "/journeys/outage/touchpoints/contact/channels");
        CHECK(d.message ==
              "segment \"traditional\" gives weight 0 to every channel this contact offers");
        CHECK(d.hint == "raise one of its weights in /segments/traditional/channel_preference");
    }
    SECTION("no error when the segment never takes the journey") {
        model["segments"]["digital"]["share"] = 1.0;
        model["segments"]["traditional"]["share"] = 0.0;
        model["journeys"]["outage"]["arrivals"]["segments"] =
            Json::parse(R"({"digital": 1, "traditional": 0})");
        CHECK(warnings().empty());
    }
}

TEST_CASE_METHOD(ModelFixture, "opening hours that do not parse quote the calendar's error",
                 "[load]") {
    for (const std::string text : {"mnday 08:00-20:00", "mon-fri 08:00-25:00", "mon 08:00-08:00",
                                   "", "24/7; mon 08:00-09:00"}) {
        DYNAMIC_SECTION("\"" << text << "\"") {
            std::string calendar_error;
            const auto parsed = journeysim::WeeklyHours::parse(text, &calendar_error);
            REQUIRE_FALSE(calendar_error.empty());
            REQUIRE(parsed.is_never());
            model["channels"]["phone"]["hours"] = text;
            // one error: a text that cannot be read is not also reported as never open
            const auto d = error();
            CHECK(d.pointer == "/channels/phone/hours");
            CHECK(d.message == "invalid opening hours: " + calendar_error);
            CHECK(d.hint == "write e.g. \"mon-fri 08:00-20:00; sat 09:00-17:00\" or \"24/7\"");
        }
    }
}

TEST_CASE_METHOD(ModelFixture, "a schedule's opening hours are checked too", "[load]") {
    model["teams"]["backoffice"]["schedule"][0]["hours"] = "mon-fry 09:00-17:00";
    std::string calendar_error;
    journeysim::WeeklyHours::parse("mon-fry 09:00-17:00", &calendar_error);
    const auto d = error();
    CHECK(d.pointer == "/teams/backoffice/schedule/0/hours");
    CHECK(d.message == "invalid opening hours: " + calendar_error);
}

TEST_CASE_METHOD(ModelFixture, "opening hours are read into the channel", "[load]") {
    model["channels"]["chat"]["hours"] = "daily 07:00-23:00";
    const auto attempt = load();
    REQUIRE(attempt.model);
    const auto& chat = attempt.model->channels[1];
    CHECK(chat.hours_given);
    CHECK(chat.hours.open_minutes_per_week() == 7 * 16 * 60.0);
    CHECK_FALSE(attempt.model->channels[2].hours_given);
    CHECK(attempt.model->channels[2].hours.is_always());
}
