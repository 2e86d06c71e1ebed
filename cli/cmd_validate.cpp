#include "commands.hpp"

#include <journeysim/io.hpp>
#include <journeysim/load.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace journeysim::cli {

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
    std::size_t errors = 0;
    for (const auto& d : diagnostics) {
        fmt::print(stderr, "{}\n", d.format());
        if (d.severity == Severity::Error) ++errors;
    }
    if (errors > 0) {
        fmt::print(stderr, "{} error{} found\n", errors, errors == 1 ? "" : "s");
    }
}

void write_output(const std::string& path, const std::string& text) {
    if (path.empty()) {
        fmt::print("{}", text);
        std::fflush(stdout);
        return;
    }
    write_file_atomically(path, text);
    fmt::print(stderr, "wrote {}\n", path);
}

const Scenario& find_scenario(const ScenarioSet& set, const std::string& path,
                              const std::string& name) {
    for (const Scenario& s : set.scenarios)
        if (s.name == name) return s;
    Diagnostic d;
    d.file = path;
    d.pointer = "/scenarios/" + json_pointer_token(name);
    d.message = fmt::format("unknown scenario \"{}\"", name);
    d.hint = "scenarios in this file:";
    for (const Scenario& s : set.scenarios)
        d.hint += fmt::format(" \"{}\"", s.name);
    throw InputError({std::move(d)});
}

void add_validate_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("validate", "Check a model file and summarise it");
    auto file = std::make_shared<std::string>();
    auto quiet = std::make_shared<bool>(false);
    cmd->add_option("MODEL", *file, "Model file (JSON)")->required();
    cmd->add_flag("-q,--quiet", *quiet, "Print nothing on success");
    cmd->callback([file, quiet] {
        const auto loaded = load_model_file(*file);
        print_diagnostics(loaded.warnings);
        if (!*quiet) {
            fmt::print("{}: valid{}\n\n{}", *file,
                       loaded.warnings.empty()
                           ? std::string()
                           : fmt::format(" ({} warning{})", loaded.warnings.size(),
                                         loaded.warnings.size() == 1 ? "" : "s"),
                       summarize(*loaded.model));
        }
    });
}

}  // namespace journeysim::cli
