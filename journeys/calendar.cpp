#include <journeysim/calendar.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>

namespace journeysim {

namespace {

using Period = std::pair<double, double>;

constexpr int kMinutesPerDayInt = 1440;
constexpr std::array<const char*, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<const char*, 7> kDayLabels = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/// A time split into the start of its week and the offset within that week, in minutes.
struct WeekPosition {
    double base;    ///< start of the week containing t
    double offset;  ///< t - base, in [0, kMinutesPerWeek)
};

WeekPosition locate(double t) {
    double base = std::floor(t / kMinutesPerWeek) * kMinutesPerWeek;
    double offset = t - base;
    // Rounding can push the offset onto the week's end (or just below zero).
    if (offset >= kMinutesPerWeek) {
        base += kMinutesPerWeek;
        offset = 0;
    } else if (offset < 0) {
        offset = 0;
    }
    return {base, offset};
}

/// Reduces raw periods into [0, week), splits those crossing the end of the week, sorts and
/// merges overlapping or touching ones. Empty, reversed and non-finite periods are dropped.
std::vector<Period> normalise(const std::vector<Period>& raw) {
    std::vector<Period> pieces;
    pieces.reserve(raw.size() + 1);
    for (const auto& [start, end] : raw) {
        if (!std::isfinite(start) || !std::isfinite(end) || !(end > start)) continue;
        if (end - start >= kMinutesPerWeek) return {{0.0, kMinutesPerWeek}};
        const double from = locate(start).offset;
        const double to = from + (end - start);
        if (to <= kMinutesPerWeek) {
            pieces.emplace_back(from, to);
        } else {
            pieces.emplace_back(from, kMinutesPerWeek);
            pieces.emplace_back(0.0, to - kMinutesPerWeek);
        }
    }
    std::sort(pieces.begin(), pieces.end());
    std::vector<Period> merged;
    merged.reserve(pieces.size());
    for (const auto& piece : pieces) {
        if (!merged.empty() && piece.first <= merged.back().second) {
            merged.back().second = std::max(merged.back().second, piece.second);
        } else {
            merged.push_back(piece);
        }
    }
    return merged;
}

std::string_view trim(std::string_view s) {
    const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> parts;
    std::size_t from = 0;
    while (true) {
        const std::size_t at = s.find(separator, from);
        parts.push_back(s.substr(from, at == std::string_view::npos ? s.size() - from : at - from));
        if (at == std::string_view::npos) break;
        from = at + 1;
    }
    return parts;
}

/// A parse failure: the message for the user.
struct ParseFailure {
    std::string message;
};

int day_index(std::string_view name) {
    const std::string key = lower(trim(name));
    for (std::size_t i = 0; i < kDayNames.size(); ++i) {
        if (key == kDayNames[i]) return static_cast<int>(i);
    }
    if (key.empty()) return -2;
    if (key == "daily") return -3;
    return -1;
}

void unknown_day(std::string_view name) {
    throw ParseFailure{fmt::format(
        "unknown day \"{}\" (use mon, tue, wed, thu, fri, sat, sun or daily)", trim(name))};
}

/// Adds the days named by one element of a day list ("mon", "fri-mon", "daily") to `days`.
void parse_day_item(std::string_view item, std::string_view list, std::array<bool, 7>& days) {
    item = trim(item);
    if (item.empty()) throw ParseFailure{fmt::format("missing day in \"{}\"", list)};
    if (lower(item) == "daily") {
        days.fill(true);
        return;
    }
    const auto ends = split(item, '-');
    if (ends.size() == 1) {
        const int day = day_index(item);
        if (day < 0) unknown_day(item);
        days[static_cast<std::size_t>(day)] = true;
        return;
    }
    if (ends.size() != 2) {
        throw ParseFailure{
            fmt::format("bad day range \"{}\" (use two days such as mon-fri)", item)};
    }
    int bounds[2] = {0, 0};
    for (std::size_t i = 0; i < 2; ++i) {
        const int day = day_index(ends[i]);
        if (day == -2) throw ParseFailure{fmt::format("missing day in \"{}\"", item)};
        if (day == -3) {
            throw ParseFailure{
                fmt::format("\"daily\" cannot be part of a day range in \"{}\"", item)};
        }
        if (day < 0) unknown_day(ends[i]);
        bounds[i] = day;
    }
    // Ranges wrap around the end of the week: fri-mon is fri, sat, sun, mon.
    for (int day = bounds[0];; day = (day + 1) % 7) {
        days[static_cast<std::size_t>(day)] = true;
        if (day == bounds[1]) break;
    }
}

/// Parses "H:MM" or "HH:MM" into minutes after midnight (24:00 allowed); `range` is quoted
/// when the text is not a time at all.
int parse_time(std::string_view text, std::string_view range) {
    text = trim(text);
    const std::size_t colon = text.find(':');
    const auto bad = [&] {
        return ParseFailure{
            fmt::format("bad time range \"{}\" (use HH:MM-HH:MM, e.g. 08:00-17:00)", range)};
    };
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) {
        throw bad();
    }
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != colon && !is_digit(text[i])) throw bad();
    }
    int hours = 0;
    for (std::size_t i = 0; i < colon; ++i)
        hours = hours * 10 + (text[i] - '0');
    const int minutes = (text[colon + 1] - '0') * 10 + (text[colon + 2] - '0');
    if (hours > 24) {
        throw ParseFailure{fmt::format("hour out of range in \"{}\" (use 00 to 24)", text)};
    }
    if (minutes > 59) {
        throw ParseFailure{fmt::format("minutes out of range in \"{}\" (use 00 to 59)", text)};
    }
    if (hours == 24 && minutes > 0) {
        throw ParseFailure{fmt::format("time after 24:00 in \"{}\"", text)};
    }
    return hours * 60 + minutes;
}

