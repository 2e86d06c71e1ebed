#include <journeysim/detail/diagnostics.hpp>
#include <journeysim/error.hpp>
#include <journeysim/flow.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace journeysim {

namespace {

/// The mean of the metric at a JSON pointer, if the result has one and it is defined.
using MeanLookup = std::function<std::optional<double>(const MetricRef& metric)>;

std::optional<double> defined(double value) {
    if (std::isnan(value)) return std::nullopt;
    return value;
}

/// The id of `items[i]` (a touchpoint, channel, step, team), empty when there is none: for
/// comparing models whose indices differ.
template <typename Item>
const std::string& id_at(const std::vector<Item>& items, Index i) {
    static const std::string kNoId;
    return i < items.size() ? items[i].id : kNoId;
}

const std::string& tp_id(const Journey& journey, Index t) {
    return id_at(journey.touchpoints, t);
}

const std::string& channel_id(const Model& model, Index c) {
    return id_at(model.channels, c);
}

const std::string& display(const std::string& label, const std::string& id) {
    return label.empty() ? id : label;
}

class FlowBuilder {
  public:
    FlowBuilder(const Model& model, MeanLookup mean) : model_(model), mean_(std::move(mean)) {
        days_ = measured_days(model);
    }

    FlowOverlay build() {
        FlowOverlay overlay;
        for (const Journey& journey : model_.journeys)
            add_journey(journey, overlay);
        return overlay;
    }

  private:
    std::optional<double> per_day(const MetricRef& metric) const {
        const auto count = mean_(metric);
        if (!count || days_ <= 0) return std::nullopt;
        return *count / days_;
    }

    void add_journey(const Journey& journey, FlowOverlay& overlay) const {
        // Customers per day by (from, to), in the order first seen.
        std::vector<EdgeFlow> edges;
        auto add = [&](const std::string& from, Index to, double flow, bool estimated) {
            if (to >= journey.touchpoints.size() || !std::isfinite(flow)) return;
            const std::string& to_id = journey.touchpoints[to].id;
            for (EdgeFlow& e : edges) {
                if (e.from == from && e.to == to_id) {
                    e.per_day += flow;
                    e.estimated = e.estimated || estimated;
                    return;
                }
            }
            edges.push_back({journey.id, from, to_id, flow, estimated});
        };

        for (const Touchpoint& tp : journey.touchpoints) {
            TouchpointFlow f;
            f.journey = journey.id;
            f.touchpoint = tp.id;
            f.visits_per_day = per_day({metric::touchpoint_visits, {journey.id, tp.id}});
            f.ltr_change = mean_({metric::touchpoint_ltr_change, {journey.id, tp.id}});
            if (!f.ltr_change && tp.experience != 0) f.ltr_change = tp.experience;
            if (tp.kind == TouchpointKind::Contact) f.fix_rate = contact_fix_rate(journey, tp);
            overlay.touchpoints.push_back(f);

            // Counted moves, when the result has them for this touchpoint.
            bool counted = false;
            for (Index to : successors(tp)) {
                if (const auto flow =
                        per_day({metric::move_count, {journey.id, tp.id, tp_id(journey, to)}})) {
                    counted = true;
                    add(tp.id, to, *flow, false);
                }
            }
            if (counted || !f.visits_per_day) continue;
            for (const auto& [to, p] : probabilities(journey, tp, f.fix_rate))
                add(tp.id, to, *f.visits_per_day * p, true);
        }

        if (journey.start < journey.touchpoints.size()) {
            const Touchpoint& start = journey.touchpoints[journey.start];
            if (const auto flow = per_day({metric::touchpoint_visits, {journey.id, start.id}})) {
                // Arrivals are the start's visits less the customers who came back to it, so
                // that the edges into every node add up to its visits.
                double returned = 0;
                for (const EdgeFlow& e : edges)
                    if (e.to == start.id && !e.estimated) returned += e.per_day;
                add({}, journey.start, std::max(0.0, *flow - returned), false);
            } else {
                double weekday = 0;
                for (double w : journey.arrivals.weekday_profile)
                    weekday += w;
                add({}, journey.start, journey.arrivals.per_day * weekday / 7.0, true);
            }
        }
        for (EdgeFlow& e : edges)
            overlay.edges.push_back(std::move(e));
    }

