// Process exit codes of the kokeilu command (documented in the README and --help).
#pragma once

namespace kokeilu::app {

enum ExitCode : int {
    kOk = 0,
    kRuntimeError = 1,  ///< an unexpected failure while running (a bug: please report it)
    kCheckFailed = 1,   ///< `kokeilu evidence`: a check disagrees with its evidence
    kUsageError = 2,    ///< bad command line or invalid scenario: nothing was run
    kIoError = 3,       ///< a file could not be read or written
    kInterrupted = 130, ///< stopped by Ctrl-C / SIGINT or SIGTERM
};

} // namespace kokeilu::app
