// Loading a model: customer journeys (arrivals, touchpoints, rules) and employee journeys.
#include "builder.hpp"

namespace journeysim::detail::load {

namespace {

constexpr const char* kTouchpointsExample =
    "e.g. \"touchpoints\": {\"call\": {\"kind\": \"contact\", \"channels\": [\"phone\"], "
    "\"on_fixed\": \"done\"}, \"done\": {\"kind\": \"end\", \"outcome\": \"resolved\"}}";
constexpr const char* kStepsExample =
    "e.g. \"steps\": {\"talk\": {\"duration\": {\"dist\": \"exponential\", \"mean_min\": "
    "5}, \"next\": \"done\"}, \"done\": {\"kind\": \"end\", \"fixed\": true}}";

}  // namespace

std::vector<Transition> Builder::next_list(const Json& value, const Pointer& at, const Ids& ids,
                                           const char* what) {
    std::vector<Transition> out;
    if (value.is_string()) {
        const Index to = resolve(ids, value.get<std::string>(), at, what);
        if (to != kNone) out.push_back({to, 1.0});
        return out;
    }
    if (!value.is_array() || value.empty()) {
        diag_.add(diagnostics::wrong_type(
            diag_.file(), at.to_string(), "",
            fmt::format("a {} id or a non-empty list of {{\"to\", \"p\"}}", what), type_name(value),
            fmt::format("write an id, or [{{\"to\": id, \"p\": 0.6}}, {{\"to\": id, \"p\": 0.4}}] "
                        "with probabilities that sum to 1")));
        return out;
    }
    double sum = 0;
    bool ok = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const Pointer ep = at / i;
        const Json& e = value[i];
        if (!r_.is_object(e, ep, "a branch of \"next\"")) {
            ok = false;
            continue;
        }
        r_.check_keys(e, ep, {"to", "p"});
        const Index to = resolve_field(e, "to", ep, ids, what, true);
        const auto p = r_.number(e, "p", ep, true, 0, 1, "a probability between 0 and 1");
        if (!p || to == kNone) {
            ok = false;
            continue;
        }
        sum += *p;
        out.push_back({to, *p});
    }
    if (ok && std::fabs(sum - 1.0) > kProbabilityTolerance) {
        diag_.add(diagnostics::must_sum_to_one(
            diag_.file(), at.to_string(),
            fmt::format("probabilities leaving \"{}\"", at.parent_pointer().back()), sum,
            "adjust the \"p\" values so they add up to exactly 1"));
    }
    return out;
}

void Builder::journeys() {
    const auto read = [this](Journey& journey, const Json& j, const Pointer& at) {
        journey.description = r_.string(j, "description", at, false).value_or("");
        if (!j.contains("arrivals")) {
            r_.missing(at, "arrivals", "e.g. {\"per_day\": 800, \"intraday_profile\": \"office\"}");
        } else {
            arrivals(j.at("arrivals"), at / "arrivals", journey.arrivals);
        }
        journey.start =
            node_graph(j, "touchpoints", at, "ids to touchpoints", kTouchpointsExample,
                       "touchpoint", journey.touchpoints,
                       [this](const std::string& id, const Json& t, const Pointer& where,
                              const Ids& ids) { return touchpoint(id, t, where, ids); });
    };
    section_parts("journeys", "a journey",
                  {"label", "description", "arrivals", "start", "touchpoints"}, model_->journeys,
                  read);
}

