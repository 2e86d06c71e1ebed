// `journeysim staff`: the fewest agents per team and interval that meet the service targets.
#include "commands.hpp"

#include <journeysim/io.hpp>
#include <journeysim/load.hpp>
#include <journeysim/report.hpp>
#include <journeysim/staffing.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace journeysim::cli {

namespace {

struct StaffArgs {
    std::string model;
    std::vector<std::string> targets;
    SimulationArgs simulation;
    StaffingOptions plan;  ///< the planning options (the simulation's come from `simulation`)
    bool no_model_targets = false;
    std::string format = "table";
    std::string output;
    std::string write_model;
    bool format_given = false;
};

void run_staff(StaffArgs& args) {
    // Every output is checked before anything is read or simulated.
    args.format =
        check_output("-o", args.output, {"table", "json"}, args.format, args.format_given);
    check_output("--write-model", args.write_model, {"json"});
    std::vector<TargetSpec> specs;
    specs.reserve(args.targets.size());
    for (const auto& text : args.targets)
        specs.push_back(parse_target_spec(text));
    const auto loaded = load_model_file(args.model);
    print_diagnostics(loaded.warnings);
    const Model& model = *loaded.model;
    std::vector<StaffingTarget> targets;
    targets.reserve(specs.size());
    for (const auto& spec : specs)
        targets.push_back(resolve_target(model, spec));

    StaffingOptions options = args.plan;
    options.replications = args.simulation.replications;
    options.seed = args.simulation.seed;
    options.threads = args.simulation.threads;
    options.max_in_system = args.simulation.max_in_system;
    options.use_model_targets = !args.no_model_targets;
    if (::isatty(::fileno(stderr)) != 0) {
        options.log = [](const std::string& line) {
            fmt::print(stderr, "{}\n", line);
            std::fflush(stderr);
        };
    }
    warn_about_size(model, args.simulation.options());
    const StaffingPlan plan = plan_staffing(loaded.model, targets, options);

    if (!args.write_model.empty()) {
        write_output(args.write_model, save_model(*plan.planned_model));
    }
    // The table shows names from the model: their control characters escaped.
    const std::string text = args.format == "json"
                                 ? staffing_to_json(model, plan)
                                 : terminal_text(staffing_to_table(model, plan), true);
    write_output(args.output, text);
    if (!plan.shortfalls.empty()) {
        fmt::print(stderr,
                   "journeysim: the targets are not met in {} channel-interval{} (listed in the "
                   "plan with the reason)\n",
                   plan.shortfalls.size(), plan.shortfalls.size() == 1 ? "" : "s");
        throw ExitWith{kExitTargetNotMet};  // the plan is written; the exit code says "not met"
    }
}

/// Adds the arguments, options and callback of `staff` to `cmd`.
void setup_staff(CLI::App* cmd) {
    auto args = std::make_shared<StaffArgs>();
    cmd->add_option("MODEL", args->model, "Model file (JSON)")->required();
    cmd->add_option("--target", args->targets,
                    "Service target CHANNEL:SHARE/TIME, e.g. phone:0.8/20 (80% within 20 s) or "
                    "email:0.9/24h; TIME in s (default), min or h. Repeat for more channels; "
                    "replaces the model's service_target of that channel")
        ->check(CLI::Validator(
            [](const std::string& text) {
                try {
                    parse_target_spec(text);
                } catch (const std::invalid_argument& e) {
                    return std::string(e.what());
                }
                return std::string();
            },
            "", "target"))
        ->type_name("CHANNEL:SHARE/TIME");
    add_simulation_options(cmd, args->simulation, "Replications of every simulation");
    cmd->add_option("--interval", args->plan.interval_min,
                    "Planning interval in minutes (default: the model's horizon.interval_min; "
                    "e.g. 60)")
        ->check(CLI::PositiveNumber);
    add_defaulted_option(cmd, "--max-agents", args->plan.max_agents,
                         "Most agents a team may have in any interval", CLI::NonNegativeNumber);
    add_defaulted_option(cmd, "--fte-hours", args->plan.fte_hours,
                         "Paid hours per week of one full-time equivalent (36 is the usual Dutch "
                         "full-time week)",
                         CLI::PositiveNumber);
    add_defaulted_option(cmd, "--max-rounds", args->plan.max_rounds,
                         "Verification rounds that may correct the plan", CLI::NonNegativeNumber);
    cmd->add_flag("--extend-hours", args->plan.extend_hours,
                  "Let e-mail and back-office work be planned outside the team's current hours");
    cmd->add_flag(
        "--no-model-targets", args->no_model_targets,
        "Plan only the channels given with --target (ignore service_target in the model)");
    add_defaulted_option(cmd, "--work-within-h", args->plan.work_within_h,
                         "Hours within which back-office work and untargeted e-mail are to be done",
                         CLI::PositiveNumber);
    add_defaulted_option(
        cmd, "--max-surge", args->plan.max_surge,
        "E-mail and back-office work may raise a team's agents in an interval to at "
        "most this multiple of its average level; arrivals that would need more are "
        "reported as infeasible",
        CLI::PositiveNumber);
    auto* format = cmd->add_option("-f,--format", args->format,
                                   "Output format: table (default) or json; a .json file name of "
                                   "-o decides it when --format is not given")
                       ->check(CLI::IsMember({"table", "json"}));
    cmd->add_option("-o,--output", args->output,
                    "Write the plan to this file instead of stdout (- is stdout)");
    cmd->add_option("--write-model", args->write_model,
                    "Write the model with the planned schedules (and targets) to this file");
    cmd->callback([args, format] {
        args->format_given = format->count() > 0;
        run_staff(*args);
    });
}

}  // namespace

const CommandSpec kStaffCommand{
    "staff",
    "Plan the fewest agents per team and interval that meet the service targets (Erlang, "
    "verified and corrected by simulation)",
    setup_staff};

}  // namespace journeysim::cli
