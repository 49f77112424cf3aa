// Scenario subcommands.
#include "app/scenario_commands.hpp"

#include "app/exit_codes.hpp"
#include "scenario/pathway.hpp"
#include "scenario/scenario.hpp"

namespace kokeilu::app {

void print_diagnostics(std::span<const scenario::Diagnostic> diagnostics, std::ostream& err) {
    for (const auto& d : diagnostics) {
        err << d.format() << '\n';
    }
    err << diagnostics.size() << (diagnostics.size() == 1 ? " error" : " errors")
        << "; nothing was run.\n";
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
            const auto s = scenario::load_scenario(f, sets);
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
        out << scenario::show_toml(scenario::load_scenario(file, sets));
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
        const auto s = scenario::load_scenario(file, sets);
        out << (provider.empty() ? scenario::service_model_dot(s, model)
                                 : scenario::pathway_dot(s, provider));
        return kOk;
    } catch (const scenario::ConfigError& e) {
        print_errors(e, err);
        return kUsageError;
    }
}

} // namespace kokeilu::app
