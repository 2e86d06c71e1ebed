#pragma once
// Running the real journeysim executable from tests: exit code, stdout and stderr captured in
// files (so the tool does not see a terminal), with no standard input.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace journeysim::testing {

/// What a run of the executable gave.
struct CliOutcome {
    int code = -1;  ///< exit code; -1 when it did not exit normally
    std::string out;
    std::string err;
    /// The first line of stderr, without its newline.
    std::string first_error_line() const { return err.substr(0, err.find('\n')); }
};

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

/// `text` as one word for the shell.
inline std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// A fresh, empty folder for one test's files, unique per process (ctest runs tests in
/// parallel).
inline std::filesystem::path cli_scratch(const std::string& group, const std::string& name) {
    const auto dir = std::filesystem::path(JOURNEYSIM_BINARY_DIR) / "test-scratch" / group /
                     (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

/// Runs `journeysim COMMAND_LINE` (arguments already quoted for the shell) in `cwd` (the test's
/// own working folder when empty). stdout and stderr go to files of a capture folder of this
/// process, removed once read, so no folder of the test gains files it did not ask for.
inline CliOutcome run_cli_line(const std::string& command_line,
                               const std::filesystem::path& cwd = {}) {
    static std::atomic<int> counter{0};
    const auto capture = std::filesystem::path(JOURNEYSIM_BINARY_DIR) / "test-scratch" /
                         "cli-capture" / std::to_string(::getpid());
    std::filesystem::create_directories(capture);
    const std::string n = std::to_string(counter++);
    const auto out = capture / ("stdout-" + n);
    const auto err = capture / ("stderr-" + n);
    std::string command;
    if (!cwd.empty()) command = "cd " + shell_quote(cwd.string()) + " && ";
    command += shell_quote(JOURNEYSIM_EXE) + " " + command_line + " </dev/null >" +
               shell_quote(out.string()) + " 2>" + shell_quote(err.string());
    const int status = std::system(command.c_str());
    CliOutcome o;
    o.code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.out = read_text(out);
    o.err = read_text(err);
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return o;
}

/// Runs `journeysim ARGS...`, each argument quoted for the shell, as `run_cli_line`.
inline CliOutcome run_cli(const std::vector<std::string>& args,
                          const std::filesystem::path& cwd = {}) {
    std::string line;
    for (const auto& a : args)
        line += (line.empty() ? "" : " ") + shell_quote(a);
    return run_cli_line(line, cwd);
}

}  // namespace journeysim::testing
