// Tests of the breakdowns in result files (/breakdowns/rows, /dimensions/breakdown_groups,
// breakdowns.csv): round trip, byte-identical files whatever the interleaving, files without
// them as before, files from before them still read, checked codes and groups.
#include "output/csv.hpp"
#include "output/inspect.hpp"
#include "output/result_file.hpp"
#include "tests/unit/output/sample.hpp"

#include <catch2/catch.hpp>
#include <hdf5.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
using namespace kokeilu::output;
using Catch::Matchers::Contains;
using kokeilu::output::testing::read_bytes;
using kokeilu::output::testing::sample_result;
using kokeilu::output::testing::SampleShape;
using kokeilu::output::testing::TempDir;

namespace {

SampleShape with_breakdowns(std::uint32_t groups = 3) {
    SampleShape shape;
    shape.breakdown_groups = groups;
    return shape;
}

/// Writes `result` with monthly and breakdown rows alternating in batches of `monthly_batch`
/// and `breakdown_batch` (traces and summary at the end).
void write_alternating(const ResultFile& result, const fs::path& path, std::size_t monthly_batch,
                       std::size_t breakdown_batch) {
    ResultWriter writer(path, false);
    writer.write(result.metadata, result.dimensions);
    const std::span<const MonthlyRow> monthly(result.monthly);
    const std::span<const BreakdownRow> breakdowns(result.breakdowns);
    std::size_t m = 0;
    std::size_t b = 0;
    while (m < monthly.size() || b < breakdowns.size()) {
        const std::size_t bn = std::min(breakdown_batch, breakdowns.size() - b);
        writer.append_breakdowns(breakdowns.subspan(b, bn));
        b += bn;
        const std::size_t mn = std::min(monthly_batch, monthly.size() - m);
        writer.append_monthly(monthly.subspan(m, mn));
        m += mn;
    }
    writer.append_traces(result.traces);
    writer.append_summary(result.summary, result.summary_level);
    writer.commit();
}

std::vector<std::pair<std::string, std::string>> entries_under(const fs::path& file,
                                                               const std::string& prefix) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const FileEntry& e : inspect_file(file)) {
        if (e.path.rfind(prefix, 0) == 0) {
            out.emplace_back(e.path, e.type);
        }
    }
    return out;
}

/// Removes the objects at `paths` from the file, as a file written before breakdowns lacks them.
void remove_objects(const fs::path& path, std::initializer_list<const char*> paths) {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(file >= 0);
    for (const char* p : paths) {
        CHECK(H5Ldelete(file, p, H5P_DEFAULT) >= 0);
    }
    H5Fclose(file);
}

} // namespace

TEST_CASE("breakdown rows read back exactly and need no particular batching or interleaving",
          "[unit][output][breakdowns]") {
    const TempDir dir;
    SampleShape shape = with_breakdowns(4);
    shape.replications = 40; // more breakdown rows than a chunk (4096)
    const ResultFile sample = sample_result(11, shape);
    REQUIRE(sample.breakdowns.size() > 4096);
    write_result(sample, dir / "a.h5", false);
    CHECK(read_result(dir / "a.h5") == sample);
    write_alternating(sample, dir / "b.h5", 1000, 7);
    write_alternating(sample, dir / "c.h5", 5000, 4097);
    const std::string a = read_bytes(dir / "a.h5");
    CHECK(a == read_bytes(dir / "b.h5"));
    CHECK(a == read_bytes(dir / "c.h5"));
    CHECK(testing::list_folder(dir.path()) == std::vector<std::string>{"a.h5", "b.h5", "c.h5"});

    SECTION("other breakdown values give another file") {
        ResultFile other = sample;
        other.breakdowns[4500].value += 1.0;
        write_result(other, dir / "other.h5", false);
        CHECK(a != read_bytes(dir / "other.h5"));
        CHECK(read_result(dir / "other.h5").breakdowns == other.breakdowns);
    }
}

TEST_CASE("/breakdowns/rows is a table of codes and values apart from /monthly/rows, its groups "
          "in /dimensions/breakdown_groups",
          "[unit][output][breakdowns]") {
    const TempDir dir;
    const ResultFile sample = sample_result(20210301, with_breakdowns());
    write_result(sample, dir / "run.h5", false);
    CHECK(entries_under(dir / "run.h5", "/breakdowns") ==
          std::vector<std::pair<std::string, std::string>>{
              {"/breakdowns", ""},
              {"/breakdowns/rows", "compound"},
              {"/breakdowns/rows.group", "uint32"},
              {"/breakdowns/rows.measure", "uint32"},
              {"/breakdowns/rows.month", "uint32"},
              {"/breakdowns/rows.provider", "uint32"},
              {"/breakdowns/rows.replication", "uint32"},
              {"/breakdowns/rows.scenario", "uint32"},
              {"/breakdowns/rows.value", "float64"},
          });
    CHECK(entries_under(dir / "run.h5", "/dimensions/breakdown_groups") ==
          std::vector<std::pair<std::string, std::string>>{
              {"/dimensions/breakdown_groups", "compound"},
              {"/dimensions/breakdown_groups.breakdown", "fixed string"},
              {"/dimensions/breakdown_groups.name", "fixed string"},
          });
    // The monthly panel is the one written without breakdowns.
    ResultFile without = sample;
    without.breakdowns.clear();
    without.dimensions.breakdown_groups.clear();
    write_result(without, dir / "without.h5", false);
    CHECK(read_result(dir / "run.h5").monthly == read_result(dir / "without.h5").monthly);
}

