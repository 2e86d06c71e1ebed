#pragma once
/// \file
/// A FIFO queue on a growable ring buffer (power-of-two capacity, no allocation once warm).

#include <cassert>
#include <cstddef>
#include <vector>

namespace journeysim::detail {

/// First in, first out; amortised O(1) push and pop, memory reused.
template <typename T>
class RingQueue {
  public:
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }

    void push(const T& value) {
        if (size_ == buffer_.size()) grow();
        buffer_[(head_ + size_) & (buffer_.size() - 1)] = value;
        ++size_;
    }

    const T& front() const {
        assert(size_ > 0);
        return buffer_[head_];
    }

    void pop() {
        assert(size_ > 0);
        head_ = (head_ + 1) & (buffer_.size() - 1);
        --size_;
    }

    void clear() {
        head_ = 0;
        size_ = 0;
    }

  private:
    void grow() {
        std::vector<T> bigger(buffer_.empty() ? 16 : buffer_.size() * 2);
        for (std::size_t i = 0; i < size_; ++i) {
            bigger[i] = buffer_[(head_ + i) & (buffer_.size() - 1)];
        }
        buffer_.swap(bigger);
        head_ = 0;
    }

    std::vector<T> buffer_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

}  // namespace journeysim::detail
