// The HTML report's sections of figures and charts: the headline cards, the channel load, the
// NPS, where the volume went in a comparison, and the cost.

#include "html/report.hpp"

#include <journeysim/io.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace journeysim::detail::html {

namespace {

/// The figures of the headline cards.
constexpr const MetricKind* kHeadline[] = {
    &metric::nps,
    &metric::fcr,
    &metric::resolution_rate,
    &metric::cost_per_resolved,
};

/// "95% CI 86.6% to 89.0%".
std::string interval_words(const Estimate& e, Unit unit, bool difference = false) {
    if (undefined(e) || std::isnan(e.low)) return "";
    return "95% CI " + number(e.low, unit, difference) + suffix(unit, difference) + " to " +
           number(e.high, unit, difference) + suffix(unit, difference);
}

}  // namespace

// Headline ----------------------------------------------------------------------------------------

bool Report::biased(const Variant& v, const std::string& path) {
    return std::any_of(
        v.result->warnings.begin(), v.result->warnings.end(), [&](const RunWarning& w) {
            return std::find(w.biases.begin(), w.biases.end(), path) != w.biases.end();
        });
}

std::string Report::warnings() const {
    std::string items;
    const auto item = [&](const std::string& where, const std::string& message,
                          const std::string& hint, const std::string& extra) {
        items += "<li><span class=\"where\">" + escape_html(where) + "</span> " +
                 escape_html(message) + "<br><span class=\"hint\">" + escape_html(hint) +
                 "</span>" + extra + "</li>\n";
    };
    for (const Diagnostic& d : options_.warnings) {
        item(d.pointer.empty() ? d.file : d.file + " at " + d.pointer, d.message, d.hint, {});
    }
    for (const Variant& v : variants_) {
        for (const RunWarning& w : v.result->warnings) {
            std::vector<std::string> figures;
            for (const std::string& path : w.biases) {
                if (const auto parsed = parse_metric_path(path))
                    figures.push_back(escape_html(std::string(parsed->kind->label)) +
                                      (parsed->ids.empty()
                                           ? std::string()
                                           : " of " + escape_html(display(parsed->ids.back(),
                                                                          parsed->ids.back()))));
            }
            const std::string where =
                compare_ ? v.full_name + (w.pointer.empty() ? "" : " at " + w.pointer) : w.pointer;
            item(where, w.message, w.hint,
                 figures.empty() ? std::string()
                                 : "<br><span class=\"biases\">Biased figures (marked \u26a0 in "
                                   "the tables): " +
                                       join(figures, ", ") + "</span>");
        }
    }
    if (items.empty()) return {};
    return "<p class=\"note\">What the model's set-up does to its own figures: read the marked "
           "figures with these in mind.</p>\n<ul class=\"warnings\">\n" +
           items + "</ul>\n";
}

std::string Report::headline() const {
    std::string html;
    const Variant& base = variants_.front();
    html += "<div class=\"cards\">\n";
    for (const MetricKind* kind : kHeadline) {
        const MetricKind& k = *kind;
        html += "<div class=\"card\"><div class=\"card-label\">";
        html += capitalised(label_of(k));
        if (compare_) html += " \u00b7 base";
        html += "</div>";
        const auto e = estimate_at(*base.result, {k});
        if (e) {
            html += "<div class=\"card-value\">" + number(e->mean, k.unit) + suffix(k.unit) +
                    "</div><div class=\"card-ci\">" + interval_words(*e, k.unit) + "</div>";
        } else {
            html += "<div class=\"card-value\">n/a</div>";
        }
        if (&k == &metric::cost_per_resolved) {
            if (const auto total = estimate_at(*base.result, {metric::cost_total}))
                html += "<div class=\"card-ci\">total " + number(total->mean, Unit::Money) +
                        " over the measured days</div>";
        }
        html += "</div>\n";
    }
    html += "</div>\n";
    if (!compare_) return html;

    html += "<h3>Each scenario against the base</h3>\n<div class=\"scenario-cards\">\n";
    for (std::size_t i = 1; i < variants_.size(); ++i) {
        const Variant& v = variants_[i];
        html += "<div class=\"scenario\">\n<div class=\"scenario-name\">" + swatch(i) +
                with_full_name(v.name, v.full_name) + "</div>\n";
        if (!v.description.empty())
            html += "<p class=\"scenario-text\">" + escape_html(v.description) + "</p>\n";
        html += "<div class=\"cards\">\n";
        for (const MetricKind* kind : kHeadline) {
            const MetricKind& k = *kind;
            const MetricDelta* d = v.scenario->find(k);
            std::string verdict = "neutral";
            std::string badge = "<span class=\"badge ns\">not significant</span>";
            if (d != nullptr && !undefined(d->delta) && d->significant) {
                const int direction = d->delta.mean > 0 ? 1 : -1;
                const int better = static_cast<int>(k.better);
                verdict = better == 0 ? "neutral" : direction * better > 0 ? "better" : "worse";
                badge = "<span class=\"badge sig\">significant</span>";
            }
            html += "<div class=\"card delta " + verdict + "\"><div class=\"card-label\">";
            html += "\u0394 " + capitalised(label_of(k)) + "</div>";
            if (d == nullptr || undefined(d->delta)) {
                html += "<div class=\"card-value\">n/a</div>";
            } else {
                html += "<div class=\"card-value\">" + number(d->delta.mean, k.unit, true) +
                        suffix(k.unit, true) + "</div><div class=\"card-ci\">" +
                        interval_words(d->delta, k.unit, true) + "</div>" + badge;
            }
            const auto before = estimate_at(*variants_.front().result, {k});
            const auto after = estimate_at(*v.result, {k});
            if (before && after)
                html += "<div class=\"card-ci\">" + number(before->mean, k.unit) + suffix(k.unit) +
                        " \u2192 " + number(after->mean, k.unit) + suffix(k.unit) + "</div>";
            html += "</div>\n";
        }
        html += "</div>\n</div>\n";
    }
    html += "</div>\n";
    return html;
}

