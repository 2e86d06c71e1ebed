#pragma once
/// \file
/// The Boost.Graph form of customer and employee journeys. Only the library's own sources and
/// code that wants to run graph algorithms include this header.

#include <boost/graph/adjacency_list.hpp>

#include <string>

namespace journeysim::detail {

/// What an edge of a journey graph stands for.
enum class EdgeKind { Next, Success, Fail, Fixed, NotFixed, Abandoned, GaveUp, Rule, Otherwise };

/// One possible move between two touchpoints (or two employee-journey steps).
struct EdgeInfo {
    EdgeKind kind = EdgeKind::Next;
    double p = 1.0;     ///< probability for `Next`/`Otherwise` lists; 1 otherwise
    std::string label;  ///< e.g. "fixed", "40%", "segment = digital"
};

/// Vertices are touchpoint (or step) indices, in the order of the model's vectors.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                    boost::no_property, EdgeInfo>;

struct JourneyGraph {
    Graph graph;
};

}  // namespace journeysim::detail