    /// Every touchpoint a customer can move to from `tp`.
    static std::vector<Index> successors(const Touchpoint& tp) {
        std::vector<Index> out;
        for_each_move(tp, [&](const TouchpointMove& m) {
            if (std::find(out.begin(), out.end(), m.to) == out.end()) out.push_back(m.to);
        });
        return out;
    }

    /// The model's probability of each move out of `tp`, where the model states one: steps and
    /// probabilistic branches; self-service by its success rate (scaled by the journey's mix of
    /// digital affinity); contacts by their fix rate (abandonment not counted). Empty for
    /// conditional branches.
    std::vector<std::pair<Index, double>> probabilities(const Journey& journey,
                                                        const Touchpoint& tp,
                                                        std::optional<double> fix_rate) const {
        std::vector<std::pair<Index, double>> out;
        if (!tp.rules.empty()) return out;  // a conditional branch states no probabilities
        std::optional<double> success;
        if (tp.kind == TouchpointKind::SelfService && tp.channel < model_.channels.size()) {
            double affinity = 0;
            double weight = 0;
            const auto& mix = journey.arrivals.segment_mix;
            for (Index s = 0; s < mix.size() && s < model_.segments.size(); ++s) {
                affinity += mix[s] * model_.segments[s].digital_affinity;
                weight += mix[s];
            }
            if (weight <= 0) affinity = weight = 1;
            success =
                std::clamp(model_.channels[tp.channel].success_rate * affinity / weight, 0.0, 1.0);
        }
        for_each_move(tp, [&](const TouchpointMove& m) {
            // A two-way outcome: the rate of `yes` for its yes move, the rest for its no move.
            auto share = [](std::optional<double> yes, bool is_yes) -> std::optional<double> {
                if (!yes || is_yes) return yes;
                return 1 - *yes;
            };
            std::optional<double> p;
            switch (m.kind) {
                case MoveKind::Next:
                    p = m.p;
                    break;
                case MoveKind::Success:
                case MoveKind::Fail:
                    p = share(success, m.kind == MoveKind::Success);
                    break;
                case MoveKind::Fixed:
                case MoveKind::NotFixed:
                    p = share(fix_rate, m.kind == MoveKind::Fixed);
                    break;
                default:  // abandonment and giving up are not counted; rules state none
                    break;
            }
            if (p) out.emplace_back(m.to, *p);
        });
        return out;
    }

    /// Simulated fix rate of a contact touchpoint, else the touchpoint's own, else its channels'
    /// simulated fix rates weighted by contacts handled.
    std::optional<double> contact_fix_rate(const Journey& journey, const Touchpoint& tp) const {
        if (auto rate = mean_({metric::touchpoint_fix_rate, {journey.id, tp.id}})) return rate;
        if (tp.fix_rate) return tp.fix_rate;
        double fixed = 0;
        double handled = 0;
        for (Index c : tp.channels) {
            const std::string& channel = channel_id(model_, c);
            const auto rate = mean_({metric::channel_fix_rate, {channel}});
            const auto count = mean_({metric::channel_handled, {channel}});
            if (!rate || !count) continue;
            fixed += *rate * *count;
            handled += *count;
        }
        if (handled > 0) return fixed / handled;
        return std::nullopt;
    }

