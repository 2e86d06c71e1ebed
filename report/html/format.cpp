// Numbers and names as the HTML report shows them: figures in their units with their
// intervals, shortened names, metric paths.

#include "html/report.hpp"

#include <journeysim/enum_names.hpp>
#include <journeysim/io.hpp>

#include <fmt/format.h>

#include <cmath>

namespace journeysim::detail::html {

namespace {

/// "12,345" (rounded).
std::string grouped(double value) {
    const double rounded = std::round(value);
    if (!std::isfinite(rounded) || std::abs(rounded) >= 1e15) return fmt::format("{:.0f}", value);
    std::string digits = fmt::format("{:.0f}", std::abs(rounded));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (rounded < 0 ? "\u2212" : "") + out;
}

}  // namespace

bool undefined(const Estimate& e) {
    return e.count == 0 || std::isnan(e.mean);
}

std::string number(double value, Unit unit, bool sign) {
    if (std::isnan(value)) return "n/a";
    std::string text;
    const double magnitude = std::abs(value);
    switch (unit) {
        case Unit::Points:
            text = fmt::format("{:.1f}", magnitude);
            break;
        case Unit::Share:
            text = fmt::format("{:.1f}", magnitude * 100);
            break;
        case Unit::Count:
            text = grouped(magnitude);
            break;
        case Unit::Money:
            text = magnitude >= 1000 ? grouped(magnitude) : fmt::format("{:.2f}", magnitude);
            break;
        case Unit::Ratio:
        case Unit::Score:
        case Unit::Minutes:
            text = fmt::format("{:.2f}", magnitude);
            break;
        case Unit::Hours:
        case Unit::Agents:
        case Unit::PerHour:
            text = fmt::format("{:.1f}", magnitude);
            break;
        case Unit::Seconds:
            text = fmt::format("{:.0f}", magnitude);
            break;
    }
    if (text.find_first_not_of("0.,") == std::string::npos) return text;  // rounds to zero
    if (value < 0) return "\u2212" + text;
    return sign ? "+" + text : text;
}

std::string suffix(Unit unit, bool difference) {
    if (difference && unit == Unit::Share) return " pp";
    static constexpr EnumText<Unit> suffixes[] = {
        {Unit::Share, "%"}, {Unit::Hours, " h"}, {Unit::Minutes, " min"}, {Unit::Seconds, " s"}};
    return text_of(suffixes, unit);
}

std::string with_ci(const Estimate& e, Unit unit, bool difference) {
    if (undefined(e)) return "n/a";
    const double half = std::isnan(e.high) ? 0 : (e.high - e.low) / 2;
    // Large sums of money are whole numbers, and so is their interval.
    const std::string half_text =
        unit == Unit::Money && std::abs(e.mean) >= 1000 ? grouped(half) : number(half, unit);
    return number(e.mean, unit, difference) + suffix(unit, difference) + " \u00b1 " + half_text;
}

std::optional<Estimate> estimate_at(const Result& result, const MetricRef& metric) {
    const Metric* m = result.find(metric.path);
    if (m == nullptr) return std::nullopt;
    Estimate e = estimate(m->values);
    if (undefined(e)) return std::nullopt;
    return e;
}

std::string display(const std::string& label, const std::string& id) {
    return display_name(label.empty() ? id : label);
}

std::string with_full_name(const std::string& shown, const std::string& full) {
    if (shown == full) return escape_html(shown);
    return "<span title=\"" + escape_html(full) + "\">" + escape_html(shown) + "</span>";
}

std::string capitalised(std::string_view label) {
    std::string out(label);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

}  // namespace journeysim::detail::html
