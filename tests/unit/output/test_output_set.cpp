// Tests of what makes a run's outputs safe: the streaming summary, the output set committed
// as a whole, output targets and temporary names, and the stop request.
#include "output/csv.hpp"
#include "output/detail/atomic_file.hpp"
#include "output/output_set.hpp"
#include "output/result_file.hpp"
#include "sim/interrupt.hpp"
#include "tests/unit/output/sample.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace kokeilu;
using namespace kokeilu::output;
using kokeilu::output::testing::list_folder;
using kokeilu::output::testing::read_bytes;
using kokeilu::output::testing::sample_result;
using kokeilu::output::testing::SampleShape;
using kokeilu::output::testing::TempDir;
using kokeilu::output::testing::write_bytes;

namespace {

/// Sets the process's stop flag for one scope.
struct StopRequested {
    StopRequested() { interrupt_flag().store(true); }
    ~StopRequested() { interrupt_flag().store(false); }
    StopRequested(const StopRequested&) = delete;
    StopRequested& operator=(const StopRequested&) = delete;
};

} // namespace

TEST_CASE("SummaryBuilder gives exactly summarise_monthly's rows, one replication at a time",
          "[unit][output][summary]") {
    SampleShape shape;
    shape.replications = 7;
    shape.months = 5;
    const ResultFile sample = sample_result(99, shape);
    // Drop some rows of the last replication, so that some cells have fewer replications.
    std::vector<MonthlyRow> rows;
    for (const auto& r : sample.monthly) {
        if (!(r.replication == 6 && r.month == 2)) {
            rows.push_back(r);
        }
    }
    const TempDir dir;
    SummaryBuilder builder(sample.metadata, sample.dimensions, dir / "x.h5");
    // The sample's rows are in scenario, replication order: feed them replication-major, as
    // a run does, in uneven batches.
    std::vector<MonthlyRow> ordered = rows;
    std::stable_sort(ordered.begin(), ordered.end(), [](const MonthlyRow& a, const MonthlyRow& b) {
        return a.replication < b.replication;
    });
    for (std::size_t at = 0; at < ordered.size(); at += 37) {
        builder.add(std::span(ordered).subspan(at, std::min<std::size_t>(37, ordered.size() - at)));
    }
    const auto streamed = builder.finish();
    const auto reference = summarise_monthly(rows);
    REQUIRE(streamed.size() == reference.size());
    CHECK(streamed == reference);
    // Bit for bit, not only equal as numbers.
    CHECK(std::memcmp(streamed.data(), reference.data(), streamed.size() * sizeof(SummaryRow)) ==
          0);
    // Nothing is left in the folder: the scratch file has no name.
    CHECK(list_folder(dir.path()).empty());
}

TEST_CASE("SummaryBuilder reading its second pass back from the result file being written "
          "gives the same rows, and the file reads back whole",
          "[unit][output][summary]") {
    SampleShape shape;
    shape.replications = 5;
    shape.summary = false;
    const ResultFile sample = sample_result(7, shape);
    const TempDir dir;
    ResultWriter writer(dir / "x.h5", false);
    writer.write(sample.metadata, sample.dimensions);
    SummaryBuilder builder(sample.metadata, sample.dimensions, dir / "x.h5",
                           [&](const auto& fn) { writer.read_monthly(fn); });
    std::vector<MonthlyRow> ordered = sample.monthly;
    std::stable_sort(ordered.begin(), ordered.end(), [](const MonthlyRow& a, const MonthlyRow& b) {
        return a.replication < b.replication;
    });
    for (std::size_t at = 0; at < ordered.size(); at += 101) {
        const auto part =
            std::span(ordered).subspan(at, std::min<std::size_t>(101, ordered.size() - at));
        writer.append_monthly(part);
        builder.add(part);
    }
    const auto summary = builder.finish();
    CHECK(summary == summarise_monthly(ordered));
    writer.append_summary(summary);
    writer.commit();
    const ResultFile back = read_result(dir / "x.h5");
    CHECK(back.monthly == ordered);
    CHECK(back.summary == summary);
}

