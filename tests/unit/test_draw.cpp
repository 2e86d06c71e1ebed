// Journey diagrams rendered through Graphviz: formats, content, escaping, employee lanes.

#include <journeysim/detail/markup.hpp>
#include <journeysim/draw.hpp>
#include <journeysim/load.hpp>

#include <cgraph.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using namespace journeysim;

namespace {

Distribution minutes(DistKind kind, double mean, TimeUnit unit = TimeUnit::Minutes) {
    Distribution d;
    d.kind = kind;
    d.unit = unit;
    d.mean = mean;
    d.sd = mean / 2;
    return d;
}

Channel channel(std::string id, std::string label, ChannelMode mode, Index team) {
    Channel c;
    c.id = std::move(id);
    c.label = std::move(label);
    c.mode = mode;
    c.team = team;
    if (mode == ChannelMode::SelfService) {
        c.success_rate = 0.35;
    } else {
        c.handle_time = minutes(DistKind::Lognormal, 7);
    }
    return c;
}

Touchpoint touchpoint(std::string id, std::string label, TouchpointKind kind) {
    Touchpoint t;
    t.id = std::move(id);
    t.label = std::move(label);
    t.kind = kind;
    return t;
}

EmployeeStep step(std::string id, std::string label, StepKind kind, std::vector<Transition> next,
                  double duration_min = 0) {
    EmployeeStep s;
    s.id = std::move(id);
    s.label = std::move(label);
    s.kind = kind;
    s.next = std::move(next);
    if (duration_min > 0) s.duration = minutes(DistKind::Lognormal, duration_min);
    return s;
}

// Indices used below.
constexpr Index kPhone = 0, kWhatsapp = 1, kEmail = 2, kStatusPage = 3;
constexpr Index kFrontline = 0, kBackoffice = 1;
constexpr Index kDigital = 0, kTraditional = 1;
// Outage journey touchpoints.
constexpr Index kNotice = 0, kStatus = 1, kContact = 2, kTriage = 3, kWaitRepair = 4, kRepaired = 5,
                kGaveUp = 6, kChurned = 7;

/// A broadband provider's outage journey (every touchpoint kind, a conditional branch) and a
/// billing journey; one employee journey bound to the outage contact, one bound to e-mail only.
Model sample_model() {
    Model m;
    m.name = "Broadband provider";
    m.file = "sample.json";
    m.channels = {channel("phone", "Phone", ChannelMode::Live, kFrontline),
                  channel("whatsapp", "WhatsApp", ChannelMode::Messaging, kFrontline),
                  channel("email", "E-mail", ChannelMode::Async, kBackoffice),
                  channel("status_page", "Status page", ChannelMode::SelfService, kNone)};
    Team frontline;
    frontline.id = "frontline";
    frontline.label = "Frontline";
    Team backoffice;
    backoffice.id = "backoffice";
    backoffice.label = "Back office";
    m.teams = {frontline, backoffice};
    Segment digital;
    digital.id = "digital";
    digital.label = "Digital";
    Segment traditional;
    traditional.id = "traditional";
    traditional.label = "Traditional";
    m.segments = {digital, traditional};

    Journey outage;
    outage.id = "outage";
    outage.label = "Outage";
    outage.arrivals.per_day = 1800;
    outage.arrivals.segment_mix = {0.5, 0.5};
    outage.start = kNotice;
    Touchpoint notice = touchpoint("notice", "Notices the outage", TouchpointKind::Step);
    notice.experience = -1.0;
    notice.next = {{kStatus, 0.4}, {kContact, 0.6}};
    Touchpoint status = touchpoint("status", "Checks status page", TouchpointKind::SelfService);
    status.channel = kStatusPage;
    status.on_success = kWaitRepair;
    status.on_fail = kContact;
    Touchpoint contact = touchpoint("contact", "Contacts provider", TouchpointKind::Contact);
    contact.channels = {kPhone, kWhatsapp, kEmail};
    contact.on_fixed = kTriage;
    contact.on_not_fixed = kContact;  // the defaults: a repeat contact
    contact.on_abandon = kContact;
    contact.max_attempts = 4;
    contact.on_give_up = kGaveUp;
    Touchpoint triage = touchpoint("triage", "Needs a visit?", TouchpointKind::Branch);
    BranchRule by_segment;
    by_segment.when.segment = kDigital;
    by_segment.to = kWaitRepair;
    BranchRule by_contacts;
    by_contacts.when.contacts_at_least = 2;
    by_contacts.to = kChurned;
    triage.rules = {by_segment, by_contacts};
    triage.next = {{kRepaired, 1.0}};
    Touchpoint wait = touchpoint("wait_repair", "Waits for repair", TouchpointKind::Step);
    wait.duration = minutes(DistKind::Gamma, 360, TimeUnit::Hours);
    wait.next = {{kRepaired, 1.0}};
    Touchpoint repaired = touchpoint("repaired", "Repaired", TouchpointKind::End);
    repaired.outcome = Outcome::Resolved;
    Touchpoint gave_up = touchpoint("gave_up", "Gave up", TouchpointKind::End);
    gave_up.outcome = Outcome::Unresolved;
    Touchpoint churned = touchpoint("churned", "Left for a competitor", TouchpointKind::End);
    churned.outcome = Outcome::Churned;
    outage.touchpoints = {notice, status, contact, triage, wait, repaired, gave_up, churned};

    Journey billing;
    billing.id = "billing";
    billing.label = "Billing question";
    billing.arrivals.per_day = 250;
    billing.start = 0;
    Touchpoint ask = touchpoint("ask", "Asks about the bill", TouchpointKind::Contact);
    ask.channels = {kEmail};
    ask.on_fixed = 1;
    ask.on_not_fixed = 0;
    ask.on_abandon = 0;
    Touchpoint answered = touchpoint("answered", "Answered", TouchpointKind::End);
    billing.touchpoints = {ask, answered};
    m.journeys = {outage, billing};

    EmployeeJourney call;
    call.id = "outage_call";
    call.label = "Outage call";
    call.binding.journey = 0;
    call.binding.touchpoint = kContact;
    call.binding.channels = {kPhone, kWhatsapp};
    call.start = 0;
    call.steps = {
        step("identify", "Identify customer", StepKind::Step, {{1, 1.0}}, 1.5),
        step("diagnose", "Diagnose line", StepKind::Step, {{3, 0.7}, {2, 0.2}, {4, 0.1}}, 4),
        step("plan_visit", "Plan a visit", StepKind::Handoff, {{3, 1.0}}, 10),
        step("fixed", "Solved", StepKind::End, {}),
        step("not_fixed", "Unsolved", StepKind::End, {})};
    call.steps[2].team = kBackoffice;
    call.steps[2].work = "field_planning";
    call.steps[3].fixed = true;
    EmployeeJourney mail;
    mail.id = "mail";
    mail.label = "E-mail handling";
    mail.binding.channels = {kEmail};  // by channel only: every contact offering e-mail
    mail.start = 0;
    mail.steps = {step("read", "Read the mail", StepKind::Step, {{1, 1.0}}, 3),
                  step("reply", "Reply", StepKind::End, {})};
    mail.steps[1].fixed = true;
    m.employee_journeys = {call, mail};
    return m;
}

std::size_t count(std::string_view text, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string_view::npos;
         at = text.find(needle, at + needle.size()))
        ++n;
    return n;
}

