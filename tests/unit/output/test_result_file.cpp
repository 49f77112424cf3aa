// Tests of the HDF5 result file: round trip, byte-identical output, safety, clear errors, traces,
// the replication summary and summarise_monthly.
#include "output/inspect.hpp"
#include "output/result_file.hpp"
#include "tests/unit/output/sample.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <stdexcept>

namespace fs = std::filesystem;
using namespace kokeilu::output;
using Catch::Matchers::Contains;
using kokeilu::output::testing::read_bytes;
using kokeilu::output::testing::sample_result;
using kokeilu::output::testing::SampleShape;
using kokeilu::output::testing::TempDir;

namespace {

/// Writes `result` through a writer, appending rows in batches of `batch` (monthly rows, then
/// trace rows, then summary rows).
void write_in_batches(const ResultFile& result, const fs::path& path, std::size_t batch) {
    ResultWriter writer(path, false);
    writer.write(result.metadata, result.dimensions);
    const std::span<const MonthlyRow> rows(result.monthly);
    for (std::size_t i = 0; i < rows.size(); i += batch) {
        writer.append_monthly(rows.subspan(i, std::min(batch, rows.size() - i)));
    }
    const std::span<const TraceRow> traces(result.traces);
    for (std::size_t i = 0; i < traces.size(); i += batch) {
        writer.append_traces(traces.subspan(i, std::min(batch, traces.size() - i)));
    }
    const std::span<const SummaryRow> summary(result.summary);
    for (std::size_t i = 0; i < summary.size(); i += batch) {
        writer.append_summary(summary.subspan(i, std::min(batch, summary.size() - i)),
                              result.summary_level);
    }
    writer.commit();
}

/// Writes `result` with monthly rows in batches of `monthly_batch` and trace and summary rows
/// in batches of `other_batch`, alternating (summary, traces, monthly); `others_first` appends
/// all trace and summary rows before any monthly row.
void write_interleaved(const ResultFile& result, const fs::path& path, std::size_t monthly_batch,
                       std::size_t other_batch, bool others_first = false) {
    ResultWriter writer(path, false);
    writer.write(result.metadata, result.dimensions);
    const std::span<const MonthlyRow> monthly(result.monthly);
    const std::span<const TraceRow> traces(result.traces);
    const std::span<const SummaryRow> summary(result.summary);
    if (others_first) {
        writer.append_summary(summary, result.summary_level);
        writer.append_traces(traces);
    }
    std::size_t m = 0;
    std::size_t t = others_first ? traces.size() : 0;
    std::size_t u = others_first ? summary.size() : 0;
    while (m < monthly.size() || t < traces.size() || u < summary.size()) {
        const std::size_t un = std::min(other_batch, summary.size() - u);
        writer.append_summary(summary.subspan(u, un), result.summary_level);
        u += un;
        const std::size_t tn = std::min(other_batch, traces.size() - t);
        writer.append_traces(traces.subspan(t, tn));
        t += tn;
        const std::size_t mn = std::min(monthly_batch, monthly.size() - m);
        writer.append_monthly(monthly.subspan(m, mn));
        m += mn;
    }
    writer.commit();
}

std::vector<std::string> entries_under(const fs::path& file, const std::string& prefix) {
    std::vector<std::string> out;
    for (const FileEntry& e : inspect_file(file)) {
        if (e.path.rfind(prefix, 0) == 0) {
            out.push_back(e.path);
        }
    }
    return out;
}

bool has_entry(const fs::path& file, const std::string& path) {
    const auto entries = inspect_file(file);
    return std::any_of(entries.begin(), entries.end(),
                       [&](const FileEntry& e) { return e.path == path; });
}

} // namespace

TEST_CASE("a result file reads back exactly what was written", "[unit][output]") {
    const TempDir dir;
    const ResultFile sample = sample_result();
    write_result(sample, dir / "run.h5", false);
    const ResultFile back = read_result(dir / "run.h5");
    CHECK(back.schema_version == kSchemaVersion);
    CHECK(back.metadata == sample.metadata);
    CHECK(back.dimensions == sample.dimensions);
    CHECK(back.monthly == sample.monthly);
    REQUIRE_FALSE(sample.traces.empty());
    CHECK(back.traces == sample.traces);
    REQUIRE_FALSE(sample.summary.empty());
    CHECK(back.summary == sample.summary);
    CHECK(back.summary_level == 0.95);
    CHECK(back == sample);
    CHECK(testing::list_folder(dir.path()) == std::vector<std::string>{"run.h5"});
}

TEST_CASE("the wall time is stored only when it is given", "[unit][output]") {
    const TempDir dir;
    ResultFile sample = sample_result();
    write_result(sample, dir / "timed.h5", false);
    CHECK(has_entry(dir / "timed.h5", "/metadata@wall_time_s"));

    sample.metadata.wall_time_s.reset();
    write_result(sample, dir / "reproducible.h5", false);
    CHECK_FALSE(has_entry(dir / "reproducible.h5", "/metadata@wall_time_s"));
    CHECK_FALSE(read_result(dir / "reproducible.h5").metadata.wall_time_s.has_value());
}