void Builder::arrivals(const Json& a, const Pointer& at, Arrivals& out) {
    if (!r_.is_object(a, at, "\"arrivals\"")) return;
    r_.check_keys(a, at, {"per_day", "weekday_profile", "intraday_profile", "segments"});
    out.per_day = r_.number(a, "per_day", at, true, 0, 1e7,
                            "customers starting the journey on an average day, e.g. 800")
                      .value_or(0);
    if (a.contains("weekday_profile")) {
        const Json& w = a.at("weekday_profile");
        if (!w.is_array() || w.size() != 7) {
            diag_.error(at / "weekday_profile",
                        "\"weekday_profile\" must be 7 numbers, Monday first",
                        "e.g. [1.2, 1, 1, 1, 1, 0.9, 0.8]");
        } else {
            for (std::size_t i = 0; i < 7; ++i) {
                if (!w[i].is_number() || w[i].get<double>() < 0 ||
                    !std::isfinite(w[i].get<double>())) {
                    diag_.error(at / "weekday_profile" / i, "must be a number of at least 0",
                                "a weekday weight is relative: 1 for an ordinary day, 0 for a "
                                "day without arrivals");
                } else {
                    out.weekday_profile[i] = w[i].get<double>();
                }
            }
        }
    }
    intraday(a, at, out);
    const std::size_t n = segment_ids_.size();
    out.segment_mix.assign(n, 0.0);
    if (a.contains("segments")) {
        const Json& s = a.at("segments");
        const Pointer sp = at / "segments";
        if (r_.is_object(s, sp, "\"segments\"")) {
            double sum = 0;
            bool ok = true;
            for (const auto& item : s.items()) {
                const Index seg = resolve(segment_ids_, item.key(), sp / item.key(), "segment");
                const auto x = r_.number(s, item.key(), sp, true, 0, 1,
                                         "a segment's share of the journey's customers, e.g. 0.4");
                if (seg == kNone || !x) {
                    ok = false;
                    continue;
                }
                out.segment_mix[seg] = *x;
                sum += *x;
            }
            if (ok && std::fabs(sum - 1.0) > kProbabilityTolerance) {
                diag_.add(diagnostics::must_sum_to_one(
                    diag_.file(), sp.to_string(), "segment shares of a journey", sum,
                    "leave \"segments\" out to use the model's segment shares"));
            }
        }
    } else if (doc_.contains("segments") && doc_.at("segments").is_object()) {
        std::size_t i = 0;
        for (const auto& item : doc_.at("segments").items()) {
            if (item.value().is_object() && item.value().contains("share") &&
                item.value().at("share").is_number()) {
                out.segment_mix[i] = item.value().at("share").get<double>();
            }
            ++i;
        }
    }
}

void Builder::intraday(const Json& a, const Pointer& at, Arrivals& out) {
    std::vector<double> weights;
    const Pointer ip = at / "intraday_profile";
    if (!a.contains("intraday_profile")) {
        out.intraday_name = "flat";
    } else if (a.at("intraday_profile").is_string()) {
        const auto name = a.at("intraday_profile").get<std::string>();
        if (const auto* profile = named_profile(name)) {
            out.intraday_name = name;
            weights.assign(profile->begin(), profile->end());
        } else {
            Diagnostic d =
                diagnostics::unknown_name(diag_.file(), ip.to_string(), "intraday profile", name,
                                          {"office", "flat", "evening"}, "profiles");
            d.hint += " (or give 24 hourly or 96 quarter-hourly weights)";
            diag_.add(std::move(d));
            return;
        }
    } else if (a.at("intraday_profile").is_array()) {
        const Json& w = a.at("intraday_profile");
        if (w.size() != 24 && w.size() != 96) {
            diag_.error(ip,
                        fmt::format("an intraday profile needs 24 hourly or 96 quarter-hourly "
                                    "weights (got {})",
                                    w.size()),
                        "give one weight per hour from 00:00, or a profile name: \"office\", "
                        "\"flat\" or \"evening\"");
            return;
        }
        for (std::size_t i = 0; i < w.size(); ++i) {
            if (!w[i].is_number() || w[i].get<double>() < 0 || !std::isfinite(w[i].get<double>())) {
                diag_.error(ip / i, "must be a number of at least 0",
                            "a weight is relative to the others: 0 for no arrivals then");
                return;
            }
            weights.push_back(w[i].get<double>());
        }
        out.intraday_given = weights;
    } else {
        diag_.error(ip,
                    fmt::format("\"intraday_profile\" must be a profile name or a list of "
                                "weights (got {})",
                                type_name(a.at("intraday_profile"))),
                    "use \"office\", \"flat\", \"evening\", or 24 or 96 numbers");
        return;
    }
    if (weights.empty()) weights.assign(24, 1.0);
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (sum <= 0) {
        diag_.error(ip, "at least one intraday weight must be positive",
                    "give the hours when customers arrive a weight above 0");
        return;
    }
    const std::size_t per = kIntradaySlots / weights.size();
    for (std::size_t slot = 0; slot < kIntradaySlots; ++slot) {
        out.intraday[slot] = weights[slot / per] / (sum * static_cast<double>(per));
    }
}

