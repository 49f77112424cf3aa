// Shared helpers of the scenario tests: scratch folders and loading for diagnostics.
#pragma once

#include "scenario/scenario.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace kokeilu::scenario::testing {

/// A fresh folder per test for scenario files; removed with everything in it.
class ScratchDir {
public:
    ScratchDir() {
        static int counter = 0;
        dir_ = std::filesystem::temp_directory_path() /
               ("kokeilu-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::create_directories(dir_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    /// Writes `text` to a file of the folder and returns its path.
    std::string write(const std::string& name, const std::string& text) const {
        const auto p = dir_ / name;
        std::ofstream(p) << text;
        return p.string();
    }
    [[nodiscard]] const std::filesystem::path& path() const { return dir_; }

private:
    std::filesystem::path dir_;
};

/// Loads `file` with overrides and returns every diagnostic (none if the scenario is valid).
inline std::vector<Diagnostic> diagnostics_of(const std::string& file,
                                              const std::vector<std::string>& sets = {}) {
    try {
        (void)load_scenario(file, sets);
    } catch (const ConfigError& e) {
        return e.diagnostics();
    }
    return {};
}

/// The one diagnostic of a load that must fail with exactly one.
inline Diagnostic single_diagnostic(const std::string& file,
                                    const std::vector<std::string>& sets = {}) {
    const auto ds = diagnostics_of(file, sets);
    for (const auto& d : ds) {
        UNSCOPED_INFO(d.format());
    }
    REQUIRE(ds.size() == 1);
    return ds.front();
}

} // namespace kokeilu::scenario::testing
