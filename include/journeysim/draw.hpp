#pragma once
/// \file
/// Journey diagrams: customer journeys (and the employee journeys behind their contacts)
/// laid out by Graphviz and rendered as SVG, PNG or DOT.

#include <journeysim/error.hpp>
#include <journeysim/model.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace journeysim {

/// What `render_diagram` produces.
enum class DiagramFormat {
    Svg,  ///< SVG text (UTF-8)
    Png,  ///< PNG image bytes
    Dot,  ///< Graphviz DOT text, without layout positions, for further editing
};

/// Picks the format from a file name's extension (`.svg`, `.png`, `.dot`, `.gv`; any case);
/// empty when the extension is not one of these.
std::optional<DiagramFormat> diagram_format_for(const std::filesystem::path& path);

/// What to draw.
struct DrawOptions {
    std::string journey;         ///< draw only the journey with this id; empty: all journeys
    bool employee_lanes = true;  ///< draw employee journeys beneath the contacts they serve
    bool legend = true;          ///< add a key of touchpoint kinds and the channels drawn
};

/// Lays out the model's journeys and renders them. Returns the bytes of the output: SVG or
/// DOT text, or PNG data. Throws `InputError` (pointer `/journeys/<id>`) when
/// `options.journey` names no journey, and `OutputError` when Graphviz cannot render.
/// Safe to call from several threads (calls into Graphviz are serialised).
std::string render_diagram(const Model& model, const DrawOptions& options, DiagramFormat format);

}  // namespace journeysim
