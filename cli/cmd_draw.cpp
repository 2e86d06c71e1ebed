#include "commands.hpp"

#include <journeysim/draw.hpp>
#include <journeysim/flow.hpp>
#include <journeysim/io.hpp>
#include <journeysim/load.hpp>

#include <fmt/format.h>

#include <fstream>
#include <memory>
#include <sstream>

namespace journeysim::cli {

void add_draw_command(CLI::App& app) {
    auto* cmd =
        app.add_subcommand("draw", "Draw a model's journeys as a diagram (SVG, PNG or DOT)");
    struct Args {
        std::string model;
        std::string journey;
        std::string output;
        bool no_employee = false;
        bool no_legend = false;
        std::string flow;
    };
    auto args = std::make_shared<Args>();
    cmd->add_option("MODEL", args->model, "Model file (JSON)")->required();
    cmd->add_option("--journey", args->journey, "Draw only this journey (its id)");
    cmd->add_option("-o,--output", args->output, "Output file: .svg, .png or .dot")->required();
    cmd->add_flag("--no-employee", args->no_employee, "Leave out employee journeys");
    cmd->add_flag("--no-legend", args->no_legend, "Leave out the legend");
    cmd->add_option("--flow", args->flow,
                    "Draw the simulated flow from this result file (`run --format json` output): "
                    "edge width by customers per day, node colour by effect on NPS or fix rate");
    cmd->callback([args] {
        const auto format = diagram_format_for(args->output);
        if (!format) {
            throw CLI::ValidationError(
                "--output", fmt::format("cannot tell the format of \"{}\": use a .svg, .png or "
                                        ".dot file name",
                                        args->output));
        }
        const auto loaded = load_model_file(args->model);
        print_diagnostics(loaded.warnings);
        DrawOptions options;
        options.journey = args->journey;
        options.employee_lanes = !args->no_employee;
        options.legend = !args->no_legend;
        if (!args->flow.empty()) {
            std::ifstream in(args->flow, std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            if (!in) {
                Diagnostic d;
                d.file = args->flow;
                d.message = "cannot read the result file";
                d.hint = "write it with `journeysim run MODEL --format json -o RESULT.json`";
                throw InputError({std::move(d)});
            }
            options.flow = flow_overlay_from_json(*loaded.model, text.str(), args->flow);
        }
        const std::string bytes = render_diagram(*loaded.model, options, *format);
        write_file_atomically(args->output, bytes);
        fmt::print(stderr, "wrote {} ({} bytes)\n", args->output, bytes.size());
    });
}

}  // namespace journeysim::cli
