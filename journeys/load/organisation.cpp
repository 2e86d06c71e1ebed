// Loading a model: the horizon, teams, channels, segments and sentiment sections.
#include "builder.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace journeysim::detail::load {

void Builder::currency() {
    const auto text = r_.string(doc_, "currency", Pointer(), false,
                                "write the currency as a code or symbol: \"currency\": \"EUR\"");
    if (!text) return;
    // A code or a symbol, as printed beside every cost: short, one line, no padding.
    constexpr std::size_t kMaxBytes = 12;
    const bool control = std::any_of(text->begin(), text->end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (text->empty() || text->size() > kMaxBytes || control || text->front() == ' ' ||
        text->back() == ' ') {
        diag_.error(Pointer() / "currency",
                    fmt::format("\"currency\" must be a short code or symbol, 1 to {} bytes on "
                                "one line without surrounding spaces (got {} bytes)",
                                kMaxBytes, text->size()),
                    "use an ISO 4217 code such as \"EUR\", \"USD\" or \"GBP\", or a symbol "
                    "such as \"€\"; leave it out when costs have no currency");
        return;
    }
    model_->currency = *text;
}

void Builder::horizon() {
    const Pointer at = Pointer() / "horizon";
    if (!doc_.contains("horizon")) return;
    const Json& h = doc_.at("horizon");
    if (!r_.is_object(h, at, "\"horizon\"")) return;
    r_.check_keys(h, at, {"days", "warmup_days", "interval_min", "run_out_days"});
    auto& hz = model_->horizon;
    if (auto d = r_.number(h, "days", at, false, -kInf, kInf,
                           "the simulated days, from 1/24 (an hour) to 3660, e.g. 28")) {
        if (*d < 1.0 / 24 || *d > 3660) {
            diag_.add(diagnostics::out_of_range(diag_.file(), (at / "days").to_string(), "days",
                                                "between 1/24 (an hour) and 3660", number_text(*d),
                                                "simulate at least an hour and at most ten years"));
        } else {
            hz.days = *d;
        }
    }
    if (auto w = r_.number(h, "warmup_days", at, false, 0, kInf)) {
        if (*w >= hz.days) {
            diag_.error(at / "warmup_days",
                        fmt::format("\"warmup_days\" ({}) must be less than \"days\" ({})",
                                    number_text(*w), number_text(hz.days)),
                        "the warm-up is discarded; statistics come from the days after it");
        } else {
            hz.warmup_days = *w;
        }
    }
    if (auto r = r_.number(h, "run_out_days", at, false, 0, 3660,
                           "the days customers in a journey at the horizon are followed, from "
                           "0 to 3660")) {
        hz.run_out_days = *r;
    }
    if (auto i = r_.number(h, "interval_min", at, false, 1, 1440)) {
        const double per_day = 1440.0 / *i;
        if (std::fabs(per_day - std::round(per_day)) > 1e-9) {
            diag_.error(
                at / "interval_min",
                fmt::format("\"interval_min\" must divide a day evenly (got {})", number_text(*i)),
                "use 5, 10, 15, 30 or 60");
        } else {
            hz.interval_min = *i;
        }
    }
}

WeeklyHours Builder::hours(const Json& object, const Pointer& at, bool* given) {
    auto text = r_.string(object, "hours", at, false);
    if (!text) return WeeklyHours::always();
    if (given) *given = true;
    std::string error;
    auto parsed = WeeklyHours::parse(*text, &error);
    if (!error.empty()) {
        diag_.error(at / "hours", fmt::format("invalid opening hours: {}", error),
                    "write e.g. \"mon-fri 08:00-20:00; sat 09:00-17:00\" or \"24/7\"");
    }
    return parsed;
}

void Builder::teams() {
    const auto read = [this](Team& team, const Json& t, const Pointer& at) {
        const bool has_agents = t.contains("agents");
        const bool has_schedule = t.contains("schedule");
        if (has_agents && has_schedule) {
            diag_.error(at, "give either \"agents\" or \"schedule\", not both",
                        "\"agents\" is a round-the-clock constant; \"schedule\" lists "
                        "{\"hours\", \"agents\"} periods");
        } else if (!has_agents && !has_schedule) {
            diag_.error(at, "a team needs \"agents\" or a \"schedule\"",
                        "e.g. \"agents\": 12, or \"schedule\": [{\"hours\": \"mon-fri "
                        "08:00-18:00\", \"agents\": 12}]");
        } else if (has_agents) {
            if (auto n = r_.integer(t, "agents", at, true, 0, 100000)) {
                team.schedule.push_back(Shift{WeeklyHours::always(), static_cast<int>(*n)});
                team.constant_agents = true;
            }
        } else {
            const Json& s = t.at("schedule");
            if (!s.is_array() || s.empty()) {
                diag_.error(at / "schedule",
                            "\"schedule\" must be a non-empty array of {\"hours\", \"agents\"}",
                            "e.g. \"schedule\": [{\"hours\": \"mon-fri 08:00-18:00\", "
                            "\"agents\": 12}]");
            } else {
                for (std::size_t i = 0; i < s.size(); ++i) {
                    const Pointer sp = at / "schedule" / i;
                    if (!r_.is_object(s[i], sp, "a schedule entry")) continue;
                    r_.check_keys(s[i], sp, {"hours", "agents"});
                    Shift shift;
                    if (!s[i].contains("hours")) {
                        r_.missing(sp, "hours",
                                   "add the period's opening hours, e.g. \"hours\": \"mon-fri "
                                   "08:00-18:00\"");
                    }
                    shift.hours = hours(s[i], sp);
                    shift.agents = static_cast<int>(
                        r_.integer(s[i], "agents", sp, true, 0, 100000).value_or(0));
                    team.schedule.push_back(shift);
                }
            }
        }
        team.skills = string_list(t, "skills", at, true);
        if (t.contains("skills") && team.skills.empty() && t.at("skills").is_array()) {
            diag_.error(at / "skills", "a team needs at least one skill",
                        "list the channels and back-office work types it serves");
        }
        team.priority = string_list(t, "priority", at, false);
        std::unordered_set<std::string> skills(team.skills.begin(), team.skills.end());
        for (std::size_t i = 0; i < team.priority.size(); ++i) {
            if (!skills.contains(team.priority[i])) {
                diag_.error(
                    at / "priority" / i,
                    fmt::format("\"{}\" is not one of this team's skills", team.priority[i]),
                    diagnostics::suggestion(team.priority[i], team.skills, "skills"));
            }
        }
        team.cost_per_hour = r_.number(t, "cost_per_hour", at, false, 0, kInf).value_or(0);
    };
    section_parts("teams", "a team",
                  {"label", "agents", "schedule", "skills", "priority", "cost_per_hour"},
                  model_->teams, read);
    for (const Team& team : model_->teams)
        team_skills_.emplace_back(team.skills.begin(), team.skills.end());
}

std::vector<std::string> Builder::string_list(const Json& object, const char* key,
                                              const Pointer& at, bool required) {
    std::vector<std::string> out;
    if (!object.contains(key)) {
        if (required) r_.missing(at, key, fmt::format("add \"{}\": [\"...\", ...]", key));
        return out;
    }
    const Json& list = object.at(key);
    if (!list.is_array()) {
        diag_.add(diagnostics::wrong_type(
            diag_.file(), (at / key).to_string(), fmt::format("\"{}\"", key), "an array of strings",
            type_name(list), fmt::format("write it as \"{}\": [\"a\", \"b\"]", key)));
        return out;
    }
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string()) {
            diag_.add(diagnostics::wrong_type(diag_.file(), (at / key / i).to_string(), "",
                                              "a string", type_name(list[i]),
                                              "write each entry in double quotes, e.g. \"phone\""));
            continue;
        }
        const auto s = list[i].get<std::string>();
        if (!seen.insert(s).second) {
            diag_.add(diagnostics::duplicate_entry(diag_.file(), (at / key / i).to_string(), s));
            continue;
        }
        out.push_back(s);
    }
    return out;
}

