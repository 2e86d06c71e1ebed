// Scenario files: JSON Patch and the domain operations, and the errors they report.
#include <journeysim/scenario.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace journeysim;
using Json = nlohmann::ordered_json;

namespace {

const std::filesystem::path kExamples = std::filesystem::path(JOURNEYSIM_SOURCE_DIR) / "examples";

/// Writes a scenario file beside a copy of the telecom example in a scratch folder.
std::filesystem::path scratch_scenarios(const Json& scenarios, const std::string& name) {
    // One folder per test: ctest runs test cases in parallel.
    const auto dir = std::filesystem::temp_directory_path() / "journeysim-scenario-tests" / name;
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(kExamples / "telecom.json", dir / "telecom.json",
                               std::filesystem::copy_options::overwrite_existing);
    Json doc = {{"journeysim_scenarios", 1}, {"base", "telecom.json"}, {"scenarios", scenarios}};
    const auto path = dir / (name + ".json");
    std::ofstream(path) << doc.dump(2);
    return path;
}

std::vector<Diagnostic> errors_of(const std::filesystem::path& path) {
    try {
        load_scenarios_file(path);
    } catch (const InputError& e) {
        return e.diagnostics();
    }
    return {};
}

bool offers(const Touchpoint& tp, Index channel) {
    return std::find(tp.channels.begin(), tp.channels.end(), channel) != tp.channels.end();
}

}  // namespace

TEST_CASE("the flagship scenario file loads every scenario", "[unit][scenario]") {
    const auto set = load_scenarios_file(kExamples / "telecom-whatifs.json");
    REQUIRE(set.base);
    REQUIRE(set.scenarios.size() == 5);
    CHECK(set.scenarios[0].name == "add_whatsapp");
    CHECK(set.scenarios[1].name == "drop_email");
    for (const auto& s : set.scenarios) {
        REQUIRE(s.model);
        CHECK_FALSE(s.description.empty());
        CHECK(Json::parse(s.expanded_patch).is_array());
    }
}

TEST_CASE("add_channel offers the channel, teaches the team and sets preferences",
          "[unit][scenario]") {
    const auto set = load_scenarios_file(kExamples / "telecom-whatifs.json");
    const Model& base = *set.base;
    const Model& m = *set.scenarios[0].model;
    const Index wa = m.find_channel("whatsapp");
    REQUIRE(wa != kNone);
    CHECK(base.find_channel("whatsapp") == kNone);
    CHECK(m.channels[wa].mode == ChannelMode::Messaging);
    CHECK(m.channels[wa].concurrency == 3);
    for (const auto& j : m.journeys) {
        for (const auto& tp : j.touchpoints) {
            if (tp.kind == TouchpointKind::Contact) CHECK(offers(tp, wa));
        }
    }
    const auto& skills = m.teams[m.find_team("frontline")].skills;
    CHECK(std::find(skills.begin(), skills.end(), "whatsapp") != skills.end());
    CHECK(m.segments[m.find_segment("digital")].channel_preference[wa] == 1.2);
    CHECK(m.segments[m.find_segment("traditional")].channel_preference[wa] == 0.2);
    // New demand: every journey grows, by less than the new-demand share.
    for (std::size_t j = 0; j < m.journeys.size(); ++j) {
        const double before = base.journeys[j].arrivals.per_day;
        const double after = m.journeys[j].arrivals.per_day;
        CHECK(after > before);
        CHECK(after < before * 1.6);
    }
    CHECK(set.scenarios[0].added_channels == std::vector<std::string>{"whatsapp"});
}

TEST_CASE("remove_channel removes a channel everywhere", "[unit][scenario]") {
    const auto set = load_scenarios_file(kExamples / "telecom-whatifs.json");
    const Model& m = *set.scenarios[1].model;
    CHECK(m.find_channel("email") == kNone);
    CHECK(m.channels.size() == set.base->channels.size() - 1);
    for (const auto& seg : m.segments)
        CHECK(seg.channel_preference.size() == m.channels.size());
    for (const auto& t : m.teams) {
        CHECK(std::find(t.skills.begin(), t.skills.end(), "email") == t.skills.end());
    }
    // Give-up gates sit in front of every contact that offered e-mail, per segment.
    const auto& outage = m.journeys[m.find_journey("outage")];
    const Index gate = outage.find("contact (without email)");
    REQUIRE(gate != kNone);
    CHECK(outage.touchpoints[gate].kind == TouchpointKind::Branch);
    CHECK(outage.touchpoints[gate].rules.size() == m.segments.size());
    const Index notice = outage.find("notice");
    const auto& next = outage.touchpoints[notice].next;
    CHECK(std::any_of(next.begin(), next.end(), [&](const Transition& t) { return t.to == gate; }));
    // The traditional segment's gate: give-up share 0.1 × e-mail's share of its preferences
    // (phone 5, chat 0.3, email 1 at the outage contact).
    const Index per_segment = outage.find("contact (without email) / traditional");
    REQUIRE(per_segment != kNone);
    CHECK(outage.touchpoints[per_segment].next.front().p == Approx(0.1 * 1.0 / 6.3));
    CHECK(set.scenarios[1].removed_channels == std::vector<std::string>{"email"});
}

