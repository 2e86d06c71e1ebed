#include "plan.hpp"
#include "replication.hpp"
#include "stats.hpp"
#include "warnings.hpp"

#include <journeysim/error.hpp>
#include <journeysim/simulate.hpp>

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <new>
#include <stdexcept>
#include <thread>

namespace journeysim {

namespace {

/// Adds the interval tables of all replications into means per interval of the measured period.
std::vector<IntervalRow> interval_rows(const detail::Plan& plan,
                                       const std::vector<detail::ReplicationStats>& reps) {
    std::vector<IntervalRow> rows;
    const std::size_t channels = plan.channels.size();
    const auto replications = static_cast<double>(reps.size());
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < plan.intervals; ++i) {
        const double start = static_cast<double>(i) * plan.interval;
        if (start < plan.warmup) continue;
        for (std::size_t c = 0; c < channels; ++c) {
            if (plan.channels[c].mode == ChannelMode::SelfService) continue;
            detail::IntervalCell sum;
            for (const auto& rep : reps) {
                const auto& cell = rep.intervals[i * channels + c];
                sum.offered += cell.offered;
                sum.answered += cell.answered;
                sum.abandoned += cell.abandoned;
                sum.completed += cell.completed;
                sum.handle_time += cell.handle_time;
                sum.wait_answered += cell.wait_answered;
                sum.within_target += cell.within_target;
            }
            IntervalRow row;
            const double day = std::floor(start / kMinutesPerDay);
            row.day = static_cast<std::size_t>(day);
            row.start_min = start - day * kMinutesPerDay;
            row.channel = c;
            row.offered = sum.offered / replications;
            row.handled = sum.answered / replications;
            row.abandoned = sum.abandoned / replications;
            row.aht_s = sum.completed > 0 ? 60.0 * sum.handle_time / sum.completed : kNaN;
            row.asa_s = sum.answered > 0 ? 60.0 * sum.wait_answered / sum.answered : kNaN;
            const bool async = plan.channels[c].mode == ChannelMode::Async;
            const double denominator = async ? sum.completed : sum.answered + sum.abandoned;
            row.service_level = plan.channels[c].target_min < detail::kNever && denominator > 0
                                    ? sum.within_target / denominator
                                    : kNaN;
            rows.push_back(row);
        }
    }
    return rows;
}

/// The worker threads a run uses: as asked, or one per CPU, and never more than replications.
std::size_t worker_threads(const SimulationOptions& options) {
    const std::size_t asked = options.threads > 0
                                  ? static_cast<std::size_t>(options.threads)
                                  : std::max(1u, std::thread::hardware_concurrency());
    return std::min(asked, static_cast<std::size_t>(std::max(options.replications, 1)));
}

}  // namespace

RunEstimate estimate_run(const Model& model, const SimulationOptions& options) {
    RunEstimate e;
    e.customers_per_replication = model.customers_per_week() / 7.0 * model.horizon.days;
    e.customers = e.customers_per_replication * std::max(options.replications, 1);
    e.threads = worker_threads(options);
    e.memory_bound_bytes = static_cast<double>(e.threads) *
                           static_cast<double>(options.max_in_system) * kBytesPerCustomer;
    return e;
}

Result simulate(const ValidModel& valid, const SimulationOptions& options) {
    if (!valid) throw std::invalid_argument("simulate: no model given");
    const Model& model = *valid;
    const auto started = std::chrono::steady_clock::now();
    detail::require_replications(model, options.replications, "run");
    const detail::Plan plan = detail::make_plan(model);
    const auto replications = static_cast<std::size_t>(options.replications);
    const std::size_t threads = worker_threads(options);

    std::vector<detail::ReplicationStats> stats(replications);
    std::vector<std::exception_ptr> errors(replications);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> finished{0};
    std::atomic<std::uint64_t> progress{0};
    {
        std::vector<std::jthread> workers;
        workers.reserve(threads);
        for (std::size_t w = 0; w < threads; ++w) {
            workers.emplace_back([&] {
                for (std::size_t r = next++; r < replications; r = next++) {
                    detail::ReplicationSetup setup;
                    setup.seed = options.seed;
                    setup.replication = static_cast<std::uint32_t>(r);
                    setup.intervals = options.intervals;
                    setup.max_in_system = options.max_in_system;
                    setup.trace = r == 0 ? options.trace : nullptr;
                    setup.progress = options.progress ? &progress : nullptr;
                    try {
                        detail::Replication replication(plan, setup);
                        stats[r] = replication.run();
                    } catch (...) {
                        errors[r] = std::current_exception();
                    }
                    ++finished;
                }
            });
        }
        if (options.progress) {
            const double total = plan.horizon * static_cast<double>(replications);
            while (finished.load() < replications) {
                options.progress(
                    total > 0 ? std::min(1.0, static_cast<double>(progress.load()) / total) : 0.0);
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            options.progress(1.0);
        }
    }
    for (std::size_t r = 0; r < replications; ++r) {
        if (!errors[r]) continue;
        SimulationFailure f;
        try {
            std::rethrow_exception(errors[r]);
        } catch (const SimulationError& e) {
            f = e.failure();
        } catch (const std::bad_alloc&) {
            f.problem = "out of memory";
            f.hint = "lower --threads or --max-in-system, or shorten the horizon";
        } catch (const std::exception& e) {
            f.problem = e.what();
            f.hint =
                "nothing in the model is known to cause this: please report it with the model "
                "and the command line";
        }
        f.model = model.name;
        f.replication = static_cast<int>(r + 1);
        f.seed = options.seed;
        throw SimulationError(std::move(f));
    }

    Result result;
    result.model = model.name;
    result.seed = options.seed;
    result.replications = options.replications;
    result.interval_min = plan.interval;
    for (const auto& c : model.channels)
        result.channel_ids.push_back(c.id);
    result.currency = model.currency;  // for the outputs' cost labels
    for (std::size_t r = 0; r < replications; ++r) {
        detail::write_metrics(plan, stats[r], r, result);
        result.statistics.customers += stats[r].customers;
        result.statistics.events += stats[r].events;
    }
    if (options.intervals) result.intervals = interval_rows(plan, stats);
    detail::add_run_warnings(model, result);
    result.statistics.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace journeysim
