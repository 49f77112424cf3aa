// Signal handlers that only set the process's stop flag (async-signal-safe).
#include "app/signals.hpp"

#include "sim/interrupt.hpp"

#include <csignal>

namespace kokeilu::app {

namespace {

/// Ctrl-C: stop cleanly; a second Ctrl-C stops at once, the default way.
extern "C" void on_interactive_stop(int sig) {
    if (interrupt_flag().exchange(true)) {
        std::signal(sig, SIG_DFL);
        std::raise(sig);
    }
}

/// SIGTERM (scancel, systemd, kill) and SIGUSR1 (SLURM's warning before a time limit,
/// `--signal=B:USR1@120`, forwarded by the batch script): stop cleanly, however often they
/// come. A scheduler may send TERM more than once before its own SIGKILL; a second TERM must
/// not throw away the clean stop the first one asked for.
extern "C" void on_scheduler_stop(int /*sig*/) {
    interrupt_flag().store(true);
}

} // namespace

const std::atomic<bool>& install_stop_handlers() {
    // Touch the flag first: its function-local static must not be first constructed inside
    // a handler.
    auto& flag = interrupt_flag();
    std::signal(SIGINT, on_interactive_stop);
    std::signal(SIGTERM, on_scheduler_stop);
    std::signal(SIGUSR1, on_scheduler_stop);
    return flag;
}

} // namespace kokeilu::app
