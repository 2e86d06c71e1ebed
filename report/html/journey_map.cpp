// The journey map of one journey: its touchpoints in the order customers meet them, with the
// simulated mean likelihood to recommend on leaving each (the emotion curve), and beneath it the
// lanes of the map: customers per day, each contact's channel mix and the employee journeys
// behind it; every variant side by side.
#include "html/report.hpp"

#include <journeysim/flow.hpp>
#include <journeysim/metrics.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <string>
#include <vector>

namespace journeysim::detail::html {

namespace {

/// The journey's touchpoints as a map shows them: breadth first from the start along every
/// move (so the main path comes first), the ends last; touchpoints no customer can reach are
/// left out.
std::vector<Index> map_order(const Journey& journey) {
    std::vector<Index> order;
    std::vector<bool> seen(journey.touchpoints.size(), false);
    std::deque<Index> queue;
    if (journey.start < journey.touchpoints.size()) {
        queue.push_back(journey.start);
        seen[journey.start] = true;
    }
    while (!queue.empty()) {
        const Index t = queue.front();
        queue.pop_front();
        order.push_back(t);
        for_each_move(journey.touchpoints[t], [&](const TouchpointMove& move) {
            if (move.to < seen.size() && !seen[move.to]) {
                seen[move.to] = true;
                queue.push_back(move.to);
            }
        });
    }
    std::stable_partition(order.begin(), order.end(), [&](Index t) {
        return journey.touchpoints[t].kind != TouchpointKind::End;
    });
    return order;
}

}  // namespace

std::string Report::journey_map(const std::string& journey_id) {
    // The touchpoints in map order: the first variant's that has the journey (the base, unless
    // a scenario added it), and each touchpoint a later variant adds placed after the one it
    // follows there. Figures are looked up by touchpoint id in each variant.
    std::vector<std::pair<std::string, std::string>> columns;  // (id, label)
    auto column_of = [&](const std::string& id) {
        return std::find_if(columns.begin(), columns.end(),
                            [&](const auto& c) { return c.first == id; });
    };
    for (const Variant& v : variants_) {
        const Index j = v.model->find_journey(journey_id);
        if (j == kNone) continue;
        const Journey& journey = v.model->journeys[j];
        auto at = columns.begin();
        for (Index t : map_order(journey)) {
            const Touchpoint& tp = journey.touchpoints[t];
            if (auto known = column_of(tp.id); known != columns.end()) {
                at = known + 1;
            } else {
                at = columns.insert(at, {tp.id, display(tp.label, tp.id)}) + 1;
            }
        }
    }
    if (columns.empty()) return {};

    Json values = Json::array();
    Json categories = Json::array();
    for (const auto& column : columns)
        categories.push_back(column.second);

    // One lane row per figure and variant: (label, cells).
    std::string lanes;
    auto lane = [&](const std::string& label, const std::vector<std::string>& cells) {
        lanes += "<tr><th>" + label + "</th>";
        for (const auto& cell : cells)
            lanes += "<td>" + cell + "</td>";
        lanes += "</tr>";
    };

    for (const Variant& v : variants_) {
        const Index j = v.model->find_journey(journey_id);
        if (j == kNone) continue;
        const Journey& journey = v.model->journeys[j];
        const double days = measured_days(*v.model);
        const std::string who = compare_ ? " \u00b7 " + escape_html(v.name) : std::string();
        std::vector<std::string> volume, mix, ltr, staff;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const Index t = journey.find(columns[k].first);
            if (t == kNone) {  // not in this variant
                for (auto* cells : {&volume, &mix, &ltr, &staff})
                    cells->push_back("\u2014");
                continue;
            }
            const Touchpoint& tp = journey.touchpoints[t];
            const auto after =
                estimate_at(*v.result, {metric::touchpoint_ltr_after, {journey.id, tp.id}});
            const auto visits =
                estimate_at(*v.result, {metric::touchpoint_visits, {journey.id, tp.id}});
            const double per_day = visits && days > 0 ? visits->mean / days : 0;
            // The channel mix of a contact: each channel's share of its attempts.
            std::string mix_text;
            double attempts = 0;
            std::vector<std::pair<std::string, double>> shares;
            for (Index c : tp.channels) {
                const Channel& ch = v.model->channels[c];
                const auto chosen = estimate_at(
                    *v.result, {metric::touchpoint_channel_chosen, {journey.id, tp.id, ch.id}});
                if (!chosen) continue;
                attempts += chosen->mean;
                shares.emplace_back(display(ch.label, ch.id), chosen->mean);
            }
            for (const auto& [name, n] : shares) {
                if (attempts <= 0) break;
                mix_text += fmt::format("{}{} {:.0f}%", mix_text.empty() ? "" : ", ", name,
                                        100 * n / attempts);
            }
            // The employee journeys that handle its contacts.
            std::vector<std::string> handlers;
            for (Index c : tp.channels) {
                const Index e = v.model->employee_journey_for(j, t, c);
                if (e == kNone) continue;
                const EmployeeJourney& ej = v.model->employee_journeys[e];
                const std::string name = display(ej.label, ej.id);
                if (std::find(handlers.begin(), handlers.end(), name) == handlers.end())
                    handlers.push_back(name);
            }
            std::string staff_text;
            for (const auto& h : handlers)
                staff_text += (staff_text.empty() ? "" : ", ") + escape_html(h);

            volume.push_back(visits ? fmt::format("{:.0f}", per_day) : "\u2014");
            mix.push_back(mix_text.empty() ? "" : escape_html(mix_text));
            ltr.push_back(after && !undefined(*after) ? number(after->mean, Unit::Score)
                                                      : "\u2014");
            staff.push_back(staff_text);
            if (after && !undefined(*after)) {
                values.push_back({{"touchpoint", categories[k]},
                                  {"order", k},
                                  {"variant", v.name},
                                  {"ltr", after->mean},
                                  {"low", std::isnan(after->low) ? after->mean : after->low},
                                  {"high", std::isnan(after->high) ? after->mean : after->high},
                                  {"per_day", per_day},
                                  {"mix", mix_text}});
            }
        }
        lane("customers per day" + who, volume);
        lane("channel mix" + who, mix);
        lane("employee journeys" + who, staff);
        lane("likelihood to recommend on leaving" + who, ltr);
    }
    if (values.empty()) return {};

