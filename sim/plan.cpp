#include "plan.hpp"

#include <journeysim/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string_view>

namespace journeysim::detail {

void require_replications(const Model& model, int replications, std::string_view verb) {
    if (replications >= 1) return;
    SimulationFailure f;
    f.problem = fmt::format("replications must be at least 1 (got {})", replications);
    f.hint = fmt::format("{} with at least one replication (--replications 1 or more)", verb);
    f.model = model.name;
    throw SimulationError(std::move(f));
}

int wait_mode_of(ChannelMode mode) {
    switch (mode) {
        case ChannelMode::Live:
            return static_cast<int>(WaitMode::Live);
        case ChannelMode::Messaging:
            return static_cast<int>(WaitMode::Messaging);
        case ChannelMode::Async:
            return static_cast<int>(WaitMode::Async);
        case ChannelMode::InPerson:
            return static_cast<int>(WaitMode::InPerson);
        case ChannelMode::SelfService:
            return static_cast<int>(WaitMode::Live);
    }
    return 0;
}

namespace {

/// Draws exponential durations with the given mean (minutes).
Sampler exponential_minutes(double mean) {
    Distribution d;
    d.kind = DistKind::Exponential;
    d.unit = TimeUnit::Minutes;
    d.mean = mean;
    return Sampler(d, true);
}

/// FNV-1a of an id, mixed: the same on every platform and in every scenario.
std::uint64_t id_hash(std::string_view id) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char byte : id)
        hash = (hash ^ byte) * 0x100000001b3ULL;
    return splitmix64(hash);
}

std::uint32_t narrow(Index i) {
    return i == kNone ? kNoIndex : static_cast<std::uint32_t>(i);
}

/// A model reaches the engine only validated (`ValidModel`), and validation refuses every model
/// that breaks one of the invariants checked below: breaking one is a bug of journeysim, an
/// internal error, never a message about the user's model.
[[noreturn]] void invariant_broken(const std::string& what) {
    throw std::logic_error(
        fmt::format("a validated model broke an invariant of the engine: {}", what));
}

/// Routing rank of a queue when the team gives no priority: live, in_person, messaging, async,
/// then back-office work.
int default_rank(const QueuePlan& queue, const std::vector<ChannelPlan>& channels) {
    if (queue.channel == kNoIndex) return 4;
    switch (channels[queue.channel].mode) {
        case ChannelMode::Live:
            return 0;
        case ChannelMode::InPerson:
            return 1;
        case ChannelMode::Messaging:
            return 2;
        case ChannelMode::Async:
            return 3;
        case ChannelMode::SelfService:
            return 5;
    }
    return 5;
}

std::vector<Move> make_moves(const std::vector<Transition>& next, std::size_t count,
                             const std::string& where) {
    std::vector<Move> moves;
    double total = 0;
    for (const auto& t : next) {
        if (t.to == kNone || t.to >= count)
            invariant_broken(fmt::format("{} leads nowhere", where));
        total += t.p;
        moves.push_back({total, narrow(t.to)});
    }
    if (!moves.empty()) moves.back().cumulative = std::max(1.0, total);
    return moves;
}

/// Agents on duty over the week as change points, from the shifts' open periods.
std::vector<std::pair<double, int>> weekly_staffing(const Team& team) {
    std::vector<double> points{0.0};
    for (const auto& shift : team.schedule) {
        for (const auto& [start, end] : shift.hours.periods()) {
            points.push_back(start);
            if (end < kMinutesPerWeek) points.push_back(end);
        }
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    std::vector<std::pair<double, int>> staffing;
    for (double at : points) {
        int agents = 0;
        for (const auto& shift : team.schedule) {
            for (const auto& [start, end] : shift.hours.periods()) {
                if (start <= at && at < end) {
                    agents += shift.agents;
                    break;
                }
            }
        }
        if (staffing.empty() || staffing.back().second != agents) staffing.emplace_back(at, agents);
    }
    return staffing;
}

}  // namespace

