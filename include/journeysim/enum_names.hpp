#pragma once
/// \file
/// The names of enum values as files and outputs write them: one table per enum
/// (`EnumNames<ChannelMode>`, `EnumNames<DistKind>`, ...), declared next to the enum and read by
/// `enum_name`, `enum_names` and `enum_from_name`, so that the loader, the writer and every
/// output agree.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace journeysim {

/// Specialised beside each enum with `static constexpr std::pair<E, const char*> values[]`.
template <typename E>
struct EnumNames;

/// One text per value of an enum. `EnumNames<E>::values` is one such table; outputs keep
/// others beside the code that writes them (a mode in words, a unit's note, ...).
template <typename E>
using EnumText = std::pair<E, const char*>;

/// The text of `value` in `table` (`otherwise` for a value the table does not list).
template <typename E, std::size_t N>
constexpr const char* text_of(const EnumText<E> (&table)[N], E value, const char* otherwise = "") {
    for (const auto& [v, text] : table)
        if (v == value) return text;
    return otherwise;
}

/// The name of `value` ("?" for a value outside the table).
template <typename E>
constexpr const char* enum_name(E value) {
    return text_of(EnumNames<E>::values, value, "?");
}

/// The name of `value` for the enums that have a table of names.
template <typename E>
requires requires {
    EnumNames<E>::values;
}
constexpr const char* to_string(E value) {
    return enum_name(value);
}

/// Every name of `E`, in the table's order (for "did you mean" hints and lists).
template <typename E>
std::vector<std::string> enum_names() {
    std::vector<std::string> out;
    for (const auto& entry : EnumNames<E>::values)
        out.emplace_back(entry.second);
    return out;
}

/// The value named `name`, if any.
template <typename E>
constexpr std::optional<E> enum_from_name(std::string_view name) {
    for (const auto& [v, n] : EnumNames<E>::values)
        if (name == n) return v;
    return std::nullopt;
}

}  // namespace journeysim
