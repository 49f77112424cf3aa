// `kokeilu sweep slurm`: the sbatch scripts of a sweep (job arrays of one shard per task and a
// merge job that waits for them), and optionally their submission.
#include "app/exit_codes.hpp"
#include "app/git_revision.hpp"
#include "app/sweep_command.hpp"
#include "app/sweep_folder.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

namespace kokeilu::app {

namespace {

namespace fs = std::filesystem;
using scenario::SweepManifest;
constexpr const char* kCmd = "kokeilu sweep slurm";
/// SLURM's default MaxArraySize: array indices 0 to 1000.
constexpr std::size_t kDefaultMaxArraySize = 1001;

/// `text` in single quotes for a POSIX shell.
std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

/// Runs `command` with /bin/sh and returns its standard output; `status` is its exit code
/// (127: not found). Its standard error goes to ours.
std::string capture(const std::string& command, int& status) {
    std::FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        status = 127;
        return {};
    }
    std::string text;
    char buffer[512];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        text.append(buffer, n);
    }
    const int raw = ::pclose(pipe);
    status = raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : 127;
    return text;
}

/// True if `s` is one or more decimal digits.
bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// `s` without spaces and tabs (and a carriage return) at both ends.
std::string_view trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

/// The cluster's MaxArraySize from `scontrol show config`, if scontrol answers. (Parsed by
/// hand: GCC 12 warns falsely inside std::regex at -O1 with sanitizers.)
std::optional<std::size_t> cluster_max_array_size() {
    int status = 0;
    const std::string config = capture("scontrol show config 2>/dev/null", status);
    if (status != 0) {
        return std::nullopt;
    }
    std::string_view rest = config;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        std::string_view line = trimmed(rest.substr(0, nl));
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
        constexpr std::string_view kKey = "MaxArraySize";
        if (line.substr(0, kKey.size()) != kKey) {
            continue;
        }
        line = trimmed(line.substr(kKey.size()));
        if (!line.empty() && line.front() == '=' && all_digits(trimmed(line.substr(1)))) {
            return static_cast<std::size_t>(std::stoull(std::string(trimmed(line.substr(1)))));
        }
    }
    return std::nullopt;
}

/// A SLURM time limit: MINUTES[:SECONDS], HOURS:MINUTES:SECONDS, DAYS-HOURS[:MINUTES[:SECONDS]],
/// UNLIMITED or INFINITE.
bool slurm_time(std::string_view t) {
    if (t == "UNLIMITED" || t == "INFINITE") {
        return true;
    }
    if (const auto dash = t.find('-'); dash != std::string_view::npos) {
        if (!all_digits(t.substr(0, dash))) {
            return false;
        }
        t = t.substr(dash + 1);
    }
    int parts = 0;
    while (true) {
        const auto colon = t.find(':');
        if (!all_digits(t.substr(0, colon)) || ++parts > 3) {
            return false;
        }
        if (colon == std::string_view::npos) {
            return true;
        }
        t = t.substr(colon + 1);
    }
}

/// A partition name, or several separated by commas.
bool partition_name(std::string_view p) {
    return !p.empty() && std::all_of(p.begin(), p.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' ||
               c == ',' || c == '-';
    });
}

/// Refuses (exit 2) what sbatch would refuse or misread.
void check_options(const SweepSlurmOptions& o) {
    if (o.partition && !partition_name(*o.partition)) {
        throw SweepFailure(kUsageError, "--partition must be a partition name (letters, digits, "
                                        "'_', '.', '-'; several separated by ','), got '" +
                                            *o.partition + "'");
    }
    if (o.time && !slurm_time(*o.time)) {
        throw SweepFailure(kUsageError,
                           "--time must be a SLURM time limit: MINUTES, MINUTES:SECONDS, "
                           "HOURS:MINUTES:SECONDS, DAYS-HOURS, DAYS-HOURS:MINUTES, "
                           "DAYS-HOURS:MINUTES:SECONDS or UNLIMITED; got '" +
                               *o.time + "'");
    }
    if (o.max_array && *o.max_array < 1) {
        throw SweepFailure(kUsageError, "--max-array must be at least 1");
    }
    if (o.throttle && *o.throttle < 1) {
        throw SweepFailure(kUsageError, "--throttle must be at least 1");
    }
    if (o.cpus_per_task < 1) {
        throw SweepFailure(kUsageError, "--cpus-per-task must be at least 1");
    }
}

