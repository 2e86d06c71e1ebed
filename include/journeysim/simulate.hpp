#pragma once
/// \file
/// Running the simulation: replications of a model in parallel, with reproducible random
/// numbers, aggregated into a `Result`.

#include <journeysim/load.hpp>
#include <journeysim/model.hpp>
#include <journeysim/result.hpp>

#include <cstdint>
#include <functional>
#include <string_view>

namespace journeysim {

/// One contact (or self-service use) of one customer, as seen by a trace. Times are minutes
/// since Monday 00:00 of the first day; NaN where something did not happen.
struct TraceRow {
    std::uint64_t customer = 0;  ///< 1-based, in order of arrival over all journeys
    std::string_view journey;
    std::string_view segment;
    std::string_view touchpoint;
    std::string_view channel;
    double arrival = 0;  ///< when the contact reached the channel
    double answer = 0;   ///< when an agent took it (NaN if abandoned; self-service: = arrival)
    double end = 0;      ///< when the customer was released or gave up waiting
    std::string_view outcome;  ///< fixed, not_fixed, abandoned, success, failed
};

/// Receives trace rows of the first replication, in the order the contacts end.
class TraceSink {
  public:
    virtual ~TraceSink() = default;
    /// Called once per contact; must not throw.
    virtual void write(const TraceRow& row) = 0;
};

/// How to run.
/// The default of `SimulationOptions::max_in_system`: about 0.9 GB of customer records.
inline constexpr std::size_t kDefaultMaxInSystem = 2'000'000;
/// Memory one customer in the system takes, about (its record, its events, its queue entries);
/// for estimates such as `estimate_run`.
inline constexpr std::size_t kBytesPerCustomer = 450;

struct SimulationOptions {
    int replications = 10;    ///< independent runs of the horizon (>= 1)
    std::uint64_t seed = 42;  ///< master seed; with the model it fixes every number drawn
    int threads = 0;          ///< worker threads; 0 = the hardware's concurrency
    bool intervals = false;   ///< collect per-interval channel tables (`Result::intervals`)
    /// Customers in the system at once above which a replication stops with a
    /// `SimulationError` naming the touchpoint where they pile up: a guard against a model
    /// whose demand is far beyond its capacity. Each costs about `kBytesPerCustomer` of memory
    /// per worker thread. It never changes a result that completes.
    std::size_t max_in_system = kDefaultMaxInSystem;
    TraceSink* trace = nullptr;  ///< receives the contacts of replication 1 (optional)
    /// Called from the calling thread about ten times a second with the share of work done
    /// (0–1), while the replications run (optional).
    std::function<void(double)> progress;
};

/// Simulates the validated model `valid` and estimates every KPI. The result depends only on the
/// model, the seed, the number of replications and `intervals` — never on `threads`. Throws
/// `SimulationError` naming the replication, seed, time and place when a run is stopped (a
/// safety limit).
Result simulate(const ValidModel& valid, const SimulationOptions& options = {});

/// What a run of `model` with `options` will take, known before it starts.
struct RunEstimate {
    double customers_per_replication = 0;  ///< expected arrivals over the horizon
    double customers = 0;                  ///< over all replications
    std::size_t threads = 1;               ///< worker threads the run will use
    /// The most memory the customers in the system can take: threads × max_in_system ×
    /// kBytesPerCustomer (a replication that would need more stops instead).
    double memory_bound_bytes = 0;
};
RunEstimate estimate_run(const Model& model, const SimulationOptions& options = {});

}  // namespace journeysim
