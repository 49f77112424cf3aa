// Internal: consistency checks of metadata, dimension tables and row codes.
#include "output/detail/validate.hpp"

#include "output/csv.hpp"

#include <cstdint>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace kokeilu::output::detail {

namespace {

[[noreturn]] void fail(const std::string& context, const std::string& problem) {
    throw OutputError(context + ": " + problem);
}

bool is_snake_case(std::string_view name) {
    if (name.empty() || name.front() < 'a' || name.front() > 'z' || name.back() == '_') {
        return false;
    }
    char previous = '\0';
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok || (c == '_' && previous == '_')) {
            return false;
        }
        previous = c;
    }
    return true;
}

void check_text(std::string_view text, const std::string& what, const std::string& context) {
    if (text.find('\0') != std::string_view::npos) {
        fail(context, what + " contains a NUL character");
    }
}

/// Names of one table: non-empty, unique, no NUL.
template <typename Range, typename GetName>
void check_names(const Range& items, const std::string& table, const std::string& context,
                 GetName get_name) {
    std::set<std::string_view> seen;
    std::size_t index = 0;
    for (const auto& item : items) {
        const std::string_view name = get_name(item);
        const std::string what = table + " " + std::to_string(index);
        if (name.empty()) {
            fail(context, what + " has an empty name");
        }
        check_text(name, what + " ('" + std::string(name) + "')", context);
        if (!seen.insert(name).second) {
            fail(context, table + " name '" + std::string(name) + "' appears twice");
        }
        ++index;
    }
}

/// Breakdown groups: snake_case breakdown names, group names unique within their breakdown
/// and each breakdown's groups next to each other (so a breakdown is one range of codes).
void check_breakdown_groups(const std::vector<BreakdownGroup>& groups, const std::string& context) {
    std::set<std::pair<std::string_view, std::string_view>> seen;
    std::set<std::string_view> finished;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const BreakdownGroup& g = groups[i];
        const std::string what = "breakdown group " + std::to_string(i);
        if (!is_snake_case(g.breakdown)) {
            fail(context, what + " has the breakdown '" + g.breakdown +
                              "', which is not snake_case (lower-case letters, digits and "
                              "single underscores, starting with a letter)");
        }
        if (g.name.empty()) {
            fail(context, what + " has an empty name");
        }
        check_text(g.name, what + " ('" + g.name + "')", context);
        if (!seen.emplace(g.breakdown, g.name).second) {
            fail(context, "breakdown group '" + g.name + "' appears twice in breakdown '" +
                              g.breakdown + "'");
        }
        if (i > 0 && groups[i - 1].breakdown != g.breakdown) {
            finished.insert(groups[i - 1].breakdown);
        }
        if (finished.count(g.breakdown) != 0) {
            fail(context, what + " of breakdown '" + g.breakdown +
                              "' is apart from the other groups of its breakdown");
        }
    }
}

} // namespace

TableSizes TableSizes::of(const Metadata& metadata, const Dimensions& dimensions) {
    return TableSizes{metadata.scenario_names.size(),    metadata.replications,
                      dimensions.months.size(),          dimensions.providers.size(),
                      dimensions.target_groups.size(),   dimensions.measures.size(),
                      dimensions.trace_events.size(),    dimensions.states.size(),
                      dimensions.breakdown_groups.size()};
}