TEST_CASE("the same content gives byte-identical files, whatever the batching", "[unit][output]") {
    const TempDir dir;
    // More rows than one chunk (4096), so whole and partial chunks are both exercised.
    SampleShape shape;
    shape.replications = 50;
    const ResultFile sample = sample_result(7, shape);
    REQUIRE(sample.monthly.size() > 4096);

    write_result(sample, dir / "a.h5", false);
    write_result(sample, dir / "b.h5", false);
    write_in_batches(sample, dir / "c.h5", 1000);
    write_in_batches(sample, dir / "d.h5", 7);
    const std::string a = read_bytes(dir / "a.h5");
    CHECK(a == read_bytes(dir / "b.h5"));
    CHECK(a == read_bytes(dir / "c.h5"));
    CHECK(a == read_bytes(dir / "d.h5"));

    SECTION("a different seed gives a different file") {
        write_result(sample_result(8, shape), dir / "other.h5", false);
        CHECK(a != read_bytes(dir / "other.h5"));
    }
}

TEST_CASE("an existing result is refused without force and replaced with force", "[unit][output]") {
    const TempDir dir;
    const fs::path path = dir / "run.h5";
    write_result(sample_result(1), path, false);
    const std::string before = read_bytes(path);

    CHECK_THROWS_MATCHES(ResultWriter(path, false), OutputError,
                         Catch::Matchers::Message("'" + path.string() +
                                                  "' already exists; refusing to overwrite it "
                                                  "without --force"));
    CHECK_THROWS_AS(write_result(sample_result(2), path, false), OutputError);
    CHECK(read_bytes(path) == before);
    CHECK(testing::list_folder(dir.path()) == std::vector<std::string>{"run.h5"});

    write_result(sample_result(2), path, true);
    CHECK(read_result(path) == sample_result(2));
    CHECK(testing::list_folder(dir.path()) == std::vector<std::string>{"run.h5"});
}

TEST_CASE("a result that appears while writing is not overwritten and the results are kept",
          "[unit][output]") {
    const TempDir dir;
    const fs::path path = dir / "run.h5";
    const ResultFile sample = sample_result();
    fs::path temporary;
    {
        ResultWriter writer(path, false);
        temporary = writer.temporary_path();
        writer.write(sample.metadata, sample.dimensions);
        writer.append_monthly(sample.monthly);
        writer.append_traces(sample.traces);
        writer.append_summary(sample.summary);
        testing::write_bytes(path, "someone else's file");
        CHECK_THROWS_MATCHES(
            writer.commit(), OutputError,
            Catch::Matchers::Message("'" + path.string() +
                                     "' appeared while the results were being written; they are "
                                     "kept in '" +
                                     temporary.string() + "'"));
    }
    CHECK(read_bytes(path) == "someone else's file");
    REQUIRE(fs::exists(temporary));
    // Kept whole, so the user can move it into place by hand.
    CHECK(read_result(temporary) == sample);
}

TEST_CASE("a missing or unwritable folder fails at once, naming the path", "[unit][output]") {
    const TempDir dir;
    SECTION("a missing folder") {
        const fs::path path = dir / "no/such/folder/run.h5";
        CHECK_THROWS_MATCHES(
            ResultWriter(path, false), OutputError,
            Catch::Matchers::Message("cannot write '" + path.string() + "': folder '" +
                                     (dir / "no/such/folder").string() + "' does not exist"));
    }
    SECTION("a file where the folder should be") {
        testing::write_bytes(dir / "plain", "x");
        CHECK_THROWS_WITH(ResultWriter(dir / "plain/run.h5", false),
                          Contains("'" + (dir / "plain").string() + "' is not a folder"));
    }
    SECTION("a folder at the target path") {
        fs::create_directory(dir / "run.h5");
        CHECK_THROWS_WITH(ResultWriter(dir / "run.h5", true), Contains("it is a folder"));
    }
    SECTION("a folder without write permission") {
        // Root may write anywhere but in pseudo file systems; others get a read-only folder.
        fs::path folder = dir / "read-only";
        if (::geteuid() == 0) {
            folder = "/sys";
            if (!fs::is_directory(folder)) {
                WARN("running as root without /sys: no unwritable folder to test with");
                return;
            }
        } else {
            fs::create_directory(folder);
            fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec);
        }
        const fs::path path = folder / "kokeilu-test-run.h5";
        CHECK_THROWS_MATCHES(ResultWriter(path, false), OutputError,
                             Catch::Matchers::Message("cannot create '" + path.string() + ".part-" +
                                                      std::to_string(::getpid()) + "' in folder '" +
                                                      folder.string() + "': Permission denied"));
        CHECK_FALSE(fs::exists(path));
    }
}

TEST_CASE("an abandoned writer leaves no file behind", "[unit][output]") {
    const TempDir dir;
    const fs::path path = dir / "run.h5";
    const ResultFile sample = sample_result();

    SECTION("destroyed before commit") {
        ResultWriter writer(path, false);
        CHECK(writer.temporary_path() == dir / ("run.h5.part-" + std::to_string(::getpid())));
        CHECK(fs::exists(writer.temporary_path()));
        writer.write(sample.metadata, sample.dimensions);
        writer.append_monthly(sample.monthly);
        writer.flush();
    }
    SECTION("an exception unwinds through the writer") {
        try {
            ResultWriter writer(path, false);
            writer.write(sample.metadata, sample.dimensions);
            throw std::runtime_error("interrupted");
        } catch (const std::runtime_error&) {
        }
    }
    SECTION("the writer failed on a bad row") {
        ResultWriter writer(path, false);
        writer.write(sample.metadata, sample.dimensions);
        MonthlyRow bad = sample.monthly.front();
        bad.provider = 9;
        CHECK_THROWS_WITH(writer.append_monthly(std::span(&bad, 1)),
                          Contains("monthly row 0 has provider = 9, but there are 2 provider(s)"));
        CHECK_THROWS_WITH(writer.commit(), Contains("an earlier error stopped this writer"));
    }
    CHECK(testing::list_folder(dir.path()).empty());
}

