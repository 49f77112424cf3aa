// What `kokeilu sweep merge` uses of output/: rows read a block at a time, and /points.
#include "output/points_table.hpp"
#include "output/result_file.hpp"
#include "tests/unit/output/sample.hpp"

#include <catch2/catch.hpp>

#include <hdf5.h>

#include <filesystem>
#include <vector>

using namespace kokeilu::output;
using kokeilu::output::testing::read_bytes;
using kokeilu::output::testing::sample_result;
using kokeilu::output::testing::SampleShape;
using kokeilu::output::testing::TempDir;

TEST_CASE("rows read a block at a time are the file's rows, in order", "[unit][output]") {
    const TempDir dir;
    SampleShape shape;
    shape.months = 400; // 2 scenarios x 2 replications x 400 x 4 providers x 2 x 3 = 38,400 rows
    shape.providers = 4;
    shape.breakdown_groups = 3;
    const ResultFile result = sample_result(7, shape);
    REQUIRE(result.monthly.size() > 32768); // more than one block
    write_result(result, dir / "x.h5", false);
    std::vector<MonthlyRow> monthly;
    std::size_t blocks = 0;
    read_monthly_blocks(dir / "x.h5", [&](std::span<const MonthlyRow> rows) {
        monthly.insert(monthly.end(), rows.begin(), rows.end());
        ++blocks;
    });
    CHECK(blocks >= 2);
    CHECK(monthly == result.monthly);
    std::vector<BreakdownRow> breakdowns;
    read_breakdown_blocks(dir / "x.h5", [&](std::span<const BreakdownRow> rows) {
        breakdowns.insert(breakdowns.end(), rows.begin(), rows.end());
    });
    CHECK(breakdowns == result.breakdowns);
    const ResultFile head = read_result_head(dir / "x.h5");
    CHECK(head.dimensions == result.dimensions);
    CHECK(head.metadata == result.metadata);
    CHECK(head.monthly.empty());
}

TEST_CASE("the /points table: numbers as float64, other values as strings, the same bytes for "
          "the same rows",
          "[unit][output]") {
    const TempDir dir;
    const ResultFile result = sample_result(7, SampleShape{});
    const std::vector<std::string> keys = {"a.number", "b.word"};
    const std::vector<PointRow> rows = {{"00112233aabbccdd", "grid 1", {"5", "\"everyone\""}},
                                        {"ffeeddccbbaa9988", "grid 2", {"237.5", "true"}}};
    for (const char* name : {"p1.h5", "p2.h5"}) {
        write_result(result, dir / name, false);
        add_points_table(dir / name, keys, rows);
    }
    CHECK(read_bytes(dir / "p1.h5") == read_bytes(dir / "p2.h5"));
    CHECK(read_result(dir / "p1.h5") == result); // still a result file as before

    const hid_t file = H5Fopen((dir / "p1.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t dataset = H5Dopen2(file, "/points", H5P_DEFAULT);
    REQUIRE(dataset >= 0);
    const hid_t type = H5Dget_type(dataset);
    CHECK(H5Tget_nmembers(type) == 5);
    CHECK(H5Tget_member_class(type, 3) == H5T_FLOAT);  // a.number
    CHECK(H5Tget_member_class(type, 4) == H5T_STRING); // b.word
    double numbers[2] = {0.0, 0.0};
    const hid_t mem = H5Tcreate(H5T_COMPOUND, sizeof(double));
    H5Tinsert(mem, "a.number", 0, H5T_NATIVE_DOUBLE);
    CHECK(H5Dread(dataset, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, numbers) >= 0);
    CHECK(numbers[0] == 5.0);
    CHECK(numbers[1] == 237.5);
    H5Tclose(mem);
    H5Tclose(type);
    H5Dclose(dataset);
    H5Fclose(file);
}
