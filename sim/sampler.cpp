#include "sampler.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <algorithm>
#include <cmath>

namespace journeysim::detail {

namespace {

/// One draw from the Boost distribution `Dist<double>` made with `params`: it lives on the
/// stack for the draw (nothing allocates), so a sampler keeps only the parameters.
template <template <class> class Dist, typename... Params>
double draw_with(Engine& engine, Params... params) {
    return Dist<double>(params...)(engine);
}

}  // namespace

Sampler::Sampler(const Distribution& d, bool nonnegative)
    : kind_(d.kind), nonnegative_(nonnegative), mean_(d.expected()) {
    // Parameters the distribution cannot be drawn from leave a constant `value`.
    auto constant = [this](double value) {
        kind_ = DistKind::Constant;
        a_ = value;
    };
    switch (d.kind) {
        case DistKind::Constant:
            a_ = d.mean;
            break;
        case DistKind::Exponential:
            if (d.mean > 0) {
                a_ = 1.0 / d.mean;
            } else {
                constant(0);
            }
            break;
        case DistKind::Normal:
            a_ = d.mean;
            b_ = d.sd;
            if (!(d.sd > 0)) constant(d.mean);
            break;
        case DistKind::Lognormal:
        case DistKind::Gamma:
            // Both are given by a positive mean and sd.
            if (!(d.mean > 0 && d.sd > 0)) {
                constant(d.mean);
            } else if (d.kind == DistKind::Lognormal) {
                const double s2 = std::log1p((d.sd * d.sd) / (d.mean * d.mean));
                a_ = std::log(d.mean) - s2 / 2;
                b_ = std::sqrt(s2);
            } else {
                a_ = (d.mean * d.mean) / (d.sd * d.sd);
                b_ = (d.sd * d.sd) / d.mean;
            }
            break;
        case DistKind::Uniform:
        case DistKind::Triangular:
            // Both lie between `min` and `max`; a triangle peaks at `mode` (uniform: c_ unused).
            a_ = d.min;
            b_ = d.kind == DistKind::Triangular ? d.mode : d.max;
            c_ = d.max;
            if (!(d.max > d.min)) constant(d.min);
            break;
        case DistKind::Empirical:
            values_ = d.values;
            histogram_ = d.histogram;
            if (histogram_) {
                if (d.weights.empty() || d.values.size() != d.weights.size() + 1) {
                    constant(0);
                } else {
                    bins_ = boost::random::discrete_distribution<int, double>(d.weights.begin(),
                                                                              d.weights.end());
                }
            } else if (values_.size() <= 1) {
                constant(values_.empty() ? 0 : values_.front());
            }
            break;
    }
}

double Sampler::operator()(Engine& engine) const {
    using namespace boost::random;
    const double x = [&] {
        switch (kind_) {
            case DistKind::Constant:
                return a_;
            case DistKind::Exponential:
                return draw_with<exponential_distribution>(engine, a_);
            case DistKind::Lognormal:
                return draw_with<lognormal_distribution>(engine, a_, b_);
            case DistKind::Normal:
                return draw_with<normal_distribution>(engine, a_, b_);
            case DistKind::Gamma:
                return draw_with<gamma_distribution>(engine, a_, b_);
            case DistKind::Uniform:
                return draw_with<uniform_real_distribution>(engine, a_, b_);
            case DistKind::Triangular:
                return draw_with<triangle_distribution>(engine, a_, b_, c_);
            case DistKind::Empirical:
                if (histogram_) {
                    const auto bin = static_cast<std::size_t>(bins_(engine));
                    return draw_with<uniform_real_distribution>(engine, values_[bin],
                                                                values_[bin + 1]);
                }
                return values_[uniform_int_distribution<std::size_t>(0,
                                                                     values_.size() - 1)(engine)];
        }
        return 0.0;
    }();
    return nonnegative_ ? std::max(x, 0.0) : x;
}

}  // namespace journeysim::detail
