// Fuzz target: the command line. The input is an argv, one argument per line; it is parsed by
// the same CLI11 app as cli/main.cpp (every subcommand). A parse error, an InputError, a
// SimulationError or an OutputError is a normal outcome (exit 1); any other exception escaping
// is an internal error, reported as a crash.
//
// Parsing runs twice: first stopped before any command runs, to see what was asked; then,
// if it is cheap and harmless, again with the real callbacks so the commands run. "Cheap" means
// few replications and threads (the commands run against the tiny model and scenario file that
// are written to a scratch directory, the working directory); "harmless" means every value is a
// relative path without "..", so outputs land in the scratch directory, which is emptied after
// every run.
#include "commands.hpp"
#include "fuzz_support.hpp"

#include <journeysim/error.hpp>

#include <fcntl.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// A model that simulates in milliseconds: one day, a phone line, an e-mail queue and a
// self-service page, all three modes of a contact, and a decision.
constexpr const char* kModel = R"({
  "journeysim": 1, "name": "tiny",
  "horizon": {"days": 2, "warmup_days": 1, "interval_min": 60},
  "channels": {
    "phone": {"mode": "live", "team": "desk", "hours": "daily 08:00-18:00",
              "handle_time": {"dist": "exponential", "mean_min": 4}, "fix_rate": 0.8,
              "patience": {"dist": "exponential", "mean_min": 3},
              "service_target": {"answer_within_s": 20, "share": 0.8}, "cost_per_contact": 5},
    "email": {"mode": "async", "team": "desk",
              "handle_time": {"dist": "exponential", "mean_min": 6}, "fix_rate": 0.6},
    "web": {"mode": "self_service", "success_rate": 0.4,
            "duration": {"dist": "constant", "value_min": 2}}
  },
  "teams": {
    "desk": {"schedule": [{"hours": "daily 08:00-18:00", "agents": 2}],
             "skills": ["phone", "email"], "cost_per_hour": 30}
  },
  "segments": {"everyone": {"share": 1, "baseline_ltr": {"dist": "constant", "value": 7}}},
  "journeys": {
    "question": {"arrivals": {"per_day": 40}, "start": "ask",
                 "touchpoints": {
                   "ask": {"kind": "contact", "channels": ["web", "phone", "email"],
                           "on_fixed": "done"},
                   "done": {"kind": "end", "outcome": "resolved"}}}
  }
})";

constexpr const char* kScenarios = R"({
  "journeysim_scenarios": 1, "name": "tiny what-ifs", "base": "model.json",
  "scenarios": {
    "more_agents": {"changes": [{"op": "set_agents", "team": "desk", "factor": 1.5}]},
    "no_email": {"changes": [{"op": "remove_channel", "id": "email", "give_up_share": 0.1}]},
    "busier": {"changes": [{"op": "scale_demand", "factor": 1.2}]}
  }
})";

const char* const kFixtures[][2] = {{"model.json", kModel}, {"whatifs.json", kScenarios}};

fs::path g_scratch;

/// Thrown to end the parse-only pass once the command line has been looked at.
struct Decided {};

void write_fixtures() {
    for (const auto& f : kFixtures) {
        std::ofstream(g_scratch / f[0], std::ios::binary | std::ios::trunc) << f[1];
    }
}

/// Removes whatever a command wrote and restores the fixtures (a command may overwrite them).
void reset_scratch() {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(g_scratch, ec))
        fs::remove_all(entry.path(), ec);
    write_fixtures();
}

void add_commands(CLI::App& app) {
    // As in cli/main.cpp.
    app.set_version_flag("--version", std::string("journeysim ") + JOURNEYSIM_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);
    journeysim::cli::add_commands(app);
}

/// Whether every value given to `option` is a number at most `most`.
bool at_most(const CLI::App& cmd, const std::string& option, double most) {
    const CLI::Option* o = cmd.get_option_no_throw(option);
    if (o == nullptr) return true;
    for (const std::string& r : o->results()) {
        double v = 0;
        if (!CLI::detail::lexical_cast(r, v) || !(v <= most)) return false;
    }
    return true;
}

/// Whether running the parsed command `cmd` is quick and writes only into the scratch folder.
bool cheap_and_harmless(const CLI::App& cmd) {
    for (const CLI::Option* o : cmd.get_options()) {
        for (const std::string& r : o->results()) {
            if (!r.empty() && r.front() == '/') return false;
            if (r.find("..") != std::string::npos) return false;
        }
    }
    const bool demo = cmd.get_name() == "demo";  // the built-in flagship: a second a replication
    return at_most(cmd, "--replications", demo ? 1 : 10) && at_most(cmd, "--threads", 2) &&
           at_most(cmd, "--max-replications", 20) && at_most(cmd, "--max-rounds", 8) &&
           (!demo || cmd.get_option_no_throw("--replications")->count() > 0);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    char tmpl[] = "/tmp/journeysim-fuzz-cli-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) std::abort();
    g_scratch = tmpl;
    fs::current_path(g_scratch);
    write_fixtures();
    // Commands print their results; nothing reads them.
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(g_scratch, ec);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<std::string> args{"journeysim"};
    std::string current;
    for (size_t i = 0; i < size; ++i) {
        if (data[i] == '\n') {
            args.push_back(current);
            current.clear();
        } else {
            current.push_back(static_cast<char>(data[i]));
        }
    }
    if (!current.empty()) args.push_back(current);
    if (args.size() > 64) return 0;
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const int argc = static_cast<int>(args.size());

    // First pass: parse only. The root's parse-complete callback runs after every option is
    // converted and checked but before any command's callback; it decides and stops the parse.
    bool run = false;
    {
        CLI::App app{"journeysim"};
        add_commands(app);
        app.parse_complete_callback([&app, &run] {
            const auto chosen = app.get_subcommands();
            run = chosen.size() == 1 && cheap_and_harmless(*chosen.front());
            throw Decided{};
        });
        try {
            app.parse(argc, argv.data());
        } catch (const Decided&) {
        } catch (const CLI::ParseError&) {
            return 0;  // a usage error: CLI11 prints it and journeysim exits 1
        } catch (const std::exception& e) {
            journeysim::fuzz::finding(std::string("exception while parsing: ") + e.what());
        }
    }
    if (!run) return 0;

    // Second pass: run the command.
    CLI::App app{"journeysim"};
    add_commands(app);
    try {
        app.parse(argc, argv.data());
    } catch (const CLI::ParseError&) {  // a command's own usage error, e.g. a bad value
    } catch (const journeysim::InputError& e) {
        if (e.diagnostics().empty()) journeysim::fuzz::finding("InputError without a diagnostic");
    } catch (const journeysim::SimulationError&) {
    } catch (const journeysim::OutputError&) {
    } catch (const journeysim::cli::ExitWith&) {  // staff: a target not met
    } catch (const std::exception& e) {
        journeysim::fuzz::finding(std::string("internal error: ") + e.what());
    }
    reset_scratch();
    return 0;
}