/// One time range within a day, in minutes after midnight; `end < start` runs past midnight.
struct DayRange {
    int start;
    int end;
};

DayRange parse_range(std::string_view range) {
    range = trim(range);
    const auto ends = split(range, '-');
    if (ends.size() != 2) {
        throw ParseFailure{
            fmt::format("bad time range \"{}\" (use HH:MM-HH:MM, e.g. 08:00-17:00)", range)};
    }
    const int start = parse_time(ends[0], range);
    const int end = parse_time(ends[1], range);
    if (start == kMinutesPerDayInt) {
        throw ParseFailure{fmt::format("a time range cannot start at 24:00 in \"{}\"", range)};
    }
    if (start == end) throw ParseFailure{fmt::format("empty time range {}", range)};
    return {start, end};
}

/// Parses one `;`-separated group and appends its periods.
void parse_group(std::string_view group, std::vector<Period>& periods) {
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    const auto* const first_digit = std::find_if(group.begin(), group.end(), is_digit);
    const auto split_at = static_cast<std::size_t>(first_digit - group.begin());
    const std::string_view day_text = trim(group.substr(0, split_at));
    const std::string_view range_text = trim(group.substr(split_at));
    if (day_text.empty()) {
        throw ParseFailure{fmt::format(
            "missing days before \"{}\" (start with a day such as mon, a range such as mon-fri, "
            "or daily)",
            range_text)};
    }
    std::array<bool, 7> days{};
    for (const auto item : split(day_text, ','))
        parse_day_item(item, day_text, days);
    if (range_text.empty()) {
        throw ParseFailure{
            fmt::format("no time range after \"{}\" (add one such as 08:00-17:00)", day_text)};
    }
    for (const auto item : split(range_text, ',')) {
        if (trim(item).empty()) {
            throw ParseFailure{fmt::format("missing time range in \"{}\"", range_text)};
        }
        const DayRange range = parse_range(item);
        for (std::size_t day = 0; day < days.size(); ++day) {
            if (!days[day]) continue;
            const double midnight = static_cast<double>(day) * kMinutesPerDay;
            const double start = midnight + range.start;
            // A range ending before it starts runs into the next day; normalise() wraps a
            // Sunday night into Monday morning.
            const double end =
                midnight + range.end + (range.end < range.start ? kMinutesPerDay : 0.0);
            periods.emplace_back(start, end);
        }
    }
}

std::vector<Period> parse_periods(std::string_view text) {
    const std::string_view whole = trim(text);
    if (whole.empty()) {
        throw ParseFailure{
            "empty opening hours (use \"24/7\" or days and times such as "
            "\"mon-fri 08:00-20:00\")"};
    }
    if (whole == "24/7") return {{0.0, kMinutesPerWeek}};
    std::vector<Period> periods;
    for (const auto group : split(whole, ';')) {
        const std::string_view body = trim(group);
        if (body.empty()) {
            throw ParseFailure{
                fmt::format("empty group in \"{}\" (remove the extra \";\")", whole)};
        }
        if (body == "24/7") {
            throw ParseFailure{"\"24/7\" cannot be combined with other groups"};
        }
        parse_group(body, periods);
    }
    return normalise(periods);
}

