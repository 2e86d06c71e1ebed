// The enum name tables: every value has one name, every name reads back as its value, and the
// tables give the names files and outputs use.
#include <journeysim/metrics.hpp>
#include <journeysim/model.hpp>
#include <journeysim/staffing.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace journeysim;

namespace {

template <typename E>
void check_table() {
    std::set<std::string> seen;
    for (const auto& [value, name] : EnumNames<E>::values) {
        INFO(name);
        CHECK(seen.insert(name).second);  // no name twice
        CHECK(enum_from_name<E>(name) == value);
        CHECK(std::string(enum_name(value)) == name);
    }
    CHECK(enum_names<E>().size() == seen.size());
    CHECK_FALSE(enum_from_name<E>("no such name").has_value());
}

}  // namespace

TEST_CASE("every enum name table reads both ways", "[enum]") {
    check_table<ChannelMode>();
    check_table<TouchpointKind>();
    check_table<Outcome>();
    check_table<StepKind>();
    check_table<DistKind>();
    check_table<WaitMode>();
    check_table<WhenClosed>();
    check_table<ShortfallReason>();
    check_table<Unit>();
}

TEST_CASE("the tables hold the names of the file format and the outputs", "[enum]") {
    CHECK(std::string(to_string(DistKind::Lognormal)) == "lognormal");
    CHECK(std::string(enum_name(WaitMode::InPerson)) == "in_person");
    CHECK(std::string(enum_name(WhenClosed::GiveUp)) == "give_up");
    CHECK(std::string(to_string(ShortfallReason::TooLittleWorkingTime)) ==
          "too_little_working_time");
    CHECK(unit_name(Unit::Points) == "nps_points");
    CHECK(unit_name(Unit::PerHour) == "per_h");
    // The tables name the values in their order of declaration: the last of each too.
    CHECK(std::string(enum_name(ChannelMode::InPerson)) == "in_person");
    CHECK(std::string(enum_name(TouchpointKind::End)) == "end");
    CHECK(std::string(enum_name(Outcome::Churned)) == "churned");
    CHECK(std::string(enum_name(StepKind::End)) == "end");
    CHECK(std::string(enum_name(DistKind::Empirical)) == "empirical");
    CHECK(std::string(enum_name(ShortfallReason::StillShort)) == "still_short");
    // The wait modes are in the order of the sentiment's per-mode arrays.
    CHECK(EnumNames<WaitMode>::values[static_cast<std::size_t>(WaitMode::Async)].second ==
          std::string("async"));
}
