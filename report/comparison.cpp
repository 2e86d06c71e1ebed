#include "figures.hpp"
#include "json_tree.hpp"
#include "text_table.hpp"

#include <journeysim/comparison_report.hpp>
#include <journeysim/report.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace journeysim {
namespace {

using detail::currency_note;
using detail::figure;
using detail::Json;
using detail::label_with_units;
using detail::make_path;
using detail::mean_of;
using detail::Pointer;
using detail::signed_figure;
using detail::Table;

std::string number(double x, int decimals) {
    if (std::isnan(x)) return "";
    return fmt::format("{:.{}f}", x, decimals);
}

/// Ids of `scope` over both results, in order of first appearance.
std::vector<std::string> ids_of(const Result& a, const Result& b, Scope scope) {
    std::vector<std::string> out = a.ids_of(scope);
    for (auto& id : b.ids_of(scope)) {
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
    }
    return out;
}

/// One row of base, scenario and difference for metric `kind` of `ids`.
std::vector<std::string> row(const std::string& label, const ScenarioComparison& s, const Result& b,
                             const MetricKind& kind,
                             std::initializer_list<std::string_view> ids = {}) {
    return {label, figure(b, kind, ids, "\u2014"), figure(s.result, kind, ids, "\u2014"),
            signed_figure(s.find(kind, ids), kind)};
}

/// The employee side of a scenario, to read next to the customer KPIs: per team and per
/// employee journey, base, scenario and the paired difference. Rows undefined in both variants,
/// or zero in both, are left out. Empty when the model has no teams.
std::string employee_table(const ScenarioComparison& s, const Result& b) {
    const Result& r = s.result;
    Table table({"Employee experience", "base", "scenario", "difference"});
    auto add = [&](const std::string& label, const MetricKind& kind, const std::string& id) {
        const double x = mean_of(b, kind, {id});
        const double y = mean_of(r, kind, {id});
        if (std::isnan(x) && std::isnan(y)) return;
        if (x == 0 && y == 0) return;
        table.add(row(label + " \u00b7 " + label_with_units(kind, b), s, b, kind, {id}));
    };
    for (const auto& t : ids_of(b, r, Scope::Team)) {
        for (const MetricKind* kind : {&metric::team_occupancy, &metric::team_handle_time_min,
                                       &metric::team_handoffs_per_case, &metric::team_rework_share,
                                       &metric::team_failure_demand_share})
            add("team " + t, *kind, t);
    }
    for (const auto& e : ids_of(b, r, Scope::EmployeeJourney)) {
        for (const MetricKind* kind :
             {&metric::employee_handle_time_min, &metric::employee_handoffs_per_case,
              &metric::employee_rework_share, &metric::employee_fixed_share})
            add(e, *kind, e);
    }
    return table.empty() ? "" : table.render() + "\n";
}

std::string scenario_table(const Comparison& c, const ScenarioComparison& s) {
    const Result& b = c.base;
    const Result& r = s.result;
    std::string out = fmt::format("Scenario \"{}\"\n", terminal_text(s.name));
    if (!s.description.empty()) out += fmt::format("  {}\n", terminal_text(s.description));
    out += "\n";

    Table kpis({"KPI", "base", "scenario", "difference"});
    for (const MetricKind* kind : kCustomerKpis)
        kpis.add(row(label_with_units(*kind, b), s, b, *kind));
    out += kpis.render() + "\n";
    out += employee_table(s, b);

    Table volume({"Offered contacts by channel", "base", "scenario", "difference"});
    for (const auto& ch : ids_of(b, r, Scope::Channel)) {
        std::string label = ch;
        if (!b.find(metric::channel_offered, {ch})) label += " (new)";
        if (!r.find(metric::channel_offered, {ch})) label += " (removed)";
        volume.add(row(label, s, b, metric::channel_offered, {ch}));
    }
    out += volume.render();

    // Where a dropped channel's demand went: the growth of every remaining channel as a share
    // of the dropped channel's base volume, then what those shares leave over or exceed, so
    // the line adds up to 100 %.
    for (const auto& removed : s.removed_channels) {
        const double gone = mean_of(b, metric::channel_offered, {removed});
        if (!(gone > 0)) continue;
        auto share = [&](double contacts) { return 100 * contacts / gone; };
        std::string parts;
        double grew = 0, fell = 0;
        for (const auto& ch : ids_of(b, r, Scope::Channel)) {
            const auto* d = s.find(metric::channel_offered, {ch});
            if (d == nullptr || ch == removed) continue;
            if (d->delta.mean < 0) fell -= d->delta.mean;
            if (!(d->delta.mean > 0)) continue;
            grew += d->delta.mean;
            parts += fmt::format("{}{} {:+.0f} ({:.0f}%)", parts.empty() ? "" : ", ",
                                 terminal_text(ch), d->delta.mean, share(d->delta.mean));
        }
        std::string rest;
        if (gone - grew >= 0.5) {
            rest = fmt::format("; {:.0f} ({:.0f}%) were made on no other channel", gone - grew,
                               share(gone - grew));
        } else if (grew - gone >= 0.5) {
            // What more contacts come from, over every channel (the dropped one included): a
            // wait abandoned and tried again is offered again; repeat contacts follow an
            // unfixed one.
            auto rise = [&](const MetricKind& kind) {
                double sum = 0;
                for (const auto& ch : ids_of(b, r, Scope::Channel)) {
                    const double before = mean_of(b, kind, {ch});
                    const double after = mean_of(r, kind, {ch});
                    sum += (std::isnan(after) ? 0 : after) - (std::isnan(before) ? 0 : before);
                }
                return sum;
            };
            std::string why;
            if (const double abandoned = rise(metric::channel_abandoned); abandoned >= 0.5)
                why = fmt::format(
                    "abandoned waits, each tried again as a new contact, rose by {:.0f}",
                    abandoned);
            if (const double repeats = rise(metric::channel_repeat_contacts); repeats >= 0.5)
                why += fmt::format("{}repeat contacts rose by {:.0f}", why.empty() ? "" : "; ",
                                   repeats);
            rest = fmt::format("; together {:.0f} ({:.0f}%) more than it carried{}", grew - gone,
                               share(grew - gone), why.empty() ? "" : " (" + why + ")");
        }
        if (fell >= 0.5) rest += fmt::format("; other channels fell by {:.0f}", fell);
        out += fmt::format("  {}'s {:.0f} contacts went to: {}{}\n", terminal_text(removed), gone,
                           parts.empty() ? "no other channel" : parts, rest);
    }
    out += "\n";

    Table segments({"Segment", "NPS base", "NPS scenario", "\u0394NPS", "FTF base", "FTF scenario",
                    "\u0394FTF"});
    for (const auto& seg : ids_of(b, r, Scope::Segment)) {
        const auto nps = row(seg, s, b, metric::segment_nps, {seg});
        const auto ftf = row(seg, s, b, metric::segment_ftf, {seg});
        segments.add({seg, nps[1], nps[2], nps[3], ftf[1], ftf[2], ftf[3]});
    }
    out += segments.render() + "\n";

    Table cost({"Cost" + currency_note(b), "base", "scenario", "difference"});
    for (const auto& ch : ids_of(b, r, Scope::Channel))
        cost.add(row("channel " + ch, s, b, metric::channel_cost, {ch}));
    for (const auto& t : ids_of(b, r, Scope::Team))
        cost.add(row("team " + t, s, b, metric::team_cost, {t}));
    out += cost.render() + "\n";
    return out;
}

}  // namespace

