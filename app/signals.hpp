// Ctrl-C, SIGTERM and SIGUSR1: ask a command to stop cleanly instead of dying mid-write.
#pragma once

#include <atomic>

namespace kokeilu::app {

/// Installs SIGINT and SIGTERM handlers that set the process's stop flag
/// (`kokeilu::interrupt_flag()`, sim/interrupt.hpp) and returns it (pass it to
/// Engine::run_until). Every phase of every command honours the flag: the simulation between
/// windows, writers between chunks and before any rename. A second Ctrl-C ends the process at
/// once, the default way (temporary files may then be left; existing results are still
/// untouched). SIGTERM and SIGUSR1 (a batch scheduler's cancel and its warning before a time
/// limit) also set the flag, but never end the process at once, however often they come: the
/// scheduler's SIGKILL is the hard stop.
const std::atomic<bool>& install_stop_handlers();

} // namespace kokeilu::app
