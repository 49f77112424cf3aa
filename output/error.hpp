// The error type of the output module: a result file could not be written or read.
#pragma once

#include "sim/error.hpp"

namespace kokeilu::output {

/// A result file or export could not be written or read: a missing or unwritable folder, an
/// existing file without `force`, a full disk, a file that is not a (complete) Kokeilu result.
/// The message names the path and the problem; `main` maps it to exit code 3.
class OutputError : public kokeilu::Error {
public:
    using Error::Error;
};

} // namespace kokeilu::output
