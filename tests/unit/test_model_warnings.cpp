// Modelling traps validation warns about: a channel open while nobody who serves it is on duty,
// and a channel parameter that no contact uses.
#include "model_builder.hpp"

#include <journeysim/load.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace journeysim;

namespace {

/// The warnings of a model built in code, loaded as a file would be.
std::vector<Diagnostic> warnings_of(const Model& model) {
    return load_model_text(save_model(model), "model.json").warnings;
}

/// The warnings at `pointer`.
std::vector<Diagnostic> at(const std::vector<Diagnostic>& all, const std::string& pointer) {
    std::vector<Diagnostic> out;
    for (const auto& d : all)
        if (d.pointer == pointer) out.push_back(d);
    return out;
}

testing::ModelBuilder office_hours_team(ChannelMode mode) {
    testing::ModelBuilder b("office hours");
    b.horizon(7, 0);
    b.team("agents", {{"mon-fri 08:00-18:00", 4}});
    Channel& c = b.channel("line", mode, "agents", testing::exponential(5));
    if (mode != ChannelMode::Async) c.patience = testing::exponential(3);
    b.segment("everyone");
    b.journey("question", 100, "ask");
    b.contact("ask", {"line"}, "done");
    b.end("done");
    return b;
}

}  // namespace

TEST_CASE("a live channel open while nobody who serves it is on duty is a warning, with the hours",
          "[unit][warnings]") {
    SECTION("open around the clock, staffed on weekdays by day") {
        const auto found =
            at(warnings_of(office_hours_team(ChannelMode::Live).build()), "/channels/line/hours");
        REQUIRE(found.size() == 1);
        INFO(found[0].format());
        CHECK(found[0].message.find("mon-fri 00:00-08:00, 18:00-24:00; sat-sun") !=
              std::string::npos);
        CHECK(found[0].message.find("(118 hours a week)") != std::string::npos);
        CHECK(found[0].message.find("or abandon") != std::string::npos);
        CHECK(found[0].hint.find("\"agents\"") != std::string::npos);
    }
    SECTION("another team with the channel in its skills covers the weekend") {
        testing::ModelBuilder b = office_hours_team(ChannelMode::Live);
        b.team("weekend", {{"sat-sun 00:00-24:00", 2}}).skills = {"line"};
        const auto found = at(warnings_of(b.build()), "/channels/line/hours");
        REQUIRE(found.size() == 1);
        CHECK(found[0].message.find("(70 hours a week)") != std::string::npos);
    }
    SECTION("opening hours inside the shifts") {
        testing::ModelBuilder b = office_hours_team(ChannelMode::Live);
        b.hours("line", "mon-fri 08:00-18:00");
        CHECK(at(warnings_of(b.build()), "/channels/line/hours").empty());
    }
    SECTION("an async channel waits for office hours by design") {
        CHECK(at(warnings_of(office_hours_team(ChannelMode::Async).build()), "/channels/line/hours")
                  .empty());
    }
}

TEST_CASE("a channel fix rate that every contact overrides is a warning", "[unit][warnings]") {
    auto model = [](double channel_fix, bool overridden) {
        testing::ModelBuilder b("no-op");
        b.horizon(7, 0);
        b.team("agents", 4);
        b.channel("phone", ChannelMode::Live, "agents", testing::exponential(5)).fix_rate =
            channel_fix;
        b.segment("everyone");
        b.journey("question", 100, "ask");
        auto& ask = b.contact("ask", {"phone"}, "done");
        if (overridden) ask.tp.fix_rate = 0.8;
        b.end("done");
        return b.build();
    };
    const auto found = at(warnings_of(model(0.7, true)), "/channels/phone/fix_rate");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.find("has no effect") != std::string::npos);
    CHECK(at(warnings_of(model(0.7, false)), "/channels/phone/fix_rate").empty());
    CHECK(at(warnings_of(model(1.0, true)), "/channels/phone/fix_rate").empty());
}

TEST_CASE("a channel fix rate is a no-op where an employee journey handles every contact",
          "[unit][warnings]") {
    testing::ModelBuilder b("handled by steps");
    b.horizon(7, 0);
    b.team("agents", 4);
    b.channel("phone", ChannelMode::Live, "agents", testing::exponential(5)).fix_rate = 0.7;
    b.segment("everyone");
    b.journey("question", 100, "ask");
    b.contact("ask", {"phone"}, "done");
    b.end("done");
    b.employee_journey("answer", "talk", {"phone"});
    b.work_step("talk", testing::exponential(4), {{"fixed", 1}});
    b.end_step("fixed", true);
    CHECK(at(warnings_of(b.build()), "/channels/phone/fix_rate").size() == 1);
}

TEST_CASE("a segment's channel preference that leaves out a channel is a warning",
          "[unit][warnings]") {
    auto model = [](const std::string& preference) {
        return R"({"journeysim": 1, "name": "choice",
          "channels": {
            "phone": {"mode": "live", "team": "agents",
                      "handle_time": {"dist": "exponential", "mean_min": 4}},
            "chat": {"mode": "messaging", "team": "agents",
                     "handle_time": {"dist": "exponential", "mean_min": 8}}},
          "teams": {"agents": {"agents": 3, "skills": ["phone", "chat"]}},
          "segments": {"all": {"share": 1, "baseline_ltr": {"dist": "constant", "value": 7})" +
               preference + R"(}},
          "journeys": {"ask": {"arrivals": {"per_day": 50}, "start": "call",
            "touchpoints": {"call": {"kind": "contact", "channels": ["phone", "chat"],
                                     "on_fixed": "done"},
                            "done": {"kind": "end", "outcome": "resolved"}}}}})";
    };
    const auto partial =
        load_model_text(model(R"(, "channel_preference": {"phone": 3})"), "m.json");
    const auto found = at(partial.warnings, "/segments/all/channel_preference");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message ==
          "segment \"all\" gives no weight for \"chat\": it gets weight 1, as "
          "likely as a channel of weight 1");
    CHECK(at(load_model_text(model(R"(, "channel_preference": {"phone": 3, "chat": 1})"), "m.json")
                 .warnings,
             "/segments/all/channel_preference")
              .empty());
    CHECK(at(load_model_text(model(""), "m.json").warnings, "/segments/all/channel_preference")
              .empty());
    // Saved, the weight left out is written: the saved model says what it means.
    CHECK(at(warnings_of(*partial.model), "/segments/all/channel_preference").empty());
}
