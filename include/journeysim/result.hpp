#pragma once
/// \file
/// What a run estimates: a flat, ordered list of metrics of the catalogue (metrics.hpp), each at
/// its JSON-pointer path with one value per replication, plus per-interval channel tables.
/// Reports, comparisons and tests all read this one structure, by the catalogue's declarations.

#include <journeysim/metrics.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace journeysim {

/// A mean over replications with its 95% confidence interval (Student t on the replication
/// values). Replications where the value is undefined (NaN, e.g. a wait of a channel that
/// answered nobody) are left out; `count` says how many were used. With no usable value every
/// field is NaN; with one, the interval is [mean, mean].
struct Estimate {
    double mean = 0;
    double low = 0;   ///< lower end of the 95% confidence interval
    double high = 0;  ///< upper end
    std::size_t count = 0;
};

/// Mean and 95% confidence interval of `values` (NaN entries skipped).
Estimate estimate(const std::vector<double>& values);

/// Mean and a two-sided confidence interval at `level` (e.g. 0.99) of `values` (NaN skipped).
Estimate estimate(const std::vector<double>& values, double level);

namespace detail {
/// Hashes strings and string views alike, so a map keyed by std::string is searched by view.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};
/// Path → position in a list.
using PathIndex = std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>>;
/// The element of `items` at `path` in `index`; null when `index` has no such path.
template <typename Item>
const Item* find_indexed(const PathIndex& index, const std::vector<Item>& items,
                         std::string_view path) {
    const auto it = index.find(path);
    return it == index.end() ? nullptr : &items[it->second];
}
}  // namespace detail

/// One leaf of a result: which metric of the catalogue, of what, where it sits in the result
/// JSON and its value in each replication.
struct Metric {
    std::string path;              ///< RFC 6901 JSON pointer, e.g. "/channels/phone/asa_s"
    const MetricKind* kind;        ///< its declaration in the catalogue
    std::vector<std::string> ids;  ///< the ids in the path, unescaped (e.g. {"phone"})
    std::vector<double> values;    ///< one per replication, in replication order
};

/// One row of the interval table: one channel in one statistics interval of the measured
/// period, averaged over replications. Contacts are counted in the interval they were offered.
struct IntervalRow {
    std::size_t day = 0;      ///< 0 = the first simulated day (a Monday)
    double start_min = 0;     ///< minutes since the start of that day
    std::size_t channel = 0;  ///< channel index in the model
    double offered = 0;       ///< mean contacts offered
    double handled = 0;       ///< mean contacts answered
    double abandoned = 0;     ///< mean contacts abandoned
    double aht_s = 0;  ///< mean handle time of completed contacts, seconds (pooled; NaN if none)
    double asa_s = 0;  ///< mean wait of answered contacts, seconds (pooled; NaN if none)
    double service_level = 0;  ///< answered within target / (answered + abandoned) (pooled; NaN
                               ///< if none or no target)
};

/// Work done by a run, for benchmarks and progress reports (not part of the result JSON).
struct RunStatistics {
    std::uint64_t customers = 0;  ///< customers generated over all replications
    std::uint64_t events = 0;     ///< events scheduled over all replications
    double seconds = 0;           ///< wall-clock time of the run
};

/// A finding about a run whose figures the model's set-up biases: a queue that never reaches
/// a steady state, customers still in a journey when the run-out ended. Written to the result
/// JSON's `warnings` and printed by the command line.
struct RunWarning {
    std::string code;     ///< stable name of the kind, e.g. "saturated_team"
    std::string pointer;  ///< JSON pointer into the model of the part at fault ("" for all)
    std::string message;  ///< what was found, with its figures
    std::string hint;     ///< what to do about it
    std::vector<std::string> biases;  ///< result paths of the figures it biases
};

/// The result of `simulate`.
class Result {
  public:
    std::string model;     ///< the model's name
    std::string currency;  ///< the model's `currency` (empty: not given)
    std::uint64_t seed = 0;
    int replications = 0;
    std::vector<std::string> channel_ids;  ///< channel index → id (for interval rows)
    double interval_min = 15;              ///< length of an interval
    std::vector<IntervalRow> intervals;    ///< empty unless requested
    std::vector<RunWarning> warnings;      ///< set-up artefacts found in the figures
    RunStatistics statistics;

    /// Every metric, in a fixed order (the order of the result JSON).
    const std::vector<Metric>& metrics() const { return metrics_; }

    /// Appends a metric at `path` (a path of the catalogue); throws std::invalid_argument for
    /// a path the catalogue does not know or one the result already has.
    void add(std::string path, std::vector<double> values);
    /// Appends the metric `kind` of `ids`.
    void add(const MetricKind& kind, std::initializer_list<std::string_view> ids,
             std::vector<double> values);
    /// Appends the replications of `more` (a result of the same model, so the same metrics in
    /// the same order) to this one's.
    void append_replications(const Result& more);
    /// The values of metric number `metric`, to fill in replication by replication.
    std::vector<double>& values(std::size_t metric);

    /// The metric at `path`, or null (a hash lookup).
    const Metric* find(std::string_view path) const;
    /// The metric `kind` of `ids` (as many as the kind's scope takes), or null.
    const Metric* find(const MetricKind& kind,
                       std::initializer_list<std::string_view> ids = {}) const;
    /// The estimate of the metric at `path`; throws std::out_of_range if there is none.
    Estimate at(std::string_view path) const;
    /// The estimate of the metric `kind` of `ids`; throws std::out_of_range if there is none.
    Estimate at(const MetricKind& kind, std::initializer_list<std::string_view> ids = {}) const;

    /// The ids of the things of `scope` the result has metrics of, in order of first
    /// appearance: `ids_of(Scope::Channel)` lists the channels. With `within`, only those under
    /// that first id (`ids_of(Scope::Step, "claim")` lists the steps of employee journey
    /// "claim"); the last id of a scope is returned.
    std::vector<std::string> ids_of(Scope scope, std::string_view within = {}) const;

  private:
    std::vector<Metric> metrics_;
    detail::PathIndex index_;
};

/// Escapes one reference token of a JSON pointer ("~" → "~0", "/" → "~1").
std::string json_pointer_token(std::string_view token);

}  // namespace journeysim
