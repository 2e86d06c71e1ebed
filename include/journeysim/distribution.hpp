#pragma once
/// \file
/// Probability distributions as they appear in a model file.

#include <journeysim/enum_names.hpp>

#include <string>
#include <utility>
#include <vector>

namespace journeysim {

/// The families a model may use for durations, patience and scores.
enum class DistKind {
    Constant,
    Exponential,
    Lognormal,
    Normal,
    Gamma,
    Uniform,
    Triangular,
    Empirical
};
JOURNEYSIM_ENUM_NAMES(DistKind, "constant", "exponential", "lognormal", "normal", "gamma",
                      "uniform", "triangular", "empirical");

/// The unit a distribution's numbers were written in. Durations are stored in minutes
/// whatever the file used; `None` marks a unitless quantity such as a likelihood-to-recommend.
enum class TimeUnit { None, Seconds, Minutes, Hours, Days };

/// A distribution, parameters already converted to minutes (durations) or left as is (unitless).
///
/// Which fields are used depends on `kind`:
/// - Constant: `mean` (the value)
/// - Exponential: `mean`
/// - Lognormal, Normal, Gamma: `mean`, `sd` (of the variable itself, not of its logarithm)
/// - Uniform: `min`, `max`
/// - Triangular: `min`, `mode`, `max`
/// - Empirical: `values` (sampled with equal weight) or, when `histogram` is set,
///   `values` are bin edges (n+1) and `weights` the bin weights (n); a value is drawn
///   uniformly within the chosen bin.
/// Normal samples used as durations are truncated at zero.
struct Distribution {
    DistKind kind = DistKind::Constant;
    TimeUnit unit = TimeUnit::None;  ///< the unit the file used, kept for saving and display
    double mean = 0;
    double sd = 0;
    double min = 0;
    double mode = 0;
    double max = 0;
    bool histogram = false;
    std::vector<double> values;
    std::vector<double> weights;

    /// The expected value, in stored units (minutes for durations): `mean` for constant,
    /// exponential, lognormal, gamma and normal (for a normal duration this is the mean as
    /// stored, not of the distribution truncated at zero), (min + max) / 2 for uniform,
    /// (min + mode + max) / 3 for triangular, the average of `values` for empirical, and for a
    /// histogram the weight-averaged bin midpoint. NaN when an empirical distribution is
    /// empty or inconsistent.
    double expected() const;

    bool operator==(const Distribution&) const = default;
};

/// Limits the loader enforces on distribution parameters, so that every distribution it accepts
/// can be drawn from: the samplers divide by means, and derive a lognormal's sigma and a gamma's
/// shape from the coefficient of variation sd / mean.
/// A duration parameter (stored in minutes) is at most ten years.
inline constexpr double kMaxDurationMinutes = 10 * 365.25 * 1440;
/// A parameter that must be positive (an exponential's mean, a lognormal's or gamma's mean and
/// sd) is at least one microsecond.
inline constexpr double kMinPositiveDurationMinutes = 1e-6 / 60;
/// A unitless parameter (a likelihood-to-recommend) lies within a million of zero.
inline constexpr double kMaxUnitless = 1e6;
/// The sd of a lognormal or gamma distribution lies between these multiples of its mean.
inline constexpr double kMinCoefficientOfVariation = 1e-3;
inline constexpr double kMaxCoefficientOfVariation = 100;

/// Minutes in one of `unit`; 1 for `None`.
double minutes_per(TimeUnit unit);

/// Suffix used in a model file for `unit` ("_min"); empty for `None`.
const char* suffix_of(TimeUnit unit);

}  // namespace journeysim
