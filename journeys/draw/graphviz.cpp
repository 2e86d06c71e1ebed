// Stage 3 of drawing: the look of every element (Styler), the Graphviz graph built from the
// diagram, its layout and rendering to SVG, PNG or DOT.
#include "diagram.hpp"

#include <journeysim/error.hpp>

#include <fmt/format.h>
#include <gvc.h>

#include <algorithm>
#include <cassert>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim::draw_detail {

namespace {

using Attributes = std::vector<std::pair<const char*, std::string>>;

/// `base` with the entries of `extra` added or replacing those of the same name.
Attributes merged(Attributes base, const Attributes& extra) {
    for (const auto& entry : extra) {
        auto same = [&](const auto& e) { return std::string_view(e.first) == entry.first; };
        if (auto it = std::find_if(base.begin(), base.end(), same); it != base.end()) {
            it->second = entry.second;
        } else {
            base.push_back(entry);
        }
    }
    return base;
}

class Styler {
  public:
    Attributes node(const NodeSpec& node) const {
        switch (node.role) {
            case NodeRole::Arrivals:
                return box("arrivals", "filled",
                           {{"shape", "cds"}, {"fontcolor", "#FFFFFF"}, {"margin", "0.2,0.06"}});
            case NodeRole::Step:
                return box("step", "rounded,filled");
            case NodeRole::SelfService:
                return box("self-service", "rounded,filled");
            case NodeRole::Contact:
                return box("contact", "filled", {{"penwidth", "2.4"}});
            case NodeRole::Branch:
                return box("branch", "filled", {{"shape", "diamond"}, {"margin", "0.05,0.05"}});
            case NodeRole::EndResolved:
            case NodeRole::EmployeeFixed:
                return end("resolved", node.role);
            case NodeRole::EndUnresolved:
            case NodeRole::EmployeeNotFixed:
                return end("unresolved", node.role);
            case NodeRole::EndChurned:
                return end("churned", node.role);
            case NodeRole::EmployeeStep:
                return box("employee", "rounded,filled", {{"fontsize", "9"}});
            case NodeRole::Handoff:
                return box("hand-off", "rounded,filled,dashed",
                           {{"fontsize", "9"}, {"penwidth", "1.6"}});
            case NodeRole::Legend:
                return {{"shape", "plain"}, {"fontsize", "9"}};
        }
        return {};
    }

    Attributes edge(const EdgeSpec& edge) const {
        switch (edge.role) {
            case EdgeRole::Arrivals:
                return {{"color", diagram_colours("arrivals").line}, {"penwidth", "1.8"}};
            case EdgeRole::Next:
                return {};
            case EdgeRole::Success:
            case EdgeRole::Fixed:
                return coloured(diagram_colours("resolved").line);
            case EdgeRole::Fail:
            case EdgeRole::NotFixed:
                return coloured(diagram_colours("unresolved").line);
            case EdgeRole::Abandoned:
                return merged(coloured(diagram_colour("abandoned")),
                              Attributes{{"style", "dashed"}});
            case EdgeRole::GaveUp:
                return merged(coloured(diagram_colours("churned").line),
                              Attributes{{"style", "dashed"}});
            case EdgeRole::Rule:
                return coloured(diagram_colours("branch").line);
            case EdgeRole::Otherwise:
                return merged(coloured(diagram_colours("branch").line),
                              Attributes{{"style", "dashed"}});
            case EdgeRole::HandledBy: {
                // Not a move of the customer: it does not push the lane to the right. Its
                // words are an external label: dot 2.42 corrupts memory when an edge between
                // nodes of the same rank carries a label.
                Attributes a = merged(
                    coloured(diagram_colours("employee").line),
                    Attributes{
                        {"style", "dashed"}, {"arrowhead", "open"}, {"constraint", "false"}});
                if (!edge.lhead.empty()) a.emplace_back("lhead", edge.lhead);
                return a;
            }
            case EdgeRole::EmployeeNext:
                return merged(coloured(diagram_colours("employee").line),
                              Attributes{{"fontsize", "8"}, {"arrowsize", "0.6"}});
        }
        return {};
    }

    /// `xlabel` for edges that may join nodes of the same rank (see `HandledBy`), else `label`.
    const char* label_attribute(const EdgeSpec& edge) const {
        return edge.role == EdgeRole::HandledBy ? "xlabel" : "label";
    }

    Attributes cluster(const ClusterSpec& cluster) const {
        switch (cluster.role) {
            case ClusterRole::Journey:
                return framed(diagram_colours("journey"), "14", "16");
            case ClusterRole::Flow:
                return {{"style", "invis"}, {"margin", "4"}};
            case ClusterRole::Lane:
                return framed(diagram_colours("lane"), "10", "10");
        }
        return {};
    }