TEST_CASE("a replaced result stays intact when the new run is abandoned", "[unit][output]") {
    const TempDir dir;
    const fs::path path = dir / "run.h5";
    write_result(sample_result(1), path, false);
    const std::string before = read_bytes(path);
    {
        ResultWriter writer(path, true);
        const ResultFile other = sample_result(2);
        writer.write(other.metadata, other.dimensions);
        writer.append_monthly(other.monthly);
    }
    CHECK(read_bytes(path) == before);
    CHECK(testing::list_folder(dir.path()) == std::vector<std::string>{"run.h5"});
}

TEST_CASE("reading a missing, foreign, damaged or incomplete file is a clear error",
          "[unit][output]") {
    const TempDir dir;
    SECTION("missing") {
        CHECK_THROWS_MATCHES(read_result(dir / "none.h5"), OutputError,
                             Catch::Matchers::Message("cannot read '" + (dir / "none.h5").string() +
                                                      "': no such file"));
    }
    SECTION("not HDF5") {
        testing::write_bytes(dir / "garbage.h5", "scenario,replication\nnot,hdf5\n");
        CHECK_THROWS_MATCHES(read_result(dir / "garbage.h5"), OutputError,
                             Catch::Matchers::Message("cannot read '" +
                                                      (dir / "garbage.h5").string() +
                                                      "': it is not an HDF5 file"));
    }
    SECTION("truncated") {
        write_result(sample_result(), dir / "whole.h5", false);
        const std::string bytes = read_bytes(dir / "whole.h5");
        testing::write_bytes(dir / "cut.h5", bytes.substr(0, bytes.size() / 2));
        CHECK_THROWS_AS(read_result(dir / "cut.h5"), OutputError);
        CHECK_THROWS_WITH(read_result(dir / "cut.h5"),
                          Contains("cannot open '" + (dir / "cut.h5").string() + "'"));
    }
    SECTION("incomplete: the run did not commit") {
        const ResultFile sample = sample_result();
        ResultWriter writer(dir / "run.h5", false);
        writer.write(sample.metadata, sample.dimensions);
        writer.append_monthly(sample.monthly);
        writer.flush();
        fs::copy_file(writer.temporary_path(), dir / "copy.h5");
        CHECK_THROWS_MATCHES(
            read_result(dir / "copy.h5"), OutputError,
            Catch::Matchers::Message("cannot read '" + (dir / "copy.h5").string() +
                                     "': the file is incomplete (attribute complete is not 1): "
                                     "the run that wrote it did not finish"));
    }
}

TEST_CASE("invalid tables are refused with the culprit named", "[unit][output]") {
    const TempDir dir;
    ResultFile sample = sample_result();
    SECTION("duplicate provider") {
        sample.dimensions.providers[1].name = sample.dimensions.providers[0].name;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("provider name 'Uusimaa TE office 0' appears twice"));
    }
    SECTION("measure name not snake_case") {
        sample.dimensions.measures[0].name = "Unemployed count";
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("measure name 'Unemployed count' is not snake_case"));
    }
    SECTION("months out of order") {
        std::swap(sample.dimensions.months[0], sample.dimensions.months[1]);
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("months must be strictly increasing, but 2020-11 follows "
                                   "2020-12"));
    }
    SECTION("replication beyond the count") {
        sample.monthly.back().replication = 2;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("monthly row 191 has replication = 2, but there are 2 "
                                   "replication(s)"));
    }
    CHECK(testing::list_folder(dir.path()).empty());
}

TEST_CASE("months and provider kinds are spelt as in the files", "[unit][output]") {
    using std::chrono::month;
    using std::chrono::year;
    CHECK(format_month(year{2021} / month{3}) == "2021-03");
    CHECK(format_month(year{999} / month{12}) == "0999-12");
    CHECK(parse_month("2021-03") == year{2021} / month{3});
    CHECK_THROWS_WITH(parse_month("2021-13"), Contains("'2021-13' is not a month"));
    CHECK_THROWS_AS(parse_month("2021-3"), OutputError);
    CHECK(to_string(ProviderKind::TeOffice) == "te_office");
    CHECK(parse_provider_kind("pilot") == ProviderKind::Pilot);
    CHECK_THROWS_WITH(parse_provider_kind("kela"), Contains("unknown provider kind 'kela'"));
}

TEST_CASE("writer calls out of order are reported as bugs", "[unit][output]") {
    const TempDir dir;
    const ResultFile sample = sample_result();
    ResultWriter writer(dir / "run.h5", false);
    CHECK_THROWS_AS(writer.append_monthly(sample.monthly), std::logic_error);
    CHECK_THROWS_AS(writer.commit(), std::logic_error);
    writer.write(sample.metadata, sample.dimensions);
    CHECK_THROWS_AS(writer.write(sample.metadata, sample.dimensions), std::logic_error);
}

