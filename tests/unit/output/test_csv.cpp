// Tests of the CSV export: exact header and lines, quoting, round-trip numbers, atomic files.
#include "output/csv.hpp"
#include "tests/unit/output/sample.hpp"

#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

namespace fs = std::filesystem;
using namespace kokeilu::output;
using Catch::Matchers::Contains;
using kokeilu::output::testing::read_bytes;
using kokeilu::output::testing::sample_result;
using kokeilu::output::testing::SampleShape;
using kokeilu::output::testing::TempDir;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

} // namespace

TEST_CASE("monthly.csv has the documented header and one line per row, names for codes",
          "[unit][output]") {
    const TempDir dir;
    const ResultFile sample = sample_result();
    export_csv(sample, dir / "csv");
    const std::string text = read_bytes(dir / "csv/monthly.csv");
    const auto lines = lines_of(text);
    REQUIRE(lines.size() == sample.monthly.size() + 1);
    CHECK(text.back() == '\n');
    CHECK(lines[0] == "scenario,replication,month,provider,provider_kind,target_group,measure,"
                      "value");
    CHECK(lines[1] == "baseline,0,2020-11,Uusimaa TE office 0,te_office,under 30,unemployed,301");
    CHECK(lines[2] ==
          "baseline,0,2020-11,Uusimaa TE office 0,te_office,under 30,inflow,102.66666666666667");
    CHECK(lines[3] ==
          "baseline,0,2020-11,Uusimaa TE office 0,te_office,under 30,spend_municipality_eur,31.5");
    CHECK(lines[4] == "baseline,0,2020-11,Uusimaa TE office 0,te_office,"
                      "\"immigrant, foreign-language\",unemployed,3.22e-298");
    CHECK(lines[5] == "baseline,0,2020-11,Uusimaa TE office 0,te_office,"
                      "\"immigrant, foreign-language\",inflow,-3.29e+22");
    CHECK(lines[7] == "baseline,0,2020-11,\"Jyväskylä \"\"Pilotti\"\" 1\",pilot,under 30,"
                      "unemployed,114.33333333333333");
    CHECK(lines[49] ==
          "baseline,1,2020-11,Uusimaa TE office 0,te_office,under 30,unemployed,6.37e-298");
    CHECK(lines[97] == "\"pilot, extended\",0,2020-11,Uusimaa TE office 0,te_office,under 30,"
                       "unemployed,324.3333333333333");
    CHECK(lines.back().rfind("\"pilot, extended\",1,2021-02,", 0) == 0);
}

TEST_CASE("measures.csv gives each measure's unit and description", "[unit][output]") {
    const TempDir dir;
    export_csv(sample_result(), dir.path());
    const auto lines = lines_of(read_bytes(dir / "measures.csv"));
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "measure,unit,description");
    // A description with commas is quoted.
    CHECK(lines[1] == "unemployed,persons,\"Unemployed jobseekers at the end of the month (with "
                      "those in a stage that keeps the unemployed status, the TYP assessment, "
                      "who are in no service stock).\"");
    CHECK(lines[2] == "inflow,persons/month,New registrations during the month.");
    CHECK(lines[3] ==
          "spend_municipality_eur,EUR/month,Spending paid by municipalities during "
          "the month: their share of labour-market subsidy (DOMAIN.md §5.3). Staff costs are "
          "in spend_staff_eur.");
}

TEST_CASE("CSV fields are quoted only when they need it", "[unit][output]") {
    CHECK(csv_field("plain text") == "plain text");
    CHECK(csv_field("") == "");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\r") == "\"cr\r\"");
    CHECK(csv_field("Jyväskylä") == "Jyväskylä");
}

