#include "commands.hpp"

#include <journeysim/detail/diagnostics.hpp>
#include <journeysim/draw.hpp>
#include <journeysim/flow.hpp>
#include <journeysim/io.hpp>
#include <journeysim/load.hpp>
#include <journeysim/scenario.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

namespace journeysim::cli {

namespace {

/// The model to draw and, for a scenario, its base (to mark what the scenario changed).
struct DrawnModel {
    std::shared_ptr<const Model> model;
    std::shared_ptr<const Model> base;  ///< null unless a scenario is drawn
};

/// A model file as it is; a scenario file's base, or with `scenario` that scenario.
DrawnModel load_drawn_model(const std::string& path, const std::string& scenario) {
    if (!is_scenario_file(path)) {
        const auto loaded = load_model_file(path);  // a missing or broken file says so first
        if (!scenario.empty()) {
            throw CLI::ValidationError("--scenario",
                                       fmt::format("\"{}\" is a model file; --scenario "
                                                   "goes with a scenario file",
                                                   path));
        }
        print_diagnostics(loaded.warnings);
        return {loaded.model, nullptr};
    }
    const ScenarioSet set = load_scenarios_file(path);
    print_diagnostics(set.warnings);
    if (scenario.empty()) return {set.base, nullptr};
    return {find_scenario(set, path, scenario).model, set.base};
}

/// Adds the arguments, options and callback of `draw` to `cmd`.
void setup_draw(CLI::App* cmd) {
    cmd->footer(
        "A scenario file draws its base model, or with --scenario NAME that scenario, marking what "
        "it added, removed or changed against the base.");
    struct Args {
        std::string model;
        std::string journey;
        std::string output;
        bool no_employee = false;
        bool no_legend = false;
        std::string flow;
        std::string scenario;
        std::string format;
    };
    auto args = std::make_shared<Args>();
    cmd->add_option("MODEL", args->model, "Model file or scenario file (JSON)")->required();
    cmd->add_option(
        "--scenario", args->scenario,
        "Draw this scenario of the scenario file, marking its changes against the base");
    cmd->add_option("--journey", args->journey, "Draw only this journey (its id)");
    cmd->add_option("-o,--output", args->output,
                    "Output file: .svg, .png or .dot (- is stdout, with --format)")
        ->required();
    auto* format_option =
        cmd->add_option("-f,--format", args->format,
                        "Diagram format: svg, png or dot (default: from the -o file name)")
            ->check(CLI::IsMember({"svg", "png", "dot"}));
    cmd->add_flag("--no-employee", args->no_employee, "Leave out employee journeys");
    cmd->add_flag("--no-legend", args->no_legend, "Leave out the legend");
    cmd->add_option("--flow", args->flow,
                    "Draw the simulated flow from this result file (`run --format json` output): "
                    "edge width by customers per day, node colour by effect on NPS or fix rate");
    cmd->callback([args, format_option] {
        // The file name decides the format unless --format is given; both must agree.
        const bool given = format_option->count() > 0;
        const std::string chosen =
            check_output("-o", args->output, {"svg", "png", "dot"}, args->format, given);
        std::optional<DiagramFormat> format = diagram_format_for(args->output);  // also .gv
        if (given) {
            const DiagramFormat wanted = chosen == "png"   ? DiagramFormat::Png
                                         : chosen == "dot" ? DiagramFormat::Dot
                                                           : DiagramFormat::Svg;
            if (format && *format != wanted) {
                throw OutputError(fmt::format(
                    "-o {}: --format {} contradicts the extension {}; hint: leave out --format "
                    "(the extension decides) or name the file with .{}",
                    terminal_text(args->output), chosen,
                    std::filesystem::path(args->output).extension().string(), chosen));
            }
            format = wanted;
        }
        if (!format) {
            throw CLI::ValidationError(
                "--output", fmt::format("cannot tell the format of \"{}\": use a .svg, .png or "
                                        ".dot file name, or give --format",
                                        args->output));
        }
        const DrawnModel drawn = load_drawn_model(args->model, args->scenario);
        DrawOptions options;
        options.journey = args->journey;
        options.employee_lanes = !args->no_employee;
        options.legend = !args->no_legend;
        if (!args->flow.empty()) {
            std::ifstream in(args->flow, std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            if (!in) {
                throw InputError({diagnostics::error(
                    args->flow, "", "cannot read the result file",
                    "write it with `journeysim run MODEL --format json -o RESULT.json`")});
            }
            options.flow = flow_overlay_from_json(*drawn.model, text.str(), args->flow);
        }
        if (drawn.base) {
            if (!options.flow) options.flow.emplace();
            mark_changes(*drawn.base, *drawn.model, *options.flow);
        }
        const std::string bytes = render_diagram(*drawn.model, options, *format);
        write_file_atomically(args->output, bytes);
        if (!is_standard_output(args->output))
            fmt::print(stderr, "wrote {} ({} bytes)\n", terminal_text(args->output), bytes.size());
    });
}

}  // namespace

const CommandSpec kDrawCommand{"draw", "Draw a model's journeys as a diagram (SVG, PNG or DOT)",
                               setup_draw};

}  // namespace journeysim::cli
