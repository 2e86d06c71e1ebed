// Reading a distribution (`{"dist": "lognormal", "mean_min": 7, "sd_min": 3}`, ...) from a model
// file: the families, their parameters and units, and the bounds each must respect.
#include "detail/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <unordered_set>

namespace journeysim::detail {

namespace {

struct Family {
    std::string_view name;
    DistKind kind;
    std::vector<std::string_view> params;
};

const std::vector<Family>& families() {
    static const std::vector<Family> all = {
        {"constant", DistKind::Constant, {"value"}},
        {"exponential", DistKind::Exponential, {"mean"}},
        {"lognormal", DistKind::Lognormal, {"mean", "sd"}},
        {"normal", DistKind::Normal, {"mean", "sd"}},
        {"gamma", DistKind::Gamma, {"mean", "sd"}},
        {"uniform", DistKind::Uniform, {"min", "max"}},
        {"triangular", DistKind::Triangular, {"min", "mode", "max"}},
        {"empirical", DistKind::Empirical, {"values", "bins", "weights"}},
    };
    return all;
}

struct Suffix {
    std::string_view text;
    TimeUnit unit;
};
constexpr Suffix kSuffixes[] = {{"_min", TimeUnit::Minutes},
                                {"_s", TimeUnit::Seconds},
                                {"_h", TimeUnit::Hours},
                                {"_d", TimeUnit::Days}};

}  // namespace

std::optional<Distribution> Reader::distribution(const Json& value, const Pointer& at, Use use) {
    const char* example = use == Use::Duration
                              ? "e.g. {\"dist\": \"lognormal\", \"mean_min\": 7, \"sd_min\": 3}"
                              : "e.g. {\"dist\": \"normal\", \"mean\": 7.4, \"sd\": 1.5}";
    if (!value.is_object()) {
        diag_.add(diagnostics::wrong_type(diag_.file(), at.to_string(), "a distribution",
                                          "an object", type_name(value), example));
        return std::nullopt;
    }
    std::vector<std::string> names;
    for (const auto& f : families())
        names.emplace_back(f.name);
    const auto dist_name = string(value, "dist", at, true,
                                  fmt::format("the distributions are {}", fmt::join(names, ", ")));
    if (!dist_name) return std::nullopt;
    const Family* family = nullptr;
    for (const auto& f : families()) {
        if (f.name == *dist_name) family = &f;
    }
    if (!family) {
        diag_.add(diagnostics::unknown_name(diag_.file(), (at / "dist").to_string(), "distribution",
                                            *dist_name, names, "distributions"));
        return std::nullopt;
    }

    // Work out the unit from the keys; all parameters must share it.
    Distribution d;
    d.kind = family->kind;
    std::optional<TimeUnit> unit;
    std::vector<std::string> allowed{"dist"};
    bool ok = true;
    for (const auto& item : value.items()) {
        if (item.key() == "dist") continue;
        std::string base = item.key();
        TimeUnit key_unit = TimeUnit::None;
        for (const auto& s : kSuffixes) {
            if (base.size() > s.text.size() &&
                base.compare(base.size() - s.text.size(), s.text.size(), s.text) == 0) {
                const std::string stem = base.substr(0, base.size() - s.text.size());
                if (std::find(family->params.begin(), family->params.end(), stem) !=
                        family->params.end() &&
                    stem != "weights") {
                    base = stem;
                    key_unit = s.unit;
                }
                break;
            }
        }
        if (std::find(family->params.begin(), family->params.end(), base) == family->params.end()) {
            std::vector<std::string> candidates;
            for (auto p : family->params) {
                if (p == "weights") {
                    candidates.emplace_back(p);
                    continue;
                }
                if (use == Use::Unitless) {
                    candidates.emplace_back(p);
                } else {
                    for (const auto& s : kSuffixes)
                        candidates.push_back(std::string(p) + std::string(s.text));
                }
            }
            diag_.error(at / item.key(),
                        fmt::format("unknown parameter \"{}\" for a {} distribution", item.key(),
                                    family->name),
                        diagnostics::suggestion(item.key(), candidates, "parameters"));
            ok = false;
            continue;
        }
        if (base == "weights") continue;
        if (unit && *unit != key_unit) {
            diag_.error(at / item.key(),
                        "all parameters of a distribution must use the same unit suffix",
                        "write e.g. mean_min and sd_min, not mean_min and sd_s");
            ok = false;
        }
        unit = key_unit;
    }
    if (!ok) return std::nullopt;
    if (!unit && use == Use::Duration) {
        // No parameter at all: say which are needed rather than that a unit is missing.
        if (family->kind == DistKind::Empirical) {
            diag_.error(at, "an empirical distribution needs either values or bins",
                        "list observed values as \"values_s\": [...], or a histogram as "
                        "\"bins_s\": [edges...] with \"weights\": [...]");
        } else {
            std::string needed;
            for (std::size_t i = 0; i < family->params.size(); ++i) {
                if (i > 0) needed += i + 1 == family->params.size() ? " and " : ", ";
                needed += std::string(family->params[i]) + "_min";
            }
            diag_.error(at, fmt::format("a {} distribution needs {}", family->name, needed),
                        "any unit suffix will do (_s, _min, _h or _d); " + std::string(example));
        }
        return std::nullopt;
    }
    const TimeUnit u = unit.value_or(TimeUnit::None);
    if (use == Use::Duration && u == TimeUnit::None) {
        diag_.error(at,
                    fmt::format("a duration needs a unit suffix on its parameters (_s, _min, _h "
                                "or _d)"),
                    example);
        return std::nullopt;
    }
    if (use == Use::Unitless && u != TimeUnit::None) {
        diag_.error(at, "this distribution is unitless: write its parameters without a suffix",
                    example);
        return std::nullopt;
    }
    d.unit = u;
    const std::string sfx(suffix_of(u));
    const double lo = use == Use::Duration ? 0.0 : -1e300;
    const double inf = std::numeric_limits<double>::infinity();
    // Every parameter, in stored units, must lie where the samplers can draw from it: a
    // duration at most ten years, a unitless number within a million of zero. `field` is ""
    // for an element of a list of values.
    auto within_limits = [&](const Pointer& where, std::string_view field, double written) {
        const double stored = to_stored(written, u);
        if (use == Use::Duration && !(stored <= kMaxDurationMinutes)) {
            diag_.add(diagnostics::out_of_range(
                diag_.file(), where.to_string(), field,
                fmt::format("at most {} (ten years)",
                            number_text(to_written(kMaxDurationMinutes, u))),
                number_text(written),
                "durations are limited to ten years; check the number and its unit suffix (_s, "
                "_min, _h or _d)"));
            return false;
        }
        if (use == Use::Unitless && !(std::fabs(stored) <= kMaxUnitless)) {
            diag_.add(diagnostics::out_of_range(
                diag_.file(), where.to_string(), field,
                fmt::format("between {} and {}", number_text(-kMaxUnitless),
                            number_text(kMaxUnitless)),
                number_text(written), "scores are on the 0-10 scale"));
            return false;
        }
        return true;
    };
    auto param = [&](std::string_view name, double min_value) -> std::optional<double> {
        const std::string key = std::string(name) + sfx;
        auto x = number(value, key, at, true, min_value <= -1e300 ? -inf : min_value, inf);
        if (!x || !within_limits(at / key, key, *x)) return std::nullopt;
        return to_stored(*x, u);
    };
    // A positive duration parameter must be at least a microsecond: the samplers divide by it.
    auto at_least_a_microsecond = [&](std::string_view name, double stored) {
        if (use != Use::Duration || stored >= kMinPositiveDurationMinutes) return true;
        const std::string key = std::string(name) + sfx;
        diag_.add(diagnostics::out_of_range(
            diag_.file(), (at / key).to_string(), key,
            fmt::format("at least {} (one microsecond)",
                        number_text(to_written(kMinPositiveDurationMinutes, u))),
            number_text(to_written(stored, u)),
            "use \"constant\" with value 0 for no time at all"));
        return false;
    };
    switch (d.kind) {
        case DistKind::Constant: {
            auto v = param("value", lo);
            if (!v) return std::nullopt;
            d.mean = *v;
            break;
        }
        case DistKind::Exponential: {
            auto m = param("mean", 0.0);
            if (!m) return std::nullopt;
            if (*m <= 0) {
                diag_.error(at / ("mean" + sfx), "the mean of an exponential must be positive",
                            "give it a mean above 0, or use \"constant\" with value 0 for no time "
                            "at all");
                return std::nullopt;
            }
            if (!at_least_a_microsecond("mean", *m)) return std::nullopt;
            d.mean = *m;
            break;
        }
        case DistKind::Lognormal:
        case DistKind::Gamma:
        case DistKind::Normal: {
            auto m = param("mean", d.kind == DistKind::Normal ? lo : 0.0);
            auto s = param("sd", 0.0);
            if (!m || !s) return std::nullopt;
            if (d.kind != DistKind::Normal && (*m <= 0 || *s <= 0)) {
                diag_.error(
                    at, fmt::format("a {} distribution needs a positive mean and sd", family->name),
                    "use \"constant\" for a fixed value");
                return std::nullopt;
            }
            if (d.kind != DistKind::Normal) {
                if (!at_least_a_microsecond("mean", *m) || !at_least_a_microsecond("sd", *s))
                    return std::nullopt;
                // The samplers draw a lognormal from sigma^2 = log(1 + cv^2) and a gamma with
                // shape 1 / cv^2; outside this range the shape underflows or overflows.
                const double cv = *s / *m;
                if (!(cv >= kMinCoefficientOfVariation && cv <= kMaxCoefficientOfVariation)) {
                    diag_.error(at / ("sd" + sfx),
                                fmt::format("the sd of a {} distribution must be between {} and "
                                            "{} times its mean (it is {:.3g} times the mean)",
                                            family->name, number_text(kMinCoefficientOfVariation),
                                            number_text(kMaxCoefficientOfVariation), cv),
                                "use \"constant\" for an (almost) fixed value, or \"empirical\" "
                                "for an unusual shape");
                    return std::nullopt;
                }
            }
            d.mean = *m;
            d.sd = *s;
            break;
        }
        case DistKind::Uniform:
        case DistKind::Triangular: {
            // Both lie between a min and a max; a triangular one peaks at its mode between them.
            const bool triangular = d.kind == DistKind::Triangular;
            auto a = param("min", lo);
            auto c = triangular ? param("mode", lo) : a;
            auto b = param("max", lo);
            if (!a || !b || !c) return std::nullopt;
            if (!triangular && !(*a < *b)) {
                diag_.error(at / ("max" + sfx), "max must be greater than min",
                            fmt::format("give \"max{0}\" a value above \"min{0}\", or use "
                                        "\"constant\" for a fixed value",
                                        sfx));
                return std::nullopt;
            }
            if (triangular && !(*a <= *c && *c <= *b && *a < *b)) {
                diag_.error(at, "a triangular distribution needs min <= mode <= max and min < max",
                            fmt::format("e.g. {{\"dist\": \"triangular\", \"min{0}\": 2, "
                                        "\"mode{0}\": 4, \"max{0}\": 10}}",
                                        sfx));
                return std::nullopt;
            }
            d.min = *a;
            if (triangular) d.mode = *c;
            d.max = *b;
            break;
        }
        case DistKind::Empirical: {
            const bool has_values = value.contains("values" + sfx);
            const bool has_bins = value.contains("bins" + sfx);
            if (has_values == has_bins) {
                diag_.error(at, "an empirical distribution needs either values or bins",
                            "list observed values as \"values_s\": [...], or a histogram as "
                            "\"bins_s\": [edges...] with \"weights\": [...]");
                return std::nullopt;
            }
            const std::string key = (has_values ? "values" : "bins") + sfx;
            const Json& list = value.at(key);
            if (!list.is_array() || list.empty() || list.size() > 1'000'000) {
                diag_.error(at / key, "must be a non-empty array of numbers",
                            fmt::format("e.g. \"{}\": [3, 4.5, 6, 12] (at most a million)", key));
                return std::nullopt;
            }
            for (std::size_t i = 0; i < list.size(); ++i) {
                if (!list[i].is_number() || !std::isfinite(list[i].get<double>()) ||
                    (use == Use::Duration && list[i].get<double>() < 0)) {
                    diag_.error(
                        at / key / i,
                        use == Use::Duration ? "must be a non-negative number" : "must be a number",
                        use == Use::Duration
                            ? "a duration is a number of at least 0, without quotes"
                            : "write a number, without quotes");
                    return std::nullopt;
                }
                if (!within_limits(at / key / i, "", list[i].get<double>())) return std::nullopt;
                d.values.push_back(to_stored(list[i].get<double>(), u));
            }
            if (has_bins) {
                d.histogram = true;
                if (!std::is_sorted(d.values.begin(), d.values.end()) || d.values.size() < 2 ||
                    std::adjacent_find(d.values.begin(), d.values.end()) != d.values.end()) {
                    diag_.error(at / key, "bin edges must be at least two increasing numbers",
                                fmt::format("e.g. \"{}\": [0, 5, 10, 30] with \"weights\": [5, 3, "
                                            "1], one weight per bin",
                                            key));
                    return std::nullopt;
                }
                if (!value.contains("weights") || !value.at("weights").is_array()) {
                    missing(at, "weights", "one weight per bin");
                    return std::nullopt;
                }
                const Json& w = value.at("weights");
                if (w.size() + 1 != d.values.size()) {
                    diag_.error(at / "weights",
                                fmt::format("needs {} weights, one per bin (got {})",
                                            d.values.size() - 1, w.size()),
                                fmt::format("{} edges make {} bins: give one weight for each",
                                            d.values.size(), d.values.size() - 1));
                    return std::nullopt;
                }
                double sum = 0;
                for (std::size_t i = 0; i < w.size(); ++i) {
                    if (!w[i].is_number() || w[i].get<double>() < 0 ||
                        !std::isfinite(w[i].get<double>())) {
                        diag_.error(at / "weights" / i, "must be a non-negative number",
                                    "a weight is relative to the others: 0 for a bin never drawn");
                        return std::nullopt;
                    }
                    d.weights.push_back(w[i].get<double>());
                    sum += d.weights.back();
                }
                if (sum <= 0) {
                    diag_.error(at / "weights", "at least one weight must be positive",
                                "give at least one bin a weight above 0");
                    return std::nullopt;
                }
            } else if (value.contains("weights")) {
                diag_.error(at / "weights", "weights belong to a histogram (bins), not to values",
                            "repeat a value to give it more weight, or use bins");
                return std::nullopt;
            }
            break;
        }
    }
    return d;
}

}  // namespace journeysim::detail