void Builder::channels() {
    const std::string mode_hint =
        fmt::format("the modes are {}", fmt::join(enum_names<ChannelMode>(), ", "));
    const auto read = [&](Channel& ch, const Json& c, const Pointer& at) {
        const auto mode = r_.string(c, "mode", at, true, mode_hint);
        if (mode) {
            if (const auto m = enum_from_name<ChannelMode>(*mode)) {
                ch.mode = *m;
            } else {
                diag_.add(diagnostics::unknown_name(diag_.file(), (at / "mode").to_string(),
                                                    "channel mode", *mode,
                                                    enum_names<ChannelMode>(), "modes"));
            }
        }
        const std::size_t reported = diag_.items().size();
        ch.hours = hours(c, at, &ch.hours_given);
        // Text that does not parse is reported by hours(); only parsed hours can be never open.
        const bool hours_parsed = diag_.items().size() == reported;
        if (ch.hours_given && hours_parsed && ch.hours.is_never()) {
            diag_.error(at / "hours", "the channel is never open",
                        "give opening hours with at least one period");
        }
        const bool assisted = ch.mode != ChannelMode::SelfService;
        const bool self_service = !assisted;
        const char* mode_name = to_string(ch.mode);
        auto only_for = [&](const char* key, bool allowed, const char* which) {
            if (c.contains(key) && !allowed && mode) {
                diag_.error(at / key,
                            fmt::format("\"{}\" does not apply to a {} channel", key, mode_name),
                            fmt::format("\"{}\" is for {} channels; remove it", key, which));
                return false;
            }
            return true;
        };
        if (only_for("team", assisted, "assisted (live, messaging, async, in_person)") &&
            assisted) {
            ch.team = resolve_field(c, "team", at, team_ids_, "team", mode.has_value());
            if (ch.team != kNone) check_skill(ch.team, ch.id, at / "team", "");
        }
        if (only_for("handle_time", assisted, "assisted") && assisted) {
            if (!c.contains("handle_time")) {
                if (mode) {
                    r_.missing(at, "handle_time",
                               "e.g. {\"dist\": \"lognormal\", \"mean_min\": 7, \"sd_min\": 3.5}");
                }
            } else {
                ch.handle_time =
                    r_.distribution(c.at("handle_time"), at / "handle_time", Reader::Use::Duration);
            }
        }
        if (only_for("wrap_up", assisted, "assisted") && c.contains("wrap_up")) {
            ch.wrap_up = r_.distribution(c.at("wrap_up"), at / "wrap_up", Reader::Use::Duration);
        }
        if (only_for("fix_rate", assisted, "assisted")) {
            ch.fix_rate =
                r_.number(c, "fix_rate", at, false, 0, 1, "a fix rate is a share: 0.7 means 70%")
                    .value_or(1.0);
        }
        const bool queued = ch.mode == ChannelMode::Live || ch.mode == ChannelMode::Messaging ||
                            ch.mode == ChannelMode::InPerson;
        if (only_for("patience", queued, "live, messaging and in_person") &&
            c.contains("patience")) {
            ch.patience = r_.distribution(c.at("patience"), at / "patience", Reader::Use::Duration);
        }
        if (only_for("service_target", assisted, "assisted") && c.contains("service_target")) {
            ch.service_target = service_target(c.at("service_target"), at / "service_target",
                                               ch.mode == ChannelMode::Async);
        }
        if (only_for("concurrency", ch.mode == ChannelMode::Messaging, "messaging")) {
            ch.concurrency =
                static_cast<int>(r_.integer(c, "concurrency", at, false, 1, 100)
                                     .value_or(ch.mode == ChannelMode::Messaging ? 3 : 1));
        }
        if (only_for("success_rate", self_service, "self_service") && self_service) {
            ch.success_rate = r_.number(c, "success_rate", at, mode.has_value(), 0, 1,
                                        "the share of customers who succeed, e.g. 0.35")
                                  .value_or(0);
        }
        if (only_for("duration", self_service, "self_service") && c.contains("duration")) {
            ch.duration = r_.distribution(c.at("duration"), at / "duration", Reader::Use::Duration);
        }
        ch.cost_per_contact = r_.number(c, "cost_per_contact", at, false, 0, kInf).value_or(0);
        ch.experience = r_.number(c, "experience", at, false, -10, 10, kExperienceHint).value_or(0);
    };
    section_parts("channels", "a channel",
                  {"label", "mode", "hours", "team", "handle_time", "wrap_up", "fix_rate",
                   "patience", "service_target", "concurrency", "success_rate", "duration",
                   "cost_per_contact", "experience"},
                  model_->channels, read);
}

