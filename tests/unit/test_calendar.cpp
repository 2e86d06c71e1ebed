#include <journeysim/calendar.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using journeysim::format_clock;
using journeysim::kMinutesPerDay;
using journeysim::kMinutesPerWeek;
using journeysim::WeeklyHours;
using Periods = std::vector<std::pair<double, double>>;

namespace {

/// Minutes since Monday 00:00 of the first week for day index `day` (0 = Monday) at hh:mm.
double at(int day, int hours, int minutes = 0) {
    return day * kMinutesPerDay + hours * 60.0 + minutes;
}

WeeklyHours parse_ok(const std::string& text) {
    std::string error = "not cleared";
    WeeklyHours hours = WeeklyHours::parse(text, &error);
    INFO("text: " << text);
    REQUIRE(error.empty());
    return hours;
}

std::string parse_error(const std::string& text) {
    std::string error;
    const WeeklyHours hours = WeeklyHours::parse(text, &error);
    INFO("text: " << text);
    CHECK(hours.is_never());
    return error;
}

}  // namespace

TEST_CASE("opening hours: single days, ranges, lists and daily", "[unit][calendar]") {
    SECTION("a single day") {
        const auto hours = parse_ok("tue 08:00-20:00");
        CHECK(hours.periods() == Periods{{at(1, 8), at(1, 20)}});
        CHECK(hours.text() == "tue 08:00-20:00");
    }
    SECTION("day names are case-insensitive and spaces are free") {
        CHECK(parse_ok("  TUE 08:00 - 20:00 ").periods() == Periods{{at(1, 8), at(1, 20)}});
        CHECK(parse_ok("Mon-Fri 08:00-09:00") == parse_ok("mon-fri 08:00-09:00"));
    }
    SECTION("a day range") {
        const auto hours = parse_ok("mon-fri 08:00-20:00");
        Periods expected;
        for (int day = 0; day < 5; ++day)
            expected.emplace_back(at(day, 8), at(day, 20));
        CHECK(hours.periods() == expected);
        CHECK(hours.open_minutes_per_week() == 5 * 12 * 60);
    }
    SECTION("a day range wrapping around the week") {
        const auto hours = parse_ok("fri-mon 10:00-11:00");
        CHECK(hours.periods() == Periods{{at(0, 10), at(0, 11)},
                                         {at(4, 10), at(4, 11)},
                                         {at(5, 10), at(5, 11)},
                                         {at(6, 10), at(6, 11)}});
    }
    SECTION("a comma list of days, elements may be ranges") {
        CHECK(parse_ok("mon,wed,fri 09:00-10:00").periods() ==
              Periods{{at(0, 9), at(0, 10)}, {at(2, 9), at(2, 10)}, {at(4, 9), at(4, 10)}});
        CHECK(parse_ok("mon,thu-fri 09:00-10:00").periods() ==
              Periods{{at(0, 9), at(0, 10)}, {at(3, 9), at(3, 10)}, {at(4, 9), at(4, 10)}});
    }
    SECTION("daily") {
        const auto hours = parse_ok("daily 07:00-23:00");
        REQUIRE(hours.periods().size() == 7);
        CHECK(hours.periods()[6] == std::pair{at(6, 7), at(6, 23)});
        CHECK(hours.open_minutes_per_week() == 7 * 16 * 60);
    }
    SECTION("several time ranges and several groups") {
        const auto hours = parse_ok("mon,wed 09:00-12:00, 13:00-17:00; sat 09:00-17:00");
        CHECK(hours.periods() == Periods{{at(0, 9), at(0, 12)},
                                         {at(0, 13), at(0, 17)},
                                         {at(2, 9), at(2, 12)},
                                         {at(2, 13), at(2, 17)},
                                         {at(5, 9), at(5, 17)}});
        CHECK(hours.text() == "mon,wed 09:00-12:00, 13:00-17:00; sat 09:00-17:00");
    }
    SECTION("one-digit hours") {
        CHECK(parse_ok("mon 8:00-9:30").periods() == Periods{{at(0, 8), at(0, 9, 30)}});
    }
}