Touchpoint Builder::touchpoint(const std::string& id, const Json& t, const Pointer& at,
                               const Ids& ids) {
    auto tp = part_named<Touchpoint>(id);
    if (!r_.is_object(t, at, "a touchpoint")) return tp;
    const auto kind = r_.named<TouchpointKind>(t, "kind", at, true, "touchpoint kind", "kinds");
    if (!kind) return tp;
    tp.kind = *kind;
    tp.label = r_.string(t, "label", at, false).value_or(id);
    tp.experience = r_.number(t, "experience", at, false, -10, 10, kExperienceHint).value_or(0);
    const Index self = ids.find(id);
    auto target = [&](const char* key, bool required) {
        return resolve_field(t, key, at, ids, "touchpoint", required);
    };
    switch (tp.kind) {
        case TouchpointKind::Step:
            r_.check_keys(t, at, {"kind", "label", "experience", "duration", "next"});
            if (t.contains("duration"))
                tp.duration =
                    r_.distribution(t.at("duration"), at / "duration", Reader::Use::Duration);
            if (!t.contains("next")) {
                r_.missing(at, "next", "name the touchpoint that follows, or use kind \"end\"");
            } else {
                tp.next = next_list(t.at("next"), at / "next", ids, "touchpoint");
            }
            break;
        case TouchpointKind::SelfService: {
            r_.check_keys(
                t, at,
                {"kind", "label", "experience", "channel", "on_success", "on_fail", "retry_delay"});
            if (t.contains("retry_delay"))
                tp.retry_delay =
                    r_.distribution(t.at("retry_delay"), at / "retry_delay", Reader::Use::Duration);
            tp.channel = resolve_field(t, "channel", at, channel_ids_, "channel", true);
            if (tp.channel != kNone && tp.channel < model_->channels.size() &&
                model_->channels[tp.channel].mode != ChannelMode::SelfService) {
                diag_.error(at / "channel",
                            fmt::format("channel \"{}\" is a {} channel, not self_service",
                                        channel_ids_[tp.channel],
                                        to_string(model_->channels[tp.channel].mode)),
                            "offer assisted channels with a \"contact\" touchpoint");
            }
            tp.on_success = target("on_success", true);
            tp.on_fail = target("on_fail", true);
            break;
        }
        case TouchpointKind::Contact: {
            r_.check_keys(t, at,
                          {"kind", "label", "experience", "channels", "stickiness", "on_fixed",
                           "on_not_fixed", "on_abandon", "on_give_up", "retry_delay",
                           "max_attempts", "when_closed", "fix_rate", "handle_time"});
            const auto offered = string_list(t, "channels", at, true);
            if (t.contains("channels") && t.at("channels").is_array() && t.at("channels").empty()) {
                diag_.error(at / "channels", "a contact must offer at least one channel",
                            "list the channel ids customers can use here");
            }
            for (std::size_t i = 0; i < offered.size(); ++i) {
                const Index c = resolve(channel_ids_, offered[i], at / "channels" / i, "channel");
                if (c == kNone) continue;
                if (c < model_->channels.size() &&
                    model_->channels[c].mode == ChannelMode::SelfService) {
                    diag_.error(at / "channels" / i,
                                fmt::format("channel \"{}\" is self-service; a contact "
                                            "offers assisted channels",
                                            offered[i]),
                                "use a \"self_service\" touchpoint for it");
                    continue;
                }
                tp.channels.push_back(c);
            }
            tp.stickiness = r_.number(t, "stickiness", at, false, 0, 1,
                                      "the chance of choosing the last channel again, 0 to 1")
                                .value_or(0);
            tp.on_fixed = target("on_fixed", true);
            tp.on_not_fixed = t.contains("on_not_fixed") ? target("on_not_fixed", true) : self;
            tp.on_abandon = t.contains("on_abandon") ? target("on_abandon", true) : self;
            if (t.contains("retry_delay")) {
                const Json& delay = t.at("retry_delay");
                const Pointer dp = at / "retry_delay";
                if (delay.is_object() && !delay.contains("dist")) {
                    // One delay per case: {"abandoned": ..., "not_fixed": ..., ...}.
                    r_.check_keys(delay, dp, {"abandoned", "not_fixed"});
                    auto read = [&](const char* key, std::optional<Distribution>& field) {
                        if (delay.contains(key))
                            field = r_.distribution(delay.at(key), dp / key, Reader::Use::Duration);
                    };
                    read("abandoned", tp.retry_after_abandoned);
                    read("not_fixed", tp.retry_after_not_fixed);
                } else {
                    tp.retry_delay = r_.distribution(delay, dp, Reader::Use::Duration);
                }
            }
            tp.max_attempts =
                static_cast<int>(r_.integer(t, "max_attempts", at, false, 1, 1000).value_or(0));
            if (auto wc = r_.string(t, "when_closed", at, false)) {
                if (const auto value = enum_from_name<WhenClosed>(*wc)) {
                    tp.when_closed = *value;
                } else {
                    diag_.error(at / "when_closed",
                                fmt::format("\"when_closed\" must be \"wait\" or \"give_up\" "
                                            "(got \"{}\")",
                                            *wc),
                                "\"wait\" queues customers until the channel opens; \"give_up\" "
                                "sends them to \"on_give_up\"");
                }
            }
            // Without "on_give_up" a customer who gives up ends the journey unresolved.
            if (t.contains("on_give_up")) tp.on_give_up = target("on_give_up", true);
            if (t.contains("fix_rate"))
                tp.fix_rate = r_.number(t, "fix_rate", at, false, 0, 1,
                                        "a fix rate is a share: 0.7 means 70%");
            if (t.contains("handle_time"))
                tp.handle_time =
                    r_.distribution(t.at("handle_time"), at / "handle_time", Reader::Use::Duration);
            break;
        }
        case TouchpointKind::Branch:
            r_.check_keys(t, at, {"kind", "label", "experience", "next", "rules", "otherwise"});
            if (t.contains("rules")) {
                rules(t, at, ids, tp);
                if (t.contains("next")) {
                    diag_.error(at / "next",
                                "a branch with \"rules\" uses \"otherwise\", not \"next\"",
                                "rename \"next\" to \"otherwise\": where customers go when no "
                                "rule matches");
                }
                if (!t.contains("otherwise")) {
                    r_.missing(at, "otherwise", "where customers go when no rule matches");
                } else {
                    tp.next = next_list(t.at("otherwise"), at / "otherwise", ids, "touchpoint");
                }
            } else if (t.contains("otherwise")) {
                diag_.error(at / "otherwise", "\"otherwise\" needs \"rules\"",
                            "use \"next\" for a purely probabilistic branch");
            } else if (!t.contains("next")) {
                r_.missing(at, "next", "a branch needs \"next\" or \"rules\"");
            } else {
                tp.next = next_list(t.at("next"), at / "next", ids, "touchpoint");
            }
            break;
        case TouchpointKind::End: {
            r_.check_keys(t, at, {"kind", "label", "experience", "outcome"});
            if (const auto o = r_.named<Outcome>(t, "outcome", at, true, "outcome", "outcomes"))
                tp.outcome = *o;
            break;
        }
    }
    return tp;
}

