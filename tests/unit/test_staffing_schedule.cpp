// A staffing plan written into a model as a team schedule: the agents on duty in every interval
// are the planned ones, and the model survives saving and loading.
#include <journeysim/load.hpp>
#include <journeysim/staffing.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

using namespace journeysim;

namespace {

/// A small valid model (loaded, so that it can also be saved): a round-the-clock frontline and
/// a back office working office hours.
Model one_team_model() {
    constexpr const char* kText = R"({
      "journeysim": 1, "name": "schedule",
      "horizon": {"days": 7},
      "channels": {
        "phone": {"mode": "live", "team": "frontline",
                  "handle_time": {"dist": "exponential", "mean_min": 3}},
        "email": {"mode": "async", "team": "backoffice",
                  "handle_time": {"dist": "exponential", "mean_min": 6}}
      },
      "teams": {
        "frontline": {"agents": 4, "skills": ["phone"], "cost_per_hour": 30},
        "backoffice": {"schedule": [{"hours": "mon-fri 09:00-17:00", "agents": 3}],
                       "skills": ["email"]}
      },
      "segments": {"everyone": {"share": 1, "baseline_ltr": {"dist": "constant", "value": 7}}},
      "journeys": {
        "ask": {"arrivals": {"per_day": 100}, "start": "ask",
                "touchpoints": {
                  "ask": {"kind": "contact", "channels": ["phone", "email"], "on_fixed": "done"},
                  "done": {"kind": "end", "outcome": "resolved"}}}
      }
    })";
    return *load_model_text(kText, "schedule.json").model;
}

/// A plan with peaks, gaps, a period across the end of the week and repeated levels.
std::vector<int> irregular_plan(std::size_t intervals) {
    std::vector<int> agents(intervals, 0);
    for (std::size_t w = 0; w < intervals; ++w) {
        const std::size_t hour = (w / 4) % 24;
        if (hour >= 8 && hour < 20) agents[w] = 3 + static_cast<int>((w * 7) % 5);
        if (hour == 12) agents[w] = 11;
    }
    agents.front() = 2;
    agents.back() = 2;
    return agents;
}

}  // namespace

TEST_CASE("a weekly plan becomes a schedule with exactly the planned agents", "[unit]") {
    const Model model = one_team_model();
    const std::size_t intervals = 7 * 96;
    const std::vector<int> plan = irregular_plan(intervals);
    const Model planned = with_weekly_schedules(model, {plan, {}}, 15);

    const Team& team = planned.teams[0];
    CHECK_FALSE(team.constant_agents);
    for (std::size_t w = 0; w < intervals; ++w) {
        // Start, middle and just before the end of each interval.
        for (double offset : {0.0, 7.5, 14.999}) {
            const double t = static_cast<double>(w) * 15 + offset;
            INFO("interval " << w << " at " << t);
            REQUIRE(team.agents_at(t) == plan[w]);
        }
    }
    // One shift per distinct layer, not one per interval.
    CHECK(team.schedule.size() < 12);
    // The other team keeps its schedule.
    CHECK(planned.teams[1] == model.teams[1]);

    SECTION("the planned model saves, loads and validates unchanged") {
        const std::string text = save_model(planned);
        const LoadedModel loaded = load_model_text(text, "planned.json");
        CHECK(loaded.model->teams == planned.teams);
        for (std::size_t w = 0; w < intervals; ++w) {
            REQUIRE(loaded.model->teams[0].agents_at(static_cast<double>(w) * 15 + 1) == plan[w]);
        }
    }
}

TEST_CASE("a constant plan becomes one round-the-clock shift, an empty one zero agents", "[unit]") {
    const Model model = one_team_model();
    const Model constant = with_weekly_schedules(model, {std::vector<int>(168, 7), {}}, 60);
    REQUIRE(constant.teams[0].schedule.size() == 1);
    CHECK(constant.teams[0].schedule[0].hours.is_always());
    CHECK(constant.teams[0].schedule[0].agents == 7);

    const Model none = with_weekly_schedules(model, {std::vector<int>(168, 0), {}}, 60);
    CHECK(none.teams[0].agents_at(600) == 0);
    const LoadedModel loaded = load_model_text(save_model(none), "none.json");
    CHECK(loaded.model->teams[0].agents_at(600) == 0);
}
