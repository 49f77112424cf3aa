// Ctrl-C, SIGTERM and SIGUSR1: ask a command to stop cleanly instead of dying mid-write.
#pragma once

#include <atomic>

namespace kokeilu::app {

/// Installs SIGINT and SIGTERM handlers that set the process's stop flag
/// (`kokeilu::interrupt_flag()`, sim/interrupt.hpp) and returns it (pass it to
/// Engine::run_until). Every phase of every command honours the flag: the simulation between
/// windows, writers between chunks and before any rename. A second signal of either kind ends
/// the process at once, the default way (temporary files may then be left; existing results
/// are still untouched). SIGUSR1 (a batch scheduler's warning before a time limit) also sets
/// the flag, but never ends the process at once, however often it comes.
const std::atomic<bool>& install_stop_handlers();

} // namespace kokeilu::app