// Channel load ------------------------------------------------------------------------------------

std::string Report::load() {
    std::string html;
    html += intraday();
    html += "<div class=\"grid2\">\n";
    std::vector<Bar> service_levels;
    std::vector<Bar> occupancies;
    for (const ChannelInfo& c : channels_) {
        service_levels.push_back({c.label, {metric::channel_service_level, {c.id}}});
        occupancies.push_back({c.label, {metric::channel_occupancy, {c.id}}});
    }
    const BarData sl = bar_data(service_levels, false, [&](std::size_t c, Json& r) {
        if (channels_[c].target) r["target"] = channels_[c].target->share;
    });
    const BarData occupancy = bar_data(occupancies);
    if (!sl.values.empty()) {
        Json spec =
            bar_chart(sl.values, sl.categories, "channel", "service level", ".0%", false, 220);
        spec["layer"].push_back(
            {{"transform", {{{"filter", "isValid(datum.target)"}}}},
             {"mark", {{"type", "tick"}, {"color", "#C62828"}, {"thickness", 2}}},
             {"encoding",
              {{"y", {{"field", "target"}, {"type", "quantitative"}}},
               {"tooltip", {{{"field", "target"}, {"title", "target"}, {"format", ".0%"}}}}}}});
        html += chart("service-level", std::move(spec), "Service level per channel",
                      "Share of contacts answered (or responded to) within the channel's "
                      "target; the red tick is the target share.",
                      "chart-half");
    }
    if (!occupancy.values.empty()) {
        html += chart("occupancy",
                      bar_chart(occupancy.values, occupancy.categories, "channel", "occupancy",
                                ".0%", false, 220),
                      "Occupancy per channel",
                      "Share of the agents' time on duty spent handling the channel's "
                      "contacts.",
                      "chart-half");
    }
    html += "</div>\n";
    return html;
}

