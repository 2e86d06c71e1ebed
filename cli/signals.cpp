#include "signals.hpp"

#include <journeysim/io.hpp>

// POSIX's sigaction and struct sigaction are declared by <signal.h>, not by <csignal>.
#include <signal.h>  // NOLINT(modernize-deprecated-headers)
#include <unistd.h>

#include <array>
#include <atomic>
#include <climits>
#include <cstring>

namespace journeysim::cli {

namespace {

/// One temporary file. `state`: 0 free, 1 being filled or emptied, 2 holds a path.
struct Slot {
    std::atomic<int> state{0};
    char path[PATH_MAX] = {};
};

// Enough for every output of one command (run writes at most four at a time).
std::array<Slot, 16> g_slots;

static_assert(std::atomic<int>::is_always_lock_free, "the handler reads the slots");

void remember(const char* path) {
    const std::size_t n = std::strlen(path);
    if (n >= PATH_MAX) return;  // cannot be a path the kernel accepted
    for (Slot& slot : g_slots) {
        int expected = 0;
        if (!slot.state.compare_exchange_strong(expected, 1)) continue;
        std::memcpy(slot.path, path, n + 1);
        slot.state.store(2);
        return;
    }
}

void forget(const char* path) {
    for (Slot& slot : g_slots) {
        int expected = 2;
        if (slot.state.load() != 2 || std::strcmp(slot.path, path) != 0) continue;
        if (slot.state.compare_exchange_strong(expected, 1)) {
            slot.path[0] = '\0';
            slot.state.store(0);
            return;
        }
    }
}

extern "C" void on_signal(int signal_number) {
    // Only async-signal-safe calls: unlink, signal, raise.
    for (Slot& slot : g_slots)
        if (slot.state.load() == 2) ::unlink(slot.path);
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);  // delivered as the handler returns: the process ends by it
}

}  // namespace

void install_signal_cleanup() {
    set_temporary_file_hooks({&remember, &forget});
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction old {};
        if (::sigaction(signal_number, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        struct sigaction action {};
        action.sa_handler = &on_signal;
        sigemptyset(&action.sa_mask);
        for (int other : {SIGINT, SIGTERM, SIGHUP})
            sigaddset(&action.sa_mask, other);  // one cleanup at a time
        action.sa_flags = 0;
        ::sigaction(signal_number, &action, nullptr);
    }
}

}  // namespace journeysim::cli
