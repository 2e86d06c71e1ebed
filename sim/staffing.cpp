// Staffing planning: the public entry points (target specifications, plan_staffing). The
// planner itself is in sim/staffing/; the method is described in docs/staffing.md.
#include "staffing/planner.hpp"

#include <journeysim/erlang.hpp>
#include <journeysim/error.hpp>
#include <journeysim/simulate.hpp>
#include <journeysim/staffing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace journeysim {

std::size_t StaffingPlan::intervals() const {
    return static_cast<std::size_t>(std::llround(kMinutesPerWeek / interval_min));
}

std::string StaffingPlan::interval_label(std::size_t w) const {
    return format_clock(static_cast<double>(w) * interval_min);
}

namespace {

// ---------------------------------------------------------------------------------------------
// Target parsing

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || end != last || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace

using staffing_detail::Planner;

TargetSpec parse_target_spec(std::string_view text) {
    const auto fail = [&](const std::string& what) {
        throw std::invalid_argument(fmt::format(
            "target \"{}\": {}; write CHANNEL:SHARE/TIME, e.g. phone:0.8/20 (80% answered within "
            "20 s) or email:0.9/24h (90% replied to within 24 h)",
            text, what));
    };
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) fail("no \":\" after the channel");
    if (colon == 0) fail("no channel before \":\"");
    TargetSpec spec;
    spec.channel = std::string(text.substr(0, colon));
    const std::string_view rest = text.substr(colon + 1);
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) fail("no \"/\" between the share and the time");
    std::string_view share_text = rest.substr(0, slash);
    const bool percent = !share_text.empty() && share_text.back() == '%';
    if (percent) share_text.remove_suffix(1);
    const auto share = parse_number(share_text);
    if (!share) fail(fmt::format("the share \"{}\" is not a number", rest.substr(0, slash)));
    spec.share = percent ? *share / 100 : *share;
    if (!(spec.share > 0 && spec.share <= 1)) {
        fail(fmt::format("the share must lie in (0, 1] (got {}){}", rest.substr(0, slash),
                         !percent && *share > 1 && *share <= 100 ? "; write 0.8 or 80%" : ""));
    }
    std::string_view time_text = rest.substr(slash + 1);
    std::size_t unit_at = time_text.size();
    while (unit_at > 0 && std::isalpha(static_cast<unsigned char>(time_text[unit_at - 1]))) {
        --unit_at;
    }
    const std::string_view unit = time_text.substr(unit_at);
    const auto amount = parse_number(time_text.substr(0, unit_at));
    if (!amount) fail(fmt::format("the time \"{}\" is not a number with a unit", time_text));
    double minutes_per_unit = 0;
    if (unit.empty() || unit == "s") {
        minutes_per_unit = 1.0 / 60;
    } else if (unit == "min") {
        minutes_per_unit = 1.0;
    } else if (unit == "h") {
        minutes_per_unit = 60.0;
    } else {
        fail(fmt::format("unknown time unit \"{}\" (use s, min or h)", unit));
    }
    if (*amount < 0) fail("the time must not be negative");
    spec.within_min = *amount * minutes_per_unit;
    return spec;
}

StaffingTarget resolve_target(const Model& model, const TargetSpec& spec) {
    const Index c = model.find_channel(spec.channel);
    if (c == kNone) {
        std::vector<std::string> ids;
        for (const auto& ch : model.channels)
            ids.push_back(ch.id);
        throw InputError({diagnostics::unknown_reference(model.file, "/channels", "channel",
                                                         spec.channel, ids, "channels")});
    }
    const Channel& ch = model.channels[c];
    if (ch.mode == ChannelMode::SelfService) {
        throw InputError({diagnostics::error(
            model.file, "/channels/" + json_pointer_token(ch.id),
            fmt::format("channel \"{}\" is self-service: it has no agents to plan", ch.id),
            "give targets for live, messaging, async or in_person channels")});
    }
    return StaffingTarget{c, spec.share, spec.within_min};
}

StaffingPlan plan_staffing(const ValidModel& model, const std::vector<StaffingTarget>& targets,
                           const StaffingOptions& options) {
    Planner planner(model, targets, options);
    return planner.run();
}

Model with_weekly_schedules(const Model& model, const std::vector<std::vector<int>>& agents,
                            double interval_min) {
    Model out = model;
    for (Index t = 0; t < out.teams.size() && t < agents.size(); ++t) {
        const auto& a = agents[t];
        if (a.empty()) continue;
        Team& team = out.teams[t];
        team.schedule.clear();
        team.constant_agents = false;
        const int peak = std::max(0, *std::max_element(a.begin(), a.end()));
        // Layer k holds the periods with at least k agents; equal layers make one shift.
        std::vector<std::pair<double, double>> previous;
        int count = 0;
        const auto flush = [&] {
            if (count > 0 && !previous.empty()) {
                team.schedule.push_back(Shift{WeeklyHours::from_periods(previous), count});
            }
        };
        for (int k = 1; k <= peak; ++k) {
            std::vector<std::pair<double, double>> periods;
            for (std::size_t w = 0; w < a.size(); ++w) {
                if (a[w] < k) continue;
                const double start = static_cast<double>(w) * interval_min;
                if (!periods.empty() && periods.back().second == start) {
                    periods.back().second = start + interval_min;
                } else {
                    periods.emplace_back(start, start + interval_min);
                }
            }
            if (periods == previous) {
                ++count;
            } else {
                flush();
                previous = std::move(periods);
                count = 1;
            }
        }
        flush();
        if (team.schedule.empty()) {
            team.constant_agents = true;
            team.schedule.push_back(Shift{WeeklyHours::always(), 0});
        }
    }
    return out;
}

}  // namespace journeysim
