#pragma once
/// \file
/// What-if scenarios (`"journeysim_scenarios": 1`): named lists of changes applied to a base
/// model. Changes are RFC 6902 JSON Patch operations or domain operations (`add_channel`,
/// `remove_channel`, `scale_demand`, `set_agents`) that expand to JSON Patch.

#include <journeysim/error.hpp>
#include <journeysim/load.hpp>
#include <journeysim/model.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace journeysim {

/// One variant of the base model.
struct Scenario {
    std::string name;
    std::string description;
    ValidModel model;  ///< the patched, validated model
    /// The changes as plain JSON Patch (domain operations expanded), as JSON text.
    std::string expanded_patch;
    /// Channels removed by `remove_channel` (ids), for reporting where their demand went.
    std::vector<std::string> removed_channels;
    /// Channels added by `add_channel` (ids).
    std::vector<std::string> added_channels;
};

/// A scenario file: the base model and its variants, in file order.
struct ScenarioSet {
    std::string name;
    std::string description;
    std::string file;
    std::filesystem::path base_path;
    ValidModel base;
    std::vector<Scenario> scenarios;
    std::vector<Diagnostic> warnings;
};

/// Loads a scenario file, its base model (a path relative to the scenario file), and builds and
/// validates every scenario. Throws `InputError` with every problem found; a problem in a
/// scenario names the scenario, the change's index and the JSON pointer.
ScenarioSet load_scenarios_file(const std::filesystem::path& path, const InputLimits& limits = {});

/// Same, from text; `file` names it in messages and anchors the relative base path.
ScenarioSet load_scenarios_text(std::string_view text, const std::filesystem::path& file,
                                const InputLimits& limits = {});

/// Reads the text of a base model given its resolved path; throws `InputError`.
using BaseReader = std::function<std::string(const std::filesystem::path&)>;

/// Same, reading the base model through `read_base` (e.g. from memory for a built-in example).
ScenarioSet load_scenarios_text(std::string_view text, const std::filesystem::path& file,
                                const InputLimits& limits, const BaseReader& read_base);

/// Applies a list of changes (a JSON array, as in a scenario's `changes`) to a model's JSON
/// text and returns the patched model text. For tools and tests; throws `InputError`.
std::string apply_changes(std::string_view model_json, std::string_view changes_json);

/// Whether a JSON file's top level says it is a scenario file.
bool is_scenario_file(const std::filesystem::path& path);

}  // namespace journeysim
