#include <journeysim/load.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace journeysim {
namespace {

/// Width of the widest label among `items`, at most `cap`.
template <typename Items>
std::size_t label_width(const Items& items, std::size_t cap = 34) {
    std::size_t w = 8;
    for (const auto& item : items)
        w = std::max(w, item.label.size());
    return std::min(w, cap);
}

std::string fit(const std::string& text, std::size_t width) {
    if (text.size() <= width) return text;
    return text.substr(0, width - 1) + "~";
}

}  // namespace

std::string summarize(const Model& m) {
    std::string out = fmt::format("{}\n", m.name);
    out += fmt::format("  horizon   {} days ({} warm-up), {}-minute intervals\n", m.horizon.days,
                       m.horizon.warmup_days, m.horizon.interval_min);
    std::size_t touchpoints = 0;
    for (const auto& j : m.journeys)
        touchpoints += j.touchpoints.size();
    out += fmt::format("  journeys  {} ({} touchpoints), {} employee journey{}\n",
                       m.journeys.size(), touchpoints, m.employee_journeys.size(),
                       m.employee_journeys.size() == 1 ? "" : "s");
    std::size_t w = label_width(m.journeys);
    for (const auto& j : m.journeys) {
        out += fmt::format("    {:<{}}  {:>7.0f} customers/day, {} touchpoints\n", fit(j.label, w),
                           w, j.arrivals.per_day, j.touchpoints.size());
    }
    out += fmt::format("  channels  {}\n", m.channels.size());
    w = label_width(m.channels);
    for (const auto& c : m.channels) {
        std::string detail;
        if (c.mode == ChannelMode::SelfService) {
            detail = fmt::format("success {:.0f}%", c.success_rate * 100);
        } else {
            detail = fmt::format("fix rate {:.0f}%, team {}", c.fix_rate * 100,
                                 c.team == kNone ? std::string("-") : m.teams[c.team].id);
        }
        out += fmt::format("    {:<{}}  {:<12}  {}; open {}\n", fit(c.label, w), w,
                           to_string(c.mode), detail, c.hours.text());
    }
    out += fmt::format("  teams     {}\n", m.teams.size());
    w = label_width(m.teams);
    for (const auto& t : m.teams) {
        int peak = 0;
        for (double t0 = 0; t0 < kMinutesPerWeek; t0 += 15)
            peak = std::max(peak, t.agents_at(t0));
        std::string skills;
        for (const auto& s : t.skills)
            skills += (skills.empty() ? "" : ", ") + s;
        out += fmt::format("    {:<{}}  up to {} agents; skills {}\n", fit(t.label, w), w, peak,
                           skills);
    }
    out += fmt::format("  segments  {}\n", m.segments.size());
    w = label_width(m.segments);
    for (const auto& s : m.segments) {
        out += fmt::format("    {:<{}}  {:>5.1f}%, baseline likelihood-to-recommend {:.1f}\n",
                           fit(s.label, w), w, s.share * 100, s.baseline_ltr.expected());
    }
    out += fmt::format("  arrivals  {:.0f} customers per week\n", m.customers_per_week());
    return out;
}

}  // namespace journeysim
