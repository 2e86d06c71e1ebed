#include <journeysim/result.hpp>

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace journeysim {

Estimate estimate(const std::vector<double>& values) {
    return estimate(values, 0.95);
}

Estimate estimate(const std::vector<double>& values, double level) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    std::size_t n = 0;
    double sum = 0;
    for (double v : values) {
        if (std::isnan(v)) continue;
        ++n;
        sum += v;
    }
    Estimate e;
    e.count = n;
    if (n == 0) {
        e.mean = e.low = e.high = kNaN;
        return e;
    }
    e.mean = sum / static_cast<double>(n);
    if (n == 1) {
        e.low = e.high = e.mean;
        return e;
    }
    double squares = 0;
    for (double v : values) {
        if (!std::isnan(v)) squares += (v - e.mean) * (v - e.mean);
    }
    const double sd = std::sqrt(squares / static_cast<double>(n - 1));
    const boost::math::students_t t(static_cast<double>(n - 1));
    const double q = boost::math::quantile(t, 0.5 + level / 2);
    const double half = q * sd / std::sqrt(static_cast<double>(n));
    e.low = e.mean - half;
    e.high = e.mean + half;
    return e;
}

const Metric* Result::find(std::string_view path) const {
    for (const auto& m : metrics) {
        if (m.path == path) return &m;
    }
    return nullptr;
}

Estimate Result::at(std::string_view path) const {
    const Metric* m = find(path);
    if (m == nullptr) throw std::out_of_range("no metric " + std::string(path));
    return estimate(m->values);
}

std::string json_pointer_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace journeysim
