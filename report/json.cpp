#include "json_tree.hpp"

#include <journeysim/report.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace journeysim {

namespace {

using detail::Json;
using detail::make_path;
using detail::Pointer;

}  // namespace

std::string result_to_json(const Result& result) {
    Json root = Json::object();
    root["journeysim_result"] = 1;
    root["model"] = result.model;
    root["currency"] = result.currency.empty() ? Json(nullptr) : Json(result.currency);
    root["seed"] = result.seed;
    root["replications"] = result.replications;
    root["warnings"] = Json::array();
    for (const RunWarning& w : result.warnings) {
        root["warnings"].push_back({{"code", w.code},
                                    {"pointer", w.pointer},
                                    {"message", w.message},
                                    {"hint", w.hint},
                                    {"biases", w.biases}});
    }
    for (const Metric& metric : result.metrics()) {
        const Estimate e = estimate(metric.values);
        // NaN (undefined) is written as null.
        make_path(root, Pointer(metric.path)) = Json{{"mean", e.mean}, {"ci95", {e.low, e.high}}};
    }
    return root.dump(2) + "\n";
}

}  // namespace journeysim
