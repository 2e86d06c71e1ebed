// Which employee journey handles a contact: the one binding rule the validator and the engine
// share (Model::employee_journey_for).

#include <journeysim/model.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace journeysim;

namespace {

EmployeeJourney bound(std::string id, Index journey, Index touchpoint,
                      std::vector<Index> channels) {
    EmployeeJourney e;
    e.id = std::move(id);
    e.binding.journey = journey;
    e.binding.touchpoint = touchpoint;
    e.binding.channels = std::move(channels);
    return e;
}

}  // namespace

TEST_CASE("binding: a touchpoint binding wins over a channel binding", "[unit][binding]") {
    constexpr Index kPhone = 0, kEmail = 1, kChat = 2;
    Model m;
    m.employee_journeys.push_back(bound("phone desk", kNone, kNone, {kPhone, kEmail}));
    m.employee_journeys.push_back(bound("claims phone", 0, 2, {kPhone}));
    m.employee_journeys.push_back(bound("claims any", 1, 3, {}));

    // Journey 0, touchpoint 2: the touchpoint binding takes phone; e-mail falls to the channel
    // binding; chat is bound by neither.
    CHECK(m.employee_journey_for(0, 2, kPhone) == 1);
    CHECK(m.employee_journey_for(0, 2, kEmail) == 0);
    CHECK(m.employee_journey_for(0, 2, kChat) == kNone);
    // Elsewhere only the channel binding applies.
    CHECK(m.employee_journey_for(0, 1, kPhone) == 0);
    CHECK(m.employee_journey_for(2, 0, kChat) == kNone);
    // A touchpoint binding without channels takes every channel there.
    CHECK(m.employee_journey_for(1, 3, kChat) == 2);
    CHECK(m.employee_journey_for(1, 3, kPhone) == 2);
}

TEST_CASE("binding: among bindings of one kind the last one wins", "[unit][binding]") {
    Model m;
    m.employee_journeys.push_back(bound("first", kNone, kNone, {0}));
    m.employee_journeys.push_back(bound("second", kNone, kNone, {0}));
    CHECK(m.employee_journey_for(0, 0, 0) == 1);
    m.employee_journeys.push_back(bound("tp first", 0, 0, {}));
    m.employee_journeys.push_back(bound("tp second", 0, 0, {0}));
    CHECK(m.employee_journey_for(0, 0, 0) == 3);
}
