#include <journeysim/distribution.hpp>

#include <limits>
#include <numeric>

namespace journeysim {

double Distribution::expected() const {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    switch (kind) {
        case DistKind::Constant:
        case DistKind::Exponential:
        case DistKind::Lognormal:
        case DistKind::Normal:  // the mean as stored, ignoring truncation at zero
        case DistKind::Gamma:
            return mean;
        case DistKind::Uniform:
            return (min + max) / 2;
        case DistKind::Triangular:
            return (min + mode + max) / 3;
        case DistKind::Empirical:
            if (!histogram) {
                if (values.empty()) return kNaN;
                return std::accumulate(values.begin(), values.end(), 0.0) /
                       static_cast<double>(values.size());
            } else {
                if (weights.empty() || values.size() != weights.size() + 1) return kNaN;
                double weighted = 0;
                double total = 0;
                for (std::size_t bin = 0; bin < weights.size(); ++bin) {
                    weighted += weights[bin] * (values[bin] + values[bin + 1]) / 2;
                    total += weights[bin];
                }
                return total > 0 ? weighted / total : kNaN;
            }
    }
    return kNaN;
}

namespace {

/// A time unit's suffix on parameter names and its length in minutes.
struct UnitFacts {
    TimeUnit unit;
    const char* suffix;
    double minutes;
};

constexpr UnitFacts kUnitFacts[] = {{TimeUnit::None, "", 1.0},
                                    {TimeUnit::Seconds, "_s", 1.0 / 60.0},
                                    {TimeUnit::Minutes, "_min", 1.0},
                                    {TimeUnit::Hours, "_h", 60.0},
                                    {TimeUnit::Days, "_d", 1440.0}};

/// The facts of `unit`; those of `None` (no suffix, 1) for a value outside the enum.
const UnitFacts& facts_of(TimeUnit unit) {
    for (const auto& facts : kUnitFacts) {
        if (facts.unit == unit) return facts;
    }
    return kUnitFacts[0];
}

}  // namespace

double minutes_per(TimeUnit unit) {
    return facts_of(unit).minutes;
}

const char* suffix_of(TimeUnit unit) {
    return facts_of(unit).suffix;
}

}  // namespace journeysim
