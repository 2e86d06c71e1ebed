// The collector of diagnostics, number texts and units, and the typed field access of `Reader`
// that every part of the loader uses; its diagnostics come from the factories of
// journeys/diagnostics.cpp.
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

void Diagnostics::error(const Pointer& at, std::string message, std::string hint) {
    add(diagnostics::error(file_, at.to_string(), std::move(message), std::move(hint)));
}

void Diagnostics::warning(const Pointer& at, std::string message, std::string hint) {
    add(diagnostics::warning(file_, at.to_string(), std::move(message), std::move(hint)));
}

void Diagnostics::syntax(int line, int column, std::string message, std::string hint) {
    add(diagnostics::syntax_error(file_, line, column, std::move(message), std::move(hint)));
}

bool Diagnostics::has_errors() const {
    return std::any_of(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::vector<Diagnostic> Diagnostics::warnings() const {
    std::vector<Diagnostic> out;
    for (const auto& d : items_) {
        if (d.severity == Severity::Warning) out.push_back(d);
    }
    return out;
}

void Diagnostics::throw_if_errors() const {
    if (has_errors()) throw InputError(items_);
}

std::string type_name(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null:
            return "null";
        case Json::value_t::object:
            return "an object";
        case Json::value_t::array:
            return "an array";
        case Json::value_t::string:
            return "a string";
        case Json::value_t::boolean:
            return "a boolean";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float:
            return "a number";
        default:
            return "a value";
    }
}

std::string number_text(double value) {
    return fmt::format("{}", value);
}

double to_stored(double written, TimeUnit unit) {
    // Seconds are divided by 60 rather than multiplied by 1/60 (which is not exact in binary).
    if (unit == TimeUnit::Seconds) return written / 60.0;
    return written * minutes_per(unit);
}

double to_written(double stored, TimeUnit unit) {
    if (unit == TimeUnit::None || unit == TimeUnit::Minutes) return stored;
    const double candidate = unit == TimeUnit::Seconds ? stored * 60.0 : stored / minutes_per(unit);
    if (!std::isfinite(candidate)) return candidate;
    // The shortest decimal that converts back to the stored value: usually the number the user
    // wrote (30 rather than 30.000000000000004).
    for (int digits = 1; digits <= 17; ++digits) {
        const std::string text = fmt::format("{:.{}g}", candidate, digits);
        double shorter = 0;
        const auto parsed = std::from_chars(text.data(), text.data() + text.size(), shorter);
        if (parsed.ec == std::errc() && to_stored(shorter, unit) == stored) return shorter;
    }
    double below = candidate;
    double above = candidate;
    for (int step = 0; step < 4; ++step) {
        below = std::nextafter(below, -std::numeric_limits<double>::infinity());
        above = std::nextafter(above, std::numeric_limits<double>::infinity());
        if (to_stored(below, unit) == stored) return below;
        if (to_stored(above, unit) == stored) return above;
    }
    return candidate;
}

namespace {

/// "between 0 and 1", "at least 0", "at most 10": the range of a number field in messages.
std::string range_text(double lo, double hi) {
    if (std::isinf(lo) && std::isinf(hi)) return "a finite number";
    if (std::isinf(hi)) return fmt::format("at least {}", number_text(lo));
    if (std::isinf(lo)) return fmt::format("at most {}", number_text(hi));
    return fmt::format("between {} and {}", number_text(lo), number_text(hi));
}

}  // namespace

bool Reader::is_object(const Json& value, const Pointer& at, std::string_view what) {
    if (value.is_object()) return true;
    diag_.add(diagnostics::wrong_type(diag_.file(), at.to_string(), what, "an object",
                                      type_name(value), "write it as {\"field\": value, ...}"));
    return false;
}

void Reader::check_keys(const Json& object, const Pointer& at,
                        std::initializer_list<std::string_view> allowed) {
    check_keys(object, at, std::vector<std::string>(allowed.begin(), allowed.end()));
}

void Reader::check_keys(const Json& object, const Pointer& at,
                        const std::vector<std::string>& allowed) {
    if (!object.is_object()) return;
    for (const auto& item : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
        diag_.add(diagnostics::unknown_field(diag_.file(), (at / item.key()).to_string(),
                                             item.key(), allowed));
    }
}

void Reader::missing(const Pointer& at, std::string_view key, std::string hint) {
    diag_.add(diagnostics::missing_field(diag_.file(), (at / std::string(key)).to_string(), key,
                                         std::move(hint)));
}

bool Reader::nonempty_object(const Json& object, std::string_view key, const Pointer& at,
                             std::string_view mapping, std::string_view example) {
    const std::string k(key);
    if (!object.contains(k)) {
        missing(at, key, std::string(example));
        return false;
    }
    const Json& value = object.at(k);
    if (!value.is_object() || value.empty()) {
        diag_.error(at / k,
                    fmt::format("\"{}\" must be a non-empty object mapping {}", key, mapping),
                    std::string(example));
        return false;
    }
    return true;
}

std::optional<double> Reader::number(const Json& object, std::string_view key, const Pointer& at,
                                     bool required, double lo, double hi, std::string_view hint) {
    const std::string k(key);
    if (!object.is_object() || !object.contains(k)) {
        if (required) {
            missing(at, key,
                    hint.empty() ? fmt::format("add \"{}\": a number {}", key, range_text(lo, hi))
                                 : std::string(hint));
        }
        return std::nullopt;
    }
    return number_value(object.at(k), key, at / k, lo, hi, hint);
}

std::optional<double> Reader::number_value(const Json& v, std::string_view key,
                                           const Pointer& where, double lo, double hi,
                                           std::string_view hint) {
    const std::string range = range_text(lo, hi);
    if (!v.is_number()) {
        diag_.add(diagnostics::wrong_type(
            diag_.file(), where.to_string(), fmt::format("\"{}\"", key), "a number", type_name(v),
            hint.empty() ? fmt::format("write a number {}, without quotes", range)
                         : std::string(hint)));
        return std::nullopt;
    }
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < lo || x > hi) {
        diag_.add(diagnostics::out_of_range(diag_.file(), where.to_string(), key, range,
                                            number_text(x), std::string(hint)));
        return std::nullopt;
    }
    return x;
}

