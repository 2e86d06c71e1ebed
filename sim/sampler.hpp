#pragma once
/// \file
/// A model `Distribution` compiled for fast, allocation-free sampling with Boost.Random.

#include "random.hpp"

#include <journeysim/distribution.hpp>

#include <boost/random/discrete_distribution.hpp>

#include <vector>

namespace journeysim::detail {

/// Draws values of one distribution. Immutable after construction, so one sampler may be shared
/// by all replication threads. Durations (`nonnegative`) are truncated at zero.
class Sampler {
  public:
    Sampler() = default;  ///< always 0
    Sampler(const Distribution& distribution, bool nonnegative);

    /// One value (minutes for durations).
    double operator()(Engine& engine) const;

    /// True when every draw is the same value (no random number is consumed).
    bool is_constant() const { return kind_ == DistKind::Constant; }
    /// The expected value (before truncation).
    double mean() const { return mean_; }

  private:
    DistKind kind_ = DistKind::Constant;
    bool nonnegative_ = false;
    double a_ = 0;  // constant value, exponential rate, log-mean, normal mean, gamma shape, min
    double b_ = 0;  // log-sd, normal sd, gamma scale, mode (triangular) or max (uniform)
    double c_ = 0;  // max (triangular)
    double mean_ = 0;
    std::vector<double> values_;  // empirical values, or histogram bin edges
    boost::random::discrete_distribution<int, double> bins_;
    bool histogram_ = false;
};

}  // namespace journeysim::detail
