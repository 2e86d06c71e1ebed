#pragma once
/// \file
/// Diagnostics and the errors journeysim raises. Every message about an input names the file,
/// the JSON pointer of the offending value, what is wrong and how to fix it; diagnostics are
/// made by the factories of <journeysim/detail/diagnostics.hpp>.

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

/// Something went wrong while simulating: names replication, seed, time and where.
class SimulationError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
    int exit_code() const { return kExitInputError; }
};

/// A failure to write an output file (disk full, no permission, ...).
class OutputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
    int exit_code() const { return kExitInputError; }
};

}  // namespace journeysim