std::optional<ServiceTarget> Builder::service_target(const Json& s, const Pointer& at, bool async) {
    if (!r_.is_object(s, at, "\"service_target\"")) return std::nullopt;
    ServiceTarget target;
    target.respond = async;
    if (async) {
        r_.check_keys(s, at, {"respond_within_h", "share"});
        auto h = r_.number(s, "respond_within_h", at, true, 0, kInf,
                           "an async channel's target: respond within so many hours");
        if (h) target.within_min = to_stored(*h, TimeUnit::Hours);
    } else {
        r_.check_keys(s, at, {"answer_within_s", "share"});
        auto sec = r_.number(s, "answer_within_s", at, true, 0, kInf,
                             "e.g. {\"answer_within_s\": 20, \"share\": 0.8} for 80/20");
        if (sec) target.within_min = to_stored(*sec, TimeUnit::Seconds);
    }
    auto share = r_.number(s, "share", at, true, 0, 1, "0.8 means 80% of contacts");
    if (share) target.share = *share;
    return target;
}

void Builder::segments() {
    bool shares_ok = true;  // a bad share is reported once, not again as a wrong sum
    const auto read = [&](Segment& seg, const Json& s, const Pointer& at) {
        const auto share = r_.number(s, "share", at, true, 0, 1,
                                     "the segment's share of all customers, e.g. 0.4; the shares "
                                     "of all segments sum to 1");
        shares_ok = shares_ok && share.has_value();
        seg.share = share.value_or(0);
        if (!s.contains("baseline_ltr")) {
            r_.missing(at, "baseline_ltr",
                       "e.g. {\"dist\": \"normal\", \"mean\": 7.4, \"sd\": 1.5}");
        } else if (auto d = r_.distribution(s.at("baseline_ltr"), at / "baseline_ltr",
                                            Reader::Use::Unitless)) {
            seg.baseline_ltr = *d;
            const double m = d->expected();
            if (m < 0 || m > 10) {
                diag_.error(at / "baseline_ltr",
                            fmt::format("the mean likelihood-to-recommend must lie between 0 "
                                        "and 10 (got {})",
                                        number_text(m)),
                            "scores are on the 0-10 NPS scale");
            }
        }
        if (s.contains("channel_preference")) {
            const Json& p = s.at("channel_preference");
            const Pointer pp = at / "channel_preference";
            if (r_.is_object(p, pp, "\"channel_preference\"")) {
                for (const auto& pref : p.items()) {
                    const Index c = resolve(channel_ids_, pref.key(), pp / pref.key(), "channel");
                    auto w = r_.number_value(pref.value(), pref.key(), pp / pref.key(), 0, kInf,
                                             "a preference is a weight: 3 is three times as likely "
                                             "as 1; 0 never");
                    if (c != kNone && w) seg.channel_preference[c] = *w;
                }
                // Left out is weight 1, which is rarely what was meant where others are given.
                std::vector<std::string> left_out;
                for (const Channel& ch : model_->channels) {
                    if (ch.mode != ChannelMode::SelfService && !p.contains(ch.id))
                        left_out.push_back(fmt::format("\"{}\"", ch.id));
                }
                if (!left_out.empty()) {
                    diag_.warning(
                        pp,
                        fmt::format("segment \"{}\" gives no weight for {}: {} weight 1, as "
                                    "likely as a channel of weight 1",
                                    seg.id, fmt::join(left_out, ", "),
                                    left_out.size() == 1 ? "it gets" : "they get"),
                        "give every assisted channel a weight (0 for never), e.g. " +
                            left_out.front() + ": 1");
                }
            }
        }
        seg.digital_affinity = r_.number(s, "digital_affinity", at, false, 0, 100).value_or(1);
        seg.patience_factor = r_.number(s, "patience_factor", at, false, 1e-6, 1000).value_or(1);
        if (s.contains("return_after_opening")) {
            seg.return_after_opening = r_.distribution(
                s.at("return_after_opening"), at / "return_after_opening", Reader::Use::Duration);
        }
        seg.waits_for_preferred =
            r_.number(s, "waits_for_preferred", at, false, 0, 1,
                      "the probability that a customer waits for a closed preferred channel "
                      "rather than take an open one, e.g. 0.3")
                .value_or(0);
    };
    Segment blank;
    blank.channel_preference.assign(channel_ids_.size(), 1.0);
    const bool all_objects =
        section_parts("segments", "a segment",
                      {"label", "share", "baseline_ltr", "channel_preference", "digital_affinity",
                       "patience_factor", "return_after_opening", "waits_for_preferred"},
                      model_->segments, read, blank);
    if (!model_->segments.empty() && shares_ok && all_objects) {
        double sum = 0;
        for (const auto& seg : model_->segments)
            sum += seg.share;
        if (std::fabs(sum - 1.0) > kProbabilityTolerance) {
            diag_.add(diagnostics::must_sum_to_one(diag_.file(), "/segments", "segment shares", sum,
                                                   "adjust the \"share\" of the segments"));
        }
    }
}

