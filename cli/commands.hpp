#pragma once
// The subcommands of the journeysim executable. Each adds itself to the app and sets a callback
// that runs it; errors propagate as exceptions handled in main().

#include <journeysim/compare.hpp>
#include <journeysim/error.hpp>
#include <journeysim/model.hpp>
#include <journeysim/result.hpp>
#include <journeysim/scenario.hpp>
#include <journeysim/simulate.hpp>

#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim::cli {

/// A subcommand: its name and what it does (as --help shows them), and the function that adds
/// its arguments, options and callback to it once main() has added it to the app.
struct CommandSpec {
    const char* name;
    const char* description;
    void (*setup)(CLI::App* cmd);
};

extern const CommandSpec kValidateCommand;
extern const CommandSpec kDrawCommand;
extern const CommandSpec kRunCommand;
extern const CommandSpec kCompareCommand;
extern const CommandSpec kDemoCommand;
extern const CommandSpec kReportCommand;
extern const CommandSpec kStaffCommand;

/// Adds every subcommand to `app`, in the order --help lists them (used by main() and the
/// command-line fuzz target alike).
void add_commands(CLI::App& app);

/// Writes the HTML report of a run to `path`, whole or not at all; `source` names the input.
void write_run_report(const std::string& path, const Model& model, const Result& result,
                      const std::string& source);
/// Writes the HTML report of a comparison to `path`, whole or not at all.
void write_comparison_report(const std::string& path, const ScenarioSet& set,
                             const Comparison& comparison, const std::string& source);

/// The options every simulating command takes: -r/--replications, -s/--seed, -t/--threads and
/// --max-in-system.
struct SimulationArgs {
    int replications = SimulationOptions{}.replications;
    std::uint64_t seed = SimulationOptions{}.seed;
    int threads = SimulationOptions{}.threads;
    std::size_t max_in_system = SimulationOptions{}.max_in_system;

    /// As options for `simulate` (nothing else set).
    SimulationOptions options() const {
        SimulationOptions o;
        o.replications = replications;
        o.seed = seed;
        o.threads = threads;
        o.max_in_system = max_in_system;
        return o;
    }
};

/// What `compare` (and `demo`) were asked to do.
struct CompareArgs {
    std::string scenarios;
    SimulationArgs simulation;
    std::string format = "table";
    std::string output;
    double target_ci = 0;
    int max_replications = CompareOptions{}.max_replications;
    bool explain = false;
    std::string report;
    std::vector<std::string> only;  ///< --scenario: compare only these (all when empty)
    std::string write_model;        ///< --write-model: the one scenario's patched model
    bool format_given = false;      ///< --format was given (else -o's extension decides)
    const CLI::Option* format_option = nullptr;
};

/// Adds -f/--format, -o/--output and --report of `compare` and `demo`.
void add_comparison_outputs(CLI::App* cmd, const std::shared_ptr<CompareArgs>& args);
/// Checks those outputs before anything is read or simulated, and settles the format.
void check_comparison_outputs(CompareArgs& args);

/// Simulates the base and every scenario of `set` and writes the comparison as asked.
void run_comparison(const ScenarioSet& set, const CompareArgs& args);

/// Thrown by a command that has done its work but must end with another exit code than 0
/// (`staff` when a target cannot be met); main() returns `code`.
struct ExitWith {
    int code;
};

/// The flagship model and its what-if scenarios, built into the executable.
extern const char* const kDemoModel;      // examples/telecom.json
extern const char* const kDemoScenarios;  // examples/telecom-whatifs.json

/// Prints diagnostics (errors and warnings) to stderr, one block each.
void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

/// Prints a failed simulation to stderr: what went wrong, then each field that is known (model,
/// replication, seed, simulated time, customer, where), then the hint.
void print_simulation_failure(const SimulationFailure& failure);

