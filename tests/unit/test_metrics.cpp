// The metric catalogue: paths made and read back, results indexed by it, the engine emitting
// exactly the catalogue, and docs/results.md describing exactly the catalogue.
#include <journeysim/compare.hpp>
#include <journeysim/load.hpp>
#include <journeysim/metrics.hpp>
#include <journeysim/report.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

using namespace journeysim;

namespace {

const std::string kSource = JOURNEYSIM_SOURCE_DIR;

/// Ids for a metric of `kind`'s scope, awkward on purpose: a slash, a tilde, a space.
std::vector<std::string> awkward_ids(const MetricKind& kind) {
    const std::vector<std::string> pool = {"a/b", "c~d", "e f"};
    return {pool.begin(), pool.begin() + static_cast<long>(id_count(kind.scope))};
}

std::string path_with(const MetricKind& kind, const std::vector<std::string>& ids) {
    switch (ids.size()) {
        case 0:
            return metric_path(kind);
        case 1:
            return metric_path(kind, {ids[0]});
        case 2:
            return metric_path(kind, {ids[0], ids[1]});
        default:
            return metric_path(kind, {ids[0], ids[1], ids[2]});
    }
}

/// Every example model run for two replications.
const std::vector<Result>& example_results() {
    static const std::vector<Result> results = [] {
        std::vector<Result> out;
        for (const char* name : {"telecom", "mandate", "webshop", "energy"}) {
            const auto loaded = load_model_file(kSource + "/examples/" + name + ".json");
            SimulationOptions options;
            options.replications = 2;
            out.push_back(simulate(loaded.model, options));
        }
        return out;
    }();
    return results;
}

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("every metric's path reads back as that metric with its ids", "[unit][metrics]") {
    std::set<std::string> seen;
    for (const MetricKind& kind : kMetricCatalogue) {
        INFO(kind.key);
        const auto ids = awkward_ids(kind);
        const std::string path = path_with(kind, ids);
        CHECK(seen.insert(path).second);  // no two metrics share a path
        const auto parsed = parse_metric_path(path);
        REQUIRE(parsed);
        CHECK(parsed->kind == &kind);
        CHECK(parsed->ids == ids);
    }
    CHECK(metric_path(metric::channel_asa_s, {"phone/1"}) == "/channels/phone~11/asa_s");
    CHECK(metric_path(metric::ltr_share, {"7"}) == "/kpis/ltr_histogram/7");
    CHECK(metric_path(metric::move_count, {"j", "a", "b"}) == "/journeys/j/touchpoints/a/to/b");
}

TEST_CASE("paths the catalogue does not know are not metrics", "[unit][metrics]") {
    for (const char* path : {"", "/", "/kpis", "/kpis/npss", "/channels/phone/asa",
                             "/channels/phone", "/journeys/j/touchpoints/t/to", "/flow/x/y",
                             "/channels/bad~2token/asa_s", "kpis/nps", "/teams/t/work/q"}) {
        INFO(path);
        CHECK_FALSE(parse_metric_path(path));
    }
    CHECK_THROWS_AS(metric_path(metric::channel_asa_s), std::invalid_argument);
    CHECK_THROWS_AS(metric_path(metric::nps, {"x"}), std::invalid_argument);
}

TEST_CASE("a result takes only metrics of the catalogue, once each, and finds them by kind",
          "[unit][metrics]") {
    Result r;
    r.replications = 2;
    r.add(metric::channel_asa_s, {"phone"}, {10.0, 20.0});
    r.add("/kpis/nps", {1.0, 3.0});
    CHECK_THROWS_AS(r.add("/channels/phone/asa", {1.0, 2.0}), std::invalid_argument);
    CHECK_THROWS_AS(r.add("/channels/phone/asa_s", {1.0, 2.0}), std::invalid_argument);
    REQUIRE(r.metrics().size() == 2);
    CHECK(r.metrics()[0].kind == &metric::channel_asa_s);
    CHECK(r.metrics()[0].ids == std::vector<std::string>{"phone"});
    CHECK(r.metrics()[1].kind == &metric::nps);
    CHECK(r.find(metric::channel_asa_s, {"phone"}) == &r.metrics()[0]);
    CHECK(r.find("/channels/phone/asa_s") == &r.metrics()[0]);
    CHECK(r.find(metric::channel_asa_s, {"chat"}) == nullptr);
    CHECK(r.at(metric::nps).mean == 2.0);
    CHECK_THROWS_AS(r.at(metric::ftf), std::out_of_range);
    CHECK(r.ids_of(Scope::Channel) == std::vector<std::string>{"phone"});
}

TEST_CASE("the engine emits every metric of the catalogue, and only those", "[unit][metrics]") {
    std::set<const MetricKind*> emitted;
    for (const Result& r : example_results()) {
        for (const Metric& m : r.metrics()) {
            INFO(m.path);
            const auto parsed = parse_metric_path(m.path);
            REQUIRE(parsed);
            CHECK(parsed->kind == m.kind);
            CHECK(parsed->ids == m.ids);
            emitted.insert(m.kind);
        }
    }
    for (const MetricKind& kind : kMetricCatalogue) {
        INFO(kind.key << " is declared but no example run reports it");
        CHECK(emitted.count(&kind) == 1);
    }
}

TEST_CASE("docs/results.md describes every metric of the catalogue, and no other",
          "[unit][metrics]") {
    const std::string doc = read(kSource + "/docs/results.md");
    REQUIRE_FALSE(doc.empty());
    // The section of each scope, and the names of the metrics its tables and lists mention.
    const std::map<std::string, std::vector<Scope>> sections = {
        {"## `kpis`", {Scope::Kpi, Scope::LtrHistogram}},
        {"## `drivers`", {Scope::Driver}},
        {"## `outcomes`", {Scope::Outcome}},
        {"## `journeys.<id>`",
         {Scope::Journey, Scope::JourneyOutcome, Scope::Touchpoint, Scope::Move}},
        {"## `segments.<id>`", {Scope::Segment}},
        {"## `channels.<id>`", {Scope::Channel}},
        {"## `teams.<id>`", {Scope::Team, Scope::TeamWork}},
        {"## `employee_journeys.<id>`", {Scope::EmployeeJourney, Scope::Step}},
        {"## `flow`", {Scope::Flow}},
    };
    for (const auto& [heading, scopes] : sections) {
        INFO(heading);
        const auto start = doc.find(heading);
        REQUIRE(start != std::string::npos);
        const auto end = doc.find("\n## ", start + heading.size());
        const std::string section = doc.substr(start, end - start);
        // Every backticked name in the section ("touchpoints.<id>.visits": the last part).
        std::set<std::string> names;
        for (std::size_t open = section.find('`'); open != std::string::npos;) {
            const std::size_t close = section.find('`', open + 1);
            if (close == std::string::npos) break;
            std::string text = section.substr(open + 1, close - open - 1);
            const auto dot = text.find_last_of('.');
            if (dot != std::string::npos) text = text.substr(dot + 1);
            names.insert(text);
            open = section.find('`', close + 1);
        }
        for (const MetricKind& kind : kMetricCatalogue) {
            if (std::find(scopes.begin(), scopes.end(), kind.scope) == scopes.end()) continue;
            if (kind.name.empty()) continue;  // a histogram score or a move's target
            INFO(kind.key);
            CHECK(names.count(std::string(kind.name)) == 1);
        }
        // The rows of the section's tables name metrics of the catalogue.
        for (std::size_t row = section.find("\n| `"); row != std::string::npos;
             row = section.find("\n| `", row + 1)) {
            const std::size_t first = row + 4;
            const std::size_t last = section.find('`', first);
            const std::string name = section.substr(first, last - first);
            if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
                continue;
            INFO(name << " is documented but the catalogue has no such metric");
            bool known = false;
            for (const MetricKind& kind : kMetricCatalogue) {
                known = known || (kind.name == name && std::find(scopes.begin(), scopes.end(),
                                                                 kind.scope) != scopes.end());
            }
            CHECK(known);
        }
    }
}

TEST_CASE("tables and comparisons show the catalogue's labels and units", "[unit][metrics]") {
    const Result& r = example_results().front();
    const std::string table = result_to_table(r);
    for (const MetricKind* kind :
         {&metric::nps, &metric::ftf, &metric::time_to_resolution_h, &metric::driver_waiting}) {
        INFO(kind->key);
        CHECK(table.find(label_with_unit(*kind)) != std::string::npos);
    }
    CHECK(label_with_unit(metric::time_to_resolution_h) == "time to resolution (h)");
    // Every figure the run table names exists in the result: no "n/a" for the KPIs.
    const auto kpis = table.substr(0, table.find("NPS drivers"));
    CHECK(kpis.find("n/a") == std::string::npos);
    const std::string csv = result_to_csv(r);
    CHECK(csv.find("/kpis/nps,") != std::string::npos);
    CHECK(csv.find(",nps_points\n") != std::string::npos);
    CHECK(csv.find("/kpis/ftf,") != std::string::npos);
    CHECK(csv.find(",share\n") != std::string::npos);
}
