// libFuzzer target: any bytes given to the scenario loader must give a scenario or a ConfigError,
// never a crash, a hang, another exception or a sanitizer report.
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
        const Scenario s = load_scenario(options);
        (void)show_toml(s);
    } catch (const ConfigError&) {
        // Invalid input, reported properly: the expected outcome for most inputs.
    }
    return 0;
}
