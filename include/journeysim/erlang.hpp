#pragma once
/// \file
/// Closed-form queueing formulas (Erlang B, C and A) and an exact birth–death solver for the
/// M/M/n+M queue, used as test oracles and for staffing. Throughout: rates are per minute,
/// times are in minutes, the offered load is in erlangs (arrival rate × mean handle time).
/// Formulas: Erlang B and C as in any queueing text; Erlang A after Garnett, Mandelbaum and
/// Reiman (2002), "Designing a call center with impatient customers", MSOM 4(3).

#include <optional>
#include <vector>

namespace journeysim {

/// Erlang B: the probability that an arrival finds all `agents` busy in a loss system
/// (M/M/n/n) offered `offered_load` erlangs. Computed with the recursion
/// B(k) = A·B(k−1) / (k + A·B(k−1)), stable for any number of agents.
/// Requires agents >= 0, offered_load >= 0.
double erlang_b(int agents, double offered_load);

/// Natural logarithm of Erlang B; finite where Erlang B itself underflows to 0 (−infinity only
/// when the offered load is 0 and agents > 0).
double log_erlang_b(int agents, double offered_load);

/// Measures of an M/M/n queue without abandonment (Erlang C). Waits are over all arrivals.
struct ErlangC {
    int agents = 0;
    double arrival_rate = 0;  ///< λ, per minute
    double handle_time = 0;   ///< mean handle time (AHT), minutes
    double offered_load = 0;  ///< A = λ·AHT, erlangs
    double occupancy = 0;     ///< A / n; 1 or more means the queue grows without bound
    bool stable = true;       ///< A < n (or no arrivals)
    double p_wait = 0;     ///< probability an arrival has to wait, C = n·B / (n − A·(1 − B))
    double mean_wait = 0;  ///< ASA = C·AHT / (n − A), minutes; +infinity when not stable

    /// P(W > t): the share of arrivals waiting longer than `t` minutes,
    /// C·exp(−(n − A)·t / AHT); 1 when not stable.
    double p_wait_longer(double t) const;

    /// Service level P(W <= within), `within` in minutes.
    double service_level(double within) const { return 1.0 - p_wait_longer(within); }
};

/// Erlang C for `arrival_rate` per minute, mean handle time `handle_time` minutes and `agents`
/// agents. With no arrivals every measure is 0.
ErlangC erlang_c(double arrival_rate, double handle_time, int agents);

/// Measures of an M/M/n+M queue (Erlang A): exponential handle time and exponential patience.
/// "Wait" is the time an arrival spends in queue until it is answered or abandons.
struct ErlangA {
    int agents = 0;
    double arrival_rate = 0;       ///< λ, per minute
    double handle_time = 0;        ///< mean handle time, minutes
    double mean_patience = 0;      ///< mean patience (1/θ), minutes; +infinity for none
    double p_wait = 0;             ///< P(W > 0): share of arrivals that find all agents busy
    double p_abandon = 0;          ///< share of all arrivals that abandon
    double p_abandon_if_wait = 0;  ///< P(abandon | W > 0)
    double mean_wait = 0;          ///< mean time in queue over all arrivals, minutes
    double mean_queue = 0;         ///< mean number waiting (λ × mean_wait)

    /// P(W > t): share of arrivals still waiting `t` minutes after arriving (closed form).
    double p_wait_longer(double t) const;

    /// Share of all arrivals that abandon within `t` minutes of arriving
    /// (θ × the integral of P(W > s) over [0, t], by adaptive quadrature).
    double abandoned_within(double t) const;

    /// Share of all arrivals answered within `t` minutes of arriving (including those answered
    /// at once): 1 − P(W > t) − abandoned_within(t).
    double answered_within(double t) const;
};

/// Erlang A for `arrival_rate` per minute, mean handle time `handle_time` minutes, mean
/// patience `mean_patience` minutes (+infinity: nobody abandons, i.e. Erlang C) and `agents`.
/// Works in logarithms and sums the J series outward from its largest term, so hundreds or
/// thousands of agents and heavy overload neither overflow nor lose precision.
/// With no arrivals every measure is 0.
ErlangA erlang_a(double arrival_rate, double handle_time, double mean_patience, int agents);

/// What has become of arrivals `t` minutes after they arrived, as shares of all arrivals.
struct WaitOutcome {
    double waiting = 0;    ///< still in queue
    double answered = 0;   ///< answered by then (including at once)
    double abandoned = 0;  ///< abandoned by then
};

/// The stationary distribution of an M/M/n+M queue, solved exactly as a birth–death chain
/// (birth rate λ; death rate min(k, n)·μ + max(k − n, 0)·θ in state k). The state space is
/// cut where the remaining tail probability is below 1e-15 of P(k >= n) (hence also below
/// 1e-15 overall). A cross-check for `erlang_a`.
struct BirthDeathQueue {
    int agents = 0;
    double arrival_rate = 0;   ///< λ, per minute
    double handle_time = 0;    ///< mean handle time, minutes
    double mean_patience = 0;  ///< minutes; +infinity for none
    bool stable = true;        ///< false when nobody abandons and λ·AHT >= n (no distribution)
    std::vector<double> probabilities;  ///< P(k customers in the system), k = 0, 1, ...
    double tail_bound = 0;              ///< upper bound on the probability of the states cut off
    double p_wait = 0;                  ///< P(W > 0) = P(k >= n) (arrivals see time averages)
    double p_abandon = 0;               ///< θ × mean_queue / λ
    double mean_wait = 0;               ///< mean_queue / λ (Little's law), minutes
    double mean_queue = 0;              ///< mean number waiting

    /// What has become of arrivals `t` minutes after arriving, by uniformisation of the
    /// tagged arrival's progress through the queue.
    WaitOutcome outcome_after(double t) const;
};

/// Solves M/M/n+M exactly (see `BirthDeathQueue`); units as for `erlang_a`.
BirthDeathQueue solve_birth_death(double arrival_rate, double handle_time, double mean_patience,
                                  int agents);

/// The fewest agents (0 … max_agents) for which the Erlang C service level P(W <= within)
/// reaches `target_share`; empty when even `max_agents` agents do not. `arrival_rate` per
/// minute, `handle_time` and `within` in minutes. With no arrivals: 0.
std::optional<int> agents_for_service_level(double arrival_rate, double handle_time,
                                            double target_share, double within, int max_agents);

}  // namespace journeysim