  private:
    static Attributes framed(const DiagramColours& c, const char* fontsize, const char* margin) {
        return {{"style", "rounded,filled"}, {"fillcolor", c.fill}, {"color", c.line},
                {"fontsize", fontsize},      {"labeljust", "l"},    {"labelloc", "t"},
                {"margin", margin}};
    }
    /// A box in the palette's colours of `element`, with `extra` attributes.
    static Attributes box(const char* element, const char* style, const Attributes& extra = {}) {
        const DiagramColours& c = diagram_colours(element);
        return merged(
            {{"shape", "box"}, {"style", style}, {"fillcolor", c.fill}, {"color", c.line}}, extra);
    }
    /// An end in an outcome's colours; an employee journey's ends are the same, in its smaller
    /// type.
    static Attributes end(const char* outcome, NodeRole role) {
        const DiagramColours& c = diagram_colours(outcome);
        const bool employee = role == NodeRole::EmployeeFixed || role == NodeRole::EmployeeNotFixed;
        return {{"shape", "ellipse"},   {"style", "filled"}, {"peripheries", "2"},
                {"fillcolor", c.fill},  {"color", c.line},   {"fontsize", employee ? "9" : "11"},
                {"margin", "0.06,0.03"}};
    }
    static Attributes coloured(const std::string& colour) {
        return {{"color", colour}, {"fontcolor", colour}};
    }
};

// ---------------------------------------------------------------------------------------------
// Graphviz. cgraph's functions take `char*` for strings they only read (they copy them into
// the graph's string pool), hence `cs`.

char* cs(const char* text) {
    return const_cast<char*>(text);
}
char* cs(const std::string& text) {
    return const_cast<char*>(text.c_str());
}

struct ContextDeleter {
    void operator()(GVC_t* gvc) const { gvFreeContext(gvc); }
};
struct GraphDeleter {
    void operator()(Agraph_t* graph) const { agclose(graph); }
};
/// Frees a layout (not the graph) when it goes out of scope.
struct LayoutDeleter {
    GVC_t* gvc;
    void operator()(Agraph_t* graph) const { gvFreeLayout(gvc, graph); }
};
struct RenderDataDeleter {
    void operator()(char* data) const { gvFreeRenderData(data); }
};
/// Releases a reference to a string in a graph's string pool.
struct PooledStringDeleter {
    Agraph_t* graph;
    void operator()(char* text) const { agstrfree(graph, text); }
};
using ContextPtr = std::unique_ptr<GVC_t, ContextDeleter>;
using GraphPtr = std::unique_ptr<Agraph_t, GraphDeleter>;
using LayoutPtr = std::unique_ptr<Agraph_t, LayoutDeleter>;
using RenderDataPtr = std::unique_ptr<char, RenderDataDeleter>;
using PooledStringPtr = std::unique_ptr<char, PooledStringDeleter>;

/// Graphviz keeps global state (the error handler, layout and plugin state), so every use of
/// it in the library is serialised by this mutex.
std::mutex& graphviz_mutex() {
    static std::mutex mutex;
    return mutex;
}

/// The Graphviz context (plugins and their caches), made on first use and kept: the text
/// layout plugin of Graphviz 2.42 keeps pointers into a freed context's font cache, so a
/// context must not be freed while Graphviz is still used. Call with `graphviz_mutex` held.
GVC_t* graphviz_context() {
    static const ContextPtr context(gvContext());
    return context.get();
}

/// Messages Graphviz reported during the current call (guarded by `graphviz_mutex`).
std::string& graphviz_messages() {
    static std::string messages;
    return messages;
}

int collect_graphviz_message(char* text) {
    graphviz_messages() += text;
    return 0;
}

/// While alive, Graphviz reports to `graphviz_messages()` instead of stderr.
class GraphvizErrors {
  public:
    GraphvizErrors()
        : previous_handler_(agseterrf(&collect_graphviz_message)),
          previous_level_(agseterr(AGWARN)) {
        graphviz_messages().clear();
        agreseterrors();
    }
    ~GraphvizErrors() {
        agseterrf(previous_handler_);
        agseterr(previous_level_);
        agreseterrors();
    }
    GraphvizErrors(const GraphvizErrors&) = delete;
    GraphvizErrors& operator=(const GraphvizErrors&) = delete;

    /// Throws `OutputError` if `ok` is false or Graphviz reported an error.
    void check(bool ok, std::string_view what) const {
        if (ok && agerrors() < AGERR) return;
        std::string detail;
        std::string_view rest = graphviz_messages();
        while (!rest.empty()) {
            const std::size_t end = rest.find('\n');
            std::string_view line = rest.substr(0, end);
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            if (!line.starts_with("Error")) continue;
            line.remove_prefix(std::min(line.size(), std::string_view("Error: ").size()));
            if (!detail.empty()) detail += "; ";
            detail += line;
        }
        throw OutputError(fmt::format("graphviz could not {} the diagram{}{}", what,
                                      detail.empty() ? "" : ": ", detail));
    }