void check_description(const Metadata& metadata, const Dimensions& dimensions,
                       const std::string& context) {
    if (metadata.replications == 0) {
        fail(context, "replications must be at least 1");
    }
    if (metadata.scenario_names.empty()) {
        fail(context, "there must be at least one scenario name");
    }
    if (metadata.scenario_texts.size() != metadata.scenario_names.size()) {
        fail(context, "there must be one scenario text per scenario, but there are " +
                          std::to_string(metadata.scenario_texts.size()) + " text(s) for " +
                          std::to_string(metadata.scenario_names.size()) + " scenario(s)");
    }
    for (std::size_t i = 0; i < metadata.scenario_texts.size(); ++i) {
        check_text(metadata.scenario_texts[i], "the text of scenario " + std::to_string(i),
                   context);
    }
    check_text(metadata.kokeilu_version, "the Kokeilu version", context);
    check_text(metadata.git_revision, "the git revision", context);
    if (metadata.wall_time_s && !(*metadata.wall_time_s >= 0.0)) {
        fail(context, "wall_time_s must be >= 0, got " + std::to_string(*metadata.wall_time_s));
    }
    const auto self = [](const std::string& s) -> std::string_view { return s; };
    check_names(metadata.scenario_names, "scenario", context, self);
    check_names(dimensions.providers, "provider", context,
                [](const Provider& p) -> std::string_view { return p.name; });
    for (const Provider& p : dimensions.providers) {
        check_text(p.region, "the region of provider '" + p.name + "'", context);
        check_names(p.municipalities, "municipality of provider '" + p.name + "'", context, self);
    }
    check_names(dimensions.target_groups, "target group", context, self);
    check_names(dimensions.measures, "measure", context,
                [](const Measure& m) -> std::string_view { return m.name; });
    check_names(dimensions.trace_events, "trace event", context, self);
    check_names(dimensions.states, "state", context, self);
    for (const Measure& m : dimensions.measures) {
        if (!is_snake_case(m.name)) {
            fail(context, "measure name '" + m.name +
                              "' is not snake_case (lower-case letters, digits and single "
                              "underscores, starting with a letter)");
        }
        check_text(m.unit, "the unit of measure '" + m.name + "'", context);
        check_text(m.description, "the description of measure '" + m.name + "'", context);
    }
    check_breakdown_groups(dimensions.breakdown_groups, context);
    const auto& months = dimensions.months;
    for (std::size_t i = 0; i < months.size(); ++i) {
        if (!months[i].ok() || static_cast<int>(months[i].year()) < 0 ||
            static_cast<int>(months[i].year()) > 9999) {
            fail(context, "month " + std::to_string(i) + " is not a valid month in 0000..9999");
        }
        if (i > 0 && !(months[i - 1] < months[i])) {
            fail(context, "months must be strictly increasing, but " + format_month(months[i]) +
                              " follows " + format_month(months[i - 1]));
        }
    }
}

namespace {

/// `<row> has <field> = <code>, but there are <size> <table>`.
void check_code(const std::string& context, const std::string& row, const char* field,
                std::uint32_t code, std::size_t size, const char* table) {
    if (code >= size) {
        fail(context, row + " has " + field + " = " + std::to_string(code) + ", but there " +
                          (size == 1 ? "is " : "are ") + std::to_string(size) + " " + table);
    }
}

} // namespace

void check_codes(std::span<const MonthlyRow> rows, std::size_t first_index, const TableSizes& sizes,
                 const std::string& context) {
    const auto check_one = [&](std::size_t index, const char* field, std::uint32_t code,
                               std::size_t size, const char* table) {
        if (code >= size) { // (the row's name is built only for a bad row)
            check_code(context, "monthly row " + std::to_string(index), field, code, size, table);
        }
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const MonthlyRow& r = rows[i];
        const std::size_t index = first_index + i;
        check_one(index, "scenario", r.scenario, sizes.scenarios, "scenario(s)");
        check_one(index, "replication", r.replication, sizes.replications, "replication(s)");
        check_one(index, "month", r.month, sizes.months, "month(s)");
        check_one(index, "provider", r.provider, sizes.providers, "provider(s)");
        check_one(index, "target_group", r.target_group, sizes.target_groups, "target group(s)");
        check_one(index, "measure", r.measure, sizes.measures, "measure(s)");
    }
}

