// Staffing targets as written on the command line: parsing and resolving against a model.
#include "model_builder.hpp"

#include <journeysim/error.hpp>
#include <journeysim/staffing.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

using namespace journeysim;
using Catch::Matchers::Contains;

namespace {

Model two_channel_model() {
    testing::ModelBuilder b("targets");
    b.team("frontline", 5);
    b.channel("phone", ChannelMode::Live, "frontline", testing::exponential(3));
    b.channel("email", ChannelMode::Async, "frontline", testing::exponential(6));
    b.self_service_channel("status_page", 0.3);
    b.segment("everyone");
    b.journey("ask", 100, "ask");
    b.contact("ask", {"phone", "email"}, "done");
    b.end("done");
    Model m = b.build();
    m.file = "model.json";
    return m;
}

std::string message_of(const std::string& text) {
    try {
        parse_target_spec(text);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("staffing targets parse with seconds, minutes, hours and percentages", "[unit]") {
    CHECK(parse_target_spec("phone:0.8/20") == TargetSpec{"phone", 0.8, 20.0 / 60});
    CHECK(parse_target_spec("phone:0.8/20s") == TargetSpec{"phone", 0.8, 20.0 / 60});
    CHECK(parse_target_spec("chat:80%/1min") == TargetSpec{"chat", 0.8, 1.0});
    CHECK(parse_target_spec("email:0.9/24h") == TargetSpec{"email", 0.9, 24.0 * 60});
    CHECK(parse_target_spec("email:1/0.5h") == TargetSpec{"email", 1.0, 30.0});
    CHECK(parse_target_spec("phone:0.8/0") == TargetSpec{"phone", 0.8, 0.0});
    // The channel id is everything before the last colon.
    CHECK(parse_target_spec("a:b:0.5/10").channel == "a:b");
}

TEST_CASE("malformed staffing targets say what is wrong and show the form", "[unit]") {
    CHECK_THAT(message_of("phone0.8/20"),
               Contains("no \":\" after the channel") && Contains("CHANNEL:SHARE/TIME"));
    CHECK_THAT(message_of(":0.8/20"), Contains("no channel before \":\""));
    CHECK_THAT(message_of("phone:0.8"), Contains("no \"/\" between the share and the time"));
    CHECK_THAT(message_of("phone:high/20"), Contains("the share \"high\" is not a number"));
    CHECK_THAT(message_of("phone:80/20"),
               Contains("the share must lie in (0, 1] (got 80)") && Contains("write 0.8 or 80%"));
    CHECK_THAT(message_of("phone:0/20"), Contains("the share must lie in (0, 1]"));
    CHECK_THAT(message_of("phone:0.8/20d"), Contains("unknown time unit \"d\" (use s, min or h)"));
    CHECK_THAT(message_of("phone:0.8/soon"), Contains("is not a number with a unit"));
    CHECK_THAT(message_of("phone:0.8/-5"), Contains("must not be negative"));
    CHECK(message_of("phone:0.8/20").empty());
}

TEST_CASE("staffing targets resolve to channels of the model", "[unit]") {
    const Model model = two_channel_model();
    const StaffingTarget t = resolve_target(model, parse_target_spec("email:0.9/24h"));
    CHECK(t.channel == model.find_channel("email"));
    CHECK(t.share == 0.9);
    CHECK(t.within_min == 24 * 60);

    SECTION("an unknown channel is named, with the closest id as a hint") {
        try {
            resolve_target(model, parse_target_spec("phnoe:0.8/20"));
            FAIL("no error");
        } catch (const InputError& e) {
            REQUIRE(e.diagnostics().size() == 1);
            const Diagnostic& d = e.diagnostics()[0];
            CHECK(d.file == "model.json");
            CHECK(d.message == "unknown channel \"phnoe\"");
            CHECK(d.hint == "did you mean \"phone\"?");
            CHECK(e.exit_code() == kExitInputError);
        }
    }
    SECTION("a name far from every id lists the channels") {
        try {
            resolve_target(model, parse_target_spec("whatsapp:0.8/20"));
            FAIL("no error");
        } catch (const InputError& e) {
            CHECK(e.diagnostics().at(0).hint == "known channels: phone, email, status_page");
        }
    }
    SECTION("a self-service channel has nobody to staff") {
        try {
            resolve_target(model, parse_target_spec("status_page:0.8/20"));
            FAIL("no error");
        } catch (const InputError& e) {
            const Diagnostic& d = e.diagnostics().at(0);
            CHECK(d.pointer == "/channels/status_page");
            CHECK_THAT(d.message, Contains("is self-service"));
        }
    }
}
