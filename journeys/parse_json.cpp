// Parsing a file's text into JSON within the limits (size, nesting), with line and column for
// every syntax error and an error for every key given twice.
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
    // The check follows nlohmann's noexcept null constructor into a throw it never reaches.
    // NOLINTNEXTLINE(bugprone-exception-escape)
    DocumentBuilder() = default;
    // The stack points into `root`, so a builder must stay where it is.
    DocumentBuilder(const DocumentBuilder&) = delete;
    DocumentBuilder& operator=(const DocumentBuilder&) = delete;

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
        diag.add(diagnostics::duplicate_key(diag.file(), pointer, key));
    }
    if (!builder.duplicates.empty()) return std::nullopt;
    return std::move(builder.root);
}

}  // namespace journeysim::detail
