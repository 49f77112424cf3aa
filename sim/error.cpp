// Invariant failure reporting.
#include "sim/error.hpp"

#include <sstream>

namespace kokeilu::detail {

void assertion_failed(const char* expr, const std::string& msg, const char* file, int line,
                      const char* function) {
    std::ostringstream os;
    os << file << ':' << line << ": internal error: assertion `" << expr << "` failed in "
       << function << ": " << msg;
    throw std::logic_error(os.str());
}

} // namespace kokeilu::detail

#include "sim/interrupt.hpp"

namespace kokeilu {

std::atomic<bool>& interrupt_flag() noexcept {
    static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set in signal handlers");
    static std::atomic<bool> flag{false};
    return flag;
}

} // namespace kokeilu
