// The kokeilu command line: subcommands and the mapping of errors to exit codes.
#include "app/demo.hpp"
#include "app/exit_codes.hpp"
#include "sim/error.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kExitCodes = R"(Exit codes:
  0    success
  1    unexpected internal error (a bug: please report it)
  2    bad command line or invalid input; nothing was run or written
  3    a file could not be read or written
  4    the subcommand is planned but not built yet
  130  interrupted (Ctrl-C or SIGTERM))";

} // namespace

int main(int argc, char** argv) {
    using namespace kokeilu::app;
    CLI::App app{"Kokeilu: a parallel discrete-event simulator of Finland's employment services\n"
                 "and the municipal employment pilots (2021-2024).",
                 "kokeilu"};
    app.footer(kExitCodes);
    app.require_subcommand(1);
    app.fallthrough();
    app.set_version_flag("--version", std::string("kokeilu ") + KOKEILU_VERSION);

    DemoOptions demo;
    auto* demo_cmd = app.add_subcommand(
        "demo", "Run the engine demonstration: an M/M/c queueing network checked against its "
                "exact (Jackson) solution");
    demo_cmd->add_option("--reps", demo.replications, "Replications")
        ->check(CLI::Range(2, 10000))
        ->capture_default_str();
    demo_cmd->add_option("--threads", demo.threads, "Threads to use (0 = all cores)")
        ->check(CLI::Range(0, 1024))
        ->capture_default_str();
    demo_cmd->add_option("--seed", demo.seed, "Random seed")->capture_default_str();
    demo_cmd->add_option("--days", demo.days, "Simulated days per replication")
        ->check(CLI::Range(10.0, 1e6))
        ->capture_default_str();

    std::vector<std::string> run_args;
    auto* run_cmd = app.add_subcommand(
        "run", "Run a scenario (default: the embedded Finland 2019-2024 scenario). Not built yet");
    run_cmd->add_option("args", run_args, "Scenario file and options");
    run_cmd->allow_extras();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kOk : kUsageError;
    }

    try {
        if (*demo_cmd) {
            return run_demo(demo, std::cout);
        }
        if (*run_cmd) {
            std::cerr << "kokeilu run: error: the jobseeker model and scenario files are not built "
                         "yet (issues #4-#7).\nUse `kokeilu demo` to run the engine demonstration.\n";
            return kNotBuiltYet;
        }
    } catch (const kokeilu::Error& e) {
        std::cerr << "kokeilu: error: " << e.what() << '\n';
        return kRuntimeError;
    } catch (const std::exception& e) {
        std::cerr << "kokeilu: internal error: " << e.what() << '\n';
        return kRuntimeError;
    }
    return kOk;
}
