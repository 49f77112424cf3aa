// Signal handlers that only set the process's stop flag (async-signal-safe).
#include "app/signals.hpp"

#include "sim/interrupt.hpp"

#include <csignal>

namespace kokeilu::app {

namespace {

extern "C" void on_stop_signal(int sig) {
    if (interrupt_flag().exchange(true)) {
        std::signal(sig, SIG_DFL); // a second Ctrl-C: stop now
        std::raise(sig);
    }
}

/// SIGUSR1 (SLURM's warning before a time limit, `--signal=B:USR1@120`, forwarded by the
/// batch script): stop cleanly, however often it comes.
extern "C" void on_warning_signal(int /*sig*/) {
    interrupt_flag().store(true);
}

} // namespace

const std::atomic<bool>& install_stop_handlers() {
    // Touch the flag first: its function-local static must not be first constructed inside
    // a handler.
    auto& flag = interrupt_flag();
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    std::signal(SIGUSR1, on_warning_signal);
    return flag;
}

} // namespace kokeilu::app
