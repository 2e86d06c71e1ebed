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
        case DistKind::Lognormal:
            if (d.mean > 0 && d.sd > 0) {
                const double s2 = std::log1p((d.sd * d.sd) / (d.mean * d.mean));
                a_ = std::log(d.mean) - s2 / 2;
                b_ = std::sqrt(s2);
            } else {
                constant(d.mean);
            }
            break;
        case DistKind::Normal:
            a_ = d.mean;
            b_ = d.sd;
            if (!(d.sd > 0)) constant(d.mean);
            break;
        case DistKind::Gamma:
            if (d.mean > 0 && d.sd > 0) {
                a_ = (d.mean * d.mean) / (d.sd * d.sd);
                b_ = (d.sd * d.sd) / d.mean;
            } else {
                constant(d.mean);
            }
            break;
        case DistKind::Uniform:
            a_ = d.min;
            b_ = d.max;
            if (!(d.max > d.min)) constant(d.min);
            break;
        case DistKind::Triangular:
            a_ = d.min;
            b_ = d.mode;
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
    double x = 0;
    switch (kind_) {
        case DistKind::Constant:
            x = a_;
            break;
        case DistKind::Exponential:
            x = boost::random::exponential_distribution<double>(a_)(engine);
            break;
        case DistKind::Lognormal:
            x = boost::random::lognormal_distribution<double>(a_, b_)(engine);
            break;
        case DistKind::Normal:
            x = boost::random::normal_distribution<double>(a_, b_)(engine);
            break;
        case DistKind::Gamma:
            x = boost::random::gamma_distribution<double>(a_, b_)(engine);
            break;
        case DistKind::Uniform:
            x = boost::random::uniform_real_distribution<double>(a_, b_)(engine);
            break;
        case DistKind::Triangular:
            x = boost::random::triangle_distribution<double>(a_, b_, c_)(engine);
            break;
        case DistKind::Empirical:
            if (histogram_) {
                const auto bin = static_cast<std::size_t>(bins_(engine));
                x = boost::random::uniform_real_distribution<double>(values_[bin],
                                                                     values_[bin + 1])(engine);
            } else {
                const auto i = boost::random::uniform_int_distribution<std::size_t>(
                    0, values_.size() - 1)(engine);
                x = values_[i];
            }
            break;
    }
    return nonnegative_ ? std::max(x, 0.0) : x;
}

}  // namespace journeysim::detail