std::string Report::intraday() {
    Json values = Json::array();
    Json facets = Json::array();
    bool any = false;
    double interval = 15;
    for (const Variant& v : variants_) {
        const Result& r = *v.result;
        if (r.intervals.empty()) continue;
        any = true;
        interval = r.interval_min;
        // Mean offered per interval of the day over the measured days.
        std::map<std::pair<std::size_t, long>, double> sums;
        std::set<std::size_t> days;
        for (const IntervalRow& row : r.intervals) {
            days.insert(row.day);
            sums[{row.channel, std::lround(row.start_min)}] += row.offered;
        }
        std::vector<double> channel_total(r.channel_ids.size(), 0.0);
        for (const auto& [key, sum] : sums)
            channel_total.at(key.first) += sum;
        for (const auto& [key, sum] : sums) {
            const auto& [channel, minute] = key;
            if (channel_total[channel] <= 0) continue;
            const std::string& id = r.channel_ids.at(channel);
            const auto info = std::find_if(channels_.begin(), channels_.end(),
                                           [&](const ChannelInfo& c) { return c.id == id; });
            const std::string label = info == channels_.end() ? display_name(id) : info->label;
            if (std::find(facets.begin(), facets.end(), Json(label)) == facets.end())
                facets.push_back(label);
            values.push_back({{"variant", v.name},
                              {"channel", label},
                              {"hour", static_cast<double>(minute) / 60.0},
                              {"offered", sum / static_cast<double>(days.size())}});
        }
    }
    if (!any) {
        return "<p class=\"note\">The intraday load needs per-interval statistics: run with "
               "<code>journeysim report</code> or with <code>--report</code>.</p>\n";
    }
    // Keep the model's channel order.
    Json ordered = Json::array();
    for (const ChannelInfo& c : channels_)
        if (std::find(facets.begin(), facets.end(), Json(c.label)) != facets.end())
            ordered.push_back(c.label);
    Json line;
    line["mark"] = {{"type", "line"}, {"interpolate", "step-after"}, {"strokeWidth", 1.6}};
    if (!compare_) line["mark"]["color"] = kSingleColour;
    line["encoding"]["x"] = {{"field", "hour"},
                             {"type", "quantitative"},
                             {"scale", {{"domain", {0, 24}}}},
                             {"axis", {{"values", {0, 6, 12, 18, 24}}}},
                             {"title", "hour of day"}};
    line["encoding"]["y"] = {{"field", "offered"},
                             {"type", "quantitative"},
                             {"title", fmt::format("offered per {:g} min", interval)}};
    if (compare_) line["encoding"]["color"] = variant_colour();
    line["encoding"]["tooltip"] =
        Json::array({{{"field", "channel"}},
                     {{"field", "variant"}},
                     {{"field", "hour"}, {"format", ".2f"}, {"title", "hour"}},
                     {{"field", "offered"}, {"format", ".1f"}}});
    Json spec;
    spec["data"] = {{"values", std::move(values)}};
    spec["facet"] = {
        {"field", "channel"}, {"type", "nominal"}, {"sort", ordered}, {"title", nullptr}};
    spec["columns"] = 3;
    spec["resolve"] = {{"scale", {{"y", "independent"}}}, {"axis", {{"x", "independent"}}}};
    spec["spec"] = {
        {"width", 250}, {"height", 110}, {"mark", line["mark"]}, {"encoding", line["encoding"]}};
    return chart("intraday", std::move(spec), "Intraday load per channel",
                 fmt::format("Contacts offered per {:g} minutes by time of day, averaged over "
                             "the measured days{}.",
                             interval, compare_ ? ", for the base and each scenario" : ""));
}

// NPS ---------------------------------------------------------------------------------------------