TEST_CASE("trace rows read back exactly and need no particular batching or interleaving",
          "[unit][output][traces]") {
    const TempDir dir;
    // More trace rows and more monthly rows than one chunk (4096) each.
    SampleShape shape;
    shape.replications = 50;
    shape.traced_agents = 12;
    const ResultFile sample = sample_result(7, shape);
    REQUIRE(sample.traces.size() > 4096);
    REQUIRE(sample.monthly.size() > 4096);

    write_result(sample, dir / "a.h5", false);
    CHECK(read_result(dir / "a.h5") == sample);
    write_interleaved(sample, dir / "b.h5", 1000, 7);
    write_interleaved(sample, dir / "c.h5", 7, 4096);
    write_interleaved(sample, dir / "d.h5", 333, 1, true);
    write_interleaved(sample, dir / "e.h5", 5000, 5000);
    const std::string a = read_bytes(dir / "a.h5");
    CHECK(a == read_bytes(dir / "b.h5"));
    CHECK(a == read_bytes(dir / "c.h5"));
    CHECK(a == read_bytes(dir / "d.h5"));
    CHECK(a == read_bytes(dir / "e.h5"));
    // The scratch file of the traces has no name, so only the results are in the folder.
    CHECK(testing::list_folder(dir.path()) ==
          std::vector<std::string>{"a.h5", "b.h5", "c.h5", "d.h5", "e.h5"});

    SECTION("other traces give another file") {
        ResultFile other = sample;
        other.traces[4500].time += 1;
        write_result(other, dir / "other.h5", false);
        CHECK(a != read_bytes(dir / "other.h5"));
        CHECK(read_result(dir / "other.h5").traces == other.traces);
    }
}

TEST_CASE("/traces/rows is a chunked, compressed table of numbers", "[unit][output][traces]") {
    const TempDir dir;
    write_result(sample_result(), dir / "run.h5", false);
    const auto entries = inspect_file(dir / "run.h5");
    std::vector<std::pair<std::string, std::string>> traces;
    for (const FileEntry& e : entries) {
        if (e.path.rfind("/traces", 0) == 0) {
            traces.emplace_back(e.path, e.type);
        }
    }
    CHECK(traces == std::vector<std::pair<std::string, std::string>>{
                        {"/traces", ""},
                        {"/traces/rows", "compound"},
                        {"/traces/rows.agent", "uint64"},
                        {"/traces/rows.event", "uint32"},
                        {"/traces/rows.from_state", "uint32"},
                        {"/traces/rows.provider", "uint32"},
                        {"/traces/rows.replication", "uint32"},
                        {"/traces/rows.scenario", "uint32"},
                        {"/traces/rows.time", "int64"},
                        {"/traces/rows.to_state", "uint32"},
                    });
    CHECK(has_entry(dir / "run.h5", "/dimensions/trace_events.name"));
    CHECK(has_entry(dir / "run.h5", "/dimensions/states.name"));
}

TEST_CASE("a file without traces has no /traces group and is written as before traces",
          "[unit][output][traces]") {
    const TempDir dir;
    SampleShape shape;
    shape.traced_agents = 0;
    shape.summary = false;
    ResultFile sample = sample_result(20210301, shape);
    REQUIRE(sample.traces.empty());
    REQUIRE(sample.dimensions.trace_events.empty());
    for (Provider& p : sample.dimensions.providers) { // nor regions: the layout before them
        p.region.clear();
        p.municipalities.clear();
    }

    write_result(sample, dir / "a.h5", false); // calls append_traces with no rows
    {
        // The calls a writer got before traces existed.
        ResultWriter writer(dir / "b.h5", false);
        writer.write(sample.metadata, sample.dimensions);
        writer.append_monthly(sample.monthly);
        writer.commit();
    }
    CHECK(read_bytes(dir / "a.h5") == read_bytes(dir / "b.h5"));
    CHECK(entries_under(dir / "a.h5", "/traces").empty());
    CHECK(entries_under(dir / "a.h5", "/dimensions/") ==
          std::vector<std::string>{
              "/dimensions/measures", "/dimensions/measures.description",
              "/dimensions/measures.name", "/dimensions/measures.unit", "/dimensions/months",
              "/dimensions/months.month", "/dimensions/providers", "/dimensions/providers.kind",
              "/dimensions/providers.name", "/dimensions/scenarios", "/dimensions/scenarios.name",
              "/dimensions/target_groups", "/dimensions/target_groups.name"});
    const ResultFile back = read_result(dir / "a.h5");
    CHECK(back.traces.empty());
    CHECK(back == sample);

    SECTION("trace tables without trace rows are kept, but there is still no /traces") {
        ResultFile described = sample_result(); // with the tables
        described.traces.clear();
        write_result(described, dir / "c.h5", false);
        CHECK(entries_under(dir / "c.h5", "/traces").empty());
        CHECK(has_entry(dir / "c.h5", "/dimensions/states"));
        CHECK(read_result(dir / "c.h5") == described);
    }
}

