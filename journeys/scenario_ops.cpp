// Scenario files' domain operations, each expanded to plain JSON Patch so that what a scenario
// does can always be shown as a patch.
#include "detail/scenario_ops.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace journeysim::detail {

std::vector<std::string> all_ops() {
    std::vector<std::string> out;
    for (auto op : kPatchOps)
        out.emplace_back(op);
    for (auto op : kDomainOps)
        out.emplace_back(op);
    return out;
}

namespace {

/// A patch operation under construction.
Json op(const char* name, const Pointer& path, Json value = nullptr) {
    Json o;
    o["op"] = name;
    o["path"] = path.to_string();
    if (!value.is_null() || std::string_view(name) == "add" || std::string_view(name) == "replace")
        o["value"] = std::move(value);
    return o;
}

constexpr const char* kOfferAtExample =
    "e.g. \"offer_at\": [{\"journey\": \"outage\", \"touchpoint\": \"contact\"}], or \"all\"";

const Json& section(const Json& doc, const char* name) {
    static const Json empty = Json::object();
    return doc.contains(name) && doc.at(name).is_object() ? doc.at(name) : empty;
}

/// A problem made by one of the diagnostics factories (its file is the scenario's, filled in
/// where the problem is reported).
ChangeProblem problem(Diagnostic d) {
    return ChangeProblem{Pointer(d.pointer), std::move(d.message), std::move(d.hint)};
}

std::string required_string(const Json& change, const char* key) {
    const std::string at = (Pointer() / key).to_string();
    if (!change.contains(key)) {
        throw problem(diagnostics::missing_field({}, at, key,
                                                 fmt::format("add \"{}\": \"...\" (an id)", key)));
    }
    if (!change.at(key).is_string()) {
        throw problem(diagnostics::wrong_type(
            {}, at, fmt::format("\"{}\"", key), "a string", type_name(change.at(key)),
            fmt::format("write the id in double quotes: \"{}\": \"...\"", key)));
    }
    return change.at(key).get<std::string>();
}

double number_in(const Json& change, const char* key, double fallback, double lo, double hi) {
    if (!change.contains(key)) return fallback;
    const Json& v = change.at(key);
    if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) {
        const std::string range =
            fmt::format("between {} and {}", detail::number_text(lo), detail::number_text(hi));
        throw problem(diagnostics::wrong_type(
            {}, (Pointer() / key).to_string(), fmt::format("\"{}\"", key), "a number " + range,
            v.is_number() ? detail::number_text(v.get<double>()) : type_name(v),
            fmt::format("write a number {}, without quotes", range)));
    }
    return v.get<double>();
}

void only_keys(const Json& change, std::initializer_list<std::string_view> allowed) {
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& item : change.items()) {
        if (std::find(names.begin(), names.end(), item.key()) != names.end()) continue;
        throw problem(diagnostics::unknown_field({}, (Pointer() / item.key()).to_string(),
                                                 item.key(), names, "fields of this operation"));
    }
}

std::vector<std::string> keys(const Json& object) {
    std::vector<std::string> out;
    for (const auto& item : object.items())
        out.push_back(item.key());
    return out;
}

void require_id(const Json& object, const std::string& id, const char* what, const char* key) {
    if (object.contains(id)) return;
    throw problem(diagnostics::unknown_reference({}, (Pointer() / key).to_string(), what, id,
                                                 keys(object), std::string(what) + "s"));
}

/// Channel preference weight of a segment in the document (default 1).
double preference(const Json& segment, const std::string& channel) {
    if (segment.contains("channel_preference") && segment.at("channel_preference").is_object() &&
        segment.at("channel_preference").contains(channel) &&
        segment.at("channel_preference").at(channel).is_number()) {
        return segment.at("channel_preference").at(channel).get<double>();
    }
    return 1.0;
}

