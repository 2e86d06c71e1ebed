#pragma once
// Figures as the terminal tables show them, by the metric catalogue's unit and decimals.
// Private to the report library.

#include <journeysim/compare.hpp>
#include <journeysim/metrics.hpp>
#include <journeysim/report.hpp>
#include <journeysim/result.hpp>

#include <fmt/format.h>

#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>

namespace journeysim::detail {

/// How a figure of `kind` is scaled for showing (shares as percentages).
inline double display_scale(const MetricKind& kind) {
    return kind.unit == Unit::Share ? 100.0 : 1.0;
}

/// "42.1 ± 1.3"; a share "87.8% ± 1.2"; "n/a" when undefined.
inline std::string figure(const Estimate& e, const MetricKind& kind) {
    std::string text = format_estimate(e, kind.decimals, display_scale(kind));
    if (kind.unit == Unit::Share && text != "n/a") text.insert(text.find(' '), "%");
    return text;
}

/// The figure of metric `kind` of `ids` in `result`: `missing` when the result has no such
/// metric.
inline std::string figure(const Result& result, const MetricKind& kind,
                          std::initializer_list<std::string_view> ids = {},
                          std::string_view missing = "n/a") {
    const Metric* m = result.find(kind, ids);
    if (m == nullptr) return std::string(missing);
    return figure(estimate(m->values), kind);
}

/// "+6.3 ± 0.3 *" — a paired difference; `*` marks an interval that excludes zero; shares in
/// percentage points ("+2.3% ± 0.4"); "n/a" when there is none.
inline std::string signed_figure(const MetricDelta* d, const MetricKind& kind) {
    if (d == nullptr || std::isnan(d->delta.mean)) return "n/a";
    const double scale = display_scale(kind);
    const double half = std::isnan(d->delta.high) ? 0 : (d->delta.high - d->delta.low) / 2;
    return fmt::format("{:+.{}f}{} ± {:.{}f}{}", d->delta.mean * scale, kind.decimals,
                       kind.unit == Unit::Share ? "%" : "", half * scale, kind.decimals,
                       d->significant ? " *" : "  ");
}

/// " (EUR)" after the label of a cost when the model gives its currency; empty otherwise.
inline std::string currency_note(const Result& result) {
    return result.currency.empty() ? std::string() : " (" + result.currency + ")";
}

/// A metric's label with its unit note ("average speed of answer (s)"), a cost's with the
/// currency ("cost total (EUR)").
inline std::string label_with_units(const MetricKind& kind, const Result& result) {
    return label_with_unit(kind) + (kind.unit == Unit::Money ? currency_note(result) : "");
}

/// The mean of metric `kind` of `ids`, NaN when undefined or missing.
inline double mean_of(const Result& result, const MetricKind& kind,
                      std::initializer_list<std::string_view> ids = {}) {
    const Metric* m = result.find(kind, ids);
    return m == nullptr ? std::nan("") : estimate(m->values).mean;
}

}  // namespace journeysim::detail