/// One job array: the plan's shards `offset + i` for its indices i (all below the limit).
struct Array {
    fs::path script;
    std::size_t offset = 0;
    std::vector<std::size_t> indices;
    std::vector<std::size_t> shards;
};

/// The shards cut into arrays whose indices stay below `max_size` (SLURM's MaxArraySize:
/// indices 0 to max_size - 1): array w holds shards w * max_size to (w + 1) * max_size - 1.
std::vector<Array> arrays_of(const std::vector<std::size_t>& shards, std::size_t max_size,
                             const fs::path& slurm_dir) {
    std::vector<Array> arrays;
    std::optional<std::size_t> window;
    for (const std::size_t k : shards) {
        if (!window || k / max_size != *window) {
            window = k / max_size;
            arrays.push_back({});
            arrays.back().offset = *window * max_size;
        }
        arrays.back().indices.push_back(k - arrays.back().offset);
        arrays.back().shards.push_back(k);
    }
    for (std::size_t a = 0; a < arrays.size(); ++a) {
        arrays[a].script = slurm_dir / fmt::format("array-{}.sbatch", a + 1);
    }
    return arrays;
}

/// What every script of a submission shares.
struct Context {
    const SweepSlurmOptions& o;
    const SweepManifest& m;
    fs::path dir;       ///< the sweep's folder, absolute
    fs::path slurm_dir; ///< DIR/slurm
    fs::path kokeilu;   ///< this binary, absolute
    fs::path output;    ///< the merged file, absolute
};

/// The #SBATCH lines that the array and merge jobs share.
std::string common_directives(const Context& c, const std::string& name) {
    std::string text = fmt::format("#SBATCH --job-name={}-{}\n", name, c.m.sha256.substr(0, 8));
    if (c.o.partition) {
        text += "#SBATCH --partition=" + *c.o.partition + "\n";
    }
    if (c.o.time) {
        text += "#SBATCH --time=" + *c.o.time + "\n";
    }
    return text;
}

std::string header(const Context& c, const std::string& what) {
    return fmt::format(
        "#!/bin/bash\n# {} of the sweep in {} (manifest sha256 {}),\n"
        "# written by `kokeilu sweep slurm` (kokeilu {}, commit {}); docs/SWEEPS.md\n",
        what, c.dir.string(), c.m.sha256, KOKEILU_VERSION, git_revision());
}

std::string array_script(const Context& c, const Array& a, std::size_t index, std::size_t count) {
    const std::size_t n = c.m.shards.size();
    std::string text = header(c, fmt::format("Job array {} of {}", index + 1, count));
    text += fmt::format("# Array task i runs shard i + {} of the plan's {} (sweep run --shard "
                        "I/{} with I = i + {}).\n",
                        a.offset, n, n, a.offset + 1);
    text += common_directives(c, "kokeilu-sweep");
    text += "#SBATCH --array=" + shard_ranges(a.indices, ",") +
            (c.o.throttle ? fmt::format("%{}", *c.o.throttle) : "") + "\n";
    text += fmt::format("#SBATCH --cpus-per-task={}\n", c.o.cpus_per_task);
    text += "#SBATCH --signal=B:USR1@120\n#SBATCH --requeue\n#SBATCH --open-mode=append\n";
    text += "#SBATCH --output=" + (c.slurm_dir / "logs" / "shard-%A_%a.out").string() + "\n";
    text += fmt::format(
        "set -u\n"
        "i=$((SLURM_ARRAY_TASK_ID + {0}))\n"
        "echo \"task ${{SLURM_ARRAY_JOB_ID}}_${{SLURM_ARRAY_TASK_ID}} (restart "
        "${{SLURM_RESTART_COUNT:-0}}) on $(hostname) at $(date -u +%FT%TZ): shard $((i - 1))\"\n"
        "{1} sweep run {2} --shard \"$i/{3}\" --threads \"${{SLURM_CPUS_PER_TASK:-1}}\" &\n"
        "pid=$!\n"
        "# SLURM's warning before the time limit (USR1, sent to this shell only) and scancel's\n"
        "# TERM: kokeilu stops cleanly, keeping the shards it finished (USR1 never kills it).\n"
        "trap 'kill -USR1 \"$pid\" 2>/dev/null' USR1 TERM\n"
        "wait \"$pid\"\nrc=$?\n"
        "while kill -0 \"$pid\" 2>/dev/null; do wait \"$pid\"; rc=$?; done\n"
        "exit \"$rc\"\n",
        a.offset + 1, quoted(c.kokeilu.string()), quoted(c.dir.string()), n);
    return text;
}

