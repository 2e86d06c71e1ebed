// `journeysim report`: simulate a model, or compare the scenarios of a scenario file, and write
// the self-contained HTML report. Also the `--report` option of run, demo and compare.
#include "commands.hpp"

#include <journeysim/compare.hpp>
#include <journeysim/html_report.hpp>
#include <journeysim/io.hpp>
#include <journeysim/load.hpp>
#include <journeysim/scenario.hpp>
#include <journeysim/simulate.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace journeysim::cli {

namespace {

HtmlReportOptions report_options(const std::string& source, const std::string& title = {}) {
    HtmlReportOptions options;
    options.source = source;
    options.title = title;
    options.generator = std::string("journeysim ") + JOURNEYSIM_VERSION;
    return options;
}

/// Progress on a terminal only.
std::function<void(double)> terminal_progress() {
    if (::isatty(::fileno(stderr)) == 0) return {};
    return [](double done) {
        fmt::print(stderr, "\rsimulating ... {:3.0f}%", done * 100);
        std::fflush(stderr);
    };
}

void clear_progress(const std::function<void(double)>& progress) {
    if (progress) fmt::print(stderr, "\r{:30}\r", "");
}

struct ReportArgs {
    std::string input;
    std::string output;
    std::string title;
    SimulationArgs simulation;
    double target_ci = 0;
    int max_replications = CompareOptions{}.max_replications;
};

}  // namespace

void write_run_report(const std::string& path, const Model& model, const Result& result,
                      const std::string& source) {
    write_output(path, html_report(model, result, report_options(source)));
}

void write_comparison_report(const std::string& path, const ScenarioSet& set,
                             const Comparison& comparison, const std::string& source) {
    write_output(path, html_comparison_report(set, comparison, report_options(source)));
}

namespace {

/// Adds the arguments, options and callback of `report` to `cmd`.
void setup_report(CLI::App* cmd) {
    auto args = std::make_shared<ReportArgs>();
    cmd->add_option("INPUT", args->input, "Model file or scenario file (JSON)")->required();
    cmd->add_option("-o,--output", args->output, "The HTML file to write (- is stdout)")
        ->required();
    add_simulation_options(cmd, args->simulation, "Independent replications of the horizon");
    cmd->add_option("--title", args->title,
                    "Heading of the report (default: the model's or scenario file's name)");
    add_target_ci_options(cmd, args->target_ci, args->max_replications,
                          "Scenario files: add replications until every scenario's NPS difference "
                          "has a 95% CI half-width of at most this many points");
    cmd->callback([args] {
        check_output("-o", args->output, {"html"});
        auto options = report_options(args->input, args->title);
        const auto progress = terminal_progress();
        std::string html;
        if (is_scenario_file(args->input)) {
            const auto set = load_scenarios_file(args->input);
            print_diagnostics(set.warnings);
            CompareOptions compare_options;
            compare_options.simulation = args->simulation.options();
            compare_options.simulation.intervals = true;
            warn_about_size(*set.base, compare_options.simulation,
                            static_cast<double>(set.scenarios.size() + 1));
            compare_options.simulation.progress = progress;
            if (args->target_ci > 0) compare_options.target_ci = args->target_ci;
            compare_options.max_replications =
                std::max(args->max_replications, args->simulation.replications);
            const Comparison comparison = compare(set, compare_options);
            clear_progress(progress);
            print_run_warnings(comparison, args->input);
            if (compare_options.target_ci && !comparison.target_reached) {
                fmt::print(stderr,
                           "journeysim: the target of \u00b1{} NPS points was not reached within "
                           "{} replications; the report shows {} replications\n",
                           *compare_options.target_ci, compare_options.max_replications,
                           comparison.base.replications);
            }
            html = html_comparison_report(set, comparison, options);
        } else {
            const auto loaded = load_model_file(args->input);
            print_diagnostics(loaded.warnings);
            SimulationOptions simulation = args->simulation.options();
            simulation.intervals = true;
            warn_about_size(*loaded.model, simulation);
            simulation.progress = progress;
            const Result result = simulate(loaded.model, simulation);
            clear_progress(progress);
            print_run_warnings(result, args->input);
            options.warnings = loaded.warnings;
            html = html_report(*loaded.model, result, options);
        }
        write_file_atomically(args->output, html);
        if (!is_standard_output(args->output))
            fmt::print(stderr, "wrote {} ({} bytes)\n", terminal_text(args->output), html.size());
    });
}

}  // namespace

const CommandSpec kReportCommand{
    "report",
    "Simulate a model, or compare the scenarios of a scenario file, and write a "
    "self-contained HTML report (charts, journey diagrams with the simulated flow, tables)",
    setup_report};

}  // namespace journeysim::cli
