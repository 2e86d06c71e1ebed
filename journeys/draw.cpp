// Drawing a model's journeys: the public entry points. The work is a pipeline of three stages
// in journeys/draw/ (see diagram.hpp).
#include "draw/diagram.hpp"

#include <journeysim/draw.hpp>

#include <algorithm>
#include <cctype>

namespace journeysim {

std::optional<DiagramFormat> diagram_format_for(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".svg") return DiagramFormat::Svg;
    if (ext == ".png") return DiagramFormat::Png;
    if (ext == ".dot" || ext == ".gv") return DiagramFormat::Dot;
    return std::nullopt;
}

std::string render_diagram(const Model& model, const DrawOptions& options, DiagramFormat format) {
    draw_detail::Diagram diagram = draw_detail::build_diagram(model, options);
    if (options.flow) draw_detail::paint_flow(model, *options.flow, diagram);
    return draw_detail::render_with_graphviz(diagram, format);
}

}  // namespace journeysim
