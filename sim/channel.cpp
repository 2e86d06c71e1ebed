// Contacts: choosing a channel, waiting, abandoning, being handled (directly or through an
// employee journey) and the contact's outcome.
#include "replication.hpp"

#include <journeysim/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace journeysim::detail {

namespace {
// Keys that set the numbers drawn on waiting for a closed channel apart from the contact's
// other numbers.
constexpr std::uint64_t kReturnKey = 0x72657475726E2D61ULL;
constexpr std::uint64_t kWaitsForPreferredKey = 0x7072656665722D77ULL;
// Draws of the return time before it is taken as uniform over the opening period.
constexpr int kReturnDraws = 64;
}  // namespace

bool Replication::is_open(std::uint32_t channel) {
    const ChannelPlan& ch = plan_.channels[channel];
    if (ch.always_open) return true;
    // Time only moves forward: the state holds until the next opening or closing.
    OpenState& state = open_state_[channel];
    if (now_ >= state.until) {
        state.open = ch.hours->is_open(now_);
        if (state.open) {
            state.until = ch.hours->close_after(now_);
        } else {
            state.until = ch.hours->next_open(now_).value_or(kNever);
        }
    }
    return state.open;
}

std::uint32_t Replication::preferred_channel(const TouchpointPlan& tp,
                                             const std::vector<double>& preference) {
    std::uint32_t best = kNoIndex;
    double top = 0;
    bool tie = false;
    for (const std::uint32_t ch : tp.channels) {
        if (preference[ch] > top) {
            top = preference[ch];
            best = ch;
            tie = false;
        } else if (preference[ch] == top) {
            tie = true;
        }
    }
    return tie ? kNoIndex : best;
}

void Replication::wait_for_opening(std::uint32_t customer, std::uint32_t tp_index,
                                   std::uint32_t channel, std::uint64_t occasion) {
    Customer& c = customers_[customer];
    // The customer comes back some time into the channel's next opening period (drawn from
    // the segment's return distribution, truncated to the period), not at the opening instant.
    const double opens = std::max(open_state_[channel].until, now_);
    const double period = plan_.channels[channel].hours->close_after(opens) - opens;
    const Sampler& draw = plan_.segments[c.segment].return_after_opening;
    Engine engine;
    seed_engine(engine, splitmix64(c.streams.key(Purpose::Duration, occasion) ^ kReturnKey));
    double after = draw(engine);
    for (int i = 1; !(after < period) && i < kReturnDraws; ++i)
        after = draw(engine);
    if (!(after < period)) after = period * uniform01(engine);
    c.touchpoint = tp_index;
    events_.push(opens + after, EventKind::ChooseAgain, customer, c.token);
}