TEST_CASE("JSON Patch changes apply and domain operations expand to JSON Patch",
          "[unit][scenario]") {
    const auto set = load_scenarios_file(kExamples / "telecom-whatifs.json");
    const Model& m = *set.scenarios[2].model;
    CHECK(m.channels[m.find_channel("phone")].fix_rate == 0.8);
    const auto& proactive = *set.scenarios[3].model;
    const auto& outage = proactive.journeys[proactive.find_journey("outage")];
    CHECK(outage.touchpoints[outage.start].id == "reached");
    const Json patch = Json::parse(set.scenarios[1].expanded_patch);
    for (const auto& op : patch) {
        const auto name = op.at("op").get<std::string>();
        CHECK((name == "add" || name == "remove" || name == "replace" || name == "move"));
    }
}

TEST_CASE("scenario errors name the scenario, the change and the pointer", "[unit][scenario]") {
    SECTION("a patch path that does not exist") {
        const auto path = scratch_scenarios(
            {{"bad",
              {{"changes",
                Json::array(
                    {{{"op", "replace"}, {"path", "/channels/fax/fix_rate"}, {"value", 0.5}}})}}}},
            "bad-path");
        const auto errors = errors_of(path);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].pointer == "/scenarios/bad/changes/0/path");
        CHECK(errors[0].message.rfind("scenario \"bad\", change 0: cannot apply: ", 0) == 0);
    }
    SECTION("an unknown operation gets a suggestion") {
        const auto path = scratch_scenarios(
            {{"typo", {{"changes", Json::array({{{"op", "remove_chanel"}, {"id", "email"}}})}}}},
            "bad-op");
        const auto errors = errors_of(path);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].pointer == "/scenarios/typo/changes/0/op");
        CHECK(errors[0].message ==
              "scenario \"typo\", change 0: unknown operation \"remove_chanel\"");
        CHECK(errors[0].hint == "did you mean \"remove_channel\"?");
    }
    SECTION("removing a channel must not leave a contact without channels") {
        const auto path = scratch_scenarios(
            {{"only",
              {{"changes", Json::array({{{"op", "remove_channel"}, {"id", "chat"}},
                                        {{"op", "remove_channel"}, {"id", "email"}},
                                        {{"op", "remove_channel"}, {"id", "shop"}},
                                        {{"op", "remove_channel"}, {"id", "phone"}}})}}}},
            "empty-contact");
        const auto errors = errors_of(path);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].pointer == "/scenarios/only/changes/3/id");
        CHECK(
            errors[0].message ==
            "scenario \"only\", change 3: removing \"phone\" leaves contact \"contact\" of journey "
            "\"outage\" with no channel");
    }
    SECTION("an invalid patched model names the change that made it so") {
        const auto path =
            scratch_scenarios({{"fix",
                                {{"changes", Json::array({{{"op", "scale_demand"}, {"factor", 1.1}},
                                                          {{"op", "replace"},
                                                           {"path", "/channels/phone/fix_rate"},
                                                           {"value", 1.5}}})}}}},
                              "bad-value");
        const auto errors = errors_of(path);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].pointer == "/channels/phone/fix_rate");
        CHECK(
            errors[0].message ==
            "after the changes of scenario \"fix\", change 1: \"fix_rate\" must be between 0 and 1 "
            "(got 1.5)");
    }
    SECTION("a model file is not a scenario file") {
        const auto errors = errors_of(kExamples / "telecom.json");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].message == "this is a model file, not a scenario file");
    }
}

