// Tests of the schema versions a result file may have: version 2 stores the scenario texts as an
// array; files of version 1 (one joined text) still read; newer versions are refused. Files of
// another version are made from a written one with the HDF5 C API.
#include "output/inspect.hpp"
#include "output/result_file.hpp"
#include "tests/unit/output/sample.hpp"

#include <catch2/catch.hpp>
#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace kokeilu::output;
using Catch::Matchers::Contains;
using kokeilu::output::testing::sample_result;
using kokeilu::output::testing::SampleShape;
using kokeilu::output::testing::TempDir;

namespace {

/// The default sample's shape with `n` scenarios.
SampleShape scenarios(std::uint32_t n) {
    SampleShape shape;
    shape.scenarios = n;
    return shape;
}

/// Sets the root attribute `schema_version` of the file at `path`.
void set_schema_version(const fs::path& path, std::int32_t version) {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t attr = H5Aopen(file, "schema_version", H5P_DEFAULT);
    REQUIRE(attr >= 0);
    CHECK(H5Awrite(attr, H5T_NATIVE_INT32, &version) >= 0);
    H5Aclose(attr);
    H5Fclose(file);
}

/// Rewrites the file at `path` as schema version 1 stored its scenarios: one string attribute
/// `/metadata@scenario_text` holding `text`, no `scenario_texts`.
void make_version_1(const fs::path& path, const std::string& text) {
    set_schema_version(path, 1);
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t meta = H5Gopen2(file, "/metadata", H5P_DEFAULT);
    REQUIRE(meta >= 0);
    CHECK(H5Adelete(meta, "scenario_texts") >= 0);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attr = H5Acreate2(meta, "scenario_text", type, space, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(attr >= 0);
    const char* value = text.c_str();
    CHECK(H5Awrite(attr, type, static_cast<const void*>(&value)) >= 0);
    H5Aclose(attr);
    H5Sclose(space);
    H5Tclose(type);
    H5Gclose(meta);
    H5Fclose(file);
}

/// The single text version 1 stored for `texts`: for two or more scenarios, each text after a
/// heading line `# ==== scenario N: NAME ====` (as `kokeilu compare` wrote it).
std::string joined_as_version_1(const Metadata& m) {
    if (m.scenario_texts.size() == 1) {
        return m.scenario_texts.front();
    }
    std::string all;
    for (std::size_t i = 0; i < m.scenario_texts.size(); ++i) {
        all += "# ==== scenario " + std::to_string(i) + ": " + m.scenario_names[i] + " ====\n" +
               m.scenario_texts[i];
    }
    return all;
}

} // namespace

TEST_CASE("the scenario texts are one string array attribute, one text per scenario",
          "[unit][output]") {
    const TempDir dir;
    const ResultFile sample = sample_result(7, scenarios(3));
    REQUIRE(sample.metadata.scenario_texts.size() == 3);
    write_result(sample, dir / "run.h5", false);
    const auto entries = inspect_file(dir / "run.h5");
    const auto texts = std::find_if(entries.begin(), entries.end(), [](const FileEntry& e) {
        return e.path == "/metadata@scenario_texts";
    });
    REQUIRE(texts != entries.end());
    CHECK(texts->type == "string array");
    CHECK(std::none_of(entries.begin(), entries.end(),
                       [](const FileEntry& e) { return e.path == "/metadata@scenario_text"; }));
    const ResultFile back = read_result(dir / "run.h5");
    CHECK(back.schema_version == 2);
    CHECK(back.metadata.scenario_texts == sample.metadata.scenario_texts);
}

TEST_CASE("a file of schema version 1 reads with its joined scenario text split per scenario",
          "[unit][output]") {
    const TempDir dir;
    for (const std::uint32_t n : {1U, 2U, 3U}) {
        CAPTURE(n);
        const ResultFile sample = sample_result(11, scenarios(n));
        const fs::path path = dir / ("v1-" + std::to_string(n) + ".h5");
        write_result(sample, path, false);
        make_version_1(path, joined_as_version_1(sample.metadata));
        const ResultFile back = read_result(path);
        CHECK(back.schema_version == 1);
        CHECK(back.metadata.scenario_texts == sample.metadata.scenario_texts);
        ResultFile expected = sample;
        expected.schema_version = 1;
        CHECK(back == expected);
    }
}

TEST_CASE("a version 1 text with an empty scenario or no final line break splits exactly",
          "[unit][output]") {
    const TempDir dir;
    ResultFile sample = sample_result(3, scenarios(3));
    sample.metadata.scenario_texts[1] = "";
    sample.metadata.scenario_texts[2] = "[scenario]\nname = \"last\"";
    write_result(sample, dir / "v1.h5", false);
    make_version_1(dir / "v1.h5", joined_as_version_1(sample.metadata));
    CHECK(read_result(dir / "v1.h5").metadata.scenario_texts == sample.metadata.scenario_texts);
}

TEST_CASE("a version 1 text that splits into fewer scenarios than the file has is an error",
          "[unit][output]") {
    const TempDir dir;
    const ResultFile sample = sample_result(5, scenarios(2));
    write_result(sample, dir / "v1.h5", false);
    make_version_1(dir / "v1.h5", "[scenario]\nname = \"only one\"\n");
    CHECK_THROWS_WITH(read_result(dir / "v1.h5"),
                      Contains("the file is inconsistent: there must be one scenario text per "
                               "scenario, but there are 1 text(s) for 2 scenario(s)"));
}

TEST_CASE("a file of a newer schema version is refused", "[unit][output]") {
    const TempDir dir;
    write_result(sample_result(), dir / "v3.h5", false);
    set_schema_version(dir / "v3.h5", 3);
    CHECK_THROWS_WITH(read_result(dir / "v3.h5"),
                      Contains("it has schema version 3, but this Kokeilu reads versions 1 to 2"));
}

TEST_CASE("writing needs exactly one scenario text per scenario", "[unit][output]") {
    const TempDir dir;
    ResultFile sample = sample_result(5, scenarios(2));
    sample.metadata.scenario_texts.pop_back();
    CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                      Contains("there must be one scenario text per scenario, but there are 1 "
                               "text(s) for 2 scenario(s)"));
    sample.metadata.scenario_texts.push_back(std::string("nul\0inside", 10));
    CHECK_THROWS_WITH(write_result(sample, dir / "x.h5", false),
                      Contains("the text of scenario 1 contains a NUL character"));
    CHECK(kokeilu::output::testing::list_folder(dir.path()).empty());
}
