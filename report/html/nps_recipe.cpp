// The report's panel that explains how NPS is built for this model: the segments' baselines,
// each sentiment effect the model sets, and the 0-6 / 7-8 / 9-10 rule with the run's figures.
#include "html/report.hpp"

#include <journeysim/metrics.hpp>

#include <fmt/format.h>

#include <string>
#include <vector>

namespace journeysim::detail::html {

namespace {

/// "+0.5" / "−1.2" / "−0.002": a change of the 0-10 score, signed, in as many digits as the
/// model gives (`number` rounds to two decimals).
std::string points(double value) {
    const std::string text = fmt::format("{:+.2g}", value);
    return text[0] == '-' ? "\u2212" + text.substr(1) : text;
}

/// A baseline likelihood-to-recommend in words: its family and parameters.
std::string baseline_words(const Distribution& d) {
    switch (d.kind) {
        case DistKind::Constant:
            return fmt::format("always {:g}", d.mean);
        case DistKind::Normal:
        case DistKind::Lognormal:
        case DistKind::Gamma:
            return fmt::format("{}, mean {:g}, sd {:g}", enum_name(d.kind), d.mean, d.sd);
        case DistKind::Exponential:
            return fmt::format("exponential, mean {:g}", d.mean);
        case DistKind::Uniform:
            return fmt::format("uniform from {:g} to {:g} (mean {:.2g})", d.min, d.max,
                               d.expected());
        case DistKind::Triangular:
            return fmt::format("triangular from {:g} to {:g}, most often {:g} (mean {:.2g})", d.min,
                               d.max, d.mode, d.expected());
        case DistKind::Empirical:
            return fmt::format("{} of {} values, mean {:.2f}",
                               d.histogram ? "a histogram" : "drawn from a list",
                               d.histogram ? d.weights.size() : d.values.size(), d.expected());
    }
    return {};
}

/// The channel modes a wait tolerance is set for, as the panel names them.
constexpr const char* kModeWords[kWaitModes] = {"live", "messaging", "asynchronous", "in-person"};

}  // namespace

std::string Report::nps_recipe() const {
    const Model& model = *variants_.front().model;
    const Sentiment& s = model.sentiment;
    std::string html = "<div class=\"panel\" id=\"nps-recipe\"><h4>How NPS is built in ";
    html += compare_ ? "the base model" : "this model";
    html += "</h4>\n<ol>\n";

    // 1. Where every customer starts.
    html +=
        "<li><b>Each customer starts</b> with a likelihood to recommend (0\u201310) drawn from "
        "their segment's baseline:<ul>";
    for (const Segment& seg : model.segments)
        html += fmt::format("<li>{} ({:.0f}% of customers): {}</li>",
                            escape_html(display(seg.label, seg.id)), seg.share * 100,
                            escape_html(baseline_words(seg.baseline_ltr)));
    html += "</ul></li>\n";

    // 2. What moves it: only the effects this model sets.
    std::vector<std::string> effects;
    auto effect = [&](double value, const std::string& when) {
        if (value != 0) effects.push_back(fmt::format("<li>{} {}</li>", points(value), when));
    };
    effect(s.fixed_first_time, "when the first assisted contact fixes the issue");
    effect(s.per_repeat_contact, "for each assisted contact after the first");
    effect(s.abandoned, "for each wait the customer abandons");
    effect(s.self_service_failed, "for each failed self-service use");
    effect(s.missed_response_target, "for each contact answered later than its channel's target");
    effect(s.unresolved, "when the journey ends unresolved or churned");
    for (std::size_t m = 0; m < kWaitModes; ++m) {
        if (s.per_min_over_tolerance[m] == 0) continue;
        effect(s.per_min_over_tolerance[m],
               fmt::format("a minute waited beyond {:g} minutes on {} channels",
                           s.wait_tolerance_min[m], kModeWords[m]));
    }
    for (const Channel& ch : model.channels)
        effect(ch.experience, "for each use of " + escape_html(display(ch.label, ch.id)));
    for (const Journey& j : model.journeys)
        for (const Touchpoint& tp : j.touchpoints)
            effect(tp.experience, "on passing " + escape_html(display(tp.label, tp.id)) + " (" +
                                      escape_html(display(j.label, j.id)) + ")");
    html += "<li><b>Events move it</b>, in points on the 0\u201310 scale";
    if (effects.empty()) {
        html += ": this model sets no effects, so every score stays at its baseline.";
    } else {
        html += ":<ul>";
        for (const auto& e : effects)
            html += e;
        html += "</ul>";
    }
    html += "</li>\n";

    // 3. How scores become NPS, with this run's figures.
    html +=
        "<li><b>At the journey's end</b> the score is clamped to 0\u201310 and rounded half "
        "up: 9\u201310 is a <b>promoter</b>, 7\u20138 a passive, 0\u20136 a "
        "<b>detractor</b>. NPS is the percentage of promoters less the percentage of "
        "detractors";
    const Result& r = *variants_.front().result;
    const auto promoters = estimate_at(r, {metric::promoters});
    const auto detractors = estimate_at(r, {metric::detractors});
    const auto nps = estimate_at(r, {metric::nps});
    if (promoters && detractors && nps)
        html += fmt::format(": here {:.1f}% \u2212 {:.1f}% = {}", promoters->mean * 100,
                            detractors->mean * 100, number(nps->mean, Unit::Points));
    html +=
        ".</li>\n</ol>\n<p class=\"note\">The drivers below give the NPS points each effect "
        "won or cost over the simulated customers (docs/concepts.md, Sentiment and "
        "NPS).</p></div>\n";
    return html;
}

}  // namespace journeysim::detail::html