/// A small well-formedness check for the SVG that Graphviz writes: every element closed in
/// order, one root `svg` element, no stray `<` or `&` in text or attribute values.
/// Returns an empty string when well formed, else what is wrong.
std::string xml_problem(std::string_view xml) {
    std::vector<std::string> open;
    bool seen_root = false;
    std::size_t i = 0;
    auto check_text = [](std::string_view text) -> std::string {
        for (std::size_t k = 0; k < text.size(); ++k) {
            if (text[k] == '<') return "stray '<'";
            if (text[k] == '&') {
                const auto semi = text.find(';', k);
                if (semi == std::string_view::npos || semi - k > 10) return "stray '&'";
                const auto name = text.substr(k + 1, semi - k - 1);
                const bool known = name == "amp" || name == "lt" || name == "gt" ||
                                   name == "quot" || name == "apos" ||
                                   (!name.empty() && name[0] == '#');
                if (!known) return "unknown entity &" + std::string(name) + ";";
            }
        }
        return {};
    };
    while (i < xml.size()) {
        const auto lt = xml.find('<', i);
        if (auto p = check_text(xml.substr(i, lt - i)); !p.empty()) return p;
        if (lt == std::string_view::npos) break;
        if (xml.substr(lt, 4) == "<!--") {
            const auto end = xml.find("-->", lt);
            if (end == std::string_view::npos) return "unclosed comment";
            i = end + 3;
            continue;
        }
        const auto gt = xml.find('>', lt);
        if (gt == std::string_view::npos) return "unclosed tag";
        std::string_view tag = xml.substr(lt + 1, gt - lt - 1);
        i = gt + 1;
        if (tag.starts_with('?') || tag.starts_with('!')) continue;
        if (tag.starts_with('/')) {
            if (open.empty() || open.back() != tag.substr(1))
                return "mismatched </" + std::string(tag.substr(1)) + ">";
            open.pop_back();
            continue;
        }
        const bool self_closing = tag.ends_with('/');
        const std::string name(tag.substr(0, tag.find_first_of(" \t\n/")));
        // Attribute values must not contain '<' (the text check covers '&').
        std::size_t q = tag.find('"');
        while (q != std::string_view::npos) {
            const auto q_end = tag.find('"', q + 1);
            if (q_end == std::string_view::npos) return "unclosed attribute in <" + name + ">";
            if (auto p = check_text(tag.substr(q + 1, q_end - q - 1)); !p.empty()) return p;
            q = tag.find('"', q_end + 1);
        }
        if (open.empty()) {
            if (seen_root) return "second root element <" + name + ">";
            if (name != "svg") return "root element is <" + name + ">";
            seen_root = true;
        }
        if (!self_closing) open.push_back(name);
    }
    if (!seen_root) return "no root element";
    if (!open.empty()) return "unclosed <" + open.back() + ">";
    return {};
}

