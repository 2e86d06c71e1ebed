// The HTML report's page: building the report's lists of variants, channels and teams, the
// sections in order, the document around them (head, header, footer, licences).

#include "html/report.hpp"
#include "html/templates.hpp"
#include "web_assets.hpp"

#include <journeysim/flow.hpp>
#include <journeysim/io.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace journeysim::detail::html {

namespace {

/// Makes the shown names (`item.*name`) of one kind unique (" (2)", " (3)", ... after a
/// repeat), so that names which agree in their first characters, or labels given twice, stay
/// apart in charts.
template <typename Items, typename Name>
void keep_names_apart(Items& items, Name name) {
    std::set<std::string> seen;
    for (auto& item : items) {
        std::string candidate = item.*name;
        for (int n = 2; !seen.insert(candidate).second; ++n)
            candidate = fmt::format("{} ({})", item.*name, n);
        item.*name = candidate;
    }
}

}  // namespace

std::string Report::currency_note() const {
    const std::string& currency = variants_.front().model->currency;
    return currency.empty() ? std::string() : " (" + currency + ")";
}

std::string Report::label_of(const MetricKind& kind) const {
    return escape_html(std::string(kind.label) + (kind.unit == Unit::Money ? currency_note() : ""));
}

Report::Report(std::vector<Variant> variants, const HtmlReportOptions& options, std::string title,
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
    keep_names_apart(variants_, &Variant::name);
    keep_names_apart(channels_, &ChannelInfo::label);
    keep_names_apart(teams_, &TeamInfo::label);
    Json names = Json::array();
    Json colours = Json::array();
    for (std::size_t i = 0; i < variants_.size(); ++i) {
        names.push_back(variants_[i].name);
        colours.push_back(kVariantColours[i % kVariantColours.size()]);
    }
    variant_scale_ = {{"domain", names}, {"range", colours}};
}

std::string Report::render() {
    std::string body;
    body += header();
    if (const std::string found = warnings(); !found.empty())
        body += section("warnings", "Warnings", found);
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

std::string Report::page(const std::string& body) const {
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n";
    html += "<title>" + escape_html(title_) + "</title>\n";
    html += "<style>\n" + std::string(kReportStyle) + "</style>\n</head>\n<body>\n<main>\n";
    html += body;
    html += "</main>\n";
    for (const auto& [id, spec] : charts_) {
        html += "<script type=\"application/json\" id=\"spec-" + id + "\">" +
                json_for_script(spec.dump()) + "</script>\n";
    }
    for (const WebAsset& asset : web_assets()) {
        html += "<script id=\"lib-" + std::string(asset.name) + "\">";
        for (std::string_view piece : asset.code)
            html += piece;
        html += "</script>\n";
    }
    html += "<script>\n" + std::string(kReportScript) + "</script>\n";
    html += licences();
    html += "</body>\n</html>\n";
    return html;
}

std::string Report::licences() {
    std::string text = "This page contains the following software.\n";
    for (const WebAsset& asset : web_assets()) {
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

std::string Report::header() const {
    std::string html = "<header class=\"page-head\">\n<p class=\"kicker\">";
    html += compare_ ? "What-if comparison" : "Simulation report";
    html += "</p>\n<h1>" + with_full_name(title_, full_title_) + "</h1>\n";
    if (!description_.empty()) html += "<p class=\"lead\">" + escape_html(description_) + "</p>\n";
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

std::string Report::section(const char* id, const char* heading, const std::string& content) {
    return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", id, heading, content);
}

std::string Report::footer() const {
    std::string libs;
    for (const WebAsset& asset : web_assets()) {
        if (!libs.empty()) libs += ", ";
        libs += fmt::format("{} {}", asset.name, asset.version);
    }
    std::string html = "<footer>";
    if (!options_.generator.empty()) html += "Made with " + escape_html(options_.generator) + ". ";
    html += "Charts drawn by " + libs + " (BSD-3-Clause); journey diagrams by Graphviz.";
    html += "</footer>\n";
    return html;
}

std::string Report::join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += separator;
        out += p;
    }
    return out;
}

std::string Report::swatch(std::size_t variant) const {
    return fmt::format("<span class=\"swatch\" style=\"background:{}\"></span>",
                       kVariantColours[variant % kVariantColours.size()]);
}

}  // namespace journeysim::detail::html
