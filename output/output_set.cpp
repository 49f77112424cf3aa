// Output paths and sets of files committed together.
#include "output/output_set.hpp"

#include "output/detail/atomic_file.hpp"
#include "output/error.hpp"
#include "sim/interrupt.hpp"

#include <unistd.h>

#include <system_error>

namespace kokeilu::output {

namespace fs = std::filesystem;

namespace {

std::string quote(const fs::path& path) {
    return "'" + path.string() + "'";
}

/// The link that keeps an earlier file while a commit replaces it.
fs::path aside_path(const fs::path& target) {
    return detail::temporary_path_for(target, ".old-");
}

} // namespace

bool results_placed() noexcept {
    return detail::placed();
}

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) {
        return fs::equivalent(a, b, ec) && !ec;
    }
    const fs::path na = fs::weakly_canonical(a, ec);
    const fs::path nb = fs::weakly_canonical(b, ec);
    return (na.empty() ? fs::absolute(a).lexically_normal() : na) ==
           (nb.empty() ? fs::absolute(b).lexically_normal() : nb);
}

void prepare_target(const fs::path& target, bool replace, const std::vector<fs::path>& inputs) {
    for (const auto& input : inputs) {
        if (!input.empty() && same_file(target, input)) {
            throw OutputError("cannot write " + quote(target) +
                              ": it is one of this command's "
                              "inputs; choose another output name");
        }
    }
    if (target.empty() || !target.has_filename()) {
        throw OutputError("cannot write " + quote(target) + ": not a file name");
    }
    const fs::path folder = target.parent_path();
    std::error_code ec;
    if (!folder.empty() && !fs::exists(folder, ec)) {
        fs::create_directories(folder, ec);
        if (ec) {
            throw OutputError("cannot create the folder " + quote(folder) + " for " +
                              quote(target) + ": " + ec.message());
        }
    }
    detail::check_target(target, replace);
}

void write_file_atomically(const fs::path& target, std::string_view bytes, bool replace) {
    prepare_target(target, replace);
    detail::AtomicFile file(target);
    constexpr std::size_t kChunk = std::size_t{1} << 20;
    for (std::size_t at = 0; at < bytes.size(); at += kChunk) {
        file.write(bytes.substr(at, kChunk));
    }
    file.commit();
}

OutputSet::OutputSet(bool replace) : replace_(replace) {}

OutputSet::~OutputSet() {
    if (!committed_) {
        for (const auto& s : staged_) {
            detail::remove_quietly(s.temporary);
        }
    }
}

void OutputSet::adopt(const fs::path& temporary, const fs::path& target) {
    staged_.push_back({temporary, target});
}

void OutputSet::remove_at_commit(const fs::path& target) {
    removals_.push_back(target);
}

std::vector<fs::path> OutputSet::targets() const {
    std::vector<fs::path> out;
    for (const auto& s : staged_) {
        out.push_back(s.target);
    }
    return out;
}

void OutputSet::commit() {
    throw_if_interrupted();
    for (const auto& s : staged_) {
        std::error_code ec;
        if (!replace_ && fs::exists(fs::symlink_status(s.target, ec))) {
            throw OutputError(quote(s.target) +
                              " appeared while the results were being "
                              "written; nothing was replaced (use --force to replace it)");
        }
        detail::check_target(s.target, true);
    }
    // Phase 1: keep every earlier file under a second name (a hard link: the final name
    // stays in place until the rename replaces it).
    std::vector<std::pair<fs::path, fs::path>> kept; // target, link
    const auto keep = [&](const fs::path& target) {
        std::error_code ec;
        if (!fs::is_regular_file(fs::symlink_status(target, ec))) {
            return;
        }
        const fs::path link = aside_path(target);
        detail::remove_quietly(link);
        fs::create_hard_link(target, link, ec);
        if (ec) {
            throw OutputError("cannot keep the earlier " + quote(target) +
                              " while replacing it: " + ec.message());
        }
        kept.emplace_back(target, link);
    };
    std::vector<const Staged*> renamed;
    std::vector<fs::path> removed;
    try {
        for (const auto& s : staged_) {
            keep(s.target);
        }
        for (const auto& r : removals_) {
            keep(r);
        }
        // Phase 2: the new files in, the stale ones out.
        for (const auto& s : staged_) {
            detail::rename_into_place(s.temporary, s.target);
            renamed.push_back(&s);
        }
        for (const auto& r : removals_) {
            std::error_code ec;
            if (fs::remove(r, ec)) {
                removed.push_back(r);
            } else if (ec) {
                throw OutputError("cannot remove the earlier " + quote(r) + ": " + ec.message());
            }
        }
    } catch (...) {
        // Undo: new files back to their temporary names (removed by the destructor), earlier
        // files back under their names.
        for (const Staged* s : renamed) {
            std::error_code ec;
            fs::rename(s->target, s->temporary, ec);
        }
        for (const auto& [target, link] : kept) {
            std::error_code ec;
            fs::rename(link, target, ec);
            // Where the target is still the same file, rename does nothing: drop the link.
            detail::remove_quietly(link);
        }
        throw;
    }
    committed_ = true;
    for (const auto& [target, link] : kept) {
        detail::remove_quietly(link);
    }
}

} // namespace kokeilu::output
