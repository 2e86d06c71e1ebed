// Fuzz target: scenario files against fixed example models. Every change (JSON Patch and the
// domain operations add_channel, remove_channel, scale_demand, set_agents, ...) is applied and
// every scenario validated. The base model is examples/mandate.json when the file names it and
// examples/telecom.json otherwise, read once; the seed corpus holds the examples' what-if files.
#include "fuzz_support.hpp"

#include <journeysim/load.hpp>
#include <journeysim/scenario.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace {

const std::string& example(const char* name) {
    static const std::string telecom =
        journeysim::read_input_file(JOURNEYSIM_SOURCE_DIR "/examples/telecom.json");
    static const std::string mandate =
        journeysim::read_input_file(JOURNEYSIM_SOURCE_DIR "/examples/mandate.json");
    return std::string_view(name) == "mandate.json" ? mandate : telecom;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    example("telecom.json");
    example("mandate.json");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace journeysim;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fuzz::expect_input_errors_only([&] {
        const ScenarioSet set = load_scenarios_text(
            text, "fuzz-whatifs.json", InputLimits{}, [](const std::filesystem::path& base) {
                return example(base.filename() == "mandate.json" ? "mandate.json" : "telecom.json");
            });
        if (!set.base) fuzz::finding("a scenario set without its base model");
        for (const Scenario& s : set.scenarios) {
            if (!s.model) fuzz::finding("scenario \"" + s.name + "\" has no model");
            // A scenario's patched model is a model like any other: it saves and loads again.
            try {
                const LoadedModel again = load_model_text(save_model(*s.model), "saved.json");
                if (!(*again.model == *s.model))
                    fuzz::finding("scenario \"" + s.name + "\" saved and loaded is not equal");
            } catch (const InputError& e) {
                fuzz::finding("scenario \"" + s.name +
                              "\" saved as an invalid model: " + e.diagnostics().front().format());
            }
        }
    });
    return 0;
}
