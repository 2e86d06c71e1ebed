// Writes the HTML report of a model with every chart the report can draw: when the engine does
// not report the per-score NPS histogram (`/kpis/ltr_histogram/<score>`), this program adds one
// spread evenly over the scores of each group (detractors 0–6, passives 7–8, promoters 9–10) of
// the simulated shares, so the browser test renders that chart too. Not a simulation output.
//
//   journeysim_synthetic_report MODEL.json REPORT.html
#include <journeysim/error.hpp>
#include <journeysim/html_report.hpp>
#include <journeysim/io.hpp>
#include <journeysim/load.hpp>
#include <journeysim/simulate.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace journeysim;
    if (argc != 3) {
        fmt::print(stderr, "usage: journeysim_synthetic_report MODEL.json REPORT.html\n");
        return 2;
    }
    try {
        const auto loaded = load_model_file(argv[1]);
        SimulationOptions options;
        options.replications = 3;
        options.intervals = true;
        Result result = simulate(loaded.model, options);
        if (result.find("/kpis/ltr_histogram/0") == nullptr) {
            const Metric groups[] = {*result.find("/kpis/detractors"),
                                     *result.find("/kpis/passives"),
                                     *result.find("/kpis/promoters")};
            for (int score = 0; score <= 10; ++score) {
                const std::size_t group = score <= 6 ? 0 : score <= 8 ? 1 : 2;
                const double scores = group == 0 ? 7.0 : 2.0;
                std::vector<double> values;
                for (double share : groups[group].values)
                    values.push_back(share / scores);
                result.add(metric::ltr_share, {std::to_string(score)}, std::move(values));
            }
        }
        HtmlReportOptions report;
        report.source = argv[1];
        report.title = loaded.model->name + " (with an NPS histogram)";
        write_file_atomically(argv[2], html_report(*loaded.model, result, report));
    } catch (const InputError& e) {
        for (const auto& d : e.diagnostics())
            fmt::print(stderr, "{}\n", d.format());
        return 1;
    } catch (const std::exception& e) {
        fmt::print(stderr, "journeysim_synthetic_report: {}\n", e.what());
        return 1;
    }
    return 0;
}