void check_codes(std::span<const TraceRow> rows, std::size_t first_index, const TableSizes& sizes,
                 const std::string& context) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const TraceRow& r = rows[i];
        const bool ok = r.scenario < sizes.scenarios && r.replication < sizes.replications &&
                        r.event < sizes.trace_events && r.from_state < sizes.states &&
                        r.to_state < sizes.states && r.provider < sizes.providers &&
                        r.time >= kFirstTraceTime && r.time <= kLastTraceTime;
        if (ok) {
            continue; // the common case, without building a message
        }
        const std::string row = "trace row " + std::to_string(first_index + i) + " (agent " +
                                std::to_string(r.agent) + ")";
        check_code(context, row, "scenario", r.scenario, sizes.scenarios, "scenario(s)");
        check_code(context, row, "replication", r.replication, sizes.replications,
                   "replication(s)");
        check_code(context, row, "event", r.event, sizes.trace_events, "trace event(s)");
        check_code(context, row, "from_state", r.from_state, sizes.states, "state(s)");
        check_code(context, row, "to_state", r.to_state, sizes.states, "state(s)");
        check_code(context, row, "provider", r.provider, sizes.providers, "provider(s)");
        fail(context, row + " has time = " + std::to_string(r.time) +
                          ", outside 0000-01-01T00:00 .. 9999-12-31T23:59 (" +
                          std::to_string(kFirstTraceTime) + " .. " +
                          std::to_string(kLastTraceTime) + " minutes since 1970-01-01T00:00)");
    }
}

void check_codes(std::span<const BreakdownRow> rows, std::size_t first_index,
                 const TableSizes& sizes, const std::string& context) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const BreakdownRow& r = rows[i];
        const bool ok = r.scenario < sizes.scenarios && r.replication < sizes.replications &&
                        r.month < sizes.months && r.provider < sizes.providers &&
                        r.group < sizes.breakdown_groups && r.measure < sizes.measures;
        if (ok) {
            continue; // the common case, without building a message
        }
        const std::string row = "breakdown row " + std::to_string(first_index + i);
        check_code(context, row, "scenario", r.scenario, sizes.scenarios, "scenario(s)");
        check_code(context, row, "replication", r.replication, sizes.replications,
                   "replication(s)");
        check_code(context, row, "month", r.month, sizes.months, "month(s)");
        check_code(context, row, "provider", r.provider, sizes.providers, "provider(s)");
        check_code(context, row, "group", r.group, sizes.breakdown_groups, "breakdown group(s)");
        check_code(context, row, "measure", r.measure, sizes.measures, "measure(s)");
    }
}

void check_codes(std::span<const SummaryRow> rows, std::size_t first_index, const TableSizes& sizes,
                 const std::string& context) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const SummaryRow& r = rows[i];
        const bool ok = r.scenario < sizes.scenarios && r.month < sizes.months &&
                        r.provider < sizes.providers && r.target_group < sizes.target_groups &&
                        r.measure < sizes.measures && r.replications >= 1 &&
                        r.replications <= sizes.replications;
        if (ok) {
            continue; // the common case, without building a message
        }
        const std::string row = "summary row " + std::to_string(first_index + i);
        check_code(context, row, "scenario", r.scenario, sizes.scenarios, "scenario(s)");
        check_code(context, row, "month", r.month, sizes.months, "month(s)");
        check_code(context, row, "provider", r.provider, sizes.providers, "provider(s)");
        check_code(context, row, "target_group", r.target_group, sizes.target_groups,
                   "target group(s)");
        check_code(context, row, "measure", r.measure, sizes.measures, "measure(s)");
        fail(context, row + " has replications = " + std::to_string(r.replications) +
                          ", but it must be 1 to " + std::to_string(sizes.replications) +
                          " (the replications of the run)");
    }
}

void check_confidence_level(double level, const std::string& context) {
    if (!(level > 0.0 && level < 1.0)) {
        fail(context, "the confidence level must lie in (0, 1), got " + format_double(level));
    }
}

} // namespace kokeilu::output::detail
