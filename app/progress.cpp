// The progress line.
#include "app/progress.hpp"

#include <fmt/core.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace kokeilu::app {

Progress::Progress(std::ostream& err, bool enabled, std::string command, std::size_t runs,
                   std::size_t months_total)
        : err_(err), enabled_(enabled), command_(std::move(command)), runs_(runs),
          months_total_(std::max<std::size_t>(months_total, 1)) {}

std::size_t Progress::terminal_width() {
    winsize size{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    if (const char* columns = std::getenv("COLUMNS")) {
        const long n = std::strtol(columns, nullptr, 10);
        if (n > 0 && n < 10000) {
            return static_cast<std::size_t>(n);
        }
    }
    return 80;
}

std::string Progress::format_line(const std::string& command, double fraction,
                                  std::size_t runs_done, std::size_t runs, double events_per_s,
                                  double elapsed_s, std::size_t width) {
    std::string line = fmt::format("{}: {:3.0f} %", command, 100.0 * fraction);
    if (runs > 1) {
        line += fmt::format(", {} of {} runs done", runs_done, runs);
    }
    line += fmt::format(", {:.1f} M events/s, {:.0f} s elapsed", events_per_s / 1e6, elapsed_s);
    if (fraction > 0.0) {
        line += fmt::format(", ETA {:.0f} s", elapsed_s / fraction * (1.0 - fraction));
    }
    // One column short of the width: a line that fills it exactly wraps on some terminals.
    const std::size_t limit = width > 1 ? width - 1 : 1;
    if (line.size() > limit) {
        line.resize(limit);
    }
    return line;
}

void Progress::month_done(std::uint64_t new_events) {
    const std::lock_guard lock(mutex_);
    ++months_done_;
    events_ += new_events;
    draw(false);
}

void Progress::run_done() {
    const std::lock_guard lock(mutex_);
    ++runs_done_;
    draw(true);
}

void Progress::draw(bool force) {
    if (!enabled_) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(200)) {
        return;
    }
    last_draw_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double fraction =
        std::min(1.0, static_cast<double>(months_done_) / static_cast<double>(months_total_));
    const std::string line = format_line(command_, fraction, runs_done_, runs_,
                                         static_cast<double>(events_) / std::max(elapsed, 1e-9),
                                         elapsed, terminal_width());
    err_ << "\r" << line << "\033[K"; // \033[K clears what a longer line left
    err_.flush();
    drawn_ = true;
}

void Progress::finish() {
    const std::lock_guard lock(mutex_);
    if (drawn_) {
        err_ << '\n';
        err_.flush();
        drawn_ = false;
    }
}

} // namespace kokeilu::app