    const Model& model_;
    MeanLookup mean_;
    double days_ = 0;
};

// Comparing a scenario's model with its base. Indices differ between the two models when parts
// were added or removed, so references are compared by id.

bool same_transitions(const Journey& ja, const std::vector<Transition>& a, const Journey& jb,
                      const std::vector<Transition>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (tp_id(ja, a[i].to) != tp_id(jb, b[i].to) || a[i].p != b[i].p) return false;
    return true;
}

bool same_condition(const Model& ma, const Condition& a, const Model& mb, const Condition& b) {
    auto segment = [](const Model& m, const std::optional<Index>& s) -> std::string {
        if (!s) return {};
        return *s < m.segments.size() ? "=" + m.segments[*s].id : "?";
    };
    auto channel = [](const Model& m, const std::optional<Index>& c) -> std::string {
        return c ? "=" + channel_id(m, *c) : std::string();
    };
    return a.contacts_at_least == b.contacts_at_least && a.contacts_at_most == b.contacts_at_most &&
           a.fixed == b.fixed && channel(ma, a.last_channel) == channel(mb, b.last_channel) &&
           segment(ma, a.segment) == segment(mb, b.segment);
}

bool same_touchpoint(const Model& ma, const Journey& ja, const Touchpoint& a, const Model& mb,
                     const Journey& jb, const Touchpoint& b) {
    if (!same_transitions(ja, a.next, jb, b.next)) return false;
    if (a.rules.size() != b.rules.size()) return false;
    for (std::size_t i = 0; i < a.rules.size(); ++i) {
        if (tp_id(ja, a.rules[i].to) != tp_id(jb, b.rules[i].to) ||
            !same_condition(ma, a.rules[i].when, mb, b.rules[i].when))
            return false;
    }
    for (auto member :
         {&Touchpoint::on_success, &Touchpoint::on_fail, &Touchpoint::on_fixed,
          &Touchpoint::on_not_fixed, &Touchpoint::on_abandon, &Touchpoint::on_give_up})
        if (tp_id(ja, a.*member) != tp_id(jb, b.*member)) return false;
    if (channel_id(ma, a.channel) != channel_id(mb, b.channel)) return false;
    if (a.channels.size() != b.channels.size()) return false;
    for (std::size_t i = 0; i < a.channels.size(); ++i)
        if (channel_id(ma, a.channels[i]) != channel_id(mb, b.channels[i])) return false;
    // Everything else holds no references.
    Touchpoint x = a;
    Touchpoint y = b;
    for (Touchpoint* t : {&x, &y}) {
        t->next.clear();
        t->rules.clear();
        t->channels.clear();
        t->channel = t->on_success = t->on_fail = t->on_fixed = t->on_not_fixed = t->on_abandon =
            t->on_give_up = kNone;
    }
    return x == y;
}

bool same_staffing(const Model& ma, Index a, const Model& mb, Index b) {
    if ((a < ma.teams.size()) != (b < mb.teams.size())) return false;
    if (a >= ma.teams.size()) return true;
    const Team& x = ma.teams[a];
    const Team& y = mb.teams[b];
    return x.id == y.id && x.schedule == y.schedule && x.constant_agents == y.constant_agents &&
           x.cost_per_hour == y.cost_per_hour;
}

bool same_channel(const Model& ma, const Channel& a, const Model& mb, const Channel& b) {
    if (!same_staffing(ma, a.team, mb, b.team)) return false;
    Channel x = a;
    Channel y = b;
    x.team = y.team = kNone;
    return x == y;
}

const std::string& step_id(const EmployeeJourney& ej, Index s) {
    return id_at(ej.steps, s);
}

bool same_step(const Model& ma, const EmployeeJourney& ea, const EmployeeStep& a, const Model& mb,
               const EmployeeJourney& eb, const EmployeeStep& b) {
    if (a.next.size() != b.next.size()) return false;
    for (std::size_t i = 0; i < a.next.size(); ++i)
        if (step_id(ea, a.next[i].to) != step_id(eb, b.next[i].to) || a.next[i].p != b.next[i].p)
            return false;
    if (id_at(ma.teams, a.team) != id_at(mb.teams, b.team)) return false;
    // Everything else holds no references.
    EmployeeStep x = a;
    EmployeeStep y = b;
    for (EmployeeStep* s : {&x, &y}) {
        s->next.clear();
        s->team = kNone;
    }
    return x == y;
}

/// The ids an employee journey is bound to: journey, touchpoint (empty when bound to channels
/// only), then the channels.
std::vector<std::string> binding_ids(const Model& m, const Binding& b) {
    std::vector<std::string> ids(2);
    if (b.journey < m.journeys.size()) {
        ids[0] = m.journeys[b.journey].id;
        ids[1] = tp_id(m.journeys[b.journey], b.touchpoint);
    }
    for (Index c : b.channels)
        ids.push_back(channel_id(m, c));
    return ids;
}

/// Whether an employee journey's own settings (not its steps) are the same.
bool same_employee_journey(const Model& ma, const EmployeeJourney& a, const Model& mb,
                           const EmployeeJourney& b) {
    return a.label == b.label && a.description == b.description &&
           binding_ids(ma, a.binding) == binding_ids(mb, b.binding) &&
           step_id(a, a.start) == step_id(b, b.start);
}

const EmployeeJourney* find_employee_journey(const Model& m, const std::string& id) {
    for (const EmployeeJourney& ej : m.employee_journeys)
        if (ej.id == id) return &ej;
    return nullptr;
}

/// The contact touchpoints (journey id, touchpoint id) an employee journey handles.
std::vector<std::pair<std::string, std::string>> handled_contacts(const Model& m,
                                                                  const EmployeeJourney& ej) {
    std::vector<std::pair<std::string, std::string>> out;
    const Binding& b = ej.binding;
    for (Index j = 0; j < m.journeys.size(); ++j) {
        const Journey& journey = m.journeys[j];
        for (Index t = 0; t < journey.touchpoints.size(); ++t) {
            const Touchpoint& tp = journey.touchpoints[t];
            if (tp.kind != TouchpointKind::Contact) continue;
            bool handled = false;
            if (b.journey != kNone) {
                handled = b.journey == j && b.touchpoint == t;
            } else {
                for (Index c : b.channels)
                    handled = handled || std::find(tp.channels.begin(), tp.channels.end(), c) !=
                                             tp.channels.end();
            }
            if (handled) out.emplace_back(journey.id, tp.id);
        }
    }
    return out;
}

TouchpointFlow& entry(FlowOverlay& overlay, const std::string& journey, const std::string& tp) {
    for (TouchpointFlow& f : overlay.touchpoints)
        if (f.journey == journey && f.touchpoint == tp) return f;
    TouchpointFlow f;
    f.journey = journey;
    f.touchpoint = tp;
    overlay.touchpoints.push_back(std::move(f));
    return overlay.touchpoints.back();
}

/// Line and column (1-based) of a byte offset in `text`.
std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return {line, static_cast<int>(offset - line_start) + 1};
}