void Builder::rules(const Json& t, const Pointer& at, const Ids& ids, Touchpoint& tp) {
    const Json& list = t.at("rules");
    const Pointer rp = at / "rules";
    if (!list.is_array() || list.empty()) {
        diag_.error(rp, "\"rules\" must be a non-empty list of {\"when\", \"to\"}",
                    "e.g. \"rules\": [{\"when\": {\"segment\": \"digital\"}, \"to\": "
                    "\"status\"}]");
        return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Pointer ep = rp / i;
        if (!r_.is_object(list[i], ep, "a rule")) continue;
        r_.check_keys(list[i], ep, {"when", "to"});
        BranchRule rule;
        rule.to = resolve_field(list[i], "to", ep, ids, "touchpoint", true);
        if (!list[i].contains("when")) {
            r_.missing(ep, "when", "add the condition, e.g. \"when\": {\"contacts_at_least\": 2}");
        } else {
            const Json& w = list[i].at("when");
            const Pointer wp = ep / "when";
            if (r_.is_object(w, wp, "\"when\"")) {
                r_.check_keys(
                    w, wp,
                    {"contacts_at_least", "contacts_at_most", "fixed", "last_channel", "segment"});
                if (w.empty()) {
                    diag_.error(wp, "a condition needs at least one test",
                                "test contacts_at_least, contacts_at_most, fixed, last_channel "
                                "or segment");
                }
                if (auto n = r_.integer(w, "contacts_at_least", wp, false, 0, 1000))
                    rule.when.contacts_at_least = static_cast<int>(*n);
                if (auto n = r_.integer(w, "contacts_at_most", wp, false, 0, 1000))
                    rule.when.contacts_at_most = static_cast<int>(*n);
                rule.when.fixed = r_.boolean(w, "fixed", wp, false);
                if (w.contains("last_channel"))
                    rule.when.last_channel =
                        resolve_field(w, "last_channel", wp, channel_ids_, "channel", true);
                if (w.contains("segment"))
                    rule.when.segment =
                        resolve_field(w, "segment", wp, segment_ids_, "segment", true);
            }
        }
        tp.rules.push_back(rule);
    }
}