  private:
    agusererrf previous_handler_;
    agerrlevel_t previous_level_;
};

/// Object ids in order of creation. cgraph's default id discipline uses the addresses of
/// pooled name strings as ids and orders subgraphs by id, which would make the layout depend
/// on where the allocator put the names; with these ids equal models draw identically.
/// Named objects get even ids, anonymous ones (edges) odd ids, as in the default discipline.
/// Names are kept in the graph's string pool (cgraph inspects pooled strings' headers), which
/// releases them when the graph is closed.
class SequentialIds {
  public:
    explicit SequentialIds(Agraph_t* graph) : graph_(graph) {}

    long map(const char* name, IDTYPE* id, bool create) {
        if (name == nullptr) {
            *id = next_anonymous_;
            next_anonymous_ += 2;
            return 1;
        }
        if (auto it = ids_.find(name); it != ids_.end()) {
            *id = it->second;
            return 1;
        }
        if (!create) return 0;
        names_.push_back(agstrdup(graph_, cs(name)));
        *id = 2 * static_cast<IDTYPE>(names_.size());
        ids_.emplace(name, *id);
        return 1;
    }

    char* print(IDTYPE id) const {
        if (id == 0 || id % 2 != 0 || id / 2 > names_.size()) return nullptr;
        return names_[id / 2 - 1];
    }

