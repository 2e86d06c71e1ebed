#pragma once
// Plain-text tables for terminal output. Private to the report library.

#include <journeysim/io.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim::detail {

/// Display width of UTF-8 text (code points; "±" counts as one).
inline std::size_t width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

inline std::string pad(const std::string& text, std::size_t to, bool right) {
    const std::size_t w = width(text);
    const std::string fill(to > w ? to - w : 0, ' ');
    return right ? fill + text : text + fill;
}

/// A table with a header row; the first column left-aligned, the others right-aligned (or, with
/// `all_left`, every column left-aligned and closer together, for lists of words). Cells carry
/// names from the model: their control characters are shown escaped (`terminal_text`).
class Table {
  public:
    explicit Table(std::vector<std::string> header, bool all_left = false) : all_left_(all_left) {
        add(std::move(header));
    }
    /// A table of `rows`, the first of them its header.
    static Table of(const std::vector<std::vector<std::string>>& rows, bool all_left = false) {
        Table table;
        table.all_left_ = all_left;
        for (const auto& row : rows)
            table.add(row);
        return table;
    }
    void add(std::vector<std::string> row) {
        for (std::string& cell : row)
            cell = terminal_text(cell);
        rows_.push_back(std::move(row));
    }
    bool empty() const { return rows_.size() < 2; }
    std::string render() const {
        std::vector<std::size_t> widths;
        for (const auto& row : rows_) {
            widths.resize(std::max(widths.size(), row.size()), 0);
            for (std::size_t c = 0; c < row.size(); ++c) {
                widths[c] = std::max(widths[c], width(row[c]));
            }
        }
        std::string out;
        for (const auto& row : rows_) {
            std::string line = " ";
            for (std::size_t c = 0; c < row.size(); ++c) {
                if (c == 0 || !all_left_) line += ' ';
                line += pad(row[c], widths[c], c > 0 && !all_left_);
                if (c + 1 < row.size()) line += "  ";
            }
            while (!line.empty() && line.back() == ' ')
                line.pop_back();
            out += line + "\n";
        }
        return out;
    }

  private:
    Table() = default;
    bool all_left_ = false;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace journeysim::detail
