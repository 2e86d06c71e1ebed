#pragma once
// Builds `Model` objects in code for tests: channels, teams, segments and journeys by id, with
// references resolved when `build()` is called. Useful for oracle tests of small queues.

#include <journeysim/model.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace journeysim::testing {

inline Distribution constant(double value, TimeUnit unit = TimeUnit::Minutes) {
    Distribution d;
    d.kind = DistKind::Constant;
    d.unit = unit;
    d.mean = value;
    return d;
}

inline Distribution exponential(double mean_min) {
    Distribution d;
    d.kind = DistKind::Exponential;
    d.unit = TimeUnit::Minutes;
    d.mean = mean_min;
    return d;
}

inline Distribution lognormal(double mean_min, double sd_min) {
    Distribution d;
    d.kind = DistKind::Lognormal;
    d.unit = TimeUnit::Minutes;
    d.mean = mean_min;
    d.sd = sd_min;
    return d;
}

inline Distribution normal(double mean, double sd) {
    Distribution d;
    d.kind = DistKind::Normal;
    d.unit = TimeUnit::None;
    d.mean = mean;
    d.sd = sd;
    return d;
}

/// A touchpoint under construction; targets are touchpoint ids resolved by `build()`.
struct TouchpointSpec {
    Touchpoint tp;
    std::vector<std::pair<std::string, double>> next;
    std::vector<std::pair<Condition, std::string>> rules;
    std::vector<std::string> channels;
    std::string on_success, on_fail, on_fixed, on_not_fixed, on_abandon, on_give_up;
};

/// A step of an employee journey under construction.
struct StepSpec {
    EmployeeStep step;
    std::vector<std::pair<std::string, double>> next;
    std::string team;
};

class ModelBuilder {
  public:
    explicit ModelBuilder(std::string name = "test model") { model_.name = std::move(name); }

    ModelBuilder& horizon(double days, double warmup_days = 0, double interval_min = 15) {
        model_.horizon.days = days;
        model_.horizon.warmup_days = warmup_days;
        model_.horizon.interval_min = interval_min;
        return *this;
    }

    /// A team with a constant number of agents around the clock.
    Team& team(const std::string& id, int agents, double cost_per_hour = 0) {
        Team t;
        t.id = t.label = id;
        t.constant_agents = true;
        t.schedule.push_back(Shift{WeeklyHours::always(), agents});
        t.cost_per_hour = cost_per_hour;
        model_.teams.push_back(t);
        return model_.teams.back();
    }

    /// A team working shifts: (hours text, agents) pairs.
    Team& team(const std::string& id, const std::vector<std::pair<std::string, int>>& shifts) {
        Team t;
        t.id = t.label = id;
        for (const auto& [text, agents] : shifts) {
            std::string error;
            t.schedule.push_back(Shift{WeeklyHours::parse(text, &error), agents});
            if (!error.empty()) throw std::invalid_argument(error);
        }
        model_.teams.push_back(t);
        return model_.teams.back();
    }

    /// An assisted channel served by `team` (which gets it as a skill).
    Channel& channel(const std::string& id, ChannelMode mode, const std::string& team,
                     Distribution handle_time) {
        Channel c;
        c.id = c.label = id;
        c.mode = mode;
        c.team = model_.find_team(team);
        if (c.team == kNone) throw std::invalid_argument("no team " + team);
        c.handle_time = handle_time;
        if (mode == ChannelMode::Messaging) c.concurrency = 3;
        model_.teams[c.team].skills.push_back(id);
        model_.channels.push_back(c);
        return model_.channels.back();
    }

    /// A self-service channel.
    Channel& self_service_channel(const std::string& id, double success_rate) {
        Channel c;
        c.id = c.label = id;
        c.mode = ChannelMode::SelfService;
        c.success_rate = success_rate;
        model_.channels.push_back(c);
        return model_.channels.back();
    }

    /// Sets opening hours of a channel.
    ModelBuilder& hours(const std::string& channel, const std::string& text) {
        std::string error;
        Channel& c = model_.channels.at(model_.find_channel(channel));
        c.hours = WeeklyHours::parse(text, &error);
        c.hours_given = true;
        if (!error.empty()) throw std::invalid_argument(error);
        return *this;
    }

    Segment& segment(const std::string& id, double share = 1.0,
                     Distribution baseline = constant(7, TimeUnit::None)) {
        Segment s;
        s.id = s.label = id;
        s.share = share;
        s.baseline_ltr = baseline;
        segments_.push_back(s);
        return segments_.back();
    }

    /// Preference weight of a segment for a channel.
    ModelBuilder& prefer(const std::string& segment, const std::string& channel, double weight) {
        preferences_[{segment, channel}] = weight;
        return *this;
    }

