#pragma once
// The HTML report's page builder, class Report, and the formatting its parts share; private to
// the report library. Its methods are defined by section in the .cpp files next to this header.

#include <journeysim/compare.hpp>
#include <journeysim/html_report.hpp>
#include <journeysim/metrics.hpp>
#include <journeysim/model.hpp>
#include <journeysim/result.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// A named namespace (not an anonymous one) because several files share these; nested under
// detail so that its short names cannot meet those of the engine's detail namespace.
namespace journeysim::detail::html {

using Json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------------
// Numbers and names (format.cpp).

bool undefined(const Estimate& e);

/// A value in its unit, with `sign` for differences; the minus sign is U+2212.
std::string number(double value, Unit unit, bool sign = false);

/// The unit's suffix after a value ("%", " h", " min", " s"); differences of percentages are
/// in percentage points.
std::string suffix(Unit unit, bool difference = false);

/// "87.8% ± 1.2".
std::string with_ci(const Estimate& e, Unit unit, bool difference = false);

/// The estimate of `metric` in `result`, or nothing when it has none or it is undefined.
std::optional<Estimate> estimate_at(const Result& result, const MetricRef& metric);

/// The label with a capital first letter, for headings and cards.
std::string capitalised(std::string_view label);

/// A name as the report shows it: the label (or the id when there is none), shortened to
/// `kDisplayNameLimit` characters so a long name cannot multiply the report's size.
std::string display(const std::string& label, const std::string& id);

/// `shown` (escaped), with the whole `full` name as its tooltip when `shown` is shortened.
/// Used once where an entity is introduced, so each full name is written a bounded number of
/// times.
std::string with_full_name(const std::string& shown, const std::string& full);

// ---------------------------------------------------------------------------------------------
// What is reported.

/// A result shown in the report: the run, or the base or one scenario of a comparison.
struct Variant {
    std::string name;       ///< as shown (see `display`)
    std::string full_name;  ///< as given
    const Model* model = nullptr;
    const Result* result = nullptr;
    const ScenarioComparison* scenario = nullptr;  ///< null for the base (and a single run)
    std::string description;
};

/// Colours of the base and the scenarios (print well and stay apart for colour-blind readers).
inline constexpr std::array<const char*, 10> kVariantColours = {
    "#607D8B", "#1E88E5", "#E65100", "#2E7D32", "#8E24AA",
    "#F9A825", "#00897B", "#C2185B", "#5D4037", "#3949AB"};
inline constexpr const char* kSingleColour = "#1E88E5";

/// A channel as reported: its id, label and mode, from the first model that has it.
struct ChannelInfo {
    std::string id;
    std::string label;
    ChannelMode mode = ChannelMode::Live;
    std::optional<ServiceTarget> target;
};

struct TeamInfo {
    std::string id;
    std::string label;
};

/// One report page, for a run or a comparison: `render` writes the sections in order, and the
/// charts' specifications they collect go into data islands at the end of the page.
class Report {
  public:
    Report(std::vector<Variant> variants, const HtmlReportOptions& options, std::string title,
           std::string description);

    std::string render();

  private:
    // Page (page.cpp) -----------------------------------------------------------------------------

    std::string page(const std::string& body) const;
    /// The charting libraries' licences, as their terms ask, in a comment.
    static std::string licences();
    std::string header() const;
    static std::string section(const char* id, const char* heading, const std::string& content);
    std::string footer() const;
    static std::string join(const std::vector<std::string>& parts, std::string_view separator);
    std::string swatch(std::size_t variant) const;

    // Charts (charts.cpp) -------------------------------------------------------------------------

    /// A chart container; the specification goes into a data island read by the page's script.
    std::string chart(const std::string& id, Json spec, const std::string& title,
                      const std::string& explanation, const char* css = "chart-full");
    static Json chart_config();
    Json variant_colour() const;

    /// Bars (one per category, grouped by variant in a comparison) with 95% interval whiskers.
    /// Rows carry `category`, `variant`, `mean`, `low`, `high`, `text`.
    Json bar_chart(Json values, const Json& categories, const std::string& category_title,
                   const std::string& value_title, const std::string& format, bool horizontal,
                   int size, bool colour_by_sign = false) const;

