#pragma once
/// \file
/// "Did you mean ...?": the edit distance between names and the closest known name to a typo.
/// Used by the model loader's hints and by the staffing planner's `--target` channel names, so
/// both suggest alike.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace journeysim::detail {

/// Levenshtein distance (insertions, deletions and substitutions of one byte each).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` (the first of equally close ones), if it is close enough to
/// be a likely typo: at most 2 edits, or a third of the word's length when that is more.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

}  // namespace journeysim::detail
