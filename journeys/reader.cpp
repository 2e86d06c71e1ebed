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

namespace {

struct Position {
    int line = 1;
    int column = 1;
};

Position position_of(std::string_view text, std::size_t byte) {
    Position pos;
    const std::size_t end = std::min(byte, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

// Finds where nesting first exceeds `max_depth`, skipping string contents. Returns the byte
// offset, or npos. Done before parsing so a pathological file never reaches the parser.
std::size_t too_deep_at(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth) return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::string_view::npos;
}

// The parser reports the last character it read. When it stopped at a whole token it did not
// expect (a missing comma shows up as an unexpected string), the token's first character is
// where the reader should look.
std::size_t token_start(std::string_view text, std::size_t last, const std::string& what) {
    if (last >= text.size()) return last;
    if (what.find("unexpected string literal") != std::string::npos && text[last] == '"') {
        for (std::size_t i = last; i-- > 0;) {
            if (text[i] != '"') continue;
            std::size_t backslashes = 0;
            while (backslashes < i && text[i - 1 - backslashes] == '\\')
                ++backslashes;
            if (backslashes % 2 == 0) return i;
        }
        return last;
    }
    if (what.find("unexpected number literal") != std::string::npos ||
        what.find("unexpected true literal") != std::string::npos ||
        what.find("unexpected false literal") != std::string::npos ||
        what.find("unexpected null literal") != std::string::npos) {
        std::size_t i = last;
        while (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) != 0 ||
                         text[i - 1] == '.' || text[i - 1] == '-' || text[i - 1] == '+'))
            --i;
        return i;
    }
    return last;
}

// The lexer's message looks like "[json.exception.parse_error.101] parse error at line 3,
// column 5: syntax error while parsing object - unexpected '}'; expected string literal".
std::string syntax_message(const std::string& what) {
    std::string message = what;
    if (auto pos = message.find("syntax error"); pos != std::string::npos) {
        message = message.substr(pos);
    } else if (auto colon = message.find(": "); colon != std::string::npos) {
        message = message.substr(colon + 2);
    }
    return "invalid JSON: " + message;
}

// Builds the document from the parser's SAX events. nlohmann's own DOM builder inserts each key
// of an ordered object with a linear search for an existing one, which makes reading an object
// of n keys take n^2 steps; here keys are appended (duplicates are found with a hash set and
// reported, and the document is then discarded), so parsing is linear in the size of the file.
class DocumentBuilder {
  public:
    struct Failure {
        std::size_t position = 0;  ///< bytes read when the parser stopped
        std::string token;         ///< the last token read
        std::string message;       ///< the parser's message
        bool overflow = false;     ///< a number too large for a double
    };

    Json root;
    std::optional<Failure> failed;
    std::vector<std::pair<std::string, std::string>> duplicates;  // pointer, key

    bool null() { return put(Json(nullptr)); }
    bool boolean(bool value) { return put(Json(value)); }
    bool number_integer(Json::number_integer_t value) { return put(Json(value)); }
    bool number_unsigned(Json::number_unsigned_t value) { return put(Json(value)); }
    bool number_float(Json::number_float_t value, const Json::string_t&) {
        return put(Json(value));
    }
    bool string(Json::string_t& value) { return put(Json(std::move(value))); }
    bool binary(Json::binary_t& value) { return put(Json::binary(std::move(value))); }
    bool start_object(std::size_t) {
        Json* node = put_container(Json::object());
        stack_.push_back(Frame{node, {}, {}, 0});
        return true;
    }
    bool key(Json::string_t& key) {
        Frame& f = stack_.back();
        if (!f.keys.insert(key).second) duplicates.emplace_back((path() / key).to_string(), key);
        f.key = std::move(key);
        return true;
    }
    bool end_object() {
        stack_.pop_back();
        return true;
    }
    bool start_array(std::size_t) {
        Json* node = put_container(Json::array());
        stack_.push_back(Frame{node, {}, {}, 0});
        return true;
    }
    bool end_array() {
        stack_.pop_back();
        return true;
    }
    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& ex) {
        failed = Failure{position, last_token, ex.what(),
                         dynamic_cast<const nlohmann::detail::out_of_range*>(&ex) != nullptr};
        return false;
    }

  private:
    struct Frame {
        Json* node;
        std::unordered_set<std::string> keys;
        std::string key;
        std::size_t index;
    };
    std::vector<Frame> stack_;

    // The pointer of the open container; only built for a duplicate key.
    Pointer path() const {
        Pointer out;
        for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
            const Frame& f = stack_[i];
            out = f.node->is_object() ? out / f.key : out / (f.index - 1);
        }
        return out;
    }

    // Stores a value in the open container (or as the root) and returns where it lives. The
    // pointers on the stack stay valid: a container only grows while it is the innermost open
    // one, and then none of its children is open.
    Json* place(Json value) {
        if (stack_.empty()) {
            root = std::move(value);
            return &root;
        }
        Frame& f = stack_.back();
        ++f.index;
        if (f.node->is_array()) {
            auto& array = f.node->get_ref<Json::array_t&>();
            array.push_back(std::move(value));
            return &array.back();
        }
        auto& entries = static_cast<Json::object_t::Container&>(f.node->get_ref<Json::object_t&>());
        entries.emplace_back(f.key, std::move(value));
        return &entries.back().second;
    }
    bool put(Json value) {
        place(std::move(value));
        return true;
    }
    Json* put_container(Json value) { return place(std::move(value)); }
};

}  // namespace