TEST_CASE("numbers are written in the shortest form that reads back exactly", "[unit][output]") {
    CHECK(format_double(0.0) == "0");
    CHECK(format_double(42.0) == "42");
    CHECK(format_double(0.1) == "0.1");
    CHECK(format_double(0.1 + 0.2) == "0.30000000000000004");
    CHECK(format_double(1e-300) == "1e-300");
    CHECK(format_double(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(format_double(std::nan("")) == "nan");
    CHECK(format_double(-std::nan("")) == "nan"); // not to_chars' "-nan"
    CHECK(format_double(std::copysign(std::nan(""), -1.0)) == "nan");
    for (const double x : {1.0 / 3.0, 2.0 / 3.0 * 1e15, 5e-324, 1.7976931348623157e308}) {
        const std::string text = format_double(x);
        double back = 0.0;
        std::from_chars(text.data(), text.data() + text.size(), back);
        CHECK(back == x);
    }
}

TEST_CASE("an export replaces an earlier one and leaves no temporary files", "[unit][output]") {
    const TempDir dir;
    export_csv(sample_result(1), dir / "out");
    export_csv(sample_result(2), dir / "out");
    CHECK(testing::list_folder(dir / "out") ==
          std::vector<std::string>{"measures.csv", "monthly.csv", "summary.csv", "traces.csv"});
    const auto lines = lines_of(read_bytes(dir / "out/monthly.csv"));
    CHECK(lines[1] == "baseline,0,2020-11,Uusimaa TE office 0,te_office,under 30,unemployed,2");
}

TEST_CASE("an export into a path that cannot be a folder fails clearly", "[unit][output]") {
    const TempDir dir;
    testing::write_bytes(dir / "plain", "x");
    CHECK_THROWS_AS(export_csv(sample_result(), dir / "plain/csv"), OutputError);
    CHECK_THROWS_WITH(export_csv(sample_result(), dir / "plain/csv"),
                      Contains("cannot export CSV to '" + (dir / "plain/csv").string() + "'"));
}

TEST_CASE("an export of inconsistent codes is refused", "[unit][output]") {
    const TempDir dir;
    ResultFile sample = sample_result();
    sample.monthly[3].measure = 3;
    CHECK_THROWS_WITH(export_csv(sample, dir / "csv"),
                      Contains("monthly row 3 has measure = 3, but there are 3 measure(s)"));
    CHECK_FALSE(fs::exists(dir / "csv/monthly.csv"));
}

TEST_CASE("traces.csv has the documented header and one line per trace row, names for codes",
          "[unit][output][traces]") {
    const TempDir dir;
    const ResultFile sample = sample_result();
    export_csv(sample, dir / "csv");
    const std::string text = read_bytes(dir / "csv/traces.csv");
    const auto lines = lines_of(text);
    REQUIRE(lines.size() == sample.traces.size() + 1);
    CHECK(text.back() == '\n');
    CHECK(lines[0] == "scenario,replication,agent,time,event,from_state,to_state,provider");
    CHECK(lines[0] == kTracesCsvHeader);
    CHECK(lines[1] == "baseline,0,1000,2021-03-01T08:00,registration,unemployed,in services,"
                      "Uusimaa TE office 0");
    CHECK(lines[2] == "baseline,0,1000,2021-03-11T08:17,first contact,in services,"
                      "\"employed, subsidised\",Uusimaa TE office 0");
    CHECK(lines[3] == "baseline,0,1000,2021-03-21T08:34,\"service start \"\"valmennus\"\"\","
                      "\"employed, subsidised\",left register,\"Jyväskylä \"\"Pilotti\"\" 1\"");
    CHECK(lines[4] == "baseline,0,1000,2021-03-31T08:51,exit,left register,unemployed,"
                      "\"Jyväskylä \"\"Pilotti\"\" 1\"");
    // 2^53 + 1: written from the integer, not through a double.
    CHECK(lines[9] == "baseline,0,9007199254740993,2021-03-03T08:02,registration,unemployed,"
                      "in services,Uusimaa TE office 0");
    CHECK(lines[13] == "baseline,1,1000,2021-03-01T09:00,registration,unemployed,in services,"
                       "Uusimaa TE office 0");
    CHECK(lines.back().rfind("\"pilot, extended\",1,9007199254740993,2021-04-02T09:58,exit,", 0) ==
          0);
}

TEST_CASE("an export without traces writes no traces.csv and removes an earlier one",
          "[unit][output][traces]") {
    const TempDir dir;
    SampleShape shape;
    shape.traced_agents = 0;
    export_csv(sample_result(1, shape), dir / "out");
    CHECK(testing::list_folder(dir / "out") ==
          std::vector<std::string>{"measures.csv", "monthly.csv", "summary.csv"});

    export_csv(sample_result(1), dir / "out");
    CHECK(fs::exists(dir / "out/traces.csv"));
    export_csv(sample_result(2, shape), dir / "out");
    CHECK(testing::list_folder(dir / "out") ==
          std::vector<std::string>{"measures.csv", "monthly.csv", "summary.csv"});
}

TEST_CASE("an export of inconsistent trace codes is refused", "[unit][output][traces]") {
    const TempDir dir;
    ResultFile sample = sample_result();
    sample.traces[2].to_state = 4;
    CHECK_THROWS_WITH(export_csv(sample, dir / "csv"),
                      Contains("trace row 2 (agent 1000) has to_state = 4, but there are 4 "
                               "state(s)"));
    CHECK_FALSE(fs::exists(dir / "csv/traces.csv"));
}

TEST_CASE("summary.csv has the documented header and one line per summary row, names for codes",
          "[unit][output][summary]") {
    const TempDir dir;
    ResultFile sample = sample_result();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    sample.summary = {
        // Quoted names, a shortest round-trip mean and interval.
        {1, 3, 1, 1, 2, 2, 0.1 + 0.2, 1.0 / 3.0, -1e-300, 1.7976931348623157e308},
        // One replication: NaN error and interval, also with the sign bit set.
        {0, 0, 0, 0, 0, 1, 301.0, nan, -nan, std::copysign(nan, -1.0)},
        // Infinities and an exact integer.
        {0, 1, 0, 1, 1, 2, 42.0, std::numeric_limits<double>::infinity(),
         -std::numeric_limits<double>::infinity(), 0.0},
    };
    export_csv(sample, dir / "csv");
    const std::string text = read_bytes(dir / "csv/summary.csv");
    const auto lines = lines_of(text);
    REQUIRE(lines.size() == 4);
    CHECK(text.back() == '\n');
    CHECK(lines[0] == "scenario,month,provider,provider_kind,target_group,measure,replications,"
                      "mean,std_error,ci_low,ci_high");
    CHECK(lines[0] == kSummaryCsvHeader);
    CHECK(lines[1] == "\"pilot, extended\",2021-02,\"Jyväskylä \"\"Pilotti\"\" 1\",pilot,"
                      "\"immigrant, foreign-language\",spend_municipality_eur,2,"
                      "0.30000000000000004,0.3333333333333333,-1e-300,1.7976931348623157e+308");
    CHECK(lines[2] == "baseline,2020-11,Uusimaa TE office 0,te_office,under 30,unemployed,1,301,"
                      "nan,nan,nan");
    CHECK(lines[3] == "baseline,2020-12,Uusimaa TE office 0,te_office,"
                      "\"immigrant, foreign-language\",inflow,2,42,inf,-inf,0");
}

TEST_CASE("summary.csv of the sample follows the summary rows in order",
          "[unit][output][summary]") {
    const TempDir dir;
    const ResultFile sample = sample_result();
    export_csv(sample, dir.path());
    const auto lines = lines_of(read_bytes(dir / "summary.csv"));
    REQUIRE(lines.size() == sample.summary.size() + 1);
    // The first cell: replications 0 and 1 of baseline, 2020-11, the first provider, group and
    // measure (monthly rows 0 and 48: 301 and 6.37e-298).
    const SummaryRow& first = sample.summary.front();
    CHECK(first.replications == 2);
    CHECK(lines[1] == "baseline,2020-11,Uusimaa TE office 0,te_office,under 30,unemployed,2," +
                          format_double(first.mean) + "," + format_double(first.std_error) + "," +
                          format_double(first.ci_low) + "," + format_double(first.ci_high));
    CHECK(lines.back().rfind("\"pilot, extended\",2021-02,\"Jyväskylä \"\"Pilotti\"\" 1\",pilot,"
                             "\"immigrant, foreign-language\",spend_municipality_eur,2,",
                             0) == 0);
}

TEST_CASE("an export without a summary writes no summary.csv and removes an earlier one",
          "[unit][output][summary]") {
    const TempDir dir;
    SampleShape shape;
    shape.summary = false;
    export_csv(sample_result(1, shape), dir / "out");
    CHECK(testing::list_folder(dir / "out") ==
          std::vector<std::string>{"measures.csv", "monthly.csv", "traces.csv"});

    export_csv(sample_result(1), dir / "out");
    CHECK(fs::exists(dir / "out/summary.csv"));
    export_csv(sample_result(2, shape), dir / "out");
    CHECK(testing::list_folder(dir / "out") ==
          std::vector<std::string>{"measures.csv", "monthly.csv", "traces.csv"});
}

TEST_CASE("an export of inconsistent summary codes is refused", "[unit][output][summary]") {
    const TempDir dir;
    ResultFile sample = sample_result();
    sample.summary[7].target_group = 2;
    CHECK_THROWS_WITH(export_csv(sample, dir / "csv"),
                      Contains("summary row 7 has target_group = 2, but there are 2 target "
                               "group(s)"));
    sample.summary[7].target_group = 0;
    sample.summary[8].replications = 0;
    CHECK_THROWS_WITH(export_csv(sample, dir / "csv"),
                      Contains("summary row 8 has replications = 0, but it must be 1 to 2"));
    CHECK_FALSE(fs::exists(dir / "csv/summary.csv"));
}
