// Tests that output/SCHEMA.md and what the code writes agree, in both directions.
#include "output/csv.hpp"
#include "output/inspect.hpp"
#include "output/measures.hpp"
#include "output/result_file.hpp"
#include "tests/unit/output/sample.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

using namespace kokeilu::output;
using kokeilu::output::testing::read_bytes;
using kokeilu::output::testing::sample_result;
using kokeilu::output::testing::SampleShape;
using kokeilu::output::testing::TempDir;

namespace {

/// A table row of SCHEMA.md whose first cell is in backticks, under the latest heading.
struct DocRow {
    std::string heading;
    std::vector<std::string> cells; ///< trimmed; the first without its backticks
};

std::string trim(const std::string& s) {
    const auto begin = s.find_first_not_of(' ');
    if (begin == std::string::npos) {
        return "";
    }
    return s.substr(begin, s.find_last_not_of(' ') - begin + 1);
}

std::string unquote(const std::string& cell) {
    if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`') {
        return cell.substr(1, cell.size() - 2);
    }
    return cell;
}

std::vector<DocRow> schema_rows() {
    std::istringstream in(read_bytes(KOKEILU_SOURCE_DIR "/output/SCHEMA.md"));
    std::vector<DocRow> rows;
    std::string heading;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind('#', 0) == 0) {
            heading = trim(line.substr(line.find_first_not_of('#')));
            continue;
        }
        if (line.rfind("| `", 0) != 0) {
            continue; // prose, table headers and separators
        }
        DocRow row{heading, {}};
        std::istringstream cells(line.substr(1));
        for (std::string cell; std::getline(cells, cell, '|');) {
            row.cells.push_back(trim(cell));
        }
        row.cells[0] = unquote(row.cells[0]);
        rows.push_back(row);
    }
    return rows;
}

std::vector<DocRow> rows_under(const std::string& heading) {
    std::vector<DocRow> out;
    for (const auto& row : schema_rows()) {
        if (row.heading == heading) {
            out.push_back(row);
        }
    }
    return out;
}

std::string joined_names(const std::vector<DocRow>& rows) {
    std::string names;
    for (const auto& row : rows) {
        names += (names.empty() ? "" : ",") + row.cells[0];
    }
    return names;
}

} // namespace

TEST_CASE("SCHEMA.md lists exactly the groups, datasets, attributes and fields of a file",
          "[unit][output]") {
    const TempDir dir;
    SampleShape shape;
    shape.breakdown_groups = 3;
    ResultFile sample = sample_result(20210301, shape);
    REQUIRE(sample.metadata.wall_time_s.has_value()); // so the optional attribute is present
    REQUIRE_FALSE(sample.traces.empty());             // so /traces and its tables are present
    REQUIRE_FALSE(sample.summary.empty());            // so /summary is present
    REQUIRE_FALSE(sample.breakdowns.empty());         // so /breakdowns and its table are present
    write_result(sample, dir / "run.h5", false);

    std::map<std::string, std::pair<std::string, std::string>> documented; // path → kind, type
    for (const auto& row : rows_under("Layout")) {
        REQUIRE(row.cells.size() >= 3);
        CAPTURE(row.cells[0]);
        CHECK(documented.emplace(row.cells[0], std::pair{row.cells[1], unquote(row.cells[2])})
                  .second);
    }
    REQUIRE(documented.size() > 20);

    std::set<std::string> in_file;
    for (const FileEntry& entry : inspect_file(dir / "run.h5")) {
        CAPTURE(entry.path, entry.kind, entry.type);
        in_file.insert(entry.path);
        const auto doc = documented.find(entry.path);
        CHECK(doc != documented.end()); // in the file, so it must be documented
        if (doc != documented.end()) {
            CHECK(doc->second.first == entry.kind);
            CHECK(doc->second.second == entry.type);
        }
    }
    for (const auto& [path, kind_type] : documented) {
        CAPTURE(path);
        CHECK(in_file.count(path) == 1); // documented, so it must be in the file
    }
}

TEST_CASE("SCHEMA.md lists the CSV columns in the order they are written", "[unit][output]") {
    const TempDir dir;
    SampleShape shape;
    shape.breakdown_groups = 3;
    export_csv(sample_result(20210301, shape), dir.path());
    const auto header = [&](const char* name) {
        const std::string text = read_bytes(dir / name);
        return text.substr(0, text.find('\n'));
    };
    CHECK(joined_names(rows_under("monthly.csv")) == header("monthly.csv"));
    CHECK(joined_names(rows_under("measures.csv")) == header("measures.csv"));
    CHECK(joined_names(rows_under("traces.csv")) == header("traces.csv"));
    CHECK(joined_names(rows_under("summary.csv")) == header("summary.csv"));
    CHECK(joined_names(rows_under("breakdowns.csv")) == header("breakdowns.csv"));
    CHECK(header("monthly.csv") == kMonthlyCsvHeader);
    CHECK(header("measures.csv") == kMeasuresCsvHeader);
    CHECK(header("traces.csv") == kTracesCsvHeader);
    CHECK(header("summary.csv") == kSummaryCsvHeader);
    CHECK(header("breakdowns.csv") == kBreakdownsCsvHeader);
}

TEST_CASE("SCHEMA.md lists exactly the standard measures, with their units, how they combine "
          "and their meanings",
          "[unit][output]") {
    const auto rows = rows_under("Measures");
    const auto measures = standard_measures();
    REQUIRE(rows.size() == measures.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        REQUIRE(rows[i].cells.size() >= 4);
        CHECK(rows[i].cells[0] == measures[i].name);
        CHECK(rows[i].cells[1] == measures[i].unit);
        CHECK(rows[i].cells[2] == combines_as(measures[i].name));
        CHECK(rows[i].cells[3] == measures[i].description);
    }
    // The measures that issue #7 asks for by name.
    std::set<std::string> names;
    for (const Measure& m : measures) {
        names.insert(m.name);
    }
    for (const char* required :
         {"jobseekers", "unemployed", "in_services", "in_training", "employed_subsidised",
          "employed_open_market", "inflow", "transfers_in", "transfers_out", "exits_employment",
          "time_to_first_contact_days_mean", "interviews_overdue", "caseload_per_counsellor",
          "service_starts"}) {
        CAPTURE(required);
        CHECK(names.count(required) == 1);
    }
}
