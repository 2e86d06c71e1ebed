// Whole-model checks that need every part loaded: the journey graphs (built with Boost.Graph,
// searched with its breadth-first search), bindings, choices and volumes.

#include "detail/build.hpp"

#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <tuple>
#include <unordered_set>

namespace journeysim::detail {
namespace {

/// One possible move between two touchpoints (or two employee-journey steps).
struct EdgeInfo {
    MoveKind kind = MoveKind::Next;
    double p = 1.0;  ///< the probability of a `next` entry; 1 otherwise
};

/// Vertices are touchpoint (or step) indices, in the order of the model's vectors.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                    boost::no_property, EdgeInfo>;

/// A journey's touchpoints as vertices and every move out of them as an edge.
Graph journey_graph(const Journey& journey) {
    Graph g(journey.touchpoints.size());
    for (Index i = 0; i < journey.touchpoints.size(); ++i) {
        for_each_move(journey.touchpoints[i], [&](const TouchpointMove& m) {
            if (m.to < journey.touchpoints.size())
                boost::add_edge(i, m.to, EdgeInfo{m.kind, m.p}, g);
        });
    }
    return g;
}

Graph employee_graph(const EmployeeJourney& ej) {
    Graph g(ej.steps.size());
    for (Index i = 0; i < ej.steps.size(); ++i) {
        for (const Transition& t : ej.steps[i].next) {
            if (t.to < ej.steps.size()) boost::add_edge(i, t.to, EdgeInfo{MoveKind::Next, t.p}, g);
        }
    }
    return g;
}

/// Records every vertex a breadth-first search discovers.
class Discover : public boost::default_bfs_visitor {
  public:
    explicit Discover(std::vector<bool>& seen) : seen_(&seen) {}
    template <typename Vertex, typename G>
    void discover_vertex(Vertex v, const G&) const {
        (*seen_)[v] = true;
    }