void Builder::sentiment() {
    if (!doc_.contains("sentiment")) return;
    const Pointer at = Pointer() / "sentiment";
    const Json& s = doc_.at("sentiment");
    if (!r_.is_object(s, at, "\"sentiment\"")) return;
    r_.check_keys(
        s, at,
        {"fixed_first_time", "per_repeat_contact", "abandoned", "self_service_failed",
         "missed_response_target", "unresolved", "wait_tolerance_min", "per_min_over_tolerance"});
    auto& st = model_->sentiment;
    auto effect = [&](const char* key, double& field) {
        if (auto x = r_.number(s, key, at, false, -10, 10, "effects are points on the 0-10 scale"))
            field = *x;
    };
    effect("fixed_first_time", st.fixed_first_time);
    effect("per_repeat_contact", st.per_repeat_contact);
    effect("abandoned", st.abandoned);
    effect("self_service_failed", st.self_service_failed);
    effect("missed_response_target", st.missed_response_target);
    effect("unresolved", st.unresolved);
    auto per_mode = [&](const char* key, std::array<double, kWaitModes>& field, double lo) {
        if (!s.contains(key)) return;
        const Json& m = s.at(key);
        const Pointer mp = at / key;
        if (!r_.is_object(m, mp, fmt::format("\"{}\"", key))) return;
        r_.check_keys(m, mp, enum_names<WaitMode>());
        for (std::size_t i = 0; i < kWaitModes; ++i) {
            const char* mode = EnumNames<WaitMode>::values[i].second;
            if (auto x = r_.number(m, mode, mp, false, lo, kInf)) field[i] = *x;
        }
    };
    per_mode("wait_tolerance_min", st.wait_tolerance_min, 0);
    per_mode("per_min_over_tolerance", st.per_min_over_tolerance, -10);
}

}  // namespace journeysim::detail::load
