#include <journeysim/load.hpp>

#include <fmt/format.h>

#include <map>

namespace journeysim {

std::string summarize(const Model& m) {
    std::string out = fmt::format("{}\n", m.name);
    out += fmt::format("  horizon     {} days ({} warm-up), {}-minute intervals\n", m.horizon.days,
                       m.horizon.warmup_days, m.horizon.interval_min);
    std::size_t touchpoints = 0;
    for (const auto& j : m.journeys)
        touchpoints += j.touchpoints.size();
    out += fmt::format("  journeys    {} ({} touchpoints), {} employee journey{}\n",
                       m.journeys.size(), touchpoints, m.employee_journeys.size(),
                       m.employee_journeys.size() == 1 ? "" : "s");
    for (const auto& j : m.journeys) {
        out += fmt::format("    {:<22} {:>8.0f} customers/day  {} touchpoints\n", j.label,
                           j.arrivals.per_day, j.touchpoints.size());
    }
    out += fmt::format("  channels    {}\n", m.channels.size());
    for (const auto& c : m.channels) {
        std::string detail;
        if (c.mode == ChannelMode::SelfService) {
            detail = fmt::format("success {:.0f}%", c.success_rate * 100);
        } else {
            detail = fmt::format("team {}, fix rate {:.0f}%",
                                 c.team == kNone ? std::string("-") : m.teams[c.team].label,
                                 c.fix_rate * 100);
        }
        out += fmt::format("    {:<22} {:<12} {:<28} {}\n", c.label, to_string(c.mode),
                           c.hours.text(), detail);
    }
    out += fmt::format("  teams       {}\n", m.teams.size());
    for (const auto& t : m.teams) {
        int peak = 0;
        for (double t0 = 0; t0 < kMinutesPerWeek; t0 += 15)
            peak = std::max(peak, t.agents_at(t0));
        out +=
            fmt::format("    {:<22} up to {} agents, {} skills\n", t.label, peak, t.skills.size());
    }
    out += fmt::format("  segments    {}\n", m.segments.size());
    for (const auto& s : m.segments) {
        out += fmt::format("    {:<22} {:>5.1f}%  baseline LTR {:.1f}\n", s.label, s.share * 100,
                           s.baseline_ltr.expected());
    }
    out += fmt::format("  arrivals    {:.0f} customers per week\n", m.customers_per_week());
    return out;
}

}  // namespace journeysim
