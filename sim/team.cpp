// Agents: who is free, who takes which work, and what happens when work ends.
#include "replication.hpp"

#include <algorithm>
#include <cassert>

namespace journeysim::detail {

void Replication::queue_length_changed(std::uint32_t q) {
    const double length = queues_[q].waiting;
    const QueuePlan& qp = plan_.queues[q];
    if (qp.channel != kNoIndex) {
        ChannelStats& cs = stats_.channels[qp.channel];
        cs.queue.set(now_, length, window_from_);
        if (measured() && length > cs.max_queue) cs.max_queue = length;
    } else {
        WorkStats& ws = stats_.work[q];
        ws.queue.set(now_, length, window_from_);
        if (measured() && length > ws.max_queue) ws.max_queue = length;
    }
}

void Replication::offer_to_queue(std::uint32_t q, std::uint32_t customer) {
    const std::uint32_t agent = free_agent_for(q);
    if (agent != kNoIndex) {
        assign(agent, q, customer);
        if (plan_.queues[q].messaging) note_partial(agent);
        return;
    }
    QueueState& qs = queues_[q];
    qs.entries.push({customer, customers_[customer].token});
    ++qs.waiting;
    queue_length_changed(q);
}

std::uint32_t Replication::free_agent_for(std::uint32_t q) {
    const QueuePlan& qp = plan_.queues[q];
    if (qp.messaging) {
        auto& partial = queues_[q].partial;
        while (!partial.empty()) {
            const std::uint32_t a = partial.back();
            const Agent& ag = agents_[a];
            const TeamState& ts = teams_[ag.team];
            if (ag.present && ag.queue == q && ag.load > 0 &&
                ag.load < static_cast<std::uint32_t>(qp.concurrency) && ts.present <= ts.target) {
                return a;
            }
            if (agents_[a].partial_queue == q) agents_[a].partial_queue = kNoIndex;
            partial.pop_back();
        }
    }
    // An idle agent of the owning team first, else of a team that pools or takes overflow.
    for (const std::uint32_t t : qp.teams) {
        auto& idle = teams_[t].idle;
        if (idle.empty()) continue;
        const std::uint32_t a = idle.back();
        idle.pop_back();
        return a;
    }
    return kNoIndex;
}

void Replication::note_partial(std::uint32_t agent) {
    Agent& ag = agents_[agent];
    const QueuePlan& qp = plan_.queues[ag.queue];
    auto& partial = queues_[ag.queue].partial;
    if (ag.load < static_cast<std::uint32_t>(qp.concurrency)) {
        if (ag.partial_queue != ag.queue) {
            ag.partial_queue = ag.queue;
            partial.push_back(agent);
        }
    } else if (ag.partial_queue == ag.queue && !partial.empty() && partial.back() == agent) {
        ag.partial_queue = kNoIndex;
        partial.pop_back();
    }
}

void Replication::dispatch(std::uint32_t agent) {
    Agent& ag = agents_[agent];
    assert(ag.load == 0 && ag.present);
    const std::uint32_t team = ag.team;
    for (std::uint32_t q : plan_.teams[team].queues) {
        if (queues_[q].waiting == 0) continue;
        take(q, agent);
        const QueuePlan& qp = plan_.queues[q];
        if (qp.messaging) {
            while (agents_[agent].load < static_cast<std::uint32_t>(qp.concurrency) &&
                   queues_[q].waiting > 0) {
                take(q, agent);
            }
            note_partial(agent);
        }
        return;
    }
    teams_[team].idle.push_back(agent);
}

void Replication::take(std::uint32_t q, std::uint32_t agent) {
    QueueState& qs = queues_[q];
    for (;;) {
        const Entry e = qs.entries.front();
        qs.entries.pop();
        if (customers_[e.customer].token == e.token) {
            --qs.waiting;
            queue_length_changed(q);
            assign(agent, q, e.customer);
            return;
        }
    }
}

void Replication::assign(std::uint32_t agent, std::uint32_t q, std::uint32_t customer) {
    Agent& ag = agents_[agent];
    const QueuePlan& qp = plan_.queues[q];
    Customer& c = customers_[customer];
    TeamStats& ts = stats_.teams[ag.team];
    const double from = window_from_;
    ts.busy.add(now_, qp.unit, from);
    if (c.failure_demand) ts.busy_failure.add(now_, qp.unit, from);
    if (measured()) ts.handled += 1;
    c.item_counted = measured();
    c.item_time = 0;
    if (qp.channel != kNoIndex) {
        ChannelStats& cs = stats_.channels[qp.channel];
        // The channel's occupancy is of its own team's time: other teams' agents not in it.
        if (ag.team == qp.team) cs.busy.add(now_, qp.unit, from);
        if (qp.messaging) {
            cs.conversations.add(now_, 1, from);
            if (ag.load == 0) cs.engaged.add(now_, 1, from);
        }
    }
    ++ag.load;
    ag.queue = q;
    c.agent = agent;
    c.queue = q;
    if (qp.channel != kNoIndex) {
        answer(customer);
    } else {
        start_work(customer);
    }
}

void Replication::release_slot(std::uint32_t agent, std::uint32_t q, bool failure_demand) {
    Agent& ag = agents_[agent];
    const QueuePlan& qp = plan_.queues[q];
    TeamStats& ts = stats_.teams[ag.team];
    const double from = window_from_;
    ts.busy.add(now_, -qp.unit, from);
    if (failure_demand) ts.busy_failure.add(now_, -qp.unit, from);
    if (qp.channel != kNoIndex) {
        ChannelStats& cs = stats_.channels[qp.channel];
        if (ag.team == qp.team) cs.busy.add(now_, -qp.unit, from);
        if (qp.messaging) {
            cs.conversations.add(now_, -1, from);
            if (ag.load == 1) cs.engaged.add(now_, -1, from);
        }
    }
    assert(ag.load > 0);
    --ag.load;
    TeamState& team = teams_[ag.team];
    if (ag.load > 0) {
        // A messaging agent with other conversations open: fill the freed slot.
        if (team.present <= team.target) {
            while (ag.load < static_cast<std::uint32_t>(qp.concurrency) && queues_[q].waiting > 0) {
                take(q, agent);
            }
            note_partial(agent);
        }
        return;
    }
    ag.queue = kNoIndex;
    if (team.present > team.target) {
        // The agent's shift has ended: leave now that the work is done.
        ag.present = false;
        team.absent.push_back(agent);
        --team.present;
        on_duty_changed(ag.team, -1);
        return;
    }
    dispatch(agent);
}

double Replication::release_holder(std::uint32_t customer) {
    Customer& c = customers_[customer];
    const std::uint32_t agent = c.agent;
    const std::uint32_t q = c.queue;
    c.agent = kNoIndex;
    c.queue = kNoIndex;
    if (agent == kNoIndex) return 0;
    const QueuePlan& qp = plan_.queues[q];
    TeamStats& ts = stats_.teams[agents_[agent].team];
    if (c.item_counted) {
        ts.items += 1;
        ts.item_time += c.item_time;
    }
    if (qp.channel != kNoIndex && measured()) ts.wrap_ups += 1;
    if (qp.channel != kNoIndex && plan_.channels[qp.channel].has_wrap_up) {
        const double wrap = plan_.channels[qp.channel].wrap_up(c.streams(Purpose::Handle));
        if (wrap > 0) {
            if (measured()) ts.wrap_time += wrap;
            // The part of the wrap-up inside the measured period, as in the busy time.
            const double inside =
                std::min(now_ + wrap, plan_.horizon) - std::max(now_, plan_.warmup);
            if (inside > 0) ts.wrap_busy += qp.unit * inside;
            events_.push(now_ + wrap, EventKind::WrapUpDone, agent,
                         (q << 1) | (c.failure_demand ? 1u : 0u));
            return wrap;
        }
    }
    release_slot(agent, q, c.failure_demand);
    return 0;
}

void Replication::on_wrap_up_done(std::uint32_t agent, std::uint32_t packed) {
    release_slot(agent, packed >> 1, (packed & 1u) != 0);
}

}  // namespace journeysim::detail
