// The git commit this binary was built from, for the result files' metadata.
#pragma once

#include <string>

namespace kokeilu::app {

/// The commit (app/CMakeLists.txt defines it at configure time); empty when the build did not
/// know its commit (output/SCHEMA.md).
inline std::string git_revision() {
#ifdef KOKEILU_GIT_REVISION
    return KOKEILU_GIT_REVISION;
#else
    return "";
#endif
}

} // namespace kokeilu::app
