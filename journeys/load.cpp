#include "detail/build.hpp"
#include "detail/reader.hpp"

#include <journeysim/load.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace journeysim {

namespace detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kProbabilityTolerance = 1e-9;

/// Hourly weights of the named intraday profiles (relative; normalised when used).
const std::array<double, 24>* named_profile(const std::string& name) {
    static const std::array<double, 24> flat = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    // Contact-centre office pattern: a morning peak at 10:00, a lunch dip, an afternoon
    // shoulder and a quiet night.
    static const std::array<double, 24> office = {0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 1.0,
                                                  3.5, 6.0,  6.5,  6.0,  5.0,  5.5, 5.5, 5.0,
                                                  4.5, 3.5,  2.5,  2.0,  1.5,  1.0, 0.5, 0.2};
    // Consumer pattern peaking after work.
    static const std::array<double, 24> evening = {0.3, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8,
                                                   1.5, 2.0, 2.5,  2.8,  3.0,  3.0, 2.8, 2.8,
                                                   3.0, 3.8, 4.5,  5.0,  5.0,  4.2, 2.8, 1.2};
    if (name == "flat") return &flat;
    if (name == "office") return &office;
    if (name == "evening") return &evening;
    return nullptr;
}

std::vector<std::string> keys_of(const Json& object) {
    std::vector<std::string> out;
    if (object.is_object()) {
        for (const auto& item : object.items())
            out.push_back(item.key());
    }
    return out;
}

/// The ids of a section (or of a journey's touchpoints) in file order, with a hash index so
/// that resolving a reference takes constant time however many ids there are.
class Ids {
  public:
    Ids() = default;
    explicit Ids(std::vector<std::string> names) : names_(std::move(names)) {
        index_.reserve(names_.size());
        for (Index i = 0; i < names_.size(); ++i)
            index_.emplace(names_[i], i);
    }
    std::size_t size() const { return names_.size(); }
    bool empty() const { return names_.empty(); }
    const std::string& operator[](Index i) const { return names_[i]; }
    const std::vector<std::string>& names() const { return names_; }
    /// The index of `id`, or kNone.
    Index find(const std::string& id) const {
        const auto it = index_.find(id);
        return it == index_.end() ? kNone : it->second;
    }

  private:
    std::vector<std::string> names_;
    std::unordered_map<std::string, Index> index_;
};

class Builder {
  public:
    Builder(const Json& doc, Diagnostics& diag) : doc_(doc), diag_(diag), r_(diag) {}

    std::shared_ptr<Model> build() {
        const Pointer root;
        if (!r_.is_object(doc_, root, "a model file")) return nullptr;
        if (doc_.contains("journeysim_scenarios")) {
            diag_.error(root, "this is a scenario file, not a model file",
                        "use `journeysim compare` for scenario files");
            return nullptr;
        }
        r_.check_keys(doc_, root,
                      {"$schema", "journeysim", "name", "description", "horizon", "channels",
                       "teams", "segments", "sentiment", "journeys", "employee_journeys"});
        if (!doc_.contains("journeysim")) {
            r_.missing(root, "journeysim", "start the file with \"journeysim\": 1");
        } else if (!doc_.at("journeysim").is_number_integer() || doc_.at("journeysim") != 1) {
            diag_.error(root / "journeysim",
                        fmt::format("unsupported format version {}", doc_.at("journeysim").dump()),
                        "this version of journeysim reads \"journeysim\": 1");
        }
        model_->name = r_.string(doc_, "name", root, true).value_or("");
        model_->description = r_.string(doc_, "description", root, false).value_or("");

        channel_ids_ = section_ids("channels", true);
        team_ids_ = section_ids("teams", false);
        segment_ids_ = section_ids("segments", true);
        journey_ids_ = section_ids("journeys", true);

        horizon();
        teams();  // before channels so a channel can check the team's skills
        channels();
        segments();
        sentiment();
        journeys();
        employee_journeys();
        if (diag_.has_errors()) return nullptr;
        return model_;
    }

