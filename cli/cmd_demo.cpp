// `journeysim demo`: the flagship what-if on the built-in broadband operator — add WhatsApp,
// drop e-mail, give agents more mandate, text customers about an outage — compared with
// common random numbers.
#include "commands.hpp"

#include <journeysim/scenario.hpp>

#include <memory>

namespace journeysim::cli {

namespace {

/// Adds the arguments, options and callback of `demo` to `cmd`.
void setup_demo(CLI::App* cmd) {
    auto args = std::make_shared<CompareArgs>();
    add_simulation_options(cmd, args->simulation, "Replications of each variant");
    add_comparison_outputs(cmd, args);
    cmd->callback([args] {
        check_comparison_outputs(*args);
        const auto set = load_scenarios_text(
            kDemoScenarios, "telecom-whatifs.json (built-in example)", InputLimits{},
            [](const std::filesystem::path&) { return std::string(kDemoModel); });
        print_diagnostics(set.warnings);
        run_comparison(set, *args);
    });
}

}  // namespace

const CommandSpec kDemoCommand{
    "demo",
    "Run the flagship what-if on the built-in example (a broadband operator): add WhatsApp, "
    "drop e-mail, more agent mandate, a proactive outage SMS",
    setup_demo};

}  // namespace journeysim::cli
