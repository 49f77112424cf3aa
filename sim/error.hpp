// The project's exception hierarchy and the KOKEILU_ASSERT invariant check.
#pragma once

#include <stdexcept>
#include <string>

namespace kokeilu {

/// Base of every error Kokeilu reports to a user; `main` maps subclasses to exit codes.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A model broke an engine rule while running (e.g. a cross-LP message inside the
/// lookahead, an event scheduled in the past). Always a bug in the model, never bad input.
class SimulationError : public Error {
public:
    using Error::Error;
};

namespace detail {
// (__FILE__/__LINE__ rather than std::source_location: clang 14 with libstdc++ 12 lacks it.)
[[noreturn]] void assertion_failed(const char* expr, const std::string& msg, const char* file,
                                   int line, const char* function);
} // namespace detail

} // namespace kokeilu

#if !defined(NDEBUG) || defined(KOKEILU_CHECKED)
/// Checks an internal invariant in Debug and checked builds; compiled out in Release.
#define KOKEILU_ASSERT(cond, msg)                                                                  \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            ::kokeilu::detail::assertion_failed(#cond, (msg), __FILE__, __LINE__, __func__);       \
        }                                                                                          \
    } while (false)
#else
#define KOKEILU_ASSERT(cond, msg)                                                                  \
    do {                                                                                           \
    } while (false)
#endif
