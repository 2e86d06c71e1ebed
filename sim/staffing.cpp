// Staffing planning: demand from a simulation, an Erlang start, and verification rounds that
// correct the plan by simulation. The method is described in docs/staffing.md.
#include <journeysim/erlang.hpp>
#include <journeysim/error.hpp>
#include <journeysim/simulate.hpp>
#include <journeysim/staffing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace journeysim {

const char* to_string(ShortfallReason reason) {
    switch (reason) {
        case ShortfallReason::Cap: return "cap";
        case ShortfallReason::NoWorkingTime: return "no_working_time";
        case ShortfallReason::StillShort: return "still_short";
    }
    return "still_short";
}

std::size_t StaffingPlan::intervals() const {
    return static_cast<std::size_t>(std::llround(kMinutesPerWeek / interval_min));
}

std::string StaffingPlan::interval_label(std::size_t w) const {
    return format_clock(static_cast<double>(w) * interval_min);
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Decisions to add or remove agents are taken only when the measured service level differs
/// from the target by more than this many standard errors. With a few hundred intervals per
/// channel, 3 keeps the expected number of changes caused by noise alone well below one.
constexpr double kDecisionZ = 3.0;

// ---------------------------------------------------------------------------------------------
// Target parsing

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || end != last || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                               diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

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
    int lo = -1;  // fails (or none)
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

std::string channel_path(const Model& m, Index c, const char* leaf) {
    return "/channels/" + json_pointer_token(m.channels[c].id) + "/" + leaf;
}

std::string team_path(const Model& m, Index t, const char* leaf) {
    return "/teams/" + json_pointer_token(m.teams[t].id) + "/" + leaf;
}

const std::vector<double>& values_of(const Result& r, const std::string& path) {
    static const std::vector<double> none;
    const Metric* m = r.find(path);
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
    for (std::size_t i = 0; i < a.metrics.size() && i < b.metrics.size(); ++i) {
        auto& values = a.metrics[i].values;
        values.insert(values.end(), b.metrics[i].values.begin(), b.metrics[i].values.end());
    }
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
    a.replications += b.replications;
    a.statistics.customers += b.statistics.customers;
    a.statistics.events += b.statistics.events;
    a.statistics.seconds += b.statistics.seconds;
    return a;
}

// ---------------------------------------------------------------------------------------------
// The planner

