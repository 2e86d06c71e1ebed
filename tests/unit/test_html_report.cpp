// The HTML report: escaping of everything that comes from the model, a page that needs no
// network, every section present, and Vega-Lite specifications that are valid JSON with the
// expected marks and data.

#include <journeysim/compare.hpp>
#include <journeysim/draw.hpp>
#include <journeysim/html_report.hpp>
#include <journeysim/load.hpp>
#include <journeysim/scenario.hpp>
#include <journeysim/simulate.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace journeysim;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kHostile = fs::path(JOURNEYSIM_SOURCE_DIR) / "tests" / "data" / "hostile_names.json";
constexpr const char* kHostileName =
    "</script><script>window.journeysimInjected = 1; alert(1)</script>";

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

/// The page without the inlined charting libraries (which are third-party code).
std::string without_libraries(std::string html) {
    for (;;) {
        const auto start = html.find("<script id=\"lib-");
        if (start == std::string::npos) return html;
        const auto end = html.find("</script>", start);
        REQUIRE(end != std::string::npos);
        html.erase(start, end + 9 - start);
    }
}

/// The Vega-Lite specifications by chart id, parsed from their data islands.
std::map<std::string, Json> specs(const std::string& html) {
    std::map<std::string, Json> out;
    const std::string open = "<script type=\"application/json\" id=\"spec-";
    for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
        const auto id_end = html.find("\">", at + open.size());
        const auto end = html.find("</script>", id_end);
        REQUIRE(end != std::string::npos);
        out[html.substr(at + open.size(), id_end - at - open.size())] =
            Json::parse(html.substr(id_end + 2, end - id_end - 2));
    }
    return out;
}

/// The attributes of every <script> start tag.
std::vector<std::string> script_tags(const std::string& html) {
    std::vector<std::string> out;
    for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1))
        out.push_back(html.substr(at + 7, html.find('>', at) - at - 7));
    return out;
}

struct RunFixture {
    ValidModel model = load_model_file(kHostile).model;
    Result result = [this] {
        SimulationOptions options;
        options.replications = 3;
        options.seed = 7;
        options.threads = 1;
        options.intervals = true;
        return simulate(model, options);
    }();
};

const RunFixture& run_fixture() {
    static const RunFixture fixture;
    return fixture;
}

struct CompareFixture {
    fs::path dir = fs::path(JOURNEYSIM_BINARY_DIR) / "test-scratch" / "html-report";
    ScenarioSet set;
    Comparison comparison;
    CompareFixture() {
        fs::create_directories(dir);
        const std::string text = fmt::format(R"json({{
          "journeysim_scenarios": 1,
          "name": "What-ifs <b>bold</b>",
          "base": {},
          "scenarios": {{
            "more agents": {{"description": "Two more <agents>.",
                            "changes": [{{"op": "replace", "path": "/teams/agents<b>/agents", "value": 6}}]}},
            "chat & co": {{"description": "A chat channel.",
              "changes": [{{"op": "add_channel", "id": "chat", "offer_at": "all",
                           "channel": {{"mode": "messaging", "label": "Chat <i>", "team": "agents<b>",
                                       "fix_rate": 0.6, "concurrency": 2,
                                       "handle_time": {{"dist": "exponential", "mean_min": 8}}}}}}]}}
          }}
        }})json",
                                             Json(kHostile.string()).dump());
        set = load_scenarios_text(text, dir / "whatifs.json");
        CompareOptions options;
        options.simulation.replications = 3;
        options.simulation.seed = 7;
        options.simulation.threads = 1;
        options.simulation.intervals = true;
        comparison = compare(set, options);
    }
};

const CompareFixture& compare_fixture() {
    static const CompareFixture fixture;
    return fixture;
}

}  // namespace