const char* Report::score_group(int score) {
    return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

std::string Report::nps() {
    std::string html;
    // The 0–10 histogram, when the engine reports it.
    bool histogram = true;
    for (int s = 0; s <= 10 && histogram; ++s)
        histogram =
            variants_.front().result->find(metric::ltr_share, {std::to_string(s)}) != nullptr;
    html += "<div class=\"grid2\">\n";
    if (histogram) {
        std::vector<Bar> scores;
        for (int s = 0; s <= 10; ++s)
            scores.push_back({std::to_string(s), {metric::ltr_share, {std::to_string(s)}}});
        const BarData shares = bar_data(scores, false, [](std::size_t s, Json& r) {
            r["group"] = score_group(static_cast<int>(s));
        });
        Json spec = bar_chart(shares.values, shares.categories, "score", "share of customers",
                              ".0%", false, 220);
        spec["encoding"]["x"]["axis"]["labelAngle"] = 0;
        spec["encoding"]["x"]["title"] = "likelihood to recommend (final score)";
        if (compare_) {
            spec["width"] = {{"step", 5}};
        } else {
            spec["layer"][0]["mark"].erase("color");
            spec["layer"][0]["encoding"]["color"] =
                score_group_colour({"detractor", "passive", "promoter"});
            spec["width"] = {{"step", 30}};
        }
        html += chart("ltr-histogram", std::move(spec), "NPS distribution",
                      "Share of customers whose journey ended with each final score of "
                      "likelihood to recommend (0\u20136 detractors, 7\u20138 passives, "
                      "9\u201310 promoters).",
                      "chart-half");
    }
    html += ppd(histogram ? "chart-half" : "chart-full");
    html += "</div>\n";
    html += nps_recipe();
    html += drivers();
    return html;
}

std::string Report::ppd(const char* css) {
    Json values = Json::array();
    Json rows = Json::array();
    // The three groups of all customers, or of one journey.
    auto add = [&](const std::string& label, const Result& r, const std::string* journey,
                   const std::string& variant) {
        bool any = false;
        int order = 0;
        const auto groups =
            journey == nullptr
                ? std::array{MetricRef{metric::detractors}, MetricRef{metric::passives},
                             MetricRef{metric::promoters}}
                : std::array{MetricRef{metric::journey_detractors, {*journey}},
                             MetricRef{metric::journey_passives, {*journey}},
                             MetricRef{metric::journey_promoters, {*journey}}};
        for (const MetricRef& group : groups) {
            const auto e = estimate_at(r, group);
            if (!e) continue;
            any = true;
            values.push_back({{"row", label},
                              {"variant", variant},
                              {"group", group.kind->label},
                              {"order", order++},
                              {"share", e->mean},
                              {"text", with_ci(*e, Unit::Share)}});
        }
        if (any) rows.push_back(label);
    };
    if (compare_) {
        for (const Variant& v : variants_)
            add(v.name, *v.result, nullptr, v.name);
    } else {
        const Variant& v = variants_.front();
        add("all customers", *v.result, nullptr, v.name);
        for (const Journey& j : v.model->journeys)
            add("journey: " + display(j.label, j.id), *v.result, &j.id, v.name);
    }
    Json groups = {metric::detractors.label, metric::passives.label, metric::promoters.label};
    Json spec;
    spec["data"] = {{"values", std::move(values)}};
    spec["width"] = std::string_view(css) == "chart-full" ? 760 : 330;
    spec["height"] = {{"step", 26}};
    spec["encoding"] = {{"y",
                         {{"field", "row"},
                          {"type", "nominal"},
                          {"sort", rows},
                          {"title", nullptr},
                          {"axis", {{"labelLimit", 200}}}}},
                        {"x",
                         {{"field", "share"},
                          {"type", "quantitative"},
                          {"stack", "normalize"},
                          {"axis", {{"format", ".0%"}}},
                          {"title", "share of customers"}}},
                        {"order", {{"field", "order"}}},
                        {"tooltip",
                         {{{"field", "row"}, {"title", ""}},
                          {{"field", "group"}, {"title", ""}},
                          {{"field", "text"}, {"title", "share"}}}}};
    spec["layer"] = Json::array(
        {{{"mark", "bar"}, {"encoding", {{"color", score_group_colour(groups)}}}},
         {{"mark", {{"type", "text"}, {"color", "#FFFFFF"}, {"fontSize", 10}}},
          {"encoding",
           {{"x",
             {{"field", "share"},
              {"type", "quantitative"},
              {"stack", "normalize"},
              {"bandPosition", 0.5}}},
            {"text", {{"field", "share"}, {"type", "quantitative"}, {"format", ".0%"}}}}}}});
    return chart("promoters", std::move(spec), "Promoters, passives and detractors",
                 "Among customers whose journey ended" +
                     std::string(compare_ ? ", for the base and each scenario."
                                          : ", overall and per journey."),
                 css);
}

std::string Report::drivers() {
    std::vector<Bar> bars;
    for (const MetricKind& k : kMetricCatalogue) {
        if (k.scope == Scope::Driver) bars.push_back({std::string(k.label), {k}});
    }
    const BarData drivers = bar_data(bars);
    if (drivers.values.empty()) return {};
    Json spec = bar_chart(drivers.values, drivers.categories, "driver", "NPS points", "+.0f", true,
                          700, true);
    return chart("drivers", std::move(spec), "What drives the NPS",
                 std::string("How many NPS points each kind of event adds to ") +
                     (compare_ ? "(right)" : "(green)") + " or takes from " +
                     (compare_ ? "(left)" : "(red)") +
                     " the NPS: the NPS minus the NPS the same customers would give without "
                     "that event's effect on their likelihood to recommend.");
}

// Where the volume went ---------------------------------------------------------------------------

std::string Report::volume() {
    std::string html;
    Json values = Json::array();
    Json categories = Json::array();
    const Result& base = *variants_.front().result;
    for (const ChannelInfo& c : channels_) {
        const MetricRef offered{metric::channel_offered, {c.id}};
        const std::string& path = offered.path;
        bool any = false;
        for (std::size_t i = 1; i < variants_.size(); ++i) {
            const Variant& v = variants_[i];
            std::optional<Estimate> d;
            if (const MetricDelta* m = v.scenario->find(path);
                m != nullptr && !undefined(m->delta)) {
                d = m->delta;
            } else if (const auto before = estimate_at(base, offered);
                       before && !v.result->find(path)) {
                d = Estimate{-before->mean, -before->high, -before->low, before->count};
            } else if (const auto after = estimate_at(*v.result, offered);
                       after && !base.find(path)) {
                d = after;
            }
            if (!d) continue;
            values.push_back(row(v, c.label, *d, Unit::Count, 1.0, true));
            any = true;
        }
        if (any) categories.push_back(c.label);
    }
    if (!values.empty()) {
        Json spec =
            bar_chart(values, categories, "channel", "\u0394 contacts offered", ",.0f", true, 700);
        // Only the scenarios in the colour key.
        Json domain = Json::array();
        Json range = Json::array();
        for (std::size_t i = 1; i < variants_.size(); ++i) {
            domain.push_back(variants_[i].name);
            range.push_back(kVariantColours[i % kVariantColours.size()]);
        }
        spec["layer"][0]["encoding"]["color"]["scale"] = {{"domain", domain}, {"range", range}};
        spec["layer"][0]["encoding"]["color"]["sort"] = domain;
        spec["encoding"]["yOffset"]["sort"] = domain;
        html += chart("volume", std::move(spec),
                      "Contacts offered per channel: change against the base",
                      "Over the measured days, each scenario against the base; a removed channel "
                      "loses all its contacts, an added one gains all of its own.");
    }
    html += dropped_channels();
    return html;
}

std::string Report::dropped_channels() const {
    std::string html;
    const Result& base = *variants_.front().result;
    for (std::size_t i = 1; i < variants_.size(); ++i) {
        const Variant& v = variants_[i];
        for (const std::string& removed : v.scenario->removed_channels) {
            const auto before = estimate_at(base, {metric::channel_offered, {removed}});
            if (!before) continue;
            const auto info = std::find_if(channels_.begin(), channels_.end(),
                                           [&](const ChannelInfo& c) { return c.id == removed; });
            const std::string name = info == channels_.end() ? display_name(removed) : info->label;
            std::vector<std::string> moves;
            double moved = 0;
            for (const ChannelInfo& c : channels_) {
                if (c.id == removed) continue;
                const MetricDelta* d = v.scenario->find(metric::channel_offered, {c.id});
                if (d == nullptr || undefined(d->delta) || !d->significant || d->delta.mean <= 0)
                    continue;
                moved += d->delta.mean;
                moves.push_back(fmt::format("<b>{}</b> {} ({:.0f}% of it)", escape_html(c.label),
                                            number(d->delta.mean, Unit::Count, true),
                                            100 * d->delta.mean / before->mean));
            }
            html += "<p class=\"moved\">" + swatch(i) + "Scenario <b>" + escape_html(v.name) +
                    "</b> removes <b>" + escape_html(name) + "</b> and its " +
                    number(before->mean, Unit::Count) + " contacts over the measured days. ";
            if (moves.empty()) {
                html += "No other channel gained significantly.";
            } else {
                html += "Other channels gained: " + join(moves, ", ") + ".";
                if (moved > before->mean)
                    html +=
                        " They gained more than it lost: customers who are not helped "
                        "the first time (not fixed, or gave up waiting) contact again.";
            }
            html += "</p>\n";
        }
    }
    return html;
}

// Cost --------------------------------------------------------------------------------------------

std::string Report::cost() {
    std::string html = "<div class=\"grid2\">\n";
    // One bar chart of costs per channel or per team, left out when none has a cost.
    auto costs = [&](const char* id, const std::vector<Bar>& bars, const char* category,
                     const char* title, const char* explanation) {
        const BarData data = bar_data(bars, true);
        if (data.values.empty()) return;
        html += chart(id,
                      bar_chart(data.values, data.categories, category, "cost" + currency_note(),
                                ",.0f", false, 220),
                      title, explanation, "chart-half");
    };
    std::vector<Bar> channel_costs;
    for (const ChannelInfo& c : channels_)
        channel_costs.push_back({c.label, {metric::channel_cost, {c.id}}});
    costs("cost-channels", channel_costs, "channel", "Cost per channel",
          "Over the measured days: contacts handled times the channel's cost per contact.");
    std::vector<Bar> team_costs;
    for (const TeamInfo& t : teams_)
        team_costs.push_back({t.label, {metric::team_cost, {t.id}}});
    costs("cost-teams", team_costs, "team", "Cost per team",
          "Over the measured days: agent hours on duty times the team's cost per hour.");
    html += "</div>\n";
    return html;
}

}  // namespace journeysim::detail::html
