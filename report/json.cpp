#include <journeysim/report.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace journeysim {

namespace {

using Json = nlohmann::ordered_json;
using Pointer = Json::json_pointer;

/// Makes sure every ancestor of `pointer` is an object (so that a token such as "0" is taken as
/// an object key, never as an array index), then returns the value at `pointer`.
Json& make_path(Json& root, const Pointer& pointer) {
    std::vector<Pointer> ancestors;
    for (Pointer p = pointer.parent_pointer(); !p.empty(); p = p.parent_pointer()) {
        ancestors.push_back(p);
    }
    for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
        if (!root.contains(*it)) root[*it] = Json::object();
    }
    return root[pointer];
}

}  // namespace

std::string result_to_json(const Result& result) {
    Json root = Json::object();
    root["journeysim_result"] = 1;
    root["model"] = result.model;
    root["seed"] = result.seed;
    root["replications"] = result.replications;
    for (const Metric& metric : result.metrics) {
        const Estimate e = estimate(metric.values);
        // NaN (undefined) is written as null.
        make_path(root, Pointer(metric.path)) = Json{{"mean", e.mean}, {"ci95", {e.low, e.high}}};
    }
    return root.dump(2) + "\n";
}

}  // namespace journeysim
