#include <journeysim/calendar.hpp>
#include <journeysim/error.hpp>

#include <fmt/format.h>

#include <utility>

namespace journeysim {

std::string Diagnostic::format() const {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) out += fmt::format(":{}:{}", line, column);
    out += severity == Severity::Error ? ": error" : ": warning";
    if (line == 0) out += fmt::format(" at {}", pointer.empty() ? std::string("/") : pointer);
    out += ": ";
    out += message;
    if (!hint.empty()) out += fmt::format("\n  hint: {}", hint);
    return out;
}

namespace {
std::string summary(const std::vector<Diagnostic>& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics) {
        if (d.severity != Severity::Error) continue;
        if (!out.empty()) out += '\n';
        out += d.format();
    }
    return out.empty() ? std::string("invalid input") : out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::string SimulationFailure::place() const {
    std::string out;
    if (touchpoint) out = fmt::format("{} \"{}\"", employee ? "step" : "touchpoint", *touchpoint);
    if (journey) {
        out += fmt::format("{}{} \"{}\"", out.empty() ? "" : " of ",
                           employee ? "employee journey" : "journey", *journey);
    }
    return out;
}

std::string SimulationFailure::format() const {
    std::string out = model ? fmt::format("simulation of \"{}\" failed", *model)
                            : std::string("simulation failed");
    if (replication) out += fmt::format(" in replication {}", *replication);
    if (seed)
        out += replication ? fmt::format(" (seed {})", *seed) : fmt::format(" with seed {}", *seed);
    if (minute) out += fmt::format(" at {} (minute {:.2f})", format_clock(*minute), *minute);
    if (customer) out += fmt::format(", customer {}", *customer);
    if (const std::string where = place(); !where.empty()) out += ", " + where;
    out += ": " + problem;
    if (!hint.empty()) out += "; hint: " + hint;
    return out;
}

namespace {
SimulationFailure failure_of_text(const std::string& message) {
    SimulationFailure f;
    constexpr std::string_view kHint = "; hint: ";
    if (const auto at = message.find(kHint); at != std::string::npos) {
        f.problem = message.substr(0, at);
        f.hint = message.substr(at + kHint.size());
    } else {
        f.problem = message;
    }
    return f;
}
}  // namespace

SimulationError::SimulationError(const std::string& message)
    : SimulationError(failure_of_text(message)) {}

SimulationError::SimulationError(SimulationFailure failure)
    : std::runtime_error(failure.format()), failure_(std::move(failure)) {}

}  // namespace journeysim
