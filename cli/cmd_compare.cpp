// `journeysim compare`: the base model and every scenario of a scenario file, simulated with
// common random numbers, with paired differences.
#include "commands.hpp"

#include <journeysim/compare.hpp>
#include <journeysim/comparison_report.hpp>
#include <journeysim/io.hpp>
#include <journeysim/load.hpp>
#include <journeysim/scenario.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

namespace journeysim::cli {

void run_comparison(const ScenarioSet& set, const CompareArgs& args) {
    CompareOptions options;
    options.simulation = args.simulation.options();
    if (args.target_ci > 0) options.target_ci = args.target_ci;
    options.max_replications = std::max(args.max_replications, args.simulation.replications);
    options.simulation.intervals = !args.report.empty();
    warn_about_size(*set.base, options.simulation, static_cast<double>(set.scenarios.size() + 1));
    const bool terminal = ::isatty(::fileno(stderr)) != 0;
    if (terminal) {
        options.simulation.progress = [](double done) {
            fmt::print(stderr, "\rsimulating ... {:3.0f}%", done * 100);
            std::fflush(stderr);
        };
    }
    const Comparison comparison = compare(set, options);
    if (terminal) fmt::print(stderr, "\r{:30}\r", "");
    print_run_warnings(comparison, args.scenarios);
    if (options.target_ci) {
        if (comparison.target_reached) {
            fmt::print(stderr, "every NPS difference is within ±{} points after {} replications\n",
                       *options.target_ci, comparison.base.replications);
        } else {
            fmt::print(stderr,
                       "journeysim: the target of ±{} NPS points was not reached within {} "
                       "replications (the cap); the results below are at {} replications. "
                       "Raise --max-replications or relax --target-ci\n",
                       *options.target_ci, options.max_replications, comparison.base.replications);
        }
    }
    if (!args.report.empty()) write_comparison_report(args.report, set, comparison, args.scenarios);
    write_output(args.output, in_result_format(args.format, comparison, comparison_to_json,
                                               comparison_to_csv, comparison_to_table));
}

void add_comparison_outputs(CLI::App* cmd, const std::shared_ptr<CompareArgs>& args) {
    auto* format = add_result_format_and_output(cmd, args->format, args->output);
    cmd->add_option("--report", args->report, "Also write the HTML report to this file");
    args->format_option = format;
}

void check_comparison_outputs(CompareArgs& args) {
    args.format_given = args.format_option != nullptr && args.format_option->count() > 0;
    args.format =
        check_output("-o", args.output, {"table", "json", "csv"}, args.format, args.format_given);
    check_output("--report", args.report, {"html"});
}

namespace {

/// Adds the arguments, options and callback of `compare` to `cmd`.
void setup_compare(CLI::App* cmd) {
    auto args = std::make_shared<CompareArgs>();
    cmd->add_option("SCENARIOS", args->scenarios, "Scenario file (JSON)")->required();
    add_simulation_options(cmd, args->simulation, "Replications of each variant");
    add_comparison_outputs(cmd, args);
    add_target_ci_options(cmd, args->target_ci, args->max_replications,
                          "Add replications until every scenario's NPS difference has a 95% CI "
                          "half-width of at most this many points");
    cmd->add_flag("--explain", args->explain,
                  "Print each scenario's changes as plain JSON Patch and stop");
    cmd->add_option("--scenario", args->only,
                    "Compare only this scenario with the base (repeat for more; default: all)");
    cmd->add_option("--write-model", args->write_model,
                    "Write the model of the one scenario named by --scenario, its changes "
                    "applied, to this JSON file and stop (it runs with `journeysim run`)");
    cmd->callback([args] {
        check_comparison_outputs(*args);
        if (!args->write_model.empty()) {
            check_output("--write-model", args->write_model, {"json"});
            if (args->only.size() != 1) {
                throw OutputError(fmt::format(
                    "--write-model {}: writes one scenario's model, and {} named; hint: name "
                    "the scenario with --scenario NAME",
                    terminal_text(args->write_model),
                    args->only.empty()
                        ? std::string("no --scenario is")
                        : fmt::format("{} --scenario options are", args->only.size())));
            }
        }
        auto set = load_scenarios_file(args->scenarios);
        print_diagnostics(set.warnings);
        if (!args->only.empty()) {
            std::vector<Scenario> chosen;
            for (const std::string& name : args->only)
                find_scenario(set, args->scenarios, name);  // an unknown name is an error
            for (const Scenario& s : set.scenarios) {
                if (std::find(args->only.begin(), args->only.end(), s.name) != args->only.end())
                    chosen.push_back(s);
            }
            set.scenarios = std::move(chosen);
        }
        if (!args->write_model.empty()) {
            write_output(args->write_model, save_model(*set.scenarios.front().model));
            return;
        }
        if (args->explain) {
            for (const auto& s : set.scenarios) {
                fmt::print("# scenario \"{}\"\n{}\n\n", terminal_text(s.name), s.expanded_patch);
            }
            return;
        }
        run_comparison(set, *args);
    });
}

}  // namespace

const CommandSpec kCompareCommand{
    "compare", "Compare what-if scenarios with their base model (common random numbers)",
    setup_compare};

}  // namespace journeysim::cli
