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

using detail::Json;
using detail::make_path;
using detail::Pointer;
using detail::Table;
using detail::unescape;

std::string number(double x, int decimals, double scale = 1.0) {
    if (std::isnan(x)) return "";
    return fmt::format("{:.{}f}", x * scale, decimals);
}

/// "+6.3 ± 0.3 *" — a signed difference; `*` marks an interval that excludes zero.
std::string signed_estimate(const MetricDelta* d, int decimals, double scale = 1.0,
                            const char* unit = "") {
    if (d == nullptr || std::isnan(d->delta.mean)) return "n/a";
    const double half = std::isnan(d->delta.high) ? 0 : (d->delta.high - d->delta.low) / 2;
    return fmt::format("{:+.{}f}{} ± {:.{}f}{}", d->delta.mean * scale, decimals, unit,
                       half * scale, decimals, d->significant ? " *" : "  ");
}

std::string estimate_at(const Result& r, const std::string& path, int decimals, double scale = 1.0,
                        const char* unit = "") {
    const Metric* m = r.find(path);
    if (m == nullptr) return "—";
    std::string text = format_estimate(estimate(m->values), decimals, scale);
    if (*unit && text != "n/a") text.insert(text.find(' '), unit);
    return text;
}

double mean_at(const Result& r, const std::string& path) {
    const Metric* m = r.find(path);
    return m == nullptr ? std::nan("") : estimate(m->values).mean;
}

/// Escaped child tokens under `prefix`, in order of first appearance, over both results.
std::vector<std::string> children(const Result& a, const Result& b, const std::string& prefix) {
    return detail::child_tokens({&a, &b}, prefix);
}

struct Row {
    const char* label;
    const char* path;
    int decimals;
    double scale;
    const char* unit;
};

constexpr Row kHeadline[] = {
    {"NPS", "/kpis/nps", 1, 1, ""},
    {"promoters", "/kpis/promoters", 1, 100, "%"},
    {"detractors", "/kpis/detractors", 1, 100, "%"},
    {"mean likelihood to recommend", "/kpis/ltr_mean", 2, 1, ""},
    {"first-time fix (FTF)", "/kpis/ftf", 1, 100, "%"},
    {"assisted contacts per customer", "/kpis/contacts_per_customer", 3, 1, ""},
    {"resolution rate", "/kpis/resolution_rate", 1, 100, "%"},
    {"time to resolution (h)", "/kpis/time_to_resolution_h", 1, 1, ""},
    {"cost total", "/kpis/cost_total", 0, 1, ""},
    {"cost per resolved customer", "/kpis/cost_per_resolved", 2, 1, ""},
};

