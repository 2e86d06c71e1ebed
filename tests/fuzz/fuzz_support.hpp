#pragma once
// Shared by the fuzz targets: what counts as a finding.

#include <journeysim/error.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace journeysim::fuzz {

/// Reports a finding and stops the process so libFuzzer saves the input.
[[noreturn]] inline void finding(const std::string& what) {
    std::fprintf(stderr, "journeysim fuzz finding: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

/// Runs `body`: an `InputError` is the normal answer to a bad input; any other exception
/// escaping is an internal error, which the fuzzer reports as a crash.
template <class Body>
void expect_input_errors_only(Body&& body) {
    try {
        body();
    } catch (const InputError& e) {
        if (e.diagnostics().empty()) finding("InputError without a diagnostic");
    } catch (const std::exception& e) {
        finding(std::string("internal error (exception escaped): ") + e.what());
    } catch (...) {
        finding("internal error: a non-std exception escaped");
    }
}

}  // namespace journeysim::fuzz
