#pragma once
/// \file
/// The HTML report: one self-contained page (no network access, charting libraries inlined)
/// with headline cards, journey diagrams with the simulated flow, channel load, service level
/// and occupancy, the NPS distribution and its drivers, where volume went in a what-if, cost,
/// and the tables with confidence intervals. Charts are Vega-Lite specifications rendered by
/// Vega in the browser; diagrams are Graphviz SVG.

#include <journeysim/compare.hpp>
#include <journeysim/error.hpp>
#include <journeysim/model.hpp>
#include <journeysim/result.hpp>
#include <journeysim/scenario.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace journeysim {

/// How to write an HTML report.
struct HtmlReportOptions {
    std::string title;      ///< heading; empty: the model's (or scenario file's) name
    std::string source;     ///< the input file, shown under the heading (may be empty)
    std::string generator;  ///< program and version named in the footer, e.g. "journeysim 0.1.0"
    bool diagrams = true;   ///< draw the journeys with their simulated flow (Graphviz)
    /// The model's validation warnings, listed in the report's Warnings section with the run's
    /// own (`Result::warnings`); a comparison report adds the scenario set's.
    std::vector<Diagnostic> warnings;
};

/// The report of one run. The intraday load chart needs `result.intervals` (simulate with
/// `SimulationOptions::intervals`); without them the chart is left out with a note. Throws
/// `OutputError` if a diagram cannot be drawn.
std::string html_report(const Model& model, const Result& result,
                        const HtmlReportOptions& options = {});

/// The report of a comparison: every chart shows the base and each scenario; headline cards
/// show each scenario's difference with its 95% confidence interval and significance; each
/// scenario's diagrams mark the touchpoints, channels and employee-journey steps it added,
/// removed or changed, and the employee panels list the steps. `comparison` must come from
/// `compare(set, ...)`.
std::string html_comparison_report(const ScenarioSet& set, const Comparison& comparison,
                                   const HtmlReportOptions& options = {});

/// Text escaped for HTML element content and quoted attribute values (`&`, `<`, `>`, `"`, `'`).
std::string escape_html(std::string_view text);

/// JSON text made safe inside an HTML `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 are
/// written as `\u` escapes (the JSON value is unchanged), so no string in it can end the
/// element or start markup.
std::string json_for_script(std::string_view json);

}  // namespace journeysim
