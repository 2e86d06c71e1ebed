// Staffing: Erlang sizing of queue channels and the statistics read from a simulated result.
#include "planner.hpp"

namespace journeysim::staffing_detail {

// ---------------------------------------------------------------------------------------------
// Queueing helpers

bool queue_mode(ChannelMode mode) {
    return mode == ChannelMode::Live || mode == ChannelMode::Messaging ||
           mode == ChannelMode::InPerson;
}

/// Service level (answered within `within` / all arrivals) of an M/M/n(+M) queue.
double erlang_service_level(double lambda, double aht, double patience, int n, double within) {
    if (lambda <= 0) return 1.0;
    if (std::isfinite(patience)) return erlang_a(lambda, aht, patience, n).answered_within(within);
    return erlang_c(lambda, aht, n).service_level(within);
}

/// Fewest servers in [0, cap] meeting `share` within `within`; nullopt if `cap` does not.
std::optional<int> servers_for(double lambda, double aht, double patience, double share,
                               double within, int cap) {
    if (lambda <= 0 || aht <= 0) return 0;
    if (!std::isfinite(patience)) {
        return agents_for_service_level(lambda, aht, share, within, cap);
    }
    if (erlang_service_level(lambda, aht, patience, cap, within) < share) return std::nullopt;
    int lo = -1;   // fails (or none)
    int hi = cap;  // meets
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        if (erlang_service_level(lambda, aht, patience, mid, within) >= share) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    return hi;
}

/// Mean number waiting in an M/M/n(+M) queue.
double mean_queue(double lambda, double aht, double patience, int n) {
    if (lambda <= 0 || n <= 0) return 0;
    if (std::isfinite(patience)) return erlang_a(lambda, aht, patience, n).mean_queue;
    const ErlangC c = erlang_c(lambda, aht, n);
    return c.stable ? lambda * c.mean_wait : kInf;
}

/// Servers needed when the queue behaves as if handle times were `f` times longer, `f` chosen
/// so that the formula reproduces the measured service level with `n` servers.
int calibrated_servers(double lambda, double aht, double patience, double within, int n,
                       double achieved, double share, int cap) {
    double lo = std::log(1.0 / 8);
    double hi = std::log(8.0);
    for (int i = 0; i < 40; ++i) {
        const double mid = (lo + hi) / 2;
        if (erlang_service_level(lambda, aht * std::exp(mid), patience, n, within) > achieved) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    const double factor = std::exp((lo + hi) / 2);
    return servers_for(lambda, aht * factor, patience, share, within, cap).value_or(cap);
}

// ---------------------------------------------------------------------------------------------
// Statistics read from a result

const std::vector<double>& values_of(const Result& r, const MetricKind& kind,
                                     const std::string& id) {
    static const std::vector<double> none;
    const Metric* m = r.find(kind, {id});
    return m != nullptr ? m->values : none;
}

/// Mean over replications, NaN entries skipped.
double mean_of(const std::vector<double>& values) {
    double sum = 0;
    std::size_t n = 0;
    for (double v : values) {
        if (std::isnan(v)) continue;
        sum += v;
        ++n;
    }
    return n > 0 ? sum / static_cast<double>(n) : kNaN;
}

/// Appends the replications of `b` to `a` (same model, so the same metrics in the same order).
Result merge_results(Result a, const Result& b) {
    const double wa = a.replications;
    const double wb = b.replications;
    for (std::size_t i = 0; i < a.intervals.size() && i < b.intervals.size(); ++i) {
        IntervalRow& x = a.intervals[i];
        const IntervalRow& y = b.intervals[i];
        const double da = x.handled + x.abandoned;
        const double db = y.handled + y.abandoned;
        const auto pool = [&](double u, double wu, double v, double wv) {
            if (std::isnan(u)) return wv > 0 ? v : u;
            if (std::isnan(v)) return wu > 0 ? u : v;
            return wu + wv > 0 ? (u * wu + v * wv) / (wu + wv) : (u + v) / 2;
        };
        x.aht_s = pool(x.aht_s, wa * x.handled, y.aht_s, wb * y.handled);
        x.asa_s = pool(x.asa_s, wa * x.handled, y.asa_s, wb * y.handled);
        x.service_level = pool(x.service_level, wa * da, y.service_level, wb * db);
        x.offered = (x.offered * wa + y.offered * wb) / (wa + wb);
        x.handled = (x.handled * wa + y.handled * wb) / (wa + wb);
        x.abandoned = (x.abandoned * wa + y.abandoned * wb) / (wa + wb);
    }
    a.append_replications(b);
    a.statistics.customers += b.statistics.customers;
    a.statistics.events += b.statistics.events;
    a.statistics.seconds += b.statistics.seconds;
    return a;
}

/// Whole agents per interval whose running total never falls behind the running total of
/// `fluid` (fractional agents), so work is never planned later than the fluid plan has it.
std::vector<long long> rounded_cumulatively(const std::vector<double>& fluid) {
    std::vector<long long> out(fluid.size(), 0);
    double cumulative = 0;
    long long given = 0;
    for (std::size_t w = 0; w < fluid.size(); ++w) {
        cumulative += fluid[w];
        const auto due = static_cast<long long>(std::ceil(cumulative - 1e-6));
        out[w] = std::max(0LL, due - given);
        given += out[w];
    }
    return out;
}

}  // namespace journeysim::staffing_detail
