#pragma once
// Building result-shaped JSON from metric paths.
// Private to the report library.

#include <journeysim/result.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

namespace journeysim::detail {

using Json = nlohmann::ordered_json;
using Pointer = Json::json_pointer;

/// Makes sure every ancestor of `pointer` is an object (so that a token such as "0" is taken as
/// an object key, never as an array index), then returns the value at `pointer`.
inline Json& make_path(Json& root, const Pointer& pointer) {
    std::vector<Pointer> ancestors;
    for (Pointer p = pointer.parent_pointer(); !p.empty(); p = p.parent_pointer()) {
        ancestors.push_back(p);
    }
    for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
        if (!root.contains(*it)) root[*it] = Json::object();
    }
    return root[pointer];
}

}  // namespace journeysim::detail
