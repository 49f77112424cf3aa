// Internal: consistency checks shared by the writer, the reader and the CSV export.
#pragma once

#include "output/result_file.hpp"

#include <cstddef>
#include <span>
#include <string>

namespace kokeilu::output::detail {

/// The sizes of the tables that the codes of a `MonthlyRow`, `TraceRow` or `SummaryRow` index.
struct TableSizes {
    std::size_t scenarios = 0;
    std::size_t replications = 0;
    std::size_t months = 0;
    std::size_t providers = 0;
    std::size_t target_groups = 0;
    std::size_t measures = 0;
    std::size_t trace_events = 0;
    std::size_t states = 0;
    std::size_t breakdown_groups = 0;

    [[nodiscard]] static TableSizes of(const Metadata& metadata, const Dimensions& dimensions);
};

/// Checks names (non-empty, unique, no NUL; measures snake_case; also the trace event and
/// state names when there are any; breakdown groups: snake_case breakdowns, names unique
/// within a breakdown, each breakdown's groups together), one scenario text (without NUL) per
/// scenario, months (strictly increasing) and `replications` >= 1. Throws `OutputError("<context>:
/// <problem>")`.
void check_description(const Metadata& metadata, const Dimensions& dimensions,
                       const std::string& context);

/// Checks that every code of `rows` is within its table; `first_index` is the index of
/// `rows[0]` in the whole panel, for the message. Throws `OutputError("<context>: ...")`.
void check_codes(std::span<const MonthlyRow> rows, std::size_t first_index, const TableSizes& sizes,
                 const std::string& context);

/// The same for trace rows, whose times must also lie within `kFirstTraceTime` ..
/// `kLastTraceTime`. Throws `OutputError("<context>: trace row <i> (agent <id>) has ...")`.
void check_codes(std::span<const TraceRow> rows, std::size_t first_index, const TableSizes& sizes,
                 const std::string& context);

/// The same for breakdown rows. Throws `OutputError("<context>: breakdown row <i> has ...")`.
void check_codes(std::span<const BreakdownRow> rows, std::size_t first_index,
                 const TableSizes& sizes, const std::string& context);

/// The same for summary rows, whose `replications` must also lie within 1 ..
/// `sizes.replications`. Throws `OutputError("<context>: summary row <i> has ...")`.
void check_codes(std::span<const SummaryRow> rows, std::size_t first_index, const TableSizes& sizes,
                 const std::string& context);

/// Throws `OutputError("<context>: ...")` unless `level` lies in (0, 1).
void check_confidence_level(double level, const std::string& context);

} // namespace kokeilu::output::detail