    /// A journey with `per_day` arrivals spread evenly over the week.
    ModelBuilder& journey(const std::string& id, double per_day, const std::string& start) {
        Journey j;
        j.id = j.label = id;
        j.arrivals.per_day = per_day;
        j.arrivals.intraday.fill(1.0 / kIntradaySlots);
        j.arrivals.intraday_name = "flat";
        journeys_.push_back({j, start, {}});
        return *this;
    }

    /// Sets the current journey's weekday factors (Monday first).
    ModelBuilder& weekday_profile(const std::array<double, 7>& factors) {
        journeys_.back().journey.arrivals.weekday_profile = factors;
        return *this;
    }

    /// Sets the current journey's intraday weights per hour (24 values, repeated per quarter).
    ModelBuilder& hourly_profile(const std::vector<double>& weights) {
        double total = 0;
        for (double w : weights)
            total += w;
        auto& a = journeys_.back().journey.arrivals;
        for (std::size_t q = 0; q < kIntradaySlots; ++q)
            a.intraday[q] = weights[q / 4] / total / 4;
        a.intraday_name.clear();
        return *this;
    }

    TouchpointSpec& step(const std::string& id, std::vector<std::pair<std::string, double>> next,
                         std::optional<Distribution> duration = std::nullopt) {
        auto& spec = add(id, TouchpointKind::Step);
        spec.next = std::move(next);
        spec.tp.duration = duration;
        return spec;
    }

    TouchpointSpec& branch(const std::string& id,
                           std::vector<std::pair<std::string, double>> next) {
        auto& spec = add(id, TouchpointKind::Branch);
        spec.next = std::move(next);
        return spec;
    }

    TouchpointSpec& self_service(const std::string& id, const std::string& channel,
                                 const std::string& on_success, const std::string& on_fail) {
        auto& spec = add(id, TouchpointKind::SelfService);
        spec.channels = {channel};
        spec.on_success = on_success;
        spec.on_fail = on_fail;
        return spec;
    }

    TouchpointSpec& contact(const std::string& id, std::vector<std::string> channels,
                            const std::string& on_fixed) {
        auto& spec = add(id, TouchpointKind::Contact);
        spec.channels = std::move(channels);
        spec.on_fixed = on_fixed;
        return spec;
    }

    TouchpointSpec& end(const std::string& id, Outcome outcome = Outcome::Resolved) {
        auto& spec = add(id, TouchpointKind::End);
        spec.tp.outcome = outcome;
        return spec;
    }

    /// An employee journey bound to a channel (journey empty) or to a journey's touchpoint.
    ModelBuilder& employee_journey(const std::string& id, const std::string& start,
                                   const std::vector<std::string>& channels,
                                   const std::string& journey = "",
                                   const std::string& touchpoint = "") {
        employee_.push_back({id, start, channels, journey, touchpoint, {}});
        return *this;
    }

    StepSpec& work_step(const std::string& id, Distribution duration,
                        std::vector<std::pair<std::string, double>> next) {
        StepSpec s;
        s.step.id = s.step.label = id;
        s.step.kind = StepKind::Step;
        s.step.duration = duration;
        s.next = std::move(next);
        employee_.back().steps.push_back(s);
        return employee_.back().steps.back();
    }

    StepSpec& handoff_step(const std::string& id, const std::string& team, const std::string& work,
                           Distribution duration,
                           std::vector<std::pair<std::string, double>> next) {
        StepSpec s;
        s.step.id = s.step.label = id;
        s.step.kind = StepKind::Handoff;
        s.step.duration = duration;
        s.step.work = work;
        s.team = team;
        s.next = std::move(next);
        employee_.back().steps.push_back(s);
        return employee_.back().steps.back();
    }

    StepSpec& end_step(const std::string& id, bool fixed) {
        StepSpec s;
        s.step.id = s.step.label = id;
        s.step.kind = StepKind::End;
        s.step.fixed = fixed;
        employee_.back().steps.push_back(s);
        return employee_.back().steps.back();
    }

    Sentiment& sentiment() { return model_.sentiment; }

