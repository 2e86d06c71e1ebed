#pragma once
/// \file
/// What a run estimates: a flat, ordered list of named metrics (JSON-pointer paths), each with
/// one value per replication, plus per-interval channel tables. Reports, comparisons and tests
/// all read this one structure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

/// One leaf of a result: where it sits in the result JSON and its value in each replication.
struct Metric {
    std::string path;            ///< RFC 6901 JSON pointer, e.g. "/channels/phone/asa_s"
    std::vector<double> values;  ///< one per replication, in replication order
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

/// The result of `simulate`.
struct Result {
    std::string model;  ///< the model's name
    std::uint64_t seed = 0;
    int replications = 0;
    std::vector<Metric> metrics;           ///< in a fixed order (the order of the result JSON)
    std::vector<std::string> channel_ids;  ///< channel index → id (for interval rows)
    double interval_min = 15;              ///< length of an interval
    std::vector<IntervalRow> intervals;    ///< empty unless requested
    RunStatistics statistics;

    /// The metric at `path`, or null.
    const Metric* find(std::string_view path) const;
    /// The estimate of the metric at `path`; throws std::out_of_range if there is none.
    Estimate at(std::string_view path) const;
};

/// Escapes one reference token of a JSON pointer ("~" → "~0", "/" → "~1").
std::string json_pointer_token(std::string_view token);

}  // namespace journeysim
