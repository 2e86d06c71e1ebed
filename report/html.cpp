#include "web_assets.hpp"

#include <journeysim/detail/markup.hpp>
#include <journeysim/draw.hpp>
#include <journeysim/flow.hpp>
#include <journeysim/html_report.hpp>
#include <journeysim/io.hpp>
#include <journeysim/report.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <vector>

namespace journeysim {

std::string escape_html(std::string_view text) {
    return detail::escape_markup(text);
}

std::string json_for_script(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '<') {
            out += "\\u003c";
        } else if (c == '>') {
            out += "\\u003e";
        } else if (c == '&') {
            out += "\\u0026";
        } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
                   (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
            out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

using Json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------------
// Numbers.

/// How a figure is shown.
enum class Unit { Points, Percent, Count, Money, Ratio, Hours, Seconds };

bool undefined(const Estimate& e) {
    return e.count == 0 || std::isnan(e.mean);
}

/// "12,345" (rounded).
std::string grouped(double value) {
    const double rounded = std::round(value);
    if (!std::isfinite(rounded) || std::abs(rounded) >= 1e15) return fmt::format("{:.0f}", value);
    std::string digits = fmt::format("{:.0f}", std::abs(rounded));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (rounded < 0 ? "\u2212" : "") + out;
}

/// A value in its unit, with `sign` for differences; the minus sign is U+2212.
std::string number(double value, Unit unit, bool sign = false) {
    if (std::isnan(value)) return "n/a";
    std::string text;
    const double magnitude = std::abs(value);
    switch (unit) {
        case Unit::Points:
            text = fmt::format("{:.1f}", magnitude);
            break;
        case Unit::Percent:
            text = fmt::format("{:.1f}", magnitude * 100);
            break;
        case Unit::Count:
            text = grouped(magnitude);
            break;
        case Unit::Money:
            text = magnitude >= 1000 ? grouped(magnitude) : fmt::format("{:.2f}", magnitude);
            break;
        case Unit::Ratio:
            text = fmt::format("{:.2f}", magnitude);
            break;
        case Unit::Hours:
            text = fmt::format("{:.1f}", magnitude);
            break;
        case Unit::Seconds:
            text = fmt::format("{:.0f}", magnitude);
            break;
    }
    if (text.find_first_not_of("0.,") == std::string::npos) return text;  // rounds to zero
    if (value < 0) return "\u2212" + text;
    return sign ? "+" + text : text;
}

/// The unit's suffix after a value ("%", " h", " s"); differences of percentages are in
/// percentage points.
std::string suffix(Unit unit, bool difference = false) {
    switch (unit) {
        case Unit::Percent:
            return difference ? " pp" : "%";
        case Unit::Hours:
            return " h";
        case Unit::Seconds:
            return " s";
        default:
            return "";
    }
}

/// "87.8% ± 1.2".
std::string with_ci(const Estimate& e, Unit unit, bool difference = false) {
    if (undefined(e)) return "n/a";
    const double half = std::isnan(e.high) ? 0 : (e.high - e.low) / 2;
    // Large sums of money are whole numbers, and so is their interval.
    const std::string half_text =
        unit == Unit::Money && std::abs(e.mean) >= 1000 ? grouped(half) : number(half, unit);
    return number(e.mean, unit, difference) + suffix(unit, difference) + " \u00b1 " + half_text;
}

/// "95% CI 86.6% to 89.0%".
std::string interval_words(const Estimate& e, Unit unit, bool difference = false) {
    if (undefined(e) || std::isnan(e.low)) return "";
    return "95% CI " + number(e.low, unit, difference) + suffix(unit, difference) + " to " +
           number(e.high, unit, difference) + suffix(unit, difference);
}

std::optional<Estimate> estimate_at(const Result& result, const std::string& path) {
    const Metric* m = result.find(path);
    if (m == nullptr) return std::nullopt;
    Estimate e = estimate(m->values);
    if (undefined(e)) return std::nullopt;
    return e;
}

/// Estimate scaled (for charts in display units).
Json estimate_json(const Estimate& e, double scale = 1.0) {
    Json j = Json::object();
    j["mean"] = e.mean * scale;
    j["low"] = std::isnan(e.low) ? e.mean * scale : e.low * scale;
    j["high"] = std::isnan(e.high) ? e.mean * scale : e.high * scale;
    return j;
}

/// A name as the report shows it: the label (or the id when there is none), shortened to
/// `kDisplayNameLimit` characters so a long name cannot multiply the report's size.
std::string display(const std::string& label, const std::string& id) {
    return display_name(label.empty() ? id : label);
}

/// `shown` (escaped), with the whole `full` name as its tooltip when `shown` is shortened.
/// Used once where an entity is introduced, so each full name is written a bounded number of
/// times.
std::string with_full_name(const std::string& shown, const std::string& full) {
    if (shown == full) return escape_html(shown);
    return "<span title=\"" + escape_html(full) + "\">" + escape_html(shown) + "</span>";
}

/// Makes the shown names of one kind unique (" (2)", " (3)", ... after a repeat), so that
/// names which agree in their first characters, or labels given twice, stay apart in charts.
void make_unique(std::vector<std::string*> names) {
    std::set<std::string> seen;
    for (std::string* name : names) {
        std::string candidate = *name;
        for (int n = 2; !seen.insert(candidate).second; ++n)
            candidate = fmt::format("{} ({})", *name, n);
        *name = candidate;
    }
}

std::string channel_path(const std::string& id, const char* leaf) {
    return "/channels/" + json_pointer_token(id) + "/" + leaf;
}

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

/// A headline figure and how to read a change of it.
struct Kpi {
    const char* label;
    const char* path;
    Unit unit;
    int better;  ///< +1: higher is better, -1: lower is better, 0: neither
};

constexpr Kpi kKpis[] = {
    {"NPS", "/kpis/nps", Unit::Points, 1},
    {"promoters (9\u201310)", "/kpis/promoters", Unit::Percent, 1},
    {"passives (7\u20138)", "/kpis/passives", Unit::Percent, 0},
    {"detractors (0\u20136)", "/kpis/detractors", Unit::Percent, -1},
    {"mean likelihood to recommend", "/kpis/ltr_mean", Unit::Ratio, 1},
    {"first-time fix (FTF)", "/kpis/ftf", Unit::Percent, 1},
    {"assisted contacts per customer", "/kpis/contacts_per_customer", Unit::Ratio, -1},
    {"resolution rate", "/kpis/resolution_rate", Unit::Percent, 1},
    {"time to resolution", "/kpis/time_to_resolution_h", Unit::Hours, -1},
    {"channel switches per customer", "/kpis/channel_switches_per_customer", Unit::Ratio, -1},
    {"customers (journeys ended)", "/kpis/customers", Unit::Count, 0},
    {"cost total", "/kpis/cost_total", Unit::Money, -1},
    {"cost per resolved customer", "/kpis/cost_per_resolved", Unit::Money, -1},
};

constexpr Kpi kHeadline[] = {
    {"NPS", "/kpis/nps", Unit::Points, 1},
    {"First-time fix", "/kpis/ftf", Unit::Percent, 1},
    {"Resolution rate", "/kpis/resolution_rate", Unit::Percent, 1},
    {"Cost per resolved customer", "/kpis/cost_per_resolved", Unit::Money, -1},
};

/// The NPS drivers in the engine's order, in words.
constexpr std::array<std::pair<const char*, const char*>, 9> kDrivers = {{
    {"fixed_first_time", "fixed first time"},
    {"repeat_contacts", "repeat contacts"},
    {"abandoned", "abandoned while waiting"},
    {"self_service_failed", "self-service failed"},
    {"missed_response_target", "missed response target"},
    {"waiting", "waiting beyond tolerance"},
    {"channel_experience", "channel experience"},
    {"touchpoint_experience", "touchpoint experience"},
    {"unresolved", "ended unresolved"},
}};

/// Colours of the base and the scenarios (print well and stay apart for colour-blind readers).
constexpr std::array<const char*, 10> kVariantColours = {"#607D8B", "#1E88E5", "#E65100", "#2E7D32",
                                                         "#8E24AA", "#F9A825", "#00897B", "#C2185B",
                                                         "#5D4037", "#3949AB"};
constexpr const char* kSingleColour = "#1E88E5";
constexpr const char* kNegative = "#D84315";
constexpr const char* kPositive = "#2E7D32";
constexpr const char* kPassive = "#B0BEC5";
constexpr const char* kWhisker = "#263238";

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

class Report {
  public:
    Report(std::vector<Variant> variants, const HtmlReportOptions& options, std::string title,
           std::string description)
        : variants_(std::move(variants)),
          options_(options),
          full_title_(std::move(title)),
          title_(display_name(full_title_)),
          description_(std::move(description)) {
        compare_ = variants_.size() > 1;
        for (const Variant& v : variants_) {
            for (const Channel& c : v.model->channels) {
                if (std::none_of(channels_.begin(), channels_.end(),
                                 [&](const ChannelInfo& i) { return i.id == c.id; }))
                    channels_.push_back({c.id, display(c.label, c.id), c.mode, c.service_target});
            }
            for (const Team& t : v.model->teams) {
                if (std::none_of(teams_.begin(), teams_.end(),
                                 [&](const TeamInfo& i) { return i.id == t.id; }))
                    teams_.push_back({t.id, display(t.label, t.id)});
            }
        }
        std::vector<std::string*> shown;
        for (Variant& v : variants_)
            shown.push_back(&v.name);
        make_unique(shown);
        shown.clear();
        for (ChannelInfo& c : channels_)
            shown.push_back(&c.label);
        make_unique(shown);
        shown.clear();
        for (TeamInfo& t : teams_)
            shown.push_back(&t.label);
        make_unique(shown);
        Json names = Json::array();
        Json colours = Json::array();
        for (std::size_t i = 0; i < variants_.size(); ++i) {
            names.push_back(variants_[i].name);
            colours.push_back(kVariantColours[i % kVariantColours.size()]);
        }
        variant_scale_ = {{"domain", names}, {"range", colours}};
    }

    std::string render() {
        std::string body;
        body += header();
        body += section("headline", "Headline", headline());
        body += section("journeys", "Journeys", journeys());
        body += section("load", "Channel load", load());
        body += section("nps", "NPS", nps());
        if (compare_) body += section("volume", "Where the volume went", volume());
        body += section("cost", "Cost", cost());
        body += section("tables", "Tables", tables());
        body += footer();
        return page(body);
    }

  private:
    // Page ------------------------------------------------------------------------------------

    std::string page(const std::string& body) const {
        std::string html =
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n";
        html += "<title>" + escape_html(title_) + "</title>\n";
        html += "<style>\n" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
        html += body;
        html += "</main>\n";
        for (const auto& [id, spec] : charts_) {
            html += "<script type=\"application/json\" id=\"spec-" + id + "\">" +
                    json_for_script(spec.dump()) + "</script>\n";
        }
        for (const detail::WebAsset& asset : detail::web_assets()) {
            html += "<script id=\"lib-" + std::string(asset.name) + "\">";
            for (std::string_view piece : asset.code)
                html += piece;
            html += "</script>\n";
        }
        html += "<script>\n" + std::string(kScript) + "</script>\n";
        html += licences();
        html += "</body>\n</html>\n";
        return html;
    }

    /// The charting libraries' licences, as their terms ask, in a comment.
    static std::string licences() {
        std::string text = "This page contains the following software.\n";
        for (const detail::WebAsset& asset : detail::web_assets()) {
            text += fmt::format("\n{} {}:\n", asset.name, asset.version);
            for (std::string_view piece : asset.licence)
                text += piece;
        }
        // A comment may not contain "--" (nor start with ">" or end with "-").
        std::string out;
        for (char c : text) {
            if (c == '-' && !out.empty() && out.back() == '-') out += ' ';
            out += c;
        }
        return "<!--\n" + out + "\n-->\n";
    }

    std::string header() const {
        std::string html = "<header class=\"page-head\">\n<p class=\"kicker\">";
        html += compare_ ? "What-if comparison" : "Simulation report";
        html += "</p>\n<h1>" + with_full_name(title_, full_title_) + "</h1>\n";
        if (!description_.empty())
            html += "<p class=\"lead\">" + escape_html(description_) + "</p>\n";
        const Result& base = *variants_.front().result;
        const Model& model = *variants_.front().model;
        std::vector<std::string> facts;
        if (!options_.source.empty()) facts.push_back("input " + escape_html(options_.source));
        if (compare_)
            facts.push_back("base model " + with_full_name(display_name(model.name), model.name));
        facts.push_back(fmt::format("{} replications", base.replications));
        facts.push_back(fmt::format("seed {}", base.seed));
        facts.push_back(fmt::format("{:g} measured days ({:g} simulated, {:g} warm-up)",
                                    measured_days(model), model.horizon.days,
                                    model.horizon.warmup_days));
        if (compare_) facts.emplace_back("common random numbers");
        html += "<p class=\"meta\">" + join(facts, " \u00b7 ") + "</p>\n";
        html +=
            "<p class=\"meta\">Each figure is the mean over replications; \u00b1 gives the "
            "half-width of its 95% confidence interval.";
        if (compare_)
            html +=
                " A difference is <span class=\"sig\">significant</span> when its interval "
                "excludes zero.";
        html += "</p>\n<nav class=\"toc\">";
        std::vector<std::pair<const char*, const char*>> links = {{"headline", "Headline"},
                                                                  {"journeys", "Journeys"},
                                                                  {"load", "Channel load"},
                                                                  {"nps", "NPS"}};
        if (compare_) links.emplace_back("volume", "Where the volume went");
        links.emplace_back("cost", "Cost");
        links.emplace_back("tables", "Tables");
        for (const auto& [id, words] : links)
            html += fmt::format("<a href=\"#{}\">{}</a>", id, words);
        html += "</nav>\n</header>\n";
        return html;
    }

    static std::string section(const char* id, const char* heading, const std::string& content) {
        return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", id, heading,
                           content);
    }

    std::string footer() const {
        std::string libs;
        for (const detail::WebAsset& asset : detail::web_assets()) {
            if (!libs.empty()) libs += ", ";
            libs += fmt::format("{} {}", asset.name, asset.version);
        }
        std::string html = "<footer>";
        if (!options_.generator.empty())
            html += "Made with " + escape_html(options_.generator) + ". ";
        html += "Charts drawn by " + libs + " (BSD-3-Clause); journey diagrams by Graphviz.";
        html += "</footer>\n";
        return html;
    }

    static std::string join(const std::vector<std::string>& parts, std::string_view separator) {
        std::string out;
        for (const auto& p : parts) {
            if (!out.empty()) out += separator;
            out += p;
        }
        return out;
    }

    /// A chart container; the specification goes into a data island read by the page's script.
    std::string chart(const std::string& id, Json spec, const std::string& title,
                      const std::string& explanation, const char* css = "chart-full") {
        spec["config"] = chart_config();
        charts_.emplace_back(id, std::move(spec));
        std::string html = fmt::format("<figure class=\"figure {}\">", css);
        html += "<h3 class=\"chart-title\">" + title + "</h3>";
        html += fmt::format("<div class=\"chart\" id=\"chart-{}\" data-spec=\"spec-{}\"></div>", id,
                            id);
        if (!explanation.empty()) html += "<figcaption>" + explanation + "</figcaption>";
        return html + "</figure>\n";
    }

    static Json chart_config() {
        return {{"font", "system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"},
                {"view", {{"stroke", nullptr}}},
                {"axis",
                 {{"labelFontSize", 11},
                  {"titleFontSize", 11},
                  {"titleFontWeight", "normal"},
                  {"titleColor", "#455A64"},
                  {"labelColor", "#455A64"},
                  {"gridColor", "#ECEFF1"},
                  {"domainColor", "#90A4AE"},
                  {"tickColor", "#90A4AE"}}},
                {"legend", {{"labelFontSize", 11}, {"titleFontSize", 11}, {"orient", "top"}}},
                {"title", {{"fontSize", 13}, {"anchor", "start"}, {"color", "#263238"}}},
                {"header", {{"labelFontSize", 12}, {"labelFontWeight", "bold"}}}};
    }

    Json variant_colour() const {
        return {{"field", "variant"},
                {"type", "nominal"},
                {"scale", variant_scale_},
                {"sort", variant_scale_["domain"]},
                {"title", nullptr}};
    }

    /// Bars (one per category, grouped by variant in a comparison) with 95% interval whiskers.
    /// Rows carry `category`, `variant`, `mean`, `low`, `high`, `text`.
    Json bar_chart(Json values, const Json& categories, const std::string& category_title,
                   const std::string& value_title, const std::string& format, bool horizontal,
                   int size, bool colour_by_sign = false) const {
        const char* cat = horizontal ? "y" : "x";
        const char* val = horizontal ? "x" : "y";
        const char* val2 = horizontal ? "x2" : "y2";
        Json spec;
        spec["data"] = {{"values", std::move(values)}};
        if (horizontal) {
            spec["width"] = size;
            spec["height"] = {{"step", compare_ ? 8 : 22}};  // with an offset: per bar
        } else {
            spec["width"] = {{"step", compare_ ? 11 : 44}};
            spec["height"] = size;
        }
        Json encoding;
        encoding[cat] = {{"field", "category"},
                         {"type", "nominal"},
                         {"sort", categories},
                         {"title", nullptr},
                         {"axis", {{"labelLimit", 180}, {"labelAngle", horizontal ? 0 : -30}}}};
        if (compare_) {
            encoding[horizontal ? "yOffset" : "xOffset"] = {
                {"field", "variant"}, {"type", "nominal"}, {"sort", variant_scale_["domain"]}};
        }
        encoding["tooltip"] = Json::array({{{"field", "category"}, {"title", category_title}},
                                           {{"field", "variant"}, {"title", "variant"}},
                                           {{"field", "text"}, {"title", value_title}}});
        if (!compare_) encoding["tooltip"].erase(1);
        Json bar;
        bar["mark"] = {{"type", "bar"}, {"cornerRadiusEnd", 2}};
        bar["encoding"][val] = {{"field", "mean"},
                                {"type", "quantitative"},
                                {"title", value_title},
                                {"axis", {{"format", format}}}};
        if (compare_) {
            bar["encoding"]["color"] = variant_colour();
        } else if (colour_by_sign) {
            bar["encoding"]["color"] = {
                {"condition", {{"test", "datum.mean < 0"}, {"value", kNegative}}},
                {"value", kPositive}};
        } else {
            bar["mark"]["color"] = kSingleColour;
        }
        Json whisker;
        whisker["mark"] = {{"type", "rule"}, {"color", kWhisker}, {"strokeWidth", 1.2}};
        whisker["encoding"][val] = {{"field", "low"}, {"type", "quantitative"}};
        whisker["encoding"][val2] = {{"field", "high"}};
        spec["encoding"] = std::move(encoding);
        spec["layer"] = Json::array({std::move(bar), std::move(whisker)});
        return spec;
    }

    Json row(const Variant& v, const std::string& category, const Estimate& e, Unit unit,
             double scale = 1.0, bool difference = false) const {
        Json r = {{"category", category}, {"variant", v.name}};
        r.update(estimate_json(e, scale));
        r["text"] = with_ci(e, unit, difference);
        return r;
    }

    /// One category of a bar chart: its label and the path of its metric.
    struct Bar {
        std::string label;
        std::string path;
    };

    /// The rows and categories of a `bar_chart`.
    struct BarData {
        Json values = Json::array();
        Json categories = Json::array();  ///< those with a row, in the order given
    };

    /// Each category's estimate in every variant that has it (`nonzero`: and where it is not
    /// zero); `extra` adds fields to the row of category `bar`.
    BarData bar_data(const std::vector<Bar>& bars, Unit unit, bool nonzero = false,
                     const std::function<void(std::size_t bar, Json& row)>& extra = {}) const {
        BarData data;
        for (std::size_t b = 0; b < bars.size(); ++b) {
            bool any = false;
            for (const Variant& v : variants_) {
                const auto e = estimate_at(*v.result, bars[b].path);
                if (!e || (nonzero && e->mean == 0)) continue;
                Json r = row(v, bars[b].label, *e, unit);
                if (extra) extra(b, r);
                data.values.push_back(std::move(r));
                any = true;
            }
            if (any) data.categories.push_back(bars[b].label);
        }
        return data;
    }

    /// Colour by score group: detractors red, passives grey, promoters green.
    static Json score_group_colour(Json groups) {
        return {
            {"field", "group"},
            {"type", "nominal"},
            {"scale", {{"domain", std::move(groups)}, {"range", {kNegative, kPassive, kPositive}}}},
            {"title", nullptr}};
    }

    // Headline ----------------------------------------------------------------------------------

    std::string headline() const {
        std::string html;
        const Variant& base = variants_.front();
        html += "<div class=\"cards\">\n";
        for (const Kpi& k : kHeadline) {
            html += "<div class=\"card\"><div class=\"card-label\">";
            html += k.label;
            if (compare_) html += " \u00b7 base";
            html += "</div>";
            const auto e = estimate_at(*base.result, k.path);
            if (e) {
                html += "<div class=\"card-value\">" + number(e->mean, k.unit) + suffix(k.unit) +
                        "</div><div class=\"card-ci\">" + interval_words(*e, k.unit) + "</div>";
            } else {
                html += "<div class=\"card-value\">n/a</div>";
            }
            if (std::string_view(k.path) == "/kpis/cost_per_resolved") {
                if (const auto total = estimate_at(*base.result, "/kpis/cost_total"))
                    html += "<div class=\"card-ci\">total " + number(total->mean, Unit::Money) +
                            " over the measured days</div>";
            }
            html += "</div>\n";
        }
        html += "</div>\n";
        if (!compare_) return html;

        html += "<h3>Each scenario against the base</h3>\n<div class=\"scenario-cards\">\n";
        for (std::size_t i = 1; i < variants_.size(); ++i) {
            const Variant& v = variants_[i];
            html += "<div class=\"scenario\">\n<div class=\"scenario-name\">" + swatch(i) +
                    with_full_name(v.name, v.full_name) + "</div>\n";
            if (!v.description.empty())
                html += "<p class=\"scenario-text\">" + escape_html(v.description) + "</p>\n";
            html += "<div class=\"cards\">\n";
            for (const Kpi& k : kHeadline) {
                const MetricDelta* d = v.scenario->find(k.path);
                std::string verdict = "neutral";
                std::string badge = "<span class=\"badge ns\">not significant</span>";
                if (d != nullptr && !undefined(d->delta) && d->significant) {
                    const int direction = d->delta.mean > 0 ? 1 : -1;
                    verdict = k.better == 0              ? "neutral"
                              : direction * k.better > 0 ? "better"
                                                         : "worse";
                    badge = "<span class=\"badge sig\">significant</span>";
                }
                html += "<div class=\"card delta " + verdict + "\"><div class=\"card-label\">";
                html += std::string("\u0394 ") + k.label + "</div>";
                if (d == nullptr || undefined(d->delta)) {
                    html += "<div class=\"card-value\">n/a</div>";
                } else {
                    html += "<div class=\"card-value\">" + number(d->delta.mean, k.unit, true) +
                            suffix(k.unit, true) + "</div><div class=\"card-ci\">" +
                            interval_words(d->delta, k.unit, true) + "</div>" + badge;
                }
                const auto before = estimate_at(*variants_.front().result, k.path);
                const auto after = estimate_at(*v.result, k.path);
                if (before && after)
                    html += "<div class=\"card-ci\">" + number(before->mean, k.unit) +
                            suffix(k.unit) + " \u2192 " + number(after->mean, k.unit) +
                            suffix(k.unit) + "</div>";
                html += "</div>\n";
            }
            html += "</div>\n</div>\n";
        }
        html += "</div>\n";
        return html;
    }

    std::string swatch(std::size_t variant) const {
        return fmt::format("<span class=\"swatch\" style=\"background:{}\"></span>",
                           kVariantColours[variant % kVariantColours.size()]);
    }

    // Journeys ----------------------------------------------------------------------------------

    std::string journeys() {
        std::string html;
        const Model& base = *variants_.front().model;
        html +=
            "<p class=\"note\">Edge width: customers per day along the edge (\u2248: estimated "
            "from the model's probabilities). Node colour: the touchpoint's effect on "
            "likelihood to recommend (red lowers it, green raises it); contacts are coloured by "
            "their fix rate. Figures are means per measured day.";
        if (compare_)
            html +=
                " Each scenario's diagram marks what it added, changed or removed against the "
                "base: touchpoints, channels, and the steps and hand-offs of the employee "
                "journeys.";
        html += "</p>\n" + flow_key();
        std::vector<std::string> journey_ids;
        for (const Variant& v : variants_)
            for (const Journey& j : v.model->journeys)
                if (std::find(journey_ids.begin(), journey_ids.end(), j.id) == journey_ids.end())
                    journey_ids.push_back(j.id);
        std::size_t diagram = 0;
        for (const std::string& id : journey_ids) {
            const Index bj = base.find_journey(id);
            const Journey* any = nullptr;
            for (const Variant& v : variants_) {
                const Index j = v.model->find_journey(id);
                if (j != kNone) {
                    any = &v.model->journeys[j];
                    break;
                }
            }
            if (any == nullptr) continue;
            html += "<article class=\"journey\">\n<h3>" +
                    with_full_name(display(any->label, any->id),
                                   any->label.empty() ? any->id : any->label) +
                    "</h3>\n";
            if (!any->description.empty())
                html += "<p class=\"note\">" + escape_html(any->description) + "</p>\n";
            html +=
                "<div class=\"side-by-side\">\n<div class=\"panel\"><h4>Customer journey</h4>\n" +
                customer_panel(id) + "</div>\n<div class=\"panel\"><h4>Employee journeys</h4>\n" +
                employee_panel(id) + "</div>\n</div>\n";
            if (options_.diagrams) {
                for (std::size_t i = 0; i < variants_.size(); ++i) {
                    const Variant& v = variants_[i];
                    if (v.model->find_journey(id) == kNone) continue;
                    DrawOptions draw;
                    draw.journey = id;
                    draw.legend = false;  // the key above serves every diagram
                    draw.flow = flow_overlay(*v.model, *v.result);
                    if (compare_ && i > 0) mark_changes(base, *v.model, *draw.flow);
                    std::string svg = render_diagram(*v.model, draw, DiagramFormat::Svg);
                    if (const auto start = svg.find("<svg"); start != std::string::npos)
                        svg.erase(0, start);
                    std::string caption;
                    if (compare_) {
                        caption = swatch(i) + (i == 0 ? std::string("base")
                                                      : "scenario " + escape_html(v.name));
                        if (i > 0 && bj == kNone) caption += " (a journey the base does not have)";
                    }
                    html += "<figure class=\"figure diagram-figure\">";
                    if (!caption.empty())
                        html +=
                            "<figcaption class=\"diagram-caption\">" + caption + "</figcaption>";
                    html +=
                        fmt::format("<div class=\"diagram\" id=\"diagram-{}\">{}</div></figure>\n",
                                    diagram++, svg);
                }
            }
            html += "</article>\n";
        }
        return html;
    }

    /// A table with one row per figure and one column per variant (no differences).
    struct Line {
        std::string label;
        std::string path;
        Unit unit;
        double scale = 1.0;
    };

    /// A cell with the variant's figure of `line`, scaled, with its interval.
    static std::string figure_cell(const Variant& v, const Line& line) {
        auto e = estimate_at(*v.result, line.path);
        if (e) {
            e->mean *= line.scale;
            e->low *= line.scale;
            e->high *= line.scale;
        }
        return "<td class=\"num\">" + (e ? with_ci(*e, line.unit) : "\u2014") + "</td>";
    }

    std::string variant_columns(const std::vector<Line>& lines) const {
        std::string html = "<table class=\"data compact\"><thead><tr><th></th>";
        for (std::size_t i = 0; i < variants_.size(); ++i)
            html += "<th class=\"num\">" +
                    (compare_ ? swatch(i) + escape_html(variants_[i].name)
                              : std::string("mean \u00b1 95% CI")) +
                    "</th>";
        html += "</tr></thead><tbody>";
        for (const Line& line : lines) {
            html += "<tr><th>" + line.label + "</th>";
            for (const Variant& v : variants_) {
                html += figure_cell(v, line);
            }
            html += "</tr>";
        }
        return html + "</tbody></table>\n";
    }

    /// The key to the diagrams' colours and marks (the colours of journeys/draw.cpp).
    std::string flow_key() const {
        auto chip = [](const char* fill, const char* line, const char* extra = "") {
            return fmt::format(
                "<span class=\"chip\" style=\"background:{};border-color:{};{}\"></span>", fill,
                line, extra);
        };
        std::string html = "<div class=\"key\">";
        html += "<span class=\"key-item\">" + chip("#FFFFFF", "#546E7A") + "step " +
                chip("#E3F2FD", "#1E88E5") + "self-service " + chip("#FFF3E0", "#E65100") +
                "contact " + chip("#F3E5F5", "#8E24AA") + "branch " + chip("#E8F5E9", "#2E7D32") +
                "resolved " + chip("#FFF8E1", "#FF8F00") + "unresolved " +
                chip("#FFEBEE", "#C62828") + "churned " + chip("#E0F2F1", "#80CBC4") +
                "employee journey " + chip("#FFFDE7", "#F9A825", "border-style:dashed") +
                "hand-off</span>";
        html += "<span class=\"key-item\">fill: effect on likelihood to recommend " +
                chip("#E57373", "#B0BEC5") + "\u22122 " + chip("#F5F5F5", "#B0BEC5") + "0 " +
                chip("#81C784", "#B0BEC5") + "+2 points</span>";
        html += "<span class=\"key-item\">contacts: fixed " + chip("#E57373", "#B0BEC5") + "51% " +
                chip("#F5F5F5", "#B0BEC5") + "67% " + chip("#81C784", "#B0BEC5") + "80%</span>";
        if (compare_) {
            html += "<span class=\"key-item\">against the base: " +
                    chip("#FFFFFF", "#2E7D32", "border-width:3px") + "added " +
                    chip("#FFFFFF", "#1565C0", "border-width:3px") + "changed " +
                    chip("#FFFFFF", "#9E9E9E", "border-style:dashed") + "<s>removed</s></span>";
        }
        return html + "</div>\n";
    }

    /// A table with one row per variant and one column per figure (comparisons).
    std::string variant_rows(const std::vector<Line>& lines) const {
        std::string html = "<table class=\"data compact\"><thead><tr><th></th>";
        for (const Line& line : lines)
            html += "<th class=\"num\">" + line.label + "</th>";
        html += "</tr></thead><tbody>";
        for (std::size_t i = 0; i < variants_.size(); ++i) {
            const Variant& v = variants_[i];
            html += "<tr><th>" + swatch(i) + escape_html(v.name) + "</th>";
            for (const Line& line : lines) {
                html += figure_cell(v, line);
            }
            html += "</tr>";
        }
        return html + "</tbody></table>\n";
    }

    std::string customer_panel(const std::string& journey) const {
        const std::string p = "/journeys/" + json_pointer_token(journey);
        const double days = measured_days(*variants_.front().model);
        std::vector<Line> lines = {
            {"customers per day (journeys ended)", p + "/customers", Unit::Count,
             days > 0 ? 1.0 / days : 1.0},
            {"NPS", p + "/nps", Unit::Points},
            {"first-time fix", p + "/ftf", Unit::Percent},
            {"resolution rate", p + "/resolution_rate", Unit::Percent},
            {"assisted contacts per customer", p + "/contacts_per_customer", Unit::Ratio},
            {"time to resolution", p + "/time_to_resolution_h", Unit::Hours},
            {"channel switches per customer", p + "/channel_switches_per_customer", Unit::Ratio},
        };
        if (compare_) {
            lines.resize(4);
            lines[0].label = "customers per day";
            return variant_rows(lines);
        }
        for (const char* outcome : {"resolved", "unresolved", "churned"})
            lines.push_back({std::string("outcome: ") + outcome,
                             p + "/outcomes/" + outcome + "/share", Unit::Percent});
        return variant_columns(lines);
    }

    /// Whether `ej` handles contacts of the journey with id `journey` in `model`.
    static bool serves(const Model& model, const EmployeeJourney& ej, const std::string& journey) {
        const Index j = model.find_journey(journey);
        if (j == kNone) return false;
        const Binding& b = ej.binding;
        if (b.journey != kNone) return b.journey == j;
        for (const Touchpoint& tp : model.journeys[j].touchpoints)
            for (Index c : tp.channels)
                if (std::find(b.channels.begin(), b.channels.end(), c) != b.channels.end())
                    return true;
        return false;
    }

    /// For each scenario, in words, what it added, changed or removed in the employee journeys
    /// serving `journey` (the marks of its diagram).
    std::string employee_changes(const std::string& journey) const {
        const Model& base = *variants_.front().model;
        auto serving = [&](const Model& m, const std::string& id) {
            return std::any_of(
                m.employee_journeys.begin(), m.employee_journeys.end(),
                [&](const EmployeeJourney& ej) { return ej.id == id && serves(m, ej, journey); });
        };
        std::string html;
        for (std::size_t i = 1; i < variants_.size(); ++i) {
            const Variant& v = variants_[i];
            FlowOverlay marks;
            mark_changes(base, *v.model, marks);
            // Per employee journey, in the order of the marks: its own mark and its steps'.
            std::vector<std::pair<std::string, std::vector<std::string>>> groups;
            for (const StepChange& c : marks.steps) {
                if (!serving(base, c.employee_journey) && !serving(*v.model, c.employee_journey))
                    continue;
                auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
                    return g.first == c.employee_journey;
                });
                if (group == groups.end()) {
                    groups.emplace_back(c.employee_journey, std::vector<std::string>{});
                    group = std::prev(groups.end());
                }
                // The employee journey as a whole is named in the group's title.
                const bool whole = c.step.empty();
                const std::string label = escape_html(c.label);
                switch (c.change) {
                    case ChangeMark::Added:
                        group->second.push_back("<span class=\"mark added\">+ " +
                                                (whole ? std::string("added") : label) + "</span>");
                        break;
                    case ChangeMark::Changed:
                        group->second.push_back("<span class=\"mark changed\">\u270e " +
                                                (whole ? std::string("changed") : label) +
                                                "</span>");
                        break;
                    case ChangeMark::Removed:
                        group->second.push_back("<span class=\"mark removed\">" +
                                                (whole ? std::string() : "<s>" + label + "</s> ") +
                                                "removed</span>");
                        break;
                    case ChangeMark::None:
                        break;
                }
            }
            for (const auto& [id, parts] : groups) {
                const EmployeeJourney* ej = nullptr;
                for (const Model* m : {v.model, &base})
                    for (const EmployeeJourney& e : m->employee_journeys)
                        if (ej == nullptr && e.id == id) ej = &e;
                const std::string name =
                    ej == nullptr ? display_name(id) : display(ej->label, ej->id);
                html += "<p class=\"note changes\">" + swatch(i) + escape_html(v.name) +
                        " \u00b7 <b>" + escape_html(name) + "</b>: " + join(parts, ", ") + "</p>\n";
            }
        }
        return html;
    }

    std::string employee_panel(const std::string& journey) const {
        const Model& model = *variants_.front().model;
        const Index j = model.find_journey(journey);
        std::string html;
        std::vector<Index> teams;
        std::vector<std::string> names;
        if (j != kNone) {
            const Journey& jr = model.journeys[j];
            std::vector<Index> channels;
            for (const Touchpoint& tp : jr.touchpoints)
                for (Index c : tp.channels)
                    if (std::find(channels.begin(), channels.end(), c) == channels.end())
                        channels.push_back(c);
            for (Index c : channels) {
                const Index t = model.channels[c].team;
                if (t < model.teams.size() &&
                    std::find(teams.begin(), teams.end(), t) == teams.end())
                    teams.push_back(t);
            }
            for (const EmployeeJourney& ej : model.employee_journeys) {
                if (!serves(model, ej, journey)) continue;
                names.push_back(escape_html(display(ej.label, ej.id)));
                for (const EmployeeStep& s : ej.steps)
                    if (s.kind == StepKind::Handoff && s.team < model.teams.size() &&
                        std::find(teams.begin(), teams.end(), s.team) == teams.end())
                        teams.push_back(s.team);
            }
        }
        if (names.empty()) {
            html +=
                "<p class=\"note\">No employee journey is bound to this journey's contacts; "
                "its channels' teams handle them with the channels' handle times.</p>\n";
        } else {
            html += "<p class=\"note\">Served by: " + join(names, ", ") + ".</p>\n";
        }
        std::vector<Line> lines;
        if (compare_) {
            html += employee_changes(journey);
            for (Index t : teams) {
                const Team& team = model.teams[t];
                lines.push_back({escape_html(display(team.label, team.id)) + " occupancy",
                                 "/teams/" + json_pointer_token(team.id) + "/occupancy",
                                 Unit::Percent});
            }
            if (!lines.empty()) html += variant_rows(lines);
            return html;
        }
        for (Index t : teams) {
            const Team& team = model.teams[t];
            const std::string p = "/teams/" + json_pointer_token(team.id);
            const std::string name = escape_html(display(team.label, team.id));
            lines.push_back({name + ": occupancy", p + "/occupancy", Unit::Percent});
            lines.push_back(
                {name + ": failure demand share", p + "/failure_demand_share", Unit::Percent});
            lines.push_back({name + ": agents on duty (mean)", p + "/agents_mean", Unit::Ratio});
        }
        if (!lines.empty()) html += variant_columns(lines);
        return html;
    }

    // Channel load ------------------------------------------------------------------------------

    std::string load() {
        std::string html;
        html += intraday();
        html += "<div class=\"grid2\">\n";
        std::vector<Bar> service_levels;
        std::vector<Bar> occupancies;
        for (const ChannelInfo& c : channels_) {
            service_levels.push_back({c.label, channel_path(c.id, "service_level")});
            occupancies.push_back({c.label, channel_path(c.id, "occupancy")});
        }
        const BarData sl =
            bar_data(service_levels, Unit::Percent, false, [&](std::size_t c, Json& r) {
                if (channels_[c].target) r["target"] = channels_[c].target->share;
            });
        const BarData occupancy = bar_data(occupancies, Unit::Percent);
        if (!sl.values.empty()) {
            Json spec =
                bar_chart(sl.values, sl.categories, "channel", "service level", ".0%", false, 220);
            spec["layer"].push_back(
                {{"transform", {{{"filter", "isValid(datum.target)"}}}},
                 {"mark", {{"type", "tick"}, {"color", "#C62828"}, {"thickness", 2}}},
                 {"encoding",
                  {{"y", {{"field", "target"}, {"type", "quantitative"}}},
                   {"tooltip", {{{"field", "target"}, {"title", "target"}, {"format", ".0%"}}}}}}});
            html += chart("service-level", std::move(spec), "Service level per channel",
                          "Share of contacts answered (or responded to) within the channel's "
                          "target; the red tick is the target share.",
                          "chart-half");
        }
        if (!occupancy.values.empty()) {
            html += chart("occupancy",
                          bar_chart(occupancy.values, occupancy.categories, "channel", "occupancy",
                                    ".0%", false, 220),
                          "Occupancy per channel",
                          "Share of the agents' time on duty spent handling the channel's "
                          "contacts.",
                          "chart-half");
        }
        html += "</div>\n";
        return html;
    }

    std::string intraday() {
        Json values = Json::array();
        Json facets = Json::array();
        bool any = false;
        double interval = 15;
        for (const Variant& v : variants_) {
            const Result& r = *v.result;
            if (r.intervals.empty()) continue;
            any = true;
            interval = r.interval_min;
            // Mean offered per interval of the day over the measured days.
            std::map<std::pair<std::size_t, long>, double> sums;
            std::set<std::size_t> days;
            for (const IntervalRow& row : r.intervals) {
                days.insert(row.day);
                sums[{row.channel, std::lround(row.start_min)}] += row.offered;
            }
            std::vector<double> channel_total(r.channel_ids.size(), 0.0);
            for (const auto& [key, sum] : sums)
                channel_total.at(key.first) += sum;
            for (const auto& [key, sum] : sums) {
                const auto& [channel, minute] = key;
                if (channel_total[channel] <= 0) continue;
                const std::string& id = r.channel_ids.at(channel);
                const auto info = std::find_if(channels_.begin(), channels_.end(),
                                               [&](const ChannelInfo& c) { return c.id == id; });
                const std::string label = info == channels_.end() ? display_name(id) : info->label;
                if (std::find(facets.begin(), facets.end(), Json(label)) == facets.end())
                    facets.push_back(label);
                values.push_back({{"variant", v.name},
                                  {"channel", label},
                                  {"hour", static_cast<double>(minute) / 60.0},
                                  {"offered", sum / static_cast<double>(days.size())}});
            }
        }
        if (!any) {
            return "<p class=\"note\">The intraday load needs per-interval statistics: run with "
                   "<code>journeysim report</code> or with <code>--report</code>.</p>\n";
        }
        // Keep the model's channel order.
        Json ordered = Json::array();
        for (const ChannelInfo& c : channels_)
            if (std::find(facets.begin(), facets.end(), Json(c.label)) != facets.end())
                ordered.push_back(c.label);
        Json line;
        line["mark"] = {{"type", "line"}, {"interpolate", "step-after"}, {"strokeWidth", 1.6}};
        if (!compare_) line["mark"]["color"] = kSingleColour;
        line["encoding"]["x"] = {{"field", "hour"},
                                 {"type", "quantitative"},
                                 {"scale", {{"domain", {0, 24}}}},
                                 {"axis", {{"values", {0, 6, 12, 18, 24}}}},
                                 {"title", "hour of day"}};
        line["encoding"]["y"] = {{"field", "offered"},
                                 {"type", "quantitative"},
                                 {"title", fmt::format("offered per {:g} min", interval)}};
        if (compare_) line["encoding"]["color"] = variant_colour();
        line["encoding"]["tooltip"] =
            Json::array({{{"field", "channel"}},
                         {{"field", "variant"}},
                         {{"field", "hour"}, {"format", ".2f"}, {"title", "hour"}},
                         {{"field", "offered"}, {"format", ".1f"}}});
        Json spec;
        spec["data"] = {{"values", std::move(values)}};
        spec["facet"] = {
            {"field", "channel"}, {"type", "nominal"}, {"sort", ordered}, {"title", nullptr}};
        spec["columns"] = 3;
        spec["resolve"] = {{"scale", {{"y", "independent"}}}, {"axis", {{"x", "independent"}}}};
        spec["spec"] = {{"width", 250},
                        {"height", 110},
                        {"mark", line["mark"]},
                        {"encoding", line["encoding"]}};
        return chart("intraday", std::move(spec), "Intraday load per channel",
                     fmt::format("Contacts offered per {:g} minutes by time of day, averaged over "
                                 "the measured days{}.",
                                 interval, compare_ ? ", for the base and each scenario" : ""));
    }

    // NPS ---------------------------------------------------------------------------------------

    static const char* score_group(int score) {
        return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
    }

    std::string nps() {
        std::string html;
        // The 0–10 histogram, when the engine reports it.
        bool histogram = true;
        for (int s = 0; s <= 10 && histogram; ++s)
            histogram =
                variants_.front().result->find(fmt::format("/kpis/ltr_histogram/{}", s)) != nullptr;
        html += "<div class=\"grid2\">\n";
        if (histogram) {
            std::vector<Bar> scores;
            for (int s = 0; s <= 10; ++s)
                scores.push_back({std::to_string(s), fmt::format("/kpis/ltr_histogram/{}", s)});
            const BarData shares = bar_data(
                scores, Unit::Percent, false,
                [](std::size_t s, Json& r) { r["group"] = score_group(static_cast<int>(s)); });
            Json spec = bar_chart(shares.values, shares.categories, "score", "share of customers",
                                  ".0%", false, 220);
            spec["encoding"]["x"]["axis"]["labelAngle"] = 0;
            spec["encoding"]["x"]["title"] = "likelihood to recommend (final score)";
            if (compare_) {
                spec["width"] = {{"step", 5}};
            } else {
                spec["layer"][0]["mark"].erase("color");
                spec["layer"][0]["encoding"]["color"] =
                    score_group_colour({"detractor", "passive", "promoter"});
                spec["width"] = {{"step", 30}};
            }
            html += chart("ltr-histogram", std::move(spec), "NPS distribution",
                          "Share of customers whose journey ended with each final score of "
                          "likelihood to recommend (0\u20136 detractors, 7\u20138 passives, "
                          "9\u201310 promoters).",
                          "chart-half");
        }
        html += ppd(histogram ? "chart-half" : "chart-full");
        html += "</div>\n";
        html += drivers();
        return html;
    }

    std::string ppd(const char* css) {
        Json values = Json::array();
        Json rows = Json::array();
        auto add = [&](const std::string& label, const Result& r, const std::string& prefix,
                       const std::string& variant) {
            bool any = false;
            int order = 0;
            for (const auto& [leaf, name] : {std::pair{"detractors", "detractors (0\u20136)"},
                                             std::pair{"passives", "passives (7\u20138)"},
                                             std::pair{"promoters", "promoters (9\u201310)"}}) {
                const auto e = estimate_at(r, prefix + "/" + leaf);
                if (!e) continue;
                any = true;
                values.push_back({{"row", label},
                                  {"variant", variant},
                                  {"group", name},
                                  {"order", order++},
                                  {"share", e->mean},
                                  {"text", with_ci(*e, Unit::Percent)}});
            }
            if (any) rows.push_back(label);
        };
        if (compare_) {
            for (const Variant& v : variants_)
                add(v.name, *v.result, "/kpis", v.name);
        } else {
            const Variant& v = variants_.front();
            add("all customers", *v.result, "/kpis", v.name);
            for (const Journey& j : v.model->journeys)
                add("journey: " + display(j.label, j.id), *v.result,
                    "/journeys/" + json_pointer_token(j.id), v.name);
        }
        Json groups = {"detractors (0\u20136)", "passives (7\u20138)", "promoters (9\u201310)"};
        Json spec;
        spec["data"] = {{"values", std::move(values)}};
        spec["width"] = std::string_view(css) == "chart-full" ? 760 : 330;
        spec["height"] = {{"step", 26}};
        spec["encoding"] = {{"y",
                             {{"field", "row"},
                              {"type", "nominal"},
                              {"sort", rows},
                              {"title", nullptr},
                              {"axis", {{"labelLimit", 200}}}}},
                            {"x",
                             {{"field", "share"},
                              {"type", "quantitative"},
                              {"stack", "normalize"},
                              {"axis", {{"format", ".0%"}}},
                              {"title", "share of customers"}}},
                            {"order", {{"field", "order"}}},
                            {"tooltip",
                             {{{"field", "row"}, {"title", ""}},
                              {{"field", "group"}, {"title", ""}},
                              {{"field", "text"}, {"title", "share"}}}}};
        spec["layer"] = Json::array(
            {{{"mark", "bar"}, {"encoding", {{"color", score_group_colour(groups)}}}},
             {{"mark", {{"type", "text"}, {"color", "#FFFFFF"}, {"fontSize", 10}}},
              {"encoding",
               {{"x",
                 {{"field", "share"},
                  {"type", "quantitative"},
                  {"stack", "normalize"},
                  {"bandPosition", 0.5}}},
                {"text", {{"field", "share"}, {"type", "quantitative"}, {"format", ".0%"}}}}}}});
        return chart("promoters", std::move(spec), "Promoters, passives and detractors",
                     "Among customers whose journey ended" +
                         std::string(compare_ ? ", for the base and each scenario."
                                              : ", overall and per journey."),
                     css);
    }

    std::string drivers() {
        std::vector<Bar> bars;
        for (const auto& [id, words] : kDrivers)
            bars.push_back({words, std::string("/drivers/") + id});
        const BarData drivers = bar_data(bars, Unit::Points);
        if (drivers.values.empty()) return {};
        Json spec = bar_chart(drivers.values, drivers.categories, "driver", "NPS points", "+.0f",
                              true, 700, true);
        return chart("drivers", std::move(spec), "What drives the NPS",
                     std::string("How many NPS points each kind of event adds to ") +
                         (compare_ ? "(right)" : "(green)") + " or takes from " +
                         (compare_ ? "(left)" : "(red)") +
                         " the NPS: the NPS minus the NPS the same customers would give without "
                         "that event's effect on their likelihood to recommend.");
    }

    // Where the volume went -----------------------------------------------------------------------

    std::string volume() {
        std::string html;
        Json values = Json::array();
        Json categories = Json::array();
        const Result& base = *variants_.front().result;
        for (const ChannelInfo& c : channels_) {
            const std::string path = channel_path(c.id, "offered");
            bool any = false;
            for (std::size_t i = 1; i < variants_.size(); ++i) {
                const Variant& v = variants_[i];
                std::optional<Estimate> d;
                if (const MetricDelta* m = v.scenario->find(path);
                    m != nullptr && !undefined(m->delta)) {
                    d = m->delta;
                } else if (const auto before = estimate_at(base, path);
                           before && !v.result->find(path)) {
                    d = Estimate{-before->mean, -before->high, -before->low, before->count};
                } else if (const auto after = estimate_at(*v.result, path);
                           after && !base.find(path)) {
                    d = after;
                }
                if (!d) continue;
                values.push_back(row(v, c.label, *d, Unit::Count, 1.0, true));
                any = true;
            }
            if (any) categories.push_back(c.label);
        }
        if (!values.empty()) {
            Json spec = bar_chart(values, categories, "channel", "\u0394 contacts offered", ",.0f",
                                  true, 700);
            // Only the scenarios in the colour key.
            Json domain = Json::array();
            Json range = Json::array();
            for (std::size_t i = 1; i < variants_.size(); ++i) {
                domain.push_back(variants_[i].name);
                range.push_back(kVariantColours[i % kVariantColours.size()]);
            }
            spec["layer"][0]["encoding"]["color"]["scale"] = {{"domain", domain}, {"range", range}};
            spec["layer"][0]["encoding"]["color"]["sort"] = domain;
            spec["encoding"]["yOffset"]["sort"] = domain;
            html += chart(
                "volume", std::move(spec), "Contacts offered per channel: change against the base",
                "Over the measured days, each scenario against the base; a removed channel "
                "loses all its contacts, an added one gains all of its own.");
        }
        html += dropped_channels();
        return html;
    }

    /// Sentences for each channel a scenario removed: where its contacts went.
    std::string dropped_channels() const {
        std::string html;
        const Result& base = *variants_.front().result;
        for (std::size_t i = 1; i < variants_.size(); ++i) {
            const Variant& v = variants_[i];
            for (const std::string& removed : v.scenario->removed_channels) {
                const auto before = estimate_at(base, channel_path(removed, "offered"));
                if (!before) continue;
                const auto info =
                    std::find_if(channels_.begin(), channels_.end(),
                                 [&](const ChannelInfo& c) { return c.id == removed; });
                const std::string name =
                    info == channels_.end() ? display_name(removed) : info->label;
                std::vector<std::string> moves;
                double moved = 0;
                for (const ChannelInfo& c : channels_) {
                    if (c.id == removed) continue;
                    const MetricDelta* d = v.scenario->find(channel_path(c.id, "offered"));
                    if (d == nullptr || undefined(d->delta) || !d->significant ||
                        d->delta.mean <= 0)
                        continue;
                    moved += d->delta.mean;
                    moves.push_back(fmt::format("<b>{}</b> {} ({:.0f}% of it)",
                                                escape_html(c.label),
                                                number(d->delta.mean, Unit::Count, true),
                                                100 * d->delta.mean / before->mean));
                }
                html += "<p class=\"moved\">" + swatch(i) + "Scenario <b>" + escape_html(v.name) +
                        "</b> removes <b>" + escape_html(name) + "</b> and its " +
                        number(before->mean, Unit::Count) + " contacts over the measured days. ";
                if (moves.empty()) {
                    html += "No other channel gained significantly.";
                } else {
                    html += "Other channels gained: " + join(moves, ", ") + ".";
                    if (moved > before->mean)
                        html +=
                            " They gained more than it lost: customers who are not helped "
                            "the first time (not fixed, or gave up waiting) contact again.";
                }
                html += "</p>\n";
            }
        }
        return html;
    }

    // Cost ----------------------------------------------------------------------------------------

    std::string cost() {
        std::string html = "<div class=\"grid2\">\n";
        std::vector<Bar> channel_costs;
        for (const ChannelInfo& c : channels_)
            channel_costs.push_back({c.label, channel_path(c.id, "cost")});
        const BarData channels = bar_data(channel_costs, Unit::Money, true);
        if (!channels.values.empty())
            html += chart("cost-channels",
                          bar_chart(channels.values, channels.categories, "channel", "cost", ",.0f",
                                    false, 220),
                          "Cost per channel",
                          "Over the measured days: contacts handled times the channel's cost per "
                          "contact.",
                          "chart-half");
        std::vector<Bar> team_costs;
        for (const TeamInfo& t : teams_)
            team_costs.push_back({t.label, "/teams/" + json_pointer_token(t.id) + "/cost"});
        const BarData teams = bar_data(team_costs, Unit::Money, true);
        if (!teams.values.empty())
            html +=
                chart("cost-teams",
                      bar_chart(teams.values, teams.categories, "team", "cost", ",.0f", false, 220),
                      "Cost per team",
                      "Over the measured days: agent hours on duty times the team's cost per "
                      "hour.",
                      "chart-half");
        html += "</div>\n";
        return html;
    }

    // Tables ------------------------------------------------------------------------------------

    struct Column {
        std::string label;
        std::string path;
        Unit unit;
        int better = 0;
    };

    /// Rows of figures: one column with the estimate for a run; for a comparison the base, then
    /// each scenario with its difference.
    std::string figure_table(const std::string& first, const std::vector<Column>& rows) const {
        std::string html =
            "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>" + first + "</th>";
        if (!compare_) {
            html += "<th class=\"num\">mean \u00b1 95% CI</th>";
        } else {
            html += "<th class=\"num\">" + swatch(0) + "base</th>";
            for (std::size_t i = 1; i < variants_.size(); ++i)
                html += "<th class=\"num\">" + swatch(i) + escape_html(variants_[i].name) +
                        "<br><span class=\"sub\">\u0394 against the base</span></th>";
        }
        html += "</tr></thead><tbody>\n";
        for (const Column& r : rows) {
            bool any = false;
            for (const Variant& v : variants_)
                any = any || v.result->find(r.path) != nullptr;
            if (!any) continue;
            html += "<tr><th>" + r.label + "</th>";
            for (std::size_t i = 0; i < variants_.size(); ++i) {
                const Variant& v = variants_[i];
                const auto e = estimate_at(*v.result, r.path);
                html += "<td class=\"num\">" + (e                        ? with_ci(*e, r.unit)
                                                : v.result->find(r.path) ? "n/a"
                                                                         : "\u2014");
                if (i == 0) {
                    html += "</td>";
                    continue;
                }
                const MetricDelta* d = v.scenario->find(r.path);
                if (d == nullptr || undefined(d->delta)) {
                    html += "<div class=\"delta\">\u2014</div></td>";
                    continue;
                }
                std::string css = "delta";
                if (d->significant) {
                    css += " sig";
                    const int direction = d->delta.mean > 0 ? 1 : -1;
                    if (r.better != 0) css += direction * r.better > 0 ? " better" : " worse";
                }
                html += "<div class=\"" + css + "\">" + with_ci(d->delta, r.unit, true) +
                        (d->significant ? " *" : "") + "</div></td>";
            }
            html += "</tr>\n";
        }
        return html + "</tbody></table></div>\n";
    }

    std::string tables() const {
        std::string html;
        if (compare_)
            html +=
                "<p class=\"note\">\u0394: scenario \u2212 base, paired over replications "
                "(common random numbers); * marks an interval that excludes zero.</p>\n";
        std::vector<Column> kpis;
        for (const Kpi& k : kKpis)
            kpis.push_back({k.label, k.path, k.unit, k.better});
        html += "<h3>Customer KPIs</h3>\n" + figure_table("KPI", kpis);

        std::vector<Column> drivers;
        for (const auto& [id, words] : kDrivers)
            drivers.push_back({words, std::string("/drivers/") + id, Unit::Points, 1});
        html += "<h3>NPS drivers (NPS points)</h3>\n" + figure_table("driver", drivers);

        std::vector<Column> channels;
        for (const ChannelInfo& c : channels_) {
            const std::string name = escape_html(c.label);
            channels.push_back(
                {name + " \u00b7 offered", channel_path(c.id, "offered"), Unit::Count, 0});
            channels.push_back(
                {name + " \u00b7 handled", channel_path(c.id, "handled"), Unit::Count, 0});
            if (c.mode == ChannelMode::SelfService) {
                channels.push_back({name + " \u00b7 success rate", channel_path(c.id, "fix_rate"),
                                    Unit::Percent, 1});
                continue;
            }
            channels.push_back({name + " \u00b7 abandon rate", channel_path(c.id, "abandon_rate"),
                                Unit::Percent, -1});
            if (c.mode == ChannelMode::Async) {
                channels.push_back({name + " \u00b7 response time",
                                    channel_path(c.id, "response_time_h"), Unit::Hours, -1});
            } else {
                channels.push_back({name + " \u00b7 average speed of answer",
                                    channel_path(c.id, "asa_s"), Unit::Seconds, -1});
            }
            channels.push_back({name + " \u00b7 service level", channel_path(c.id, "service_level"),
                                Unit::Percent, 1});
            channels.push_back(
                {name + " \u00b7 occupancy", channel_path(c.id, "occupancy"), Unit::Percent, 0});
            channels.push_back(
                {name + " \u00b7 fix rate", channel_path(c.id, "fix_rate"), Unit::Percent, 1});
            channels.push_back(
                {name + " \u00b7 cost", channel_path(c.id, "cost"), Unit::Money, -1});
        }
        html += "<h3>Channels</h3>\n" + figure_table("channel", channels);

        std::vector<Column> teams;
        for (const TeamInfo& t : teams_) {
            const std::string p = "/teams/" + json_pointer_token(t.id);
            const std::string name = escape_html(t.label);
            teams.push_back({name + " \u00b7 occupancy", p + "/occupancy", Unit::Percent, 0});
            teams.push_back({name + " \u00b7 handled", p + "/handled", Unit::Count, 0});
            teams.push_back({name + " \u00b7 failure demand share", p + "/failure_demand_share",
                             Unit::Percent, -1});
            teams.push_back({name + " \u00b7 cost", p + "/cost", Unit::Money, -1});
            teams.push_back({name + " \u00b7 handle time per item (min)", p + "/handle_time_min",
                             Unit::Ratio, 0});
            teams.push_back({name + " \u00b7 after-contact work (min)",
                             p + "/after_contact_work_min", Unit::Ratio, 0});
            teams.push_back(
                {name + " \u00b7 hand-offs per case", p + "/handoffs_per_case", Unit::Ratio, -1});
            teams.push_back(
                {name + " \u00b7 rework share", p + "/rework_share", Unit::Percent, -1});
        }
        html += "<h3>Teams</h3>\n" + figure_table("team", teams);

        // Employee journeys: per case, then time per step.
        std::vector<Column> employee;
        std::set<std::string> seen_ej;
        for (const Variant& v : variants_) {
            for (const EmployeeJourney& ej : v.model->employee_journeys) {
                if (!seen_ej.insert(ej.id).second) continue;
                const std::string p = "/employee_journeys/" + json_pointer_token(ej.id);
                const std::string name = escape_html(display(ej.label, ej.id));
                employee.push_back({name + " \u00b7 cases", p + "/cases", Unit::Count, 0});
                employee.push_back({name + " \u00b7 handle time per case (min)",
                                    p + "/handle_time_min", Unit::Ratio, 0});
                employee.push_back({name + " \u00b7 hand-offs per case", p + "/handoffs_per_case",
                                    Unit::Ratio, -1});
                employee.push_back(
                    {name + " \u00b7 rework share", p + "/rework_share", Unit::Percent, -1});
                employee.push_back({name + " \u00b7 fixed", p + "/fixed_share", Unit::Percent, 1});
                for (const EmployeeStep& step : ej.steps) {
                    if (step.kind == StepKind::End) continue;
                    const std::string sp = p + "/steps/" + json_pointer_token(step.id);
                    const std::string label =
                        name + " \u00b7 " + escape_html(display(step.label, step.id));
                    employee.push_back(
                        {label + ": visits per case", sp + "/visits_per_case", Unit::Ratio, 0});
                    employee.push_back(
                        {label + ": time per visit (min)", sp + "/time_min", Unit::Ratio, 0});
                }
            }
        }
        if (!employee.empty())
            html += "<h3>Employee journeys</h3>\n" + figure_table("employee journey", employee);

        std::vector<Column> journeys;
        std::vector<Column> segments;
        std::set<std::string> seen;
        for (const Variant& v : variants_) {
            for (const Journey& j : v.model->journeys) {
                if (!seen.insert("j:" + j.id).second) continue;
                const std::string p = "/journeys/" + json_pointer_token(j.id);
                const std::string name = escape_html(display(j.label, j.id));
                journeys.push_back({name + " \u00b7 customers", p + "/customers", Unit::Count, 0});
                journeys.push_back({name + " \u00b7 NPS", p + "/nps", Unit::Points, 1});
                journeys.push_back({name + " \u00b7 first-time fix", p + "/ftf", Unit::Percent, 1});
                journeys.push_back(
                    {name + " \u00b7 resolution rate", p + "/resolution_rate", Unit::Percent, 1});
            }
            for (const Segment& s : v.model->segments) {
                if (!seen.insert("s:" + s.id).second) continue;
                const std::string p = "/segments/" + json_pointer_token(s.id);
                const std::string name = escape_html(display(s.label, s.id));
                segments.push_back({name + " \u00b7 customers", p + "/customers", Unit::Count, 0});
                segments.push_back({name + " \u00b7 NPS", p + "/nps", Unit::Points, 1});
                segments.push_back({name + " \u00b7 first-time fix", p + "/ftf", Unit::Percent, 1});
            }
        }
        html += "<h3>Journeys</h3>\n" + figure_table("journey", journeys);
        html += "<h3>Segments</h3>\n" + figure_table("segment", segments);
        html += full_names();
        return html;
    }

    /// Every name the report shortened, in full, once (see `display`).
    std::string full_names() const {
        std::string rows;
        std::set<std::string> seen;
        auto add = [&](const char* kind, const std::string& label, const std::string& id) {
            const std::string& full = label.empty() ? id : label;
            const std::string shown = display_name(full);
            if (shown == full || !seen.insert(std::string(kind) + '\n' + full).second) return;
            rows += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"full-name\">{}</td></tr>\n",
                                kind, escape_html(shown), escape_html(full));
        };
        if (full_title_ != title_) add("title", full_title_, "");
        for (const Variant& v : variants_) {
            if (compare_) add("scenario", v.full_name, "");
            const Model& m = *v.model;
            add("model", m.name, "");
            for (const Channel& c : m.channels)
                add("channel", c.label, c.id);
            for (const Team& t : m.teams)
                add("team", t.label, t.id);
            for (const Segment& sg : m.segments)
                add("segment", sg.label, sg.id);
            for (const Journey& j : m.journeys) {
                add("journey", j.label, j.id);
                for (const Touchpoint& tp : j.touchpoints)
                    add("touchpoint", tp.label, tp.id);
            }
            for (const EmployeeJourney& ej : m.employee_journeys) {
                add("employee journey", ej.label, ej.id);
                for (const EmployeeStep& step : ej.steps)
                    add("step", step.label, step.id);
            }
        }
        if (rows.empty()) return {};
        return "<h3>Names in full</h3>\n<p class=\"note\">Names longer than " +
               std::to_string(kDisplayNameLimit) +
               " characters are shortened in the charts and tables above.</p>\n"
               "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>kind</th>"
               "<th>shown as</th><th>name</th></tr></thead><tbody>\n" +
               rows + "</tbody></table></div>\n";
    }

    // Style and script ----------------------------------------------------------------------------

    static constexpr std::string_view kStyle = R"css(