/// Adds the option `name` to `cmd`, its value checked by `check` and its default shown in --help.
template <class T>
CLI::Option* add_defaulted_option(CLI::App* cmd, const std::string& name, T& value,
                                  const std::string& help, const CLI::Validator& check) {
    return cmd->add_option(name, value, help)->check(check)->capture_default_str();
}

/// Adds the options of `SimulationArgs` to `cmd`; `replications_help` describes -r.
void add_simulation_options(CLI::App* cmd, SimulationArgs& args,
                            const std::string& replications_help);

/// Adds --target-ci (`target_help` says what it aims at) and --max-replications, the cap on the
/// replications it may add, of `compare` and `report`.
void add_target_ci_options(CLI::App* cmd, double& target_ci, int& max_replications,
                           const std::string& target_help);

/// Warns on stderr, before a run starts, when `options` on `model` ask for a very long run
/// (over 100 million customers) or for more memory than the machine has; the warning gives the
/// expected number of customers and the memory bound. `runs` multiplies the customers (the
/// variants of a comparison).
void warn_about_size(const Model& model, const SimulationOptions& options, double runs = 1);
/// Prints a run's warnings (`Result::warnings`: saturated teams, growing backlogs, customers
/// still in a journey at the end of the run-out) on stderr as diagnostics of `source` (the
/// model file), in the form `validate` prints its warnings.
void print_run_warnings(const Result& result, std::string_view source);
/// The same for the base and every scenario of a comparison read from `scenarios`.
void print_run_warnings(const Comparison& comparison, std::string_view scenarios);

/// -f/--format (table, json or csv) and -o/--output of `run` and `compare`; returns the format
/// option so that the command can tell whether it was given.
inline CLI::Option* add_result_format_and_output(CLI::App* cmd, std::string& format,
                                                 std::string& output) {
    auto* option = cmd->add_option("-f,--format", format,
                                   "Output format: table (default), json or csv; a .json or .csv "
                                   "file name of -o decides it when --format is not given")
                       ->check(CLI::IsMember({"table", "json", "csv"}));
    cmd->add_option("-o,--output", output,
                    "Write the output to this file instead of stdout (- is stdout)");
    return option;
}

/// `value` as -f/--format asks: "json", "csv" or else the text table, each by its own writer.
template <class Value>
std::string in_result_format(const std::string& format, const Value& value,
                             std::string (*json)(const Value&), std::string (*csv)(const Value&),
                             std::string (*table)(const Value&)) {
    if (format == "json") return json(value);
    if (format == "csv") return csv(value);
    return table(value);
}

/// Writes `text` to standard output when `path` is empty or `-`; otherwise as
/// `write_file_atomically` (io.hpp: a device or FIFO directly, a file replaced only once the
/// new one is complete, through a symbolic link, keeping its permissions) and says so on
/// stderr. A failed write, to standard output too, throws `OutputError`.
void write_output(const std::string& path, const std::string& text);

/// The format an output file's name asks for: "json", "csv", "html", "svg", "png" or "dot"
/// from its extension (any case); empty when the name has none of them (the text table has
/// no extension of its own).
std::string format_of_extension(const std::string& path);

/// Checks the output `path` of `option` (e.g. "-o") before anything is simulated, and returns
/// the format to write. `formats` are those the option can write, the first its default;
/// `format` is the value of --format when `format_given`. The extension decides when
/// --format is not given (no extension keeps the default); an extension the option cannot
/// write, or a --format that contradicts it, is an `OutputError`, as is a path that cannot be
/// written (`check_output_path`). An empty `path` (standard output) is not checked.
std::string check_output(const std::string& option, const std::string& path,
                         const std::vector<std::string>& formats, const std::string& format = {},
                         bool format_given = false);

/// The scenario called `name` in `set` (read from `path`); an unknown name is an input error
/// naming /scenarios/<name> and listing the scenarios the file has.
const Scenario& find_scenario(const ScenarioSet& set, const std::string& path,
                              const std::string& name);

}  // namespace journeysim::cli