void Builder::employee_journeys() {
    if (!doc_.contains("employee_journeys")) return;
    const Json& section = doc_.at("employee_journeys");
    if (!section.is_object()) {
        diag_.add(diagnostics::wrong_type(
            diag_.file(), "/employee_journeys", "\"employee_journeys\"",
            "an object mapping ids to employee journeys", type_name(section),
            "write it as \"employee_journeys\": {\"id\": {\"for\": ..., \"start\": ..., "
            "\"steps\": ...}}"));
        return;
    }
    for (const auto& item : section.items()) {
        const Pointer at = Pointer() / "employee_journeys" / item.key();
        const Json& e = item.value();
        EmployeeJourney ej;
        ej.id = item.key();
        ej.label = ej.id;
        if (!r_.is_object(e, at, "an employee journey")) continue;
        r_.check_keys(e, at, {"label", "description", "for", "start", "steps"});
        ej.label = r_.string(e, "label", at, false).value_or(ej.id);
        ej.description = r_.string(e, "description", at, false).value_or("");
        if (!e.contains("for")) {
            r_.missing(at, "for",
                       "bind it to a channel {\"channel\": \"phone\"} or to a contact "
                       "{\"journey\": \"j\", \"touchpoint\": \"contact\"}");
        } else {
            binding(e.at("for"), at / "for", ej.binding);
        }
        ej.start = node_graph(e, "steps", at, "ids to steps", kStepsExample, "step", ej.steps,
                              [this](const std::string& id, const Json& s, const Pointer& where,
                                     const Ids& ids) { return step(id, s, where, ids); });
        model_->employee_journeys.push_back(std::move(ej));
    }
}