/// Text as Graphviz writes it in SVG: markup-escaped, quotes too, and `-` as `&#45;`.
std::string svg_text(std::string_view text) {
    std::string out;
    for (char c : journeysim::detail::escape_markup(text)) {
        if (c == '-') {
            out += "&#45;";
        } else {
            out += c;
        }
    }
    return out;
}

/// The baseline of the first text drawn for node `name` (SVG y grows downwards).
double text_y(const std::string& svg, const std::string& name) {
    const auto title = svg.find("<title>" + name + "</title>");
    if (title == std::string::npos) return -1e9;
    const auto text = svg.find("<text ", title);
    const auto y = svg.find(" y=\"", text);
    return std::stod(svg.substr(y + 4, 20));
}

struct GraphDeleter {
    void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphDeleter>;

/// Parses DOT text with cgraph, as any Graphviz tool would.
GraphPtr parse_dot(const std::string& dot) {
    return GraphPtr(agmemread(dot.c_str()));
}

std::string node_attribute(Agraph_t* g, const char* node, const char* attribute) {
    Agnode_t* n = agnode(g, const_cast<char*>(node), 0);
    if (!n) return "<no node>";
    const char* value = agget(n, const_cast<char*>(attribute));
    return value ? value : "<no attribute>";
}

}  // namespace

TEST_CASE("draw: diagram_format_for picks the format from the extension", "[unit][draw]") {
    CHECK(diagram_format_for("out.svg") == DiagramFormat::Svg);
    CHECK(diagram_format_for("dir.v2/OUT.PNG") == DiagramFormat::Png);
    CHECK(diagram_format_for("out.dot") == DiagramFormat::Dot);
    CHECK(diagram_format_for("out.gv") == DiagramFormat::Dot);
    CHECK_FALSE(diagram_format_for("out.pdf").has_value());
    CHECK_FALSE(diagram_format_for("svg").has_value());
}