std::string merge_script(const Context& c) {
    std::string text = header(c, "The merge job");
    text += common_directives(c, "kokeilu-merge");
    text += "#SBATCH --cpus-per-task=1\n";
    text += "#SBATCH --output=" + (c.slurm_dir / "logs" / "merge-%j.out").string() + "\n";
    text += fmt::format("exec {} sweep merge {} -o {}\n", quoted(c.kokeilu.string()),
                        quoted(c.dir.string()), quoted(c.output.string()));
    return text;
}

void write_text(const fs::path& path, const std::string& text) {
    const fs::path temporary = fs::path(path).concat(".part");
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << text;
        file.close();
        if (!file) {
            throw SweepFailure(kIoError, "cannot write '" + temporary.string() + "'");
        }
    }
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) {
        throw SweepFailure(kIoError, "cannot write '" + path.string() + "': " + ec.message());
    }
}

} // namespace

namespace {

/// The array size limit: --max-array, else the cluster's MaxArraySize, else SLURM's default.
std::size_t max_array_size(const SweepSlurmOptions& o, std::string& source) {
    if (o.max_array) {
        source = "--max-array";
        return *o.max_array;
    }
    if (const auto size = cluster_max_array_size()) {
        source = "MaxArraySize of `scontrol show config`";
        return *size;
    }
    source = "SLURM's default MaxArraySize; scontrol did not answer";
    return kDefaultMaxArraySize;
}

/// What the scripts hold, one line each.
void print_plan(const Context& c, const std::vector<Array>& arrays, std::size_t shards,
                std::size_t limit, const std::string& source, std::ostream& out) {
    const SweepSlurmOptions& o = c.o;
    fmt::print(out, "{}: {}: {} of {} shard(s) in {} job array(s) of at most {} task(s) ({})\n",
               kCmd, o.dir, shards, c.m.shards.size(), arrays.size(), limit, source);
    if (o.resume && shards == 0) {
        fmt::print(out, "  every shard is done: only the merge job\n");
    }
    for (const Array& a : arrays) {
        fmt::print(out, "  {}: --array={}{} (shards {})\n", a.script.string(),
                   shard_ranges(a.indices, ","), o.throttle ? fmt::format("%{}", *o.throttle) : "",
                   shard_ranges(a.shards));
    }
    fmt::print(out, "  {}: kokeilu sweep merge -o {}\n", (c.slurm_dir / "merge.sbatch").string(),
               c.output.string());
}

/// The sbatch command of the merge job, after the arrays whose job ids are `ids`.
std::string merge_command(const Context& c, const std::string& ids) {
    const std::string script = quoted((c.slurm_dir / "merge.sbatch").string());
    if (ids.empty()) {
        return "sbatch --parsable " + script;
    }
    return "sbatch --parsable --dependency=afterok:" + ids + " --kill-on-invalid-dep=yes " + script;
}

/// A job id from `sbatch --parsable` ("ID" or "ID;CLUSTER").
std::string job_id_of(const std::string& answer) {
    const std::string_view text = trimmed(answer);
    const std::string_view id = text.substr(0, text.find(';'));
    const std::string_view cluster =
        id.size() < text.size() ? text.substr(id.size() + 1) : std::string_view{};
    if (!all_digits(id) || cluster.find_first_of(" \t") != std::string_view::npos) {
        throw SweepFailure(kIoError, "sbatch did not answer with a job id: '" + answer + "'");
    }
    return std::string(id);
}

/// Runs one sbatch command, records it in DIR/slurm/submitted and returns the job id.
std::string submit(const Context& c, const std::string& command) {
    int status = 0;
    const std::string answer = capture(command, status);
    if (status != 0) {
        throw SweepFailure(kIoError,
                           fmt::format("`{}` failed (exit code {}{}); nothing more submitted",
                                       command, status,
                                       status == 127 ? ": is sbatch installed and on PATH?" : ""));
    }
    const std::string id = job_id_of(answer);
    std::ofstream log(c.slurm_dir / "submitted", std::ios::app);
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    log << stamp << " job " << id << ": " << command << '\n';
    return id;
}

/// Submits the arrays, then the merge job after them; prints the job ids.
void submit_all(const Context& c, const std::vector<Array>& arrays, std::ostream& out) {
    std::string ids;
    for (const Array& a : arrays) {
        const std::string id = submit(c, "sbatch --parsable " + quoted(a.script.string()));
        fmt::print(out, "  array job {}: {} (shards {})\n", id, a.script.string(),
                   shard_ranges(a.shards));
        out.flush();
        ids += (ids.empty() ? "" : ":") + id;
    }
    const std::string id = submit(c, merge_command(c, ids));
    fmt::print(out, "  merge job {}: {}{}\n", id, (c.slurm_dir / "merge.sbatch").string(),
               ids.empty() ? "" : " (after job(s) " + ids + " end well)");
}

/// The shell lines that submit the arrays and the merge job (DIR/slurm/submit.sh).
std::string submit_lines(const Context& c, const std::vector<Array>& arrays) {
    std::string text;
    std::string ids;
    for (std::size_t a = 0; a < arrays.size(); ++a) {
        text += fmt::format("a{}=$(sbatch --parsable {}) &&\n", a + 1,
                            quoted(arrays[a].script.string()));
        ids += fmt::format("{}$a{}", ids.empty() ? "" : ":", a + 1);
    }
    return text + merge_command(c, ids) + "\n";
}

/// Every shard, or with --resume those without an intact done marker (with a warning about
/// temporary files: a task of the sweep may still be running).
std::vector<std::size_t> shards_to_run(const SweepSlurmOptions& o, const SweepManifest& m,
                                       std::ostream& err) {
    std::vector<std::size_t> shards;
    if (!o.resume) {
        for (std::size_t k = 0; k < m.shards.size(); ++k) {
            shards.push_back(k);
        }
        return shards;
    }
    const FolderState state = scan_folder(o.dir, m);
    for (const auto& path : state.partial) {
        err << kCmd << ": warning: '" << path.string()
            << "' is being written (or was left by a killed task): is a task of this sweep "
               "still running? (squeue) A shard run twice is harmless: the merge checks the "
               "copies agree\n";
    }
    return missing_shards(m, state);
}

/// Removes the array scripts of an earlier call (a resume may need fewer arrays).
void remove_old_scripts(const fs::path& slurm_dir) {
    constexpr std::string_view kPrefix = "array-";
    constexpr std::string_view kSuffix = ".sbatch";
    for (const auto& entry : fs::directory_iterator(slurm_dir)) {
        const std::string file = entry.path().filename().string();
        const std::string_view name = file;
        if (name.size() > kPrefix.size() + kSuffix.size() &&
            name.substr(0, kPrefix.size()) == kPrefix &&
            name.substr(name.size() - kSuffix.size()) == kSuffix &&
            all_digits(
                name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size()))) {
            fs::remove(entry.path());
        }
    }
}

} // namespace