TEST_CASE("trace rows with codes outside their tables are refused, naming the row",
          "[unit][output][traces]") {
    const TempDir dir;
    ResultFile sample = sample_result();
    TraceRow& row = sample.traces.at(5);
    SECTION("event") {
        row.event = 4;
        CHECK_THROWS_MATCHES(
            write_result(sample, dir / "x.h5", false), OutputError,
            Catch::Matchers::Message("cannot write '" + (dir / "x.h5").string() +
                                     "': trace row 5 (agent 1037) has event = 4, but there are 4 "
                                     "trace event(s)"));
    }
    SECTION("from_state") {
        row.from_state = 7;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("trace row 5 (agent 1037) has from_state = 7, but there are "
                                   "4 state(s)"));
    }
    SECTION("to_state") {
        row.to_state = 4;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("trace row 5 (agent 1037) has to_state = 4"));
    }
    SECTION("provider") {
        row.provider = 2;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("trace row 5 (agent 1037) has provider = 2, but there are 2 "
                                   "provider(s)"));
    }
    SECTION("scenario and replication") {
        row.scenario = 2;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("trace row 5 (agent 1037) has scenario = 2"));
        row.scenario = 0;
        row.replication = 2;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("trace row 5 (agent 1037) has replication = 2, but there are "
                                   "2 replication(s)"));
    }
    SECTION("a time without a YYYY-MM-DDTHH:MM form") {
        row.time = kLastTraceTime + 1;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("trace row 5 (agent 1037) has time = 4223371680, outside "
                                   "0000-01-01T00:00 .. 9999-12-31T23:59"));
    }
    SECTION("no trace event or state table") {
        sample.dimensions.trace_events.clear();
        sample.dimensions.states.clear();
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("trace row 0 (agent 1000) has event = 0, but there are 0 "
                                   "trace event(s)"));
    }
    SECTION("a later batch counts rows from the start") {
        ResultWriter writer(dir / "x.h5", false);
        writer.write(sample.metadata, sample.dimensions);
        writer.append_traces(std::span(sample.traces).first(3));
        TraceRow bad = sample.traces[3];
        bad.event = 9;
        CHECK_THROWS_WITH(writer.append_traces(std::span(&bad, 1)),
                          Contains("trace row 3 (agent 1000) has event = 9"));
        CHECK_THROWS_WITH(writer.commit(), Contains("an earlier error stopped this writer"));
    }
    CHECK(testing::list_folder(dir.path()).empty());
}

TEST_CASE("trace event and state names are checked like other names", "[unit][output][traces]") {
    const TempDir dir;
    ResultFile sample = sample_result();
    SECTION("duplicate state") {
        sample.dimensions.states[1] = "unemployed";
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("state name 'unemployed' appears twice"));
    }
    SECTION("empty event name") {
        sample.dimensions.trace_events[2].clear();
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("trace event 2 has an empty name"));
    }
    CHECK(testing::list_folder(dir.path()).empty());
}

TEST_CASE("an abandoned writer with many trace rows leaves no file behind",
          "[unit][output][traces]") {
    const TempDir dir;
    SampleShape shape;
    shape.replications = 50;
    shape.traced_agents = 12;
    const ResultFile sample = sample_result(7, shape);
    {
        ResultWriter writer(dir / "run.h5", false);
        writer.write(sample.metadata, sample.dimensions);
        writer.append_traces(sample.traces); // more than a chunk: some go to the scratch file
        writer.append_monthly(sample.monthly);
        CHECK(testing::list_folder(dir.path()) ==
              std::vector<std::string>{"run.h5.part-" + std::to_string(::getpid())});
    }
    CHECK(testing::list_folder(dir.path()).empty());
}

TEST_CASE("append_traces out of order is reported as a bug", "[unit][output][traces]") {
    const TempDir dir;
    const ResultFile sample = sample_result();
    ResultWriter writer(dir / "run.h5", false);
    CHECK_THROWS_AS(writer.append_traces(sample.traces), std::logic_error);
    writer.write(sample.metadata, sample.dimensions);
    writer.append_traces(sample.traces);
    writer.commit();
    CHECK_THROWS_AS(writer.append_traces(sample.traces), std::logic_error);
    CHECK(read_result(dir / "run.h5").traces == sample.traces);
}

TEST_CASE("trace times are spelt YYYY-MM-DDTHH:MM in UTC", "[unit][output][traces]") {
    CHECK(format_trace_time(0) == "1970-01-01T00:00");
    CHECK(format_trace_time(testing::kSampleFirstTraceTime) == "2021-03-01T08:00");
    CHECK(format_trace_time(26'909'760 - 1) == "2021-03-01T07:59");
    CHECK(format_trace_time(-1) == "1969-12-31T23:59");
    CHECK(format_trace_time(-1440) == "1969-12-31T00:00");
    CHECK(format_trace_time(26'382'994) == "2020-02-29T12:34"); // a leap day
    CHECK(format_trace_time(kFirstTraceTime) == "0000-01-01T00:00");
    CHECK(format_trace_time(kLastTraceTime) == "9999-12-31T23:59");
    CHECK_THROWS_AS(format_trace_time(kFirstTraceTime - 1), OutputError);
    CHECK_THROWS_WITH(format_trace_time(kLastTraceTime + 1),
                      Contains("cannot format time 4223371680"));
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A shape with more summary rows (cells) than one chunk (4096): 2 x 40 x 8 x 4 x 4 = 10240.
SampleShape many_cells() {
    SampleShape shape;
    shape.months = 40;
    shape.providers = 8;
    shape.target_groups = 4;
    shape.measures = 4;
    return shape;
}

/// Makes row `i` of `result.summary` a cell with one replication: NaN error and interval.
void make_single(ResultFile& result, std::size_t i) {
    SummaryRow& row = result.summary.at(i);
    row.replications = 1;
    row.std_error = kNaN;
    row.ci_low = kNaN;
    row.ci_high = kNaN;
}

} // namespace

