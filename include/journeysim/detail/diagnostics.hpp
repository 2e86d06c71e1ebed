#pragma once
/// \file
/// The one place journeysim's diagnostics are made. Each factory builds a `Diagnostic` with
/// its message and a hint saying how to fix it, so that the common problems (a value of the
/// wrong type, out of its range, missing, unknown, given twice) read alike in every file, and
/// no diagnostic leaves the hint out: every factory takes one, or makes one from what it knows.
/// Used by the model and scenario loaders, the staffing planner, the diagrams, the flow
/// overlay and the command line.

#include <journeysim/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace journeysim::diagnostics {

// Every factory takes the file as the user named it and the JSON pointer of the value at
// fault ("" for the whole document), and returns an error.

/// Anything not covered below. `hint` must say how to fix it.
Diagnostic error(std::string file, std::string pointer, std::string message, std::string hint);
/// A finding that does not stop the load. `hint` must say what to do about it.
Diagnostic warning(std::string file, std::string pointer, std::string message, std::string hint);
/// A syntax error at a 1-based line and column.
Diagnostic syntax_error(std::string file, int line, int column, std::string message,
                        std::string hint);

/// `"fix_rate" must be a number (got a string)`. `subject` names the value (a quoted field
/// name, "a distribution", or "" for an element of a list: "must be a string (got null)");
/// `expected` and `got` are written as "a number", "an object".
Diagnostic wrong_type(std::string file, std::string pointer, std::string_view subject,
                      std::string_view expected, std::string_view got, std::string hint);

/// `"share" must be between 0 and 1 (got 1.4)`. `range` is "between 0 and 1", "at least 0",
/// ...; `got` is the value as written. An empty `hint` becomes "use a value between 0 and 1".
Diagnostic out_of_range(std::string file, std::string pointer, std::string_view field,
                        std::string_view range, std::string_view got, std::string hint = {});

/// `missing required field "share"`, at the pointer the field would have. `hint` shows what to
/// add (an example value).
Diagnostic missing_field(std::string file, std::string pointer, std::string_view key,
                         std::string hint);

/// `unknown field "fix_rte"`, with "did you mean" one of `allowed`, or their list.
Diagnostic unknown_field(std::string file, std::string pointer, std::string_view key,
                         const std::vector<std::string>& allowed,
                         std::string_view plural = "fields here");

/// `unknown channel "chta"`: an id that names nothing defined in the file. The hint suggests
/// the closest of `candidates` ("did you mean ...?"), lists them, or, when there is none, says
/// to define one first. `plural` names them ("channels").
Diagnostic unknown_reference(std::string file, std::string pointer, std::string_view what,
                             std::string_view id, const std::vector<std::string>& candidates,
                             std::string_view plural);

/// `unknown distribution "lognorml"`: a name from a fixed vocabulary (modes, kinds,
/// distributions, operations), suggested like `unknown_reference`.
Diagnostic unknown_name(std::string file, std::string pointer, std::string_view what,
                        std::string_view name, const std::vector<std::string>& known,
                        std::string_view plural);

/// `duplicate key "mode"`: a JSON object naming a member twice.
Diagnostic duplicate_key(std::string file, std::string pointer, std::string_view key);

/// `"phone" is listed twice`: a value repeated in a list that must not repeat.
Diagnostic duplicate_entry(std::string file, std::string pointer, std::string_view value);

/// `channel "chat" already exists`: an id given to something new that is already taken.
Diagnostic duplicate_id(std::string file, std::string pointer, std::string_view what,
                        std::string_view id, std::string hint);

/// `probabilities leaving "notice" must sum to 1 (they sum to 0.9)`. `what` names the shares.
Diagnostic must_sum_to_one(std::string file, std::string pointer, std::string_view what, double sum,
                           std::string hint);

/// The hint for an unknown word: "did you mean "x"?", else "known `plural`: a, b, c" (at most
/// twelve), else "no `plural` are defined".
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view plural);

}  // namespace journeysim::diagnostics
