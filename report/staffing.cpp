// The staffing plan as JSON and as a terminal table.
#include "text_table.hpp"

#include <journeysim/enum_names.hpp>
#include <journeysim/report.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace journeysim {

namespace {

using Json = nlohmann::ordered_json;

/// A number rounded to `decimals` places, or null when undefined.
Json number(double x, int decimals) {
    if (!std::isfinite(x)) return nullptr;
    const double scale = std::pow(10.0, decimals);
    return std::round(x * scale) / scale;
}

Json estimate_json(const Estimate& e) {
    return Json{{"mean", number(e.mean, 6)},
                {"ci95", Json::array({number(e.low, 6), number(e.high, 6)})}};
}

Json target_json(const Model& model, const StaffedChannel& sc) {
    if (!sc.target) return nullptr;
    Json t;
    t["share"] = sc.target->share;
    if (model.channels[sc.channel].mode == ChannelMode::Async) {
        t["respond_within_h"] = number(sc.target->within_min / 60, 6);
    } else {
        t["answer_within_s"] = number(sc.target->within_min * 60, 6);
    }
    return t;
}

std::string format_within(const Model& model, Index channel, double within_min) {
    const double seconds = within_min * 60;
    const bool whole_hours = within_min >= 60 && std::fabs(std::fmod(within_min, 60)) < 1e-9;
    if (whole_hours || (model.channels[channel].mode == ChannelMode::Async && within_min >= 60)) {
        return fmt::format("{:g} h", within_min / 60);
    }
    if (seconds < 600 || std::fabs(within_min - std::round(within_min)) > 1e-9) {
        return fmt::format("{:g} s", seconds);
    }
    return fmt::format("{:g} min", within_min);
}

std::string format_target(const Model& model, const StaffedChannel& sc) {
    if (!sc.target) return "none (load only)";
    return fmt::format("{:g}% within {}", sc.target->share * 100,
                       format_within(model, sc.channel, sc.target->within_min));
}

std::string format_share(const Estimate& e) {
    if (!std::isfinite(e.mean)) return "n/a";
    const double half = std::isfinite(e.high) ? (e.high - e.low) / 2 * 100 : 0;
    return fmt::format("{:.1f}% ± {:.1f}", e.mean * 100, half);
}

std::string reason_text(const StaffingPlan& plan, ShortfallReason reason) {
    if (reason == ShortfallReason::Cap)
        return fmt::format("cap of {} agents reached", plan.max_agents);
    static constexpr EnumText<ShortfallReason> texts[] = {
        {ShortfallReason::NoWorkingTime, "no working time within the response window"},
        {ShortfallReason::TooLittleWorkingTime,
         "too little working time within the response window to clear the work ahead"},
        {ShortfallReason::StillShort, "still below target after the last round"}};
    return text_of(texts, reason);
}

}  // namespace

