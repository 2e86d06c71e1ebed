#pragma once
/// \file
/// Customers in the system: records in a pool with a free list, so memory grows with the number
/// of customers present at once, not with the number simulated.

#include "plan.hpp"
#include "random.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace journeysim::detail {

/// Per-customer random streams. Each purpose's stream restarts for every occasion of its kind
/// (the customer's n-th contact at a touchpoint, n-th visit of a touchpoint), seeded lazily on
/// first use with derive_seed({master seed, replication, journey, customer number, purpose,
/// occasion}). So the customer's n-th contact at a touchpoint draws the same handle time,
/// patience and outcome numbers whatever happened before (earlier contacts may have consumed
/// more or fewer numbers in another scenario): common random numbers stay aligned.
class CustomerStreams {
  public:
    /// Forgets every stream; `base` identifies the customer.
    void reset(std::uint64_t base) {
        base_ = base;
        seeded_ = 0;
        occasion_.fill(0);
    }
    /// Restarts the stream for `purpose` for occasion `n` (any 64-bit key).
    void renew(Purpose purpose, std::uint64_t n) {
        const unsigned slot = slot_of(purpose);
        occasion_[slot] = n;
        seeded_ &= ~(1u << slot);
    }
    /// The customer's stream for `purpose`.
    Engine& operator()(Purpose purpose) {
        const unsigned slot = slot_of(purpose);
        if (!(seeded_ & (1u << slot))) {
            seed_engine(engines_[slot], key(purpose));
            seeded_ |= 1u << slot;
        }
        return engines_[slot];
    }
    /// The seed of the current occasion's stream for `purpose`:
    /// sub_seed(sub_seed(base, purpose), occasion). Also keys numbers drawn as functions.
    std::uint64_t key(Purpose purpose) const { return key(purpose, occasion_[slot_of(purpose)]); }
    /// The seed the stream for `purpose` would have for occasion `n`, without renewing it.
    std::uint64_t key(Purpose purpose, std::uint64_t n) const {
        return splitmix64(splitmix64(base_ ^ kMixedPurpose[slot_of(purpose)]) ^ splitmix64(n));
    }

  private:
    static unsigned slot_of(Purpose purpose) {
        return static_cast<unsigned>(purpose) - static_cast<unsigned>(Purpose::Route);
    }
    static constexpr unsigned kStreams =
        static_cast<unsigned>(Purpose::Duration) - static_cast<unsigned>(Purpose::Route) + 1;
    // splitmix64(purpose), so that a stream's seed is sub_seed(base, purpose).
    static constexpr std::array<std::uint64_t, kStreams> kMixedPurpose = [] {
        std::array<std::uint64_t, kStreams> mixed{};
        for (unsigned i = 0; i < kStreams; ++i) {
            mixed[i] = splitmix64(static_cast<unsigned>(Purpose::Route) + i);
        }
        return mixed;
    }();
    std::array<Engine, kStreams> engines_{};
    std::array<std::uint64_t, kStreams> occasion_{};
    std::uint64_t base_ = 0;
    unsigned seeded_ = 0;
};

/// How a customer's first contact attempt went, for first-contact resolution: the first time
/// the customer reaches a contact touchpoint, whatever happens there.
enum class FirstContact : std::uint8_t {
    None,      ///< no contact sought yet
    Ongoing,   ///< the first attempt is waiting or being handled
    Resolved,  ///< it was answered (or self-served) and fixed the issue
    Failed,    ///< it was not: closed channels, a give-up, an abandoned wait, not fixed
};

/// One customer on a journey.
struct Customer {
    // Identity.
    std::uint32_t journey = 0;
    std::uint32_t segment = 0;
    std::uint64_t number = 0;  ///< identity within the journey: a hash of its arrival candidate
    std::uint64_t trace_id = 0;
    double arrival = 0;
    bool counted = false;  ///< arrived after the warm-up: counts in customer KPIs

    // Where the customer is. `token` changes whenever a wait ends; events and queue entries
    // carrying an older token are stale.
    std::uint32_t touchpoint = 0;
    std::uint32_t token = 0;

    // The current contact.
    std::uint32_t channel = kNoIndex;  ///< channel of the current contact
    std::uint32_t offered_slot = 0;    ///< index of the offered channel in the touchpoint's list
    double offered_at = 0;             ///< when the contact reached the channel
    double answered_at = 0;            ///< when an agent of the channel took it
    double handoff_at = 0;             ///< when the current hand-off work item was queued
    double work_time = 0;              ///< agent time spent on the current contact so far
    bool failure_demand = false;       ///< the current contact follows an unfixed one
    // Handling: who holds the contact and, for an employee journey, where it is.
    std::uint32_t agent = kNoIndex;
    std::uint32_t queue = kNoIndex;  ///< queue whose agent holds the contact
    std::uint32_t employee_journey = kNoIndex;
    std::uint32_t step = 0;
    // The current case (one contact's handling), for the employee figures: counted when
    // answered after the warm-up. The holder's work item is counted when taken after it.
    bool case_counted = false;
    bool case_reworked = false;        ///< a step of the case was done more than once
    std::uint32_t case_handoffs = 0;   ///< hand-offs so far
    std::uint32_t case_transfers = 0;  ///< ... to another team than the channel's
    std::uint32_t case_steps = 0;      ///< distinct steps visited so far
    std::uint32_t case_slot = 0;       ///< where the current step is among them
    double case_time = 0;              ///< employee minutes on the case's steps so far
    bool item_counted = false;
    double item_time = 0;  ///< minutes the current holder has worked on the contact