TEST_CASE("SummaryBuilder refuses a cell's replications out of order", "[unit][output][summary]") {
    const ResultFile sample = sample_result(1);
    const TempDir dir;
    SummaryBuilder builder(sample.metadata, sample.dimensions, dir / "x.h5");
    MonthlyRow row = sample.monthly.front();
    row.replication = 1;
    builder.add(std::span(&row, 1));
    row.replication = 0;
    CHECK_THROWS_WITH(builder.add(std::span(&row, 1)),
                      Catch::Contains("comes after replication 1"));
}

TEST_CASE("An output set renames every file together and undoes all of it if one rename fails",
          "[unit][output][output_set]") {
    const TempDir dir;
    write_bytes(dir / "a.txt", "old a");
    write_bytes(dir / "b.txt", "old b");
    write_bytes(dir / "stale.txt", "old stale");

    SECTION("commit: new files in, the stale one out, no temporary or kept file left") {
        OutputSet set(true);
        write_bytes(dir / "a.tmp", "new a");
        write_bytes(dir / "b.tmp", "new b");
        set.adopt(dir / "a.tmp", dir / "a.txt");
        set.adopt(dir / "b.tmp", dir / "b.txt");
        set.remove_at_commit(dir / "stale.txt");
        set.commit();
        CHECK(read_bytes(dir / "a.txt") == "new a");
        CHECK(read_bytes(dir / "b.txt") == "new b");
        CHECK(list_folder(dir.path()) == std::vector<std::string>{"a.txt", "b.txt"});
    }
    SECTION("a failed rename: every file keeps its old content, the temporaries are removed") {
        {
            OutputSet set(true);
            write_bytes(dir / "a.tmp", "new a");
            set.adopt(dir / "a.tmp", dir / "a.txt");
            set.remove_at_commit(dir / "stale.txt");
            // The second file's temporary file is gone: its rename fails after the first's.
            set.adopt(dir / "missing.tmp", dir / "b.txt");
            CHECK_THROWS_AS(set.commit(), OutputError);
        }
        CHECK(read_bytes(dir / "a.txt") == "old a");
        CHECK(read_bytes(dir / "b.txt") == "old b");
        CHECK(read_bytes(dir / "stale.txt") == "old stale");
        CHECK(list_folder(dir.path()) == std::vector<std::string>{"a.txt", "b.txt", "stale.txt"});
    }
    SECTION("a stop request before the commit: nothing changes, the temporaries are removed") {
        {
            OutputSet set(true);
            write_bytes(dir / "a.tmp", "new a");
            set.adopt(dir / "a.tmp", dir / "a.txt");
            const StopRequested stop;
            CHECK_THROWS_AS(set.commit(), Interrupted);
        }
        CHECK(read_bytes(dir / "a.txt") == "old a");
        CHECK(list_folder(dir.path()) == std::vector<std::string>{"a.txt", "b.txt", "stale.txt"});
    }
    SECTION("without replace, a target that appeared meanwhile stops the commit") {
        {
            OutputSet set(false);
            write_bytes(dir / "c.tmp", "new c");
            set.adopt(dir / "c.tmp", dir / "c.txt");
            write_bytes(dir / "c.txt", "someone else's");
            CHECK_THROWS_WITH(set.commit(), Catch::Contains("appeared"));
        }
        CHECK(read_bytes(dir / "c.txt") == "someone else's");
        CHECK_FALSE(fs::exists(dir / "c.tmp"));
    }
}