TEST_CASE("summary rows read back exactly, with their confidence level",
          "[unit][output][summary]") {
    const TempDir dir;
    ResultFile sample = sample_result();
    REQUIRE(sample.summary.size() == 2 * 4 * 2 * 2 * 3); // one row per cell
    make_single(sample, 3);
    write_result(sample, dir / "run.h5", false);
    const ResultFile back = read_result(dir / "run.h5");
    CHECK(back.summary == sample.summary);
    CHECK(std::isnan(back.summary[3].std_error));
    CHECK(std::isnan(back.summary[3].ci_low));
    CHECK(std::isnan(back.summary[3].ci_high));
    CHECK(back.summary_level == 0.95);
    CHECK(back == sample);

    SECTION("another level is stored and read back") {
        sample.summary = summarise_monthly(sample.monthly, 0.9);
        sample.summary_level = 0.9;
        write_result(sample, dir / "ninety.h5", false);
        const ResultFile ninety = read_result(dir / "ninety.h5");
        CHECK(ninety.summary_level == 0.9);
        CHECK(ninety == sample);
    }
}

TEST_CASE("/summary/rows is a chunked, compressed table with its confidence level",
          "[unit][output][summary]") {
    const TempDir dir;
    write_result(sample_result(), dir / "run.h5", false);
    std::vector<std::pair<std::string, std::string>> summary;
    for (const FileEntry& e : inspect_file(dir / "run.h5")) {
        if (e.path.rfind("/summary", 0) == 0) {
            summary.emplace_back(e.path, e.type);
        }
    }
    CHECK(summary == std::vector<std::pair<std::string, std::string>>{
                         {"/summary", ""},
                         {"/summary/rows", "compound"},
                         {"/summary/rows.ci_high", "float64"},
                         {"/summary/rows.ci_low", "float64"},
                         {"/summary/rows.mean", "float64"},
                         {"/summary/rows.measure", "uint32"},
                         {"/summary/rows.month", "uint32"},
                         {"/summary/rows.provider", "uint32"},
                         {"/summary/rows.replications", "uint32"},
                         {"/summary/rows.scenario", "uint32"},
                         {"/summary/rows.std_error", "float64"},
                         {"/summary/rows.target_group", "uint32"},
                         {"/summary/rows@confidence_level", "float64"},
                     });
}

TEST_CASE("summary rows need no particular batching or interleaving", "[unit][output][summary]") {
    const TempDir dir;
    ResultFile sample = sample_result(7, many_cells());
    REQUIRE(sample.summary.size() > 4096);
    REQUIRE(sample.summary.size() % 4096 != 0); // a partial last chunk too
    make_single(sample, 4100);

    write_result(sample, dir / "a.h5", false);
    CHECK(read_result(dir / "a.h5") == sample);
    write_in_batches(sample, dir / "b.h5", 7);
    write_in_batches(sample, dir / "c.h5", 4096);
    write_interleaved(sample, dir / "d.h5", 1000, 333);
    write_interleaved(sample, dir / "e.h5", 5000, 1, true);
    const std::string a = read_bytes(dir / "a.h5");
    CHECK(a == read_bytes(dir / "b.h5"));
    CHECK(a == read_bytes(dir / "c.h5"));
    CHECK(a == read_bytes(dir / "d.h5"));
    CHECK(a == read_bytes(dir / "e.h5"));
    {
        // Empty batches, even at another level, change nothing.
        ResultWriter writer(dir / "f.h5", false);
        writer.write(sample.metadata, sample.dimensions);
        writer.append_summary({}, 0.5);
        writer.append_summary(sample.summary);
        writer.append_summary({}, 0.9);
        writer.append_monthly(sample.monthly);
        writer.append_traces(sample.traces);
        writer.commit();
    }
    CHECK(a == read_bytes(dir / "f.h5"));

    SECTION("another summary gives another file") {
        ResultFile other = sample;
        other.summary[4500].mean = std::nextafter(other.summary[4500].mean, 1e300);
        write_result(other, dir / "other.h5", false);
        CHECK(a != read_bytes(dir / "other.h5"));
        CHECK(read_result(dir / "other.h5").summary == other.summary);
    }
}

