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

double minutes_per(TimeUnit unit) {
    switch (unit) {
        case TimeUnit::None:
            return 1.0;
        case TimeUnit::Seconds:
            return 1.0 / 60.0;
        case TimeUnit::Minutes:
            return 1.0;
        case TimeUnit::Hours:
            return 60.0;
        case TimeUnit::Days:
            return 1440.0;
    }
    return 1.0;
}

const char* suffix_of(TimeUnit unit) {
    switch (unit) {
        case TimeUnit::None:
            return "";
        case TimeUnit::Seconds:
            return "_s";
        case TimeUnit::Minutes:
            return "_min";
        case TimeUnit::Hours:
            return "_h";
        case TimeUnit::Days:
            return "_d";
    }
    return "";
}

}  // namespace journeysim