std::string format_minute_of_day(long long minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

/// Renders periods in the model-file grammar; days with the same ranges share a group.
std::string render(const std::vector<Period>& periods) {
    if (periods.empty()) return "";
    if (periods.size() == 1 && periods[0].first <= 0 && periods[0].second >= kMinutesPerWeek) {
        return "24/7";
    }
    std::array<std::string, 7> ranges_of_day;
    for (std::size_t day = 0; day < 7; ++day) {
        const double day_start = static_cast<double>(day) * kMinutesPerDay;
        const double day_end = day_start + kMinutesPerDay;
        std::string& out = ranges_of_day[day];
        for (const auto& [start, end] : periods) {
            const double from = std::max(start, day_start) - day_start;
            const double to = std::min(end, day_end) - day_start;
            if (!(to > from)) continue;
            const long long from_min = std::llround(from);
            const long long to_min = std::llround(to);
            if (to_min <= from_min) continue;
            if (!out.empty()) out += ", ";
            out += format_minute_of_day(from_min) + "-" + format_minute_of_day(to_min);
        }
    }
    std::string text;
    std::array<bool, 7> done{};
    for (std::size_t day = 0; day < 7; ++day) {
        if (done[day] || ranges_of_day[day].empty()) continue;
        std::array<bool, 7> same{};
        for (std::size_t other = day; other < 7; ++other) {
            if (ranges_of_day[other] == ranges_of_day[day]) same[other] = done[other] = true;
        }
        std::string day_list;
        if (std::all_of(same.begin(), same.end(), [](bool b) { return b; })) {
            day_list = "daily";
        } else {
            for (std::size_t first = 0; first < 7;) {
                if (!same[first]) {
                    ++first;
                    continue;
                }
                std::size_t last = first;
                while (last + 1 < 7 && same[last + 1])
                    ++last;
                if (!day_list.empty()) day_list += ",";
                day_list += kDayNames[first];
                if (last > first) day_list += std::string("-") + kDayNames[last];
                first = last + 1;
            }
        }
        if (!text.empty()) text += "; ";
        text += day_list + " " + ranges_of_day[day];
    }
    return text;
}

}  // namespace

WeeklyHours WeeklyHours::always() {
    WeeklyHours hours;
    hours.periods_ = {{0.0, kMinutesPerWeek}};
    hours.text_ = "24/7";
    return hours;
}

WeeklyHours WeeklyHours::parse(std::string_view text, std::string* error) {
    WeeklyHours hours;
    try {
        hours.periods_ = parse_periods(text);
    } catch (const ParseFailure& failure) {
        if (error != nullptr) *error = failure.message;
        return WeeklyHours{};
    }
    hours.text_ = std::string(text);
    if (error != nullptr) error->clear();
    return hours;
}

WeeklyHours WeeklyHours::from_periods(const std::vector<std::pair<double, double>>& periods) {
    WeeklyHours hours;
    hours.periods_ = normalise(periods);
    hours.text_ = render(hours.periods_);
    return hours;
}

bool WeeklyHours::is_open(double t) const {
    const double offset = locate(t).offset;
    // The last period starting at or before `offset` is the only one that can contain it.
    const auto after =
        std::upper_bound(periods_.begin(), periods_.end(), offset,
                         [](double value, const Period& p) { return value < p.first; });
    return after != periods_.begin() && offset < std::prev(after)->second;
}

std::optional<double> WeeklyHours::next_open(double t) const {
    if (periods_.empty()) return std::nullopt;
    const auto [base, offset] = locate(t);
    // Periods are disjoint and sorted, so their ends are sorted too.
    const auto period =
        std::upper_bound(periods_.begin(), periods_.end(), offset,
                         [](double value, const Period& p) { return value < p.second; });
    if (period == periods_.end()) return base + kMinutesPerWeek + periods_.front().first;
    if (period->first <= offset) return t;
    return base + period->first;
}

double WeeklyHours::close_after(double t) const {
    const auto [base, offset] = locate(t);
    const auto after =
        std::upper_bound(periods_.begin(), periods_.end(), offset,
                         [](double value, const Period& p) { return value < p.first; });
    if (after == periods_.begin() || !(offset < std::prev(after)->second)) return t;
    const Period& period = *std::prev(after);
    if (period.second < kMinutesPerWeek || periods_.front().first > 0) return base + period.second;
    // Open until the end of the week and again from Monday 00:00: the period continues.
    if (periods_.front().second >= kMinutesPerWeek) return std::numeric_limits<double>::infinity();
    return base + kMinutesPerWeek + periods_.front().second;
}

double WeeklyHours::open_minutes_per_week() const {
    double total = 0;
    for (const auto& [start, end] : periods_)
        total += end - start;
    return total;
}

std::string format_clock(double t) {
    if (std::isnan(t)) return "nan";
    if (std::isinf(t)) return t > 0 ? "+inf" : "-inf";
    if (std::fabs(t) > 1e15) return fmt::format("{} min", t);
    const long long minute = std::llround(t);
    long long day = minute / kMinutesPerDayInt;
    long long minute_of_day = minute % kMinutesPerDayInt;
    if (minute_of_day < 0) {
        minute_of_day += kMinutesPerDayInt;
        --day;
    }
    const long long weekday = ((day % 7) + 7) % 7;
    std::string text = fmt::format("{} {}", kDayLabels[static_cast<std::size_t>(weekday)],
                                   format_minute_of_day(minute_of_day));
    if (day < 0 || day >= 7) text += fmt::format(" (day {})", day + 1);
    return text;
}

}  // namespace journeysim
