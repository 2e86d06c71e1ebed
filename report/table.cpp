#include "json_tree.hpp"
#include "text_table.hpp"

#include <journeysim/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace journeysim {

std::string format_estimate(const Estimate& e, int decimals, double scale) {
    if (std::isnan(e.mean)) return "n/a";
    const double mean = e.mean * scale;
    const double half = std::isnan(e.high) ? 0.0 : (e.high - e.low) / 2 * scale;
    return fmt::format("{:.{}f} ± {:.{}f}", mean, decimals, half, decimals);
}

namespace {

using detail::Table;
using detail::unescape;

class View {
  public:
    explicit View(const Result& result) : result_(result) {}

    /// The estimate at `path` formatted, or "n/a" when there is no such metric.
    std::string operator()(const std::string& path, int decimals, double scale = 1.0) const {
        const Metric* m = result_.find(path);
        if (m == nullptr) return "n/a";
        return format_estimate(estimate(m->values), decimals, scale);
    }
    std::string percent(const std::string& path) const {
        const std::string text = (*this)(path, 1, 100.0);
        if (text == "n/a") return text;
        const auto space = text.find(' ');
        return text.substr(0, space) + "%" + text.substr(space);
    }

    /// Escaped child tokens under `prefix` ("/channels"), in order of first appearance.
    std::vector<std::string> children(const std::string& prefix) const {
        return detail::child_tokens({&result_}, prefix);
    }

  private:
    const Result& result_;
};

}  // namespace

std::string result_to_table(const Result& result) {
    const View v(result);
    std::string out = fmt::format(
        "{}\n{} replication{}, seed {}; each figure is the mean ± the half-width of its 95% "
        "confidence interval\n\n",
        terminal_text(result.model), result.replications, result.replications == 1 ? "" : "s",
        result.seed);

    Table kpis({"Customers", ""});
    kpis.add({"customers ended (after warm-up)", v("/kpis/customers", 0)});
    kpis.add({"NPS", v("/kpis/nps", 1)});
    kpis.add({"promoters", v.percent("/kpis/promoters")});
    kpis.add({"passives", v.percent("/kpis/passives")});
    kpis.add({"detractors", v.percent("/kpis/detractors")});
    kpis.add({"mean likelihood to recommend", v("/kpis/ltr_mean", 2)});
    kpis.add({"first-time fix (FTF)", v.percent("/kpis/ftf")});
    kpis.add({"assisted contacts per customer", v("/kpis/contacts_per_customer", 2)});
    kpis.add({"resolution rate", v.percent("/kpis/resolution_rate")});
    kpis.add({"time to resolution (h)", v("/kpis/time_to_resolution_h", 1)});
    kpis.add({"cost total", v("/kpis/cost_total", 0)});
    kpis.add({"cost per resolved customer", v("/kpis/cost_per_resolved", 2)});
    out += kpis.render() + "\n";

    Table drivers({"NPS drivers (points won or lost)", ""});
    for (const auto& d : v.children("/drivers")) {
        drivers.add({unescape(d), v("/drivers/" + d, 1)});
    }
    if (!drivers.empty()) out += drivers.render() + "\n";

    Table journeys({"Journey", "customers", "NPS", "FTF", "resolved", "contacts/customer"});
    for (const auto& j : v.children("/journeys")) {
        const std::string p = "/journeys/" + j;
        journeys.add({unescape(j), v(p + "/customers", 0), v(p + "/nps", 1), v.percent(p + "/ftf"),
                      v.percent(p + "/resolution_rate"), v(p + "/contacts_per_customer", 2)});
    }
    if (!journeys.empty()) out += journeys.render() + "\n";

    Table segments({"Segment", "customers", "NPS", "FTF"});
    for (const auto& s : v.children("/segments")) {
        const std::string p = "/segments/" + s;
        segments.add(
            {unescape(s), v(p + "/customers", 0), v(p + "/nps", 1), v.percent(p + "/ftf")});
    }
    if (!segments.empty()) out += segments.render() + "\n";

    Table channels({"Channel", "offered", "handled", "abandoned", "ASA (s)", "service level",
                    "occupancy", "backlog max", "fix rate", "cost"});
    for (const auto& c : v.children("/channels")) {
        const std::string p = "/channels/" + c;
        channels.add({unescape(c), v(p + "/offered", 0), v(p + "/handled", 0),
                      v(p + "/abandoned", 0), v(p + "/asa_s", 0), v.percent(p + "/service_level"),
                      v.percent(p + "/occupancy"), v(p + "/backlog_max", 0),
                      v.percent(p + "/fix_rate"), v(p + "/cost", 0)});
    }
    if (!channels.empty()) out += channels.render() + "\n";

    Table teams({"Team", "occupancy", "handled", "failure demand", "agents (mean)", "cost"});
    for (const auto& t : v.children("/teams")) {
        const std::string p = "/teams/" + t;
        teams.add({unescape(t), v.percent(p + "/occupancy"), v(p + "/handled", 0),
                   v.percent(p + "/failure_demand_share"), v(p + "/agents_mean", 1),
                   v(p + "/cost", 0)});
    }
    if (!teams.empty()) out += teams.render();

    // Employee experience: the teams' side of the same contacts.
    Table ex({"Employee experience", "occupancy", "failure demand", "handle time (min)",
              "after-contact work (min)", "hand-offs per case", "rework"});
    for (const auto& t : v.children("/teams")) {
        const std::string p = "/teams/" + t;
        ex.add({"team " + unescape(t), v.percent(p + "/occupancy"),
                v.percent(p + "/failure_demand_share"), v(p + "/handle_time_min", 2),
                v(p + "/after_contact_work_min", 2), v(p + "/handoffs_per_case", 3),
                v.percent(p + "/rework_share")});
    }
    Table cases({"Employee journey", "cases", "handle time (min)", "hand-offs per case", "rework",
                 "fixed"});
    Table steps(
        {"Employee journey step", "visits per case", "time per visit (min)", "share of time"});
    for (const auto& e : v.children("/employee_journeys")) {
        const std::string p = "/employee_journeys/" + e;
        cases.add({unescape(e), v(p + "/cases", 0), v(p + "/handle_time_min", 2),
                   v(p + "/handoffs_per_case", 3), v.percent(p + "/rework_share"),
                   v.percent(p + "/fixed_share")});
        for (const auto& s : v.children(p + "/steps")) {
            const std::string sp = p + "/steps/" + s;
            const bool timed = result.find(sp + "/time_min") != nullptr;
            steps.add({unescape(e) + " · " + unescape(s), v(sp + "/visits_per_case", 3),
                       timed ? v(sp + "/time_min", 2) : "",
                       timed ? v.percent(sp + "/time_share") : ""});
        }
    }
    if (!ex.empty()) out += "\n" + ex.render();
    if (!cases.empty()) out += "\n" + cases.render() + "\n" + steps.render();
    return out;
}

}  // namespace journeysim