void Builder::binding(const Json& f, const Pointer& at, Binding& b) {
    if (!r_.is_object(f, at, "\"for\"")) return;
    r_.check_keys(f, at, {"channel", "journey", "touchpoint", "channels"});
    if (f.contains("channel")) {
        if (f.contains("journey") || f.contains("touchpoint") || f.contains("channels")) {
            diag_.error(at, "bind either to a \"channel\" or to a \"journey\" and \"touchpoint\"",
                        "keep {\"channel\": \"phone\"}, or remove \"channel\" and keep "
                        "{\"journey\", \"touchpoint\", \"channels\"}");
            return;
        }
        const Index c = resolve_field(f, "channel", at, channel_ids_, "channel", true);
        if (c != kNone) b.channels.push_back(c);
        return;
    }
    if (!f.contains("journey")) {
        r_.missing(at, "journey", "or bind to a channel with {\"channel\": \"phone\"}");
        return;
    }
    b.journey = resolve_field(f, "journey", at, journey_ids_, "journey", true);
    if (b.journey == kNone) return;
    const Json& jt = doc_.at("journeys").at(journey_ids_[b.journey]);
    const Ids tp_ids(jt.is_object() && jt.contains("touchpoints") ? keys_of(jt.at("touchpoints"))
                                                                  : std::vector<std::string>{});
    b.touchpoint = resolve_field(f, "touchpoint", at, tp_ids, "touchpoint", true);
    if (b.touchpoint == kNone) return;
    const auto& journey = model_->journeys[b.journey];
    if (b.touchpoint >= journey.touchpoints.size()) return;
    const auto& tp = journey.touchpoints[b.touchpoint];
    const Json& tp_json = jt.at("touchpoints").at(tp.id);
    if (!tp_json.is_object() || tp_json.value("kind", Json()) != to_string(tp.kind)) {
        return;  // its kind could not be read, which is reported there
    }
    if (tp.kind != TouchpointKind::Contact) {
        diag_.error(at / "touchpoint",
                    fmt::format("touchpoint \"{}\" is a {} touchpoint; employee journeys serve "
                                "contact touchpoints",
                                tp.id, to_string(tp.kind)),
                    "name a touchpoint of kind \"contact\" of this journey");
        return;
    }
    const auto listed = string_list(f, "channels", at, false);
    const std::unordered_set<Index> offered(tp.channels.begin(), tp.channels.end());
    for (std::size_t i = 0; i < listed.size(); ++i) {
        const Index c = resolve(channel_ids_, listed[i], at / "channels" / i, "channel");
        if (c == kNone) continue;
        if (!offered.contains(c)) {
            diag_.error(
                at / "channels" / i,
                fmt::format("touchpoint \"{}\" does not offer channel \"{}\"", tp.id, listed[i]),
                "list only channels the contact offers");
            continue;
        }
        b.channels.push_back(c);
    }
}

EmployeeStep Builder::step(const std::string& id, const Json& s, const Pointer& at,
                           const Ids& ids) {
    auto st = part_named<EmployeeStep>(id);
    if (!r_.is_object(s, at, "a step")) return st;
    if (s.contains("kind") && s.at("kind").is_string()) {
        const auto kind = r_.named<StepKind>(s, "kind", at, true, "step kind", "kinds");
        if (!kind) return st;
        st.kind = *kind;
    } else {
        r_.string(s, "kind", at, false);  // reports a kind that is not a string
    }
    st.label = r_.string(s, "label", at, false).value_or(id);
    switch (st.kind) {
        case StepKind::Step:
            r_.check_keys(s, at, {"kind", "label", "duration", "next"});
            break;
        case StepKind::Handoff:
            r_.check_keys(s, at, {"kind", "label", "duration", "next", "team", "work"});
            st.team = resolve_field(s, "team", at, team_ids_, "team", true);
            st.work = r_.string(s, "work", at, true,
                                "name the work type the team does, one of its skills, e.g. "
                                "\"work\": \"field_work\"")
                          .value_or("");
            if (st.team != kNone && !st.work.empty())
                check_skill(st.team, st.work, at / "work", "work ");
            break;
        case StepKind::End:
            r_.check_keys(s, at, {"kind", "label", "fixed"});
            st.fixed = r_.boolean(s, "fixed", at, true).value_or(false);
            return st;
    }
    if (s.contains("duration"))
        st.duration = r_.distribution(s.at("duration"), at / "duration", Reader::Use::Duration);
    if (!s.contains("next")) {
        r_.missing(at, "next", "name the step that follows, or use kind \"end\"");
    } else {
        st.next = next_list(s.at("next"), at / "next", ids, "step");
    }
    return st;
}

}  // namespace journeysim::detail::load