std::optional<long long> Reader::integer(const Json& object, std::string_view key,
                                         const Pointer& at, bool required, long long lo,
                                         long long hi) {
    const std::string k(key);
    const std::string range_hint = fmt::format("a whole number from {} to {}", lo, hi);
    if (!object.is_object() || !object.contains(k)) {
        if (required) missing(at, key, fmt::format("add \"{}\": {}", key, range_hint));
        return std::nullopt;
    }
    const Json& v = object.at(k);
    const std::string where = (at / k).to_string();
    auto out_of_range = [&](const std::string& got) {
        diag_.add(diagnostics::out_of_range(
            diag_.file(), where, key, fmt::format("between {} and {}", lo, hi), got, range_hint));
        return std::nullopt;
    };
    auto not_whole = [&](const std::string& got) {
        diag_.add(diagnostics::wrong_type(diag_.file(), where, fmt::format("\"{}\"", key),
                                          "a whole number", got, range_hint));
        return std::nullopt;
    };
    // Each representation is compared with the range in its own type, before any conversion:
    // 2^64 - 1 is an unsigned integer that no signed type holds, and 1e20 is a whole double
    // that no integer type holds.
    if (v.is_number_unsigned()) {
        const auto u = v.get<Json::number_unsigned_t>();
        if (hi < 0 || u > static_cast<unsigned long long>(hi) ||
            (lo > 0 && u < static_cast<unsigned long long>(lo)))
            return out_of_range(std::to_string(u));
        return static_cast<long long>(u);
    }
    if (v.is_number_integer()) {
        const auto i = v.get<Json::number_integer_t>();
        if (i < lo || i > hi) return out_of_range(std::to_string(i));
        return static_cast<long long>(i);
    }
    if (v.is_number_float()) {
        const double x = v.get<double>();
        if (!std::isfinite(x) || std::floor(x) != x) return not_whole(number_text(x));
        // lo and hi are far below 2^53 in every field, so they convert to double exactly.
        if (x < static_cast<double>(lo) || x > static_cast<double>(hi))
            return out_of_range(number_text(x));
        return static_cast<long long>(x);
    }
    return not_whole(type_name(v));
}

std::optional<std::string> Reader::string(const Json& object, std::string_view key,
                                          const Pointer& at, bool required, std::string_view hint) {
    const std::string k(key);
    if (!object.is_object() || !object.contains(k)) {
        if (required) {
            missing(at, key,
                    hint.empty() ? fmt::format("add \"{}\": \"...\"", key) : std::string(hint));
        }
        return std::nullopt;
    }
    const Json& v = object.at(k);
    if (!v.is_string()) {
        diag_.add(diagnostics::wrong_type(
            diag_.file(), (at / k).to_string(), fmt::format("\"{}\"", key), "a string",
            type_name(v),
            hint.empty() ? fmt::format("write it in double quotes: \"{}\": \"...\"", key)
                         : std::string(hint)));
        return std::nullopt;
    }
    return v.get<std::string>();
}

std::optional<bool> Reader::boolean(const Json& object, std::string_view key, const Pointer& at,
                                    bool required) {
    const std::string k(key);
    if (!object.is_object() || !object.contains(k)) {
        if (required) missing(at, key, fmt::format("add \"{}\": true or \"{}\": false", key, key));
        return std::nullopt;
    }
    const Json& v = object.at(k);
    if (!v.is_boolean()) {
        diag_.add(diagnostics::wrong_type(diag_.file(), (at / k).to_string(),
                                          fmt::format("\"{}\"", key), "true or false", type_name(v),
                                          "write true or false, without quotes"));
        return std::nullopt;
    }
    return v.get<bool>();
}

}  // namespace journeysim::detail
