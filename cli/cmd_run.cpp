// `journeysim run`: simulate a model and report its KPIs.
#include "commands.hpp"

#include <journeysim/io.hpp>
#include <journeysim/load.hpp>
#include <journeysim/report.hpp>
#include <journeysim/simulate.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

namespace journeysim::cli {

namespace {

struct RunArgs {
    std::string model;
    SimulationArgs simulation;
    std::string format = "table";
    std::string output;
    std::string intervals;
    std::string trace;
    std::string report;
    bool format_given = false;
};

/// Checks every output path before the model is even read; settles the format of -o.
void check_outputs(RunArgs& args) {
    args.format =
        check_output("-o", args.output, {"table", "json", "csv"}, args.format, args.format_given);
    check_output("--intervals", args.intervals, {"csv"});
    check_output("--trace", args.trace, {"csv"});
    check_output("--report", args.report, {"html"});
}

void simulate_and_report(const ValidModel& valid, const RunArgs& args, const std::string& source) {
    const Model& model = *valid;
    SimulationOptions options = args.simulation.options();
    options.intervals = !args.intervals.empty() || !args.report.empty();
    std::unique_ptr<TraceCsvWriter> trace;
    if (!args.trace.empty()) {
        trace = std::make_unique<TraceCsvWriter>(args.trace);
        options.trace = trace.get();
    }
    warn_about_size(model, options);
    const bool terminal = ::isatty(::fileno(stderr)) != 0;
    if (terminal) {
        options.progress = [](double done) {
            fmt::print(stderr, "\rsimulating ... {:3.0f}%", done * 100);
            std::fflush(stderr);
        };
    }
    const Result result = simulate(valid, options);
    if (terminal) fmt::print(stderr, "\r{:30}\r", "");
    print_run_warnings(result, args.model);

    if (trace) {
        trace->commit();
        if (!is_standard_output(args.trace))
            fmt::print(stderr, "wrote {}\n", terminal_text(args.trace));
    }
    if (!args.intervals.empty()) write_output(args.intervals, intervals_to_csv(result));
    if (!args.report.empty()) write_run_report(args.report, model, result, source);
    // The table escapes the names in it for the terminal.
    write_output(args.output, in_result_format(args.format, result, result_to_json, result_to_csv,
                                               result_to_table));
}

/// Adds the arguments, options and callback of `run` to `cmd`.
void setup_run(CLI::App* cmd) {
    auto args = std::make_shared<RunArgs>();
    cmd->add_option("MODEL", args->model, "Model file (JSON)")->required();
    add_simulation_options(cmd, args->simulation, "Independent replications of the horizon");
    auto* format = add_result_format_and_output(cmd, args->format, args->output);
    cmd->add_option("--intervals", args->intervals,
                    "Write per-channel interval statistics (CSV) to this file");
    cmd->add_option("--trace", args->trace,
                    "Write every contact of replication 1 (CSV) to this file");
    cmd->add_option("--report", args->report, "Also write the HTML report to this file");
    cmd->callback([args, format] {
        args->format_given = format->count() > 0;
        check_outputs(*args);
        const auto loaded = load_model_file(args->model);
        print_diagnostics(loaded.warnings);
        simulate_and_report(loaded.model, *args, args->model);
    });
}

}  // namespace

const CommandSpec kRunCommand{"run", "Simulate a model and report NPS, FTF, channel load and cost",
                              setup_run};

}  // namespace journeysim::cli
