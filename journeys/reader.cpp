// Diagnostics, "did you mean" hints, number texts and units, and the typed field access of
// `Reader` that every part of the loader uses.
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
    items_.push_back(
        {Severity::Error, file_, at.to_string(), std::move(message), std::move(hint), 0, 0});
}

void Diagnostics::warning(const Pointer& at, std::string message, std::string hint) {
    items_.push_back(
        {Severity::Warning, file_, at.to_string(), std::move(message), std::move(hint), 0, 0});
}

void Diagnostics::syntax(int line, int column, std::string message, std::string hint) {
    items_.push_back(
        {Severity::Error, file_, "", std::move(message), std::move(hint), line, column});
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

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (!best || d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    if (best && best_distance <= limit) return best;
    return std::nullopt;
}

std::string suggest(std::string_view word, const std::vector<std::string>& candidates,
                    std::string_view what) {
    if (auto c = closest(word, candidates)) return fmt::format("did you mean \"{}\"?", *c);
    if (candidates.empty()) return fmt::format("no {} are defined", what);
    std::string list;
    for (std::size_t i = 0; i < candidates.size() && i < 12; ++i) {
        if (i > 0) list += ", ";
        list += candidates[i];
    }
    if (candidates.size() > 12) list += ", ...";
    return fmt::format("known {}: {}", what, list);
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

bool Reader::is_object(const Json& value, const Pointer& at, std::string_view what) {
    if (value.is_object()) return true;
    diag_.error(at, fmt::format("{} must be an object (got {})", what, type_name(value)),
                "write it as {\"field\": value, ...}");
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
        diag_.error(at / item.key(), fmt::format("unknown field \"{}\"", item.key()),
                    suggest(item.key(), allowed, "fields here"));
    }
}

void Reader::missing(const Pointer& at, std::string_view key, std::string_view hint) {
    diag_.error(at / std::string(key), fmt::format("missing required field \"{}\"", key),
                std::string(hint));
}

std::optional<double> Reader::number(const Json& object, std::string_view key, const Pointer& at,
                                     bool required, double lo, double hi, std::string_view hint) {
    const std::string k(key);
    if (!object.is_object() || !object.contains(k)) {
        if (required) missing(at, key, hint);
        return std::nullopt;
    }
    return number_value(object.at(k), key, at / k, lo, hi, hint);
}

std::optional<double> Reader::number_value(const Json& v, std::string_view key,
                                           const Pointer& where, double lo, double hi,
                                           std::string_view hint) {
    if (!v.is_number()) {
        diag_.error(where, fmt::format("\"{}\" must be a number (got {})", key, type_name(v)),
                    std::string(hint));
        return std::nullopt;
    }
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < lo || x > hi) {
        std::string range;
        if (std::isinf(hi)) {
            range = fmt::format("at least {}", number_text(lo));
        } else if (std::isinf(lo)) {
            range = fmt::format("at most {}", number_text(hi));
        } else {
            range = fmt::format("between {} and {}", number_text(lo), number_text(hi));
        }
        diag_.error(where, fmt::format("\"{}\" must be {} (got {})", key, range, number_text(x)),
                    std::string(hint));
        return std::nullopt;
    }
    return x;
}

std::optional<long long> Reader::integer(const Json& object, std::string_view key,
                                         const Pointer& at, bool required, long long lo,
                                         long long hi) {
    const std::string k(key);
    if (!object.is_object() || !object.contains(k)) {
        if (required) missing(at, key);
        return std::nullopt;
    }
    const Json& v = object.at(k);
    const std::string range_hint = fmt::format("a whole number from {} to {}", lo, hi);
    auto out_of_range = [&](const std::string& got) {
        diag_.error(at / k,
                    fmt::format("\"{}\" must be between {} and {} (got {})", key, lo, hi, got),
                    range_hint);
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
        if (!std::isfinite(x) || std::floor(x) != x) {
            diag_.error(at / k,
                        fmt::format("\"{}\" must be a whole number (got {})", key, number_text(x)),
                        range_hint);
            return std::nullopt;
        }
        // lo and hi are far below 2^53 in every field, so they convert to double exactly.
        if (x < static_cast<double>(lo) || x > static_cast<double>(hi))
            return out_of_range(number_text(x));
        return static_cast<long long>(x);
    }
    diag_.error(at / k, fmt::format("\"{}\" must be a whole number (got {})", key, type_name(v)),
                range_hint);
    return std::nullopt;
}

std::optional<std::string> Reader::string(const Json& object, std::string_view key,
                                          const Pointer& at, bool required) {
    const std::string k(key);
    if (!object.is_object() || !object.contains(k)) {
        if (required) missing(at, key);
        return std::nullopt;
    }
    const Json& v = object.at(k);
    if (!v.is_string()) {
        diag_.error(at / k, fmt::format("\"{}\" must be a string (got {})", key, type_name(v)));
        return std::nullopt;
    }
    return v.get<std::string>();
}

std::optional<bool> Reader::boolean(const Json& object, std::string_view key, const Pointer& at,
                                    bool required) {
    const std::string k(key);
    if (!object.is_object() || !object.contains(k)) {
        if (required) missing(at, key);
        return std::nullopt;
    }
    const Json& v = object.at(k);
    if (!v.is_boolean()) {
        diag_.error(at / k,
                    fmt::format("\"{}\" must be true or false (got {})", key, type_name(v)));
        return std::nullopt;
    }
    return v.get<bool>();
}

}  // namespace journeysim::detail