TEST_CASE("a file without breakdowns is written as before them, and files from before them read",
          "[unit][output][breakdowns]") {
    const TempDir dir;
    const ResultFile plain = sample_result();
    REQUIRE(plain.breakdowns.empty());
    write_result(plain, dir / "a.h5", false); // calls append_breakdowns with no rows
    {
        // The calls a writer got before breakdowns existed.
        ResultWriter writer(dir / "b.h5", false);
        writer.write(plain.metadata, plain.dimensions);
        writer.append_monthly(plain.monthly);
        writer.append_traces(plain.traces);
        writer.append_summary(plain.summary, plain.summary_level);
        writer.commit();
    }
    CHECK(read_bytes(dir / "a.h5") == read_bytes(dir / "b.h5"));
    CHECK(entries_under(dir / "a.h5", "/breakdowns").empty());
    CHECK(entries_under(dir / "a.h5", "/dimensions/breakdown_groups").empty());
    CHECK(read_result(dir / "a.h5") == plain);

    SECTION("a file whose breakdowns are taken out, as one written before them, reads without") {
        const ResultFile full = sample_result(20210301, with_breakdowns());
        write_result(full, dir / "c.h5", false);
        remove_objects(dir / "c.h5",
                       {"/breakdowns/rows", "/breakdowns", "/dimensions/breakdown_groups"});
        const ResultFile back = read_result(dir / "c.h5");
        CHECK(back.breakdowns.empty());
        CHECK(back.dimensions.breakdown_groups.empty());
        CHECK(back.monthly == full.monthly);
        CHECK(back.traces == full.traces);
        CHECK(back.summary == full.summary);
    }
    SECTION("groups without rows are kept, but there is no /breakdowns") {
        ResultFile described = sample_result(20210301, with_breakdowns());
        described.breakdowns.clear();
        write_result(described, dir / "d.h5", false);
        CHECK(entries_under(dir / "d.h5", "/breakdowns").empty());
        CHECK(read_result(dir / "d.h5") == described);
    }
}

TEST_CASE("breakdown rows with codes outside their tables and bad groups are refused",
          "[unit][output][breakdowns]") {
    const TempDir dir;
    ResultFile sample = sample_result(20210301, with_breakdowns());
    SECTION("a group code past the table") {
        sample.breakdowns[5].group = 3;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("breakdown row 5 has group = 3, but there are 3 breakdown "
                                   "group(s)"));
        CHECK_THROWS_WITH(export_csv(sample, dir / "csv"), Contains("breakdown row 5"));
    }
    SECTION("a measure code past the table") {
        sample.breakdowns[0].measure = 9;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("breakdown row 0 has measure = 9"));
    }
    SECTION("a group twice in its breakdown") {
        sample.dimensions.breakdown_groups[1].name = "under_25";
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("breakdown group 'under_25' appears twice in breakdown "
                                   "'age_band'"));
    }
    SECTION("a breakdown name that is not snake_case") {
        sample.dimensions.breakdown_groups[2].breakdown = "Language";
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("breakdown group 2 has the breakdown 'Language'"));
    }
    SECTION("a breakdown's groups apart") {
        sample.dimensions.breakdown_groups.push_back({"age_band", "65_plus"});
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("apart from the other groups of its breakdown"));
    }
    CHECK_FALSE(fs::exists(dir / "x.h5"));
}

TEST_CASE("breakdowns.csv has the documented header and one line per breakdown row, and an export "
          "without breakdowns writes none and removes an earlier one",
          "[unit][output][breakdowns]") {
    const TempDir dir;
    const ResultFile sample = sample_result(20210301, with_breakdowns(4));
    export_csv(sample, dir / "out");
    std::istringstream in(read_bytes(dir / "out/breakdowns.csv"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    REQUIRE(lines.size() == sample.breakdowns.size() + 1);
    CHECK(lines[0] == kBreakdownsCsvHeader);
    CHECK(lines[0] == "scenario,replication,month,provider,provider_kind,breakdown,group,measure,"
                      "value");
    // Groups 0 and 1 are age bands, 2 and 3 languages, the last one's name needing quotes.
    CHECK(lines[1].rfind("baseline,0,2020-11,Uusimaa TE office 0,te_office,age_band,under_25,"
                         "unemployed,",
                         0) == 0);
    CHECK(lines[10].rfind("baseline,0,2020-11,Uusimaa TE office 0,te_office,language,"
                          "\"foreign, \"\"other\"\"\",unemployed,",
                          0) == 0);
    CHECK(testing::list_folder(dir / "out") ==
          std::vector<std::string>{"breakdowns.csv", "measures.csv", "monthly.csv", "summary.csv",
                                   "traces.csv"});
    export_csv(sample_result(), dir / "out");
    CHECK(testing::list_folder(dir / "out") ==
          std::vector<std::string>{"measures.csv", "monthly.csv", "summary.csv", "traces.csv"});
}
