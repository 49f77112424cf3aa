// Synthetic result files and temporary folders for the output tests.
#include "tests/unit/output/sample.hpp"

#include "output/measures.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace kokeilu::output::testing {

ResultFile sample_result(std::uint64_t seed, SampleShape shape) {
    using std::chrono::month;
    using std::chrono::year;
    ResultFile r;
    Metadata& m = r.metadata;
    const std::string scenario_names[] = {"baseline", "pilot, extended", "nordic \"model\""};
    for (std::uint32_t i = 0; i < shape.scenarios; ++i) {
        m.scenario_names.push_back(i < 3 ? scenario_names[i] : "scenario_" + std::to_string(i));
        m.scenario_texts.push_back("# Synthetic scenario " + std::to_string(i) +
                                   " for the output tests\n[scenario]\nname = \"Pilotti, "
                                   "Jyväskylä\"\nseed = " +
                                   std::to_string(seed) + "\n");
    }
    m.seed = seed;
    m.replications = shape.replications;
    m.kokeilu_version = "0.1.0";
    m.git_revision = "0123456789abcdef0123456789abcdef01234567";
    m.wall_time_s = 12.5;

    Dimensions& d = r.dimensions;
    for (std::uint32_t i = 0; i < shape.providers; ++i) {
        const std::string number = std::to_string(i);
        if (i % 2 == 0) {
            d.providers.emplace_back("Uusimaa TE office " + number, ProviderKind::TeOffice,
                                     "Uusimaa");
        } else {
            d.providers.emplace_back("Jyväskylä \"Pilotti\" " + number, ProviderKind::Pilot,
                                     "Keski-Suomi",
                                     std::vector<std::string>{"Jyväskylä", "Laukaa"});
        }
    }
    const auto catalogue = standard_measures();
    const std::size_t picks[] = {1, 6, 15}; // unemployed, inflow, spend_municipality_eur
    for (std::uint32_t i = 0; i < shape.measures; ++i) {
        d.measures.push_back(catalogue[i < 3 ? picks[i] : i % catalogue.size()]);
    }
    const std::string groups[] = {"under 30", "immigrant, foreign-language"};
    for (std::uint32_t i = 0; i < shape.target_groups; ++i) {
        d.target_groups.push_back(i < 2 ? groups[i] : "group " + std::to_string(i));
    }
    if (shape.traced_agents > 0) {
        d.trace_events = {"registration", "first contact", "service start \"valmennus\"", "exit"};
        d.states = {"unemployed", "in services", "employed, subsidised", "left register"};
    }
    std::chrono::year_month ym = year{2020} / month{11};
    for (std::uint32_t i = 0; i < shape.months; ++i) {
        d.months.push_back(ym);
        ym += std::chrono::months{1};
    }

    std::uint64_t n = 0;
    for (std::uint32_t s = 0; s < shape.scenarios; ++s) {
        for (std::uint32_t rep = 0; rep < shape.replications; ++rep) {
            for (std::uint32_t mo = 0; mo < shape.months; ++mo) {
                for (std::uint32_t p = 0; p < shape.providers; ++p) {
                    for (std::uint32_t g = 0; g < shape.target_groups; ++g) {
                        for (std::uint32_t me = 0; me < shape.measures; ++me) {
                            // Integers, thirds (no short decimal form), tiny and huge values.
                            const double base = static_cast<double>((seed + 7 * n) % 1000);
                            double value = base;
                            switch (n % 5) {
                            case 1: value = base / 3.0; break;
                            case 2: value = base * 0.1; break;
                            case 3: value = base * 1e-300; break;
                            case 4: value = -base * 1e20; break;
                            default: break;
                            }
                            r.monthly.push_back(MonthlyRow{s, rep, mo, p, g, me, value});
                            ++n;
                        }
                    }
                }
            }
        }
    }
    for (std::uint32_t s = 0; s < shape.scenarios; ++s) {
        for (std::uint32_t rep = 0; rep < shape.replications; ++rep) {
            for (std::uint32_t a = 0; a < shape.traced_agents; ++a) {
                const std::uint64_t agent = a == 2 ? 9007199254740993 : 1000 + 37 * a;
                for (std::uint32_t e = 0; e < shape.events_per_agent; ++e) {
                    const std::int64_t time =
                        kSampleFirstTraceTime + 1441 * a + (10 * 1440 + 17) * e + 60 * rep + 5 * s;
                    r.traces.push_back(TraceRow{s, rep, agent, time, e % 4, e % 4, (e + 1) % 4,
                                                (a + e / 2) % shape.providers});
                }
            }
        }
    }
    if (shape.summary) {
        r.summary = summarise_monthly(r.monthly);
    }
    const std::string languages[] = {"swedish", "foreign, \"other\""};
    for (std::uint32_t g = 0; g < shape.breakdown_groups; ++g) {
        d.breakdown_groups.push_back(
            g < 2 ? BreakdownGroup{"age_band", g == 0 ? "under_25" : "25_29"}
                  : BreakdownGroup{"language",
                                   g < 4 ? languages[g - 2] : "language " + std::to_string(g)});
    }
    for (std::uint32_t s = 0; s < shape.scenarios && shape.breakdown_groups > 0; ++s) {
        for (std::uint32_t rep = 0; rep < shape.replications; ++rep) {
            for (std::uint32_t mo = 0; mo < shape.months; ++mo) {
                for (std::uint32_t p = 0; p < shape.providers; ++p) {
                    for (std::uint32_t g = 0; g < shape.breakdown_groups; ++g) {
                        for (std::uint32_t me = 0; me < shape.measures; ++me) {
                            const double value = static_cast<double>((seed + 11 * n) % 997) / 3.0;
                            r.breakdowns.push_back(BreakdownRow{s, rep, mo, p, g, me, value});
                            ++n;
                        }
                    }
                }
            }
        }
    }
    return r;
}

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("kokeilu-output-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
}

std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + path.string());
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::vector<std::string> list_folder(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace kokeilu::output::testing
