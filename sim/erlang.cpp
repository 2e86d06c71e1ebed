#include <journeysim/erlang.hpp>

#include <boost/math/quadrature/gauss_kronrod.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace journeysim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// log(1 + e^z) without overflow.
double log1p_exp(double z) {
    return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

/// Sums of the Erlang A series J(x, y) = Σ_{j≥0} y^j / Π_{k=1..j}(x + k).
struct JSeries {
    double log_j = 0;    ///< log J
    double abandon = 0;  ///< Σ t_j·(j + 1)/(x + j + 1) / J: P(abandon | wait)
};

/// Sums the J series outward from its largest term (at j* = max(0, ⌊y − x⌋)), with terms scaled
/// by that term, so neither the terms nor the sum overflow; both tails stop when the bound on
/// what is left (a geometric series, since the term ratios keep shrinking) is negligible.
///
/// P(abandon | wait) = 1/(ρJ) + 1 − 1/ρ cancels badly when few wait; it equals
/// Σ t_j·(j + 1)/(x + j + 1) / J (an arrival with j ahead abandons with probability
/// (j + 1)/(x + j + 1)), a sum of positive terms, which is what is summed here.
JSeries j_series(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {nan, nan};  // out of the documented domain; never loop on NaN
    }
    if (y <= 0) return {0.0, 1.0 / (x + 1.0)};
    constexpr double kNegligible = 1e-18;
    const double peak = std::max(0.0, std::floor(y - x));
    // log t_{j*} = Σ_{k=1..j*} log(y/(x + k)); for long sums lgamma is both faster and more
    // accurate than adding up the logarithms.
    double log_peak = 0;
    if (peak <= 64) {
        for (double k = 1; k <= peak; k += 1)
            log_peak += std::log(y / (x + k));
    } else {
        log_peak = peak * std::log(y) - (std::lgamma(x + peak + 1.0) - std::lgamma(x + 1.0));
    }

    double sum = 1.0;
    double abandon = (peak + 1.0) / (x + peak + 1.0);
    double term = 1.0;
    for (double j = peak + 1;; j += 1) {
        term *= y / (x + j);
        sum += term;
        abandon += term * (j + 1.0) / (x + j + 1.0);
        const double ratio = y / (x + j + 1.0);
        if (term * ratio / (1.0 - ratio) < kNegligible * sum) break;
    }
    term = 1.0;
    for (double j = peak; j >= 1; j -= 1) {
        term *= (x + j) / y;  // t_{j-1} from t_j
        sum += term;
        abandon += term * j / (x + j);
        const double ratio = (x + j - 1.0) / y;
        if (ratio < 1.0 && term * ratio / (1.0 - ratio) < kNegligible * sum) break;
    }
    return {log_peak + std::log(sum), abandon / sum};
}

}  // namespace

double log_erlang_b(int agents, double offered_load) {
    assert(agents >= 0 && offered_load >= 0);
    if (agents == 0) return 0.0;
    if (offered_load <= 0) return -kInf;
    // log(1/B(k)) = log(1 + (k/A)/B(k−1)), the Erlang B recursion in logarithms.
    double log_inverse = 0;
    for (int k = 1; k <= agents; ++k) {
        log_inverse = log1p_exp(std::log(k / offered_load) + log_inverse);
    }
    return -log_inverse;
}

double erlang_b(int agents, double offered_load) {
    assert(agents >= 0 && offered_load >= 0);
    double b = 1.0;
    for (int k = 1; k <= agents; ++k)
        b = offered_load * b / (k + offered_load * b);
    return b;
}

double ErlangC::p_wait_longer(double t) const {
    if (t < 0) return 1.0;
    if (!stable) return 1.0;
    if (t == 0 || p_wait == 0) return p_wait;
    return p_wait * std::exp(-(agents - offered_load) * t / handle_time);
}

ErlangC erlang_c(double arrival_rate, double handle_time, int agents) {
    assert(arrival_rate >= 0 && handle_time >= 0 && agents >= 0);
    ErlangC c;
    c.agents = agents;
    c.arrival_rate = arrival_rate;
    c.handle_time = handle_time;
    c.offered_load = arrival_rate * handle_time;
    c.occupancy = agents > 0 ? c.offered_load / agents : (c.offered_load > 0 ? kInf : 0.0);
    if (arrival_rate == 0 || handle_time == 0) return c;
    const double n = agents;
    const double a = c.offered_load;
    if (a >= n) {
        c.stable = false;
        c.p_wait = 1.0;
        c.mean_wait = kInf;
        return c;
    }
    const double b = erlang_b(agents, a);
    c.p_wait = n * b / (n - a * (1.0 - b));
    c.mean_wait = c.p_wait * handle_time / (n - a);
    return c;
}

