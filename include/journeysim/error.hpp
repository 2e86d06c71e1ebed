#pragma once
/// \file
/// Diagnostics and the errors journeysim raises. Every message about an input names the file,
/// the JSON pointer of the offending value, what is wrong and how to fix it; diagnostics are
/// made by the factories of <journeysim/detail/diagnostics.hpp>.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace journeysim {

enum class Severity { Warning, Error };

/// One finding about an input file.
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;     ///< path as given by the user
    std::string pointer;  ///< RFC 6901 JSON pointer ("" for the whole document)
    std::string message;  ///< what is wrong, lower case, no trailing period
    std::string hint;     ///< how to fix it (journeysim's own diagnostics always give one)
    int line = 0;         ///< for syntax errors: 1-based line, else 0
    int column = 0;

    /// "FILE: error at /channels/phone/fix_rate: must lie in [0, 1] (got 1.4); hint: ..."
    std::string format() const;
    bool operator==(const Diagnostic&) const = default;
};

/// Exit codes shared by every command (listed in `journeysim --help` and the README).
/// Everything the user can fix is 1: an invalid model, scenario or log, a bad option, an output
/// that cannot be written, a run stopped by a safety limit. A signal ends the process as killed
/// by it (128 + N in a shell), after removing temporary files.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;
/// `staff`: a service target cannot be met within the limits; the best plan is still printed.
inline constexpr int kExitTargetNotMet = 3;
/// A bug in journeysim itself (EX_SOFTWARE of sysexits.h).
inline constexpr int kExitInternalError = 70;

/// A model or scenario file could not be read, parsed or validated.
/// Carries every error found (and the warnings seen alongside).
class InputError : public std::runtime_error {
  public:
    explicit InputError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    int exit_code() const { return kExitInputError; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

/// What went wrong in a simulation, and where and when: every field but `problem` is
/// optional, filled in by the part of the engine that knows it (the event loop the customer,
/// touchpoint and time; the run the replication, seed and model).
struct SimulationFailure {
    std::string problem;                    ///< what went wrong, lower case, no trailing period
    std::string hint;                       ///< how to fix it
    std::optional<std::string> model;       ///< the model's name
    std::optional<int> replication;         ///< 1-based
    std::optional<std::uint64_t> seed;      ///< the run's `--seed`
    std::optional<double> minute;           ///< simulated time, minutes from the start
    std::optional<std::uint64_t> customer;  ///< the customer's number, as in traces
    std::optional<std::string> journey;     ///< journey id, or employee journey id
    std::optional<std::string> touchpoint;  ///< touchpoint id, or step id of an employee journey
    bool employee = false;  ///< `journey` and `touchpoint` name an employee journey and a step

    /// "touchpoint "call" of journey "outage"" (or "step ... of employee journey ..."), as far
    /// as known; "" when neither is.
    std::string place() const;
    /// The complete message: "simulation of "Telecom" failed in replication 2 (seed 7) at Tue
    /// 10:15 (minute 2055.00), customer 17, touchpoint "call" of journey "outage": more than
    /// ...; hint: ...".
    std::string format() const;
    bool operator==(const SimulationFailure&) const = default;
};

/// Something went wrong while simulating: a safety limit stopped a run (a clock that stops,
/// customers piling up) or a model built in code cannot be simulated. `what()` is the whole
/// message (`SimulationFailure::format`); `failure()` its parts.
class SimulationError : public std::runtime_error {
  public:
    /// An error known only by its text. A "; hint: " in it separates the problem from the hint.
    explicit SimulationError(const std::string& message);
    explicit SimulationError(SimulationFailure failure);
    const SimulationFailure& failure() const { return failure_; }
    int exit_code() const { return kExitInputError; }

  private:
    SimulationFailure failure_;
};

/// A failure to write an output file (disk full, no permission, ...).
class OutputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
    int exit_code() const { return kExitInputError; }
};

}  // namespace journeysim