InputError result_error(const std::string& file, std::string pointer, std::string message,
                        std::string hint) {
    return InputError(
        {diagnostics::error(file, std::move(pointer), std::move(message), std::move(hint))});
}

}  // namespace

double measured_days(const Model& model) {
    return model.horizon.days - model.horizon.warmup_days;
}

FlowOverlay flow_overlay(const Model& model, const Result& result) {
    return FlowBuilder(model,
                       [&result](const MetricRef& metric) -> std::optional<double> {
                           const Metric* m = result.find(metric.path);
                           if (m == nullptr) return std::nullopt;
                           return defined(estimate(m->values).mean);
                       })
        .build();
}

FlowOverlay flow_overlay_from_json(const Model& model, std::string_view json,
                                   const std::string& file) {
    using Json = nlohmann::json;
    Json root;
    try {
        root = Json::parse(json);
    } catch (const Json::parse_error& e) {
        const auto [line, column] = line_and_column(json, e.byte > 0 ? e.byte - 1 : 0);
        throw InputError({diagnostics::syntax_error(
            file, line, column, "not valid JSON",
            "give the output of `journeysim run MODEL --format json -o RESULT.json`")});
    }
    const char* hint = "give the output of `journeysim run MODEL --format json -o RESULT.json`";
    if (!root.is_object() || !root.contains("journeysim_result")) {
        throw result_error(file, "/journeysim_result", "not a journeysim result file", hint);
    }
    if (root["journeysim_result"] != 1) {
        throw result_error(
            file, "/journeysim_result",
            fmt::format("unsupported result version {}", root["journeysim_result"].dump()),
            "this version of journeysim reads result files of version 1");
    }
    const auto name = root.find("model");
    if (name == root.end() || !name->is_string()) {
        throw result_error(file, "/model", "the result does not name its model", hint);
    }
    if (name->get<std::string>() != model.name) {
        throw result_error(
            file, "/model",
            fmt::format("this is a result of the model \"{}\", not of \"{}\"",
                        name->get<std::string>(), model.name),
            "run this model and draw with its result: `journeysim run MODEL --format json -o "
            "RESULT.json`");
    }
    return FlowBuilder(model,
                       [&root](const MetricRef& metric) -> std::optional<double> {
                           try {
                               const Json::json_pointer pointer(metric.path + "/mean");
                               if (!root.contains(pointer)) return std::nullopt;
                               const Json& value = root.at(pointer);
                               if (!value.is_number()) return std::nullopt;
                               return defined(value.get<double>());
                           } catch (const Json::exception&) {
                               return std::nullopt;
                           }
                       })
        .build();
}