TEST_CASE("draw: an SVG diagram is well formed and shows every touchpoint", "[unit][draw]") {
    const Model model = sample_model();
    const std::string svg = render_diagram(model, {}, DiagramFormat::Svg);

    REQUIRE(svg.starts_with("<?xml"));
    REQUIRE(svg.find("<svg") != std::string::npos);
    REQUIRE(svg.ends_with("</svg>\n"));
    CHECK(xml_problem(svg).empty());
    CHECK(xml_problem(svg) == "");

    // One node group per touchpoint, per journey entry, per employee step (the e-mail lane is
    // drawn in both journeys) and the legend.
    const std::size_t touchpoints = 8 + 2, entries = 2, steps = 5 + 2 * 2, legend = 1;
    CHECK(count(svg, "<g id=\"node") == touchpoints + entries + steps + legend);
    for (const Journey& journey : model.journeys) {
        CHECK(svg.find(">" + journey.label + "</text>") != std::string::npos);
        for (const Touchpoint& tp : journey.touchpoints)
            CHECK(svg.find(">" + tp.label + "</text>") != std::string::npos);
    }
    CHECK(svg.find("1,800 customers per day") != std::string::npos);
    CHECK(svg.find("250 customers per day") != std::string::npos);
    // Details shown on the touchpoints.
    CHECK(svg.find("Status page · success 35%") != std::string::npos);
    CHECK(svg.find("6.0 h") != std::string::npos);
    CHECK(svg.find("LTR −1.0") != std::string::npos);
    CHECK(svg.find(">Digital 50%<") != std::string::npos);
}

TEST_CASE("draw: contacts list their channels with the mode", "[unit][draw]") {
    const std::string svg = render_diagram(sample_model(), {}, DiagramFormat::Svg);
    for (const char* row :
         {">Phone<", ">WhatsApp<", ">E&#45;mail<", "> · live<", "> · messaging<", "> · async<"})
        CHECK(svg.find(row) != std::string::npos);
}

TEST_CASE("draw: edges are labelled with probabilities, outcomes and conditions", "[unit][draw]") {
    const std::string svg = render_diagram(sample_model(), {}, DiagramFormat::Svg);
    for (const char* label :
         {">40%<", ">60%<", ">success<", ">fail<", ">fixed<", ">not fixed<", ">abandoned<",
          ">gave up (after 4 attempts)<", ">1. segment = Digital<", ">2. contacts ≥ 2<",
          ">otherwise<", ">handled by<", ">70%<", ">20%<", ">10%<"})
        CHECK(svg.find(label) != std::string::npos);

    // The contact's default "not fixed" and "abandoned" moves are one self-loop.
    const std::string dot = render_diagram(sample_model(), {}, DiagramFormat::Dot);
    const GraphPtr g = parse_dot(dot);
    REQUIRE(g);
    Agnode_t* contact = agnode(g.get(), const_cast<char*>("j0_t2"), 0);
    REQUIRE(contact);
    Agedge_t* loop = agedge(g.get(), contact, contact, nullptr, 0);
    REQUIRE(loop);
    CHECK(std::string(agget(loop, const_cast<char*>("label"))) == "not fixed\\nabandoned");
}

TEST_CASE("draw: a PNG diagram is PNG data", "[unit][draw]") {
    const std::string png = render_diagram(sample_model(), {}, DiagramFormat::Png);
    REQUIRE(png.size() > 1000);
    CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    CHECK(png.substr(12, 4) == "IHDR");
    CHECK(png.substr(png.size() - 8, 4) == "IEND");
}

