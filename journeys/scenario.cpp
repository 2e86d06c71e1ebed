// Scenario files: loading them, and applying each scenario's changes — JSON Patch (with
// nlohmann::json's own RFC 6902 support) and the domain operations of scenario_ops.cpp, which
// expand to JSON Patch — then validating the patched model.

#include "detail/build.hpp"
#include "detail/reader.hpp"
#include "detail/scenario_ops.hpp"

#include <journeysim/scenario.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace journeysim {
namespace {

using detail::all_ops;
using detail::ChangeProblem;
using detail::Diagnostics;
using detail::expand_add_channel;
using detail::expand_remove_channel;
using detail::expand_scale_demand;
using detail::expand_set_agents;
using detail::Json;
using detail::kDomainOps;
using detail::kPatchOps;
using detail::Pointer;
using detail::Reader;

constexpr const char* kScenariosExample =
    "e.g. \"scenarios\": {\"more_demand\": {\"changes\": [{\"op\": \"scale_demand\", "
    "\"factor\": 1.2}]}}";

// ---- applying changes ----------------------------------------------------------------------

/// Whether one pointer lies within the other (either way round).
bool related(const std::string& a, const std::string& b) {
    const auto& shorter = a.size() < b.size() ? a : b;
    const auto& longer = a.size() < b.size() ? b : a;
    return longer.compare(0, shorter.size(), shorter) == 0 &&
           (longer.size() == shorter.size() || longer[shorter.size()] == '/');
}

/// Why a JSON Patch operation cannot be applied to `doc` although nlohmann's patch() would not
/// say so: adding (or moving, copying) below a number, string or boolean is an assertion in
/// the library, and removing below one is silently ignored. Empty when the operation may go
/// ahead; patch() itself reports missing members, missing locations and bad pointers.
std::string below_scalar(const Json& doc, const Json& operation) {
    if (!operation.is_object() || !operation.contains("op") || !operation.at("op").is_string())
        return {};
    const auto name = operation.at("op").get<std::string>();
    auto check = [&doc](const char* member, const Json& o, const char* verb) -> std::string {
        if (!o.contains(member) || !o.at(member).is_string()) return {};
        const Pointer target(o.at(member).get<std::string>());
        if (target.empty()) return {};
        const Pointer parent = target.parent_pointer();
        if (!doc.contains(parent)) return {};
        const Json& holder = doc.at(parent);
        if (holder.is_object() || holder.is_array() || holder.is_null()) return {};
        return fmt::format("cannot {} {}: {} is {}, which has no members", verb, target.to_string(),
                           parent.empty() ? "/" : parent.to_string(), detail::type_name(holder));
    };
    if (name == "add" || name == "copy") return check("path", operation, "add");
    if (name == "remove") return check("path", operation, "remove");
    if (name == "move") {
        auto problem = check("from", operation, "move");
        return problem.empty() ? check("path", operation, "move to") : problem;
    }
    return {};
}

/// Applies the changes of one scenario to `doc`. Problems are reported against the scenario
/// file at `at` (the scenario's pointer) / "changes" / index.
///
/// A domain operation reads the model as the changes before it left it. When a change before
/// it gave a member the wrong type (a journey replaced by a number, say), the operation cannot
/// read the model: the document is then validated as a model is, and its errors are reported
/// at the domain operation's change, naming the change that caused them; the rest of the
/// scenario is not applied. A model that is only semantically invalid between two changes
/// (a team briefly without skills) is fine: the final model is validated anyway.
struct Applied {
    Json patch = Json::array();
    std::vector<std::pair<std::size_t, std::string>> touched;  ///< change index, model pointer
    std::vector<std::string> removed, added;
    bool ok = true;
};

Applied apply(Json& doc, const Json& changes, const Pointer& at, Diagnostics& diag,
              const std::string& scenario) {
    Applied out;
    const Pointer cp = at / "changes";
    if (!changes.is_array()) {
        diag.error(cp, "\"changes\" must be a list of changes",
                   "each change is a JSON Patch operation or a domain operation such as "
                   "{\"op\": \"scale_demand\", \"factor\": 1.1}");
        out.ok = false;
        return out;
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const Json& change = changes[i];
        const Pointer here = cp / i;
        auto fail = [&](const Pointer& where, const std::string& message, const std::string& hint) {
            diag.error(Pointer(here.to_string() + where.to_string()),
                       fmt::format("scenario \"{}\", change {}: {}", scenario, i, message), hint);
            out.ok = false;
        };
        auto unreadable = [&](const std::string& operation, std::string what) {
            Diagnostics check(diag.file());
            detail::build_model(doc, check);
            bool reported = false;
            for (const auto& d : check.items()) {
                if (d.severity != Severity::Error) continue;
                // The last change touching the place at fault; else the only change so far.
                std::string culprit;
                for (const auto& [index, path] : out.touched) {
                    if (related(path, d.pointer)) culprit = fmt::format("change {}", index);
                }
                if (culprit.empty() && !out.touched.empty() &&
                    out.touched.front().first == out.touched.back().first)
                    culprit = fmt::format("change {}", out.touched.front().first);
                fail(Pointer(),
                     fmt::format("cannot apply \"{}\": {} the model with an error at {}: {}",
                                 operation,
                                 culprit.empty() ? std::string("the changes before it leave")
                                                 : culprit + " leaves",
                                 d.pointer.empty() ? std::string("/") : d.pointer, d.message),
                     d.hint.empty() ? "a domain operation reads the model as the changes before "
                                      "it left it; fix the change before it"
                                    : d.hint);
                reported = true;
            }
            if (!reported) {
                if (auto pos = what.find("] "); pos != std::string::npos)
                    what = what.substr(pos + 2);
                fail(Pointer(),
                     fmt::format("cannot apply \"{}\": the model is not in the shape it expects "
                                 "({})",
                                 operation, what),
                     "a domain operation reads the model as the changes before it left it; "
                     "check the changes before it");
            }
        };
        if (!change.is_object() || !change.contains("op") || !change.at("op").is_string()) {
            fail(Pointer(), "a change must be an object with an \"op\"",
                 "e.g. {\"op\": \"replace\", \"path\": \"/channels/phone/fix_rate\", \"value\": "
                 "0.8}");
            continue;
        }
        const auto name = change.at("op").get<std::string>();
        const bool plain =
            std::find(std::begin(kPatchOps), std::end(kPatchOps), name) != std::end(kPatchOps);
        const bool domain =
            std::find(std::begin(kDomainOps), std::end(kDomainOps), name) != std::end(kDomainOps);
        if (!plain && !domain) {
            fail(Pointer() / "op", fmt::format("unknown operation \"{}\"", name),
                 diagnostics::suggestion(name, all_ops(), "operations"));
            continue;
        }
        Json patch;
        try {
            if (plain) {
                patch = Json::array({change});
            } else if (name == "add_channel") {
                patch = expand_add_channel(doc, change);
                out.added.push_back(change.at("id").get<std::string>());
            } else if (name == "remove_channel") {
                std::string removed;
                patch = expand_remove_channel(doc, change, removed);
                out.removed.push_back(removed);
            } else if (name == "scale_demand") {
                patch = expand_scale_demand(doc, change);
            } else {
                patch = expand_set_agents(doc, change);
            }
        } catch (const ChangeProblem& p) {
            fail(p.where, p.message, p.hint);
            continue;
        } catch (const Json::exception& e) {
            // The operation met a member of the wrong type: say which change put it there.
            unreadable(name, e.what());
            return out;  // later changes would only repeat these errors
        }
        // Operation by operation on a copy, so that each is checked against the document as
        // the operations before it left it; the document changes only if all of them apply.
        Json work = doc;
        std::string problem;
        try {
            for (const auto& o : patch) {
                problem = below_scalar(work, o);
                if (!problem.empty()) break;
                work.patch_inplace(Json::array({o}));
            }
        } catch (const Json::exception& e) {
            problem = e.what();
            if (auto pos = problem.find("] "); pos != std::string::npos)
                problem = problem.substr(pos + 2);
            problem.insert(0, "cannot apply: ");
        }
        if (!problem.empty()) {
            fail(change.contains("path") ? Pointer() / "path" : Pointer(), problem,
                 "check the path against the base model (JSON Pointer, e.g. "
                 "/channels/phone/fix_rate; \"-\" appends to an array)");
            continue;
        }
        doc = std::move(work);
        for (const auto& o : patch) {
            out.patch.push_back(o);
            out.touched.emplace_back(i, o.value("path", ""));
        }
    }
    return out;
}

}  // namespace