/// The segment mix of a journey in the document (its own, or the model's shares).
std::vector<std::pair<std::string, double>> segment_mix(const Json& doc, const Json& journey) {
    std::vector<std::pair<std::string, double>> mix;
    const Json* own = nullptr;
    if (journey.contains("arrivals") && journey.at("arrivals").contains("segments"))
        own = &journey.at("arrivals").at("segments");
    for (const auto& seg : section(doc, "segments").items()) {
        double share = 0;
        if (own) {
            if (own->contains(seg.key()) && own->at(seg.key()).is_number())
                share = own->at(seg.key()).get<double>();
        } else if (seg.value().contains("share") && seg.value().at("share").is_number()) {
            share = seg.value().at("share").get<double>();
        }
        mix.emplace_back(seg.key(), share);
    }
    return mix;
}

std::vector<std::string> offered(const Json& touchpoint) {
    std::vector<std::string> out;
    if (touchpoint.contains("channels") && touchpoint.at("channels").is_array()) {
        for (const auto& c : touchpoint.at("channels"))
            if (c.is_string()) out.push_back(c.get<std::string>());
    }
    return out;
}

bool is_contact(const Json& touchpoint) {
    return touchpoint.is_object() && touchpoint.value("kind", "") == "contact";
}

// ---- add_channel ---------------------------------------------------------------------------

/// The mode of channel `id` in the document ("" when unknown).
std::string mode_of(const Json& doc, const std::string& id) {
    const Json& channels = section(doc, "channels");
    if (!channels.contains(id) || !channels.at(id).is_object()) return {};
    const Json& mode = channels.at(id).value("mode", Json());
    return mode.is_string() ? mode.get<std::string>() : std::string();
}

/// Whether a channel of `mode` serves customers where they are (a counter, a visit) rather than
/// remotely.
bool in_person(const std::string& mode) {
    return mode == "in_person";
}

/// Where in a team's explicit `priority` list a new channel of `mode` goes: right after the
/// last entry that is a channel of the same mode, or at the end when there is none.
std::size_t priority_place(const Json& doc, const Json& priority, const std::string& mode) {
    std::size_t place = priority.size();
    for (std::size_t i = 0; i < priority.size(); ++i) {
        if (priority[i].is_string() && mode_of(doc, priority[i].get<std::string>()) == mode)
            place = i + 1;
    }
    return place;
}

// ---- remove_channel ------------------------------------------------------------------------

/// Every place in a journey that names touchpoint `target`, other than `target` itself.
std::vector<Pointer> references_to(const Json& journey, const Pointer& jp,
                                   const std::string& target) {
    std::vector<Pointer> refs;
    if (journey.value("start", "") == target) refs.push_back(jp / "start");
    for (const auto& tp : journey.at("touchpoints").items()) {
        if (tp.key() == target || !tp.value().is_object()) continue;
        const Pointer tpp = jp / "touchpoints" / tp.key();
        for (const char* key :
             {"on_success", "on_fail", "on_fixed", "on_not_fixed", "on_abandon", "on_give_up"}) {
            if (tp.value().value(key, "") == target) refs.push_back(tpp / key);
        }
        for (const char* key : {"next", "otherwise"}) {
            if (!tp.value().contains(key)) continue;
            const Json& n = tp.value().at(key);
            if (n == target) refs.push_back(tpp / key);
            if (n.is_array()) {
                for (std::size_t i = 0; i < n.size(); ++i)
                    if (n[i].is_object() && n[i].value("to", "") == target)
                        refs.push_back(tpp / key / i / "to");
            }
        }
        if (tp.value().contains("rules") && tp.value().at("rules").is_array()) {
            const Json& rules = tp.value().at("rules");
            for (std::size_t i = 0; i < rules.size(); ++i)
                if (rules[i].is_object() && rules[i].value("to", "") == target)
                    refs.push_back(tpp / "rules" / i / "to");
        }
    }
    return refs;
}

// ---- scale_demand, set_agents ----------------------------------------------------------------

}  // namespace

