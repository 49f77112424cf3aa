// Signal handlers that only set a flag (async-signal-safe).
#include "app/signals.hpp"

#include <csignal>

namespace kokeilu::app {

namespace {

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag must be safe in a handler");

extern "C" void on_stop_signal(int sig) {
    if (g_stop.exchange(true)) {
        std::signal(sig, SIG_DFL); // a second Ctrl-C: stop now
        std::raise(sig);
    }
}

} // namespace

const std::atomic<bool>& install_stop_handlers() {
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    return g_stop;
}

} // namespace kokeilu::app