bool is_scenario_file(const std::filesystem::path& path) {
    try {
        const auto text = read_input_file(path);
        Diagnostics diag(path.string());
        auto doc = detail::parse_json(text, InputLimits{}, diag);
        return doc && doc->is_object() && doc->contains("journeysim_scenarios");
    } catch (const InputError&) {
        return false;
    }
}

ScenarioSet load_scenarios_text(std::string_view text, const std::filesystem::path& file,
                                const InputLimits& limits) {
    return load_scenarios_text(text, file, limits, [&limits](const std::filesystem::path& path) {
        return read_input_file(path, limits);
    });
}

ScenarioSet load_scenarios_text(std::string_view text, const std::filesystem::path& file,
                                const InputLimits& limits, const BaseReader& read_base) {
    Diagnostics diag(file.string());
    Reader r(diag);
    auto parsed = detail::parse_json(text, limits, diag);
    diag.throw_if_errors();
    const Json& doc = *parsed;
    const Pointer root;
    ScenarioSet set;
    set.file = file.string();
    if (!r.is_object(doc, root, "a scenario file")) diag.throw_if_errors();
    if (doc.contains("journeysim") && !doc.contains("journeysim_scenarios")) {
        diag.error(root, "this is a model file, not a scenario file",
                   "a scenario file starts with \"journeysim_scenarios\": 1 and names its "
                   "\"base\" model");
        diag.throw_if_errors();
    }
    r.check_keys(doc, root,
                 {"$schema", "journeysim_scenarios", "name", "description", "base", "scenarios"});
    if (!doc.contains("journeysim_scenarios")) {
        r.missing(root, "journeysim_scenarios", "start the file with \"journeysim_scenarios\": 1");
    } else if (doc.at("journeysim_scenarios") != 1) {
        diag.error(root / "journeysim_scenarios", "unsupported format version",
                   "this version of journeysim reads \"journeysim_scenarios\": 1");
    }
    set.name = r.string(doc, "name", root, false).value_or(file.stem().string());
    set.description = r.string(doc, "description", root, false).value_or("");
    const auto base =
        r.string(doc, "base", root, true,
                 "name the model the scenarios change, relative to this file: \"base\": "
                 "\"model.json\"");
    r.nonempty_object(doc, "scenarios", root, "names to scenarios", kScenariosExample);
    diag.throw_if_errors();

    // The base model, relative to the scenario file.
    set.base_path = std::filesystem::path(*base).is_absolute() ? std::filesystem::path(*base)
                                                               : file.parent_path() / *base;
    std::string base_text;
    try {
        base_text = read_base(set.base_path);
    } catch (const InputError& e) {
        diag.error(root / "base",
                   fmt::format("cannot read the base model {}: {}", set.base_path.string(),
                               e.diagnostics().empty() ? std::string(e.what())
                                                       : e.diagnostics().front().message),
                   "\"base\" is a path relative to the scenario file");
        diag.throw_if_errors();
    }
    Diagnostics base_diag(set.base_path.string());
    auto base_doc = detail::parse_json(base_text, limits, base_diag);
    base_diag.throw_if_errors();
    auto base_model = detail::build_model(*base_doc, base_diag);
    base_diag.throw_if_errors();
    base_model->file = set.base_path.string();
    set.base = detail::ValidModelMaker::make(base_model);
    const std::vector<Diagnostic> base_warnings = base_diag.warnings();
    for (const auto& w : base_warnings)
        set.warnings.push_back(w);

    for (const auto& item : doc.at("scenarios").items()) {
        const Pointer at = root / "scenarios" / item.key();
        const Json& s = item.value();
        if (!r.is_object(s, at, "a scenario")) continue;
        r.check_keys(s, at, {"description", "changes"});
        Scenario scenario;
        scenario.name = item.key();
        scenario.description = r.string(s, "description", at, false).value_or("");
        if (!s.contains("changes")) {
            r.missing(at, "changes",
                      "add the scenario's changes, e.g. \"changes\": [{\"op\": \"scale_demand\", "
                      "\"factor\": 1.1}]");
            continue;
        }
        Json patched = *base_doc;
        auto applied = apply(patched, s.at("changes"), at, diag, scenario.name);
        if (!applied.ok) continue;
        scenario.expanded_patch = applied.patch.dump(2);
        scenario.removed_channels = applied.removed;
        scenario.added_channels = applied.added;

        // Validate the patched model; attribute each problem to the last change touching it.
        Diagnostics model_diag(fmt::format("{} (scenario \"{}\")", set.file, scenario.name));
        auto model = detail::build_model(patched, model_diag);
        for (auto d : model_diag.items()) {
            // A warning the base model has already is said once, for the base.
            if (d.severity == Severity::Warning &&
                std::any_of(base_warnings.begin(), base_warnings.end(), [&](const Diagnostic& w) {
                    return w.pointer == d.pointer && w.message == d.message;
                }))
                continue;
            std::string culprit;
            for (const auto& [index, path] : applied.touched) {
                if (related(path, d.pointer)) culprit = fmt::format(", change {}", index);
            }
            d.message = fmt::format("after the changes of scenario \"{}\"{}: {}", scenario.name,
                                    culprit, d.message);
            diag.items().push_back(d);
        }
        if (!model) continue;
        model->file = set.base_path.string();
        if (*model == *base_model) {
            diag.warning(at / "changes",
                         fmt::format("scenario \"{}\" leaves the model unchanged: its results "
                                     "will equal the base's, and every difference will be 0",
                                     scenario.name),
                         "check the changes' paths and values (a \"replace\" with the value "
                         "the base already has, or a scale factor of 1, changes nothing)");
        }
        scenario.model = detail::ValidModelMaker::make(std::move(model));
        set.scenarios.push_back(std::move(scenario));
    }
    diag.throw_if_errors();
    for (auto& w : diag.warnings())
        set.warnings.push_back(w);
    return set;
}

ScenarioSet load_scenarios_file(const std::filesystem::path& path, const InputLimits& limits) {
    const std::string text = read_input_file(path, limits);
    return load_scenarios_text(text, path, limits);
}

std::string apply_changes(std::string_view model_json, std::string_view changes_json) {
    Diagnostics diag("changes");
    auto model = detail::parse_json(model_json, InputLimits{}, diag);
    auto changes = detail::parse_json(changes_json, InputLimits{}, diag);
    diag.throw_if_errors();
    auto applied = apply(*model, *changes, Pointer(), diag, "changes");
    diag.throw_if_errors();
    return model->dump(2);
}

}  // namespace journeysim
