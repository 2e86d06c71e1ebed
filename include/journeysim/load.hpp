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

namespace detail {
/// The one place a `ValidModel` is made, used by the loader after validation found no error.
struct ValidModelMaker;
}  // namespace detail

/// A model that passed validation, shared read-only: the only kind of model the engine
/// simulates. Only validation makes one — loading a file or text, loading a scenario, or
/// `validate` for a model built in code — so the engine never has to check a model again.
/// A default-constructed one holds no model (like an empty pointer) until one is assigned.
class ValidModel {
  public:
    ValidModel() = default;
    explicit operator bool() const noexcept { return model_ != nullptr; }
    const Model& operator*() const noexcept { return *model_; }
    const Model* operator->() const noexcept { return model_.get(); }
    const Model* get() const noexcept { return model_.get(); }
    /// The model, shared (it stays valid: nobody can change it through this pointer).
    const std::shared_ptr<const Model>& shared() const noexcept { return model_; }
    operator const std::shared_ptr<const Model>&() const noexcept { return model_; }

  private:
    explicit ValidModel(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
    friend struct detail::ValidModelMaker;
    std::shared_ptr<const Model> model_;
};

/// The result of loading: the model and the warnings found while validating it.
struct LoadedModel {
    ValidModel model;
    std::vector<Diagnostic> warnings;
};

/// Loads and validates a model file. Throws `InputError` with every problem found.
LoadedModel load_model_file(const std::filesystem::path& path, const InputLimits& limits = {});

/// Loads and validates a model from text; `file` names it in messages.
LoadedModel load_model_text(std::string_view text, const std::string& file,
                            const InputLimits& limits = {});

/// Validates a model built or changed in code, exactly as a file is validated (it is saved as
/// JSON and loaded again); `file` names it in messages. Throws `InputError` with every problem.
ValidModel validate(const Model& model, const std::string& file = "(model built in code)");

/// Writes a model back as JSON text (canonical field order, every value explicit where it
/// differs from the default). Loading the result gives an equal model.
std::string save_model(const Model& model);

/// Reads a whole file into a string, enforcing `limits.max_bytes`. Throws `InputError`.
std::string read_input_file(const std::filesystem::path& path, const InputLimits& limits = {});

/// A one-screen summary of a model: journeys, touchpoints, channels, teams, segments, volume.
std::string summarize(const Model& model);

}  // namespace journeysim