TEST_CASE("opening hours: 24/7, 24:00, midnight and the week boundary", "[unit][calendar]") {
    SECTION("24/7") {
        const auto hours = parse_ok("24/7");
        CHECK(hours.is_always());
        CHECK(hours == WeeklyHours::always());
        CHECK(WeeklyHours::always().text() == "24/7");
        CHECK(parse_ok(" 24/7 ").is_always());
    }
    SECTION("24:00 ends a day; whole days touch and merge") {
        const auto hours = parse_ok("mon-fri 00:00-24:00");
        CHECK(hours.periods() == Periods{{0.0, 5 * kMinutesPerDay}});
        CHECK(parse_ok("daily 00:00-24:00").is_always());
    }
    SECTION("a range ending before it starts runs past midnight") {
        CHECK(parse_ok("fri 22:00-02:00").periods() == Periods{{at(4, 22), at(5, 2)}});
    }
    SECTION("sunday night wraps into monday morning of the pattern") {
        const auto hours = parse_ok("sun 22:00-02:00");
        CHECK(hours.periods() == Periods{{0.0, at(0, 2)}, {at(6, 22), kMinutesPerWeek}});
        CHECK(hours.open_minutes_per_week() == 240);
    }
    SECTION("overlapping and touching ranges are merged") {
        CHECK(parse_ok("mon 08:00-12:00, 11:00-13:00, 13:00-14:00").periods() ==
              Periods{{at(0, 8), at(0, 14)}});
        CHECK(parse_ok("mon 20:00-08:00; tue 08:00-09:00").periods() ==
              Periods{{at(0, 20), at(1, 9)}});
        CHECK(parse_ok("mon-fri 09:00-17:00; wed 08:00-10:00").periods()[2] ==
              std::pair{at(2, 8), at(2, 17)});
    }
}

TEST_CASE("opening hours: every error message", "[unit][calendar]") {
    const std::string days_hint = " (use mon, tue, wed, thu, fri, sat, sun or daily)";
    CHECK(parse_error("mnday 08:00-09:00") == "unknown day \"mnday\"" + days_hint);
    CHECK(parse_error("mon-fryday 08:00-09:00") == "unknown day \"fryday\"" + days_hint);
    CHECK(parse_error("mon,wendsday 08:00-09:00") == "unknown day \"wendsday\"" + days_hint);
    CHECK(parse_error("") ==
          "empty opening hours (use \"24/7\" or days and times such as \"mon-fri 08:00-20:00\")");
    CHECK(parse_error("   ") ==
          "empty opening hours (use \"24/7\" or days and times such as \"mon-fri 08:00-20:00\")");
    CHECK(parse_error("mon 08:00-09:00;") ==
          "empty group in \"mon 08:00-09:00;\" (remove the extra \";\")");
    CHECK(parse_error("mon 08:00-09:00; ; tue 08:00-09:00") ==
          "empty group in \"mon 08:00-09:00; ; tue 08:00-09:00\" (remove the extra \";\")");
    CHECK(parse_error("24/7; mon 08:00-09:00") == "\"24/7\" cannot be combined with other groups");
    CHECK(parse_error("08:00-20:00") ==
          "missing days before \"08:00-20:00\" (start with a day such as mon, a range such as "
          "mon-fri, or daily)");
    CHECK(parse_error("mon,,fri 08:00-09:00") == "missing day in \"mon,,fri\"");
    CHECK(parse_error("mon- 08:00-09:00") == "missing day in \"mon-\"");
    CHECK(parse_error("mon-tue-wed 08:00-09:00") ==
          "bad day range \"mon-tue-wed\" (use two days such as mon-fri)");
    CHECK(parse_error("daily-fri 08:00-09:00") ==
          "\"daily\" cannot be part of a day range in \"daily-fri\"");
    CHECK(parse_error("mon-fri") ==
          "no time range after \"mon-fri\" (add one such as 08:00-17:00)");
    CHECK(parse_error("sat 09:00-17:00; mon-fri") ==
          "no time range after \"mon-fri\" (add one such as 08:00-17:00)");
    CHECK(parse_error("mon 08:00-12:00,") == "missing time range in \"08:00-12:00,\"");
    CHECK(parse_error("mon 8am-5pm") ==
          "bad time range \"8am-5pm\" (use HH:MM-HH:MM, e.g. 08:00-17:00)");
    CHECK(parse_error("mon 08:00") ==
          "bad time range \"08:00\" (use HH:MM-HH:MM, e.g. 08:00-17:00)");
    CHECK(parse_error("mon 08:00-12:00 13:00-17:00") ==
          "bad time range \"08:00-12:00 13:00-17:00\" (use HH:MM-HH:MM, e.g. 08:00-17:00)");
    CHECK(parse_error("mon 08:0-09:00") ==
          "bad time range \"08:0-09:00\" (use HH:MM-HH:MM, e.g. 08:00-17:00)");
    CHECK(parse_error("mon 24/7") == "bad time range \"24/7\" (use HH:MM-HH:MM, e.g. 08:00-17:00)");
    CHECK(parse_error("mon 08:00-25:00") == "hour out of range in \"25:00\" (use 00 to 24)");
    CHECK(parse_error("mon 08:60-09:00") == "minutes out of range in \"08:60\" (use 00 to 59)");
    CHECK(parse_error("mon 08:00-24:30") == "time after 24:00 in \"24:30\"");
    CHECK(parse_error("mon 24:00-02:00") ==
          "a time range cannot start at 24:00 in \"24:00-02:00\"");
    CHECK(parse_error("mon 08:00-08:00") == "empty time range 08:00-08:00");
    CHECK(parse_error("mon 00:00-00:00") == "empty time range 00:00-00:00");
}

