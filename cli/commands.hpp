#pragma once
// The subcommands of the journeysim executable. Each adds itself to the app and sets a callback
// that runs it; errors propagate as exceptions handled in main().

#include <journeysim/compare.hpp>
#include <journeysim/error.hpp>
#include <journeysim/model.hpp>
#include <journeysim/result.hpp>
#include <journeysim/scenario.hpp>

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace journeysim::cli {

void add_validate_command(CLI::App& app);
void add_draw_command(CLI::App& app);
void add_run_command(CLI::App& app);
void add_demo_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_report_command(CLI::App& app);

/// Throws `OutputError` before a long run when the report could not be written there (its
/// folder does not exist).
void check_report_path(const std::string& path);
/// Writes the HTML report of a run to `path`, whole or not at all; `source` names the input.
void write_run_report(const std::string& path, const Model& model, const Result& result,
                      const std::string& source);
/// Writes the HTML report of a comparison to `path`, whole or not at all.
void write_comparison_report(const std::string& path, const ScenarioSet& set,
                             const Comparison& comparison, const std::string& source);

/// Prints diagnostics (errors and warnings) to stderr, one block each.
void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace journeysim::cli
