// Scenario files: JSON Patch (applied with nlohmann::json's own RFC 6902 support) and domain
// operations that expand to JSON Patch, so that what a scenario does can always be shown as a
// plain patch.

#include "detail/build.hpp"
#include "detail/reader.hpp"

#include <journeysim/scenario.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace journeysim {
namespace {

using detail::Diagnostics;
using detail::Json;
using detail::Pointer;
using detail::Reader;

constexpr std::string_view kPatchOps[] = {"add", "remove", "replace", "move", "copy", "test"};
constexpr std::string_view kDomainOps[] = {"add_channel", "remove_channel", "scale_demand",
                                           "set_agents"};

std::vector<std::string> all_ops() {
    std::vector<std::string> out;
    for (auto op : kPatchOps)
        out.emplace_back(op);
    for (auto op : kDomainOps)
        out.emplace_back(op);
    return out;
}

/// A patch operation under construction.
Json op(const char* name, const Pointer& path, Json value = nullptr) {
    Json o;
    o["op"] = name;
    o["path"] = path.to_string();
    if (!value.is_null() || std::string_view(name) == "add" || std::string_view(name) == "replace")
        o["value"] = std::move(value);
    return o;
}

/// Thrown by an expansion when a domain operation cannot be applied; caught per change.
struct ChangeProblem {
    Pointer where;  ///< relative to the change object
    std::string message;
    std::string hint;
};

const Json& section(const Json& doc, const char* name) {
    static const Json empty = Json::object();
    return doc.contains(name) && doc.at(name).is_object() ? doc.at(name) : empty;
}

std::string required_string(const Json& change, const char* key) {
    if (!change.contains(key)) {
        throw ChangeProblem{Pointer() / key, fmt::format("missing required field \"{}\"", key), {}};
    }
    if (!change.at(key).is_string()) {
        throw ChangeProblem{Pointer() / key, fmt::format("\"{}\" must be a string", key), {}};
    }
    return change.at(key).get<std::string>();
}

double number_in(const Json& change, const char* key, double fallback, double lo, double hi) {
    if (!change.contains(key)) return fallback;
    const Json& v = change.at(key);
    if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) {
        throw ChangeProblem{Pointer() / key,
                            fmt::format("\"{}\" must be a number between {} and {}", key,
                                        detail::number_text(lo), detail::number_text(hi)),
                            {}};
    }
    return v.get<double>();
}