std::string comparison_to_json(const Comparison& c) {
    Json root = Json::object();
    root["journeysim_comparison"] = 1;
    root["name"] = c.name;
    root["seed"] = c.base.seed;
    root["replications"] = c.base.replications;
    root["target_reached"] = c.target_reached;
    root["base"] = Json::parse(result_to_json(c.base));
    root["scenarios"] = Json::object();
    for (const auto& s : c.scenarios) {
        Json entry = Json::object();
        entry["description"] = s.description;
        entry["added_channels"] = s.added_channels;
        entry["removed_channels"] = s.removed_channels;
        entry["result"] = Json::parse(result_to_json(s.result));
        Json delta = Json::object();
        for (const auto& d : s.deltas()) {
            make_path(delta, Pointer(d.path)) = Json{{"mean", d.delta.mean},
                                                     {"ci95", {d.delta.low, d.delta.high}},
                                                     {"significant", d.significant}};
        }
        entry["delta"] = delta;
        root["scenarios"][s.name] = entry;
    }
    return root.dump(2) + "\n";
}

std::string comparison_to_csv(const Comparison& c) {
    std::string out = "variant,path,mean,ci_low,ci_high,delta,delta_low,delta_high,significant\n";
    for (const auto& m : c.base.metrics()) {
        const Estimate e = estimate(m.values);
        out += fmt::format("base,{},{},{},{},,,,\n", csv_field(m.path), number(e.mean, 6),
                           number(e.low, 6), number(e.high, 6));
    }
    for (const auto& s : c.scenarios) {
        for (const auto& m : s.result.metrics()) {
            const Estimate e = estimate(m.values);
            const MetricDelta* d = s.find(m.path);
            out += fmt::format("{},{},{},{},{},{},{},{},{}\n", csv_field(s.name), csv_field(m.path),
                               number(e.mean, 6), number(e.low, 6), number(e.high, 6),
                               d ? number(d->delta.mean, 6) : "", d ? number(d->delta.low, 6) : "",
                               d ? number(d->delta.high, 6) : "",
                               d ? (d->significant ? "true" : "false") : "");
        }
    }
    return out;
}

std::string comparison_to_table(const Comparison& c) {
    std::string out = fmt::format(
        "{}\nbase model: {}; {} replication{}, seed {}, common random numbers\n"
        "each figure is the mean ± the half-width of its 95% confidence interval; "
        "* marks a difference whose interval excludes zero\n\n",
        terminal_text(c.name), terminal_text(c.base.model), c.base.replications,
        c.base.replications == 1 ? "" : "s", c.base.seed);
    for (const auto& s : c.scenarios)
        out += scenario_table(c, s);
    return out;
}

}  // namespace journeysim
