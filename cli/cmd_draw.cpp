#include "commands.hpp"

#include <journeysim/draw.hpp>
#include <journeysim/io.hpp>
#include <journeysim/load.hpp>

#include <fmt/format.h>

#include <memory>

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
    };
    auto args = std::make_shared<Args>();
    cmd->add_option("MODEL", args->model, "Model file (JSON)")->required();
    cmd->add_option("--journey", args->journey, "Draw only this journey (its id)");
    cmd->add_option("-o,--output", args->output, "Output file: .svg, .png or .dot")->required();
    cmd->add_flag("--no-employee", args->no_employee, "Leave out employee journeys");
    cmd->add_flag("--no-legend", args->no_legend, "Leave out the legend");
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
        const std::string bytes = render_diagram(*loaded.model, options, *format);
        write_file_atomically(args->output, bytes);
        fmt::print(stderr, "wrote {} ({} bytes)\n", args->output, bytes.size());
    });
}

}  // namespace journeysim::cli
