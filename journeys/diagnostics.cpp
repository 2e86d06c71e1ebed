// The factories of every diagnostic (include/journeysim/detail/diagnostics.hpp) and the "did
// you mean" suggestions their hints give (include/journeysim/detail/suggest.hpp).
#include <journeysim/detail/diagnostics.hpp>
#include <journeysim/detail/suggest.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace journeysim {

namespace detail {

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

}  // namespace detail

namespace diagnostics {

namespace {

Diagnostic make(Severity severity, std::string file, std::string pointer, std::string message,
                std::string hint) {
    Diagnostic d;
    d.severity = severity;
    d.file = std::move(file);
    d.pointer = std::move(pointer);
    d.message = std::move(message);
    d.hint = std::move(hint);
    return d;
}

}  // namespace

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view plural) {
    if (auto c = detail::closest(word, candidates)) return fmt::format("did you mean \"{}\"?", *c);
    if (candidates.empty()) return fmt::format("no {} are defined", plural);
    constexpr std::size_t kListed = 12;
    std::string list;
    for (std::size_t i = 0; i < candidates.size() && i < kListed; ++i) {
        if (i > 0) list += ", ";
        list += candidates[i];
    }
    if (candidates.size() > kListed) list += ", ...";
    return fmt::format("known {}: {}", plural, list);
}

Diagnostic error(std::string file, std::string pointer, std::string message, std::string hint) {
    return make(Severity::Error, std::move(file), std::move(pointer), std::move(message),
                std::move(hint));
}

Diagnostic warning(std::string file, std::string pointer, std::string message, std::string hint) {
    return make(Severity::Warning, std::move(file), std::move(pointer), std::move(message),
                std::move(hint));
}

Diagnostic syntax_error(std::string file, int line, int column, std::string message,
                        std::string hint) {
    Diagnostic d = make(Severity::Error, std::move(file), "", std::move(message), std::move(hint));
    d.line = line;
    d.column = column;
    return d;
}

Diagnostic wrong_type(std::string file, std::string pointer, std::string_view subject,
                      std::string_view expected, std::string_view got, std::string hint) {
    return error(std::move(file), std::move(pointer),
                 subject.empty() ? fmt::format("must be {} (got {})", expected, got)
                                 : fmt::format("{} must be {} (got {})", subject, expected, got),
                 std::move(hint));
}

Diagnostic out_of_range(std::string file, std::string pointer, std::string_view field,
                        std::string_view range, std::string_view got, std::string hint) {
    if (hint.empty()) hint = fmt::format("use a value {}", range);
    return error(std::move(file), std::move(pointer),
                 field.empty() ? fmt::format("must be {} (got {})", range, got)
                               : fmt::format("\"{}\" must be {} (got {})", field, range, got),
                 std::move(hint));
}

Diagnostic missing_field(std::string file, std::string pointer, std::string_view key,
                         std::string hint) {
    return error(std::move(file), std::move(pointer),
                 fmt::format("missing required field \"{}\"", key), std::move(hint));
}

Diagnostic unknown_field(std::string file, std::string pointer, std::string_view key,
                         const std::vector<std::string>& allowed, std::string_view plural) {
    return error(std::move(file), std::move(pointer), fmt::format("unknown field \"{}\"", key),
                 suggestion(key, allowed, plural));
}

Diagnostic unknown_reference(std::string file, std::string pointer, std::string_view what,
                             std::string_view id, const std::vector<std::string>& candidates,
                             std::string_view plural) {
    std::string hint = candidates.empty() ? fmt::format("no {} are defined: define {} \"{}\" first",
                                                        plural, what, id)
                                          : suggestion(id, candidates, plural);
    return error(std::move(file), std::move(pointer), fmt::format("unknown {} \"{}\"", what, id),
                 std::move(hint));
}

Diagnostic unknown_name(std::string file, std::string pointer, std::string_view what,
                        std::string_view name, const std::vector<std::string>& known,
                        std::string_view plural) {
    return error(std::move(file), std::move(pointer), fmt::format("unknown {} \"{}\"", what, name),
                 suggestion(name, known, plural));
}

Diagnostic duplicate_key(std::string file, std::string pointer, std::string_view key) {
    return error(std::move(file), std::move(pointer), fmt::format("duplicate key \"{}\"", key),
                 "a JSON object may name a field only once; remove or rename one of them");
}

Diagnostic duplicate_entry(std::string file, std::string pointer, std::string_view value) {
    return error(std::move(file), std::move(pointer), fmt::format("\"{}\" is listed twice", value),
                 fmt::format("list \"{}\" once: remove this entry", value));
}

Diagnostic duplicate_id(std::string file, std::string pointer, std::string_view what,
                        std::string_view id, std::string hint) {
    return error(std::move(file), std::move(pointer),
                 fmt::format("{} \"{}\" already exists", what, id), std::move(hint));
}

Diagnostic must_sum_to_one(std::string file, std::string pointer, std::string_view what, double sum,
                           std::string hint) {
    return error(std::move(file), std::move(pointer),
                 fmt::format("{} must sum to 1 (they sum to {:.10g})", what, sum), std::move(hint));
}

}  // namespace diagnostics

}  // namespace journeysim