:root { --ink: #263238; --muted: #607D8B; --line: #CFD8DC; --soft: #F5F7F8; --accent: #1E88E5;
        --better: #2E7D32; --worse: #C62828; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #FFFFFF;
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 26px; margin: 4px 0 8px; line-height: 1.2; }
h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 22px 0 8px; }
h4 { font-size: 13px; margin: 0 0 8px; text-transform: uppercase; letter-spacing: .04em;
     color: var(--muted); }
.kicker { margin: 0; color: var(--accent); font-weight: 600; text-transform: uppercase;
          letter-spacing: .08em; font-size: 12px; }
.lead { font-size: 13.5px; max-width: 900px; margin: 0 0 8px; color: #37474F; }
.full-name { overflow-wrap: anywhere; }
.chart-title { font-size: 14px; margin: 8px 0 4px; }
.key { display: flex; flex-wrap: wrap; gap: 6px 22px; font-size: 12px; color: var(--muted);
       margin: 8px 0 12px; }
.key-item { white-space: nowrap; }
.chip { display: inline-block; width: 16px; height: 11px; border: 2px solid; border-radius: 3px;
        margin: 0 4px 0 6px; vertical-align: -1px; }
.diagram-caption { font-weight: 600; color: var(--ink); margin-bottom: 4px; }
.table-wrap { overflow-x: auto; }
.meta, .note, figcaption, footer { color: var(--muted); font-size: 12.5px; }
.meta { margin: 2px 0; }
.note { max-width: 900px; }
.toc { margin-top: 14px; display: flex; flex-wrap: wrap; gap: 6px 16px; }
.toc a { color: var(--accent); text-decoration: none; font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #FFFFFF; }
.card-label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.card-value { font-size: 26px; font-weight: 650; margin: 2px 0; font-variant-numeric: tabular-nums; }
.card-ci { font-size: 12px; color: var(--muted); }
.card.delta.better { border-left: 5px solid var(--better); }
.card.delta.worse { border-left: 5px solid var(--worse); }
.card.delta.better .card-value { color: var(--better); }
.card.delta.worse .card-value { color: var(--worse); }
.badge { display: inline-block; font-size: 11px; border-radius: 10px; padding: 0 8px; margin: 4px 0; }
.badge.sig { background: #263238; color: #FFFFFF; }
.badge.ns { background: var(--soft); color: var(--muted); border: 1px solid var(--line); }
.scenario { border-top: 1px solid var(--line); padding: 12px 0 4px; }
.scenario-name { font-weight: 650; font-size: 15px; }
.scenario-text { margin: 4px 0 10px; color: var(--muted); font-size: 12.5px; max-width: 900px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px;
          vertical-align: baseline; }
.journey { margin-bottom: 28px; }
.side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-bottom: 12px; }
.panel { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--soft);
         overflow-x: auto; }
.figure { margin: 12px 0; }
.diagram { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 8px;
           background: #FFFFFF; }
.diagram svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 8px 24px; }
.chart { min-height: 40px; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
table.data { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 12.5px;
             font-variant-numeric: tabular-nums; }
table.data th, table.data td { padding: 4px 8px; border-bottom: 1px solid #ECEFF1; text-align: left;
                               vertical-align: top; }
table.data thead th { border-bottom: 2px solid var(--line); color: var(--muted); font-weight: 600; }
table.data tbody th { font-weight: normal; }
table.data .num { text-align: right; white-space: nowrap; }
table.data .delta { color: var(--muted); font-size: 11.5px; }
table.data .delta.sig { color: var(--ink); font-weight: 600; }
table.data .delta.better { color: var(--better); }
table.data .delta.worse { color: var(--worse); }
table.data .sub { font-weight: normal; font-size: 11px; }
table.compact { background: #FFFFFF; }
.sig { font-weight: 600; }
.moved { max-width: 900px; }
.mark { font-weight: 600; white-space: nowrap; }
.mark.added { color: #2E7D32; }
.mark.changed { color: #1565C0; }
.mark.removed { color: #9E9E9E; font-weight: normal; }
footer { margin-top: 40px; border-top: 1px solid var(--line); padding-top: 10px; }
@media (max-width: 800px) { .side-by-side { grid-template-columns: 1fr; } main { padding: 16px; } }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .toc { display: none; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  .card, .figure, .panel, .scenario, tr { break-inside: avoid; }
  .diagram, .chart, .panel { overflow: visible; }
  .grid2, .side-by-side { grid-template-columns: 1fr; }
  table.data { font-size: 8.5pt; }
  table.data th, table.data td { padding: 3px 5px; }
  table.data .num { white-space: normal; }
  .card, .panel, .diagram { border-color: #B0BEC5; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

    static constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var status = { total: 0, rendered: 0, failed: [], done: false };
  window.journeysimCharts = status;
  var charts = document.querySelectorAll('.chart[data-spec]');
  status.total = charts.length;
  var options = { mode: 'vega-lite', renderer: 'svg', actions: false, ast: true };
  var jobs = Array.prototype.map.call(charts, function (el) {
    var spec;
    try {
      spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
    } catch (error) {
      return Promise.reject(error);
    }
    return vegaEmbed(el, spec, options).then(function () {
      status.rendered += 1;
    }, function (error) {
      status.failed.push(el.id);
      el.textContent = 'This chart could not be drawn: ' + error;
      console.error('journeysim: chart ' + el.id + ' could not be drawn: ' + error);
    });
  });
  Promise.all(jobs).then(function () {
    status.done = true;
  }, function (error) {
    status.done = true;
    console.error('journeysim: ' + error);
  });
})();
)js";

    std::vector<Variant> variants_;
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

}  // namespace

std::string html_report(const Model& model, const Result& result,
                        const HtmlReportOptions& options) {
    Variant run;
    run.full_name = model.name;
    run.name = display_name(model.name);
    run.model = &model;
    run.result = &result;
    return Report({run}, options, options.title.empty() ? model.name : options.title,
                  model.description)
        .render();
}

std::string html_comparison_report(const ScenarioSet& set, const Comparison& comparison,
                                   const HtmlReportOptions& options) {
    std::vector<Variant> variants;
    Variant base;
    base.name = base.full_name = "base";
    base.model = set.base.get();
    base.result = &comparison.base;
    variants.push_back(base);
    for (const ScenarioComparison& s : comparison.scenarios) {
        const auto model = std::find_if(set.scenarios.begin(), set.scenarios.end(),
                                        [&](const Scenario& x) { return x.name == s.name; });
        if (model == set.scenarios.end()) {
            throw std::invalid_argument("html_comparison_report: the comparison's scenario \"" +
                                        s.name + "\" is not in the scenario set");
        }
        Variant v;
        v.full_name = s.name == "base" ? "scenario base" : s.name;
        v.name = display_name(v.full_name);
        v.model = model->model.get();
        v.result = &s.result;
        v.scenario = &s;
        v.description = s.description;
        variants.push_back(v);
    }
    const std::string title = !options.title.empty() ? options.title
                              : !set.name.empty()    ? set.name
                                                     : comparison.name;
    return Report(std::move(variants), options, title,
                  set.description.empty() ? comparison.description : set.description)
        .render();
}

}  // namespace journeysim