TEST_CASE("set_agents and scale_demand change staffing and volume", "[unit][scenario]") {
    const auto path = scratch_scenarios(
        {{"more",
          {{"changes",
            Json::array({{{"op", "set_agents"}, {"team", "retail"}, {"agents", 5}},
                         {{"op", "set_agents"}, {"team", "frontline"}, {"factor", 2}},
                         {{"op", "scale_demand"}, {"journey", "billing"}, {"factor", 0.5}}})}}}},
        "staffing");
    const auto set = load_scenarios_file(path);
    const Model& base = *set.base;
    const Model& m = *set.scenarios.at(0).model;
    const auto& retail = m.teams[m.find_team("retail")];
    CHECK(retail.constant_agents);
    CHECK(retail.agents_at(0) == 5);
    const auto& front = m.teams[m.find_team("frontline")];
    const auto& front0 = base.teams[base.find_team("frontline")];
    for (double t = 0; t < kMinutesPerWeek; t += 60)
        CHECK(front.agents_at(t) == 2 * front0.agents_at(t));
    CHECK(m.journeys[m.find_journey("billing")].arrivals.per_day ==
          0.5 * base.journeys[base.find_journey("billing")].arrivals.per_day);
    CHECK(m.journeys[m.find_journey("outage")].arrivals.per_day ==
          base.journeys[base.find_journey("outage")].arrivals.per_day);
}

TEST_CASE("a scenario that leaves the model unchanged is a warning", "[unit][scenario]") {
    const auto path = scratch_scenarios(
        {{"same", {{"changes", Json::array({{{"op", "scale_demand"}, {"factor", 1}}})}}},
         {"more", {{"changes", Json::array({{{"op", "scale_demand"}, {"factor", 1.1}}})}}}},
        "unchanged");
    const auto set = load_scenarios_file(path);
    REQUIRE(set.scenarios.size() == 2);
    std::vector<std::string> pointers;
    for (const auto& w : set.warnings)
        pointers.push_back(w.pointer);
    CHECK(std::count(pointers.begin(), pointers.end(), "/scenarios/same/changes") == 1);
    CHECK(std::count(pointers.begin(), pointers.end(), "/scenarios/more/changes") == 0);
}

TEST_CASE("a warning the base model has is said once, not again for every scenario",
          "[unit][scenario]") {
    const auto path = scratch_scenarios(
        {{"a", {{"changes", Json::array({{{"op", "scale_demand"}, {"factor", 1.1}}})}}},
         {"b", {{"changes", Json::array({{{"op", "scale_demand"}, {"factor", 0.9}}})}}}},
        "base-warning");
    // The base gets a skill nobody uses: one warning, for the base file.
    const auto base = path.parent_path() / "telecom.json";
    Json model = Json::parse(std::ifstream(base));
    model["teams"]["retail"]["skills"].push_back("knitting");
    std::ofstream(base) << model.dump(2);
    const auto set = load_scenarios_file(path);
    const auto knitting = std::count_if(set.warnings.begin(), set.warnings.end(), [](auto& w) {
        return w.message.find("\"knitting\"") != std::string::npos;
    });
    CHECK(knitting == 1);
}

TEST_CASE(
    "add_channel offers a remote channel where a remote channel is offered, and joins the "
    "team's priority list after its channels of the same mode",
    "[unit][scenario]") {
    const auto path = scratch_scenarios(
        {{"whatsapp",
          {{"changes",
            Json::array({{{"op", "add_channel"},
                          {"id", "whatsapp"},
                          {"channel",
                           {{"mode", "messaging"},
                            {"team", "frontline"},
                            {"handle_time", {{"dist", "exponential"}, {"mean_min", 10}}}}},
                          {"offer_at", "all"}}})}}}},
        "placement");
    // The base gets a counter-only contact: a repair appointment in the shop.
    const auto base = path.parent_path() / "telecom.json";
    Json model = Json::parse(std::ifstream(base));
    model["journeys"]["move_home"]["touchpoints"]["counter"] = {
        {"kind", "contact"}, {"channels", {"shop"}}, {"on_fixed", "moved"}};
    model["teams"]["frontline"]["priority"] = {"chat", "phone"};
    std::ofstream(base) << model.dump(2);
    const auto set = load_scenarios_file(path);
    const Model& m = *set.scenarios.at(0).model;
    const Index whatsapp = m.find_channel("whatsapp");
    const Journey& move = m.journeys[m.find_journey("move_home")];
    CHECK(offers(move.touchpoints[move.find("contact")], whatsapp));
    CHECK_FALSE(offers(move.touchpoints[move.find("counter")], whatsapp));
    const Team& front = m.teams[m.find_team("frontline")];
    CHECK(front.priority == std::vector<std::string>{"chat", "whatsapp", "phone"});
    // Segments that list their weights list the new channel too, at the default 1.
    for (const Segment& s : m.segments) {
        INFO(s.id);
        CHECK(s.channel_preference[whatsapp] == 1.0);
    }
    CHECK(std::none_of(set.warnings.begin(), set.warnings.end(), [](const Diagnostic& d) {
        return d.pointer.find("channel_preference") != std::string::npos;
    }));
}
