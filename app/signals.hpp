// Ctrl-C and SIGTERM: ask a run to stop cleanly instead of dying mid-write.
#pragma once

#include <atomic>

namespace kokeilu::app {

/// Installs SIGINT and SIGTERM handlers that set the returned flag (pass it to
/// Engine::run_until). A second signal of either kind ends the process at once, the default way.
const std::atomic<bool>& install_stop_handlers();

} // namespace kokeilu::app
