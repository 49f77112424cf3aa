// Scenario subcommands.
#include "app/scenario_commands.hpp"

#include "app/exit_codes.hpp"
#include "scenario/build.hpp"
#include "scenario/pathway.hpp"
#include "scenario/scenario.hpp"

namespace kokeilu::app {

void print_diagnostics(std::span<const scenario::Diagnostic> diagnostics, std::ostream& err) {
    std::size_t errors = 0;
    for (const auto& d : diagnostics) {
        err << d.format() << '\n';
        errors += d.severity == scenario::Severity::Error ? 1 : 0;
    }
    const std::size_t warnings = diagnostics.size() - errors;
    auto count = [](std::size_t n, const char* what) {
        return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    if (errors > 0) {
        err << count(errors, "error")
            << (warnings > 0 ? " and " + count(warnings, "warning") : std::string())
            << "; nothing was run.\n";
    } else if (warnings > 0) {
        err << count(warnings, "warning") << ".\n";
    }
}

namespace {
void print_errors(const scenario::ConfigError& e, std::ostream& err) {
    print_diagnostics(e.diagnostics(), err);
}
} // namespace

int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& sets,
                     std::ostream& out, std::ostream& err) {
    int code = kOk;
    const std::vector<std::string> targets = files.empty() ? std::vector<std::string>{""} : files;
    for (const auto& f : targets) {
        try {
            const auto checked = scenario::check_scenario(f, sets);
            print_diagnostics(checked.warnings, err);
            const auto& s = checked.scenario;
            out << (f.empty() ? "configs/default.toml (built in)" : f) << ": ok ("
                << s.values().size() << " keys, " << s.timeline().size() << " timeline changes, "
                << s.names("service_models").size() << " service models, "
                << s.names("providers").size() << " providers)\n";
        } catch (const scenario::ConfigError& e) {
            print_errors(e, err);
            code = kUsageError;
        }
    }
    return code;
}

int show_command(const std::string& file, const std::vector<std::string>& sets, std::ostream& out,
                 std::ostream& err) {
    try {
        const auto checked = scenario::check_scenario(file, sets);
        print_diagnostics(checked.warnings, err);
        out << scenario::show_toml(checked.scenario);
        return kOk;
    } catch (const scenario::ConfigError& e) {
        print_errors(e, err);
        return kUsageError;
    }
}

int graph_command(const std::string& file, const std::vector<std::string>& sets,
                  const std::string& provider, const std::string& model, std::ostream& out,
                  std::ostream& err) {
    try {
        const auto checked = scenario::check_scenario(file, sets);
        print_diagnostics(checked.warnings, err);
        const auto& s = checked.scenario;
        out << (provider.empty() ? scenario::service_model_dot(s, model)
                                 : scenario::pathway_dot(s, provider));
        return kOk;
    } catch (const scenario::ConfigError& e) {
        print_errors(e, err);
        return kUsageError;
    }
}

} // namespace kokeilu::app
