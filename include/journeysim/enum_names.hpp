#pragma once
/// \file
/// The names of enum values as files and outputs write them: one table per enum
/// (`EnumNames<ChannelMode>`, `EnumNames<DistKind>`, ...), declared next to the enum and read by
/// `enum_name`, `enum_names` and `enum_from_name`, so that the loader, the writer and every
/// output agree.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace journeysim {

/// Specialised beside each enum with `static constexpr std::pair<E, const char*> values[]`.
template <typename E>
struct EnumNames;

/// The name of `value` ("?" for a value outside the table).
template <typename E>
constexpr const char* enum_name(E value) {
    for (const auto& [v, name] : EnumNames<E>::values)
        if (v == value) return name;
    return "?";
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
