#include <journeysim/enum_names.hpp>
#include <journeysim/metrics.hpp>
#include <journeysim/result.hpp>

#include <algorithm>
#include <stdexcept>

namespace journeysim {
namespace {

/// The tokens of a scope's path before the metric's name; "" marks an id.
std::span<const std::string_view> pattern(Scope scope) {
    static constexpr std::string_view kKpi[] = {"kpis"};
    static constexpr std::string_view kHistogram[] = {"kpis", "ltr_histogram", ""};
    static constexpr std::string_view kDriver[] = {"drivers"};
    static constexpr std::string_view kOutcome[] = {"outcomes", ""};
    static constexpr std::string_view kJourney[] = {"journeys", ""};
    static constexpr std::string_view kJourneyOutcome[] = {"journeys", "", "outcomes", ""};
    static constexpr std::string_view kTouchpoint[] = {"journeys", "", "touchpoints", ""};
    static constexpr std::string_view kMove[] = {"journeys", "", "touchpoints", "", "to", ""};
    static constexpr std::string_view kTouchpointChannel[] = {"journeys", "",         "touchpoints",
                                                              "",         "channels", ""};
    static constexpr std::string_view kSegment[] = {"segments", ""};
    static constexpr std::string_view kChannel[] = {"channels", ""};
    static constexpr std::string_view kTeam[] = {"teams", ""};
    static constexpr std::string_view kTeamWork[] = {"teams", "", "work", ""};
    static constexpr std::string_view kEmployee[] = {"employee_journeys", ""};
    static constexpr std::string_view kStep[] = {"employee_journeys", "", "steps", ""};
    static constexpr std::string_view kFlow[] = {"flow"};
    switch (scope) {
        case Scope::Kpi:
            return kKpi;
        case Scope::LtrHistogram:
            return kHistogram;
        case Scope::Driver:
            return kDriver;
        case Scope::Outcome:
            return kOutcome;
        case Scope::Journey:
            return kJourney;
        case Scope::JourneyOutcome:
            return kJourneyOutcome;
        case Scope::Touchpoint:
            return kTouchpoint;
        case Scope::Move:
            return kMove;
        case Scope::TouchpointChannel:
            return kTouchpointChannel;
        case Scope::Segment:
            return kSegment;
        case Scope::Channel:
            return kChannel;
        case Scope::Team:
            return kTeam;
        case Scope::TeamWork:
            return kTeamWork;
        case Scope::EmployeeJourney:
            return kEmployee;
        case Scope::Step:
            return kStep;
        case Scope::Flow:
            return kFlow;
    }
    return {};
}

constexpr Scope kScopes[] = {Scope::Kpi,
                             Scope::LtrHistogram,
                             Scope::Driver,
                             Scope::Outcome,
                             Scope::Journey,
                             Scope::JourneyOutcome,
                             Scope::Touchpoint,
                             Scope::Move,
                             Scope::TouchpointChannel,
                             Scope::Segment,
                             Scope::Channel,
                             Scope::Team,
                             Scope::TeamWork,
                             Scope::EmployeeJourney,
                             Scope::Step,
                             Scope::Flow};

/// Unescapes one reference token ("~1" → "/", "~0" → "~"); nothing for a malformed one.
std::optional<std::string> unescape_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] != '~') {
            out += token[i];
            continue;
        }
        if (i + 1 >= token.size()) return std::nullopt;
        const char next = token[++i];
        if (next == '0') {
            out += '~';
        } else if (next == '1') {
            out += '/';
        } else {
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace

std::size_t id_count(Scope scope) {
    const auto tokens = pattern(scope);
    return static_cast<std::size_t>(std::count(tokens.begin(), tokens.end(), std::string_view{}));
}

std::string metric_path(const MetricKind& kind, std::initializer_list<std::string_view> ids) {
    if (ids.size() != id_count(kind.scope))
        throw std::invalid_argument("metric " + std::string(kind.key) + " takes " +
                                    std::to_string(id_count(kind.scope)) + " ids, not " +
                                    std::to_string(ids.size()));
    std::string path;
    const auto* id = ids.begin();
    for (std::string_view token : pattern(kind.scope)) {
        path += '/';
        path += token.empty() ? json_pointer_token(*id++) : std::string(token);
    }
    if (!kind.name.empty()) {
        path += '/';
        path += kind.name;
    }
    return path;
}

std::optional<MetricPath> parse_metric_path(std::string_view path) {
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::vector<std::string_view> tokens;
    for (std::size_t start = 1;;) {
        const std::size_t slash = path.find('/', start);
        tokens.push_back(path.substr(start, slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    for (Scope scope : kScopes) {
        const auto shape = pattern(scope);
        if (tokens.size() < shape.size() || tokens.size() > shape.size() + 1) continue;
        MetricPath parsed;
        bool matches = true;
        for (std::size_t i = 0; i < shape.size() && matches; ++i) {
            if (!shape[i].empty()) {
                matches = tokens[i] == shape[i];
            } else if (auto id = unescape_token(tokens[i])) {
                parsed.ids.push_back(std::move(*id));
            } else {
                matches = false;
            }
        }
        if (!matches) continue;
        const std::string_view name = tokens.size() > shape.size() ? tokens.back() : "";
        for (const MetricKind& kind : kMetricCatalogue) {
            if (kind.scope == scope && kind.name == name) {
                parsed.kind = &kind;
                return parsed;
            }
        }
    }
    return std::nullopt;
}

std::string_view unit_note(Unit unit) {
    static constexpr EnumText<Unit> notes[] = {
        {Unit::Seconds, " (s)"}, {Unit::Minutes, " (min)"}, {Unit::Hours, " (h)"}};
    return text_of(notes, unit);
}

std::string label_with_unit(const MetricKind& kind) {
    return std::string(kind.label) + std::string(unit_note(kind.unit));
}

}  // namespace journeysim
