// The progress line of long runs: one overall percentage, fitted to the terminal's width.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace kokeilu::app {

/// Prints `kokeilu run: 42 %, 3 of 8 runs done, 1.2 M events/s, 12 s elapsed, ETA 16 s` on one
/// line (redrawn with `\r`, at most a few times a second), cut to the terminal's width so it
/// never wraps. Runs side by side report into one line. Thread-safe.
class Progress {
public:
    /// `enabled`: draw at all (a terminal, not --quiet). `months_total`: simulated months of
    /// all runs together.
    Progress(std::ostream& err, bool enabled, std::string command, std::size_t runs,
             std::size_t months_total);

    /// A run finished a simulated month and has handled `events` events in all so far.
    void month_done(std::uint64_t new_events);
    /// A run finished.
    void run_done();
    /// Ends the line (if one was drawn).
    void finish();

    /// The width of the terminal on standard error (COLUMNS, else 80 when unknown).
    [[nodiscard]] static std::size_t terminal_width();
    /// The line for the given state, at most `width - 1` characters.
    [[nodiscard]] static std::string format_line(const std::string& command, double fraction,
                                                 std::size_t runs_done, std::size_t runs,
                                                 double events_per_s, double elapsed_s,
                                                 std::size_t width);

private:
    void draw(bool force);

    std::ostream& err_;
    bool enabled_;
    std::string command_;
    std::size_t runs_;
    std::size_t months_total_;
    std::size_t months_done_ = 0;
    std::size_t runs_done_ = 0;
    std::uint64_t events_ = 0;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_draw_{};
    std::mutex mutex_;
};

} // namespace kokeilu::app