void only_keys(const Json& change, std::initializer_list<std::string_view> allowed) {
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& item : change.items()) {
        if (std::find(names.begin(), names.end(), item.key()) != names.end()) continue;
        throw ChangeProblem{Pointer() / item.key(), fmt::format("unknown field \"{}\"", item.key()),
                            detail::suggest(item.key(), names, "fields of this operation")};
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
    throw ChangeProblem{Pointer() / key, fmt::format("unknown {} \"{}\"", what, id),
                        detail::suggest(id, keys(object), std::string(what) + "s")};
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

Json expand_add_channel(const Json& doc, const Json& change) {
    only_keys(change, {"op", "id", "channel", "offer_at", "preference", "new_demand"});
    const std::string id = required_string(change, "id");
    if (section(doc, "channels").contains(id)) {
        throw ChangeProblem{Pointer() / "id", fmt::format("channel \"{}\" already exists", id),
                            "use JSON Patch \"replace\" to change an existing channel"};
    }
    if (!change.contains("channel") || !change.at("channel").is_object()) {
        throw ChangeProblem{Pointer() / "channel", "\"channel\" must be the channel's definition",
                            "e.g. {\"mode\": \"messaging\", \"team\": \"frontline\", ...}"};
    }
    const Json& channel = change.at("channel");
    Json patch = Json::array();
    patch.push_back(op("add", Pointer() / "channels" / id, channel));

    // Where it is offered: listed contacts, or every contact touchpoint.
    std::vector<std::pair<std::string, std::string>> places;
    if (!change.contains("offer_at") || change.at("offer_at") == "all") {
        for (const auto& j : section(doc, "journeys").items()) {
            if (!j.value().contains("touchpoints")) continue;
            for (const auto& tp : j.value().at("touchpoints").items())
                if (is_contact(tp.value())) places.emplace_back(j.key(), tp.key());
        }
    } else {
        const Json& list = change.at("offer_at");
        if (!list.is_array()) {
            throw ChangeProblem{Pointer() / "offer_at",
                                "\"offer_at\" must be \"all\" or a list of {\"journey\", "
                                "\"touchpoint\"}",
                                {}};
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Json& e = list[i];
            const Pointer at = Pointer() / "offer_at" / i;
            if (!e.is_object() || !e.contains("journey") || !e.contains("touchpoint") ||
                !e.at("journey").is_string() || !e.at("touchpoint").is_string()) {
                throw ChangeProblem{at, "must be {\"journey\": id, \"touchpoint\": id}", {}};
            }
            const auto jid = e.at("journey").get<std::string>();
            const auto tid = e.at("touchpoint").get<std::string>();
            const Json& journeys = section(doc, "journeys");
            if (!journeys.contains(jid)) {
                throw ChangeProblem{at / "journey", fmt::format("unknown journey \"{}\"", jid),
                                    detail::suggest(jid, keys(journeys), "journeys")};
            }
            const Json& tps = journeys.at(jid).value("touchpoints", Json::object());
            if (!tps.contains(tid) || !is_contact(tps.at(tid))) {
                throw ChangeProblem{
                    at / "touchpoint",
                    fmt::format("journey \"{}\" has no contact touchpoint \"{}\"", jid, tid),
                    detail::suggest(tid, keys(tps), "touchpoints")};
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
    }

    // Preferences per segment (others keep the default weight 1).
    std::map<std::string, double> weights;
    if (change.contains("preference")) {
        const Json& pref = change.at("preference");
        if (!pref.is_object()) {
            throw ChangeProblem{
                Pointer() / "preference", "\"preference\" must map segment ids to weights", {}};
        }
        const Json& segments = section(doc, "segments");
        for (const auto& p : pref.items()) {
            if (!segments.contains(p.key())) {
                throw ChangeProblem{Pointer() / "preference" / p.key(),
                                    fmt::format("unknown segment \"{}\"", p.key()),
                                    detail::suggest(p.key(), keys(segments), "segments")};
            }
            if (!p.value().is_number() || p.value().get<double>() < 0) {
                throw ChangeProblem{Pointer() / "preference" / p.key(),
                                    "a preference weight must be a number of at least 0",
                                    {}};
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
                const double w_new = weights.count(seg) ? weights.at(seg) : 1.0;
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

// ---- scale_demand, set_agents ----------------------------------------------------------------

Json expand_scale_demand(const Json& doc, const Json& change) {
    only_keys(change, {"op", "factor", "journey"});
    if (!change.contains("factor")) {
        throw ChangeProblem{Pointer() / "factor", "missing required field \"factor\"",
                            "e.g. 1.2 for 20% more customers"};
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

// ---- applying changes ----------------------------------------------------------------------

/// Whether one pointer lies within the other (either way round).
bool related(const std::string& a, const std::string& b) {
    const auto& shorter = a.size() < b.size() ? a : b;
    const auto& longer = a.size() < b.size() ? b : a;
    return longer.compare(0, shorter.size(), shorter) == 0 &&
           (longer.size() == shorter.size() || longer[shorter.size()] == '/');
}

/// Why a JSON Patch operation cannot be applied to `doc` although nlohmann's patch() would not
/// say so: adding (or moving, copying) below a number, string or boolean is an assertion in
/// the library, and removing below one is silently ignored. Empty when the operation may go
/// ahead; patch() itself reports missing members, missing locations and bad pointers.
std::string below_scalar(const Json& doc, const Json& operation) {
    if (!operation.is_object() || !operation.contains("op") || !operation.at("op").is_string())
        return {};
    const auto name = operation.at("op").get<std::string>();
    auto check = [&doc](const char* member, const Json& o, const char* verb) -> std::string {
        if (!o.contains(member) || !o.at(member).is_string()) return {};
        const Pointer target(o.at(member).get<std::string>());
        if (target.empty()) return {};
        const Pointer parent = target.parent_pointer();
        if (!doc.contains(parent)) return {};
        const Json& holder = doc.at(parent);
        if (holder.is_object() || holder.is_array() || holder.is_null()) return {};
        return fmt::format("cannot {} {}: {} is {}, which has no members", verb, target.to_string(),
                           parent.empty() ? "/" : parent.to_string(), detail::type_name(holder));
    };
    if (name == "add" || name == "copy") return check("path", operation, "add");
    if (name == "remove") return check("path", operation, "remove");
    if (name == "move") {
        auto problem = check("from", operation, "move");
        return problem.empty() ? check("path", operation, "move to") : problem;
    }
    return {};
}

/// Applies the changes of one scenario to `doc`. Problems are reported against the scenario
/// file at `at` (the scenario's pointer) / "changes" / index.
///
/// A domain operation reads the model as the changes before it left it. When a change before
/// it gave a member the wrong type (a journey replaced by a number, say), the operation cannot
/// read the model: the document is then validated as a model is, and its errors are reported
/// at the domain operation's change, naming the change that caused them; the rest of the
/// scenario is not applied. A model that is only semantically invalid between two changes
/// (a team briefly without skills) is fine: the final model is validated anyway.
struct Applied {
    Json patch = Json::array();
    std::vector<std::pair<std::size_t, std::string>> touched;  ///< change index, model pointer
    std::vector<std::string> removed, added;
    bool ok = true;
};

Applied apply(Json& doc, const Json& changes, const Pointer& at, Diagnostics& diag,
              const std::string& scenario) {
    Applied out;
    const Pointer cp = at / "changes";
    if (!changes.is_array()) {
        diag.error(cp, "\"changes\" must be a list of changes",
                   "each change is a JSON Patch operation or a domain operation such as "
                   "{\"op\": \"scale_demand\", \"factor\": 1.1}");
        out.ok = false;
        return out;
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const Json& change = changes[i];
        const Pointer here = cp / i;
        auto fail = [&](const Pointer& where, const std::string& message, const std::string& hint) {
            diag.error(Pointer(here.to_string() + where.to_string()),
                       fmt::format("scenario \"{}\", change {}: {}", scenario, i, message), hint);
            out.ok = false;
        };
        auto unreadable = [&](const std::string& operation, std::string what) {
            Diagnostics check(diag.file());
            detail::build_model(doc, check);
            bool reported = false;
            for (const auto& d : check.items()) {
                if (d.severity != Severity::Error) continue;
                // The last change touching the place at fault; else the only change so far.
                std::string culprit;
                for (const auto& [index, path] : out.touched) {
                    if (related(path, d.pointer)) culprit = fmt::format("change {}", index);
                }
                if (culprit.empty() && !out.touched.empty() &&
                    out.touched.front().first == out.touched.back().first)
                    culprit = fmt::format("change {}", out.touched.front().first);
                fail(Pointer(),
                     fmt::format("cannot apply \"{}\": {} the model with an error at {}: {}",
                                 operation,
                                 culprit.empty() ? std::string("the changes before it leave")
                                                 : culprit + " leaves",
                                 d.pointer.empty() ? std::string("/") : d.pointer, d.message),
                     d.hint.empty() ? "a domain operation reads the model as the changes before "
                                      "it left it; fix the change before it"
                                    : d.hint);
                reported = true;
            }
            if (!reported) {
                if (auto pos = what.find("] "); pos != std::string::npos)
                    what = what.substr(pos + 2);
                fail(Pointer(),
                     fmt::format("cannot apply \"{}\": the model is not in the shape it expects "
                                 "({})",
                                 operation, what),
                     "a domain operation reads the model as the changes before it left it; "
                     "check the changes before it");
            }
        };
        if (!change.is_object() || !change.contains("op") || !change.at("op").is_string()) {
            fail(Pointer(), "a change must be an object with an \"op\"",
                 "e.g. {\"op\": \"replace\", \"path\": \"/channels/phone/fix_rate\", \"value\": "
                 "0.8}");
            continue;
        }
        const auto name = change.at("op").get<std::string>();
        const bool plain =
            std::find(std::begin(kPatchOps), std::end(kPatchOps), name) != std::end(kPatchOps);
        const bool domain =
            std::find(std::begin(kDomainOps), std::end(kDomainOps), name) != std::end(kDomainOps);
        if (!plain && !domain) {
            fail(Pointer() / "op", fmt::format("unknown operation \"{}\"", name),
                 detail::suggest(name, all_ops(), "operations"));
            continue;
        }
        Json patch;
        try {
            if (plain) {
                patch = Json::array({change});
            } else if (name == "add_channel") {
                patch = expand_add_channel(doc, change);
                out.added.push_back(change.at("id").get<std::string>());
            } else if (name == "remove_channel") {
                std::string removed;
                patch = expand_remove_channel(doc, change, removed);
                out.removed.push_back(removed);
            } else if (name == "scale_demand") {
                patch = expand_scale_demand(doc, change);
            } else {
                patch = expand_set_agents(doc, change);
            }
        } catch (const ChangeProblem& p) {
            fail(p.where, p.message, p.hint);
            continue;
        } catch (const Json::exception& e) {
            // The operation met a member of the wrong type: say which change put it there.
            unreadable(name, e.what());
            return out;  // later changes would only repeat these errors
        }
        // Operation by operation on a copy, so that each is checked against the document as
        // the operations before it left it; the document changes only if all of them apply.
        Json work = doc;
        std::string problem;
        try {
            for (const auto& o : patch) {
                problem = below_scalar(work, o);
                if (!problem.empty()) break;
                work.patch_inplace(Json::array({o}));
            }
        } catch (const Json::exception& e) {
            problem = e.what();
            if (auto pos = problem.find("] "); pos != std::string::npos)
                problem = problem.substr(pos + 2);
            problem = "cannot apply: " + problem;
        }
        if (!problem.empty()) {
            fail(change.contains("path") ? Pointer() / "path" : Pointer(), problem,
                 "check the path against the base model (JSON Pointer, e.g. "
                 "/channels/phone/fix_rate; \"-\" appends to an array)");
            continue;
        }
        doc = std::move(work);
        for (const auto& o : patch) {
            out.patch.push_back(o);
            out.touched.emplace_back(i, o.value("path", ""));
        }
    }
    return out;
}

}  // namespace

bool is_scenario_file(const std::filesystem::path& path) {
    try {
        const auto text = read_input_file(path);
        Diagnostics diag(path.string());
        auto doc = detail::parse_json(text, InputLimits{}, diag);
        return doc && doc->is_object() && doc->contains("journeysim_scenarios");
    } catch (const InputError&) {
        return false;
    }
}

ScenarioSet load_scenarios_text(std::string_view text, const std::filesystem::path& file,
                                const InputLimits& limits) {
    return load_scenarios_text(text, file, limits, [&limits](const std::filesystem::path& path) {
        return read_input_file(path, limits);
    });
}

ScenarioSet load_scenarios_text(std::string_view text, const std::filesystem::path& file,
                                const InputLimits& limits, const BaseReader& read_base) {
    Diagnostics diag(file.string());
    Reader r(diag);
    auto parsed = detail::parse_json(text, limits, diag);
    diag.throw_if_errors();
    const Json& doc = *parsed;
    const Pointer root;
    ScenarioSet set;
    set.file = file.string();
    if (!r.is_object(doc, root, "a scenario file")) diag.throw_if_errors();
    if (doc.contains("journeysim") && !doc.contains("journeysim_scenarios")) {
        diag.error(root, "this is a model file, not a scenario file",
                   "a scenario file starts with \"journeysim_scenarios\": 1 and names its "
                   "\"base\" model");
        diag.throw_if_errors();
    }
    r.check_keys(doc, root,
                 {"$schema", "journeysim_scenarios", "name", "description", "base", "scenarios"});
    if (!doc.contains("journeysim_scenarios")) {
        r.missing(root, "journeysim_scenarios", "start the file with \"journeysim_scenarios\": 1");
    } else if (doc.at("journeysim_scenarios") != 1) {
        diag.error(root / "journeysim_scenarios", "unsupported format version",
                   "this version of journeysim reads \"journeysim_scenarios\": 1");
    }
    set.name = r.string(doc, "name", root, false).value_or(file.stem().string());
    set.description = r.string(doc, "description", root, false).value_or("");
    const auto base = r.string(doc, "base", root, true);
    if (!doc.contains("scenarios")) {
        r.missing(root, "scenarios");
    } else if (!doc.at("scenarios").is_object() || doc.at("scenarios").empty()) {
        diag.error(root / "scenarios",
                   "\"scenarios\" must be a non-empty object mapping names to scenarios");
    }
    diag.throw_if_errors();

    // The base model, relative to the scenario file.
    set.base_path = std::filesystem::path(*base).is_absolute() ? std::filesystem::path(*base)
                                                               : file.parent_path() / *base;
    std::string base_text;
    try {
        base_text = read_base(set.base_path);
    } catch (const InputError& e) {
        diag.error(root / "base",
                   fmt::format("cannot read the base model {}: {}", set.base_path.string(),
                               e.diagnostics().empty() ? std::string(e.what())
                                                       : e.diagnostics().front().message),
                   "\"base\" is a path relative to the scenario file");
        diag.throw_if_errors();
    }
    Diagnostics base_diag(set.base_path.string());
    auto base_doc = detail::parse_json(base_text, limits, base_diag);
    base_diag.throw_if_errors();
    auto base_model = detail::build_model(*base_doc, base_diag);
    base_diag.throw_if_errors();
    base_model->file = set.base_path.string();
    set.base = base_model;
    for (auto& w : base_diag.warnings())
        set.warnings.push_back(w);

    for (const auto& item : doc.at("scenarios").items()) {
        const Pointer at = root / "scenarios" / item.key();
        const Json& s = item.value();
        if (!r.is_object(s, at, "a scenario")) continue;
        r.check_keys(s, at, {"description", "changes"});
        Scenario scenario;
        scenario.name = item.key();
        scenario.description = r.string(s, "description", at, false).value_or("");
        if (!s.contains("changes")) {
            r.missing(at, "changes");
            continue;
        }
        Json patched = *base_doc;
        auto applied = apply(patched, s.at("changes"), at, diag, scenario.name);
        if (!applied.ok) continue;
        scenario.expanded_patch = applied.patch.dump(2);
        scenario.removed_channels = applied.removed;
        scenario.added_channels = applied.added;

        // Validate the patched model; attribute each problem to the last change touching it.
        Diagnostics model_diag(fmt::format("{} (scenario \"{}\")", set.file, scenario.name));
        auto model = detail::build_model(patched, model_diag);
        for (auto d : model_diag.items()) {
            std::string culprit;
            for (const auto& [index, path] : applied.touched) {
                if (related(path, d.pointer)) culprit = fmt::format(", change {}", index);
            }
            d.message = fmt::format("after the changes of scenario \"{}\"{}: {}", scenario.name,
                                    culprit, d.message);
            diag.items().push_back(d);
        }
        if (!model) continue;
        model->file = set.base_path.string();
        scenario.model = std::move(model);
        set.scenarios.push_back(std::move(scenario));
    }
    diag.throw_if_errors();
    for (auto& w : diag.warnings())
        set.warnings.push_back(w);
    return set;
}

ScenarioSet load_scenarios_file(const std::filesystem::path& path, const InputLimits& limits) {
    const std::string text = read_input_file(path, limits);
    return load_scenarios_text(text, path, limits);
}

std::string apply_changes(std::string_view model_json, std::string_view changes_json) {
    Diagnostics diag("changes");
    auto model = detail::parse_json(model_json, InputLimits{}, diag);
    auto changes = detail::parse_json(changes_json, InputLimits{}, diag);
    diag.throw_if_errors();
    auto applied = apply(*model, *changes, Pointer(), diag, "changes");
    diag.throw_if_errors();
    return model->dump(2);
}

}  // namespace journeysim
