// The process's stop request (Ctrl-C, SIGTERM) and the error that unwinds a command when it
// is honoured.
#pragma once

#include "sim/error.hpp"

#include <atomic>

namespace kokeilu {

/// Thrown by any phase of a command (simulating, summarising, writing HDF5 or CSV, a report)
/// that sees the stop request. Unwinding removes every temporary file, so nothing new appears
/// under a final name and existing results stay as they were; `main` maps it to exit code 130.
class Interrupted : public Error {
public:
    Interrupted() : Error("interrupted") {}
};

/// The one process-wide stop flag. Signal handlers set it (app/signals.cpp: it is lock-free,
/// so setting it is async-signal-safe); the engine polls it between windows
/// (`Engine::run_until(end, &interrupt_flag())`) and writers poll it between chunks and
/// before they rename anything into place.
[[nodiscard]] std::atomic<bool>& interrupt_flag() noexcept;

/// True once a stop was requested.
[[nodiscard]] inline bool interrupt_requested() noexcept {
    return interrupt_flag().load(std::memory_order_relaxed);
}

/// Throws `Interrupted` if a stop was requested.
inline void throw_if_interrupted() {
    if (interrupt_requested()) {
        throw Interrupted();
    }
}

} // namespace kokeilu