TEST_CASE("a file without a summary has no /summary group and is written as before summaries",
          "[unit][output][summary]") {
    const TempDir dir;
    SampleShape shape;
    shape.summary = false;
    const ResultFile sample = sample_result(20210301, shape);
    REQUIRE(sample.summary.empty());

    write_result(sample, dir / "a.h5", false); // calls append_summary with no rows
    {
        // The calls a writer got before summaries existed.
        ResultWriter writer(dir / "b.h5", false);
        writer.write(sample.metadata, sample.dimensions);
        writer.append_monthly(sample.monthly);
        writer.append_traces(sample.traces);
        writer.commit();
    }
    CHECK(read_bytes(dir / "a.h5") == read_bytes(dir / "b.h5"));
    CHECK(entries_under(dir / "a.h5", "/summary").empty());
    const ResultFile back = read_result(dir / "a.h5");
    CHECK(back.summary.empty());
    CHECK(back == sample);

    SECTION("a level without rows is not stored") {
        ResultFile ninety = sample;
        ninety.summary_level = 0.9;
        write_result(ninety, dir / "c.h5", false);
        CHECK(read_bytes(dir / "c.h5") == read_bytes(dir / "a.h5"));
        CHECK(read_result(dir / "c.h5").summary_level == kSummaryLevel);
    }
}

TEST_CASE("summary rows with codes outside their tables are refused, naming the row",
          "[unit][output][summary]") {
    const TempDir dir;
    ResultFile sample = sample_result();
    SummaryRow& row = sample.summary.at(5);
    const std::string prefix = "cannot write '" + (dir / "x.h5").string() + "': summary row 5 ";
    SECTION("measure") {
        row.measure = 3;
        CHECK_THROWS_MATCHES(
            write_result(sample, dir / "x.h5", false), OutputError,
            Catch::Matchers::Message(prefix + "has measure = 3, but there are 3 measure(s)"));
    }
    SECTION("scenario") {
        row.scenario = 2;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("summary row 5 has scenario = 2, but there are 2 "
                                   "scenario(s)"));
    }
    SECTION("month") {
        row.month = 4;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("summary row 5 has month = 4, but there are 4 month(s)"));
    }
    SECTION("provider") {
        row.provider = 7;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("summary row 5 has provider = 7, but there are 2 "
                                   "provider(s)"));
    }
    SECTION("target group") {
        row.target_group = 2;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("summary row 5 has target_group = 2, but there are 2 "
                                   "target group(s)"));
    }
    SECTION("no replications") {
        row.replications = 0;
        CHECK_THROWS_MATCHES(
            write_result(sample, dir / "x.h5", false), OutputError,
            Catch::Matchers::Message(prefix + "has replications = 0, but it must be 1 to 2 (the "
                                              "replications of the run)"));
    }
    SECTION("more replications than the run") {
        row.replications = 3;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("summary row 5 has replications = 3, but it must be 1 to 2"));
    }
    SECTION("a confidence level outside (0, 1)") {
        sample.summary_level = 1.0;
        CHECK_THROWS_MATCHES(
            write_result(sample, dir / "x.h5", false), OutputError,
            Catch::Matchers::Message("cannot write '" + (dir / "x.h5").string() +
                                     "': the confidence level must lie in (0, 1), got 1"));
        sample.summary_level = kNaN;
        CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                          Contains("the confidence level must lie in (0, 1), got nan"));
    }
    SECTION("two confidence levels in one file") {
        ResultWriter writer(dir / "x.h5", false);
        writer.write(sample.metadata, sample.dimensions);
        writer.append_summary(std::span(sample.summary).first(3));
        CHECK_THROWS_WITH(writer.append_summary(std::span(sample.summary).subspan(3), 0.9),
                          Contains("summary rows at confidence level 0.9 follow rows at 0.95; "
                                   "a file holds one summary at one level"));
        CHECK_THROWS_WITH(writer.commit(), Contains("an earlier error stopped this writer"));
    }
    SECTION("a later batch counts rows from the start") {
        ResultWriter writer(dir / "x.h5", false);
        writer.write(sample.metadata, sample.dimensions);
        writer.append_summary(std::span(sample.summary).first(3));
        SummaryRow bad = sample.summary[3];
        bad.measure = 9;
        CHECK_THROWS_WITH(writer.append_summary(std::span(&bad, 1)),
                          Contains("summary row 3 has measure = 9"));
    }
    CHECK(testing::list_folder(dir.path()).empty());
}

TEST_CASE("append_summary out of order is reported as a bug", "[unit][output][summary]") {
    const TempDir dir;
    const ResultFile sample = sample_result();
    ResultWriter writer(dir / "run.h5", false);
    CHECK_THROWS_AS(writer.append_summary(sample.summary), std::logic_error);
    writer.write(sample.metadata, sample.dimensions);
    writer.append_summary(sample.summary);
    writer.commit();
    CHECK_THROWS_AS(writer.append_summary(sample.summary), std::logic_error);
    CHECK(read_result(dir / "run.h5").summary == sample.summary);
}