double ErlangA::p_wait_longer(double t) const {
    if (t < 0) return 1.0;
    if (arrival_rate == 0) return 0.0;
    if (std::isinf(mean_patience))
        return erlang_c(arrival_rate, handle_time, agents).p_wait_longer(t);
    if (t == 0 || p_wait == 0) return p_wait;
    if (mean_patience == 0) return 0.0;
    // P(W > t) = P(W > 0)·exp(−(x + 1)·θt + y·(1 − e^{−θt}))·J(x, y·e^{−θt}) / J(x, y): the
    // offered wait of an arrival with j ahead is a sum of exponentials with rates θ(x + i),
    // i = 0..j, and the arrival is still there at t only if its patience also exceeds t.
    const double x = agents * mean_patience / handle_time;
    const double y = arrival_rate * mean_patience;
    const double s = t / mean_patience;
    const double log_p = std::log(p_wait) - (x + 1.0) * s - y * std::expm1(-s) +
                         j_series(x, y * std::exp(-s)).log_j - j_series(x, y).log_j;
    return std::exp(log_p);
}

double ErlangA::abandoned_within(double t) const {
    if (t <= 0 || arrival_rate == 0 || std::isinf(mean_patience)) return 0.0;
    if (mean_patience == 0 || std::isinf(t)) return p_abandon;
    using Quadrature = boost::math::quadrature::gauss_kronrod<double, 31>;
    // The tolerance sits above the rounding noise of P(W > s) under heavy overload (where
    // log J is large), so the adaptive subdivision stops.
    const double integral =
        Quadrature::integrate([this](double s) { return p_wait_longer(s); }, 0.0, t, 12, 1e-11);
    return std::min(p_abandon, integral / mean_patience);
}

double ErlangA::answered_within(double t) const {
    if (t < 0) return 0.0;
    // Clamped: under heavy overload the difference is within rounding of 0.
    return std::clamp(1.0 - p_wait_longer(t) - abandoned_within(t), 0.0, 1.0);
}

ErlangA erlang_a(double arrival_rate, double handle_time, double mean_patience, int agents) {
    assert(arrival_rate >= 0 && handle_time > 0 && mean_patience >= 0 && agents >= 0);
    ErlangA r;
    r.agents = agents;
    r.arrival_rate = arrival_rate;
    r.handle_time = handle_time;
    r.mean_patience = mean_patience;
    if (arrival_rate == 0) return r;
    const double load = arrival_rate * handle_time;
    if (std::isinf(mean_patience)) {
        const ErlangC c = erlang_c(arrival_rate, handle_time, agents);
        r.p_wait = c.p_wait;
        r.mean_wait = c.mean_wait;
        r.mean_queue = arrival_rate * c.mean_wait;
        return r;
    }
    const double log_b = log_erlang_b(agents, load);
    if (mean_patience == 0) {
        // Whoever finds every agent busy leaves at once: a loss system.
        r.p_wait = std::exp(log_b);
        r.p_abandon = r.p_wait;
        r.p_abandon_if_wait = 1.0;
        return r;
    }
    const double x = agents * mean_patience / handle_time;  // nμ/θ
    const double y = arrival_rate * mean_patience;          // λ/θ
    const JSeries j = j_series(x, y);
    // P(W > 0) = J·B / (1 + (J − 1)·B) = 1 / (1/(J·B) + 1 − 1/J).
    r.p_wait = 1.0 / (std::exp(-(j.log_j + log_b)) - std::expm1(-j.log_j));
    r.p_abandon_if_wait = j.abandon;
    r.p_abandon = r.p_wait * j.abandon;
    r.mean_wait = r.p_abandon * mean_patience;
    r.mean_queue = arrival_rate * r.mean_wait;
    return r;
}

