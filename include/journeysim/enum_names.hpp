#pragma once
/// \file
/// The names of enum values as files and outputs write them: one table per enum
/// (`EnumNames<ChannelMode>`, `EnumNames<DistKind>`, ...), declared next to the enum and read by
/// `enum_name`, `enum_names` and `enum_from_name`, so that the loader, the writer and every
/// output agree.

#include <array>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace journeysim {

/// Specialised beside each enum, by `JOURNEYSIM_ENUM_NAMES`, with `static constexpr values`: a
/// table of `std::pair<E, const char*>`, one per value.
template <typename E>
struct EnumNames;

/// One text per value of an enum. `EnumNames<E>::values` is one such table; outputs keep
/// others beside the code that writes them (a mode in words, a unit's note, ...).
template <typename E>
using EnumText = std::pair<E, const char*>;

/// The table of `names`, the names of `E`'s values in their order of declaration (`E` numbered
/// from 0 up, as an enum is when it gives its values no numbers).
template <typename E, typename... Names>
constexpr std::array<EnumText<E>, sizeof...(Names)> names_in_order(Names... names) {
    std::size_t value = 0;
    return {EnumText<E>{static_cast<E>(value++), names}...};
}

/// Specialises `EnumNames<E>` with the names of `E`'s values in their order of declaration:
/// `JOURNEYSIM_ENUM_NAMES(Outcome, "resolved", "unresolved", "churned");` (see `names_in_order`).
/// Used in namespace `journeysim`.
#define JOURNEYSIM_ENUM_NAMES(E, ...)                                  \
    template <>                                                        \
    struct EnumNames<E> {                                              \
        static constexpr auto values = names_in_order<E>(__VA_ARGS__); \
    }

/// The text of `value` in `table`, an array of `EnumText<E>` (`otherwise` for a value the table
/// does not list).
template <typename Table, typename E>
constexpr const char* text_of(const Table& table, E value, const char* otherwise = "") {
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
    out.reserve(std::size(EnumNames<E>::values));
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