Json expand_add_channel(const Json& doc, const Json& change) {
    only_keys(change, {"op", "id", "channel", "offer_at", "preference", "new_demand"});
    const std::string id = required_string(change, "id");
    if (section(doc, "channels").contains(id)) {
        throw problem(diagnostics::duplicate_id(
            {}, "/id", "channel", id, "use JSON Patch \"replace\" to change an existing channel"));
    }
    if (!change.contains("channel") || !change.at("channel").is_object()) {
        throw ChangeProblem{Pointer() / "channel", "\"channel\" must be the channel's definition",
                            "e.g. {\"mode\": \"messaging\", \"team\": \"frontline\", ...}"};
    }
    const Json& channel = change.at("channel");
    Json patch = Json::array();
    patch.push_back(op("add", Pointer() / "channels" / id, channel));

    // Where it is offered: listed contacts, or every contact touchpoint that offers a channel
    // of its kind (remote, or in person): WhatsApp is not offered at a counter-only contact.
    const std::string mode = channel.value("mode", Json("")).is_string()
                                 ? channel.value("mode", std::string())
                                 : std::string();
    std::vector<std::pair<std::string, std::string>> places;
    if (!change.contains("offer_at") || change.at("offer_at") == "all") {
        for (const auto& j : section(doc, "journeys").items()) {
            if (!j.value().contains("touchpoints")) continue;
            for (const auto& tp : j.value().at("touchpoints").items()) {
                if (!is_contact(tp.value())) continue;
                const auto channels = offered(tp.value());
                const bool alike = std::any_of(channels.begin(), channels.end(), [&](auto& c) {
                    return in_person(mode_of(doc, c)) == in_person(mode);
                });
                if (alike || channels.empty()) places.emplace_back(j.key(), tp.key());
            }
        }
    } else {
        const Json& list = change.at("offer_at");
        if (!list.is_array()) {
            throw ChangeProblem{Pointer() / "offer_at",
                                "\"offer_at\" must be \"all\" or a list of {\"journey\", "
                                "\"touchpoint\"}",
                                kOfferAtExample};
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Json& e = list[i];
            const Pointer at = Pointer() / "offer_at" / i;
            if (!e.is_object() || !e.contains("journey") || !e.contains("touchpoint") ||
                !e.at("journey").is_string() || !e.at("touchpoint").is_string()) {
                throw ChangeProblem{at, "must be {\"journey\": id, \"touchpoint\": id}",
                                    kOfferAtExample};
            }
            const auto jid = e.at("journey").get<std::string>();
            const auto tid = e.at("touchpoint").get<std::string>();
            const Json& journeys = section(doc, "journeys");
            if (!journeys.contains(jid)) {
                throw problem(diagnostics::unknown_reference(
                    {}, (at / "journey").to_string(), "journey", jid, keys(journeys), "journeys"));
            }
            const Json& tps = journeys.at(jid).value("touchpoints", Json::object());
            if (!tps.contains(tid) || !is_contact(tps.at(tid))) {
                throw ChangeProblem{
                    at / "touchpoint",
                    fmt::format("journey \"{}\" has no contact touchpoint \"{}\"", jid, tid),
                    diagnostics::suggestion(tid, keys(tps), "touchpoints")};
            }
            places.emplace_back(jid, tid);
        }
    }
    if (places.empty()) {
        throw ChangeProblem{Pointer() / "offer_at", "the channel would be offered nowhere",
                            "list the contact touchpoints that offer it"};
    }
    for (const auto& [j, tp] : places) {
        patch.push_back(
            op("add", Pointer() / "journeys" / j / "touchpoints" / tp / "channels" / "-", id));
    }

    // The serving team learns the new skill.
    if (channel.contains("team") && channel.at("team").is_string()) {
        const auto team = channel.at("team").get<std::string>();
        const Json& teams = section(doc, "teams");
        if (teams.contains(team) && teams.at(team).contains("skills") &&
            teams.at(team).at("skills").is_array()) {
            const auto& skills = teams.at(team).at("skills");
            if (std::find(skills.begin(), skills.end(), Json(id)) == skills.end())
                patch.push_back(op("add", Pointer() / "teams" / team / "skills" / "-", id));
        }
        // An explicit routing order names every skill the team serves in turn: the new channel
        // joins it after the team's last channel of the same mode.
        if (teams.contains(team) && teams.at(team).contains("priority") &&
            teams.at(team).at("priority").is_array()) {
            const Json& priority = teams.at(team).at("priority");
            patch.push_back(op("add",
                               Pointer() / "teams" / team / "priority" /
                                   std::to_string(priority_place(doc, priority, mode)),
                               id));
        }
    }

    // Preferences per segment (others keep the default weight 1).
    std::map<std::string, double> weights;
    if (change.contains("preference")) {
        const Json& pref = change.at("preference");
        if (!pref.is_object()) {
            throw ChangeProblem{Pointer() / "preference",
                                "\"preference\" must map segment ids to weights",
                                "e.g. \"preference\": {\"digital\": 3, \"traditional\": 0.5}"};
        }
        const Json& segments = section(doc, "segments");
        for (const auto& p : pref.items()) {
            if (!segments.contains(p.key())) {
                throw problem(diagnostics::unknown_reference(
                    {}, (Pointer() / "preference" / p.key()).to_string(), "segment", p.key(),
                    keys(segments), "segments"));
            }
            if (!p.value().is_number() || p.value().get<double>() < 0) {
                throw ChangeProblem{Pointer() / "preference" / p.key(),
                                    "a preference weight must be a number of at least 0",
                                    "a weight is relative: 3 is three times as likely as 1; 0 "
                                    "never"};
            }
            weights[p.key()] = p.value().get<double>();
            const Pointer sp = Pointer() / "segments" / p.key();
            if (segments.at(p.key()).contains("channel_preference")) {
                patch.push_back(op("add", sp / "channel_preference" / id, p.value()));
            } else {
                patch.push_back(op("add", sp / "channel_preference", Json{{id, p.value()}}));
            }
        }
    }
    // A segment that lists its weights gets the default weight written too, so its list stays
    // complete.
    for (const auto& seg : section(doc, "segments").items()) {
        if (weights.contains(seg.key()) || !seg.value().is_object() ||
            !seg.value().contains("channel_preference") ||
            !seg.value().at("channel_preference").is_object())
            continue;
        patch.push_back(
            op("add", Pointer() / "segments" / seg.key() / "channel_preference" / id, 1.0));
    }

    // New demand: each journey offering the channel grows by new_demand × the channel's
    // expected choice share at its first offering contact.
    const double fresh = number_in(change, "new_demand", 0, 0, 1);
    if (fresh > 0) {
        std::set<std::string> done;
        for (const auto& [jid, tid] : places) {
            if (!done.insert(jid).second) continue;
            const Json& journey = section(doc, "journeys").at(jid);
            const auto channels = offered(journey.at("touchpoints").at(tid));
            double share = 0;
            for (const auto& [seg, mix] : segment_mix(doc, journey)) {
                const Json& segment = section(doc, "segments").at(seg);
                const double w_new = weights.contains(seg) ? weights.at(seg) : 1.0;
                double total = w_new;
                for (const auto& c : channels)
                    total += preference(segment, c);
                if (total > 0) share += mix * w_new / total;
            }
            if (!journey.contains("arrivals") || !journey.at("arrivals").contains("per_day") ||
                !journey.at("arrivals").at("per_day").is_number())
                continue;
            const double per_day = journey.at("arrivals").at("per_day").get<double>();
            patch.push_back(op("replace", Pointer() / "journeys" / jid / "arrivals" / "per_day",
                               per_day * (1 + fresh * share)));
        }
    }
    return patch;
}