void mark_changes(const Model& base, const Model& scenario, FlowOverlay& overlay) {
    for (const Channel& c : scenario.channels) {
        const Index b = base.find_channel(c.id);
        ChangeMark mark = ChangeMark::None;
        if (b == kNone) {
            mark = ChangeMark::Added;
        } else if (!same_channel(base, base.channels[b], scenario, c)) {
            mark = ChangeMark::Changed;
        }
        if (mark != ChangeMark::None)
            overlay.channels.push_back({c.id, display(c.label, c.id), mark});
    }
    for (const Channel& c : base.channels) {
        if (scenario.find_channel(c.id) == kNone)
            overlay.channels.push_back({c.id, display(c.label, c.id), ChangeMark::Removed});
    }

    for (const Journey& js : scenario.journeys) {
        const Index bj = base.find_journey(js.id);
        const Journey* jb = bj == kNone ? nullptr : &base.journeys[bj];
        for (const Touchpoint& tp : js.touchpoints) {
            TouchpointFlow& f = entry(overlay, js.id, tp.id);
            const Index bt = jb == nullptr ? kNone : jb->find(tp.id);
            if (bt == kNone) {
                f.change = ChangeMark::Added;
                continue;
            }
            const Touchpoint& old = jb->touchpoints[bt];
            if (!same_touchpoint(base, *jb, old, scenario, js, tp)) f.change = ChangeMark::Changed;
            for (Index c : old.channels) {
                const std::string& id = channel_id(base, c);
                const bool still =
                    std::any_of(tp.channels.begin(), tp.channels.end(),
                                [&](Index s) { return channel_id(scenario, s) == id; });
                if (!still) f.removed_channels.push_back(display(base.channels[c].label, id));
            }
        }
        if (jb == nullptr) continue;
        for (const Touchpoint& old : jb->touchpoints) {
            if (js.find(old.id) != kNone) continue;
            TouchpointFlow& f = entry(overlay, js.id, old.id);
            f.change = ChangeMark::Removed;
            f.label = display(old.label, old.id);
        }
    }

    for (const EmployeeJourney& es : scenario.employee_journeys) {
        const EmployeeJourney* eb = find_employee_journey(base, es.id);
        if (eb == nullptr) {
            overlay.steps.push_back({es.id, {}, ChangeMark::Added, display(es.label, es.id)});
        } else if (!same_employee_journey(base, *eb, scenario, es)) {
            overlay.steps.push_back({es.id, {}, ChangeMark::Changed, display(es.label, es.id)});
        }
        for (const EmployeeStep& step : es.steps) {
            const Index bs = eb == nullptr ? kNone : eb->find(step.id);
            if (bs == kNone) {
                overlay.steps.push_back(
                    {es.id, step.id, ChangeMark::Added, display(step.label, step.id)});
            } else if (!same_step(base, *eb, eb->steps[bs], scenario, es, step)) {
                overlay.steps.push_back(
                    {es.id, step.id, ChangeMark::Changed, display(step.label, step.id)});
            }
        }
        if (eb == nullptr) continue;
        for (const EmployeeStep& old : eb->steps) {
            if (es.find(old.id) == kNone)
                overlay.steps.push_back(
                    {es.id, old.id, ChangeMark::Removed, display(old.label, old.id)});
        }
    }
    for (const EmployeeJourney& old : base.employee_journeys) {
        if (find_employee_journey(scenario, old.id) != nullptr) continue;
        const std::string& name = display(old.label, old.id);
        overlay.steps.push_back({old.id, {}, ChangeMark::Removed, name});
        for (const auto& [journey, touchpoint] : handled_contacts(base, old)) {
            const Index j = scenario.find_journey(journey);
            if (j == kNone || scenario.journeys[j].find(touchpoint) == kNone) continue;
            entry(overlay, journey, touchpoint).removed_employee_journeys.push_back(name);
        }
    }
}

}  // namespace journeysim