    Model build() const {
        Model m = model_;
        for (const auto& s : segments_) {
            Segment seg = s;
            seg.channel_preference.assign(m.channels.size(), 1.0);
            for (const auto& [key, w] : preferences_) {
                if (key.first == s.id) seg.channel_preference.at(m.find_channel(key.second)) = w;
            }
            m.segments.push_back(seg);
        }
        for (const auto& pending : journeys_) {
            Journey j = pending.journey;
            for (const auto& spec : pending.touchpoints)
                j.touchpoints.push_back(spec.tp);
            auto tp_index = [&](const std::string& id) -> Index {
                if (id.empty()) return kNone;
                for (Index i = 0; i < pending.touchpoints.size(); ++i) {
                    if (pending.touchpoints[i].tp.id == id) return i;
                }
                throw std::invalid_argument("no touchpoint " + id);
            };
            j.start = tp_index(pending.start);
            for (std::size_t i = 0; i < pending.touchpoints.size(); ++i) {
                const auto& spec = pending.touchpoints[i];
                Touchpoint& tp = j.touchpoints[i];
                for (const auto& [to, p] : spec.next)
                    tp.next.push_back({tp_index(to), p});
                for (const auto& [when, to] : spec.rules)
                    tp.rules.push_back({when, tp_index(to)});
                for (const auto& c : spec.channels) {
                    const Index ci = m.find_channel(c);
                    if (ci == kNone) throw std::invalid_argument("no channel " + c);
                    if (tp.kind == TouchpointKind::SelfService) {
                        tp.channel = ci;
                    } else {
                        tp.channels.push_back(ci);
                    }
                }
                tp.on_success = tp_index(spec.on_success);
                tp.on_fail = tp_index(spec.on_fail);
                tp.on_fixed = tp_index(spec.on_fixed);
                tp.on_not_fixed = tp_index(spec.on_not_fixed);
                tp.on_abandon = tp_index(spec.on_abandon);
                tp.on_give_up = tp_index(spec.on_give_up);
            }
            m.journeys.push_back(j);
        }
        for (const auto& pending : employee_) {
            EmployeeJourney e;
            e.id = e.label = pending.id;
            for (const auto& s : pending.steps)
                e.steps.push_back(s.step);
            auto step_index = [&](const std::string& id) -> Index {
                for (Index i = 0; i < pending.steps.size(); ++i) {
                    if (pending.steps[i].step.id == id) return i;
                }
                throw std::invalid_argument("no step " + id);
            };
            e.start = step_index(pending.start);
            for (std::size_t i = 0; i < pending.steps.size(); ++i) {
                for (const auto& [to, p] : pending.steps[i].next) {
                    e.steps[i].next.push_back({step_index(to), p});
                }
                if (!pending.steps[i].team.empty()) {
                    e.steps[i].team = m.find_team(pending.steps[i].team);
                    auto& skills = m.teams.at(e.steps[i].team).skills;
                    if (std::find(skills.begin(), skills.end(), e.steps[i].work) == skills.end()) {
                        skills.push_back(e.steps[i].work);
                    }
                }
            }
            for (const auto& c : pending.channels)
                e.binding.channels.push_back(m.find_channel(c));
            if (!pending.journey.empty()) {
                e.binding.journey = m.find_journey(pending.journey);
                e.binding.touchpoint = m.journeys.at(e.binding.journey).find(pending.touchpoint);
            }
            m.employee_journeys.push_back(e);
        }
        return m;
    }

    /// The touchpoint spec `id` of the journey being built.
    TouchpointSpec& touchpoint(const std::string& id) {
        for (auto& spec : journeys_.back().touchpoints) {
            if (spec.tp.id == id) return spec;
        }
        throw std::invalid_argument("no touchpoint " + id);
    }

  private:
    struct PendingJourney {
        Journey journey;
        std::string start;
        std::vector<TouchpointSpec> touchpoints;
    };
    struct PendingEmployeeJourney {
        std::string id;
        std::string start;
        std::vector<std::string> channels;
        std::string journey;
        std::string touchpoint;
        std::vector<StepSpec> steps;
    };

    TouchpointSpec& add(const std::string& id, TouchpointKind kind) {
        if (journeys_.empty()) throw std::logic_error("add a journey first");
        TouchpointSpec spec;
        spec.tp.id = spec.tp.label = id;
        spec.tp.kind = kind;
        journeys_.back().touchpoints.push_back(spec);
        return journeys_.back().touchpoints.back();
    }

    Model model_;
    std::vector<Segment> segments_;
    std::map<std::pair<std::string, std::string>, double> preferences_;
    std::vector<PendingJourney> journeys_;
    std::vector<PendingEmployeeJourney> employee_;
};

/// One live channel with `agents` agents around the clock, Poisson arrivals of `per_min` per
/// minute, exponential handle time with mean `aht_min`, optional exponential patience, fix rate 1:
/// an M/M/c (or M/M/c+M) queue.
inline Model mmc_model(double per_min, double aht_min, int agents, double days, double warmup_days,
                       std::optional<double> mean_patience_min = std::nullopt) {
    ModelBuilder b("M/M/c");
    b.horizon(days, warmup_days);
    b.team("agents", agents);
    Channel& phone = b.channel("phone", ChannelMode::Live, "agents", exponential(aht_min));
    if (mean_patience_min) phone.patience = exponential(*mean_patience_min);
    b.segment("everyone");
    b.journey("call", per_min * kMinutesPerDay, "call");
    b.contact("call", {"phone"}, "done").on_give_up = "gave_up";
    b.touchpoint("call").on_abandon = "gave_up";
    b.end("done");
    b.end("gave_up", Outcome::Unresolved);
    return b.build();
}

}  // namespace journeysim::testing
