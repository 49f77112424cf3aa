// Tests of the HDF5 result file: round trip, byte-identical output, safety, clear errors.
#include "output/inspect.hpp"
#include "output/result_file.hpp"
#include "tests/unit/output/sample.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace fs = std::filesystem;
using namespace kokeilu::output;
using kokeilu::output::testing::read_bytes;
using kokeilu::output::testing::sample_result;
using kokeilu::output::testing::SampleShape;
using kokeilu::output::testing::TempDir;
using Catch::Matchers::Contains;

namespace {

/// Writes `result` through a writer, appending rows in batches of `batch`.
void write_in_batches(const ResultFile& result, const fs::path& path, std::size_t batch) {
    ResultWriter writer(path, false);
    writer.write(result.metadata, result.dimensions);
    const std::span<const MonthlyRow> rows(result.monthly);
    for (std::size_t i = 0; i < rows.size(); i += batch) {
        writer.append_monthly(rows.subspan(i, std::min(batch, rows.size() - i)));
    }
    writer.commit();
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

TEST_CASE("the same content gives byte-identical files, whatever the batching",
          "[unit][output]") {
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

TEST_CASE("an existing result is refused without force and replaced with force",
          "[unit][output]") {
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
        testing::write_bytes(path, "someone else's file");
        CHECK_THROWS_MATCHES(writer.commit(), OutputError, Catch::Matchers::Message(
            "'" + path.string() + "' appeared while the results were being written; they are "
            "kept in '" + temporary.string() + "'"));
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
        CHECK_THROWS_MATCHES(ResultWriter(path, false), OutputError,
                             Catch::Matchers::Message("cannot write '" + path.string() +
                                                      "': folder '" +
                                                      (dir / "no/such/folder").string() +
                                                      "' does not exist"));
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
                             Catch::Matchers::Message(
                                 "cannot create '" + path.string() + ".part-" +
                                 std::to_string(::getpid()) + "' in folder '" + folder.string() +
                                 "': Permission denied"));
        CHECK_FALSE(fs::exists(path));
    }
}

TEST_CASE("an abandoned writer leaves no file behind", "[unit][output]") {
    const TempDir dir;
    const fs::path path = dir / "run.h5";
    const ResultFile sample = sample_result();

    SECTION("destroyed before commit") {
        ResultWriter writer(path, false);
        CHECK(writer.temporary_path() ==
              dir / ("run.h5.part-" + std::to_string(::getpid())));
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
