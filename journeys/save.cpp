// Writing a model back to JSON. Loading the output gives an equal model (tested).

#include "detail/reader.hpp"

#include <journeysim/load.hpp>

#include <algorithm>
#include <cmath>

namespace journeysim {
namespace {

/// The id at `i`, or "" for no index (a model built in code may leave a reference unset;
/// loading the saved text then reports it as an error rather than this crashing).
const std::string& id_at(const std::vector<std::string>& ids, Index i) {
    static const std::string none;
    return i < ids.size() ? ids[i] : none;
}

using detail::Json;

Json distribution(const Distribution& d) {
    Json out;
    out["dist"] = to_string(d.kind);
    const std::string sfx = suffix_of(d.unit);
    auto put = [&](const char* name, double value) {
        out[std::string(name) + sfx] = detail::to_written(value, d.unit);
    };
    switch (d.kind) {
        case DistKind::Constant:
            put("value", d.mean);
            break;
        case DistKind::Exponential:
            put("mean", d.mean);
            break;
        case DistKind::Lognormal:
        case DistKind::Normal:
        case DistKind::Gamma:
            put("mean", d.mean);
            put("sd", d.sd);
            break;
        case DistKind::Uniform:
            put("min", d.min);
            put("max", d.max);
            break;
        case DistKind::Triangular:
            put("min", d.min);
            put("mode", d.mode);
            put("max", d.max);
            break;
        case DistKind::Empirical: {
            Json values = Json::array();
            for (double v : d.values)
                values.push_back(detail::to_written(v, d.unit));
            out[(d.histogram ? "bins" : "values") + sfx] = values;
            if (d.histogram) out["weights"] = d.weights;
            break;
        }
    }
    return out;
}

Json next_list(const std::vector<Transition>& next, const std::vector<std::string>& ids) {
    if (next.size() == 1 && next.front().p == 1.0) return id_at(ids, next.front().to);
    Json out = Json::array();
    for (const auto& t : next)
        out.push_back(Json{{"to", id_at(ids, t.to)}, {"p", t.p}});
    return out;
}

template <typename Items>
std::vector<std::string> ids_of(const Items& items) {
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const auto& item : items)
        out.push_back(item.id);
    return out;
}

void label(Json& out, const std::string& label, const std::string& id) {
    if (label != id) out["label"] = label;
}

Json channel(const Channel& c, const Model& m) {
    Json out;
    out["mode"] = to_string(c.mode);
    label(out, c.label, c.id);
    if (c.hours_given) out["hours"] = c.hours.text();
    if (c.team != kNone) out["team"] = m.teams[c.team].id;
    if (c.handle_time) out["handle_time"] = distribution(*c.handle_time);
    if (c.wrap_up) out["wrap_up"] = distribution(*c.wrap_up);
    if (c.mode != ChannelMode::SelfService) out["fix_rate"] = c.fix_rate;
    if (c.patience) out["patience"] = distribution(*c.patience);
    if (c.service_target) {
        const auto& t = *c.service_target;
        out["service_target"] =
            t.respond
                ? Json{{"respond_within_h", detail::to_written(t.within_min, TimeUnit::Hours)},
                       {"share", t.share}}
                : Json{{"answer_within_s", detail::to_written(t.within_min, TimeUnit::Seconds)},
                       {"share", t.share}};
    }
    if (c.mode == ChannelMode::Messaging) out["concurrency"] = c.concurrency;
    if (c.mode == ChannelMode::SelfService) out["success_rate"] = c.success_rate;
    if (c.duration) out["duration"] = distribution(*c.duration);
    if (c.cost_per_contact != 0) out["cost_per_contact"] = c.cost_per_contact;
    if (c.experience != 0) out["experience"] = c.experience;
    return out;
}

Json team(const Team& t) {
    Json out;
    label(out, t.label, t.id);
    if (t.constant_agents) {
        out["agents"] = t.schedule.front().agents;
    } else {
        Json schedule = Json::array();
        for (const auto& s : t.schedule)
            schedule.push_back(Json{{"hours", s.hours.text()}, {"agents", s.agents}});
        out["schedule"] = schedule;
    }
    out["skills"] = t.skills;
    if (!t.priority.empty()) out["priority"] = t.priority;
    if (t.cost_per_hour != 0) out["cost_per_hour"] = t.cost_per_hour;
    return out;
}

Json segment(const Segment& s, const Model& m) {
    Json out;
    label(out, s.label, s.id);
    out["share"] = s.share;
    out["baseline_ltr"] = distribution(s.baseline_ltr);
    // Every assisted channel's weight once any differs from 1, so the list is complete.
    const bool given = std::any_of(s.channel_preference.begin(), s.channel_preference.end(),
                                   [](double w) { return w != 1.0; });
    if (given) {
        Json pref = Json::object();
        for (Index c = 0; c < m.channels.size(); ++c) {
            if (m.channels[c].mode != ChannelMode::SelfService || s.channel_preference[c] != 1.0)
                pref[m.channels[c].id] = s.channel_preference[c];
        }
        out["channel_preference"] = pref;
    }
    if (s.digital_affinity != 1.0) out["digital_affinity"] = s.digital_affinity;
    if (s.patience_factor != 1.0) out["patience_factor"] = s.patience_factor;
    if (s.return_after_opening) out["return_after_opening"] = distribution(*s.return_after_opening);
    if (s.waits_for_preferred != 0) out["waits_for_preferred"] = s.waits_for_preferred;
    return out;
}

Json sentiment(const Sentiment& s) {
    Json out;
    out["fixed_first_time"] = s.fixed_first_time;
    out["per_repeat_contact"] = s.per_repeat_contact;
    out["abandoned"] = s.abandoned;
    out["self_service_failed"] = s.self_service_failed;
    out["missed_response_target"] = s.missed_response_target;
    out["unresolved"] = s.unresolved;
    for (std::size_t i = 0; i < kWaitModes; ++i) {
        const char* mode = EnumNames<WaitMode>::values[i].second;
        out["wait_tolerance_min"][mode] = s.wait_tolerance_min[i];
        out["per_min_over_tolerance"][mode] = s.per_min_over_tolerance[i];
    }
    return out;
}

Json arrivals(const Arrivals& a, const Model& m) {
    Json out;
    out["per_day"] = a.per_day;
    out["weekday_profile"] = a.weekday_profile;
    if (!a.intraday_name.empty()) {
        out["intraday_profile"] = a.intraday_name;
    } else if (!a.intraday_given.empty()) {
        out["intraday_profile"] = a.intraday_given;
    } else {
        out["intraday_profile"] = a.intraday;  // a model built in code: its 96 weights
    }
    // A model built in code may leave the mix out: the model's segment shares then apply.
    if (a.segment_mix.size() == m.segments.size()) {
        Json mix = Json::object();
        for (Index s = 0; s < m.segments.size(); ++s)
            mix[m.segments[s].id] = a.segment_mix[s];
        out["segments"] = mix;
    }
    return out;
}

Json touchpoint(const Touchpoint& tp, const std::vector<std::string>& ids, Index self,
                const Model& m) {
    Json out;
    out["kind"] = to_string(tp.kind);
    label(out, tp.label, tp.id);
    if (tp.experience != 0) out["experience"] = tp.experience;
    switch (tp.kind) {
        case TouchpointKind::Step:
            if (tp.duration) out["duration"] = distribution(*tp.duration);
            out["next"] = next_list(tp.next, ids);
            break;
        case TouchpointKind::SelfService:
            out["channel"] = tp.channel < m.channels.size() ? m.channels[tp.channel].id : "";
            out["on_success"] = id_at(ids, tp.on_success);
            out["on_fail"] = id_at(ids, tp.on_fail);
            if (tp.retry_delay) out["retry_delay"] = distribution(*tp.retry_delay);
            break;
        case TouchpointKind::Contact: {
            Json channels = Json::array();
            for (Index c : tp.channels)
                channels.push_back(m.channels[c].id);
            out["channels"] = channels;
            if (tp.stickiness != 0) out["stickiness"] = tp.stickiness;
            out["on_fixed"] = id_at(ids, tp.on_fixed);
            if (tp.on_not_fixed != self && tp.on_not_fixed != kNone)
                out["on_not_fixed"] = id_at(ids, tp.on_not_fixed);
            if (tp.on_abandon != self && tp.on_abandon != kNone)
                out["on_abandon"] = id_at(ids, tp.on_abandon);
            if (tp.on_give_up != kNone) out["on_give_up"] = id_at(ids, tp.on_give_up);
            if (tp.retry_after_abandoned || tp.retry_after_not_fixed) {
                // One delay per case; a general delay fills the cases not given.
                auto put = [&](const char* key, const std::optional<Distribution>& d) {
                    if (d) {
                        out["retry_delay"][key] = distribution(*d);
                    } else if (tp.retry_delay) {
                        out["retry_delay"][key] = distribution(*tp.retry_delay);
                    }
                };
                put("abandoned", tp.retry_after_abandoned);
                put("not_fixed", tp.retry_after_not_fixed);
            } else if (tp.retry_delay) {
                out["retry_delay"] = distribution(*tp.retry_delay);
            }
            if (tp.max_attempts > 0) out["max_attempts"] = tp.max_attempts;
            if (tp.when_closed != WhenClosed::Wait) out["when_closed"] = enum_name(tp.when_closed);
            if (tp.fix_rate) out["fix_rate"] = *tp.fix_rate;
            if (tp.handle_time) out["handle_time"] = distribution(*tp.handle_time);
            break;
        }
        case TouchpointKind::Branch:
            if (tp.rules.empty()) {
                out["next"] = next_list(tp.next, ids);
            } else {
                Json rules = Json::array();
                for (const auto& r : tp.rules) {
                    Json when = Json::object();
                    if (r.when.contacts_at_least)
                        when["contacts_at_least"] = *r.when.contacts_at_least;
                    if (r.when.contacts_at_most)
                        when["contacts_at_most"] = *r.when.contacts_at_most;
                    if (r.when.fixed) when["fixed"] = *r.when.fixed;
                    if (r.when.last_channel)
                        when["last_channel"] = m.channels[*r.when.last_channel].id;
                    if (r.when.segment) when["segment"] = m.segments[*r.when.segment].id;
                    rules.push_back(Json{{"when", when}, {"to", id_at(ids, r.to)}});
                }
                out["rules"] = rules;
                out["otherwise"] = next_list(tp.next, ids);
            }
            break;
        case TouchpointKind::End:
            out["outcome"] = to_string(tp.outcome);
            break;
    }
    return out;
}

Json employee_journey(const EmployeeJourney& ej, const Model& m) {
    Json out;
    label(out, ej.label, ej.id);
    if (!ej.description.empty()) out["description"] = ej.description;
    Json binding;
    if (ej.binding.journey == kNone) {
        binding["channel"] = m.channels[ej.binding.channels.front()].id;
    } else {
        const auto& j = m.journeys[ej.binding.journey];
        binding["journey"] = j.id;
        binding["touchpoint"] = j.touchpoints[ej.binding.touchpoint].id;
        if (!ej.binding.channels.empty()) {
            Json channels = Json::array();
            for (Index c : ej.binding.channels)
                channels.push_back(m.channels[c].id);
            binding["channels"] = channels;
        }
    }
    out["for"] = binding;
    const auto ids = ids_of(ej.steps);
    out["start"] = id_at(ids, ej.start);
    Json steps = Json::object();
    for (const auto& st : ej.steps) {
        Json s;
        if (st.kind != StepKind::Step) s["kind"] = to_string(st.kind);
        label(s, st.label, st.id);
        if (st.kind == StepKind::End) {
            s["fixed"] = st.fixed;
        } else {
            if (st.duration) s["duration"] = distribution(*st.duration);
            if (st.kind == StepKind::Handoff) {
                s["team"] = m.teams[st.team].id;
                s["work"] = st.work;
            }
            s["next"] = next_list(st.next, ids);
        }
        steps[st.id] = s;
    }
    out["steps"] = steps;
    return out;
}

}  // namespace

