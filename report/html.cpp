// The HTML report's public functions: escaping for the page, and the report of a run or of a
// comparison, built by class Report (html/report.hpp, defined by section in report/html/).

#include "html/report.hpp"

#include <journeysim/detail/markup.hpp>
#include <journeysim/html_report.hpp>
#include <journeysim/io.hpp>

#include <algorithm>
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

std::string html_report(const Model& model, const Result& result,
                        const HtmlReportOptions& options) {
    using detail::html::Report;
    using detail::html::Variant;
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
    using detail::html::Report;
    using detail::html::Variant;
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
    HtmlReportOptions with_set = options;
    with_set.warnings.insert(with_set.warnings.end(), set.warnings.begin(), set.warnings.end());
    return Report(std::move(variants), with_set, title,
                  set.description.empty() ? comparison.description : set.description)
        .render();
}

}  // namespace journeysim