TEST_CASE("summarise_monthly gives n, mean, standard error and a Student-t interval per cell",
          "[unit][output][summary]") {
    // t quantiles: t(0.975; 2), t(0.975; 1), t(0.95; 2).
    constexpr double t975_2 = 4.302652729749464;
    constexpr double t975_1 = 12.706204736174705;
    constexpr double t95_2 = 2.9199855803537256;
    const auto close = [](double x) { return Approx(x).epsilon(1e-14).margin(1e-14); };
    // Out of order: cells and replications shuffled.
    const std::vector<MonthlyRow> rows = {
        {0, 2, 1, 0, 0, 0, 3.0},  // cell A (scenario 0, month 1, provider 0, group 0, measure 0)
        {0, 1, 0, 1, 0, 2, 7.5},  // cell C (month 0, provider 1): one replication
        {0, 0, 1, 0, 0, 0, 1.0},  // A
        {0, 1, 0, 0, 1, 0, 20.0}, // cell B (month 0, provider 0, group 1)
        {0, 1, 1, 0, 0, 0, 2.0},  // A
        {0, 0, 0, 0, 1, 0, 10.0}, // B
        {1, 0, 0, 0, 0, 0, 5.0},  // cell D (scenario 1): one replication
    };
    const auto summary = summarise_monthly(rows);
    REQUIRE(summary.size() == 4);

    // Sorted by scenario, month, provider, target group, measure: B, C, A, D.
    const SummaryRow& b = summary[0];
    CHECK(std::tuple{b.scenario, b.month, b.provider, b.target_group, b.measure} ==
          std::tuple{0u, 0u, 0u, 1u, 0u});
    CHECK(b.replications == 2);
    CHECK(b.mean == 15.0);
    CHECK(b.std_error == close(5.0)); // s = sqrt(50), s / sqrt(2) = 5
    CHECK(b.ci_low == close(15.0 - t975_1 * 5.0));
    CHECK(b.ci_high == close(15.0 + t975_1 * 5.0));

    const SummaryRow& c = summary[1];
    CHECK(std::tuple{c.scenario, c.month, c.provider, c.target_group, c.measure} ==
          std::tuple{0u, 0u, 1u, 0u, 2u});
    CHECK(c.replications == 1);
    CHECK(c.mean == 7.5);
    CHECK(std::isnan(c.std_error));
    CHECK(std::isnan(c.ci_low));
    CHECK(std::isnan(c.ci_high));

    const SummaryRow& a = summary[2];
    CHECK(std::tuple{a.scenario, a.month, a.provider, a.target_group, a.measure} ==
          std::tuple{0u, 1u, 0u, 0u, 0u});
    CHECK(a.replications == 3);
    CHECK(a.mean == 2.0);
    const double se = 1.0 / std::sqrt(3.0); // s = 1
    CHECK(a.std_error == close(se));
    CHECK(a.ci_low == close(2.0 - t975_2 * se)); // 2 - 4.3027 * 0.57735 = -0.48414
    CHECK(a.ci_high == close(2.0 + t975_2 * se));
    CHECK(a.ci_low == Approx(-0.4841377).epsilon(1e-6));

    const SummaryRow& d = summary[3];
    CHECK(d.scenario == 1);
    CHECK(d.replications == 1);
    CHECK(d.mean == 5.0);
    CHECK(std::isnan(d.ci_high));

    SECTION("the order of the rows does not matter, to the bit") {
        std::vector<MonthlyRow> reversed(rows.rbegin(), rows.rend());
        CHECK(summarise_monthly(reversed) == summary);
    }
    SECTION("another level") {
        const auto ninety = summarise_monthly(rows, 0.9);
        CHECK(ninety[2].mean == 2.0);
        CHECK(ninety[2].ci_low == close(2.0 - t95_2 * se));
        CHECK(ninety[2].ci_high == close(2.0 + t95_2 * se));
    }
    SECTION("no rows, no cells") {
        CHECK(summarise_monthly({}).empty());
    }
}

TEST_CASE("summarise_monthly agrees with the sample's panel and its replication count",
          "[unit][output][summary]") {
    SampleShape shape;
    shape.replications = 5;
    const ResultFile sample = sample_result(3, shape);
    const auto summary = summarise_monthly(sample.monthly);
    REQUIRE(summary.size() == sample.monthly.size() / 5);
    for (const SummaryRow& row : summary) {
        CHECK(row.replications == 5);
        CHECK(row.ci_low <= row.mean);
        CHECK(row.mean <= row.ci_high);
    }
    // The first cell by hand: its values are rows 0, 48, 96, ... (48 rows a replication).
    double sum = 0.0;
    for (std::size_t r = 0; r < 5; ++r) {
        sum += sample.monthly[48 * r].value;
    }
    CHECK(summary[0].mean == sum / 5.0);
}

TEST_CASE("summarise_monthly refuses two values of one replication and a bad level",
          "[unit][output][summary]") {
    const std::vector<MonthlyRow> rows = {
        {0, 0, 1, 0, 0, 0, 1.0},
        {0, 1, 1, 0, 0, 0, 2.0},
        {0, 0, 0, 0, 0, 0, 3.0},
        {0, 1, 1, 0, 0, 0, 4.0}, // row 1 again
    };
    CHECK_THROWS_MATCHES(summarise_monthly(rows), OutputError,
                         Catch::Matchers::Message(
                             "cannot summarise the monthly panel: monthly rows 1 and 3 are both "
                             "replication 1 of the cell scenario 0, month 1, provider 0, "
                             "target_group 0, measure 0"));
    const std::span<const MonthlyRow> valid = std::span(rows).first(3);
    CHECK(summarise_monthly(valid).size() == 2);
    CHECK_THROWS_WITH(summarise_monthly(valid, 0.0),
                      Contains("the confidence level must lie in (0, 1), got 0"));
    CHECK_THROWS_WITH(summarise_monthly(valid, 95.0),
                      Contains("the confidence level must lie in (0, 1), got 95"));
}