Json expand_remove_channel(const Json& doc, const Json& change, std::string& removed) {
    only_keys(change, {"op", "id", "give_up_share"});
    const std::string id = required_string(change, "id");
    require_id(section(doc, "channels"), id, "channel", "id");
    removed = id;
    const double give_up = number_in(change, "give_up_share", 0, 0, 1);
    Json patch = Json::array();

    for (const auto& j : section(doc, "journeys").items()) {
        if (!j.value().contains("touchpoints") || !j.value().at("touchpoints").is_object())
            continue;
        const Pointer jp = Pointer() / "journeys" / j.key();
        for (const auto& tp : j.value().at("touchpoints").items()) {
            const Json& t = tp.value();
            const Pointer tpp = jp / "touchpoints" / tp.key();
            if (!t.is_object()) continue;
            if (t.value("kind", "") == "self_service" && t.value("channel", "") == id) {
                // Without the self-service channel the customer goes straight on as if it failed.
                Json step{{"kind", "step"}, {"next", t.value("on_fail", "")}};
                if (t.contains("label")) step["label"] = t.at("label");
                patch.push_back(op("replace", tpp, step));
                continue;
            }
            if (t.contains("rules") && t.at("rules").is_array()) {
                const Json& rules = t.at("rules");
                std::size_t kept = rules.size();
                for (std::size_t i = rules.size(); i-- > 0;) {
                    if (rules[i].is_object() && rules[i].contains("when") &&
                        rules[i].at("when").value("last_channel", "") == id) {
                        patch.push_back(op("remove", tpp / "rules" / i));
                        --kept;
                    }
                }
                if (kept == 0 && t.contains("otherwise")) {
                    patch.push_back(op("remove", tpp / "rules"));
                    patch.push_back(op("move", tpp / "next"));
                    patch.back()["from"] = (tpp / "otherwise").to_string();
                }
            }
            if (!is_contact(t)) continue;
            const auto channels = offered(t);
            const auto it = std::find(channels.begin(), channels.end(), id);
            if (it == channels.end()) continue;
            if (channels.size() == 1) {
                throw ChangeProblem{Pointer() / "id",
                                    fmt::format("removing \"{}\" leaves contact \"{}\" of journey "
                                                "\"{}\" with no channel",
                                                id, tp.key(), j.key()),
                                    "add another channel to that contact first"};
            }
            patch.push_back(
                op("remove", tpp / "channels" / static_cast<std::size_t>(it - channels.begin())));
            if (give_up <= 0) continue;

            // Customers who would have used the channel give up with probability give_up,
            // segment by segment in proportion to the channel's choice share there.
            const std::string gate = fmt::format("{} (without {})", tp.key(), id);
            const std::string ended = fmt::format("{} (gave up without {})", tp.key(), id);
            std::string give_up_to = t.value("on_give_up", "");
            if (give_up_to.empty()) {
                give_up_to = ended;
                patch.push_back(op("add", jp / "touchpoints" / ended,
                                   Json{{"kind", "end"},
                                        {"outcome", "unresolved"},
                                        {"label", fmt::format("Gives up: no {}", id)}}));
            }
            for (const auto& ref : references_to(j.value(), jp, tp.key()))
                patch.push_back(op("replace", ref, gate));
            Json rules = Json::array();
            for (const auto& [seg, mix] : segment_mix(doc, j.value())) {
                const Json& segment = section(doc, "segments").at(seg);
                double total = 0;
                for (const auto& c : channels)
                    total += preference(segment, c);
                const double share = total > 0 ? preference(segment, id) / total : 0;
                const double p = give_up * share;
                const std::string per_segment = fmt::format("{} / {}", gate, seg);
                patch.push_back(
                    op("add", jp / "touchpoints" / per_segment,
                       Json{{"kind", "branch"},
                            {"next", Json::array({Json{{"to", give_up_to}, {"p", p}},
                                                  Json{{"to", tp.key()}, {"p", 1 - p}}})}}));
                rules.push_back(Json{{"when", Json{{"segment", seg}}}, {"to", per_segment}});
            }
            patch.push_back(op("add", jp / "touchpoints" / gate,
                               Json{{"kind", "branch"},
                                    {"label", fmt::format("{} is gone", id)},
                                    {"rules", rules},
                                    {"otherwise", tp.key()}}));
        }
    }
    for (const auto& s : section(doc, "segments").items()) {
        if (s.value().contains("channel_preference") &&
            s.value().at("channel_preference").contains(id))
            patch.push_back(
                op("remove", Pointer() / "segments" / s.key() / "channel_preference" / id));
    }
    for (const auto& t : section(doc, "teams").items()) {
        for (const char* key : {"skills", "priority"}) {
            if (!t.value().contains(key) || !t.value().at(key).is_array()) continue;
            const Json& list = t.value().at(key);
            for (std::size_t i = list.size(); i-- > 0;)
                if (list[i] == id)
                    patch.push_back(op("remove", Pointer() / "teams" / t.key() / key / i));
        }
    }
    for (const auto& e : section(doc, "employee_journeys").items()) {
        if (!e.value().contains("for") || !e.value().at("for").is_object()) continue;
        const Json& binding = e.value().at("for");
        const Pointer ep = Pointer() / "employee_journeys" / e.key();
        if (binding.value("channel", "") == id) {
            patch.push_back(op("remove", ep));
            continue;
        }
        const auto listed = offered(binding);
        const auto it = std::find(listed.begin(), listed.end(), id);
        if (it == listed.end()) continue;
        if (listed.size() == 1) {
            patch.push_back(op("remove", ep));
        } else {
            patch.push_back(op(
                "remove", ep / "for" / "channels" / static_cast<std::size_t>(it - listed.begin())));
        }
    }
    patch.push_back(op("remove", Pointer() / "channels" / id));
    return patch;
}