TEST_CASE("draw: DOT output names every node and parses again", "[unit][draw]") {
    const Model model = sample_model();
    const std::string dot = render_diagram(model, {}, DiagramFormat::Dot);
    CHECK(dot.find("pos=") == std::string::npos);                // no layout: ready to be edited
    CHECK(dot.find("\tj0_t2 -> j0_t3\t") != std::string::npos);  // plain names, not <j0_t2>

    const GraphPtr g = parse_dot(dot);
    REQUIRE(g);
    CHECK(agisdirected(g.get()));
    CHECK(agnnodes(g.get()) == 8 + 2 + 2 + 5 + 2 * 2 + 1);
    for (Index j = 0; j < model.journeys.size(); ++j) {
        for (Index t = 0; t < model.journeys[j].touchpoints.size(); ++t) {
            const std::string name = "j" + std::to_string(j) + "_t" + std::to_string(t);
            INFO(name);
            CHECK(node_attribute(g.get(), name.c_str(), "label")
                      .find(model.journeys[j].touchpoints[t].label) != std::string::npos);
        }
    }
    CHECK(node_attribute(g.get(), "j0_t3", "shape") == "diamond");
    CHECK(node_attribute(g.get(), "j0_t5", "peripheries") == "2");
    CHECK(agsubg(g.get(), const_cast<char*>("cluster_j0"), 0) != nullptr);
    CHECK(agsubg(g.get(), const_cast<char*>("cluster_j1"), 0) != nullptr);
}

TEST_CASE("draw: the palette names every element's colours and the diagram uses them",
          "[unit][draw]") {
    auto is_colour = [](const std::string& c) {
        return c.size() == 7 && c[0] == '#' &&
               std::all_of(c.begin() + 1, c.end(), [](char h) { return std::isxdigit(h) != 0; });
    };
    for (const char* element :
         {"arrivals", "step", "self-service", "contact", "branch", "resolved", "unresolved",
          "churned", "employee", "hand-off", "journey", "lane"}) {
        INFO(element);
        CHECK(is_colour(diagram_colours(element).fill));
        CHECK(is_colour(diagram_colours(element).line));
    }
    for (const char* name : {"ink", "muted", "abandoned", "effect-negative", "effect-neutral",
                             "effect-positive", "added", "changed", "removed"}) {
        INFO(name);
        CHECK(is_colour(diagram_colour(name)));
    }
    CHECK_THROWS_AS(diagram_colours("no such element"), std::out_of_range);
    CHECK_THROWS_AS(diagram_colour("step"), std::out_of_range);  // an element, not a colour

    // The nodes are painted from the palette: a branch (j0_t3) and a resolved end (j0_t5).
    const GraphPtr g = parse_dot(render_diagram(sample_model(), {}, DiagramFormat::Dot));
    REQUIRE(g);
    CHECK(node_attribute(g.get(), "j0_t3", "fillcolor") == diagram_colours("branch").fill);
    CHECK(node_attribute(g.get(), "j0_t3", "color") == diagram_colours("branch").line);
    CHECK(node_attribute(g.get(), "j0_t5", "fillcolor") == diagram_colours("resolved").fill);
}

TEST_CASE("draw: the journey option draws one journey", "[unit][draw]") {
    const Model model = sample_model();
    DrawOptions options;
    options.journey = "billing";
    const std::string svg = render_diagram(model, options, DiagramFormat::Svg);
    CHECK(svg.find(">Asks about the bill<") != std::string::npos);
    CHECK(svg.find(">Notices the outage<") == std::string::npos);
    CHECK(svg.find(">Phone<") == std::string::npos);  // not in the legend either
    CHECK(count(svg, "<g id=\"node") == 2 + 1 + 2 + 1);
}

TEST_CASE("draw: an unknown journey is an input error naming it", "[unit][draw]") {
    const Model model = sample_model();
    DrawOptions options;
    options.journey = "a/b~c";
    try {
        render_diagram(model, options, DiagramFormat::Svg);
        FAIL("no error thrown");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        const Diagnostic& d = e.diagnostics().front();
        CHECK(d.severity == Severity::Error);
        CHECK(d.file == "sample.json");
        CHECK(d.pointer == "/journeys/a~1b~0c");
        CHECK(d.message == "unknown journey \"a/b~c\"");
        CHECK(d.hint == "known journeys: outage, billing");
        CHECK(e.exit_code() == kExitInputError);
    }
}