  private:
    Ids section_ids(const char* name, bool required) {
        const Pointer at = Pointer() / name;
        if (!doc_.contains(name)) {
            if (required) r_.missing(Pointer(), name);
            return {};
        }
        const Json& section = doc_.at(name);
        if (!section.is_object()) {
            diag_.error(at,
                        fmt::format("\"{}\" must be an object mapping ids to definitions (got {})",
                                    name, type_name(section)));
            return {};
        }
        if (required && section.empty()) {
            diag_.error(at, fmt::format("\"{}\" is empty", name),
                        "a model needs at least one entry here");
        }
        for (const auto& item : section.items()) {
            if (item.key().empty()) diag_.error(at / "", "an id must not be empty");
        }
        return Ids(keys_of(section));
    }

    /// Resolves a reference by id; reports an unknown id with a suggestion.
    Index resolve(const Ids& ids, const std::string& id, const Pointer& at, std::string_view what) {
        if (const Index i = ids.find(id); i != kNone) return i;
        diag_.error(at, fmt::format("unknown {} \"{}\"", what, id),
                    suggest(id, ids.names(), std::string(what) + "s"));
        return kNone;
    }

    Index resolve_field(const Json& object, const char* key, const Pointer& at, const Ids& ids,
                        std::string_view what, bool required) {
        auto id = r_.string(object, key, at, required);
        if (!id) return kNone;
        return resolve(ids, *id, at / key, what);
    }