Json expand_scale_demand(const Json& doc, const Json& change) {
    only_keys(change, {"op", "factor", "journey"});
    if (!change.contains("factor")) {
        throw problem(diagnostics::missing_field({}, "/factor", "factor",
                                                 "add \"factor\": 1.2 for 20% more customers"));
    }
    const double factor = number_in(change, "factor", 1, 0, 1000);
    Json patch = Json::array();
    const Json& journeys = section(doc, "journeys");
    std::vector<std::string> which;
    if (change.contains("journey")) {
        const auto jid = required_string(change, "journey");
        require_id(journeys, jid, "journey", "journey");
        which.push_back(jid);
    } else {
        which = keys(journeys);
    }
    for (const auto& jid : which) {
        const Json& j = journeys.at(jid);
        if (!j.contains("arrivals") || !j.at("arrivals").contains("per_day") ||
            !j.at("arrivals").at("per_day").is_number())
            continue;
        patch.push_back(op("replace", Pointer() / "journeys" / jid / "arrivals" / "per_day",
                           j.at("arrivals").at("per_day").get<double>() * factor));
    }
    return patch;
}

Json expand_set_agents(const Json& doc, const Json& change) {
    only_keys(change, {"op", "team", "agents", "schedule", "factor"});
    const std::string team = required_string(change, "team");
    const Json& teams = section(doc, "teams");
    require_id(teams, team, "team", "team");
    const int given = static_cast<int>(change.contains("agents")) +
                      static_cast<int>(change.contains("schedule")) +
                      static_cast<int>(change.contains("factor"));
    if (given != 1) {
        throw ChangeProblem{Pointer(), "give exactly one of \"agents\", \"schedule\" or \"factor\"",
                            "\"agents\": 30 staffs the team round the clock; \"factor\": 1.1 "
                            "scales every period of its current staffing"};
    }
    const Json& current = teams.at(team);
    const Pointer tp = Pointer() / "teams" / team;
    Json patch = Json::array();
    auto drop_current = [&] {
        if (current.contains("agents")) patch.push_back(op("remove", tp / "agents"));
        if (current.contains("schedule")) patch.push_back(op("remove", tp / "schedule"));
    };
    if (change.contains("agents")) {
        drop_current();
        patch.push_back(op("add", tp / "agents", change.at("agents")));
    } else if (change.contains("schedule")) {
        drop_current();
        patch.push_back(op("add", tp / "schedule", change.at("schedule")));
    } else {
        const double factor = number_in(change, "factor", 1, 0, 1000);
        auto scaled = [factor](const Json& n) {
            return n.is_number()
                       ? Json(static_cast<long long>(std::lround(n.get<double>() * factor)))
                       : n;
        };
        if (current.contains("agents")) {
            patch.push_back(op("replace", tp / "agents", scaled(current.at("agents"))));
        } else if (current.contains("schedule") && current.at("schedule").is_array()) {
            const Json& s = current.at("schedule");
            for (std::size_t i = 0; i < s.size(); ++i)
                if (s[i].is_object() && s[i].contains("agents"))
                    patch.push_back(
                        op("replace", tp / "schedule" / i / "agents", scaled(s[i].at("agents"))));
        }
    }
    return patch;
}

}  // namespace journeysim::detail