std::uint32_t Replication::contact(std::uint32_t customer, std::uint32_t tp_index) {
    Customer& c = customers_[customer];
    const TouchpointPlan& tp = plan_.journeys[c.journey].touchpoints[tp_index];
    std::uint32_t& attempts = customers_.attempts(customer, tp.contact_slot);
    // First-contact resolution: the first attempt fails unless a contact is made below and fixes
    // the issue; coming here again means the attempt before did not.
    const bool first_attempt = c.first_contact == FirstContact::None;
    if (c.first_contact != FirstContact::Resolved) c.first_contact = FirstContact::Failed;
    if (attempts >= static_cast<std::uint32_t>(tp.max_attempts)) return tp.on_give_up;

    // Which offered channels are open now (and acceptable to the segment)? Of the closed ones,
    // which opens first?
    const SegmentPlan& segment = plan_.segments[c.segment];
    const auto& preference = segment.preference;
    scratch_.clear();
    std::uint32_t reopening = kNoIndex;
    auto consider = [&](std::uint32_t k) {
        const std::uint32_t ch = tp.channels[k];
        if (is_open(ch)) {
            scratch_.push_back(k);
        } else if (open_state_[ch].until < kNever &&
                   (reopening == kNoIndex ||
                    open_state_[ch].until < open_state_[reopening].until)) {
            reopening = ch;
        }
    };
    bool acceptable = false;
    for (std::uint32_t k = 0; k < tp.channels.size(); ++k) {
        if (!(preference[tp.channels[k]] > 0)) continue;
        acceptable = true;
        consider(k);
    }
    if (!acceptable) {
        // No offered channel is acceptable to this segment: fall back to all offered channels.
        for (std::uint32_t k = 0; k < tp.channels.size(); ++k)
            consider(k);
    }
    const std::uint64_t occasion = splitmix64(tp.id_hash ^ (attempts + 1));
    if (scratch_.empty()) {
        if (tp.wait_when_closed && reopening != kNoIndex) {
            wait_for_opening(customer, tp_index, reopening, occasion);
            return kNoIndex;
        }
        return tp.on_give_up;  // gives up
    }
    if (segment.waits_for_preferred > 0 && acceptable && tp.channels.size() > 1) {
        // Some customers wait for their preferred channel rather than take an open one.
        const std::uint32_t preferred = preferred_channel(tp, preference);
        if (preferred != kNoIndex && !is_open(preferred) && open_state_[preferred].until < kNever) {
            const double u = unit_interval(
                splitmix64(c.streams.key(Purpose::Choice, occasion) ^ kWaitsForPreferredKey));
            if (u < segment.waits_for_preferred) {
                c.waits_for = preferred;
                wait_for_opening(customer, tp_index, preferred, occasion);
                return kNoIndex;
            }
        }
    }

    // A contact is made: its choice, patience, handling and outcome draw from fresh streams.
    for (Purpose p : {Purpose::Choice, Purpose::Patience, Purpose::Handle, Purpose::Outcome}) {
        c.streams.renew(p, occasion);
    }

    // Stickiness, then a multinomial-logit choice on the segment's weights, made as the largest
    // ln w + Gumbel noise. Each channel's noise is a function of (customer, contact, channel id),
    // so a channel added in another scenario only draws customers to itself (common random
    // numbers); the draws happen whenever the touchpoint offers a choice, open or not.
    std::uint32_t chosen = kNoIndex;
    if (c.waits_for != kNoIndex) {
        // Back for the preferred channel the customer waited for (open again by now).
        for (std::uint32_t k : scratch_) {
            if (tp.channels[k] == c.waits_for) chosen = k;
        }
        c.waits_for = kNoIndex;
    }
    if (chosen == kNoIndex && tp.channels.size() > 1) {
        if (attempts > 0 && tp.stickiness > 0) {
            const bool stay = uniform01(c.streams(Purpose::Choice)) < tp.stickiness;
            if (stay) {
                for (std::uint32_t k : scratch_) {
                    if (tp.channels[k] == c.last_channel) chosen = k;
                }
            }
        }
        if (chosen == kNoIndex) {
            const std::uint64_t key = c.streams.key(Purpose::Choice);
            double best = -kNever;
            for (std::uint32_t k : scratch_) {
                const std::uint32_t ch = tp.channels[k];
                const double w = acceptable ? preference[ch] : 1.0;
                const double u = unit_interval(splitmix64(key ^ plan_.channels[ch].id_hash));
                const double score = std::log(w) - std::log(-std::log(u + 0x1p-54));
                if (score > best) {
                    best = score;
                    chosen = k;
                }
            }
        }
    }
    if (chosen == kNoIndex) chosen = scratch_.front();
    ++attempts;
    if (first_attempt) c.first_contact = FirstContact::Ongoing;

    const std::uint32_t channel = tp.channels[chosen];
    const ChannelPlan& ch = plan_.channels[channel];
    if (c.counted) stats_.touchpoints[c.journey][tp_index].chosen[chosen] += 1;
    if (c.last_channel != kNoIndex && c.last_channel != channel) ++c.switches;
    c.last_channel = channel;

    if (ch.mode == ChannelMode::SelfService) {
        // A self-service channel offered at a contact: success counts as fixed.
        bool success = false;
        const double d = use_self_service(customer, channel, success);
        c.fixed = success;
        if (success && first_attempt) c.first_contact = FirstContact::Resolved;
        if (success) {
            if (d > 0) {
                move(customer, tp.on_fixed, d, false);
                return kNoIndex;
            }
            return tp.on_fixed;
        }
        const double delay = d + tp.retry_self_service(c.streams(Purpose::Duration));
        if (delay > 0) {
            move(customer, tp.on_not_fixed, delay, false);
            return kNoIndex;
        }
        return tp.on_not_fixed;
    }

    // An assisted contact: join the channel's queue.
    c.channel = channel;
    c.offered_slot = chosen;
    c.offered_at = now_;
    c.failure_demand = c.had_unfixed;
    c.employee_journey = kNoIndex;
    if (measured()) {
        ChannelStats& cs = stats_.channels[channel];
        cs.offered += 1;
        if (c.failure_demand) cs.failure_demand += 1;
        if (c.contacts > 0) cs.repeat += 1;
    }
    if (setup_.intervals && !window_closed_) {
        stats_.intervals[interval_of(now_) * plan_.channels.size() + channel].offered += 1;
    }
    const std::uint32_t token = c.token;
    offer_to_queue(channel, customer);
    // Still waiting (same token): patience starts.
    Customer& after = customers_[customer];
    if (after.token == token && after.agent == kNoIndex && ch.has_patience) {
        const double patience = ch.patience(after.streams(Purpose::Patience)) *
                                plan_.segments[after.segment].patience_factor;
        events_.push(now_ + patience, EventKind::Abandon, customer, token);
    }
    return kNoIndex;
}

