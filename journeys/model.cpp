#include <journeysim/model.hpp>

#include <cmath>
#include <numeric>

namespace journeysim {

int Team::agents_at(double t) const {
    int n = 0;
    for (const auto& shift : schedule) {
        if (shift.hours.is_open(t)) n += shift.agents;
    }
    return n;
}

double Arrivals::rate_at(double t) const {
    if (t < 0) return 0;
    const double day = std::floor(t / kMinutesPerDay);
    const auto weekday = static_cast<std::size_t>(std::fmod(day, 7.0));
    const double minute = t - day * kMinutesPerDay;
    auto slot = static_cast<std::size_t>(minute / (kMinutesPerDay / kIntradaySlots));
    if (slot >= kIntradaySlots) slot = kIntradaySlots - 1;
    return per_day * weekday_profile[weekday] * intraday[slot] / (kMinutesPerDay / kIntradaySlots);
}

namespace {
template <typename Items>
Index find_by_id(const Items& items, const std::string& id) {
    for (Index i = 0; i < items.size(); ++i) {
        if (items[i].id == id) return i;
    }
    return kNone;
}
}  // namespace

Index Journey::find(const std::string& touchpoint_id) const {
    return find_by_id(touchpoints, touchpoint_id);
}
Index EmployeeJourney::find(const std::string& step_id) const {
    return find_by_id(steps, step_id);
}
Index Model::find_channel(const std::string& id) const {
    return find_by_id(channels, id);
}
Index Model::find_team(const std::string& id) const {
    return find_by_id(teams, id);
}
Index Model::find_segment(const std::string& id) const {
    return find_by_id(segments, id);
}
Index Model::find_journey(const std::string& id) const {
    return find_by_id(journeys, id);
}

double Model::customers_per_week() const {
    double total = 0;
    for (const auto& journey : journeys) {
        const auto& w = journey.arrivals.weekday_profile;
        total += journey.arrivals.per_day * std::accumulate(w.begin(), w.end(), 0.0);
    }
    return total;
}

bool Model::operator==(const Model& other) const {
    return name == other.name && description == other.description && horizon == other.horizon &&
           channels == other.channels && teams == other.teams && segments == other.segments &&
           sentiment == other.sentiment && journeys == other.journeys &&
           employee_journeys == other.employee_journeys;
}

}  // namespace journeysim