TEST_CASE("escape_html escapes markup and quotes", "[unit][html]") {
    CHECK(escape_html("<a href=\"x\">Tom & Jerry's</a>") ==
          "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    CHECK(escape_html("plain text, ± 1.2") == "plain text, ± 1.2");
}

TEST_CASE("json_for_script keeps the value and leaves no markup", "[unit][html]") {
    const Json value = {{"name", "</script><script>alert(1)</script> & <!-- \u2028\u2029"}};
    const std::string safe = json_for_script(value.dump());
    CHECK(safe.find('<') == std::string::npos);
    CHECK(safe.find('>') == std::string::npos);
    CHECK(safe.find('&') == std::string::npos);
    CHECK(safe.find("\u2028") == std::string::npos);
    CHECK(safe.find("\u2029") == std::string::npos);
    CHECK(safe.find("\\u003c/script\\u003e") != std::string::npos);
    CHECK(Json::parse(safe) == value);
}

TEST_CASE("a run report is one page that needs no network", "[unit][html]") {
    const auto& f = run_fixture();
    HtmlReportOptions options;
    options.source = "hostile_names.json";
    options.generator = "journeysim test";
    const std::string html = html_report(*f.model, f.result, options);

    REQUIRE(html.starts_with("<!DOCTYPE html>"));
    CHECK(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">") !=
          std::string::npos);
    // The charting libraries are inside, in load order.
    const auto vega = html.find("<script id=\"lib-vega\">");
    const auto lite = html.find("<script id=\"lib-vega-lite\">");
    const auto embed = html.find("<script id=\"lib-vega-embed\">");
    REQUIRE(vega != std::string::npos);
    CHECK(vega < lite);
    CHECK(lite < embed);
    CHECK(html.size() > 500'000);  // the libraries are inlined, not linked
    CHECK(html.find("Vega") != std::string::npos);

    const std::string own = without_libraries(html);
    for (const char* external : {"https://", "url(", "@import", "<link", "<iframe", "<object",
                                 "<embed", "<img", "<audio", "<video", "<base"}) {
        INFO(external);
        CHECK(own.find(external) == std::string::npos);
    }
    // No element loads anything; "http://" occurs only in XML namespace names of the diagrams.
    for (auto at = own.find('<'); at != std::string::npos; at = own.find('<', at + 1)) {
        const std::string tag = own.substr(at, own.find('>', at) - at);
        INFO(tag);
        CHECK(tag.find(" src=") == std::string::npos);
        CHECK(tag.find(" srcset=") == std::string::npos);
        CHECK(tag.find(" action=") == std::string::npos);
    }
    for (auto at = own.find("http://"); at != std::string::npos; at = own.find("http://", at + 1)) {
        CHECK(own.compare(at, 18, "http://www.w3.org/") == 0);
        CHECK(own.rfind("xmlns", at) + 20 > at);
    }
    // Links stay inside the page.
    for (auto at = own.find("href=\""); at != std::string::npos; at = own.find("href=\"", at + 1))
        CHECK(own.compare(at + 6, 1, "#") == 0);
    CHECK(own.find("<footer>Made with journeysim test.") != std::string::npos);
}

TEST_CASE("the report's diagram key shows the diagrams' own colours", "[unit][html]") {
    const auto& f = run_fixture();
    const std::string html = html_report(*f.model, f.result);
    const auto key = html.find("<div class=\"key\">");
    REQUIRE(key != std::string::npos);
    const std::string key_html = html.substr(key, html.find("</div>", key) - key);
    for (const char* element : {"step", "self-service", "contact", "branch", "resolved",
                                "unresolved", "churned", "lane", "hand-off"}) {
        INFO(element);
        const DiagramColours& c = diagram_colours(element);
        CHECK(key_html.find(fmt::format("background:{};border-color:{};", c.fill, c.line)) !=
              std::string::npos);
    }
    for (const char* effect : {"effect-negative", "effect-neutral", "effect-positive"}) {
        INFO(effect);
        CHECK(key_html.find(fmt::format("background:{};", diagram_colour(effect))) !=
              std::string::npos);
    }
}

TEST_CASE("the NPS section explains how this model's NPS is built", "[unit][html]") {
    const auto& f = run_fixture();
    const std::string html = html_report(*f.model, f.result);
    const auto at = html.find("<div class=\"panel\" id=\"nps-recipe\">");
    REQUIRE(at != std::string::npos);
    const std::string panel = html.substr(at, html.find("</div>", at) - at);
    // Every segment with its share and baseline, names escaped.
    for (const Segment& seg : f.model->segments) {
        INFO(seg.id);
        CHECK(panel.find(escape_html(seg.label.empty() ? seg.id : seg.label) + " (" +
                         fmt::format("{:.0f}", seg.share * 100) + "% of customers)") !=
              std::string::npos);
    }
    // Each effect the model sets, and only those.
    const Sentiment& s = f.model->sentiment;
    CHECK((panel.find("when the first assisted contact fixes the issue") != std::string::npos) ==
          (s.fixed_first_time != 0));
    CHECK((panel.find("for each wait the customer abandons") != std::string::npos) ==
          (s.abandoned != 0));
    CHECK((panel.find("when the journey ends unresolved or churned") != std::string::npos) ==
          (s.unresolved != 0));
    // The rule, with this run's promoters and detractors giving its NPS.
    CHECK(panel.find("9\u201310 is a <b>promoter</b>, 7\u20138 a passive, 0\u20136 a "
                     "<b>detractor</b>") != std::string::npos);
    const double promoters = f.result.at(metric::promoters).mean * 100;
    const double detractors = f.result.at(metric::detractors).mean * 100;
    CHECK(panel.find(fmt::format("here {:.1f}% \u2212 {:.1f}% = ", promoters, detractors)) !=
          std::string::npos);
    CHECK(std::abs(promoters - detractors - f.result.at(metric::nps).mean) < 1e-9);
}

TEST_CASE("each journey has a journey map: the emotion curve and its lanes", "[unit][html]") {
    const auto& f = run_fixture();
    const std::string html = html_report(*f.model, f.result);
    const auto charts = specs(html);
    REQUIRE(f.model->journeys.size() == 1);
    const Journey& journey = f.model->journeys[0];
    REQUIRE(charts.count("journey-map-0") == 1);
    CHECK(charts.count("journey-map-1") == 0);
    // One point per touchpoint with figures, the start first, at its simulated score.
    const Json& points = charts.at("journey-map-0")["data"]["values"];
    REQUIRE(!points.empty());
    const Touchpoint& start = journey.touchpoints[journey.start];
    CHECK(points[0]["touchpoint"] == (start.label.empty() ? start.id : start.label));
    CHECK(points[0]["ltr"].get<double>() ==
          f.result.at(metric::touchpoint_ltr_after, {journey.id, start.id}).mean);
    // The lanes: volume, channel mix (a contact's shares add up to about 100 %), employee
    // journeys, and the score on leaving; names escaped.
    const auto lanes = html.find("<div class=\"panel journey-lanes\">");
    REQUIRE(lanes != std::string::npos);
    const std::string table = html.substr(lanes, html.find("</table>", lanes) - lanes);
    for (const char* row :
         {"<th>customers per day</th>", "<th>channel mix</th>", "<th>employee journeys</th>",
          "<th>likelihood to recommend on leaving</th>"}) {
        INFO(row);
        CHECK(table.find(row) != std::string::npos);
    }
    CHECK(table.find("&quot;quotes&quot; &amp; ampersands ") != std::string::npos);
    CHECK(table.find("<script>") == std::string::npos);
}

TEST_CASE("a comparison's journey map puts every variant side by side", "[unit][html]") {
    const auto& f = compare_fixture();
    const std::string html = html_comparison_report(f.set, f.comparison);
    const auto charts = specs(html);
    REQUIRE(charts.count("journey-map-0") == 1);
    std::set<std::string> variants;
    for (const auto& point : charts.at("journey-map-0")["data"]["values"])
        variants.insert(point["variant"].get<std::string>());
    CHECK(variants.size() == f.comparison.scenarios.size() + 1);
    const auto lanes = html.find("<div class=\"panel journey-lanes\">");
    REQUIRE(lanes != std::string::npos);
    const std::string table = html.substr(lanes, html.find("</table>", lanes) - lanes);
    CHECK(table.find("<th>customers per day \u00b7 base</th>") != std::string::npos);
}

TEST_CASE("a run report has every section and chart", "[unit][html]") {
    const auto& f = run_fixture();
    const std::string html = html_report(*f.model, f.result);
    for (const char* id : {"headline", "journeys", "load", "nps", "cost", "tables"}) {
        INFO(id);
        CHECK(count(html, fmt::format("<section id=\"{}\">", id)) == 1);
    }
    CHECK(html.find("<section id=\"volume\">") == std::string::npos);  // comparisons only

    const auto charts = specs(html);
    for (const char* id : {"intraday", "service-level", "occupancy", "ltr-histogram", "promoters",
                           "drivers", "cost-channels", "cost-teams"}) {
        INFO(id);
        REQUIRE(charts.count(id) == 1);
        CHECK(count(html, fmt::format("<div class=\"chart\" id=\"chart-{}\" data-spec=\"spec-{}\">",
                                      id, id)) == 1);
    }
    // One data island per chart container, and nothing else that runs but the libraries and
    // the page's own script.
    CHECK(count(html, "<div class=\"chart\"") == charts.size());
    CHECK(count(html, "<script") == charts.size() + 4);
    // One diagram per journey.
    CHECK(count(html, "<div class=\"diagram\" id=\"diagram-") == f.model->journeys.size());
}

TEST_CASE("the run report's charts are the expected Vega-Lite specifications", "[unit][html]") {
    const auto& f = run_fixture();
    const auto charts = specs(html_report(*f.model, f.result));

    const Json& intraday = charts.at("intraday");
    CHECK(intraday["spec"]["mark"]["type"] == "line");
    CHECK(intraday["facet"]["field"] == "channel");
    REQUIRE(intraday["data"]["values"].size() > 0);
    double offered = 0;
    for (const Json& row : intraday["data"]["values"]) {
        CHECK(row["hour"].get<double>() >= 0);
        CHECK(row["hour"].get<double>() < 24);
        offered += row["offered"].get<double>();
    }
    CHECK(offered > 0);

    for (const char* id :
         {"service-level", "occupancy", "drivers", "cost-channels", "cost-teams"}) {
        INFO(id);
        const Json& spec = charts.at(id);
        REQUIRE(spec["layer"].size() >= 2);
        CHECK(spec["layer"][0]["mark"]["type"] == "bar");
        CHECK(spec["layer"][1]["mark"]["type"] == "rule");  // the confidence interval
        REQUIRE(spec["data"]["values"].size() > 0);
        for (const Json& row : spec["data"]["values"]) {
            CHECK(row["low"].get<double>() <= row["mean"].get<double>() + 1e-12);
            CHECK(row["mean"].get<double>() <= row["high"].get<double>() + 1e-12);
        }
    }
    // The service level chart marks each channel's target.
    const Json& sl = charts.at("service-level");
    CHECK(sl["layer"][2]["mark"]["type"] == "tick");
    CHECK(sl["data"]["values"][0]["target"] == 0.8);
    CHECK(sl["data"]["values"][0]["category"] == "\"quotes\" & ampersands");

    const Json& drivers = charts.at("drivers");
    CHECK(drivers["encoding"]["y"]["field"] == "category");  // horizontal bars
    CHECK(drivers["data"]["values"].size() == 9);

    const Json& ppd = charts.at("promoters");
    CHECK(ppd["encoding"]["x"]["stack"] == "normalize");
    CHECK(ppd["layer"][0]["mark"] == "bar");
    double shares = 0;
    for (const Json& row : ppd["data"]["values"])
        if (row["row"] == "all customers") shares += row["share"].get<double>();
    CHECK(shares == Approx(1.0));
}

TEST_CASE("names from the model are text, never markup", "[unit][html]") {
    const auto& f = run_fixture();
    const std::string html = html_report(*f.model, f.result);
    const std::string own = without_libraries(html);
    for (const char* raw : {kHostileName, "<img src=x", "<script>alert(4)", "<svg onload",
                            "</p><script>alert(7)", "</title><script>"}) {
        INFO(raw);
        CHECK(own.find(raw) == std::string::npos);
    }
    CHECK(own.find("<title>&lt;/script&gt;&lt;script&gt;window.journeysimInjected = 1; "
                   "alert(1)&lt;/script&gt;</title>") != std::string::npos);
    CHECK(own.find("&quot;quotes&quot; &amp; ampersands") != std::string::npos);
    // Inside the data islands the names are JSON with \u escapes and parse back unchanged.
    const auto charts = specs(html);
    bool found = false;
    for (const Json& row : charts.at("occupancy")["data"]["values"])
        found = found || row["category"] == "\"quotes\" & ampersands";
    CHECK(found);
    // Every <script> element is the page's own: data islands, the libraries and one script.
    for (const std::string& attributes : script_tags(html)) {
        INFO(attributes);
        CHECK((attributes.empty() ||
               attributes.starts_with(" type=\"application/json\" id=\"spec-") ||
               attributes.starts_with(" id=\"lib-")));
    }
}

TEST_CASE("the NPS histogram is drawn when the result has it", "[unit][html]") {
    const auto& f = run_fixture();
    Result result = f.result;
    // Known shares in place of the simulated ones.
    for (int s = 0; s <= 10; ++s) {
        const std::string path = fmt::format("/kpis/ltr_histogram/{}", s);
        const std::vector<double> values(result.replications, s == 8 ? 0.5 : 0.05);
        const auto& all = result.metrics();
        auto it =
            std::find_if(all.begin(), all.end(), [&](const Metric& m) { return m.path == path; });
        if (it != all.end()) {
            result.values(static_cast<std::size_t>(it - all.begin())) = values;
        } else {
            result.add(path, values);
        }
    }
    const auto charts = specs(html_report(*f.model, result));
    REQUIRE(charts.count("ltr-histogram") == 1);
    const Json& spec = charts.at("ltr-histogram");
    CHECK(spec["layer"][0]["mark"]["type"] == "bar");
    REQUIRE(spec["data"]["values"].size() == 11);
    CHECK(spec["data"]["values"][0]["group"] == "detractor");
    CHECK(spec["data"]["values"][7]["group"] == "passive");
    CHECK(spec["data"]["values"][10]["group"] == "promoter");
    CHECK(spec["data"]["values"][8]["mean"] == Approx(0.5));
    CHECK(spec["encoding"]["x"]["sort"].size() == 11);
}

TEST_CASE("the report can leave out the diagrams", "[unit][html]") {
    const auto& f = run_fixture();
    HtmlReportOptions options;
    options.diagrams = false;
    options.title = "My <title>";
    const std::string html = html_report(*f.model, f.result, options);
    CHECK(html.find("<div class=\"diagram\"") == std::string::npos);
    CHECK(html.find("<h1>My &lt;title&gt;</h1>") != std::string::npos);
}

TEST_CASE("a comparison report shows every scenario against the base", "[unit][html]") {
    const auto& f = compare_fixture();
    const std::string html = html_comparison_report(f.set, f.comparison);
    const std::string own = without_libraries(html);
    for (const char* id : {"headline", "journeys", "load", "nps", "volume", "cost", "tables"}) {
        INFO(id);
        CHECK(count(html, fmt::format("<section id=\"{}\">", id)) == 1);
    }
    CHECK(own.find("What-ifs &lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
    CHECK(own.find("Two more &lt;agents&gt;.") != std::string::npos);
    CHECK(own.find("chat &amp; co") != std::string::npos);
    // Headline cards: each scenario's difference of the four headline KPIs, with significance.
    CHECK(count(own, "<div class=\"card delta") == 2 * 4);
    CHECK(count(own, "<span class=\"badge sig\">significant</span>") +
              count(own, "<span class=\"badge ns\">not significant</span>") ==
          2 * 4);
    // Base and scenario diagrams of the journey; the added channel is marked in the scenario's.
    CHECK(count(own, "<div class=\"diagram\" id=\"diagram-") == 3);
    CHECK(own.find("+ new Chat &lt;i&gt;") != std::string::npos);

    const auto charts = specs(html);
    const Json& volume = charts.at("volume");
    CHECK(volume["encoding"]["yOffset"]["field"] == "variant");
    bool chat = false;
    for (const Json& row : volume["data"]["values"]) {
        CHECK(row["variant"] != "base");
        if (row["category"] == "Chat <i>") {
            chat = true;
            CHECK(row["variant"] == "chat & co");
            CHECK(row["mean"].get<double>() > 0);  // all of an added channel's contacts are new
        }
    }
    CHECK(chat);
    // Every variant appears in the grouped bar charts, in a fixed colour order.
    const Json& sl = charts.at("service-level");
    CHECK(sl["encoding"]["xOffset"]["field"] == "variant");
    CHECK(sl["layer"][0]["encoding"]["color"]["scale"]["domain"] ==
          Json({"base", "more agents", "chat & co"}));
    const Json& intraday = charts.at("intraday");
    CHECK(intraday["spec"]["encoding"]["color"]["field"] == "variant");
}

TEST_CASE("without interval statistics the intraday chart gives way to a note", "[unit][html]") {
    const auto& f = run_fixture();
    Result result = f.result;
    result.intervals.clear();
    const std::string html = html_report(*f.model, result);
    CHECK(specs(html).count("intraday") == 0);
    CHECK(html.find("The intraday load needs per-interval statistics") != std::string::npos);
    CHECK(html.find("<section id=\"load\">") != std::string::npos);
}

TEST_CASE("a comparison report marks the employee steps a scenario changed", "[unit][html]") {
    const fs::path dir = fs::path(JOURNEYSIM_BINARY_DIR) / "test-scratch" / "html-report-steps";
    fs::create_directories(dir);
    // The hostile model with an employee journey behind its contact.
    std::ostringstream read;
    read << std::ifstream(kHostile, std::ios::binary).rdbuf();
    const std::string hostile = read.str();
    std::ofstream(dir / "base.json", std::ios::binary) << apply_changes(hostile, R"json([
      {"op": "add", "path": "/employee_journeys", "value": {
        "handling<script>": {
          "label": "Handling <b>calls</b>",
          "for": {"journey": "<script>alert(6)</script>", "touchpoint": "call"},
          "start": "identify",
          "steps": {
            "identify": {"label": "Identifies", "duration": {"dist": "constant", "value_min": 1},
                         "next": "diagnose"},
            "diagnose": {"label": "Diagnoses", "duration": {"dist": "constant", "value_min": 4},
                         "next": [{"to": "fixed", "p": 0.6}, {"to": "recheck", "p": 0.2},
                                  {"to": "not_fixed", "p": 0.2}]},
            "recheck": {"label": "Rechecks <u>twice</u>",
                        "duration": {"dist": "constant", "value_min": 2}, "next": "fixed"},
            "fixed": {"kind": "end", "fixed": true},
            "not_fixed": {"kind": "end", "fixed": false}
          }
        }
      }}
    ])json");
    const std::string text = R"json({
      "journeysim_scenarios": 1,
      "base": "base.json",
      "scenarios": {
        "mandate": {"changes": [
          {"op": "replace", "path": "/employee_journeys/handling<script>/steps/diagnose/label",
           "value": "Diagnoses </p><script>alert(9)</script>"},
          {"op": "replace", "path": "/employee_journeys/handling<script>/steps/diagnose/next",
           "value": [{"to": "fixed", "p": 0.7}, {"to": "credit", "p": 0.2},
                     {"to": "not_fixed", "p": 0.1}]},
          {"op": "add", "path": "/employee_journeys/handling<script>/steps/credit",
           "value": {"label": "Grants a credit & more", "duration": {"dist": "constant", "value_min": 1},
                     "next": "fixed"}},
          {"op": "remove", "path": "/employee_journeys/handling<script>/steps/recheck"}
        ]},
        "renamed": {"changes": [
          {"op": "replace", "path": "/employee_journeys/handling<script>/label",
           "value": "Handling <i>all</i> calls"}
        ]}
      }
    })json";
    const ScenarioSet set = load_scenarios_text(text, dir / "whatifs.json");
    CompareOptions options;
    options.simulation.replications = 2;
    options.simulation.seed = 7;
    options.simulation.threads = 1;
    const Comparison comparison = compare(set, options);
    const std::string own = without_libraries(html_comparison_report(set, comparison));

    CHECK(own.find("<script>alert(9)") == std::string::npos);
    CHECK(own.find("<u>twice") == std::string::npos);
    // The employee panel says what the scenario changed, in the diagrams' words and colours.
    CHECK(own.find("<span class=\"mark changed\">\u270e Diagnoses &lt;/p&gt;&lt;script&gt;"
                   "alert(9)&lt;/script&gt;</span>") != std::string::npos);
    CHECK(own.find("<span class=\"mark added\">+ Grants a credit &amp; more</span>") !=
          std::string::npos);
    CHECK(own.find("<span class=\"mark removed\"><s>Rechecks &lt;u&gt;twice&lt;/u&gt;</s> "
                   "removed</span>") != std::string::npos);
    CHECK(own.find("mandate \u00b7 <b>Handling &lt;b&gt;calls&lt;/b&gt;</b>") != std::string::npos);
    // Renaming the employee journey changes it as a whole, not its steps.
    CHECK(own.find("renamed \u00b7 <b>Handling &lt;i&gt;all&lt;/i&gt; calls</b>: <span "
                   "class=\"mark changed\">\u270e changed</span></p>") != std::string::npos);
    // The base's diagram has no marks; the first scenario's marks the three steps, the second's
    // the lane's title.
    const auto base_diagram = own.find("<div class=\"diagram\" id=\"diagram-0\">");
    const auto scenario_diagram = own.find("<div class=\"diagram\" id=\"diagram-1\">");
    const auto renamed_diagram = own.find("<div class=\"diagram\" id=\"diagram-2\">");
    REQUIRE(base_diagram != std::string::npos);
    REQUIRE(scenario_diagram != std::string::npos);
    REQUIRE(renamed_diagram != std::string::npos);
    const std::string base_svg = own.substr(base_diagram, scenario_diagram - base_diagram);
    const std::string scenario_svg =
        own.substr(scenario_diagram, renamed_diagram - scenario_diagram);
    const std::string renamed_svg = own.substr(renamed_diagram);
    CHECK(base_svg.find("changed") == std::string::npos);
    CHECK(count(renamed_svg, ">\u270e changed<") == 1);
    const auto lane = renamed_svg.find("<title>cluster_j0_e0</title>");
    REQUIRE(lane != std::string::npos);
    CHECK(renamed_svg.find(">\u270e changed<", lane) < renamed_svg.find("</g>", lane));
    CHECK(count(scenario_svg, ">\u270e changed<") == 1);
    CHECK(count(scenario_svg, ">+ added<") == 1);
    CHECK(scenario_svg.find("removed step recheck") != std::string::npos);  // the ghost's tooltip
    CHECK(scenario_svg.find(">Grants a credit &amp; more<") != std::string::npos);
}

