#include <journeysim/report.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>

namespace journeysim {

std::string csv_field(std::string_view text) {
    // A spreadsheet evaluates a cell that starts like a formula (OWASP "CSV injection"): such
    // a cell gets a leading single quote, which shows it as text, and is quoted.
    const bool formula =
        !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    if (!formula && text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string out = formula ? "\"'" : "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

namespace {

/// A number for CSV: shortest form that reads back to the same double; empty when undefined.
std::string number(double value) {
    if (!std::isfinite(value)) return {};
    return fmt::format("{}", value);
}

/// A mean for the interval table: at most 4 decimals.
std::string rounded(double value) {
    if (!std::isfinite(value)) return {};
    std::string text = fmt::format("{:.4f}", value);
    while (!text.empty() && text.back() == '0')
        text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    if (text == "-0") text = "0";
    return text;
}

}  // namespace

std::string simulation_date(std::size_t day) {
    using namespace std::chrono;
    const sys_days first = year{2024} / January / 1;  // a Monday
    const year_month_day date{first + days{static_cast<long>(day)}};
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::string result_to_csv(const Result& result) {
    std::string out = "path,mean,ci_low,ci_high,unit\n";
    for (const Metric& metric : result.metrics()) {
        const Estimate e = estimate(metric.values);
        // A cost's unit is the model's currency when it gives one.
        const std::string unit = metric.kind->unit == Unit::Money && !result.currency.empty()
                                     ? csv_field(result.currency)
                                     : std::string(unit_name(metric.kind->unit));
        out += fmt::format("{},{},{},{},{}\n", csv_field(metric.path), number(e.mean),
                           number(e.low), number(e.high), unit);
    }
    return out;
}

std::string intervals_to_csv(const Result& result) {
    std::string out =
        "date,interval_start,channel,offered,handled,abandoned,aht_s,asa_s,service_level\n";
    for (const IntervalRow& row : result.intervals) {
        const auto minute = static_cast<long>(std::lround(row.start_min));
        out += fmt::format("{},{:02d}:{:02d},{},{},{},{},{},{},{}\n", simulation_date(row.day),
                           minute / 60, minute % 60, csv_field(result.channel_ids.at(row.channel)),
                           rounded(row.offered), rounded(row.handled), rounded(row.abandoned),
                           rounded(row.aht_s), rounded(row.asa_s), rounded(row.service_level));
    }
    return out;
}

}  // namespace journeysim
