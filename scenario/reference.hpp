// The generated reference of scenario keys (configs/README.md).
#pragma once

#include <string>

namespace kokeilu::scenario {

/// configs/README.md: every declared key with type, unit, default, range, timeline use, the
/// source of the default and its meaning, generated from the declarations the loader uses.
std::string keys_markdown();

} // namespace kokeilu::scenario
