// libFuzzer target: any bytes given as a scenario file must go through the whole check path
// (loader, pathway checks, model input: scenario::check_scenario, as every command calls it)
// to a checked scenario or a ConfigError, never a crash, a hang, another exception or a
// sanitizer report.
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kokeilu::scenario;
    LoadOptions options;
    options.file = "/nonexistent/fuzz.toml"; // parents resolve among the built-in configs only
    options.text = std::string(reinterpret_cast<const char*>(data), size);
    try {
        const Checked c = check_scenario(options);
        (void)show_toml(c.scenario);
    } catch (const ConfigError&) {
        // Invalid input, reported properly: the expected outcome for most inputs.
    }
    return 0;
}
