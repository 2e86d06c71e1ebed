// journeysim: simulate customer and employee journeys.
#include "commands.hpp"
#include "signals.hpp"

#include <journeysim/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <initializer_list>

namespace {

int run(int argc, char** argv) {
    using namespace journeysim;
    cli::install_signal_cleanup();
    CLI::App app{
        "journeysim: model customer and employee journeys, simulate them, and see how NPS, "
        "channel load and first-time-fix change when the organisation changes something."};
    app.set_version_flag("--version", std::string("journeysim ") + JOURNEYSIM_VERSION);
    app.require_subcommand(1);
    app.footer(
        "Exit codes: 0 success; 1 an invalid model, scenario, log or option, an output that "
        "cannot be written, or a run stopped by a safety limit (the message says what and how "
        "to fix it); 3 staff: a service target cannot be met (the best plan is still printed); "
        "70 an internal error (a bug: please report it); 128+N ended by signal N (temporary "
        "files removed).");
    app.fallthrough(false);
    cli::add_commands(app);
    try {
        app.parse(argc, argv);
    } catch (const cli::ExitWith& e) {
        if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
            fmt::print(stderr, "journeysim: cannot write standard output: {}\n",
                       std::strerror(errno));
            return kExitInputError;
        }
        return e.code;
    } catch (const CLI::ParseError& e) {
        // Every usage error is a user-fixable input error (exit 1); --help and --version are 0.
        const int code = app.exit(e);
        return code == 0 ? kExitOk : kExitInputError;
    } catch (const InputError& e) {
        cli::print_diagnostics(e.diagnostics());
        return e.exit_code();
    } catch (const SimulationError& e) {
        cli::print_simulation_failure(e.failure());
        return e.exit_code();
    } catch (const OutputError& e) {
        fmt::print(stderr, "journeysim: {}\n", e.what());
        return e.exit_code();
    } catch (const std::exception& e) {
        fmt::print(stderr,
                   "journeysim: internal error: {}\n"
                   "This is a bug in journeysim {}, not in your input. Please report it with the "
                   "command line and the input files (or a smaller input that shows it) to the "
                   "project's issue tracker.\n",
                   e.what(), JOURNEYSIM_VERSION);
        return kExitInternalError;
    }
    // What went to standard output must have arrived (a full disk, a closed pipe).
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
        fmt::print(stderr, "journeysim: cannot write standard output: {}\n", std::strerror(errno));
        return kExitInputError;
    }
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (...) {
        // Only building the command line or reporting an error (stderr failing) gets here; an
        // exception must not end the program with std::terminate.
        std::fputs("journeysim: internal error while starting or reporting an error\n", stderr);
        return journeysim::kExitInternalError;
    }
}
