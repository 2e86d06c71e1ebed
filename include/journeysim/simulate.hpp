#pragma once
/// \file
/// Running the simulation: replications of a model in parallel, with reproducible random
/// numbers, aggregated into a `Result`.

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
struct SimulationOptions {
    int replications = 10;       ///< independent runs of the horizon (>= 1)
    std::uint64_t seed = 42;     ///< master seed; with the model it fixes every number drawn
    int threads = 0;             ///< worker threads; 0 = the hardware's concurrency
    bool intervals = false;      ///< collect per-interval channel tables (`Result::intervals`)
    TraceSink* trace = nullptr;  ///< receives the contacts of replication 1 (optional)
    /// Called from the calling thread about ten times a second with the share of work done
    /// (0–1), while the replications run (optional).
    std::function<void(double)> progress;
};

/// Simulates `model` and estimates every KPI. The result depends only on the model, the seed,
/// the number of replications and `intervals` — never on `threads`. Throws `SimulationError`
/// naming the replication, seed, time and place when the model cannot be simulated.
Result simulate(const Model& model, const SimulationOptions& options = {});

}  // namespace journeysim