void Replication::on_abandon(std::uint32_t customer, std::uint32_t token) {
    Customer& c = customers_[customer];
    if (c.token != token) return;  // answered (or gone) meanwhile
    ++c.token;
    const std::uint32_t channel = c.channel;
    QueueState& qs = queues_[channel];
    --qs.waiting;
    queue_length_changed(channel);
    const double wait = now_ - c.offered_at;
    if (measured()) {
        ChannelStats& cs = stats_.channels[channel];
        cs.abandoned += 1;
        if (wait > 0) cs.waited += 1;
        cs.wait_abandoned += wait;
    }
    if (setup_.intervals && !window_closed_) {
        stats_.intervals[interval_of(c.offered_at) * plan_.channels.size() + channel].abandoned +=
            1;
    }
    if (c.first_contact == FirstContact::Ongoing) c.first_contact = FirstContact::Failed;
    feel(customer, kAbandoned, plan_.sentiment.abandoned);
    feel_wait(customer, plan_.channels[channel], wait, false);
    trace(customer, channel, c.offered_at, std::numeric_limits<double>::quiet_NaN(), now_,
          "abandoned");
    const TouchpointPlan& tp = plan_.journeys[c.journey].touchpoints[c.touchpoint];
    const double delay = tp.retry_abandoned(c.streams(Purpose::Duration));
    move(customer, tp.on_abandon, delay, true);
}

void Replication::answer(std::uint32_t customer) {
    Customer& c = customers_[customer];
    const ChannelPlan& ch = plan_.channels[c.channel];
    const double wait = now_ - c.offered_at;
    const bool async = ch.mode == ChannelMode::Async;
    if (measured()) {
        ChannelStats& cs = stats_.channels[c.channel];
        cs.answered += 1;
        if (wait > 0) cs.waited += 1;
        cs.wait_answered += wait;
        if (!async && wait <= ch.target_min) cs.within_target += 1;
        cs.cost += ch.cost_per_contact;
    }
    if (setup_.intervals && !window_closed_) {
        IntervalCell& cell =
            stats_.intervals[interval_of(c.offered_at) * plan_.channels.size() + c.channel];
        cell.answered += 1;
        cell.wait_answered += wait;
        if (!async && wait <= ch.target_min) cell.within_target += 1;
    }
    if (!async) feel_wait(customer, ch, wait, true);
    ++c.token;  // the patience event is now stale
    c.answered_at = now_;
    c.work_time = 0;
    const TouchpointPlan& tp = plan_.journeys[c.journey].touchpoints[c.touchpoint];
    const std::uint32_t bound = tp.bound.empty() ? kNoIndex : tp.bound[c.offered_slot];
    c.case_counted = measured();
    if (bound != kNoIndex) {
        c.employee_journey = bound;
        c.step = plan_.employee_journeys[bound].start;
        start_case(customer);
        run_steps(customer, false);
        return;
    }
    const Sampler& handle = tp.has_handle_time ? tp.handle_time : ch.handle_time;
    const double d = handle(c.streams(Purpose::Handle));
    c.work_time = d;
    c.item_time = d;
    events_.push(now_ + d, EventKind::HandlingDone, customer, c.token);
}