std::optional<Json> parse_json(std::string_view text, const InputLimits& limits,
                               Diagnostics& diag) {
    if (text.size() > limits.max_bytes) {
        diag.error(Pointer{},
                   fmt::format("file is too large ({} bytes; the limit is {} bytes)", text.size(),
                               limits.max_bytes),
                   "a model this size is almost certainly not a hand-written model; check the "
                   "file name");
        return std::nullopt;
    }
    if (const auto at = too_deep_at(text, limits.max_depth); at != std::string_view::npos) {
        const auto pos = position_of(text, at);
        diag.syntax(pos.line, pos.column,
                    fmt::format("nesting deeper than {} levels", limits.max_depth),
                    "model files need only a few levels; check for runaway brackets");
        return std::nullopt;
    }

    DocumentBuilder builder;
    Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json, true,
                    false);
    if (builder.failed) {
        const auto& f = *builder.failed;
        if (f.overflow) {
            // The lexer has read the whole number; it starts `token.size()` bytes before.
            const std::size_t start =
                f.position >= f.token.size() ? f.position - f.token.size() : 0;
            const auto pos = position_of(text, start);
            diag.syntax(pos.line, pos.column,
                        fmt::format("invalid JSON: the number {} is too large", f.token),
                        "numbers must be at most about 1.8e308; check for a typo in the exponent");
        } else {
            const auto pos = position_of(
                text, token_start(text, f.position > 0 ? f.position - 1 : 0, f.message));
            diag.syntax(pos.line, pos.column, syntax_message(f.message),
                        "check for a missing comma, quote or bracket just before this place");
        }
        return std::nullopt;
    }
    for (const auto& [pointer, key] : builder.duplicates) {
        diag.error(Pointer(pointer), fmt::format("duplicate key \"{}\"", key),
                   "a JSON object may name a field only once; remove or rename one of them");
    }
    if (!builder.duplicates.empty()) return std::nullopt;
    return std::move(builder.root);
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
        diag_.error(at, fmt::format("a distribution must be an object (got {})", type_name(value)),
                    example);
        return std::nullopt;
    }
    std::vector<std::string> names;
    for (const auto& f : families())
        names.emplace_back(f.name);
    const auto dist_name = string(value, "dist", at, true);
    if (!dist_name) return std::nullopt;
    const Family* family = nullptr;
    for (const auto& f : families()) {
        if (f.name == *dist_name) family = &f;
    }
    if (!family) {
        diag_.error(at / "dist", fmt::format("unknown distribution \"{}\"", *dist_name),
                    suggest(*dist_name, names, "distributions"));
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
                        suggest(item.key(), candidates, "parameters"));
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
    // duration at most ten years, a unitless number within a million of zero.
    auto param = [&](std::string_view name, double min_value) -> std::optional<double> {
        const std::string key = std::string(name) + sfx;
        auto x = number(value, key, at, true, min_value <= -1e300 ? -inf : min_value, inf);
        if (!x) return std::nullopt;
        const double stored = to_stored(*x, u);
        if (use == Use::Duration && !(stored <= kMaxDurationMinutes)) {
            diag_.error(
                at / key,
                fmt::format("\"{}\" must be at most {} (ten years) (got {})", key,
                            number_text(to_written(kMaxDurationMinutes, u)), number_text(*x)),
                "durations are limited to ten years; check the number and its unit "
                "suffix (_s, _min, _h or _d)");
            return std::nullopt;
        }
        if (use == Use::Unitless && !(std::fabs(stored) <= kMaxUnitless)) {
            diag_.error(
                at / key,
                fmt::format("\"{}\" must be between {} and {} (got {})", key,
                            number_text(-kMaxUnitless), number_text(kMaxUnitless), number_text(*x)),
                "scores are on the 0-10 scale");
            return std::nullopt;
        }
        return stored;
    };
    // A positive duration parameter must be at least a microsecond: the samplers divide by it.
    auto at_least_a_microsecond = [&](std::string_view name, double stored) {
        if (use != Use::Duration || stored >= kMinPositiveDurationMinutes) return true;
        const std::string key = std::string(name) + sfx;
        diag_.error(at / key,
                    fmt::format("\"{}\" must be at least {} (one microsecond) (got {})", key,
                                number_text(to_written(kMinPositiveDurationMinutes, u)),
                                number_text(to_written(stored, u))),
                    "use \"constant\" with value 0 for no time at all");
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
                diag_.error(at / ("mean" + sfx), "the mean of an exponential must be positive");
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
        case DistKind::Uniform: {
            auto a = param("min", lo);
            auto b = param("max", lo);
            if (!a || !b) return std::nullopt;
            if (!(*a < *b)) {
                diag_.error(at / ("max" + sfx), "max must be greater than min");
                return std::nullopt;
            }
            d.min = *a;
            d.max = *b;
            break;
        }
        case DistKind::Triangular: {
            auto a = param("min", lo);
            auto c = param("mode", lo);
            auto b = param("max", lo);
            if (!a || !b || !c) return std::nullopt;
            if (!(*a <= *c && *c <= *b && *a < *b)) {
                diag_.error(at, "a triangular distribution needs min <= mode <= max and min < max");
                return std::nullopt;
            }
            d.min = *a;
            d.mode = *c;
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
                diag_.error(at / key, "must be a non-empty array of numbers");
                return std::nullopt;
            }
            for (std::size_t i = 0; i < list.size(); ++i) {
                if (!list[i].is_number() || !std::isfinite(list[i].get<double>()) ||
                    (use == Use::Duration && list[i].get<double>() < 0)) {
                    diag_.error(at / key / i, use == Use::Duration ? "must be a non-negative number"
                                                                   : "must be a number");
                    return std::nullopt;
                }
                const double stored = to_stored(list[i].get<double>(), u);
                if (use == Use::Duration && !(stored <= kMaxDurationMinutes)) {
                    diag_.error(at / key / i,
                                fmt::format("must be at most {} (ten years) (got {})",
                                            number_text(to_written(kMaxDurationMinutes, u)),
                                            number_text(list[i].get<double>())),
                                "durations are limited to ten years; check the number and its "
                                "unit suffix (_s, _min, _h or _d)");
                    return std::nullopt;
                }
                if (use == Use::Unitless && !(std::fabs(stored) <= kMaxUnitless)) {
                    diag_.error(at / key / i,
                                fmt::format("must be between {} and {} (got {})",
                                            number_text(-kMaxUnitless), number_text(kMaxUnitless),
                                            number_text(list[i].get<double>())),
                                "scores are on the 0-10 scale");
                    return std::nullopt;
                }
                d.values.push_back(stored);
            }
            if (has_bins) {
                d.histogram = true;
                if (!std::is_sorted(d.values.begin(), d.values.end()) || d.values.size() < 2 ||
                    std::adjacent_find(d.values.begin(), d.values.end()) != d.values.end()) {
                    diag_.error(at / key, "bin edges must be at least two increasing numbers");
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
                                            d.values.size() - 1, w.size()));
                    return std::nullopt;
                }
                double sum = 0;
                for (std::size_t i = 0; i < w.size(); ++i) {
                    if (!w[i].is_number() || w[i].get<double>() < 0 ||
                        !std::isfinite(w[i].get<double>())) {
                        diag_.error(at / "weights" / i, "must be a non-negative number");
                        return std::nullopt;
                    }
                    d.weights.push_back(w[i].get<double>());
                    sum += d.weights.back();
                }
                if (sum <= 0) {
                    diag_.error(at / "weights", "at least one weight must be positive");
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