std::string save_model(const Model& m) {
    Json out;
    out["journeysim"] = 1;
    out["name"] = m.name;
    if (!m.description.empty()) out["description"] = m.description;
    if (!m.currency.empty()) out["currency"] = m.currency;
    out["horizon"] = Json{{"days", m.horizon.days},
                          {"warmup_days", m.horizon.warmup_days},
                          {"interval_min", m.horizon.interval_min}};
    if (m.horizon.run_out_days != kDefaultRunOutDays)
        out["horizon"]["run_out_days"] = m.horizon.run_out_days;
    out["channels"] = Json::object();
    for (const auto& c : m.channels)
        out["channels"][c.id] = channel(c, m);
    out["teams"] = Json::object();
    for (const auto& t : m.teams)
        out["teams"][t.id] = team(t);
    for (const auto& s : m.segments)
        out["segments"][s.id] = segment(s, m);
    out["sentiment"] = sentiment(m.sentiment);
    for (const auto& j : m.journeys) {
        Json jj;
        label(jj, j.label, j.id);
        if (!j.description.empty()) jj["description"] = j.description;
        jj["arrivals"] = arrivals(j.arrivals, m);
        const auto ids = ids_of(j.touchpoints);
        jj["start"] = id_at(ids, j.start);
        for (Index i = 0; i < j.touchpoints.size(); ++i)
            jj["touchpoints"][ids[i]] = touchpoint(j.touchpoints[i], ids, i, m);
        out["journeys"][j.id] = jj;
    }
    if (!m.employee_journeys.empty()) {
        for (const auto& ej : m.employee_journeys)
            out["employee_journeys"][ej.id] = employee_journey(ej, m);
    }
    return out.dump(2) + "\n";
}

}  // namespace journeysim
