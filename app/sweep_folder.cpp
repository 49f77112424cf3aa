// The files of a sweep's folder: the manifest, shard files and their done markers.
#include "app/sweep_folder.hpp"

#include "app/exit_codes.hpp"
#include "output/output_set.hpp"
#include "scenario/value.hpp"
#include "sim/sha256.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

namespace kokeilu::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMarkerHeader = "# kokeilu sweep: a finished shard";

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw SweepFailure(kIoError, "cannot read '" + path.string() + "'");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A marker's text, or nothing if it is not one (a marker is written atomically, so a
/// truncated one is not ours).
std::optional<DoneMarker> parse_marker(const fs::path& path) {
    std::istringstream in(read_all(path));
    std::string line;
    if (!std::getline(in, line) || line != kMarkerHeader) {
        return std::nullopt;
    }
    DoneMarker m;
    m.marker = path;
    bool ended = false;
    while (std::getline(in, line)) {
        const auto space = line.find(' ');
        const std::string word = line.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
        if (word == "sweep") {
            m.sweep = rest;
        } else if (word == "shard") {
            const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), m.shard);
            if (ec != std::errc{} || ptr != rest.data() + rest.size()) {
                return std::nullopt;
            }
        } else if (word == "file") {
            m.file = path.parent_path() / rest;
        } else if (word == "sha256") {
            m.sha256 = rest;
        } else if (word == "unit") {
            m.units.push_back(rest);
        } else if (word == "end") {
            ended = true;
        }
    }
    if (!ended || m.sweep.empty() || m.sha256.empty() || m.file.empty()) {
        return std::nullopt;
    }
    return m;
}

std::string host_name_impl() {
    std::array<char, 256> buffer{};
    if (::gethostname(buffer.data(), buffer.size() - 1) != 0) {
        return "host";
    }
    std::string name(buffer.data());
    std::replace_if(
        name.begin(), name.end(),
        [](char c) { return !(std::isalnum(static_cast<unsigned char>(c)) || c == '-'); }, '_');
    return name.empty() ? "host" : name;
}

} // namespace

std::string host_name_of_this_machine() {
    static const std::string name = host_name_impl();
    return name;
}

Unit unit_of(const scenario::SweepManifest& m, std::size_t u) {
    const auto reps = static_cast<std::size_t>(m.replications);
    return Unit{u / reps, static_cast<std::uint32_t>(u % reps)};
}

fs::path manifest_path(const fs::path& dir) {
    return dir / "manifest";
}

fs::path shards_path(const fs::path& dir) {
    return dir / "shards";
}

scenario::SweepManifest read_manifest(const fs::path& dir) {
    std::error_code ec;
    const fs::path path = manifest_path(dir);
    if (!fs::is_regular_file(path, ec)) {
        throw SweepFailure(kUsageError, "'" + dir.string() +
                                            "' holds no sweep (no manifest); plan one with "
                                            "`kokeilu sweep plan SWEEP.toml -o " +
                                            dir.string() + "`");
    }
    try {
        return scenario::parse_manifest(read_all(path), path.string());
    } catch (const scenario::ConfigError& e) {
        throw SweepFailure(kUsageError, e.diagnostics().front().format());
    }
}

std::string shard_file_name(std::size_t k) {
    std::array<char, 32> index{};
    std::snprintf(index.data(), index.size(), "%05zu", k);
    return "shard-" + std::string(index.data()) + "." + host_name_of_this_machine() + "-" +
           std::to_string(::getpid()) + ".h5";
}

std::vector<std::string> shard_unit_keys(const scenario::SweepManifest& m, std::size_t k) {
    std::vector<std::string> keys;
    const scenario::SweepShard& s = m.shards.at(k);
    for (std::size_t u = s.first; u < s.first + s.count; ++u) {
        const Unit unit = unit_of(m, u);
        keys.push_back(m.points[unit.point].id + "/" + std::to_string(unit.replication));
    }
    return keys;
}

void write_marker(const DoneMarker& marker) {
    std::ostringstream os;
    os << kMarkerHeader << "\nsweep " << marker.sweep << "\nshard " << marker.shard << "\nfile "
       << marker.file.filename().string() << "\nsha256 " << marker.sha256 << '\n';
    for (const auto& u : marker.units) {
        os << "unit " << u << '\n';
    }
    os << "end\n";
    output::write_file_atomically(marker.marker, os.str(), false);
}

FolderState scan_folder(const fs::path& dir, const scenario::SweepManifest& m) {
    FolderState state;
    std::error_code ec;
    std::vector<fs::path> names;
    for (const auto& entry : fs::directory_iterator(shards_path(dir), ec)) {
        names.push_back(entry.path());
    }
    std::sort(names.begin(), names.end()); // a stable order: the first marker of a shard leads
    for (const auto& path : names) {
        const std::string name = path.filename().string();
        if (name.find(".part-") != std::string::npos) {
            state.partial.push_back(path);
            continue;
        }
        if (path.extension() != ".done") {
            continue;
        }
        const auto marker = parse_marker(path);
        if (!marker) {
            state.foreign.emplace_back(path, "not a done marker of kokeilu sweep");
        } else if (marker->sweep != m.sha256) {
            state.foreign.emplace_back(path, "a shard of another sweep (manifest " +
                                                 marker->sweep.substr(0, 16) + "...)");
        } else if (marker->shard >= m.shards.size() ||
                   marker->units != shard_unit_keys(m, marker->shard)) {
            state.foreign.emplace_back(path, "its units are not those of shard " +
                                                 std::to_string(marker->shard) + " of the plan");
        } else if (!fs::is_regular_file(marker->file, ec)) {
            state.damaged.emplace_back(*marker, "its shard file is missing");
        } else if (sim::sha256_file_hex(marker->file) != marker->sha256) {
            state.damaged.emplace_back(*marker, "its shard file differs from its SHA-256");
        } else {
            state.done[marker->shard].push_back(*marker);
        }
    }
    return state;
}

std::vector<std::size_t> missing_shards(const scenario::SweepManifest& m,
                                        const FolderState& state) {
    std::vector<std::size_t> missing;
    for (std::size_t k = 0; k < m.shards.size(); ++k) {
        if (state.done.count(k) == 0) {
            missing.push_back(k);
        }
    }
    return missing;
}

std::string shard_ranges(const std::vector<std::size_t>& ks, const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < ks.size();) {
        std::size_t j = i;
        while (j + 1 < ks.size() && ks[j + 1] == ks[j] + 1) {
            ++j;
        }
        out += (out.empty() ? "" : separator) + std::to_string(ks[i]) +
               (j > i ? "-" + std::to_string(ks[j]) : "");
        i = j + 1;
    }
    return out;
}

} // namespace kokeilu::app
