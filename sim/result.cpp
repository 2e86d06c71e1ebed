#include <journeysim/result.hpp>

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
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

void Result::add(std::string path, std::vector<double> values) {
    auto parsed = parse_metric_path(path);
    if (!parsed) throw std::invalid_argument("no metric of the catalogue is at " + path);
    const std::size_t position = metrics_.size();
    if (!index_.emplace(path, position).second)
        throw std::invalid_argument("the result already has the metric at " + path);
    metrics_.push_back(
        Metric{std::move(path), parsed->kind, std::move(parsed->ids), std::move(values)});
}

void Result::add(const MetricKind& kind, std::initializer_list<std::string_view> ids,
                 std::vector<double> values) {
    std::string path = metric_path(kind, ids);
    const std::size_t position = metrics_.size();
    if (!index_.emplace(path, position).second)
        throw std::invalid_argument("the result already has the metric at " + path);
    metrics_.push_back(Metric{std::move(path), &kind,
                              std::vector<std::string>(ids.begin(), ids.end()), std::move(values)});
}

std::vector<double>& Result::values(std::size_t metric) {
    return metrics_.at(metric).values;
}

void Result::append_replications(const Result& more) {
    if (more.metrics_.size() != metrics_.size())
        throw std::invalid_argument("cannot append replications of a result with other metrics");
    for (std::size_t i = 0; i < metrics_.size(); ++i) {
        auto& values = metrics_[i].values;
        values.insert(values.end(), more.metrics_[i].values.begin(), more.metrics_[i].values.end());
    }
    replications += more.replications;
}

const Metric* Result::find(std::string_view path) const {
    return detail::find_indexed(index_, metrics_, path);
}

const Metric* Result::find(const MetricKind& kind,
                           std::initializer_list<std::string_view> ids) const {
    return find(metric_path(kind, ids));
}

Estimate Result::at(std::string_view path) const {
    const Metric* m = find(path);
    if (m == nullptr) throw std::out_of_range("no metric " + std::string(path));
    return estimate(m->values);
}

Estimate Result::at(const MetricKind& kind, std::initializer_list<std::string_view> ids) const {
    return at(metric_path(kind, ids));
}

std::vector<std::string> Result::ids_of(Scope scope, std::string_view within) const {
    std::vector<std::string> out;
    const std::size_t slot = within.empty() ? 0 : 1;
    for (const Metric& m : metrics_) {
        if (m.kind->scope != scope || m.ids.size() <= slot) continue;
        if (!within.empty() && m.ids[0] != within) continue;
        if (std::find(out.begin(), out.end(), m.ids[slot]) == out.end()) out.push_back(m.ids[slot]);
    }
    return out;
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
