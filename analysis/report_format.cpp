// Numbers as the workshop report writes them.
#include "analysis/report_format.hpp"

#include <cmath>
#include <iomanip>
#include <locale>
#include <sstream>

namespace kokeilu::analysis::report_detail {

std::string fixed(double x, int decimals) {
    std::ostringstream os;
    os.imbue(std::locale::classic());
    os << std::fixed << std::setprecision(decimals) << x;
    std::string s = os.str();
    if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) {
        s.erase(0, 1);
    }
    return s;
}

std::string scientific(double x, int decimals) {
    std::ostringstream os;
    os.imbue(std::locale::classic());
    os << std::scientific << std::setprecision(decimals) << x;
    return os.str();
}

std::string format_value(double x) {
    if (std::isnan(x)) {
        return "–";
    }
    if (std::isinf(x)) {
        return x > 0 ? "∞" : "−∞";
    }
    const double a = std::abs(x);
    if (a != 0.0 && (a >= 1e9 || a < 1e-3)) {
        return scientific(x, 2);
    }
    return fixed(x, a >= 100.0 ? 0 : (a >= 10.0 ? 1 : 2));
}

std::string format_signed(double x) {
    const std::string s = format_value(x);
    return (x > 0.0 && std::isfinite(x)) ? "+" + s : s;
}

std::string as_printed(double x, int decimals, bool sign) {
    if (std::isnan(x)) {
        return std::signbit(x) ? "-nan" : (sign ? "+nan" : "nan");
    }
    std::ostringstream os;
    os.imbue(std::locale::classic());
    os << std::fixed << std::setprecision(decimals) << std::abs(x);
    const char* prefix = std::signbit(x) ? "-" : (sign ? "+" : "");
    return prefix + os.str();
}

std::string grouped(double x, int decimals) {
    const std::string s = fixed(std::abs(x), decimals);
    const std::size_t point = s.find('.');
    const std::string whole = s.substr(0, point);
    std::string out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) {
            out += ',';
        }
        out += whole[i];
    }
    return point == std::string::npos ? out : out + s.substr(point);
}

} // namespace kokeilu::analysis::report_detail