Plan make_plan(const Model& model) {
    Plan plan;
    plan.model = &model;
    plan.horizon = model.horizon.days * kMinutesPerDay;
    plan.warmup = std::min(model.horizon.warmup_days * kMinutesPerDay, plan.horizon);
    plan.run_out_end = plan.horizon + model.horizon.run_out_days * kMinutesPerDay;
    plan.interval = model.horizon.interval_min > 0 ? model.horizon.interval_min : 15.0;
    plan.intervals = static_cast<std::size_t>(std::ceil(plan.horizon / plan.interval));
    plan.sentiment = model.sentiment;

    // Channels and their queues.
    for (const auto& c : model.channels) {
        ChannelPlan ch;
        ch.id = c.id;
        ch.id_hash = id_hash(c.id);
        ch.mode = c.mode;
        ch.team = narrow(c.team);
        ch.hours = &c.hours;
        ch.always_open = c.hours.is_always();
        if (c.handle_time) ch.handle_time = Sampler(*c.handle_time, true);
        if (c.wrap_up) {
            ch.wrap_up = Sampler(*c.wrap_up, true);
            ch.has_wrap_up = true;
        }
        const bool waits = c.mode == ChannelMode::Live || c.mode == ChannelMode::Messaging ||
                           c.mode == ChannelMode::InPerson;
        if (c.patience && waits) {
            ch.patience = Sampler(*c.patience, true);
            ch.has_patience = true;
        }
        ch.fix_rate = c.fix_rate;
        ch.success_rate = c.success_rate;
        if (c.duration) ch.duration = Sampler(*c.duration, true);
        if (c.service_target) ch.target_min = c.service_target->within_min;
        ch.cost_per_contact = c.cost_per_contact;
        ch.experience = c.experience;
        ch.concurrency = c.mode == ChannelMode::Messaging ? std::max(1, c.concurrency) : 1;
        ch.unit = 1.0 / ch.concurrency;
        ch.wait_mode = wait_mode_of(c.mode);
        const bool assisted = c.mode != ChannelMode::SelfService;
        if (assisted && (ch.team == kNoIndex || ch.team >= model.teams.size())) {
            invariant_broken(fmt::format("channel \"{}\" has no team to serve it", c.id));
        }
        if (!assisted) ch.team = kNoIndex;
        QueuePlan q;
        q.name = c.id;
        q.team = ch.team;
        q.channel = static_cast<std::uint32_t>(plan.channels.size());
        q.messaging = c.mode == ChannelMode::Messaging;
        q.concurrency = ch.concurrency;
        q.unit = ch.unit;
        plan.queues.push_back(q);
        plan.channels.push_back(std::move(ch));
    }

    // Back-office work queues, one per (team, work type).
    std::map<std::pair<std::uint32_t, std::string>, std::uint32_t> work_queue;
    auto work_queue_of = [&](std::uint32_t team, const std::string& work) {
        auto [it, added] =
            work_queue.try_emplace({team, work}, static_cast<std::uint32_t>(plan.queues.size()));
        if (added) {
            QueuePlan q;
            q.name = work;
            q.team = team;
            plan.queues.push_back(q);
        }
        return it->second;
    };
    for (std::uint32_t t = 0; t < model.teams.size(); ++t) {
        for (const auto& skill : model.teams[t].skills) {
            if (model.find_channel(skill) == kNone) work_queue_of(t, skill);
        }
    }

    // Employee journeys (may add work queues for hand-offs).
    for (const auto& ej : model.employee_journeys) {
        EmployeeJourneyPlan e;
        e.id = ej.id;
        e.start = narrow(ej.start);
        if (e.start == kNoIndex || e.start >= ej.steps.size()) {
            invariant_broken(fmt::format("employee journey \"{}\" has no start step", ej.id));
        }
        for (const auto& s : ej.steps) {
            StepPlan step;
            step.id = s.id;
            step.kind = s.kind;
            if (s.duration) step.duration = Sampler(*s.duration, true);
            const auto where = fmt::format("step \"{}\" of employee journey \"{}\"", s.id, ej.id);
            step.next = make_moves(s.next, ej.steps.size(), where);
            if (s.kind == StepKind::Handoff) {
                if (s.team == kNone || s.team >= model.teams.size()) {
                    invariant_broken(fmt::format("{} hands off to no team", where));
                }
                step.queue = work_queue_of(narrow(s.team), s.work);
            }
            if (s.kind != StepKind::End && step.next.empty()) {
                invariant_broken(fmt::format("{} has no next step", where));
            }
            step.fixed = s.fixed;
            e.steps.push_back(std::move(step));
        }
        plan.employee_journeys.push_back(std::move(e));
    }

    // Teams: routing order and weekly staffing.
    for (std::uint32_t t = 0; t < model.teams.size(); ++t) {
        const Team& team = model.teams[t];
        TeamPlan tp;
        tp.id = team.id;
        tp.cost_per_hour = team.cost_per_hour;
        tp.staffing = weekly_staffing(team);
        // Its own queues, and those of other teams it has the skill for.
        std::vector<std::uint32_t> served;
        for (std::uint32_t q = 0; q < plan.queues.size(); ++q) {
            const QueuePlan& queue = plan.queues[q];
            if (queue.team == kNoIndex) continue;  // self-service: nobody serves it
            const bool skilled =
                std::find(team.skills.begin(), team.skills.end(), queue.name) != team.skills.end();
            if (queue.team == t || skilled) served.push_back(q);
        }
        auto skill_position = [&](const std::vector<std::string>& list, std::uint32_t q) {
            const auto it = std::find(list.begin(), list.end(), plan.queues[q].name);
            return it == list.end() ? list.size() : static_cast<std::size_t>(it - list.begin());
        };
        std::stable_sort(served.begin(), served.end(), [&](std::uint32_t x, std::uint32_t y) {
            const auto px = skill_position(team.priority, x);
            const auto py = skill_position(team.priority, y);
            if (px != py) return px < py;
            const int rx = default_rank(plan.queues[x], plan.channels);
            const int ry = default_rank(plan.queues[y], plan.channels);
            if (rx != ry) return rx < ry;
            return skill_position(team.skills, x) < skill_position(team.skills, y);
        });
        tp.queues = std::move(served);
        plan.teams.push_back(std::move(tp));
    }
    for (QueuePlan& q : plan.queues) {
        if (q.team == kNoIndex) continue;
        q.teams.push_back(q.team);
        for (std::uint32_t t = 0; t < plan.teams.size(); ++t) {
            const auto& own = plan.teams[t].queues;
            const auto qi = static_cast<std::uint32_t>(&q - plan.queues.data());
            if (t != q.team && std::find(own.begin(), own.end(), qi) != own.end())
                q.teams.push_back(t);
        }
    }

    // Segments.
    for (const auto& s : model.segments) {
        SegmentPlan sp;
        sp.id = s.id;
        sp.baseline_ltr = Sampler(s.baseline_ltr, false);
        sp.preference.assign(model.channels.size(), 1.0);
        for (std::size_t c = 0; c < s.channel_preference.size() && c < model.channels.size(); ++c) {
            sp.preference[c] = s.channel_preference[c];
        }
        sp.digital_affinity = s.digital_affinity;
        sp.patience_factor = s.patience_factor;
        if (s.return_after_opening) {
            sp.return_after_opening = Sampler(*s.return_after_opening, true);
        } else {
            sp.return_after_opening = exponential_minutes(kDefaultReturnAfterOpeningMin);
        }
        sp.waits_for_preferred = s.waits_for_preferred;
        plan.segments.push_back(std::move(sp));
    }
    if (plan.segments.empty()) invariant_broken("there are no segments");

    // Journeys.
    for (std::uint32_t j = 0; j < model.journeys.size(); ++j) {
        const Journey& journey = model.journeys[j];
        JourneyPlan jp;
        jp.id = journey.id;
        jp.id_hash = id_hash(journey.id);
        jp.start = narrow(journey.start);
        const std::size_t count = journey.touchpoints.size();
        if (jp.start == kNoIndex || jp.start >= count) {
            invariant_broken(fmt::format("journey \"{}\" has no start touchpoint", journey.id));
        }
        // Arrival rates per quarter hour of the week.
        const Arrivals& a = journey.arrivals;
        jp.rate.resize(kWeekSlots);
        for (std::size_t day = 0; day < 7; ++day) {
            for (std::size_t q = 0; q < kIntradaySlots; ++q) {
                const double r = a.per_day * a.weekday_profile[day] * a.intraday[q] / kSlotMinutes;
                jp.rate[day * kIntradaySlots + q] = std::isfinite(r) && r > 0 ? r : 0.0;
                if (jp.rate[day * kIntradaySlots + q] > 0) jp.has_arrivals = true;
            }
        }
        const double max_rate = *std::max_element(jp.rate.begin(), jp.rate.end());
        if (max_rate > 0) {
            jp.bands.push_back({0.0, std::ldexp(1.0, kLowestBand), 0, 0});
            for (int e = kLowestBand; jp.bands.back().high < max_rate; ++e) {
                const auto id = static_cast<std::uint32_t>(e - kLowestBand + 1);
                jp.bands.push_back({std::ldexp(1.0, e), std::ldexp(1.0, e + 1), id, 0});
            }
            for (ArrivalBand& band : jp.bands)
                band.mean_gap = 1.0 / (band.high - band.low);
        }
        // Segment mix.
        std::vector<double> mix = a.segment_mix;
        if (mix.size() != model.segments.size()) {
            mix.clear();
            for (const auto& s : model.segments)
                mix.push_back(s.share);
        }
        double total = 0;
        for (double m : mix) {
            total += m;
            jp.segment_cumulative.push_back(total);
        }
        if (!(total > 0))
            invariant_broken(fmt::format("journey \"{}\" has an empty segment mix", journey.id));
        for (double& c : jp.segment_cumulative)
            c /= total;
        jp.segment_cumulative.back() = 1.0;

        for (const auto& t : journey.touchpoints) {
            TouchpointPlan tp;
            tp.id = t.id;
            tp.id_hash = id_hash(t.id);
            tp.kind = t.kind;
            tp.experience = t.experience;
            const auto where = fmt::format("touchpoint \"{}\" of journey \"{}\"", t.id, journey.id);
            if (t.duration) {
                tp.duration = Sampler(*t.duration, true);
                tp.has_duration = true;
            }
            tp.next = make_moves(t.next, count, where);
            tp.rules = t.rules;
            for (const auto& rule : tp.rules) {
                if (rule.to == kNone || rule.to >= count)
                    invariant_broken(where + " has a rule leading nowhere");
            }
            auto target = [&](Index i, const char* what) {
                if (i != kNone && i >= count)
                    invariant_broken(fmt::format("{}: {} leads nowhere", where, what));
                return narrow(i);
            };
            tp.channel = narrow(t.channel);
            tp.on_success = target(t.on_success, "on_success");
            tp.on_fail = target(t.on_fail, "on_fail");
            tp.on_fixed = target(t.on_fixed, "on_fixed");
            tp.on_not_fixed = target(t.on_not_fixed, "on_not_fixed");
            tp.on_abandon = target(t.on_abandon, "on_abandon");
            tp.on_give_up = t.on_give_up == kNone ? kGiveUpEnd : target(t.on_give_up, "on_give_up");
            tp.stickiness = t.stickiness;
            // Each case's delay: its own, else the general one, else the default.
            auto delay = [&](const std::optional<Distribution>& own, double default_mean_min) {
                if (own) return Sampler(*own, true);
                if (t.retry_delay) return Sampler(*t.retry_delay, true);
                if (default_mean_min <= 0) return Sampler();
                return exponential_minutes(default_mean_min);
            };
            tp.retry_abandoned = delay(t.retry_after_abandoned, kDefaultRetryAfterAbandonedMin);
            tp.retry_not_fixed = delay(t.retry_after_not_fixed, kDefaultRetryAfterNotFixedMin);
            if (t.kind == TouchpointKind::SelfService) {
                tp.retry_self_service = t.retry_delay ? Sampler(*t.retry_delay, true) : Sampler();
            } else {
                tp.retry_self_service = tp.retry_not_fixed;  // self-service offered at a contact
            }
            tp.max_attempts = t.max_attempts > 0 ? t.max_attempts : kDefaultMaxAttempts;
            tp.wait_when_closed = t.when_closed == WhenClosed::Wait;
            if (t.fix_rate) tp.fix_rate = *t.fix_rate;
            if (t.handle_time) {
                tp.handle_time = Sampler(*t.handle_time, true);
                tp.has_handle_time = true;
            }
            tp.outcome = t.outcome;
            switch (t.kind) {
                case TouchpointKind::Step:
                    if (tp.next.empty()) invariant_broken(where + " has no next touchpoint");
                    break;
                case TouchpointKind::Branch:
                    if (tp.next.empty() && tp.rules.empty())
                        invariant_broken(where + " has no way out");
                    break;
                case TouchpointKind::SelfService:
                    if (tp.channel == kNoIndex || tp.channel >= plan.channels.size()) {
                        invariant_broken(where + " uses no channel");
                    }
                    if (tp.on_success == kNoIndex || tp.on_fail == kNoIndex) {
                        invariant_broken(where + " needs on_success and on_fail");
                    }
                    break;
                case TouchpointKind::Contact: {
                    tp.contact_slot = jp.contact_slots++;
                    const auto self = static_cast<std::uint32_t>(jp.touchpoints.size());
                    if (tp.on_not_fixed == kNoIndex) tp.on_not_fixed = self;
                    if (tp.on_abandon == kNoIndex) tp.on_abandon = self;
                    if (tp.on_fixed == kNoIndex) invariant_broken(where + " needs on_fixed");
                    for (Index c : t.channels) {
                        if (c == kNone || c >= plan.channels.size()) {
                            invariant_broken(where + " offers an unknown channel");
                        }
                        tp.channels.push_back(narrow(c));
                    }
                    if (tp.channels.empty()) invariant_broken(where + " offers no channel");
                    break;
                }
                case TouchpointKind::End:
                    break;
            }
            jp.touchpoints.push_back(std::move(tp));
        }
        for (std::size_t t = 0; t < count; ++t) {
            TouchpointPlan& tp = jp.touchpoints[t];
            std::vector<std::uint32_t> targets;
            for_each_move(journey.touchpoints[t],
                          [&](const TouchpointMove& m) { targets.push_back(narrow(m.to)); });
            // A contact's "not fixed" and "abandoned" default to trying again.
            if (tp.kind == TouchpointKind::Contact) {
                targets.push_back(tp.on_not_fixed);
                targets.push_back(tp.on_abandon);
            }
            std::sort(targets.begin(), targets.end());
            targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
            tp.targets = std::move(targets);
        }
        plan.max_contact_slots = std::max(plan.max_contact_slots, jp.contact_slots);
        plan.max_touchpoints =
            std::max(plan.max_touchpoints, static_cast<std::uint32_t>(jp.touchpoints.size()));
        plan.journeys.push_back(std::move(jp));
    }

    // The employee journey behind each offered channel (the model's binding rule).
    for (std::uint32_t j = 0; j < plan.journeys.size(); ++j) {
        auto& tps = plan.journeys[j].touchpoints;
        for (std::uint32_t t = 0; t < tps.size(); ++t) {
            auto& tp = tps[t];
            tp.bound.assign(tp.channels.size(), kNoIndex);
            for (std::size_t k = 0; k < tp.channels.size(); ++k) {
                const Index e = model.employee_journey_for(j, t, tp.channels[k]);
                if (e != kNone) tp.bound[k] = static_cast<std::uint32_t>(e);
            }
        }
    }
    return plan;
}

}  // namespace journeysim::detail
