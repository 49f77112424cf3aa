// kokeilu-write-sample OUT.h5 CSVDIR: writes the synthetic sample result and its CSV export
// (for tests/python/test_result_file.py). Replaces OUT.h5 if it exists.
#include "output/csv.hpp"
#include "output/result_file.hpp"
#include "tests/unit/output/sample.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: kokeilu-write-sample OUT.h5 CSVDIR\n";
        return 2;
    }
    try {
        namespace out = kokeilu::output;
        const out::ResultFile sample = out::testing::sample_result();
        out::write_result(sample, argv[1], true);
        out::export_csv(out::read_result(argv[1]), argv[2]);
    } catch (const std::exception& e) {
        std::cerr << "kokeilu-write-sample: " << e.what() << '\n';
        return 3;
    }
    return 0;
}
