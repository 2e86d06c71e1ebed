#pragma once
// The subcommands of the journeysim executable. Each adds itself to the app and sets a callback
// that runs it; errors propagate as exceptions handled in main().

#include <journeysim/error.hpp>

#include <CLI/CLI.hpp>

#include <vector>

namespace journeysim::cli {

void add_validate_command(CLI::App& app);
void add_draw_command(CLI::App& app);

/// Prints diagnostics (errors and warnings) to stderr, one block each.
void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace journeysim::cli