TEST_CASE("long names are shortened in the report and given in full once", "[unit][html]") {
    const auto& f = run_fixture();
    Model model = *f.model;
    // 10,000 characters each; both channels' labels agree in their first 9,999.
    const std::string prefix(9999, 'x');
    model.name = "Model " + std::string(9994, 'n');
    model.channels.at(0).label = prefix + "1";
    model.channels.at(1).label = prefix + "2";
    model.journeys.at(0).label = std::string(10000, 'j');
    model.journeys.at(0).touchpoints.at(0).label = std::string(10000, 't');
    model.teams.at(0).label = std::string(10000, 'a');
    const std::string html = html_report(model, f.result);
    const std::string own = without_libraries(html);

    // Each full name: in the "Names in full" table, and at most twice more (the heading's or
    // the diagram's tooltip); a report that repeats names grows with every chart instead.
    CHECK(own.find("<h3>Names in full</h3>") != std::string::npos);
    for (const std::string& name :
         {model.name, model.channels[0].label, model.channels[1].label, model.journeys[0].label,
          model.journeys[0].touchpoints[0].label, model.teams[0].label}) {
        INFO(name.substr(0, 12));
        CHECK(count(own, name) >= 1);
        CHECK(count(own, name) <= 3);
    }
    const std::size_t long_names = 6 * 10000;
    const std::string plain = without_libraries(html_report(*f.model, f.result));
    CHECK(own.size() < plain.size() + 3 * long_names);

    // Shown as their first 80 characters and an ellipsis; names that agree there stay apart.
    const std::string shown = std::string(80, 'x') + "\u2026";
    CHECK(count(own, "<tr><th>" + shown + " \u00b7 offered</th>") == 1);
    CHECK(count(own, "<tr><th>" + shown + " (2) \u00b7 offered</th>") == 1);
    CHECK(own.find("<h1><span title=\"Model nnn") != std::string::npos);
}