    Json row(const Variant& v, const std::string& category, const Estimate& e, Unit unit,
             double scale = 1.0, bool difference = false) const;

    /// One category of a bar chart: its label and its metric.
    struct Bar {
        std::string label;
        MetricRef metric;
    };

    /// The rows and categories of a `bar_chart`.
    struct BarData {
        Json values = Json::array();
        Json categories = Json::array();  ///< those with a row, in the order given
    };

    /// Each category's estimate in every variant that has it (`nonzero`: and where it is not
    /// zero); `extra` adds fields to the row of category `bar`.
    BarData bar_data(const std::vector<Bar>& bars, bool nonzero = false,
                     const std::function<void(std::size_t bar, Json& row)>& extra = {}) const;

    /// Colour by score group: detractors red, passives grey, promoters green.
    static Json score_group_colour(Json groups);

    // Headline, channel load, NPS, volume and cost (sections.cpp) ---------------------------------

    std::string headline() const;
    /// The model's and the run's warnings, each with the figures it biases; empty if none.
    std::string warnings() const;
    /// Whether a warning of `v`'s run names `path` among the figures it biases.
    static bool biased(const Variant& v, const std::string& path);
    std::string load();
    std::string intraday();
    static const char* score_group(int score);
    std::string nps();
    /// How NPS is built for the (base) model: baselines, effects, the 0-6 / 9-10 rule.
    std::string nps_recipe() const;
    std::string ppd(const char* css);
    std::string drivers();
    std::string volume();
    /// Sentences for each channel a scenario removed: where its contacts went.
    std::string dropped_channels() const;
    std::string cost();

    // Journeys (journeys.cpp) ---------------------------------------------------------------------

    std::string journeys();
    /// The journey map of `journey_id` (journey_map.cpp): the emotion curve over its
    /// touchpoints and the lanes beneath it, every variant side by side; empty without figures.
    std::string journey_map(const std::string& journey_id);

    /// A table with one row per figure and one column per variant (no differences).
    struct Line {
        std::string label;
        MetricRef metric;
        double scale = 1.0;
    };

    /// A cell with the variant's figure of `line`, scaled, with its interval.
    static std::string figure_cell(const Variant& v, const Line& line);
    std::string variant_columns(const std::vector<Line>& lines) const;
    /// The key to the diagrams' colours and marks (the colours of journeys/draw.cpp).
    std::string flow_key() const;
    /// A table with one row per variant and one column per figure (comparisons).
    std::string variant_rows(const std::vector<Line>& lines) const;
    std::string customer_panel(const std::string& journey) const;
    /// Whether `ej` handles contacts of the journey with id `journey` in `model`.
    static bool serves(const Model& model, const EmployeeJourney& ej, const std::string& journey);
    /// For each scenario, in words, what it added, changed or removed in the employee journeys
    /// serving `journey` (the marks of its diagram).
    std::string employee_changes(const std::string& journey) const;
    std::string employee_panel(const std::string& journey) const;

    // Tables (tables.cpp) -------------------------------------------------------------------------

    struct Column {
        std::string label;
        MetricRef metric;
    };

    /// Rows of figures: one column with the estimate for a run; for a comparison the base, then
    /// each scenario with its difference.
    std::string figure_table(const std::string& first, const std::vector<Column>& rows) const;
    std::string tables() const;
    /// Every name the report shortened, in full, once (see `display`).
    std::string full_names() const;

    /// A metric's label as HTML text, a cost's with the model's currency ("cost (EUR)").
    std::string label_of(const MetricKind& kind) const;
    /// " (EUR)" after the label of a cost when the model gives its currency (plain text).
    std::string currency_note() const;

    std::vector<Variant> variants_;
    std::size_t journey_maps_ = 0;  ///< journey maps drawn so far (their chart ids)
    const HtmlReportOptions& options_;
    std::string full_title_;
    std::string title_;  ///< as shown
    std::string description_;
    bool compare_ = false;
    std::vector<ChannelInfo> channels_;
    std::vector<TeamInfo> teams_;
    Json variant_scale_;
    std::vector<std::pair<std::string, Json>> charts_;
};

}  // namespace journeysim::detail::html
