#pragma once
// The domain operations of scenario files (add_channel, remove_channel, scale_demand,
// set_agents), each expanded to plain JSON Patch against the model's JSON (scenario_ops.cpp);
// journeys/scenario.cpp applies them.

#include "reader.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace journeysim::detail {

inline constexpr std::string_view kPatchOps[] = {"add",  "remove", "replace",
                                                 "move", "copy",   "test"};
inline constexpr std::string_view kDomainOps[] = {"add_channel", "remove_channel", "scale_demand",
                                                  "set_agents"};

/// Every operation a change may name, JSON Patch's first.
std::vector<std::string> all_ops();

/// Thrown by an expansion when a domain operation cannot be applied; caught per change.
struct ChangeProblem {
    Pointer where;  ///< relative to the change object
    std::string message;
    std::string hint;
};

/// The JSON Patch (an array) that each domain operation `change` makes of `doc`; throws
/// `ChangeProblem`. `expand_remove_channel` also gives the removed channel's id.
Json expand_add_channel(const Json& doc, const Json& change);
Json expand_remove_channel(const Json& doc, const Json& change, std::string& removed);
Json expand_scale_demand(const Json& doc, const Json& change);
Json expand_set_agents(const Json& doc, const Json& change);

}  // namespace journeysim::detail