TEST_CASE("draw: employee journeys are drawn as lanes under the contacts they serve",
          "[unit][draw]") {
    const Model model = sample_model();
    const std::string svg = render_diagram(model, {}, DiagramFormat::Svg);
    for (const char* text :
         {">Identify customer<", ">Diagnose line<", ">Solved<", ">Unsolved<", ">1.5 min<",
          ">4.0 min<", ">↪ Plan a visit<", ">handoff to Back office · field_planning<",
          ">10.0 min<", ">Read the mail<", "> (team Frontline)<", "> (team Back office)<"})
        CHECK(svg.find(text) != std::string::npos);
    CHECK(count(svg, ">employee journey: <") == 3);
    CHECK(count(svg, ">Outage call<") == 1);
    // The e-mail lane is bound by channel: once in each journey with a contact offering e-mail.
    CHECK(count(svg, ">E&#45;mail handling<") == 2);
    // The outage contact offers three channels; each lane names the ones it handles.
    CHECK(svg.find(">Phone, WhatsApp<") != std::string::npos);

    const GraphPtr g = parse_dot(render_diagram(model, {}, DiagramFormat::Dot));
    REQUIRE(g);
    Agraph_t* outage = agsubg(g.get(), const_cast<char*>("cluster_j0"), 0);
    REQUIRE(outage);
    CHECK(agsubg(outage, const_cast<char*>("cluster_j0_e0"), 0) != nullptr);
    CHECK(agsubg(outage, const_cast<char*>("cluster_j0_e1"), 0) != nullptr);
    Agraph_t* billing = agsubg(g.get(), const_cast<char*>("cluster_j1"), 0);
    REQUIRE(billing);
    CHECK(agsubg(billing, const_cast<char*>("cluster_j1_e0"), 0) == nullptr);
    CHECK(agsubg(billing, const_cast<char*>("cluster_j1_e1"), 0) != nullptr);
    // A dashed "handled by" edge runs from the contact to the lane's first step.
    Agedge_t* handled = agedge(g.get(), agnode(g.get(), const_cast<char*>("j0_t2"), 0),
                               agnode(g.get(), const_cast<char*>("j0_e0_s0"), 0), nullptr, 0);
    REQUIRE(handled);
    CHECK(std::string(agget(handled, const_cast<char*>("style"))) == "dashed");
    CHECK(node_attribute(g.get(), "j0_e0_s2", "style").find("dashed") != std::string::npos);

    // Lanes sit beneath the contact they serve.
    CHECK(text_y(svg, "j0_e0_s0") > text_y(svg, "j0_t2"));
    CHECK(text_y(svg, "j0_e1_s0") > text_y(svg, "j0_t2"));
    CHECK(text_y(svg, "j1_e1_s0") > text_y(svg, "j1_t0"));

    DrawOptions no_lanes;
    no_lanes.employee_lanes = false;
    const std::string plain = render_diagram(model, no_lanes, DiagramFormat::Svg);
    CHECK(plain.find("employee journey") == std::string::npos);
    CHECK(plain.find(">Identify customer<") == std::string::npos);
}

