#include <journeysim/model.hpp>

#include <algorithm>
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

double Model::customers_per_week() const {
    double total = 0;
    for (const auto& journey : journeys) {
        const auto& w = journey.arrivals.weekday_profile;
        total += journey.arrivals.per_day * std::accumulate(w.begin(), w.end(), 0.0);
    }
    return total;
}

Index Model::employee_journey_for(Index journey, Index touchpoint, Index channel) const {
    Index by_channel = kNone;
    Index by_touchpoint = kNone;
    for (Index e = 0; e < employee_journeys.size(); ++e) {
        const Binding& b = employee_journeys[e].binding;
        const bool listed =
            std::find(b.channels.begin(), b.channels.end(), channel) != b.channels.end();
        if (b.journey == kNone || b.touchpoint == kNone) {
            if (listed) by_channel = e;
        } else if (b.journey == journey && b.touchpoint == touchpoint &&
                   (listed || b.channels.empty())) {
            by_touchpoint = e;
        }
    }
    return by_touchpoint != kNone ? by_touchpoint : by_channel;
}

bool Model::operator==(const Model& other) const {
    return name == other.name && description == other.description && currency == other.currency &&
           horizon == other.horizon && channels == other.channels && teams == other.teams &&
           segments == other.segments && sentiment == other.sentiment &&
           journeys == other.journeys && employee_journeys == other.employee_journeys;
}

}  // namespace journeysim
