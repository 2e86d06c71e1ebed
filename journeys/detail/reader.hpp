#pragma once
// Reading JSON into model types while collecting diagnostics (made by the factories of
// <journeysim/detail/diagnostics.hpp>): type and range checks, unknown-field detection with
// "did you mean" hints. Private to the journeys library.

#include <journeysim/detail/diagnostics.hpp>
#include <journeysim/detail/suggest.hpp>
#include <journeysim/distribution.hpp>
#include <journeysim/error.hpp>
#include <journeysim/load.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim::detail {

using Json = nlohmann::ordered_json;
using Pointer = Json::json_pointer;

/// Collects diagnostics for one input file. The common ones are made by the factories of
/// <journeysim/detail/diagnostics.hpp> and added; `error` and `warning` are for the rest, and
/// take a hint like every factory.
class Diagnostics {
  public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    void error(const Pointer& at, std::string message, std::string hint);
    void warning(const Pointer& at, std::string message, std::string hint);
    void syntax(int line, int column, std::string message, std::string hint);
    bool has_errors() const;
    const std::string& file() const { return file_; }
    std::vector<Diagnostic>& items() { return items_; }
    std::vector<Diagnostic> warnings() const;
    /// Throws InputError if any error was recorded.
    void throw_if_errors() const;

  private:
    std::string file_;
    std::vector<Diagnostic> items_;
};

/// Name of a JSON value's type for messages ("a string", "an array").
std::string type_name(const Json& value);

/// Formats a number for messages without trailing zeros (1.4, 30, 1e-09).
std::string number_text(double value);

/// Converts a number written in a model file in `unit` to the unit the model stores: minutes
/// for durations (seconds are divided by 60, hours and days multiplied), unchanged for `None`.
double to_stored(double written, TimeUnit unit);

/// The number to write in a model file in `unit` for a stored value: the shortest decimal that
/// `to_stored` maps back to exactly `stored`, so saving and loading again gives the same model.
double to_written(double stored, TimeUnit unit);

/// Parses text into JSON, enforcing the limits; syntax errors and limit violations are recorded
/// in `diag` (with line and column) and return nullopt. Duplicate keys are errors too.
std::optional<Json> parse_json(std::string_view text, const InputLimits& limits, Diagnostics& diag);

/// Typed access to JSON objects with diagnostics.
class Reader {
  public:
    explicit Reader(Diagnostics& diag) : diag_(diag) {}
    Diagnostics& diag() { return diag_; }

    /// Checks `value` is an object; reports otherwise.
    bool is_object(const Json& value, const Pointer& at, std::string_view what);
    /// Reports every key of `object` not in `allowed`, with a hint.
    void check_keys(const Json& object, const Pointer& at,
                    std::initializer_list<std::string_view> allowed);
    void check_keys(const Json& object, const Pointer& at, const std::vector<std::string>& allowed);

    /// A number field. Missing: nullopt (an error when `required`). Out of [lo, hi]: error.
    /// Every error gives `hint`; without one, a hint made from the range ("use a value
    /// between 0 and 1").
    std::optional<double> number(const Json& object, std::string_view key, const Pointer& at,
                                 bool required, double lo, double hi, std::string_view hint = {});
    /// A number that is already at hand (`where` is its pointer, `key` names it in messages),
    /// checked as `number` checks a field.
    std::optional<double> number_value(const Json& value, std::string_view key,
                                       const Pointer& where, double lo, double hi,
                                       std::string_view hint = {});
    /// An integer field in [lo, hi]; the hints give the range.
    std::optional<long long> integer(const Json& object, std::string_view key, const Pointer& at,
                                     bool required, long long lo, long long hi);
    /// A string field. `hint`, when given, replaces the hints for a missing field and for a
    /// value that is not a string (say, to list the names it may be).
    std::optional<std::string> string(const Json& object, std::string_view key, const Pointer& at,
                                      bool required, std::string_view hint = {});
    std::optional<bool> boolean(const Json& object, std::string_view key, const Pointer& at,
                                bool required);
    /// A string field naming a value of the model enum `E` (the names of `EnumNames<E>`).
    /// Missing: nullopt (an error when `required`). An unknown name: nullopt and an error at
    /// the field ("unknown `what` "x"") whose hint suggests one of the `plural`.
    template <typename E>
    std::optional<E> named(const Json& object, std::string_view key, const Pointer& at,
                           bool required, std::string_view what, std::string_view plural) {
        const auto text =
            string(object, key, at, required,
                   fmt::format("the {} are {}", plural, fmt::join(enum_names<E>(), ", ")));
        if (!text) return std::nullopt;
        if (const auto value = enum_from_name<E>(*text)) return value;
        diag_.add(diagnostics::unknown_name(diag_.file(), (at / std::string(key)).to_string(), what,
                                            *text, enum_names<E>(), plural));
        return std::nullopt;
    }
    /// Reports a missing required field; `hint` shows what to add.
    void missing(const Pointer& at, std::string_view key, std::string hint);
    /// Whether the required field `key` of `object` is an object with at least one member,
    /// mapping `mapping` (e.g. "ids to steps"); when it is missing or anything else, reports it
    /// with `example` as the hint.
    bool nonempty_object(const Json& object, std::string_view key, const Pointer& at,
                         std::string_view mapping, std::string_view example);

    /// What a distribution is used for: a duration (unit suffix required) or a unitless score.
    enum class Use { Duration, Unitless };
    std::optional<Distribution> distribution(const Json& value, const Pointer& at, Use use);

  private:
    Diagnostics& diag_;
};

}  // namespace journeysim::detail
