// The HTML report's charts: Vega-Lite specifications and their containers, bar charts with
// interval whiskers and the rows they are drawn from.

#include "html/report.hpp"

#include <fmt/format.h>

#include <cmath>

namespace journeysim::detail::html {

namespace {

constexpr const char* kNegative = "#D84315";
constexpr const char* kPositive = "#2E7D32";
constexpr const char* kPassive = "#B0BEC5";
constexpr const char* kWhisker = "#263238";

/// Estimate scaled (for charts in display units).
Json estimate_json(const Estimate& e, double scale = 1.0) {
    Json j = Json::object();
    j["mean"] = e.mean * scale;
    j["low"] = std::isnan(e.low) ? e.mean * scale : e.low * scale;
    j["high"] = std::isnan(e.high) ? e.mean * scale : e.high * scale;
    return j;
}

}  // namespace

std::string Report::chart(const std::string& id, Json spec, const std::string& title,
                          const std::string& explanation, const char* css) {
    spec["config"] = chart_config();
    charts_.emplace_back(id, std::move(spec));
    std::string html = fmt::format("<figure class=\"figure {}\">", css);
    html += "<h3 class=\"chart-title\">" + title + "</h3>";
    html +=
        fmt::format("<div class=\"chart\" id=\"chart-{}\" data-spec=\"spec-{}\"></div>", id, id);
    if (!explanation.empty()) html += "<figcaption>" + explanation + "</figcaption>";
    return html + "</figure>\n";
}

Json Report::chart_config() {
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

Json Report::variant_colour() const {
    return {{"field", "variant"},
            {"type", "nominal"},
            {"scale", variant_scale_},
            {"sort", variant_scale_["domain"]},
            {"title", nullptr}};
}

Json Report::bar_chart(Json values, const Json& categories, const std::string& category_title,
                       const std::string& value_title, const std::string& format, bool horizontal,
                       int size, bool colour_by_sign) const {
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

Json Report::row(const Variant& v, const std::string& category, const Estimate& e, Unit unit,
                 double scale, bool difference) const {
    Json r = {{"category", category}, {"variant", v.name}};
    r.update(estimate_json(e, scale));
    r["text"] = with_ci(e, unit, difference);
    return r;
}

Report::BarData Report::bar_data(
    const std::vector<Bar>& bars, bool nonzero,
    const std::function<void(std::size_t bar, Json& row)>& extra) const {
    BarData data;
    for (std::size_t b = 0; b < bars.size(); ++b) {
        bool any = false;
        for (const Variant& v : variants_) {
            const auto e = estimate_at(*v.result, bars[b].metric);
            if (!e || (nonzero && e->mean == 0)) continue;
            Json r = row(v, bars[b].label, *e, bars[b].metric.kind->unit);
            if (extra) extra(b, r);
            data.values.push_back(std::move(r));
            any = true;
        }
        if (any) data.categories.push_back(bars[b].label);
    }
    return data;
}

Json Report::score_group_colour(Json groups) {
    return {{"field", "group"},
            {"type", "nominal"},
            {"scale", {{"domain", std::move(groups)}, {"range", {kNegative, kPassive, kPositive}}}},
            {"title", nullptr}};
}

}  // namespace journeysim::detail::html
