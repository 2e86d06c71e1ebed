#pragma once
// Building a validated Model from a parsed JSON document. Private to the journeys library;
// scenario patching builds on it (patch the document, then build).

#include "detail/reader.hpp"

#include <journeysim/load.hpp>
#include <journeysim/model.hpp>

#include <memory>

namespace journeysim::detail {

/// Reads every section of a model document into a Model, recording problems in `diag`.
/// Returns null when an error was found (all errors are in `diag`).
std::shared_ptr<Model> build_model(const Json& doc, Diagnostics& diag);

/// Makes a `ValidModel` of a model that was built and validated without errors.
struct ValidModelMaker {
    static ValidModel make(std::shared_ptr<const Model> model) {
        return ValidModel(std::move(model));
    }
};

/// Cross-checks a model read without errors: references that need the whole model, the
/// graphs (every touchpoint reaches an end, unreachable touchpoints), sums of shares.
/// Builds each journey's Boost.Graph graph.
void validate_model(Model& model, const Json& doc, Diagnostics& diag);
/// After field errors: the graph checks of each journey and employee journey that has no error
/// of its own (its parts and references were all read), and nothing else.
void validate_sound_journeys(Model& model, Diagnostics& diag);

}  // namespace journeysim::detail
