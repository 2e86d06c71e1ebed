#pragma once
// Building result-shaped JSON from metric paths, and reading the tree's shape back from them.
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

/// The escaped tokens directly under `prefix` ("/channels") in the metric paths of `results`,
/// in order of first appearance.
inline std::vector<std::string> child_tokens(std::initializer_list<const Result*> results,
                                             const std::string& prefix) {
    std::vector<std::string> out;
    const std::string start = prefix + "/";
    for (const Result* r : results) {
        for (const Metric& m : r->metrics) {
            if (m.path.compare(0, start.size(), start) != 0) continue;
            const auto end = m.path.find('/', start.size());
            std::string token = m.path.substr(
                start.size(), end == std::string::npos ? std::string::npos : end - start.size());
            if (std::find(out.begin(), out.end(), token) == out.end()) out.push_back(token);
        }
    }
    return out;
}

}  // namespace journeysim::detail
