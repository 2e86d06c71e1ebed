#pragma once
/// \file
/// The event calendar: a 4-ary heap of small plain events ordered by (time, priority, sequence),
/// so simultaneous events always run in the same order. (Four children per node halve the depth
/// of a binary heap; a pop compares more siblings but touches fewer cache lines.)

#include <cstdint>
#include <vector>

namespace journeysim::detail {

/// What an event does. Values double as tie-break priorities (lower runs first at equal times).
enum class EventKind : std::uint8_t {
    StaffChange = 0,   ///< a team's number of agents on duty changes (a = team)
    HandlingDone = 1,  ///< an agent finishes a piece of work (a = work item, b = token)
    WrapUpDone = 2,    ///< an agent finishes after-contact work (a = team, b = agent)
    Abandon = 3,       ///< a waiting customer's patience runs out (a = customer, b = token)
    Advance = 4,       ///< a customer moves on to a touchpoint (a = customer, b = token)
    ChooseAgain = 5,   ///< a channel opened: choose again at the same contact (a, b as Advance)
};
// New customers' arrivals are not heap events: the engine keeps the next arrival of each journey
// and runs it after every heap event of the same time.

/// One scheduled event: 24 bytes, trivially copyable.
struct Event {
    double time = 0;          ///< minutes since Monday 00:00
    std::uint64_t order = 0;  ///< priority in the top 8 bits, then a sequence number
    std::uint32_t a = 0;
    std::uint32_t b = 0;

    EventKind kind() const { return static_cast<EventKind>(order >> 56); }
};

/// A min-heap of events. Ties in time are broken by kind, then by the order of scheduling.
/// The order is total (sequence numbers are unique), so the heap's shape never matters.
class EventQueue {
  public:
    /// Reserves room for `n` pending events.
    void reserve(std::size_t n) { heap_.reserve(n); }
    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    /// Events scheduled so far (a work counter for benchmarks).
    std::uint64_t scheduled() const { return sequence_; }

    /// Schedules an event.
    void push(double time, EventKind kind, std::uint32_t a, std::uint32_t b = 0) {
        Event e{time, (static_cast<std::uint64_t>(kind) << 56) | sequence_++, a, b};
        heap_.push_back(e);
        sift_up(heap_.size() - 1);
    }

    /// The earliest event (requires !empty()).
    const Event& top() const { return heap_.front(); }

    /// Removes and returns the earliest event (requires !empty()).
    Event pop() {
        Event top = heap_.front();
        Event last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) sift_down(last);
        return top;
    }

    void clear() {
        heap_.clear();
        sequence_ = 0;
    }

  private:
    static bool before(const Event& x, const Event& y) {
        return x.time < y.time || (x.time == y.time && x.order < y.order);
    }

    void sift_up(std::size_t i) {
        Event e = heap_[i];
        while (i > 0) {
            const std::size_t parent = (i - 1) / kArity;
            if (!before(e, heap_[parent])) break;
            heap_[i] = heap_[parent];
            i = parent;
        }
        heap_[i] = e;
    }

    // Places `e` (the former last element) starting from the root.
    void sift_down(const Event& e) {
        const std::size_t n = heap_.size();
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = kArity * i + 1;
            if (first >= n) break;
            std::size_t best = first;
            const std::size_t last = first + kArity < n ? first + kArity : n;
            for (std::size_t c = first + 1; c < last; ++c) {
                if (before(heap_[c], heap_[best])) best = c;
            }
            if (!before(heap_[best], e)) break;
            heap_[i] = heap_[best];
            i = best;
        }
        heap_[i] = e;
    }

    static constexpr std::size_t kArity = 4;
    std::vector<Event> heap_;
    std::uint64_t sequence_ = 0;
};

}  // namespace journeysim::detail
