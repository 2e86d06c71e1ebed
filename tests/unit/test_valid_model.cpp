// The engine takes only validated models, and one walk over a touchpoint's moves serves
// validation, diagrams, the engine and flow overlays.
#include "model_builder.hpp"

#include <journeysim/load.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <type_traits>
#include <vector>

using namespace journeysim;

// Only validation makes a ValidModel: not a model, not a pointer to one.
static_assert(!std::is_constructible_v<ValidModel, Model>);
static_assert(!std::is_constructible_v<ValidModel, std::shared_ptr<const Model>>);
static_assert(!std::is_convertible_v<const Model&, const ValidModel&>);
static_assert(
    !std::is_invocable_v<
        decltype(static_cast<Result (*)(const ValidModel&, const SimulationOptions&)>(&simulate)),
        const Model&, const SimulationOptions&>);

TEST_CASE("a model built in code is validated like a file before it can be simulated",
          "[unit][valid]") {
    testing::ModelBuilder b("built");
    b.horizon(1, 0);
    b.team("agents", 2);
    b.channel("phone", ChannelMode::Live, "agents", testing::exponential(5));
    b.segment("everyone");
    b.journey("call", 50, "ask");
    b.contact("ask", {"phone"}, "done");
    b.end("done");
    const Model model = b.build();
    const ValidModel valid = validate(model, "built.json");
    CHECK(valid->name == "built");
    CHECK(valid->channels.size() == 1);
    CHECK(static_cast<bool>(valid));
    CHECK_FALSE(static_cast<bool>(ValidModel{}));
    CHECK_THROWS_AS(simulate(ValidModel{}), std::invalid_argument);

    // What the engine used to find out while flattening, validation reports with a pointer.
    Model broken = model;
    broken.journeys[0].touchpoints[0].on_fixed = kNone;
    try {
        (void)validate(broken, "built.json");
        FAIL("a contact without on_fixed was accepted");
    } catch (const InputError& e) {
        REQUIRE_FALSE(e.diagnostics().empty());
        CHECK(e.diagnostics().front().file == "built.json");
        CHECK(e.diagnostics().front().pointer.rfind("/journeys/call/touchpoints/ask", 0) == 0);
    }
    Model no_team = model;
    no_team.channels[0].team = kNone;
    CHECK_THROWS_AS(validate(no_team), InputError);
}

TEST_CASE("every move out of a touchpoint is walked once, by its kind, in a fixed order",
          "[unit][valid]") {
    auto kinds_of = [](const Touchpoint& tp) {
        std::vector<std::pair<MoveKind, Index>> out;
        for_each_move(tp, [&](const TouchpointMove& m) { out.emplace_back(m.kind, m.to); });
        return out;
    };
    Touchpoint contact;
    contact.kind = TouchpointKind::Contact;
    contact.on_fixed = 1;
    contact.on_not_fixed = 2;
    contact.on_abandon = 0;
    contact.on_give_up = 3;
    contact.next = {{4, 1.0}};  // not a contact's field: never walked
    CHECK(kinds_of(contact) == std::vector<std::pair<MoveKind, Index>>{{MoveKind::Fixed, 1},
                                                                       {MoveKind::NotFixed, 2},
                                                                       {MoveKind::Abandoned, 0},
                                                                       {MoveKind::GaveUp, 3}});
    Touchpoint branch;
    branch.kind = TouchpointKind::Branch;
    branch.rules = {BranchRule{{}, 5}};
    branch.next = {{6, 0.25}, {7, 0.75}};
    std::vector<TouchpointMove> moves;
    for_each_move(branch, [&](const TouchpointMove& m) { moves.push_back(m); });
    REQUIRE(moves.size() == 3);
    CHECK(moves[0].kind == MoveKind::Rule);
    CHECK(moves[0].to == 5);
    CHECK(moves[1].kind == MoveKind::Otherwise);
    CHECK(moves[1].p == 0.25);
    CHECK(moves[2].index == 1);
    Touchpoint self;
    self.kind = TouchpointKind::SelfService;
    self.on_success = 1;  // on_fail left unset: not walked
    CHECK(kinds_of(self) == std::vector<std::pair<MoveKind, Index>>{{MoveKind::Success, 1}});
    Touchpoint end;
    end.kind = TouchpointKind::End;
    end.on_fixed = 1;
    CHECK(kinds_of(end).empty());
}
