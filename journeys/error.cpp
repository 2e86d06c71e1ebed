#include <journeysim/error.hpp>

#include <fmt/format.h>

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

}  // namespace journeysim