TEST_CASE("draw: user text is escaped wherever it appears", "[unit][draw]") {
    Model model = sample_model();
    model.journeys[0].label = "<script>alert(1)</script>";
    model.journeys[0].touchpoints[kNotice].label = "Tom & \"Jerry\" 'n' co";
    model.journeys[0].touchpoints[kStatus].label = R"(a\nb \N \G)";
    model.journeys[0].touchpoints[kContact].label = "&lt;b&gt; stays text";
    model.channels[kPhone].label = "<b>Phone</b>";
    model.segments[kDigital].label = R"(Digital \l <i>&amp;)";
    model.teams[kFrontline].label = "Front & <line>";
    model.employee_journeys[0].steps[0].label = "Step ]]> --> <!--";
    model.journeys[0].touchpoints[kWaitRepair].id = "wait\x01repair";
    model.journeys[0].touchpoints[kGaveUp].id = R"(gave<up> & "\N")";

    const std::string svg = render_diagram(model, {}, DiagramFormat::Svg);
    CHECK(xml_problem(svg) == "");
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("<b>") == std::string::npos);
    CHECK(svg.find("<i>") == std::string::npos);
    CHECK(svg.find("<line>") == std::string::npos);
    CHECK(svg.find('\x01') == std::string::npos);
    CHECK(svg.find(">&lt;script&gt;alert(1)&lt;/script&gt;<") != std::string::npos);
    CHECK(svg.find(">Tom &amp; &quot;Jerry&quot; &#39;n&#39; co<") != std::string::npos);
    CHECK(svg.find(R"(>a\nb \N \G<)") != std::string::npos);
    CHECK(svg.find(">&amp;lt;b&amp;gt; stays text<") != std::string::npos);
    CHECK(svg.find(">&lt;b&gt;Phone&lt;/b&gt;<") != std::string::npos);
    CHECK(svg.find(R"(>1. segment = Digital \l &lt;i&gt;&amp;amp;<)") != std::string::npos);
    CHECK(svg.find(R"(>Digital \l &lt;i&gt;&amp;amp; 50%<)") != std::string::npos);
    CHECK(svg.find("Front &amp; &lt;line&gt;") != std::string::npos);
    CHECK(svg.find(">Step ]]&gt; &#45;&#45;&gt; &lt;!&#45;&#45;<") != std::string::npos);
    // Tooltips name the ids.
    CHECK(svg.find(R"x(xlink:title="touchpoint wait repair (step)")x") != std::string::npos);
    CHECK(svg.find(R"x(xlink:title="touchpoint gave&lt;up&gt; &amp; &quot;\N&quot; (end)")x") !=
          std::string::npos);

    const std::string dot = render_diagram(model, {}, DiagramFormat::Dot);
    const GraphPtr g = parse_dot(dot);
    REQUIRE(g);
    CHECK(agnnodes(g.get()) == 8 + 2 + 2 + 5 + 2 * 2 + 1);
    CHECK(node_attribute(g.get(), "j0_t1", "label").find(R"(a\\nb \\N \\G)") != std::string::npos);
    CHECK(node_attribute(g.get(), "j0_t1", "tooltip") == "touchpoint status (self_service)");
}

TEST_CASE("draw: diagrams can be rendered from several threads", "[unit][draw]") {
    const Model model = sample_model();
    const std::string expected = render_diagram(model, {}, DiagramFormat::Svg);
    std::vector<std::future<std::string>> results;
    for (int i = 0; i < 4; ++i) {
        results.push_back(std::async(std::launch::async, [&model] {
            return render_diagram(model, {}, DiagramFormat::Svg);
        }));
    }
    for (auto& result : results)
        CHECK(result.get() == expected);
}

TEST_CASE("draw: every example model draws", "[unit][draw]") {
    namespace fs = std::filesystem;
    std::size_t drawn = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(JOURNEYSIM_SOURCE_DIR) / "examples")) {
        if (entry.path().extension() != ".json") continue;
        if (read_input_file(entry.path()).find("\"journeysim_scenarios\"") != std::string::npos)
            continue;
        INFO(entry.path().string());
        const LoadedModel loaded = load_model_file(entry.path());
        const Model& model = *loaded.model;

        const std::string svg = render_diagram(model, {}, DiagramFormat::Svg);
        CHECK(xml_problem(svg) == "");
        for (const Journey& journey : model.journeys) {
            for (const Touchpoint& tp : journey.touchpoints)
                CHECK(svg.find(">" + svg_text(tp.label.empty() ? tp.id : tp.label) + "<") !=
                      std::string::npos);
        }
        const GraphPtr g = parse_dot(render_diagram(model, {}, DiagramFormat::Dot));
        REQUIRE(g);
        std::size_t touchpoints = 0;
        for (const Journey& journey : model.journeys)
            touchpoints += journey.touchpoints.size();
        CHECK(static_cast<std::size_t>(agnnodes(g.get())) > touchpoints + model.journeys.size());
        ++drawn;
    }
    CHECK(drawn >= 1);
}