  private:
    Agraph_t* graph_;
    std::map<std::string, IDTYPE, std::less<>> ids_;
    std::vector<char*> names_;  ///< pooled strings, index id / 2 - 1
    IDTYPE next_anonymous_ = 1;
};

// cgraph owns the state between `open` and `close`.
void* ids_open(Agraph_t* graph, Agdisc_t*) {
    return std::make_unique<SequentialIds>(graph).release();
}
long ids_map(void* state, int, char* name, IDTYPE* id, int create) {
    return static_cast<SequentialIds*>(state)->map(name, id, create != 0);
}
long ids_alloc(void*, int, IDTYPE) {
    return 0;
}  // callers may not choose ids
void ids_free(void*, int, IDTYPE) {}
char* ids_print(void* state, int, IDTYPE id) {
    return static_cast<SequentialIds*>(state)->print(id);
}
void ids_close(void* state) {
    const std::unique_ptr<SequentialIds> owned(static_cast<SequentialIds*>(state));
}
void ids_register(void*, int, void*) {}

// DOT text is written straight into a std::string: the graph's I/O discipline appends to the
// `std::string*` passed to `agwrite` as its channel.
int append_to_string(void* channel, const char* text) {
    static_cast<std::string*>(channel)->append(text);
    return 0;
}

int flush_nothing(void*) {
    return 0;
}

Agdisc_t* graph_discipline() {
    static Agiodisc_t io{AgIoDisc.afread, &append_to_string, &flush_nothing};
    static Agiddisc_t ids{&ids_open,  &ids_map,   &ids_alloc,   &ids_free,
                          &ids_print, &ids_close, &ids_register};
    static Agdisc_t discipline{&AgMemDisc, &ids, &io};
    return &discipline;
}

void set(void* object, const char* name, const std::string& value) {
    agsafeset(object, cs(name), cs(value), cs(""));
}

void set(void* object, const Attributes& attributes) {
    for (const auto& [name, value] : attributes)
        set(object, name, value);
}

void set_html(Agraph_t* graph, void* object, const char* name, const std::string& html) {
    const PooledStringPtr text(agstrdup_html(graph, cs(html)), PooledStringDeleter{graph});
    agsafeset(object, cs(name), text.get(), cs(""));
}

/// Declares every attribute with its default, on the root graph (DOT lists them by name).
void set_defaults(Agraph_t* g) {
    // The graph, the nodes and the edges write their words in the one font, each in a size and
    // colour of its own.
    auto text = [](const char* size, const std::string& colour) {
        return Attributes{{"fontname", palette::kFont}, {"fontsize", size}, {"fontcolor", colour}};
    };
    const Attributes graph{{"rankdir", "LR"},    {"newrank", "true"}, {"compound", "true"},
                           {"nodesep", "0.3"},   {"ranksep", "0.45"}, {"pad", "0.3"},
                           {"bgcolor", "white"}, {"labeljust", "l"},  {"labelloc", "t"},
                           {"style", ""},        {"fillcolor", ""},   {"color", ""},
                           {"margin", ""},       {"label", ""}};
    const Attributes node{{"shape", "box"},       {"style", "rounded,filled"},
                          {"fillcolor", "white"}, {"color", diagram_colours("step").line},
                          {"penwidth", "1.2"},    {"margin", "0.14,0.05"},
                          {"peripheries", "1"},   {"label", "\\N"},
                          {"tooltip", ""}};
    const Attributes edge{{"color", diagram_colour("muted")},
                          {"arrowsize", "0.7"},
                          {"penwidth", "1.2"},
                          {"style", "solid"},
                          {"arrowhead", "normal"},
                          {"label", ""},
                          {"xlabel", ""},
                          {"lhead", ""}};
    const std::pair<int, Attributes> defaults[] = {
        {AGRAPH, merged(text("12", diagram_colour("ink")), graph)},
        {AGNODE, merged(text("11", diagram_colour("ink")), node)},
        {AGEDGE, merged(text("9", diagram_colour("muted")), edge)}};
    for (const auto& [kind, attributes] : defaults)
        for (const auto& [name, value] : attributes)
            agattr(g, kind, cs(name), cs(value));
}

void emit_cluster(Agraph_t* root, Agraph_t* parent, const ClusterSpec& cluster,
                  const Styler& styler) {
    Agraph_t* sub = agsubg(parent, cs(cluster.name), 1);
    set(sub, styler.cluster(cluster));
    if (!cluster.label.empty()) set_html(root, sub, "label", cluster.label);
    for (const NodeSpec& spec : cluster.nodes) {
        Agnode_t* node = agnode(sub, cs(spec.name), 1);
        set(node, styler.node(spec));
        set(node, spec.overlay);
        set_html(root, node, "label", spec.label);
        if (!spec.tooltip.empty()) set(node, "tooltip", spec.tooltip);
    }
    for (const ClusterSpec& child : cluster.clusters)
        emit_cluster(root, sub, child, styler);
}

GraphPtr emit(const Diagram& diagram, const Styler& styler) {
    GraphPtr graph(agopen(cs("journeys"), Agdirected, graph_discipline()));
    if (!graph) throw OutputError("graphviz could not create a graph");
    Agraph_t* g = graph.get();
    set_defaults(g);
    // Unconnected top-level clusters are stacked bottom up in the order they were made, so the
    // journeys are made last to first to read top to bottom.
    for (auto it = diagram.clusters.rbegin(); it != diagram.clusters.rend(); ++it)
        emit_cluster(g, g, *it, styler);
    for (const NodeSpec& spec : diagram.nodes) {
        Agnode_t* node = agnode(g, cs(spec.name), 1);
        set(node, styler.node(spec));
        set(node, spec.overlay);
        set_html(g, node, "label", spec.label);
    }
    for (const EdgeSpec& spec : diagram.edges) {
        Agnode_t* tail = agnode(g, cs(spec.tail), 0);
        Agnode_t* head = agnode(g, cs(spec.head), 0);
        assert(tail && head);
        if (!tail || !head) continue;
        Agedge_t* edge = agedge(g, tail, head, nullptr, 1);
        set(edge, styler.edge(spec));
        set(edge, spec.overlay);
        if (!spec.labels.empty()) {
            set(edge, styler.label_attribute(spec),
                join(spec.labels, kPlainBreak, [](const auto& s) { return s; }));
        }
    }
    for (std::size_t i = 0; i < diagram.same_rank.size(); ++i) {
        Agraph_t* group = agsubg(g, cs(fmt::format("rank_{}", i)), 1);
        set(group, "rank", "same");
        for (const std::string& name : diagram.same_rank[i]) {
            if (Agnode_t* node = agnode(g, cs(name), 0)) agsubnode(group, node, 1);
        }
    }
    return graph;
}

std::string render(GVC_t* gvc, Agraph_t* g, const char* format, const GraphvizErrors& errors) {
    char* data = nullptr;
    unsigned int length = 0;
    const int rc = gvRenderData(gvc, g, format, &data, &length);
    const RenderDataPtr owned(data);
    errors.check(rc == 0 && data != nullptr, "render");
    return std::string(data, length);
}

}  // namespace

std::string render_with_graphviz(const Diagram& diagram, DiagramFormat format) {
    const Styler styler;

    const std::lock_guard lock(graphviz_mutex());
    const GraphvizErrors errors;
    GVC_t* gvc = graphviz_context();
    errors.check(gvc != nullptr, "start");
    const GraphPtr graph = emit(diagram, styler);
    errors.check(true, "build");
    if (format == DiagramFormat::Dot) {
        std::string dot;
        errors.check(agwrite(graph.get(), &dot) == 0, "write");
        return dot;
    }

    if (format == DiagramFormat::Png) set(graph.get(), "dpi", "144");
    const int rc = gvLayout(gvc, graph.get(), "dot");
    const LayoutPtr layout(rc == 0 ? graph.get() : nullptr, LayoutDeleter{gvc});
    errors.check(rc == 0, "lay out");
    return render(gvc, graph.get(), format == DiagramFormat::Svg ? "svg" : "png", errors);
}

}  // namespace journeysim::draw_detail
