#pragma once
// Running the real journeysim executable from tests: exit code, stdout and stderr captured in
// files (so the tool does not see a terminal).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace journeysim::testing {

struct CliOutcome {
    int code = -1;
    std::string out;
    std::string err;
};

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A fresh folder for one test's files, unique per process (ctest runs tests in parallel).
inline std::filesystem::path cli_scratch(const std::string& group, const std::string& name) {
    const auto dir = std::filesystem::path(JOURNEYSIM_BINARY_DIR) / "test-scratch" / group /
                     (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

/// Runs `journeysim ARGS` (arguments already quoted for the shell) with no standard input.
inline CliOutcome run_cli(const std::string& args, const std::filesystem::path& dir) {
    const auto out = dir / "stdout.txt";
    const auto err = dir / "stderr.txt";
    const std::string command = "'" + std::string(JOURNEYSIM_EXE) + "' " + args + " <" +
                                "/dev/null >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    CliOutcome o;
    o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.out = read_text(out);
    o.err = read_text(err);
    return o;
}

}  // namespace journeysim::testing
