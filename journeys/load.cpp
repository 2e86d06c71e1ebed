// Loading a model file: reading it within the limits, parsing, building the model section by
// section (journeys/load/) and validating it.
#include "load/builder.hpp"

#include <journeysim/load.hpp>

#include <fstream>

namespace journeysim {

namespace detail {

namespace load {

std::shared_ptr<Model> Builder::build() {
    const Pointer root;
    if (!r_.is_object(doc_, root, "a model file")) return nullptr;
    if (doc_.contains("journeysim_scenarios")) {
        diag_.error(root, "this is a scenario file, not a model file",
                    "use `journeysim compare` for scenario files");
        return nullptr;
    }
    r_.check_keys(doc_, root,
                  {"$schema", "journeysim", "name", "description", "currency", "horizon",
                   "channels", "teams", "segments", "sentiment", "journeys", "employee_journeys"});
    if (!doc_.contains("journeysim")) {
        r_.missing(root, "journeysim", "start the file with \"journeysim\": 1");
    } else if (!doc_.at("journeysim").is_number_integer() || doc_.at("journeysim") != 1) {
        diag_.error(root / "journeysim",
                    fmt::format("unsupported format version {}", doc_.at("journeysim").dump()),
                    "this version of journeysim reads \"journeysim\": 1");
    }
    model_->name = r_.string(doc_, "name", root, true).value_or("");
    model_->description = r_.string(doc_, "description", root, false).value_or("");
    currency();

    channel_ids_ = section_ids("channels", true);
    team_ids_ = section_ids("teams", false);
    segment_ids_ = section_ids("segments", true);
    journey_ids_ = section_ids("journeys", true);

    horizon();
    teams();  // before channels so a channel can check the team's skills
    channels();
    segments();
    sentiment();
    journeys();
    employee_journeys();
    return model_;  // with errors too: validation still checks the journeys that were read whole
}

Ids Builder::section_ids(const char* name, bool required) {
    const Pointer at = Pointer() / name;
    if (!doc_.contains(name)) {
        if (required) {
            r_.missing(Pointer(), name,
                       fmt::format("add \"{}\": {{...}}, mapping ids to definitions (see "
                                   "docs/model-format.md)",
                                   name));
        }
        return {};
    }
    const Json& section = doc_.at(name);
    if (!section.is_object()) {
        diag_.add(diagnostics::wrong_type(
            diag_.file(), at.to_string(), fmt::format("\"{}\"", name),
            "an object mapping ids to definitions", type_name(section),
            fmt::format("write it as \"{}\": {{\"id\": {{...}}, ...}}", name)));
        return {};
    }
    if (required && section.empty()) {
        diag_.error(at, fmt::format("\"{}\" is empty", name),
                    "a model needs at least one entry here");
    }
    for (const auto& item : section.items()) {
        if (item.key().empty()) {
            diag_.error(at / "", "an id must not be empty",
                        "give it a name such as \"phone\"; ids name it in references and results");
        }
    }
    return Ids(keys_of(section));
}

Index Builder::resolve(const Ids& ids, const std::string& id, const Pointer& at,
                       std::string_view what) {
    if (const Index i = ids.find(id); i != kNone) return i;
    diag_.add(diagnostics::unknown_reference(diag_.file(), at.to_string(), what, id, ids.names(),
                                             std::string(what) + "s"));
    return kNone;
}

}  // namespace load

std::shared_ptr<Model> build_model(const Json& doc, Diagnostics& diag) {
    auto model = load::Builder(doc, diag).build();
    if (!model) return nullptr;
    if (diag.has_errors()) {
        // Report the structural errors of every journey that was read without an error of its
        // own together with the field errors, so one run of validate lists them all.
        validate_sound_journeys(*model, diag);
        return nullptr;
    }
    validate_model(*model, doc, diag);
    if (diag.has_errors()) return nullptr;
    return model;
}

}  // namespace detail

std::string read_input_file(const std::filesystem::path& path, const InputLimits& limits) {
    detail::Diagnostics diag(path.string());
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        diag.error(detail::Pointer(), "file not found", "check the path");
        diag.throw_if_errors();
    }
    if (std::filesystem::is_directory(path, ec)) {
        diag.error(detail::Pointer(), "is a directory, not a file", "name a .json file");
        diag.throw_if_errors();
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > limits.max_bytes) {
        diag.error(detail::Pointer(),
                   fmt::format("file is too large ({} bytes; the limit is {} bytes)", size,
                               limits.max_bytes),
                   "a model this size is almost certainly not a hand-written model; check the "
                   "file name");
        diag.throw_if_errors();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diag.error(detail::Pointer(), "cannot be opened for reading", "check its permissions");
        diag.throw_if_errors();
    }
    std::string text;
    text.resize(ec ? limits.max_bytes + 1 : std::min<std::size_t>(size, limits.max_bytes) + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > limits.max_bytes || (!ec && in.peek() != std::char_traits<char>::eof())) {
        diag.error(detail::Pointer(),
                   fmt::format("file is too large (more than {} bytes)", limits.max_bytes),
                   "a model this size is almost certainly not a hand-written model; check the "
                   "file name");
        diag.throw_if_errors();
    }
    return text;
}

LoadedModel load_model_text(std::string_view text, const std::string& file,
                            const InputLimits& limits) {
    detail::Diagnostics diag(file);
    auto doc = detail::parse_json(text, limits, diag);
    diag.throw_if_errors();
    auto model = detail::build_model(*doc, diag);
    diag.throw_if_errors();
    model->file = file;
    return {detail::ValidModelMaker::make(std::move(model)), diag.warnings()};
}

ValidModel validate(const Model& model, const std::string& file) {
    const std::string text = save_model(model);
    InputLimits limits;
    limits.max_bytes = std::max(limits.max_bytes, text.size());  // the model is already in memory
    return load_model_text(text, file, limits).model;
}

LoadedModel load_model_file(const std::filesystem::path& path, const InputLimits& limits) {
    const std::string text = read_input_file(path, limits);
    return load_model_text(text, path.string(), limits);
}

}  // namespace journeysim