int sweep_slurm(const SweepSlurmOptions& o, std::ostream& out, std::ostream& err) {
    try {
        check_options(o);
        const SweepManifest m = read_manifest(o.dir);
        const fs::path dir = fs::absolute(o.dir).lexically_normal();
        const Context c{o,
                        m,
                        dir,
                        dir / "slurm",
                        fs::read_symlink("/proc/self/exe"),
                        fs::absolute(o.output.empty() ? dir / "merged.h5" : fs::path(o.output))};
        const std::vector<std::size_t> shards = shards_to_run(o, m, err);
        std::string source;
        const std::size_t limit = max_array_size(o, source);
        const std::vector<Array> arrays = arrays_of(shards, limit, c.slurm_dir);
        fs::create_directories(c.slurm_dir / "logs");
        remove_old_scripts(c.slurm_dir);
        for (std::size_t a = 0; a < arrays.size(); ++a) {
            write_text(arrays[a].script, array_script(c, arrays[a], a, arrays.size()));
        }
        write_text(c.slurm_dir / "merge.sbatch", merge_script(c));
        write_text(c.slurm_dir / "submit.sh", "#!/bin/sh\n" + submit_lines(c, arrays));
        print_plan(c, arrays, shards.size(), limit, source, out);
        if (!o.submit) {
            fmt::print(out, "submit with `sh {}`, which runs:\n{}",
                       (c.slurm_dir / "submit.sh").string(), submit_lines(c, arrays));
            return kOk;
        }
        submit_all(c, arrays, out);
        return kOk;
    } catch (const SweepFailure& e) {
        err << kCmd << ": error: " << e.what() << '\n';
        return e.code();
    } catch (const fs::filesystem_error& e) {
        err << kCmd << ": error: " << e.what() << '\n';
        return kIoError;
    }
}

} // namespace kokeilu::app