/// The employee side of a scenario, to read next to the customer KPIs: per team and per
/// employee journey, base, scenario and the paired difference. Rows undefined in both variants,
/// or zero in both, are left out. Empty when the model has no teams.
std::string employee_table(const ScenarioComparison& s, const Result& b) {
    const Result& r = s.result;
    Table table({"Employee experience", "base", "scenario", "difference"});
    auto add = [&](const std::string& label, const std::string& path, const Row& row) {
        const double x = mean_at(b, path);
        const double y = mean_at(r, path);
        if (std::isnan(x) && std::isnan(y)) return;
        if (x == 0 && y == 0) return;
        table.add({label, estimate_at(b, path, row.decimals, row.scale, row.unit),
                   estimate_at(r, path, row.decimals, row.scale, row.unit),
                   signed_estimate(s.find(path), row.decimals, row.scale, row.unit)});
    };
    static constexpr Row kTeam[] = {
        {"occupancy", "occupancy", 1, 100, "%"},
        {"handle time per item (min)", "handle_time_min", 2, 1, ""},
        {"hand-offs per case", "handoffs_per_case", 3, 1, ""},
        {"rework", "rework_share", 1, 100, "%"},
        {"failure demand", "failure_demand_share", 1, 100, "%"},
    };
    static constexpr Row kJourney[] = {
        {"handle time per case (min)", "handle_time_min", 2, 1, ""},
        {"hand-offs per case", "handoffs_per_case", 3, 1, ""},
        {"rework", "rework_share", 1, 100, "%"},
        {"fixed", "fixed_share", 1, 100, "%"},
    };
    for (const auto& t : children(b, r, "/teams")) {
        for (const Row& row : kTeam) {
            add("team " + unescape(t) + " · " + row.label, "/teams/" + t + "/" + row.path, row);
        }
    }
    for (const auto& e : children(b, r, "/employee_journeys")) {
        for (const Row& row : kJourney) {
            add(unescape(e) + " · " + row.label, "/employee_journeys/" + e + "/" + row.path, row);
        }
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
    for (const auto& row : kHeadline) {
        kpis.add({row.label, estimate_at(b, row.path, row.decimals, row.scale, row.unit),
                  estimate_at(r, row.path, row.decimals, row.scale, row.unit),
                  signed_estimate(s.find(row.path), row.decimals, row.scale, row.unit)});
    }
    out += kpis.render() + "\n";
    out += employee_table(s, b);

    Table volume({"Offered contacts by channel", "base", "scenario", "difference"});
    for (const auto& ch : children(b, r, "/channels")) {
        const std::string p = "/channels/" + ch + "/offered";
        std::string label = unescape(ch);
        if (!b.find(p)) label += " (new)";
        if (!r.find(p)) label += " (removed)";
        volume.add(
            {label, estimate_at(b, p, 0), estimate_at(r, p, 0), signed_estimate(s.find(p), 0)});
    }
    out += volume.render();

    // Where a dropped channel's demand went: the growth of every remaining channel as a share
    // of the dropped channel's base volume.
    for (const auto& removed : s.removed_channels) {
        const double gone = mean_at(b, "/channels/" + json_pointer_token(removed) + "/offered");
        if (!(gone > 0)) continue;
        std::string parts;
        double moved = 0;
        for (const auto& ch : children(b, r, "/channels")) {
            const auto* d = s.find("/channels/" + ch + "/offered");
            if (d == nullptr || !(d->delta.mean > 0)) continue;
            moved += d->delta.mean;
            parts +=
                fmt::format("{}{} {:+.0f} ({:.0f}%)", parts.empty() ? "" : ", ",
                            terminal_text(unescape(ch)), d->delta.mean, 100 * d->delta.mean / gone);
        }
        out += fmt::format("  {}'s {:.0f} contacts went to: {}{}\n", terminal_text(removed), gone,
                           parts.empty() ? "no other channel" : parts,
                           moved < gone ? fmt::format("; {:.0f} ({:.0f}%) fewer contacts in all",
                                                      gone - moved, 100 * (gone - moved) / gone)
                                        : "");
    }
    out += "\n";

    Table segments(
        {"Segment", "NPS base", "NPS scenario", "ΔNPS", "FTF base", "FTF scenario", "ΔFTF"});
    for (const auto& seg : children(b, r, "/segments")) {
        const std::string p = "/segments/" + seg;
        segments.add({unescape(seg), estimate_at(b, p + "/nps", 1), estimate_at(r, p + "/nps", 1),
                      signed_estimate(s.find(p + "/nps"), 1),
                      estimate_at(b, p + "/ftf", 1, 100, "%"),
                      estimate_at(r, p + "/ftf", 1, 100, "%"),
                      signed_estimate(s.find(p + "/ftf"), 1, 100, "%")});
    }
    out += segments.render() + "\n";

    Table cost({"Cost", "base", "scenario", "difference"});
    for (const auto& ch : children(b, r, "/channels")) {
        const std::string p = "/channels/" + ch + "/cost";
        cost.add({"channel " + unescape(ch), estimate_at(b, p, 0), estimate_at(r, p, 0),
                  signed_estimate(s.find(p), 0)});
    }
    for (const auto& t : children(b, r, "/teams")) {
        const std::string p = "/teams/" + t + "/cost";
        cost.add({"team " + unescape(t), estimate_at(b, p, 0), estimate_at(r, p, 0),
                  signed_estimate(s.find(p), 0)});
    }
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
        for (const auto& d : s.deltas) {
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
    for (const auto& m : c.base.metrics) {
        const Estimate e = estimate(m.values);
        out += fmt::format("base,{},{},{},{},,,,\n", csv_field(m.path), number(e.mean, 6),
                           number(e.low, 6), number(e.high, 6));
    }
    for (const auto& s : c.scenarios) {
        for (const auto& m : s.result.metrics) {
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