TEST_CASE("results_placed: set by a commit's rename, not by a stopped commit",
          "[unit][output][output_set]") {
    // `kokeilu` exits 0, not 130, when Ctrl-C comes after its results were renamed into place
    // (130 promises that existing results are unchanged).
    const TempDir dir;
    write_bytes(dir / "a.tmp", "new a");
    const bool before = results_placed();
    {
        OutputSet set(true);
        set.adopt(dir / "a.tmp", dir / "a.txt");
        const StopRequested stop;
        CHECK_THROWS_AS(set.commit(), Interrupted);
    }
    CHECK(results_placed() == before);
    write_bytes(dir / "b.tmp", "new b");
    OutputSet set(true);
    set.adopt(dir / "b.tmp", dir / "b.txt");
    set.commit();
    CHECK(results_placed());
}

TEST_CASE("export_csv replaces an earlier export as a whole, and not at all when interrupted",
          "[unit][output][output_set]") {
    const TempDir dir;
    SampleShape with_summary;
    const ResultFile first = sample_result(1, with_summary);
    export_csv(first, dir.path());
    const std::string monthly = read_bytes(dir / "monthly.csv");
    CHECK(fs::exists(dir / "summary.csv"));
    SampleShape plain;
    plain.summary = false;
    const ResultFile second = sample_result(2, plain);
    {
        const StopRequested stop;
        CHECK_THROWS_AS(export_csv(second, dir.path()), Interrupted);
    }
    CHECK(read_bytes(dir / "monthly.csv") == monthly);
    CHECK(fs::exists(dir / "summary.csv"));
    CHECK_THROWS_WITH(export_csv(second, dir.path(), false), Catch::Contains("--force"));
    CHECK(read_bytes(dir / "monthly.csv") == monthly);
    export_csv(second, dir.path(), true);
    CHECK(read_bytes(dir / "monthly.csv") != monthly);
    CHECK_FALSE(fs::exists(dir / "summary.csv")); // the earlier run's summary went with it
    const auto names = list_folder(dir.path());
    CHECK(std::none_of(names.begin(), names.end(), [](const std::string& n) {
        return n.find(".part-") != std::string::npos || n.find(".old-") != std::string::npos;
    }));
}

TEST_CASE("Output targets: only regular files are replaced, names up to 255 bytes are written",
          "[unit][output][output_set]") {
    const TempDir dir;
    SECTION("a FIFO, a symbolic link and a device are refused even with replace") {
        REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
        CHECK_THROWS_WITH(prepare_target(dir / "fifo", true), Catch::Contains("a FIFO"));
        write_bytes(dir / "real.h5", "x");
        fs::create_symlink(dir / "real.h5", dir / "link.h5");
        CHECK_THROWS_WITH(prepare_target(dir / "link.h5", true),
                          Catch::Contains("a symbolic link"));
        CHECK_THROWS_WITH(prepare_target("/dev/null", true), Catch::Contains("a device"));
        CHECK_THROWS_WITH(write_file_atomically("/dev/null", "x", true),
                          Catch::Contains("a device"));
        CHECK(fs::is_character_file("/dev/null"));
    }
    SECTION("a missing folder is made; an input is never a target") {
        CHECK_NOTHROW(prepare_target(dir / "a" / "b" / "x.h5", false));
        CHECK(fs::is_directory(dir / "a" / "b"));
        write_bytes(dir / "in.toml", "x");
        CHECK_THROWS_WITH(prepare_target(dir / "in.toml", true, {dir / "." / "in.toml"}),
                          Catch::Contains("inputs"));
    }
    SECTION("a 250-byte name: the temporary name is shortened, the final one kept") {
        const std::string name(246, 'n');
        const fs::path target = dir / (name + ".csv");
        const fs::path temp = output::detail::temporary_path_for(target);
        CHECK(temp.filename().string().size() <= 255);
        CHECK(temp.parent_path() == target.parent_path());
        write_file_atomically(target, "hello", false);
        CHECK(read_bytes(target) == "hello");
        CHECK(list_folder(dir.path()) == std::vector<std::string>{name + ".csv"});
        CHECK_THROWS_WITH(prepare_target(dir / std::string(256, 'n'), false),
                          Catch::Contains("longer than 255"));
    }
}