    const Json x = {{"field", "touchpoint"},
                    {"type", "ordinal"},
                    {"sort", categories},
                    {"title", nullptr},
                    {"axis", {{"labelAngle", -30}, {"labelLimit", 160}}}};
    const Json y = {{"field", "ltr"},
                    {"type", "quantitative"},
                    {"scale", {{"domain", {0, 10}}, {"clamp", true}}},
                    {"title", "likelihood to recommend on leaving (0\u201310)"}};
    Json colour = variant_colour();
    Json spec = {
        {"data", {{"values", std::move(values)}}},
        {"width", {{"step", compare_ ? 90 : 70}}},
        {"height", 220},
        {"encoding", {{"x", x}, {"color", colour}}},
        {"layer",
         {{{"mark", {{"type", "rule"}, {"opacity", 0.6}}},
           {"encoding",
            {{"y",
              {{"field", "low"},
               {"type", "quantitative"},
               {"scale", {{"domain", {0, 10}}, {"clamp", true}}}}},
             {"y2", {{"field", "high"}}}}}},
          {{"mark", {{"type", "line"}, {"strokeWidth", 2}}}, {"encoding", {{"y", y}}}},
          {{"mark", {{"type", "point"}, {"filled", true}}},
           {"encoding",
            {{"y", y},
             {"size",
              {{"field", "per_day"}, {"type", "quantitative"}, {"title", "customers per day"}}},
             {"tooltip",
              {{{"field", "touchpoint"}, {"type", "nominal"}},
               {{"field", "variant"}, {"type", "nominal"}},
               {{"field", "ltr"},
                {"type", "quantitative"},
                {"format", ".2f"},
                {"title", "likelihood to recommend"}},
               {{"field", "per_day"},
                {"type", "quantitative"},
                {"format", ",.0f"},
                {"title", "customers per day"}},
               {{"field", "mix"}, {"type", "nominal"}, {"title", "channel mix"}}}}}}}}}};
    if (!compare_) spec["encoding"].erase("color");

    std::string html = chart(
        "journey-map-" + std::to_string(journey_maps_++), std::move(spec), "Journey map",
        "The touchpoints in the order customers meet them; the line is the mean likelihood to "
        "recommend of the customers leaving each (the baseline plus every effect felt so far, "
        "before the final rounding), its whiskers the 95% interval, the point size the "
        "customers per day.");
    html += "<div class=\"panel journey-lanes\"><table class=\"data compact\"><thead><tr><th></th>";
    for (const auto& c : categories)
        html += "<th>" + escape_html(c.get<std::string>()) + "</th>";
    html += "</tr></thead><tbody>" + lanes + "</tbody></table></div>\n";
    return html;
}

}  // namespace journeysim::detail::html