    void horizon() {
        const Pointer at = Pointer() / "horizon";
        if (!doc_.contains("horizon")) return;
        const Json& h = doc_.at("horizon");
        if (!r_.is_object(h, at, "\"horizon\"")) return;
        r_.check_keys(h, at, {"days", "warmup_days", "interval_min"});
        auto& hz = model_->horizon;
        if (auto d = r_.number(h, "days", at, false, -kInf, kInf)) {
            if (*d < 1.0 / 24 || *d > 3660) {
                diag_.error(at / "days",
                            fmt::format("\"days\" must be between 1/24 (an hour) and 3660 (got {})",
                                        number_text(*d)),
                            "simulate at least an hour and at most ten years");
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
        if (auto i = r_.number(h, "interval_min", at, false, 1, 1440)) {
            const double per_day = 1440.0 / *i;
            if (std::fabs(per_day - std::round(per_day)) > 1e-9) {
                diag_.error(at / "interval_min",
                            fmt::format("\"interval_min\" must divide a day evenly (got {})",
                                        number_text(*i)),
                            "use 5, 10, 15, 30 or 60");
            } else {
                hz.interval_min = *i;
            }
        }
    }

    WeeklyHours hours(const Json& object, const Pointer& at, bool* given = nullptr) {
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

    void teams() {
        if (!doc_.contains("teams") || !doc_.at("teams").is_object()) return;
        for (const auto& item : doc_.at("teams").items()) {
            const Pointer at = Pointer() / "teams" / item.key();
            const Json& t = item.value();
            Team team;
            team.id = item.key();
            team.label = team.id;
            if (!r_.is_object(t, at, "a team")) {
                model_->teams.push_back(team);
                team_skills_.emplace_back();
                continue;
            }
            r_.check_keys(t, at,
                          {"label", "agents", "schedule", "skills", "priority", "cost_per_hour"});
            team.label = r_.string(t, "label", at, false).value_or(team.id);
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
                    diag_.error(
                        at / "schedule",
                        "\"schedule\" must be a non-empty array of {\"hours\", \"agents\"}");
                } else {
                    for (std::size_t i = 0; i < s.size(); ++i) {
                        const Pointer sp = at / "schedule" / i;
                        if (!r_.is_object(s[i], sp, "a schedule entry")) continue;
                        r_.check_keys(s[i], sp, {"hours", "agents"});
                        Shift shift;
                        if (!s[i].contains("hours")) r_.missing(sp, "hours");
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
                if (skills.count(team.priority[i]) == 0) {
                    diag_.error(
                        at / "priority" / i,
                        fmt::format("\"{}\" is not one of this team's skills", team.priority[i]),
                        suggest(team.priority[i], team.skills, "skills"));
                }
            }
            team.cost_per_hour = r_.number(t, "cost_per_hour", at, false, 0, kInf).value_or(0);
            model_->teams.push_back(std::move(team));
            team_skills_.push_back(std::move(skills));
        }
    }

    std::vector<std::string> string_list(const Json& object, const char* key, const Pointer& at,
                                         bool required) {
        std::vector<std::string> out;
        if (!object.contains(key)) {
            if (required) r_.missing(at, key);
            return out;
        }
        const Json& list = object.at(key);
        if (!list.is_array()) {
            diag_.error(at / key, fmt::format("\"{}\" must be an array of strings (got {})", key,
                                              type_name(list)));
            return out;
        }
        std::unordered_set<std::string> seen;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_string()) {
                diag_.error(at / key / i,
                            fmt::format("must be a string (got {})", type_name(list[i])));
                continue;
            }
            const auto s = list[i].get<std::string>();
            if (!seen.insert(s).second) {
                diag_.error(at / key / i, fmt::format("\"{}\" is listed twice", s));
                continue;
            }
            out.push_back(s);
        }
        return out;
    }

    void channels() {
        if (!doc_.contains("channels") || !doc_.at("channels").is_object()) return;
        static const std::vector<std::string> modes = {"live", "messaging", "async", "self_service",
                                                       "in_person"};
        for (const auto& item : doc_.at("channels").items()) {
            const Pointer at = Pointer() / "channels" / item.key();
            const Json& c = item.value();
            Channel ch;
            ch.id = item.key();
            ch.label = ch.id;
            if (!r_.is_object(c, at, "a channel")) {
                model_->channels.push_back(ch);
                continue;
            }
            r_.check_keys(c, at,
                          {"label", "mode", "hours", "team", "handle_time", "wrap_up", "fix_rate",
                           "patience", "service_target", "concurrency", "success_rate", "duration",
                           "cost_per_contact", "experience"});
            ch.label = r_.string(c, "label", at, false).value_or(ch.id);
            const auto mode = r_.string(c, "mode", at, true);
            if (mode) {
                const auto it = std::find(modes.begin(), modes.end(), *mode);
                if (it == modes.end()) {
                    diag_.error(at / "mode", fmt::format("unknown channel mode \"{}\"", *mode),
                                suggest(*mode, modes, "modes"));
                } else {
                    ch.mode = static_cast<ChannelMode>(it - modes.begin());
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
                    diag_.error(
                        at / key,
                        fmt::format("\"{}\" does not apply to a {} channel", key, mode_name),
                        fmt::format("\"{}\" is for {} channels; remove it", key, which));
                    return false;
                }
                return true;
            };
            if (only_for("team", assisted, "assisted (live, messaging, async, in_person)") &&
                assisted) {
                ch.team = resolve_field(c, "team", at, team_ids_, "team", mode.has_value());
                if (ch.team != kNone) {
                    if (team_skills_[ch.team].count(ch.id) == 0) {
                        diag_.error(at / "team",
                                    fmt::format("team \"{}\" does not list \"{}\" in its skills",
                                                model_->teams[ch.team].id, ch.id),
                                    fmt::format("add \"{}\" to /teams/{}/skills", ch.id,
                                                model_->teams[ch.team].id));
                    }
                }
            }
            if (only_for("handle_time", assisted, "assisted") && assisted) {
                if (!c.contains("handle_time")) {
                    if (mode) {
                        r_.missing(
                            at, "handle_time",
                            "e.g. {\"dist\": \"lognormal\", \"mean_min\": 7, \"sd_min\": 3.5}");
                    }
                } else {
                    ch.handle_time = r_.distribution(c.at("handle_time"), at / "handle_time",
                                                     Reader::Use::Duration);
                }
            }
            if (only_for("wrap_up", assisted, "assisted") && c.contains("wrap_up")) {
                ch.wrap_up =
                    r_.distribution(c.at("wrap_up"), at / "wrap_up", Reader::Use::Duration);
            }
            if (only_for("fix_rate", assisted, "assisted")) {
                ch.fix_rate = r_.number(c, "fix_rate", at, false, 0, 1,
                                        "a fix rate is a share: 0.7 means 70%")
                                  .value_or(1.0);
            }
            const bool queued = ch.mode == ChannelMode::Live || ch.mode == ChannelMode::Messaging ||
                                ch.mode == ChannelMode::InPerson;
            if (only_for("patience", queued, "live, messaging and in_person") &&
                c.contains("patience")) {
                ch.patience =
                    r_.distribution(c.at("patience"), at / "patience", Reader::Use::Duration);
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
                ch.duration =
                    r_.distribution(c.at("duration"), at / "duration", Reader::Use::Duration);
            }
            ch.cost_per_contact = r_.number(c, "cost_per_contact", at, false, 0, kInf).value_or(0);
            ch.experience = r_.number(c, "experience", at, false, -10, 10).value_or(0);
            model_->channels.push_back(std::move(ch));
        }
    }

    std::optional<ServiceTarget> service_target(const Json& s, const Pointer& at, bool async) {
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

    void segments() {
        if (!doc_.contains("segments") || !doc_.at("segments").is_object()) return;
        bool shares_ok = true;  // a bad share is reported once, not again as a wrong sum
        for (const auto& item : doc_.at("segments").items()) {
            const Pointer at = Pointer() / "segments" / item.key();
            const Json& s = item.value();
            Segment seg;
            seg.id = item.key();
            seg.label = seg.id;
            seg.channel_preference.assign(channel_ids_.size(), 1.0);
            if (!r_.is_object(s, at, "a segment")) {
                model_->segments.push_back(seg);
                shares_ok = false;
                continue;
            }
            r_.check_keys(s, at,
                          {"label", "share", "baseline_ltr", "channel_preference",
                           "digital_affinity", "patience_factor"});
            seg.label = r_.string(s, "label", at, false).value_or(seg.id);
            const auto share = r_.number(s, "share", at, true, 0, 1);
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
                        const Index c =
                            resolve(channel_ids_, pref.key(), pp / pref.key(), "channel");
                        auto w =
                            r_.number_value(pref.value(), pref.key(), pp / pref.key(), 0, kInf,
                                            "a preference is a weight: 3 is three times as likely "
                                            "as 1; 0 never");
                        if (c != kNone && w) seg.channel_preference[c] = *w;
                    }
                }
            }
            seg.digital_affinity = r_.number(s, "digital_affinity", at, false, 0, 100).value_or(1);
            seg.patience_factor =
                r_.number(s, "patience_factor", at, false, 1e-6, 1000).value_or(1);
            model_->segments.push_back(std::move(seg));
        }
        if (!model_->segments.empty() && shares_ok) {
            double sum = 0;
            for (const auto& seg : model_->segments)
                sum += seg.share;
            if (std::fabs(sum - 1.0) > kProbabilityTolerance) {
                diag_.error(Pointer() / "segments",
                            fmt::format("segment shares must sum to 1 (they sum to {:.10g})", sum),
                            "adjust the \"share\" of the segments");
            }
        }
    }

    void sentiment() {
        if (!doc_.contains("sentiment")) return;
        const Pointer at = Pointer() / "sentiment";
        const Json& s = doc_.at("sentiment");
        if (!r_.is_object(s, at, "\"sentiment\"")) return;
        r_.check_keys(s, at,
                      {"fixed_first_time", "per_repeat_contact", "abandoned", "self_service_failed",
                       "missed_response_target", "unresolved", "wait_tolerance_min",
                       "per_min_over_tolerance"});
        auto& st = model_->sentiment;
        auto effect = [&](const char* key, double& field) {
            if (auto x =
                    r_.number(s, key, at, false, -10, 10, "effects are points on the 0-10 scale"))
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
            r_.check_keys(m, mp, {"live", "messaging", "async", "in_person"});
            const char* names[kWaitModes] = {"live", "messaging", "async", "in_person"};
            for (std::size_t i = 0; i < kWaitModes; ++i) {
                if (auto x = r_.number(m, names[i], mp, false, lo, kInf)) field[i] = *x;
            }
        };
        per_mode("wait_tolerance_min", st.wait_tolerance_min, 0);
        per_mode("per_min_over_tolerance", st.per_min_over_tolerance, -10);
    }

    /// Reads `next`: an id or a list of {to, p}. Probabilities must sum to 1.
    std::vector<Transition> next_list(const Json& value, const Pointer& at, const Ids& ids,
                                      const char* what) {
        std::vector<Transition> out;
        if (value.is_string()) {
            const Index to = resolve(ids, value.get<std::string>(), at, what);
            if (to != kNone) out.push_back({to, 1.0});
            return out;
        }
        if (!value.is_array() || value.empty()) {
            diag_.error(
                at, fmt::format("must be a {} id or a non-empty list of {{\"to\", \"p\"}} (got {})",
                                what, type_name(value)));
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
            diag_.error(at,
                        fmt::format("probabilities leaving \"{}\" must sum to 1 (they sum to {})",
                                    at.parent_pointer().back(), fmt::format("{:.10g}", sum)),
                        "adjust the \"p\" values so they add up to exactly 1");
        }
        return out;
    }

    void journeys() {
        if (!doc_.contains("journeys") || !doc_.at("journeys").is_object()) return;
        for (const auto& item : doc_.at("journeys").items()) {
            const Pointer at = Pointer() / "journeys" / item.key();
            const Json& j = item.value();
            Journey journey;
            journey.id = item.key();
            journey.label = journey.id;
            if (!r_.is_object(j, at, "a journey")) {
                model_->journeys.push_back(journey);
                continue;
            }
            r_.check_keys(j, at, {"label", "description", "arrivals", "start", "touchpoints"});
            journey.label = r_.string(j, "label", at, false).value_or(journey.id);
            journey.description = r_.string(j, "description", at, false).value_or("");
            if (!j.contains("arrivals")) {
                r_.missing(at, "arrivals",
                           "e.g. {\"per_day\": 800, \"intraday_profile\": \"office\"}");
            } else {
                arrivals(j.at("arrivals"), at / "arrivals", journey.arrivals);
            }
            Ids ids;
            if (!j.contains("touchpoints")) {
                r_.missing(at, "touchpoints");
            } else if (!j.at("touchpoints").is_object() || j.at("touchpoints").empty()) {
                diag_.error(
                    at / "touchpoints",
                    "\"touchpoints\" must be a non-empty object mapping ids to touchpoints");
            } else {
                ids = Ids(keys_of(j.at("touchpoints")));
            }
            journey.start = resolve_field(j, "start", at, ids, "touchpoint", true);
            if (!ids.empty()) {
                for (const auto& tp : j.at("touchpoints").items()) {
                    journey.touchpoints.push_back(
                        touchpoint(tp.key(), tp.value(), at / "touchpoints" / tp.key(), ids));
                }
            }
            model_->journeys.push_back(std::move(journey));
        }
    }

    void arrivals(const Json& a, const Pointer& at, Arrivals& out) {
        if (!r_.is_object(a, at, "\"arrivals\"")) return;
        r_.check_keys(a, at, {"per_day", "weekday_profile", "intraday_profile", "segments"});
        out.per_day = r_.number(a, "per_day", at, true, 0, 1e7).value_or(0);
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
                        diag_.error(at / "weekday_profile" / i, "must be a number of at least 0");
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
                    const auto x = r_.number(s, item.key(), sp, true, 0, 1);
                    if (seg == kNone || !x) {
                        ok = false;
                        continue;
                    }
                    out.segment_mix[seg] = *x;
                    sum += *x;
                }
                if (ok && std::fabs(sum - 1.0) > kProbabilityTolerance) {
                    diag_.error(sp,
                                fmt::format("segment shares of a journey must sum to 1 (they sum "
                                            "to {})",
                                            fmt::format("{:.10g}", sum)),
                                "leave \"segments\" out to use the model's segment shares");
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

    void intraday(const Json& a, const Pointer& at, Arrivals& out) {
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
                diag_.error(ip, fmt::format("unknown intraday profile \"{}\"", name),
                            fmt::format("{} (or give 24 hourly or 96 quarter-hourly weights)",
                                        suggest(name, {"office", "flat", "evening"}, "profiles")));
                return;
            }
        } else if (a.at("intraday_profile").is_array()) {
            const Json& w = a.at("intraday_profile");
            if (w.size() != 24 && w.size() != 96) {
                diag_.error(ip,
                            fmt::format("an intraday profile needs 24 hourly or 96 quarter-hourly "
                                        "weights (got {})",
                                        w.size()));
                return;
            }
            for (std::size_t i = 0; i < w.size(); ++i) {
                if (!w[i].is_number() || w[i].get<double>() < 0 ||
                    !std::isfinite(w[i].get<double>())) {
                    diag_.error(ip / i, "must be a number of at least 0");
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
            diag_.error(ip, "at least one intraday weight must be positive");
            return;
        }
        const std::size_t per = kIntradaySlots / weights.size();
        for (std::size_t slot = 0; slot < kIntradaySlots; ++slot) {
            out.intraday[slot] = weights[slot / per] / (sum * static_cast<double>(per));
        }
    }

    Touchpoint touchpoint(const std::string& id, const Json& t, const Pointer& at, const Ids& ids) {
        Touchpoint tp;
        tp.id = id;
        tp.label = id;
        if (!r_.is_object(t, at, "a touchpoint")) return tp;
        static const std::vector<std::string> kinds = {"step", "self_service", "contact", "branch",
                                                       "end"};
        const auto kind = r_.string(t, "kind", at, true);
        if (!kind) return tp;
        const auto it = std::find(kinds.begin(), kinds.end(), *kind);
        if (it == kinds.end()) {
            diag_.error(at / "kind", fmt::format("unknown touchpoint kind \"{}\"", *kind),
                        suggest(*kind, kinds, "kinds"));
            return tp;
        }
        tp.kind = static_cast<TouchpointKind>(it - kinds.begin());
        tp.label = r_.string(t, "label", at, false).value_or(id);
        tp.experience = r_.number(t, "experience", at, false, -10, 10).value_or(0);
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
                r_.check_keys(t, at,
                              {"kind", "label", "experience", "channel", "on_success", "on_fail"});
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
                if (t.contains("channels") && t.at("channels").is_array() &&
                    t.at("channels").empty()) {
                    diag_.error(at / "channels", "a contact must offer at least one channel",
                                "list the channel ids customers can use here");
                }
                for (std::size_t i = 0; i < offered.size(); ++i) {
                    const Index c =
                        resolve(channel_ids_, offered[i], at / "channels" / i, "channel");
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
                tp.stickiness = r_.number(t, "stickiness", at, false, 0, 1).value_or(0);
                tp.on_fixed = target("on_fixed", true);
                tp.on_not_fixed = t.contains("on_not_fixed") ? target("on_not_fixed", true) : self;
                tp.on_abandon = t.contains("on_abandon") ? target("on_abandon", true) : self;
                if (t.contains("retry_delay"))
                    tp.retry_delay = r_.distribution(t.at("retry_delay"), at / "retry_delay",
                                                     Reader::Use::Duration);
                tp.max_attempts =
                    static_cast<int>(r_.integer(t, "max_attempts", at, false, 1, 1000).value_or(0));
                if (auto wc = r_.string(t, "when_closed", at, false)) {
                    if (*wc == "wait") {
                        tp.when_closed = WhenClosed::Wait;
                    } else if (*wc == "give_up") {
                        tp.when_closed = WhenClosed::GiveUp;
                    } else {
                        diag_.error(at / "when_closed",
                                    fmt::format("\"when_closed\" must be \"wait\" or \"give_up\" "
                                                "(got \"{}\")",
                                                *wc));
                    }
                }
                const bool needs_give_up =
                    tp.max_attempts > 0 || tp.when_closed == WhenClosed::GiveUp;
                if (needs_give_up && !t.contains("on_give_up")) {
                    r_.missing(at, "on_give_up",
                               "\"max_attempts\" or \"when_closed\": \"give_up\" needs a "
                               "touchpoint to go to when the customer gives up");
                }
                if (t.contains("on_give_up")) tp.on_give_up = target("on_give_up", true);
                if (t.contains("fix_rate")) tp.fix_rate = r_.number(t, "fix_rate", at, false, 0, 1);
                if (t.contains("handle_time"))
                    tp.handle_time = r_.distribution(t.at("handle_time"), at / "handle_time",
                                                     Reader::Use::Duration);
                break;
            }
            case TouchpointKind::Branch:
                r_.check_keys(t, at, {"kind", "label", "experience", "next", "rules", "otherwise"});
                if (t.contains("rules")) {
                    rules(t, at, ids, tp);
                    if (t.contains("next")) {
                        diag_.error(at / "next",
                                    "a branch with \"rules\" uses \"otherwise\", not \"next\"");
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
                static const std::vector<std::string> outcomes = {"resolved", "unresolved",
                                                                  "churned"};
                if (auto o = r_.string(t, "outcome", at, true)) {
                    const auto oi = std::find(outcomes.begin(), outcomes.end(), *o);
                    if (oi == outcomes.end()) {
                        diag_.error(at / "outcome", fmt::format("unknown outcome \"{}\"", *o),
                                    suggest(*o, outcomes, "outcomes"));
                    } else {
                        tp.outcome = static_cast<Outcome>(oi - outcomes.begin());
                    }
                }
                break;
            }
        }
        return tp;
    }

    void rules(const Json& t, const Pointer& at, const Ids& ids, Touchpoint& tp) {
        const Json& list = t.at("rules");
        const Pointer rp = at / "rules";
        if (!list.is_array() || list.empty()) {
            diag_.error(rp, "\"rules\" must be a non-empty list of {\"when\", \"to\"}");
            return;
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Pointer ep = rp / i;
            if (!r_.is_object(list[i], ep, "a rule")) continue;
            r_.check_keys(list[i], ep, {"when", "to"});
            BranchRule rule;
            rule.to = resolve_field(list[i], "to", ep, ids, "touchpoint", true);
            if (!list[i].contains("when")) {
                r_.missing(ep, "when");
            } else {
                const Json& w = list[i].at("when");
                const Pointer wp = ep / "when";
                if (r_.is_object(w, wp, "\"when\"")) {
                    r_.check_keys(w, wp,
                                  {"contacts_at_least", "contacts_at_most", "fixed", "last_channel",
                                   "segment"});
                    if (w.empty()) diag_.error(wp, "a condition needs at least one test");
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

    void employee_journeys() {
        if (!doc_.contains("employee_journeys")) return;
        const Json& section = doc_.at("employee_journeys");
        if (!section.is_object()) {
            diag_.error(Pointer() / "employee_journeys",
                        "\"employee_journeys\" must be an object mapping ids to employee journeys");
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
            Ids ids;
            if (!e.contains("steps")) {
                r_.missing(at, "steps");
            } else if (!e.at("steps").is_object() || e.at("steps").empty()) {
                diag_.error(at / "steps",
                            "\"steps\" must be a non-empty object mapping ids to steps");
            } else {
                ids = Ids(keys_of(e.at("steps")));
            }
            ej.start = resolve_field(e, "start", at, ids, "step", true);
            if (!ids.empty()) {
                for (const auto& s : e.at("steps").items()) {
                    ej.steps.push_back(step(s.key(), s.value(), at / "steps" / s.key(), ids));
                }
            }
            model_->employee_journeys.push_back(std::move(ej));
        }
    }

    void binding(const Json& f, const Pointer& at, Binding& b) {
        if (!r_.is_object(f, at, "\"for\"")) return;
        r_.check_keys(f, at, {"channel", "journey", "touchpoint", "channels"});
        if (f.contains("channel")) {
            if (f.contains("journey") || f.contains("touchpoint") || f.contains("channels")) {
                diag_.error(at,
                            "bind either to a \"channel\" or to a \"journey\" and \"touchpoint\"");
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
        const Ids tp_ids(jt.is_object() && jt.contains("touchpoints")
                             ? keys_of(jt.at("touchpoints"))
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
                                    tp.id, to_string(tp.kind)));
            return;
        }
        const auto listed = string_list(f, "channels", at, false);
        const std::unordered_set<Index> offered(tp.channels.begin(), tp.channels.end());
        for (std::size_t i = 0; i < listed.size(); ++i) {
            const Index c = resolve(channel_ids_, listed[i], at / "channels" / i, "channel");
            if (c == kNone) continue;
            if (offered.count(c) == 0) {
                diag_.error(at / "channels" / i,
                            fmt::format("touchpoint \"{}\" does not offer channel \"{}\"", tp.id,
                                        listed[i]),
                            "list only channels the contact offers");
                continue;
            }
            b.channels.push_back(c);
        }
    }

    EmployeeStep step(const std::string& id, const Json& s, const Pointer& at, const Ids& ids) {
        EmployeeStep st;
        st.id = id;
        st.label = id;
        if (!r_.is_object(s, at, "a step")) return st;
        static const std::vector<std::string> kinds = {"step", "handoff", "end"};
        if (auto k = r_.string(s, "kind", at, false)) {
            const auto it = std::find(kinds.begin(), kinds.end(), *k);
            if (it == kinds.end()) {
                diag_.error(at / "kind", fmt::format("unknown step kind \"{}\"", *k),
                            suggest(*k, kinds, "kinds"));
                return st;
            }
            st.kind = static_cast<StepKind>(it - kinds.begin());
        }
        st.label = r_.string(s, "label", at, false).value_or(id);
        switch (st.kind) {
            case StepKind::Step:
                r_.check_keys(s, at, {"kind", "label", "duration", "next"});
                break;
            case StepKind::Handoff:
                r_.check_keys(s, at, {"kind", "label", "duration", "next", "team", "work"});
                st.team = resolve_field(s, "team", at, team_ids_, "team", true);
                st.work = r_.string(s, "work", at, true).value_or("");
                if (st.team != kNone && !st.work.empty()) {
                    if (team_skills_[st.team].count(st.work) == 0) {
                        diag_.error(
                            at / "work",
                            fmt::format("team \"{}\" does not list work \"{}\" in its skills",
                                        model_->teams[st.team].id, st.work),
                            fmt::format("add \"{}\" to /teams/{}/skills", st.work,
                                        model_->teams[st.team].id));
                    }
                }
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

    const Json& doc_;
    Diagnostics& diag_;
    Reader r_;
    std::shared_ptr<Model> model_ = std::make_shared<Model>();
    Ids channel_ids_, team_ids_, segment_ids_, journey_ids_;
    /// Each team's skills as a set, for checking channels and hand-offs against them.
    std::vector<std::unordered_set<std::string>> team_skills_;
};

}  // namespace

std::shared_ptr<Model> build_model(const Json& doc, Diagnostics& diag) {
    auto model = Builder(doc, diag).build();
    if (!model) return nullptr;
    validate_model(*model, doc, diag);
    if (diag.has_errors()) return nullptr;
    return model;
}

}  // namespace detail

std::string read_input_file(const std::filesystem::path& path, const InputLimits& limits) {
    detail::Diagnostics diag(path.string());
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        diag.error(detail::Pointer(), "file not found", "check the path");
        diag.throw_if_errors();
    }
    if (std::filesystem::is_directory(path, ec)) {
        diag.error(detail::Pointer(), "is a directory, not a file", "name a .json file");
        diag.throw_if_errors();
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > limits.max_bytes) {
        diag.error(detail::Pointer(),
                   fmt::format("file is too large ({} bytes; the limit is {} bytes)", size,
                               limits.max_bytes),
                   "a model this size is almost certainly not a hand-written model; check the "
                   "file name");
        diag.throw_if_errors();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diag.error(detail::Pointer(), "cannot be opened for reading", "check its permissions");
        diag.throw_if_errors();
    }
    std::string text;
    text.resize(ec ? limits.max_bytes + 1 : std::min<std::size_t>(size, limits.max_bytes) + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > limits.max_bytes || (!ec && in.peek() != std::char_traits<char>::eof())) {
        diag.error(detail::Pointer(),
                   fmt::format("file is too large (more than {} bytes)", limits.max_bytes));
        diag.throw_if_errors();
    }
    return text;
}

LoadedModel load_model_text(std::string_view text, const std::string& file,
                            const InputLimits& limits) {
    detail::Diagnostics diag(file);
    auto doc = detail::parse_json(text, limits, diag);
    diag.throw_if_errors();
    auto model = detail::build_model(*doc, diag);
    diag.throw_if_errors();
    model->file = file;
    return {std::move(model), diag.warnings()};
}

LoadedModel load_model_file(const std::filesystem::path& path, const InputLimits& limits) {
    const std::string text = read_input_file(path, limits);
    return load_model_text(text, path.string(), limits);
}

}  // namespace journeysim