std::string staffing_to_json(const Model& model, const StaffingPlan& plan) {
    Json out{{"journeysim_staffing", 1},
             {"model", plan.model},
             {"seed", plan.seed},
             {"replications", plan.replications},
             {"interval_min", plan.interval_min},
             {"fte_hours_per_week", plan.fte_hours},
             {"max_agents", plan.max_agents},
             {"rounds", plan.rounds},
             {"converged", plan.converged},
             {"targets_met", plan.shortfalls.empty()}};
    Json labels = Json::array();
    for (std::size_t w = 0; w < plan.intervals(); ++w)
        labels.push_back(plan.interval_label(w));
    out["intervals"] = labels;

    Json teams = Json::object();
    for (const auto& st : plan.teams) {
        const Team& team = model.teams[st.team];
        Json t{{"planned", st.planned},
               {"cost_per_hour", team.cost_per_hour},
               {"peak_agents", st.peak},
               {"agent_hours_per_week", number(st.agent_hours, 4)},
               {"fte", number(st.fte, 4)},
               {"cost_per_week", number(st.cost, 2)},
               {"model_agent_hours_per_week", number(st.model_agent_hours, 4)}};
        if (st.planned) {
            t["agents"] = st.agents;
            t["erlang_agents"] = st.start_agents;
            Json schedule = Json::array();
            if (plan.planned_model) {
                for (const auto& shift : plan.planned_model->teams[st.team].schedule) {
                    schedule.push_back(
                        Json{{"hours", shift.hours.text()}, {"agents", shift.agents}});
                }
            }
            t["schedule"] = schedule;
        }
        teams[team.id] = t;
    }
    out["teams"] = teams;

    Json channels = Json::object();
    for (const auto& sc : plan.channels) {
        const Channel& ch = model.channels[sc.channel];
        Json c{
            {"mode", to_string(ch.mode)},
            {"team", model.teams[ch.team].id},
            {"target", target_json(model, sc)},
            {"target_source", sc.target ? Json(sc.target_from_model ? "model" : "option") : Json()},
            {"aht_s", number(sc.aht_min * 60, 3)},
            {"service_level", estimate_json(sc.achieved)},
            {"intervals_below_target_within_noise", sc.below_within_noise}};
        Json offered = Json::array();
        Json need = Json::array();
        Json achieved = Json::array();
        for (std::size_t w = 0; w < sc.offered.size(); ++w) {
            offered.push_back(number(sc.offered[w], 3));
            need.push_back(number(sc.start_agents[w], 3));
            achieved.push_back(number(sc.service_level[w], 4));
        }
        c["offered"] = offered;
        c["erlang_agents"] = need;
        c["service_levels"] = achieved;
        channels[ch.id] = c;
    }
    out["channels"] = channels;

    Json infeasible = Json::array();
    for (const auto& s : plan.shortfalls) {
        infeasible.push_back(
            Json{{"channel", model.channels[s.channel].id},
                 {"interval", plan.interval_label(s.interval)},
                 {"start_min", static_cast<double>(s.interval) * plan.interval_min},
                 {"reason", to_string(s.reason)},
                 {"target", s.target},
                 {"achieved", number(s.achieved, 4)}});
    }
    out["infeasible"] = infeasible;
    out["notes"] = plan.notes;
    return out.dump(2) + "\n";
}

