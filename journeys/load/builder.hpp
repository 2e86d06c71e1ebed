#pragma once
// Shared by the model loader's files (journeys/load.cpp and journeys/load/): the builder that
// turns a parsed model file into a `Model`, section by section, reporting every problem.

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

namespace journeysim::detail::load {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr double kProbabilityTolerance = 1e-9;
inline constexpr const char* kExperienceHint =
    "points on the 0-10 scale that a visit adds to the customer's score (negative takes away)";

/// Hourly weights of the named intraday profiles (relative; normalised when used).
inline const std::array<double, 24>* named_profile(const std::string& name) {
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

inline std::vector<std::string> keys_of(const Json& object) {
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

    std::shared_ptr<Model> build();

  private:
    Ids section_ids(const char* name, bool required);

    /// Resolves a reference by id; reports an unknown id with a suggestion.
    Index resolve(const Ids& ids, const std::string& id, const Pointer& at, std::string_view what);

    Index resolve_field(const Json& object, const char* key, const Pointer& at, const Ids& ids,
                        std::string_view what, bool required) {
        auto id = r_.string(object, key, at, required,
                            fmt::format("give the id of a {} in double quotes, e.g. \"{}\": \"{}\"",
                                        what, key, ids.empty() ? std::string("id") : ids[0]));
        if (!id) return kNone;
        return resolve(ids, *id, at / key, what);
    }

    /// Reads the required object `key` of `object`, ids mapping to the nodes of a graph (a
    /// journey's touchpoints, an employee journey's steps; `mapping` says so, `example` shows
    /// one), each with `read` into `nodes`, and returns the node that the field "start" names
    /// (a `what`).
    template <typename Node, typename Read>
    Index node_graph(const Json& object, const char* key, const Pointer& at,
                     std::string_view mapping, std::string_view example, std::string_view what,
                     std::vector<Node>& nodes, Read read) {
        Ids ids;
        if (r_.nonempty_object(object, key, at, mapping, example))
            ids = Ids(keys_of(object.at(key)));
        const Index start = resolve_field(object, "start", at, ids, what, true);
        if (!ids.empty()) {
            for (const auto& item : object.at(key).items())
                nodes.push_back(read(item.key(), item.value(), at / key / item.key(), ids));
        }
        return start;
    }

    /// A part of the model (a touchpoint, a step, ...) with the id `id`, labelled by its id until
    /// its own label is read.
    template <typename Part>
    static Part part_named(const std::string& id) {
        Part part;
        part.id = id;
        part.label = id;
        return part;
    }

    /// Reports at `at` when the team `team` does not list `skill` among its skills (`kind` says
    /// what the skill is for in the message: "work " for a work type, empty for a channel).
    void check_skill(Index team, const std::string& skill, const Pointer& at,
                     std::string_view kind) {
        if (team_skills_[team].contains(skill)) return;
        diag_.error(at,
                    fmt::format("team \"{}\" does not list {}\"{}\" in its skills",
                                model_->teams[team].id, kind, skill),
                    fmt::format("add \"{}\" to /teams/{}/skills", skill, model_->teams[team].id));
    }

    /// Reads the section `name` of the file, an object mapping ids to parts of the model (each
    /// a `what`), into `parts` in file order; nothing when it is missing or not an object. Each
    /// part starts as a copy of `blank` with the entry's key as its id and label, and is added
    /// even when its entry is not an object (reported), so that its index is its id's. Of an
    /// object, the keys are checked against `keys`, "label" is read, and `read(part, entry, at)`
    /// reads the rest. Returns whether every entry was an object.
    template <typename Part, typename Read>
    bool section_parts(const char* name, std::string_view what,
                       std::initializer_list<std::string_view> keys, std::vector<Part>& parts,
                       Read read, const Part& blank = {}) {
        if (!doc_.contains(name) || !doc_.at(name).is_object()) return true;
        bool all_objects = true;
        for (const auto& item : doc_.at(name).items()) {
            const Pointer at = Pointer() / name / item.key();
            const Json& entry = item.value();
            Part part = blank;
            part.id = item.key();
            part.label = part.id;
            if (r_.is_object(entry, at, what)) {
                r_.check_keys(entry, at, keys);
                part.label = r_.string(entry, "label", at, false).value_or(part.id);
                read(part, entry, at);
            } else {
                all_objects = false;
            }
            parts.push_back(std::move(part));
        }
        return all_objects;
    }

    void horizon();
    void currency();

    WeeklyHours hours(const Json& object, const Pointer& at, bool* given = nullptr);

    void teams();

    std::vector<std::string> string_list(const Json& object, const char* key, const Pointer& at,
                                         bool required);

    void channels();

    std::optional<ServiceTarget> service_target(const Json& s, const Pointer& at, bool async);

    void segments();

    void sentiment();

    /// Reads `next`: an id or a list of {to, p}. Probabilities must sum to 1.
    std::vector<Transition> next_list(const Json& value, const Pointer& at, const Ids& ids,
                                      const char* what);

    void journeys();

    void arrivals(const Json& a, const Pointer& at, Arrivals& out);

    void intraday(const Json& a, const Pointer& at, Arrivals& out);

    Touchpoint touchpoint(const std::string& id, const Json& t, const Pointer& at, const Ids& ids);

    void rules(const Json& t, const Pointer& at, const Ids& ids, Touchpoint& tp);

    void employee_journeys();

    void binding(const Json& f, const Pointer& at, Binding& b);

    EmployeeStep step(const std::string& id, const Json& s, const Pointer& at, const Ids& ids);

    const Json& doc_;
    Diagnostics& diag_;
    Reader r_;
    std::shared_ptr<Model> model_ = std::make_shared<Model>();
    Ids channel_ids_, team_ids_, segment_ids_, journey_ids_;
    /// Each team's skills as a set, for checking channels and hand-offs against them.
    std::vector<std::unordered_set<std::string>> team_skills_;
};

}  // namespace journeysim::detail::load
