#pragma once
/// \file
/// Weekly opening hours. The simulation clock starts on a Monday at 00:00 and counts minutes.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace journeysim {

/// Minutes in a day and in a week.
inline constexpr double kMinutesPerDay = 1440.0;
inline constexpr double kMinutesPerWeek = 7 * kMinutesPerDay;

/// A weekly pattern of open periods, as half-open intervals [start, end) in minutes since
/// Monday 00:00, sorted and non-overlapping. Periods that cross midnight or the end of the
/// week are split.
class WeeklyHours {
  public:
    /// Always open.
    static WeeklyHours always();

    /// Parses text such as `"mon-fri 08:00-20:00; sat 09:00-17:00"`, `"24/7"`,
    /// `"mon,wed 09:00-12:00, 13:00-17:00"` or `"sun 22:00-02:00"` (crossing midnight).
    /// Day names are case-insensitive. On failure returns a never-open pattern and sets
    /// `*error` to a message without location (e.g. `unknown day "mnday" (...)`); on success
    /// clears `*error`. `error` may be null.
    static WeeklyHours parse(std::string_view text, std::string* error);

    /// Builds a pattern from raw periods in minutes (any week; reduced modulo a week, split at
    /// the end of the week); merges overlapping and touching periods, drops empty ones.
    /// `text()` becomes a canonical rendering such as `"mon-fri 08:00-20:00"` (`""` if never
    /// open, `"24/7"` if always open), exact for whole minutes.
    static WeeklyHours from_periods(const std::vector<std::pair<double, double>>& periods);

    /// Whether the pattern is open at absolute time `t` (minutes since the start).
    /// O(log periods), no allocation.
    bool is_open(double t) const;

    /// The first time >= t (minutes) at which it is open; `t` itself if open now. Empty if never
    /// open. O(log periods), no allocation.
    std::optional<double> next_open(double t) const;

    /// When the period containing `t` ends, in minutes (requires `is_open(t)`; returns `t`
    /// otherwise); may lie in a later week if the pattern is open across the week boundary;
    /// +infinity when always open.
    double close_after(double t) const;

    /// Total open minutes in one week.
    double open_minutes_per_week() const;

    bool is_always() const { return open_minutes_per_week() >= kMinutesPerWeek; }
    bool is_never() const { return periods_.empty(); }

    const std::vector<std::pair<double, double>>& periods() const { return periods_; }

    /// The text the pattern came from (or a canonical rendering).
    const std::string& text() const { return text_; }

    bool operator==(const WeeklyHours& other) const { return periods_ == other.periods_; }

  private:
    std::vector<std::pair<double, double>> periods_;
    std::string text_;
};

/// A clock reading for an absolute time in minutes, rounded to the nearest minute:
/// "Mon 08:00" within the first week, "Tue 08:00 (day 9)" beyond it (days counted from 1,
/// Monday of the first week being day 1); "+inf", "-inf" or "nan" for non-finite times.
std::string format_clock(double t);

}  // namespace journeysim