TEST_CASE("opening hours: a null error pointer is allowed", "[unit][calendar]") {
    CHECK(WeeklyHours::parse("bogus", nullptr).is_never());
    CHECK(WeeklyHours::parse("mon 08:00-09:00", nullptr).open_minutes_per_week() == 60);
}

TEST_CASE("opening hours: is_open, next_open and close_after", "[unit][calendar]") {
    const auto hours = parse_ok("mon-fri 08:00-20:00; sat 09:00-17:00");
    const double week = kMinutesPerWeek;

    SECTION("is_open is half-open at both ends") {
        CHECK_FALSE(hours.is_open(at(0, 7, 59)));
        CHECK(hours.is_open(at(0, 8)));
        CHECK(hours.is_open(at(0, 19, 59)));
        CHECK_FALSE(hours.is_open(at(0, 20)));
        CHECK_FALSE(hours.is_open(at(6, 12)));
        CHECK_FALSE(hours.is_open(0.0));
    }
    SECTION("any week: times are reduced modulo a week") {
        CHECK(hours.is_open(3 * week + at(5, 9)));
        CHECK_FALSE(hours.is_open(3 * week + at(5, 17)));
        CHECK(*hours.next_open(3 * week + at(5, 17)) == 4 * week + at(0, 8));
        CHECK(hours.close_after(10 * week + at(2, 10)) == 10 * week + at(2, 20));
    }
    SECTION("next_open") {
        CHECK(*hours.next_open(at(0, 10, 30)) == at(0, 10, 30));  // open now
        CHECK(*hours.next_open(at(0, 6)) == at(0, 8));
        CHECK(*hours.next_open(at(0, 20)) == at(1, 8));  // at closing: next morning
        CHECK(*hours.next_open(at(4, 23)) == at(5, 9));
        CHECK(*hours.next_open(at(5, 17)) == week + at(0, 8));  // over the weekend
        CHECK(*hours.next_open(at(6, 23, 59)) == week + at(0, 8));
    }
    SECTION("close_after") {
        CHECK(hours.close_after(at(0, 8)) == at(0, 20));
        CHECK(hours.close_after(at(5, 16, 59)) == at(5, 17));
        CHECK(hours.close_after(at(0, 21)) == at(0, 21));  // closed: t itself
    }
    SECTION("fractional times") {
        CHECK(hours.is_open(at(0, 8) + 1e-9));
        CHECK_FALSE(hours.is_open(at(0, 8) - 1e-9));
        CHECK(*hours.next_open(at(0, 7) + 0.5) == at(0, 8));
    }
}

TEST_CASE("opening hours: open across midnight and the week boundary", "[unit][calendar]") {
    const double week = kMinutesPerWeek;
    SECTION("across midnight") {
        const auto hours = parse_ok("fri 22:00-02:00");
        CHECK(hours.is_open(at(4, 23, 59)));
        CHECK(hours.is_open(at(5, 0)));
        CHECK(hours.is_open(at(5, 1, 59)));
        CHECK_FALSE(hours.is_open(at(5, 2)));
        CHECK(hours.close_after(at(4, 22)) == at(5, 2));
        CHECK(hours.close_after(at(5, 0)) == at(5, 2));
        CHECK(*hours.next_open(at(5, 2)) == week + at(4, 22));
    }
    SECTION("across the end of the week") {
        const auto hours = parse_ok("sun 22:00-02:00");
        CHECK(hours.is_open(at(6, 23)));
        CHECK(hours.is_open(week));
        CHECK(hours.is_open(0.0));
        CHECK(hours.is_open(5 * week + 60));
        CHECK_FALSE(hours.is_open(at(0, 2)));
        // From Sunday night the period runs on into Monday of the next week.
        CHECK(hours.close_after(at(6, 22)) == week + at(0, 2));
        CHECK(hours.close_after(2 * week + at(6, 23)) == 3 * week + at(0, 2));
        // On Monday morning it ends the same morning.
        CHECK(hours.close_after(week + 30) == week + at(0, 2));
        CHECK(*hours.next_open(at(0, 3)) == at(6, 22));
        CHECK(*hours.next_open(week - 1) == week - 1);
    }
    SECTION("open from friday until monday morning") {
        const auto hours = parse_ok("fri 18:00-24:00; sat-sun 00:00-24:00; mon 00:00-06:00");
        REQUIRE(hours.periods() == Periods{{0.0, at(0, 6)}, {at(4, 18), week}});
        CHECK(hours.close_after(at(4, 18)) == week + at(0, 6));
        CHECK(hours.close_after(at(6, 12)) == week + at(0, 6));
        CHECK(hours.close_after(week + at(0, 5)) == week + at(0, 6));
    }
}

