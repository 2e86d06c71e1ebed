// Fuzz target: the model loader on arbitrary bytes and on mutated valid models (the examples
// are the seed corpus). An input must load, or be rejected with an InputError; a model that
// loads must save and load again to an equal model.
#include "fuzz_support.hpp"

#include <journeysim/load.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace journeysim;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fuzz::expect_input_errors_only([&] {
        const LoadedModel loaded = load_model_text(text, "fuzz.json");
        if (!loaded.model) fuzz::finding("load_model_text returned no model");
        const std::string saved = save_model(*loaded.model);
        LoadedModel again;
        try {
            again = load_model_text(saved, "saved.json");
        } catch (const InputError& e) {
            fuzz::finding("a loaded model saved as an invalid model: " +
                          e.diagnostics().front().format());
        }
        if (!(*again.model == *loaded.model))
            fuzz::finding("a loaded model saved and loaded again is not equal");
    });
    return 0;
}