TEST_CASE("the report lists the model's and the run's warnings and marks the biased figures",
          "[unit][html][warnings]") {
    // One agent for 2 Erlangs on a line open around the clock: the team is saturated.
    const std::string text = R"({"journeysim": 1, "name": "swamped",
      "horizon": {"days": 3, "warmup_days": 1},
      "channels": {"phone": {"mode": "live", "team": "agents",
                             "handle_time": {"dist": "exponential", "mean_min": 4}}},
      "teams": {"agents": {"schedule": [{"hours": "mon-fri 08:00-18:00", "agents": 1}],
                           "skills": ["phone"]}},
      "segments": {"all": {"share": 1, "baseline_ltr": {"dist": "constant", "value": 7}}},
      "journeys": {"ask": {"arrivals": {"per_day": 720}, "start": "call",
        "touchpoints": {"call": {"kind": "contact", "channels": ["phone"], "on_fixed": "done"},
                        "done": {"kind": "end", "outcome": "resolved"}}}}})";
    const auto loaded = load_model_text(text, "swamped.json");
    REQUIRE_FALSE(loaded.warnings.empty());  // the phone is open while nobody is on duty
    SimulationOptions o;
    o.replications = 2;
    const Result result = simulate(loaded.model, o);
    REQUIRE_FALSE(result.warnings.empty());
    HtmlReportOptions options;
    options.warnings = loaded.warnings;
    const std::string html = html_report(*loaded.model, result, options);
    CHECK(count(html, "<section id=\"warnings\">") == 1);
    CHECK(html.find("is open while nobody who serves it is on duty") != std::string::npos);
    CHECK(html.find("team &quot;agents&quot; is busy") != std::string::npos);
    CHECK(html.find("Biased figures") != std::string::npos);
    CHECK(count(html, "class=\"biased\"") >= 3);  // the phone's waits in the tables
    // A run without warnings has no such section.
    const auto& f = run_fixture();
    CHECK(html_report(*f.model, f.result).find("<section id=\"warnings\">") == std::string::npos);
}