BirthDeathQueue solve_birth_death(double arrival_rate, double handle_time, double mean_patience,
                                  int agents) {
    assert(arrival_rate >= 0 && handle_time > 0 && mean_patience > 0 && agents >= 0);
    BirthDeathQueue q;
    q.agents = agents;
    q.arrival_rate = arrival_rate;
    q.handle_time = handle_time;
    q.mean_patience = mean_patience;
    const double mu = 1.0 / handle_time;
    const double theta = 1.0 / mean_patience;  // 0 when patience is infinite
    const double n = agents;
    if (arrival_rate == 0) {
        q.probabilities = {1.0};
        return q;
    }
    if (theta == 0 && arrival_rate >= n * mu) {
        q.stable = false;
        q.p_wait = 1.0;
        q.mean_wait = kInf;
        q.mean_queue = kInf;
        return q;
    }

    // Unnormalised log probabilities; the birth/death ratio only falls as k grows, so the
    // distribution is unimodal and, once the ratio r is below 1, the tail after state k is at
    // most w_k·r/(1 − r).
    constexpr double kTail = 1e-15;
    constexpr std::size_t kMaxStates = 50'000'000;
    std::vector<double> log_weight{0.0};
    double log_max = 0;
    double sum = 1.0;  // Σ exp(log_weight − log_max), rescaled when the maximum moves
    double log_wait_peak = agents == 0 ? 0.0 : -kInf;  // largest log weight with k >= n
    const auto death_rate = [&](double k) {
        return std::min(k, n) * mu + std::max(k - n, 0.0) * theta;
    };
    while (true) {
        const double k = static_cast<double>(log_weight.size());
        const double log_w = log_weight.back() + std::log(arrival_rate / death_rate(k));
        log_weight.push_back(log_w);
        if (log_w > log_max) {
            sum = sum * std::exp(log_max - log_w) + 1.0;
            log_max = log_w;
        } else {
            sum += std::exp(log_w - log_max);
        }
        const double ratio = arrival_rate / death_rate(k + 1);
        if (k >= n) log_wait_peak = std::max(log_wait_peak, log_w);
        if (k >= n && ratio < 1.0) {
            // Cut relative to P(k >= n), which is at least its largest term (so also relative
            // to the total); this keeps the queue measures accurate when hardly anyone waits.
            const double tail = ratio / (1.0 - ratio);
            if (std::exp(log_w - log_wait_peak) * tail < kTail) {
                q.tail_bound = std::exp(log_w - log_max) * tail / sum;
                break;
            }
        }
        if (log_weight.size() >= kMaxStates) {
            q.tail_bound =
                ratio < 1.0 ? std::exp(log_w - log_max) * ratio / (1.0 - ratio) / sum : 1.0;
            break;
        }
    }
    q.probabilities.resize(log_weight.size());
    for (std::size_t k = 0; k < log_weight.size(); ++k) {
        q.probabilities[k] = std::exp(log_weight[k] - log_max) / sum;
    }

    for (std::size_t k = 0; k < q.probabilities.size(); ++k) {
        const double waiting = static_cast<double>(k) - n;
        if (waiting >= 0) q.p_wait += q.probabilities[k];
        if (waiting > 0) q.mean_queue += waiting * q.probabilities[k];
    }
    q.mean_wait = q.mean_queue / arrival_rate;
    q.p_abandon = theta * q.mean_queue / arrival_rate;
    return q;
}

WaitOutcome BirthDeathQueue::outcome_after(double t) const {
    WaitOutcome out;
    if (!stable) {
        out.waiting = 1.0;
        return out;
    }
    const std::size_t n = static_cast<std::size_t>(agents);
    // The tagged arrival starts with j = k − n customers ahead of it (arrivals see time
    // averages). With j ahead it moves up at rate nμ + jθ (from j = 0: answered at rate nμ)
    // and abandons at rate θ.
    std::vector<double> ahead;
    for (std::size_t k = 0; k < probabilities.size(); ++k) {
        if (k < n) {
            out.answered += probabilities[k];
        } else {
            ahead.push_back(probabilities[k]);
        }
    }
    if (t <= 0 || ahead.empty()) {
        for (const double p : ahead)
            out.waiting += p;
        return out;
    }
    const double mu = 1.0 / handle_time;
    const double theta = 1.0 / mean_patience;
    const double service = static_cast<double>(agents) * mu;
    const double rate = service + static_cast<double>(ahead.size()) * theta;  // ≥ every exit rate
    if (rate == 0) {
        for (const double p : ahead)
            out.waiting += p;
        return out;
    }
    // Uniformisation: a Poisson(rate·t) number of steps of the embedded chain.
    const double mean_steps = rate * t;
    const double last_step = mean_steps + 20.0 * std::sqrt(mean_steps) + 50.0;
    std::vector<double> next(ahead.size());
    double answered = 0;
    double abandoned = 0;
    for (double step = 0; step <= last_step; step += 1) {
        const double log_weight = -mean_steps + step * std::log(mean_steps) - std::lgamma(step + 1);
        const double weight = std::exp(log_weight);
        double still = 0;
        for (const double p : ahead)
            still += p;
        out.waiting += weight * still;
        out.answered += weight * answered;
        out.abandoned += weight * abandoned;
        // One step of the embedded chain.
        std::fill(next.begin(), next.end(), 0.0);
        for (std::size_t j = 0; j < ahead.size(); ++j) {
            const double move = (service + static_cast<double>(j) * theta) / rate;
            const double leave = theta / rate;
            if (j == 0) {
                answered += ahead[j] * move;
            } else {
                next[j - 1] += ahead[j] * move;
            }
            abandoned += ahead[j] * leave;
            next[j] += ahead[j] * (1.0 - move - leave);
        }
        ahead.swap(next);
    }
    // Poisson mass beyond the last step (far below 1e-15) is dropped.
    return out;
}

std::optional<int> agents_for_service_level(double arrival_rate, double handle_time,
                                            double target_share, double within, int max_agents) {
    assert(arrival_rate >= 0 && handle_time >= 0 && within >= 0 && max_agents >= 0);
    if (arrival_rate == 0 || handle_time == 0 || target_share <= 0) return 0;
    const double load = arrival_rate * handle_time;
    double b = 1.0;  // Erlang B for `agents`, updated by its recursion
    for (int agents = 1; agents <= max_agents; ++agents) {
        b = load * b / (agents + load * b);
        if (load >= agents) continue;
        const double n = agents;
        const double p_wait = n * b / (n - load * (1.0 - b));
        const double level = 1.0 - p_wait * std::exp(-(n - load) * within / handle_time);
        if (level >= target_share) return agents;
    }
    return std::nullopt;
}

}  // namespace journeysim
