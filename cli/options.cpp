// The simulation options every simulating command shares, and the warning before a very large
// run.
#include "commands.hpp"

#include <journeysim/io.hpp>
#include <journeysim/metrics.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>

namespace journeysim::cli {

void add_commands(CLI::App& app) {
    for (const CommandSpec* command :
         {&kValidateCommand, &kDrawCommand, &kRunCommand, &kCompareCommand, &kDemoCommand,
          &kReportCommand, &kStaffCommand})
        command->setup(app.add_subcommand(command->name, command->description));
}

void add_target_ci_options(CLI::App* cmd, double& target_ci, int& max_replications,
                           const std::string& target_help) {
    cmd->add_option("--target-ci", target_ci, target_help)->check(CLI::PositiveNumber);
    add_defaulted_option(cmd, "--max-replications", max_replications,
                         "Cap on replications with --target-ci", CLI::PositiveNumber);
}

void add_simulation_options(CLI::App* cmd, SimulationArgs& args,
                            const std::string& replications_help) {
    add_defaulted_option(cmd, "-r,--replications", args.replications, replications_help,
                         CLI::PositiveNumber);
    // CLI11 would wrap -1 and 2^64 into range; a seed is checked as written instead.
    static const CLI::Validator kSeedRange(
        [](const std::string& text) -> std::string {
            std::uint64_t value = 0;
            const char* end = text.data() + text.size();
            const auto [ptr, ec] = std::from_chars(text.data(), end, value);
            if (text.empty() || ec != std::errc() || ptr != end)
                return "a seed is a whole number from 0 to 18446744073709551615 (2^64 - 1), got " +
                       text;
            return {};
        },
        "UINT64");
    add_defaulted_option(cmd, "-s,--seed", args.seed, "Master random seed, 0 to 2^64 - 1",
                         kSeedRange);
    add_defaulted_option(cmd, "-t,--threads", args.threads,
                         "Worker threads; 0 = one per CPU. Results do not depend on it",
                         CLI::NonNegativeNumber);
    add_defaulted_option(cmd, "--max-in-system", args.max_in_system,
                         fmt::format("Stop a replication when more than this many customers are in "
                                     "the system at once, about {} bytes each per thread; results "
                                     "that complete do not depend on it",
                                     kBytesPerCustomer),
                         CLI::Range(std::size_t{1}, std::size_t{1'000'000'000}));
}

namespace {

/// Above this many customers in all, a run is announced with its size.
constexpr double kLargeRun = 1e8;

/// The engine's speed on the examples (docs/performance.md), for estimates only.
constexpr double kCustomersPerCpuSecond = 3e6;

/// "40 s", "12 min", "3.5 h", "2.1 days".
std::string duration_text(double seconds) {
    if (seconds < 120) return fmt::format("{:.0f} s", seconds);
    if (seconds < 7200) return fmt::format("{:.0f} min", seconds / 60);
    if (seconds < 172800) return fmt::format("{:.1f} h", seconds / 3600);
    return fmt::format("{:.1f} days", seconds / 86400);
}

/// "1.2 GB", "850 MB".
std::string bytes_text(double bytes) {
    if (bytes >= 1e9) return fmt::format("{:.1f} GB", bytes / 1e9);
    return fmt::format("{:.0f} MB", bytes / 1e6);
}

double physical_memory_bytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long size = ::sysconf(_SC_PAGE_SIZE);
    return pages > 0 && size > 0 ? static_cast<double>(pages) * static_cast<double>(size) : 0;
}

}  // namespace

void print_run_warnings(const Result& result, std::string_view source) {
    std::vector<Diagnostic> diagnostics;
    for (const RunWarning& w : result.warnings)
        diagnostics.push_back(
            {Severity::Warning, std::string(source), w.pointer, w.message, w.hint, 0, 0});
    print_diagnostics(diagnostics);
}

void print_run_warnings(const Comparison& comparison, std::string_view scenarios) {
    print_run_warnings(comparison.base, fmt::format("{} (base)", scenarios));
    for (const auto& s : comparison.scenarios)
        print_run_warnings(s.result, fmt::format("{} (scenario \"{}\")", scenarios, s.name));
}

void warn_about_size(const Model& model, const SimulationOptions& options, double runs) {
    const RunEstimate e = estimate_run(model, options);
    const double customers = e.customers * runs;
    if (customers > kLargeRun) {
        fmt::print(stderr,
                   "warning: this run simulates about {:.3g} customers ({:.3g} per replication "
                   "over {:g} days, {} replications{}): roughly {} of CPU time at {:g} million "
                   "customers per CPU second (the examples' speed; busier models are slower)\n"
                   "  hint: fewer replications or a shorter horizon give a first answer sooner\n",
                   customers, e.customers_per_replication, model.horizon.days, options.replications,
                   runs > 1 ? fmt::format(", {:g} variants", runs) : std::string(),
                   duration_text(customers / kCustomersPerCpuSecond), kCustomersPerCpuSecond / 1e6);
    }
    const double memory = physical_memory_bytes();
    if (memory > 0 && e.memory_bound_bytes > memory) {
        fmt::print(stderr,
                   "warning: if customers pile up, {} threads with --max-in-system {} may take "
                   "up to {} of memory, more than this machine's {}\n"
                   "  hint: a smaller --max-in-system or fewer --threads stops such a run "
                   "sooner\n",
                   e.threads, options.max_in_system, bytes_text(e.memory_bound_bytes),
                   bytes_text(memory));
    }
}

}  // namespace journeysim::cli
