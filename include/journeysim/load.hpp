#pragma once
/// \file
/// Reading, validating and writing model files (`"journeysim": 1`).

#include <journeysim/error.hpp>
#include <journeysim/model.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim {

/// Limits on what the loader accepts, so a hostile or broken file cannot exhaust memory.
struct InputLimits {
    std::size_t max_bytes = 32u << 20;  ///< 32 MiB
    int max_depth = 64;                 ///< nesting of arrays and objects
};

/// The result of loading: the model and the warnings found while validating it.
struct LoadedModel {
    std::shared_ptr<const Model> model;
    std::vector<Diagnostic> warnings;
};

/// Loads and validates a model file. Throws `InputError` with every problem found.
LoadedModel load_model_file(const std::filesystem::path& path, const InputLimits& limits = {});

/// Loads and validates a model from text; `file` names it in messages.
LoadedModel load_model_text(std::string_view text, const std::string& file,
                            const InputLimits& limits = {});

/// Writes a model back as JSON text (canonical field order, every value explicit where it
/// differs from the default). Loading the result gives an equal model.
std::string save_model(const Model& model);

/// Reads a whole file into a string, enforcing `limits.max_bytes`. Throws `InputError`.
std::string read_input_file(const std::filesystem::path& path, const InputLimits& limits = {});

/// A one-screen summary of a model: journeys, touchpoints, channels, teams, segments, volume.
std::string summarize(const Model& model);

}  // namespace journeysim