    // History.
    std::uint32_t last_channel = kNoIndex;
    std::uint32_t waits_for = kNoIndex;  ///< a closed preferred channel the customer waits for
    FirstContact first_contact = FirstContact::None;  ///< how the first contact attempt went
    std::uint32_t contacts = 0;                       ///< assisted contacts so far
    std::uint32_t switches = 0;  ///< contacts on another channel than the previous one
    bool fixed = false;          ///< the last contact fixed the issue
    bool first_fixed = false;    ///< the first assisted contact fixed the issue
    bool had_unfixed = false;    ///< some assisted contact did not fix the issue

    // Sentiment.
    double baseline = 0;
    std::array<double, kDriverCount> drivers{};
    std::uint32_t felt = 0;  ///< bit d set when driver d has contributed

    /// Likelihood to recommend so far: the baseline plus every effect felt (not yet clamped
    /// or rounded).
    double score() const {
        double ltr = baseline;
        for (std::uint32_t bits = felt; bits != 0; bits &= bits - 1)
            ltr += drivers[static_cast<std::size_t>(__builtin_ctz(bits))];
        return ltr;
    }

    CustomerStreams streams;

    /// Makes the record a fresh customer (the token keeps counting; streams are reset on arrival).
    void reset() {
        ++token;
        channel = kNoIndex;
        offered_slot = 0;
        offered_at = answered_at = handoff_at = work_time = 0;
        failure_demand = false;
        agent = queue = employee_journey = kNoIndex;
        step = 0;
        case_counted = case_reworked = item_counted = false;
        case_handoffs = case_transfers = case_steps = case_slot = 0;
        case_time = item_time = 0;
        last_channel = waits_for = kNoIndex;
        first_contact = FirstContact::None;
        contacts = switches = 0;
        fixed = first_fixed = had_unfixed = false;
        for (std::uint32_t bits = felt; bits != 0; bits &= bits - 1) {
            drivers[static_cast<std::size_t>(__builtin_ctz(bits))] = 0;
        }
        felt = 0;
        segment = 0;
    }
};

/// A pool of customer records with a free list, plus per-customer counters: contacts made at
/// each contact touchpoint and visits of each touchpoint of the customer's journey.
class CustomerPool {
  public:
    CustomerPool(std::uint32_t contact_slots, std::uint32_t touchpoints)
        : slots_(contact_slots), stride_(contact_slots + touchpoints) {}

    /// A fresh record (its token keeps counting from the previous occupant).
    std::uint32_t acquire() {
        std::uint32_t id;
        if (!free_.empty()) {
            id = free_.back();
            free_.pop_back();
        } else {
            id = static_cast<std::uint32_t>(records_.size());
            records_.emplace_back();
            counters_.resize(counters_.size() + stride_, 0);
        }
        records_[id].reset();
        std::fill_n(counters_.begin() + static_cast<std::ptrdiff_t>(id) * stride_, stride_, 0);
        ++in_use_;
        return id;
    }

    /// Returns a record to the pool.
    void release(std::uint32_t id) {
        ++records_[id].token;
        free_.push_back(id);
        --in_use_;
    }

    Customer& operator[](std::uint32_t id) { return records_[id]; }
    /// Contacts made so far at contact touchpoint `slot` of the customer's journey.
    std::uint32_t& attempts(std::uint32_t id, std::uint32_t slot) {
        return counters_[static_cast<std::size_t>(id) * stride_ + slot];
    }
    /// Visits so far of touchpoint `tp` of the customer's journey.
    std::uint32_t& visits(std::uint32_t id, std::uint32_t tp) {
        return counters_[static_cast<std::size_t>(id) * stride_ + slots_ + tp];
    }
    /// Customers currently in the system.
    std::size_t in_use() const { return in_use_; }
    /// Records ever allocated (the peak number present).
    std::size_t capacity() const { return records_.size(); }

    /// Calls `f(id)` for every customer in the system.
    template <typename F>
    void for_each_in_use(F&& f) {
        std::vector<bool> is_free(records_.size(), false);
        for (auto id : free_)
            is_free[id] = true;
        for (std::uint32_t id = 0; id < records_.size(); ++id) {
            if (!is_free[id]) f(id);
        }
    }

  private:
    std::uint32_t slots_;
    std::uint32_t stride_;
    std::vector<Customer> records_;
    std::vector<std::uint32_t> counters_;
    std::vector<std::uint32_t> free_;
    std::size_t in_use_ = 0;
};

}  // namespace journeysim::detail
