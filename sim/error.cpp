// Invariant failure reporting.
#include "sim/error.hpp"

#include <sstream>

namespace kokeilu::detail {

void assertion_failed(const char* expr, const std::string& msg, std::source_location where) {
    std::ostringstream os;
    os << where.file_name() << ':' << where.line() << ": internal error: assertion `" << expr
       << "` failed in " << where.function_name() << ": " << msg;
    throw std::logic_error(os.str());
}

} // namespace kokeilu::detail