TEST_CASE("opening hours: always and never open", "[unit][calendar]") {
    SECTION("24/7") {
        const auto hours = WeeklyHours::always();
        CHECK(hours.is_open(0.0));
        CHECK(hours.is_open(12345.678));
        CHECK(*hours.next_open(999.5) == 999.5);
        CHECK(hours.close_after(at(3, 3)) == std::numeric_limits<double>::infinity());
        CHECK(hours.open_minutes_per_week() == kMinutesPerWeek);
    }
    SECTION("daily 00:00-24:00 behaves like 24/7") {
        const auto hours = parse_ok("daily 00:00-24:00");
        CHECK(std::isinf(hours.close_after(at(6, 23, 59))));
    }
    SECTION("never open") {
        const WeeklyHours never;
        CHECK(never.is_never());
        CHECK_FALSE(never.is_open(100.0));
        CHECK_FALSE(never.next_open(100.0).has_value());
        CHECK(never.close_after(100.0) == 100.0);
        CHECK(WeeklyHours::from_periods({}).is_never());
        CHECK(WeeklyHours::from_periods({}).text().empty());
    }
}

TEST_CASE("opening hours: from_periods", "[unit][calendar]") {
    const double week = kMinutesPerWeek;
    SECTION("merges overlapping and touching periods, drops empty ones") {
        const auto hours = WeeklyHours::from_periods(
            {{at(0, 10), at(0, 12)}, {at(0, 8), at(0, 11)}, {at(0, 12), at(0, 13)}, {50, 50}});
        CHECK(hours.periods() == Periods{{at(0, 8), at(0, 13)}});
        CHECK(hours.text() == "mon 08:00-13:00");
    }
    SECTION("reduces later weeks and splits at the end of the week") {
        const auto hours = WeeklyHours::from_periods({{2 * week + at(6, 22), 3 * week + at(0, 2)}});
        CHECK(hours == parse_ok("sun 22:00-02:00"));
        CHECK(hours.text() == "mon 00:00-02:00; sun 22:00-24:00");
    }
    SECTION("a week or more is always open") {
        CHECK(WeeklyHours::from_periods({{100, 100 + week}}).is_always());
        CHECK(WeeklyHours::from_periods({{100, 100 + week}}).text() == "24/7");
    }
    SECTION("the canonical text parses back to the same pattern") {
        for (const std::string text :
             {"mon-fri 08:00-20:00; sat 09:00-17:00", "mon,wed,fri 09:00-12:00, 13:00-17:00",
              "daily 07:00-23:00", "sun 22:00-02:00", "fri-mon 10:00-11:00",
              "mon 00:00-24:00; wed 23:00-01:00"}) {
            const auto original = parse_ok(text);
            const auto rebuilt = WeeklyHours::from_periods(original.periods());
            INFO(text << " -> " << rebuilt.text());
            CHECK(parse_ok(rebuilt.text()) == original);
        }
        CHECK(WeeklyHours::from_periods(parse_ok("mon-fri 08:00-20:00; sat 09:00-17:00").periods())
                  .text() == "mon-fri 08:00-20:00; sat 09:00-17:00");
        CHECK(WeeklyHours::from_periods(parse_ok("daily 07:00-23:00").periods()).text() ==
              "daily 07:00-23:00");
        CHECK(WeeklyHours::from_periods(parse_ok("mon,wed 09:00-10:00").periods()).text() ==
              "mon,wed 09:00-10:00");
    }
}

TEST_CASE("format_clock", "[unit][calendar]") {
    CHECK(format_clock(0) == "Mon 00:00");
    CHECK(format_clock(at(0, 8)) == "Mon 08:00");
    CHECK(format_clock(at(6, 23, 59)) == "Sun 23:59");
    CHECK(format_clock(kMinutesPerWeek) == "Mon 00:00 (day 8)");
    CHECK(format_clock(at(8, 8)) == "Tue 08:00 (day 9)");
    CHECK(format_clock(at(0, 8) + 0.4) == "Mon 08:00");
    CHECK(format_clock(at(0, 8) - 0.4) == "Mon 08:00");
    CHECK(format_clock(at(0, 23, 59) + 0.7) == "Tue 00:00");
    CHECK(format_clock(-60) == "Sun 23:00 (day 0)");
    CHECK(format_clock(std::numeric_limits<double>::infinity()) == "+inf");
}