void Replication::start_work(std::uint32_t customer) {
    Customer& c = customers_[customer];
    const StepPlan& step = plan_.employee_journeys[c.employee_journey].steps[c.step];
    const double d = step.duration(c.streams(Purpose::Handle));
    c.work_time += d;
    work_on_step(customer, d);
    if (measured()) {
        WorkStats& ws = stats_.work[c.queue];
        ws.handled += 1;
        ws.wait += now_ - c.handoff_at;
    }
    events_.push(now_ + d, EventKind::HandlingDone, customer, c.token);
}

void Replication::on_handling_done(std::uint32_t customer, std::uint32_t token) {
    Customer& c = customers_[customer];
    if (c.token != token) return;
    if (c.employee_journey == kNoIndex) {
        const TouchpointPlan& tp = plan_.journeys[c.journey].touchpoints[c.touchpoint];
        const double fix_rate = tp.fix_rate >= 0 ? tp.fix_rate : plan_.channels[c.channel].fix_rate;
        const bool fixed = uniform01(c.streams(Purpose::Outcome)) < fix_rate;
        complete_contact(customer, fixed, true);
        return;
    }
    const StepPlan& step = plan_.employee_journeys[c.employee_journey].steps[c.step];
    c.step = next_of(step.next, c.streams(Purpose::Outcome));
    run_steps(customer, true);
}

void Replication::run_steps(std::uint32_t customer, bool direct) {
    Customer& c = customers_[customer];
    const EmployeeJourneyPlan& ej = plan_.employee_journeys[c.employee_journey];
    constexpr int kMaxSteps = 100000;
    for (int n = 0; n < kMaxSteps; ++n) {
        const StepPlan& step = ej.steps[c.step];
        visit_step(customer);
        switch (step.kind) {
            case StepKind::Step: {
                const double d = step.duration(c.streams(Purpose::Handle));
                if (d > 0) {
                    c.work_time += d;
                    work_on_step(customer, d);
                    events_.push(now_ + d, EventKind::HandlingDone, customer, c.token);
                    return;
                }
                c.step = next_of(step.next, c.streams(Purpose::Outcome));
                break;
            }
            case StepKind::Handoff: {
                ++c.case_handoffs;
                if (plan_.queues[step.queue].team != plan_.channels[c.channel].team) {
                    ++c.case_transfers;
                }
                c.work_time += release_holder(customer);
                Customer& again = customers_[customer];
                again.handoff_at = now_;
                if (measured()) stats_.work[step.queue].offered += 1;
                offer_to_queue(step.queue, customer);
                return;
            }
            case StepKind::End:
                complete_contact(customer, step.fixed, direct);
                return;
        }
    }
    SimulationFailure f;
    f.problem = fmt::format("the contact ran {} steps without time passing, the last at this step",
                            kMaxSteps);
    f.hint = "a cycle of steps needs time: give one step of the cycle a \"duration\"";
    f.customer = c.trace_id;
    f.journey = ej.id;
    f.touchpoint = ej.steps[c.step].id;
    f.employee = true;
    throw SimulationError(std::move(f));
}

