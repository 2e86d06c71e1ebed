#include <journeysim/distribution.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using journeysim::DistKind;
using journeysim::Distribution;
using journeysim::TimeUnit;

namespace {

Distribution make(DistKind kind) {
    Distribution d;
    d.kind = kind;
    return d;
}

}  // namespace

TEST_CASE("distribution: expected value of each family", "[unit][distribution]") {
    SECTION("constant, exponential, lognormal, gamma: the mean") {
        for (const DistKind kind :
             {DistKind::Constant, DistKind::Exponential, DistKind::Lognormal, DistKind::Gamma}) {
            Distribution d = make(kind);
            d.mean = 7.5;
            d.sd = 3.0;
            d.min = 100;  // unused fields do not matter
            d.max = 200;
            CHECK(d.expected() == 7.5);
        }
    }
    SECTION("normal: the mean as stored, not of the distribution truncated at zero") {
        Distribution d = make(DistKind::Normal);
        d.mean = 1.0;
        d.sd = 5.0;  // truncating at zero would raise the mean well above 1
        CHECK(d.expected() == 1.0);
    }
    SECTION("uniform: the midpoint") {
        Distribution d = make(DistKind::Uniform);
        d.min = 2;
        d.max = 10;
        d.mean = 99;
        CHECK(d.expected() == 6.0);
    }
    SECTION("triangular: (min + mode + max) / 3") {
        Distribution d = make(DistKind::Triangular);
        d.min = 1;
        d.mode = 2;
        d.max = 9;
        CHECK(d.expected() == Approx(4.0).epsilon(1e-15));
    }
    SECTION("empirical values: their average") {
        Distribution d = make(DistKind::Empirical);
        d.values = {1, 1.5, 200};
        CHECK(d.expected() == Approx(202.5 / 3).epsilon(1e-15));
        d.values = {4};
        CHECK(d.expected() == 4.0);
    }
    SECTION("empirical histogram: weight-averaged bin midpoints") {
        Distribution d = make(DistKind::Empirical);
        d.histogram = true;
        d.values = {0, 10, 20, 60};  // midpoints 5, 15, 40
        d.weights = {2, 1, 1};
        CHECK(d.expected() == Approx((2 * 5 + 15 + 40) / 4.0).epsilon(1e-15));
        d.weights = {0, 0, 3};  // weights need not sum to 1
        CHECK(d.expected() == Approx(40.0).epsilon(1e-15));
    }
    SECTION("empty or inconsistent empirical distributions have no expected value") {
        Distribution d = make(DistKind::Empirical);
        CHECK(std::isnan(d.expected()));
        d.histogram = true;
        d.values = {0, 10};
        d.weights = {1, 1};
        CHECK(std::isnan(d.expected()));
        d.weights = {0};
        CHECK(std::isnan(d.expected()));
    }
}

TEST_CASE("distribution: names, units and suffixes", "[unit][distribution]") {
    using journeysim::minutes_per;
    using journeysim::suffix_of;
    using journeysim::to_string;
    CHECK(std::string(to_string(DistKind::Constant)) == "constant");
    CHECK(std::string(to_string(DistKind::Exponential)) == "exponential");
    CHECK(std::string(to_string(DistKind::Lognormal)) == "lognormal");
    CHECK(std::string(to_string(DistKind::Normal)) == "normal");
    CHECK(std::string(to_string(DistKind::Gamma)) == "gamma");
    CHECK(std::string(to_string(DistKind::Uniform)) == "uniform");
    CHECK(std::string(to_string(DistKind::Triangular)) == "triangular");
    CHECK(std::string(to_string(DistKind::Empirical)) == "empirical");

    CHECK(minutes_per(TimeUnit::None) == 1.0);
    CHECK(minutes_per(TimeUnit::Seconds) * 60 == Approx(1.0).epsilon(1e-15));
    CHECK(minutes_per(TimeUnit::Minutes) == 1.0);
    CHECK(minutes_per(TimeUnit::Hours) == 60.0);
    CHECK(minutes_per(TimeUnit::Days) == 1440.0);

    CHECK(std::string(suffix_of(TimeUnit::None)).empty());
    CHECK(std::string(suffix_of(TimeUnit::Seconds)) == "_s");
    CHECK(std::string(suffix_of(TimeUnit::Minutes)) == "_min");
    CHECK(std::string(suffix_of(TimeUnit::Hours)) == "_h");
    CHECK(std::string(suffix_of(TimeUnit::Days)) == "_d");
}
