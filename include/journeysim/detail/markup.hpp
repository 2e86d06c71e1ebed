#pragma once
/// \file
/// Escaping text for markup: HTML and SVG pages, and the HTML-like and plain labels of Graphviz.
/// Used by the diagrams (`render_diagram`) and the HTML report (`escape_html`), so that both treat
/// names from a model alike.

#include <string>
#include <string_view>

namespace journeysim::detail {

/// What `escape_markup` escapes besides `&`, `<` and `>`.
struct MarkupEscape {
    bool quotes = true;  ///< `"` and `'` (needed in quoted attribute values)
    /// `\` doubled: Graphviz reads backslash escapes (`\n`, `\N`, `\G`, ...) in its labels.
    bool backslashes = false;
    /// C0 control characters (which would make XML ill-formed) written as spaces.
    bool controls_as_spaces = false;
};

/// `text` with every character that markup would read as markup written as an entity:
/// `&amp;`, `&lt;`, `&gt;`, and as `what` asks `&quot;`, `&#39;`, `\\` and spaces.
inline std::string escape_markup(std::string_view text, MarkupEscape what = {}) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += what.quotes ? "&quot;" : "\"";
                break;
            case '\'':
                out += what.quotes ? "&#39;" : "'";
                break;
            case '\\':
                out += what.backslashes ? "\\\\" : "\\";
                break;
            default:
                out += what.controls_as_spaces && static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out;
}

}  // namespace journeysim::detail