std::string staffing_to_table(const Model& model, const StaffingPlan& plan) {
    std::string out = fmt::format("Staffing plan: {}\n", plan.model);
    out += fmt::format(
        "{:g}-minute intervals; {} verification round{} ({}), {} replications, seed {}\n\n",
        plan.interval_min, plan.rounds, plan.rounds == 1 ? "" : "s",
        plan.converged ? "converged" : "round limit reached", plan.replications, plan.seed);

    std::vector<std::vector<std::string>> teams{{"Team", "peak agents", "agent-hours/week",
                                                 fmt::format("FTE ({:g} h)", plan.fte_hours),
                                                 "cost/week", "model agent-hours"}};
    for (const auto& st : plan.teams) {
        teams.push_back({model.teams[st.team].id + (st.planned ? "" : " (kept)"),
                         fmt::format("{}", st.peak), fmt::format("{:.1f}", st.agent_hours),
                         fmt::format("{:.1f}", st.fte), fmt::format("{:.0f}", st.cost),
                         fmt::format("{:.1f}", st.model_agent_hours)});
    }
    out += detail::Table::of(teams).render() + "\n";

    std::vector<std::vector<std::string>> channels{
        {"Channel", "target", "achieved", "AHT (s)", "intervals below target"}};
    for (const auto& sc : plan.channels) {
        std::size_t below = 0;
        for (const auto& s : plan.shortfalls)
            below += s.channel == sc.channel ? 1 : 0;
        channels.push_back(
            {model.channels[sc.channel].id, format_target(model, sc), format_share(sc.achieved),
             fmt::format("{:.0f}", sc.aht_min * 60),
             sc.target ? fmt::format("{} not met, {} within noise", below, sc.below_within_noise)
                       : std::string("-")});
    }
    out += detail::Table::of(channels).render();

    // Agents per hour of the week (the most in the hour), one block per planned team.
    const std::size_t per_day =
        static_cast<std::size_t>(std::llround(kMinutesPerDay / plan.interval_min));
    static const char* const kDays[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (const auto& st : plan.teams) {
        if (!st.planned) continue;
        out += fmt::format("\n  Agents per hour, {} (most in the hour)\n", model.teams[st.team].id);
        std::vector<std::vector<std::string>> grid;
        std::vector<std::string> header{""};
        for (int h = 0; h < 24; ++h)
            header.push_back(fmt::format("{:02}", h));
        grid.push_back(header);
        for (std::size_t d = 0; d < 7; ++d) {
            std::vector<std::string> row{kDays[d]};
            for (int h = 0; h < 24; ++h) {
                int most = 0;
                for (std::size_t i = 0; i < per_day; ++i) {
                    const double start = static_cast<double>(i) * plan.interval_min;
                    const double end = start + plan.interval_min;
                    if (end <= h * 60.0 || start >= (h + 1) * 60.0) continue;
                    most = std::max(most, st.agents[d * per_day + i]);
                }
                row.push_back(most > 0 ? fmt::format("{}", most) : "-");
            }
            grid.push_back(row);
        }
        out += detail::Table::of(grid).render();
    }

    if (plan.shortfalls.empty()) {
        out += "\n  Every target is met in every interval (within the simulation's noise).\n";
    } else {
        out += fmt::format("\n  Targets not met ({} channel-interval{}):\n", plan.shortfalls.size(),
                           plan.shortfalls.size() == 1 ? "" : "s");
        std::vector<std::vector<std::string>> rows;
        std::size_t shown_for_channel = 0;
        std::size_t hidden = 0;
        for (std::size_t i = 0; i < plan.shortfalls.size();) {
            const Shortfall& first = plan.shortfalls[i];
            std::size_t j = i;
            double low = first.achieved;
            double high = first.achieved;
            while (j + 1 < plan.shortfalls.size() &&
                   plan.shortfalls[j + 1].channel == first.channel &&
                   plan.shortfalls[j + 1].reason == first.reason &&
                   plan.shortfalls[j + 1].interval == plan.shortfalls[j].interval + 1) {
                ++j;
                const double a = plan.shortfalls[j].achieved;
                if (std::isfinite(a)) {
                    low = std::isfinite(low) ? std::min(low, a) : a;
                    high = std::isfinite(high) ? std::max(high, a) : a;
                }
            }
            if (i == 0 || plan.shortfalls[i - 1].channel != first.channel) shown_for_channel = 0;
            const std::size_t count = j - i + 1;
            if (shown_for_channel < 12) {
                const std::size_t end = (plan.shortfalls[j].interval + 1) % plan.intervals();
                const std::string achieved =
                    !std::isfinite(low) ? "not measured"
                    : std::fabs(high - low) < 0.0005
                        ? fmt::format("achieved {:.0f}%", low * 100)
                        : fmt::format("achieved {:.0f}–{:.0f}%", low * 100, high * 100);
                rows.push_back({model.channels[first.channel].id,
                                fmt::format("{}–{}", plan.interval_label(first.interval),
                                            plan.interval_label(end)),
                                reason_text(plan, first.reason),
                                fmt::format("{} interval{}, target {:g}%, {}", count,
                                            count == 1 ? "" : "s", first.target * 100, achieved)});
            } else {
                ++hidden;
            }
            ++shown_for_channel;
            i = j + 1;
        }
        out += detail::Table::of(rows, true).render();
        if (hidden > 0)
            out += fmt::format("  ... and {} more periods (see the JSON plan)\n", hidden);
    }
    if (!plan.notes.empty()) {
        out += "\n  Notes:\n";
        for (const auto& note : plan.notes)
            out += "  - " + note + "\n";
    }
    return out;
}

}  // namespace journeysim