  private:
    std::vector<bool>* seen_;
};

std::vector<bool> reachable_from(const Graph& g, Index start) {
    std::vector<bool> seen(boost::num_vertices(g), false);
    if (start == kNone || start >= seen.size()) return seen;
    boost::breadth_first_search(g, boost::vertex(start, g), boost::visitor(Discover(seen)));
    return seen;
}

/// Vertices from which some vertex in `targets` can be reached (search on the reverse graph).
template <typename G>
std::vector<bool> reaching(const G& g, const std::vector<Index>& targets) {
    std::vector<bool> seen(boost::num_vertices(g), false);
    if (targets.empty()) return seen;
    const auto reversed = boost::make_reverse_graph(g);
    boost::queue<Index> buffer;
    std::vector<boost::default_color_type> colors(boost::num_vertices(g), boost::white_color);
    boost::breadth_first_search(reversed, targets.begin(), targets.end(), buffer, Discover(seen),
                                boost::make_iterator_property_map(
                                    colors.begin(), boost::get(boost::vertex_index, reversed)));
    return seen;
}

/// The indices of the end nodes (`kind` is `end`) among `nodes`, a journey's touchpoints or an
/// employee journey's steps; none is an error at `at`, with `message` and `hint`.
template <typename Nodes, typename Kind>
std::vector<Index> find_ends(const Nodes& nodes, Kind end, const Pointer& at,
                             const std::string& message, const std::string& hint,
                             Diagnostics& diag) {
    std::vector<Index> ends;
    for (Index i = 0; i < nodes.size(); ++i) {
        if (nodes[i].kind == end) ends.push_back(i);
    }
    if (ends.empty()) diag.error(at, message, hint);
    return ends;
}

void check_journey(Journey& journey, const Model& model, Diagnostics& diag) {
    const Pointer at = Pointer() / "journeys" / journey.id;
    const Graph g = journey_graph(journey);
    const std::vector<Index> ends =
        find_ends(journey.touchpoints, TouchpointKind::End, at / "touchpoints",
                  "the journey has no \"end\" touchpoint",
                  "add e.g. {\"kind\": \"end\", \"outcome\": \"resolved\"}", diag);
    const auto from_start = reachable_from(g, journey.start);
    // A way out that is never taken is no way out: a branch's "p": 0 and the success of a
    // self-service channel whose success rate is 0. Without this a customer could loop forever
    // without time passing, between a branch and itself.
    const auto taken = [&](const Graph::edge_descriptor& e) {
        const EdgeInfo& info = g[e];
        if (!(info.p > 0)) return false;
        if (info.kind == MoveKind::Success) {
            const Index c = journey.touchpoints[boost::source(e, g)].channel;
            if (c < model.channels.size() && !(model.channels[c].success_rate > 0)) return false;
        }
        return true;
    };
    const auto possible =
        boost::make_filtered_graph(g, std::function<bool(Graph::edge_descriptor)>(taken));
    const auto to_end = reaching(g, ends);
    const auto to_end_possible = reaching(possible, ends);
    for (Index i = 0; i < journey.touchpoints.size(); ++i) {
        const auto& tp = journey.touchpoints[i];
        const Pointer tpp = at / "touchpoints" / tp.id;
        if (!ends.empty() && !to_end_possible[i]) {
            diag.error(tpp,
                       fmt::format("touchpoint \"{}\" cannot reach an end: customers who get here "
                                   "would never finish",
                                   tp.id),
                       to_end[i] ? "its only ways to an end have probability 0 (a \"p\" of 0, "
                                   "or a self-service success rate of 0) and are never taken; "
                                   "give it (or the cycle it is in) a way out that can happen"
                                 : "give it (or the cycle it is in) a way out to an \"end\" "
                                   "touchpoint");
        }
        if (!from_start[i]) {
            diag.warning(
                tpp,
                fmt::format("touchpoint \"{}\" cannot be reached from the start \"{}\"", tp.id,
                            journey.start < journey.touchpoints.size()
                                ? journey.touchpoints[journey.start].id
                                : std::string("?")),
                "connect it or remove it");
        }
        if (tp.kind == TouchpointKind::Contact) {
            // Customers who can abandon here retry by journeysim's defaults unless told.
            const bool can_abandon =
                std::any_of(tp.channels.begin(), tp.channels.end(), [&](Index c) {
                    return c < model.channels.size() && model.channels[c].patience.has_value();
                });
            if (can_abandon && !tp.retry_delay && !tp.retry_after_abandoned &&
                tp.max_attempts == 0) {
                diag.warning(
                    tpp,
                    fmt::format("customers who abandon a wait at \"{}\" retry by the defaults: "
                                "after an exponential delay of mean {:g} min, at most {} "
                                "contacts here, then the journey ends unresolved",
                                tp.id, kDefaultRetryAfterAbandonedMin, kDefaultMaxAttempts),
                    "say what your customers do: \"retry_delay\": {\"abandoned\": ..., "
                    "\"not_fixed\": ...} and \"max_attempts\" (with \"on_give_up\" for where "
                    "they go)");
            }
            // Every segment that can arrive must be able to choose some offered channel.
            for (Index s = 0; s < model.segments.size(); ++s) {
                if (journey.arrivals.segment_mix.size() <= s ||
                    journey.arrivals.segment_mix[s] <= 0 || tp.channels.empty())
                    continue;
                const auto& pref = model.segments[s].channel_preference;
                const bool any = std::any_of(tp.channels.begin(), tp.channels.end(),
                                             [&](Index c) { return pref[c] > 0; });
                if (!any) {
                    diag.error(
                        tpp / "channels",
                        fmt::format("segment \"{}\" gives weight 0 to every channel this "
                                    "contact offers",
                                    model.segments[s].id),
                        fmt::format("raise one of its weights in /segments/{}/channel_preference",
                                    model.segments[s].id));
                }
            }
            if (tp.when_closed == WhenClosed::Wait) {
                const bool ever_open =
                    std::any_of(tp.channels.begin(), tp.channels.end(),
                                [&](Index c) { return !model.channels[c].hours.is_never(); });
                if (!ever_open && !tp.channels.empty()) {
                    diag.error(tpp / "channels", "none of the offered channels is ever open",
                               "give one of them opening hours, or let customers give up with "
                               "\"when_closed\": \"give_up\" and \"on_give_up\"");
                }
            }
        }
    }
}

void check_employee_journey(EmployeeJourney& ej, Diagnostics& diag) {
    const Pointer at = Pointer() / "employee_journeys" / ej.id;
    const Graph g = employee_graph(ej);
    const std::vector<Index> ends =
        find_ends(ej.steps, StepKind::End, at / "steps", "the employee journey has no \"end\" step",
                  "add e.g. {\"kind\": \"end\", \"fixed\": true}", diag);
    const auto from_start = reachable_from(g, ej.start);
    // As for customer journeys, a "p" of 0 is never taken and is no way out.
    const auto taken = [&](const Graph::edge_descriptor& e) { return g[e].p > 0; };
    const auto possible =
        boost::make_filtered_graph(g, std::function<bool(Graph::edge_descriptor)>(taken));
    const auto to_end = reaching(g, ends);
    const auto to_end_possible = reaching(possible, ends);
    for (Index i = 0; i < ej.steps.size(); ++i) {
        const Pointer sp = at / "steps" / ej.steps[i].id;
        if (!ends.empty() && !to_end_possible[i]) {
            diag.error(sp,
                       fmt::format("step \"{}\" cannot reach an end step: the contact would never "
                                   "finish",
                                   ej.steps[i].id),
                       to_end[i] ? "its only ways to an end step have probability 0 and are "
                                   "never taken; give it (or the cycle it is in) a way out that "
                                   "can happen"
                                 : "give it (or the cycle it is in) a way out to an \"end\" step");
        }
        if (!from_start[i]) {
            diag.warning(
                sp, fmt::format("step \"{}\" cannot be reached from the start", ej.steps[i].id),
                "connect it or remove it");
        }
    }
}

/// Two employee journeys must not claim the same contact.
void check_bindings(const Model& model, Diagnostics& diag) {
    struct Claim {
        Index journey, touchpoint, channel;
        std::string by;
    };
    // Who claimed each (journey, touchpoint, channel) first.
    std::map<std::tuple<Index, Index, Index>, std::string> claims;
    for (const auto& ej : model.employee_journeys) {
        const Pointer at = Pointer() / "employee_journeys" / ej.id / "for";
        const auto& b = ej.binding;
        if (b.journey == kNone && !b.channels.empty()) {
            const auto& ch = model.channels[b.channels.front()];
            if (ch.mode == ChannelMode::SelfService) {
                diag.error(at / "channel",
                           fmt::format("channel \"{}\" is self-service; employee journeys handle "
                                       "assisted contacts",
                                       ch.id),
                           "bind the employee journey to a live, messaging, async or in_person "
                           "channel");
            }
        }
        std::vector<Claim> mine;
        if (b.journey == kNone) {
            for (Index c : b.channels)
                mine.push_back({kNone, kNone, c, ej.id});
        } else if (b.touchpoint != kNone) {
            const auto& tp = model.journeys[b.journey].touchpoints[b.touchpoint];
            for (Index c : b.channels.empty() ? tp.channels : b.channels)
                mine.push_back({b.journey, b.touchpoint, c, ej.id});
        }
        for (const auto& m : mine) {
            const auto it = claims.find({m.journey, m.touchpoint, m.channel});
            if (it != claims.end()) {
                diag.error(at,
                           fmt::format("employee journeys \"{}\" and \"{}\" both handle "
                                       "channel \"{}\" here",
                                       it->second, m.by, model.channels[m.channel].id),
                           "narrow one binding with \"channels\"");
            }
        }
        for (const auto& m : mine)
            claims.emplace(std::make_tuple(m.journey, m.touchpoint, m.channel), m.by);
    }
}

void check_staffing(const Model& model, Diagnostics& diag) {
    for (const auto& ch : model.channels) {
        if (ch.team == kNone) continue;
        const auto& team = model.teams[ch.team];
        bool any = false;
        for (const auto& s : team.schedule)
            any = any || s.agents > 0;
        if (!any) {
            diag.warning(Pointer() / "teams" / team.id,
                         fmt::format("team \"{}\" never has an agent on duty, so channel \"{}\" is "
                                     "never served",
                                     team.id, ch.id),
                         "give the team agents");
        }
    }
    // One pass over the touchpoints marks every channel some touchpoint uses.
    std::vector<bool> offered(model.channels.size(), false);
    for (const auto& j : model.journeys) {
        for (const auto& tp : j.touchpoints) {
            if (tp.channel < offered.size()) offered[tp.channel] = true;
            for (Index c : tp.channels)
                if (c < offered.size()) offered[c] = true;
        }
    }
    for (Index c = 0; c < model.channels.size(); ++c) {
        if (!offered[c]) {
            diag.warning(
                Pointer() / "channels" / model.channels[c].id,
                fmt::format("channel \"{}\" is not used by any touchpoint", model.channels[c].id),
                "offer it at a contact or self_service touchpoint, or remove it");
        }
    }
    std::unordered_set<std::string> known;  // channel ids and the work of hand-off steps
    for (const auto& ch : model.channels)
        known.insert(ch.id);
    for (const auto& ej : model.employee_journeys) {
        for (const auto& st : ej.steps)
            if (!st.work.empty()) known.insert(st.work);
    }
    for (const auto& team : model.teams) {
        for (std::size_t i = 0; i < team.skills.size(); ++i) {
            const auto& skill = team.skills[i];
            if (!known.contains(skill)) {
                diag.warning(Pointer() / "teams" / team.id / "skills" / i,
                             fmt::format("skill \"{}\" is neither a channel nor the work of any "
                                         "handoff step",
                                         skill),
                             "check the spelling, or remove it");
            }
        }
    }
}

/// A channel's `fix_rate` that no contact ever uses, because every touchpoint
/// offering the channel overrides it or an employee journey handles the contact there: a
/// scenario changing it would change nothing.
void check_no_ops(const Model& model, Diagnostics& diag) {
    for (Index c = 0; c < model.channels.size(); ++c) {
        const Channel& ch = model.channels[c];
        if (ch.mode == ChannelMode::SelfService) continue;
        bool offered = false, fix_used = false;
        for (Index j = 0; j < model.journeys.size(); ++j) {
            const auto& tps = model.journeys[j].touchpoints;
            for (Index t = 0; t < tps.size(); ++t) {
                const Touchpoint& tp = tps[t];
                if (tp.kind != TouchpointKind::Contact ||
                    std::find(tp.channels.begin(), tp.channels.end(), c) == tp.channels.end())
                    continue;
                offered = true;
                if (model.employee_journey_for(j, t, c) != kNone) continue;
                fix_used = fix_used || !tp.fix_rate.has_value();
            }
        }
        if (!offered) continue;  // check_staffing warns about unused channels
        // (A channel's handle_time is required of every assisted channel, so it is not
        // flagged: it is the planner's fallback when a channel is never answered.)
        if (fix_used || ch.fix_rate == 1.0) continue;
        diag.warning(Pointer() / "channels" / ch.id / "fix_rate",
                     fmt::format("channel \"{}\"'s \"fix_rate\" has no effect: every contact on "
                                 "it takes its fix rate from its touchpoint's \"fix_rate\" or "
                                 "from an employee journey's steps",
                                 ch.id),
                     "remove it, or change the touchpoints' \"fix_rate\" (a scenario that "
                     "changes only the channel's changes nothing)");
    }
}

/// Weekly hours in which channel `c` is open while no team that serves it (its own, and every
/// team with the channel in its skills) has an agent on duty.
WeeklyHours unstaffed_hours(const Model& model, Index c) {
    const Channel& ch = model.channels[c];
    std::vector<const Team*> serving;
    for (Index t = 0; t < model.teams.size(); ++t) {
        const Team& team = model.teams[t];
        if (t == ch.team ||
            std::find(team.skills.begin(), team.skills.end(), ch.id) != team.skills.end())
            serving.push_back(&team);
    }
    // Between two consecutive starts or ends of the channel's and the teams' periods nothing
    // changes: test each stretch at its middle.
    std::vector<double> cuts = {0, kMinutesPerWeek};
    const auto add_cuts = [&](const WeeklyHours& h) {
        for (const auto& [from, to] : h.periods()) {
            cuts.push_back(from);
            cuts.push_back(std::min(to, kMinutesPerWeek));
        }
    };
    add_cuts(ch.hours);
    for (const Team* team : serving) {
        for (const Shift& shift : team->schedule)
            add_cuts(shift.hours);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::vector<std::pair<double, double>> gaps;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        const double mid = (cuts[i] + cuts[i + 1]) / 2;
        if (!ch.hours.is_open(mid)) continue;
        const bool staffed = std::any_of(serving.begin(), serving.end(), [&](const Team* team) {
            return team->agents_at(mid) > 0;
        });
        if (!staffed) gaps.emplace_back(cuts[i], cuts[i + 1]);
    }
    return WeeklyHours::from_periods(gaps);
}

void check_unstaffed_hours(const Model& model, Diagnostics& diag) {
    for (Index c = 0; c < model.channels.size(); ++c) {
        const Channel& ch = model.channels[c];
        // Async contacts (e-mail, forms) are meant to wait for office hours; the others wait
        // in real time, and abandon.
        if (ch.team == kNone || ch.mode == ChannelMode::SelfService ||
            ch.mode == ChannelMode::Async)
            continue;
        const auto& own = model.teams[ch.team].schedule;
        if (std::none_of(own.begin(), own.end(), [](const Shift& s) { return s.agents > 0; }))
            continue;  // check_staffing warns that it is never served
        const WeeklyHours gaps = unstaffed_hours(model, c);
        if (gaps.is_never()) continue;
        diag.warning(Pointer() / "channels" / ch.id / "hours",
                     fmt::format("channel \"{}\" is open while nobody who serves it is on duty: "
                                 "{} ({:g} hours a week); contacts offered then wait for the next "
                                 "shift{}",
                                 ch.id, gaps.text(), gaps.open_minutes_per_week() / 60,
                                 ch.patience ? " or abandon" : ""),
                     fmt::format("close the channel then (its \"hours\") or give team \"{}\" a "
                                 "shift at those hours",
                                 model.teams[ch.team].id));
    }
}

void check_volume(const Model& model, Diagnostics& diag) {
    // Every contact weighs each channel it offers and every channel keeps interval statistics,
    // so a model with an absurd number of channels would run for hours: refuse it up front.
    constexpr std::size_t kMaxChannels = 1000;
    if (model.channels.size() > kMaxChannels) {
        diag.error(Pointer() / "channels",
                   fmt::format("the model has {} channels; journeysim simulates at most {}",
                               model.channels.size(), kMaxChannels),
                   "an organisation has tens of channels: model queues or reasons within a "
                   "channel as touchpoints or types, not as channels of their own");
    }
    // A guard against a typo in per_day or days that would make a run take hours.
    const double customers = model.customers_per_week() / 7.0 * model.horizon.days;
    if (model.customers_per_week() == 0 && !model.journeys.empty()) {
        diag.warning(Pointer() / "journeys",
                     "no customer ever arrives: every journey's arrivals per_day (or weekday "
                     "profile) is 0, so every customer figure will be empty",
                     "give at least one journey arrivals (\"arrivals\": {\"per_day\": 100})");
    }
    constexpr double kMaxCustomers = 2e8;
    if (customers > kMaxCustomers) {
        diag.error(Pointer() / "horizon" / "days",
                   fmt::format("the model would simulate about {:.3g} customers per replication "
                               "(the limit is {:.0e})",
                               customers, kMaxCustomers),
                   "shorten the horizon or check arrivals per_day");
    }
}

}  // namespace

namespace {

/// Whether some error lies at `at` or below it.
bool has_errors_under(Diagnostics& diag, const Pointer& at) {
    const std::string prefix = at.to_string();
    return std::any_of(diag.items().begin(), diag.items().end(), [&](const Diagnostic& d) {
        return d.severity == Severity::Error && d.pointer.starts_with(prefix) &&
               (d.pointer.size() == prefix.size() || d.pointer[prefix.size()] == '/');
    });
}

}  // namespace

void validate_sound_journeys(Model& model, Diagnostics& diag) {
    // Sections journeys refer to must have been read whole, or their indices may be unset.
    for (const char* section : {"/channels", "/teams", "/segments"}) {
        if (has_errors_under(diag, Pointer(section))) return;
    }
    std::vector<Journey*> sound;
    for (auto& journey : model.journeys) {
        if (!has_errors_under(diag, Pointer() / "journeys" / journey.id)) sound.push_back(&journey);
    }
    std::vector<EmployeeJourney*> sound_employee;
    for (auto& ej : model.employee_journeys) {
        if (!has_errors_under(diag, Pointer() / "employee_journeys" / ej.id))
            sound_employee.push_back(&ej);
    }
    for (Journey* journey : sound)
        check_journey(*journey, model, diag);
    for (EmployeeJourney* ej : sound_employee)
        check_employee_journey(*ej, diag);
}

void validate_model(Model& model, const Json& /*doc*/, Diagnostics& diag) {
    for (auto& journey : model.journeys)
        check_journey(journey, model, diag);
    for (auto& ej : model.employee_journeys)
        check_employee_journey(ej, diag);
    check_bindings(model, diag);
    check_staffing(model, diag);
    check_unstaffed_hours(model, diag);
    check_no_ops(model, diag);
    check_volume(model, diag);
}

}  // namespace journeysim::detail