void Replication::complete_contact(std::uint32_t customer, bool fixed, bool direct) {
    const double wrap_up = release_holder(customer);
    Customer& c = customers_[customer];
    c.work_time += wrap_up;
    if (c.case_counted) {
        TeamStats& team = stats_.teams[plan_.channels[c.channel].team];
        team.contacts += 1;
        if (c.employee_journey != kNoIndex) book_case(customer, fixed, team);
    }
    const ChannelPlan& ch = plan_.channels[c.channel];
    const bool async = ch.mode == ChannelMode::Async;
    const double response = now_ - c.offered_at;
    if (measured()) {
        ChannelStats& cs = stats_.channels[c.channel];
        cs.completed += 1;
        if (fixed) cs.fixed += 1;
        cs.handle_time += c.work_time;
        if (async) {
            cs.responded_time += response;
            if (response <= ch.target_min) cs.within_target += 1;
        }
    }
    if (setup_.intervals && !window_closed_) {
        IntervalCell& cell =
            stats_.intervals[interval_of(c.offered_at) * plan_.channels.size() + c.channel];
        cell.completed += 1;
        cell.handle_time += c.work_time;
        if (async && response <= ch.target_min) cell.within_target += 1;
    }
    if (async) feel_wait(customer, ch, response, true);
    if (c.counted) {
        TouchpointStats& ts = stats_.touchpoints[c.journey][c.touchpoint];
        ts.completed += 1;
        if (fixed) ts.fixed += 1;
    }
    if (c.first_contact == FirstContact::Ongoing)
        c.first_contact = fixed ? FirstContact::Resolved : FirstContact::Failed;
    if (c.contacts == 0) {
        c.first_fixed = fixed;
        if (fixed) feel(customer, kFixedFirstTime, plan_.sentiment.fixed_first_time);
    } else {
        feel(customer, kRepeatContacts, plan_.sentiment.per_repeat_contact);
    }
    ++c.contacts;
    if (!fixed) c.had_unfixed = true;
    c.fixed = fixed;
    if (ch.experience != 0) feel(customer, kChannelExperience, ch.experience);
    trace(customer, c.channel, c.offered_at, c.answered_at, now_, fixed ? "fixed" : "not_fixed");
    c.employee_journey = kNoIndex;
    const TouchpointPlan& tp = plan_.journeys[c.journey].touchpoints[c.touchpoint];
    if (fixed) {
        move(customer, tp.on_fixed, 0, direct);
    } else {
        move(customer, tp.on_not_fixed, tp.retry_not_fixed(c.streams(Purpose::Duration)), direct);
    }
}

void Replication::start_case(std::uint32_t customer) {
    Customer& c = customers_[customer];
    c.case_reworked = false;
    c.case_handoffs = c.case_transfers = c.case_steps = 0;
    c.case_time = 0;
    const std::size_t end = (static_cast<std::size_t>(customer) + 1) * case_stride_;
    if (case_step_.size() < end) {
        case_step_.resize(end);
        case_visits_.resize(end);
        case_step_time_.resize(end);
    }
}

void Replication::book_case(std::uint32_t customer, bool fixed, TeamStats& team) {
    const Customer& c = customers_[customer];
    team.transfers += c.case_transfers;
    team.cases += 1;
    if (c.case_reworked) team.reworked += 1;
    EmployeeJourneyStats& es = stats_.employee_journeys[c.employee_journey];
    es.cases += 1;
    es.time += c.case_time;
    es.handoffs += c.case_handoffs;
    if (c.case_reworked) es.reworked += 1;
    if (fixed) es.fixed += 1;
    const std::size_t at = customer * case_stride_;
    for (std::uint32_t i = 0; i < c.case_steps; ++i) {
        StepStats& step = es.steps[case_step_[at + i]];
        step.visits += case_visits_[at + i];
        step.time += case_step_time_[at + i];
    }
}

void Replication::trace(std::uint32_t customer, std::uint32_t channel, double arrival,
                        double answer_time, double end, const char* outcome) {
    if (setup_.trace == nullptr) return;
    const Customer& c = customers_[customer];
    const Model& model = *plan_.model;
    TraceRow row;
    row.customer = c.trace_id;
    row.journey = model.journeys[c.journey].id;
    row.segment = model.segments[c.segment].id;
    row.touchpoint = model.journeys[c.journey].touchpoints[c.touchpoint].id;
    row.channel = model.channels[channel].id;
    row.arrival = arrival;
    row.answer = answer_time;
    row.end = end;
    row.outcome = outcome;
    setup_.trace->write(row);
}

}  // namespace journeysim::detail
