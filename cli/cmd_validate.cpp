#include "commands.hpp"

#include <journeysim/calendar.hpp>
#include <journeysim/detail/diagnostics.hpp>
#include <journeysim/io.hpp>
#include <journeysim/load.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace journeysim::cli {

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
    std::size_t errors = 0;
    for (const auto& d : diagnostics) {
        // Names from the model may carry control characters: shown escaped.
        Diagnostic shown = d;
        for (std::string* text : {&shown.file, &shown.pointer, &shown.message, &shown.hint})
            *text = terminal_text(*text);
        fmt::print(stderr, "{}\n", shown.format());
        if (d.severity == Severity::Error) ++errors;
    }
    if (errors > 0) {
        fmt::print(stderr, "{} error{} found\n", errors, errors == 1 ? "" : "s");
    }
}

void print_simulation_failure(const SimulationFailure& f) {
    std::string out = fmt::format("journeysim: simulation failed: {}\n", terminal_text(f.problem));
    auto field = [&out](const char* name, const std::string& value) {
        out += fmt::format("  {:<15} {}\n", std::string(name) + ":", value);
    };
    if (f.model) field("model", fmt::format("\"{}\"", terminal_text(*f.model)));
    if (f.replication) field("replication", std::to_string(*f.replication));
    if (f.seed) field("seed", std::to_string(*f.seed));
    if (f.minute) {
        field("simulated time",
              fmt::format("{} (minute {:.2f})", format_clock(*f.minute), *f.minute));
    }
    if (f.customer) field("customer", std::to_string(*f.customer));
    if (const std::string where = f.place(); !where.empty()) field("where", terminal_text(where));
    if (!f.hint.empty()) out += fmt::format("  hint: {}\n", terminal_text(f.hint));
    fmt::print(stderr, "{}", out);
}

void write_output(const std::string& path, const std::string& text) {
    const bool to_stdout = path.empty() || is_standard_output(path);
    write_file_atomically(to_stdout ? std::string("-") : path, text);
    if (!to_stdout) fmt::print(stderr, "wrote {}\n", terminal_text(path));
}

std::string format_of_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* known : {"json", "csv", "html", "svg", "png", "dot"})
        if (ext == std::string(".") + known) return known;
    return {};
}

std::string check_output(const std::string& option, const std::string& path,
                         const std::vector<std::string>& formats, const std::string& format,
                         bool format_given) {
    std::string chosen = format_given ? format : formats.front();
    if (path.empty()) return chosen;
    const std::string ext = format_of_extension(path);
    auto names = [&] {
        std::string out;
        for (const std::string& f : formats) {
            if (f == "table") continue;
            out += fmt::format("{}.{}", out.empty() ? "" : " or ", f);
        }
        return out;
    };
    if (!ext.empty()) {
        if (std::find(formats.begin(), formats.end(), ext) == formats.end()) {
            throw OutputError(fmt::format(
                "{} {}: the extension .{} asks for {}, which {} does not write; hint: name the "
                "file with {}{}",
                option, terminal_text(path), ext, ext, option, names(),
                std::find(formats.begin(), formats.end(), "table") != formats.end()
                    ? " (or no extension for the text table)"
                    : ""));
        }
        if (format_given && format != ext) {
            throw OutputError(fmt::format(
                "{} {}: --format {} contradicts the extension .{}; hint: leave out --format "
                "(the extension decides) or name the file {}",
                option, terminal_text(path), format, ext,
                terminal_text(std::filesystem::path(path)
                                  .replace_extension(format == "table" ? ".txt" : "." + format)
                                  .string())));
        }
        chosen = ext;
    }
    try {
        check_output_path(path);
    } catch (const OutputError& e) {
        throw OutputError(fmt::format("{}: {}", option, e.what()));
    }
    return chosen;
}

const Scenario& find_scenario(const ScenarioSet& set, const std::string& path,
                              const std::string& name) {
    for (const Scenario& s : set.scenarios)
        if (s.name == name) return s;
    std::vector<std::string> names;
    for (const Scenario& s : set.scenarios)
        names.push_back(s.name);
    throw InputError({diagnostics::unknown_reference(path, "/scenarios/" + json_pointer_token(name),
                                                     "scenario", name, names, "scenarios")});
}

namespace {

std::string warnings_note(const std::vector<Diagnostic>& warnings) {
    if (warnings.empty()) return {};
    return fmt::format(" ({} warning{})", warnings.size(), warnings.size() == 1 ? "" : "s");
}

/// Validates one model or scenario file; prints its warnings and, unless `quiet`, what it
/// holds. Throws `InputError` when it is invalid.
void validate_file(const std::string& file, bool quiet) {
    if (is_scenario_file(file)) {
        const ScenarioSet set = load_scenarios_file(file);
        print_diagnostics(set.warnings);
        if (quiet) return;
        std::string text =
            fmt::format("{}: valid{}\n\n{}\n  base      {}\n  scenarios {}\n", terminal_text(file),
                        warnings_note(set.warnings), terminal_text(set.name),
                        terminal_text(set.base_path.string()), set.scenarios.size());
        for (const Scenario& s : set.scenarios) {
            text += "    " + terminal_text(display_name(s.name));
            if (!s.description.empty()) text += ": " + terminal_text(display_name(s.description));
            text += "\n";
        }
        write_output({}, text);
        return;
    }
    const auto loaded = load_model_file(file);
    print_diagnostics(loaded.warnings);
    if (quiet) return;
    write_output(
        {}, fmt::format("{}: valid{}\n\n{}", terminal_text(file), warnings_note(loaded.warnings),
                        terminal_text(summarize(*loaded.model), true)));
}

/// Adds the arguments, options and callback of `validate` to `cmd`.
void setup_validate(CLI::App* cmd) {
    auto files = std::make_shared<std::vector<std::string>>();
    auto quiet = std::make_shared<bool>(false);
    cmd->add_option("FILE", *files, "Model or scenario files (JSON)")->required();
    cmd->add_flag("-q,--quiet", *quiet, "Print nothing on success");
    cmd->callback([files, quiet] {
        std::size_t invalid = 0;
        for (std::size_t i = 0; i < files->size(); ++i) {
            if (i > 0 && !*quiet) write_output({}, "\n");
            try {
                validate_file((*files)[i], *quiet);
            } catch (const InputError& e) {
                if (files->size() == 1) throw;
                print_diagnostics(e.diagnostics());
                ++invalid;
            }
        }
        if (invalid > 0) {
            fmt::print(stderr, "journeysim: {} of {} files are invalid\n", invalid, files->size());
            throw ExitWith{kExitInputError};
        }
    });
}

}  // namespace

const CommandSpec kValidateCommand{
    "validate", "Check model and scenario files and summarise them (every file, every error)",
    setup_validate};

}  // namespace journeysim::cli
