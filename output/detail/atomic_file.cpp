// Internal: temporary files, fsync and atomic renames (POSIX).
#include "output/detail/atomic_file.hpp"

#include "output/error.hpp"
#include "sim/interrupt.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>
#include <system_error>
#include <utility>

namespace kokeilu::output::detail {

namespace {

std::string quote(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

std::string os_message(int error) {
    return std::generic_category().message(error);
}

std::filesystem::path folder_of(const std::filesystem::path& path) {
    auto folder = path.parent_path();
    return folder.empty() ? std::filesystem::path(".") : folder;
}

} // namespace

std::filesystem::path temporary_path_for(const std::filesystem::path& final_path,
                                         std::string_view tag) {
    auto name = final_path.filename().string();
    const std::string suffix = std::string(tag) + std::to_string(::getpid());
    if (name.size() + suffix.size() > kMaxFileName) {
        name.resize(kMaxFileName - suffix.size());
    }
    name += suffix;
    return final_path.parent_path() / name;
}

void check_target(const std::filesystem::path& final_path, bool replace) {
    namespace fs = std::filesystem;
    if (final_path.empty() || !final_path.has_filename()) {
        throw OutputError("cannot write " + quote(final_path) + ": not a file name");
    }
    const fs::path folder = folder_of(final_path);
    std::error_code ec;
    const fs::file_status folder_status = fs::status(folder, ec);
    if (!fs::exists(folder_status)) {
        throw OutputError("cannot write " + quote(final_path) + ": folder " + quote(folder) +
                          " does not exist");
    }
    if (!fs::is_directory(folder_status)) {
        throw OutputError("cannot write " + quote(final_path) + ": " + quote(folder) +
                          " is not a folder");
    }
    if (final_path.filename().string().size() > kMaxFileName) {
        throw OutputError("cannot write " + quote(final_path) + ": the file name is longer than " +
                          std::to_string(kMaxFileName) + " bytes");
    }
    // symlink_status: a link is judged as itself, not as what it points to.
    const fs::file_status target_status = fs::symlink_status(final_path, ec);
    if (fs::is_directory(target_status)) {
        throw OutputError("cannot write " + quote(final_path) + ": it is a folder");
    }
    if (fs::exists(target_status) && !fs::is_regular_file(target_status)) {
        const char* what =
            fs::is_symlink(target_status)  ? "a symbolic link"
            : fs::is_fifo(target_status)   ? "a FIFO"
            : fs::is_socket(target_status) ? "a socket"
            : fs::is_block_file(target_status) || fs::is_character_file(target_status)
                ? "a device"
                : "not a regular file";
        throw OutputError("cannot write " + quote(final_path) + ": it is " + what +
                          "; refusing to replace anything but a regular file");
    }
    if (fs::exists(target_status) && !replace) {
        throw OutputError(quote(final_path) +
                          " already exists; refusing to overwrite it without --force");
    }
}

void check_free_space(const std::filesystem::path& final_path) {
    const std::filesystem::path folder = folder_of(final_path);
    std::error_code ec;
    const std::filesystem::space_info space = std::filesystem::space(folder, ec);
    if (!ec && space.available == 0) {
        throw OutputError("cannot write " + quote(final_path) + ": no space left in " +
                          quote(folder));
    }
}

void create_empty_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int error = errno;
        throw OutputError("cannot create " + quote(path) + " in folder " + quote(folder_of(path)) +
                          ": " + os_message(error));
    }
    ::close(fd);
}

void sync_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        throw OutputError("cannot reopen " + quote(path) + " to sync it: " + os_message(error));
    }
    const int status = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (status != 0) {
        throw OutputError("cannot sync " + quote(path) + " to disk: " + os_message(error));
    }
}

void rename_into_place(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::error_code ec;
    std::filesystem::rename(from, to, ec);
    if (ec) {
        throw OutputError("cannot rename " + quote(from) + " to " + quote(to) + ": " +
                          ec.message());
    }
    note_placed();
    // Make the rename itself durable; some file systems cannot sync a folder, which is fine.
    const int fd = ::open(folder_of(to).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        static_cast<void>(::fsync(fd));
        ::close(fd);
    }
}

namespace {
std::atomic<bool> placed_any{false};
} // namespace

void note_placed() noexcept {
    placed_any.store(true);
}

bool placed() noexcept {
    return placed_any.load();
}

void remove_quietly(const std::filesystem::path& path) noexcept {
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

AtomicFile::AtomicFile(std::filesystem::path final_path)
        : final_path_(std::move(final_path)), temp_path_(temporary_path_for(final_path_)) {
    check_target(final_path_, true);
    fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        const int error = errno;
        throw OutputError("cannot create " + quote(temp_path_) + " in folder " +
                          quote(folder_of(temp_path_)) + ": " + os_message(error));
    }
    try {
        check_free_space(final_path_);
    } catch (...) {
        ::close(fd_); // the destructor does not run for a constructor that throws
        remove_quietly(temp_path_);
        throw;
    }
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
    if (!committed_) {
        remove_quietly(temp_path_);
    }
}

void AtomicFile::write(std::string_view bytes) {
    throw_if_interrupted();
    while (!bytes.empty()) {
        const ::ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0) {
            const int error = errno;
            if (error == EINTR) {
                continue;
            }
            throw OutputError("cannot write " + quote(temp_path_) + ": " + os_message(error));
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void AtomicFile::commit() {
    const std::filesystem::path temp = finish();
    try {
        throw_if_interrupted();
        rename_into_place(temp, final_path_);
    } catch (...) {
        remove_quietly(temp);
        throw;
    }
}

std::filesystem::path AtomicFile::finish() {
    if (::fsync(fd_) != 0) {
        const int error = errno;
        throw OutputError("cannot sync " + quote(temp_path_) + " to disk: " + os_message(error));
    }
    const int status = ::close(fd_);
    fd_ = -1;
    if (status != 0) {
        const int error = errno;
        throw OutputError("cannot close " + quote(temp_path_) + ": " + os_message(error));
    }
    committed_ = true; // the caller owns the temporary file now
    return temp_path_;
}

ScratchFile::ScratchFile(const std::filesystem::path& near) : near_(near) {
    const std::filesystem::path folder = folder_of(near);
    int error = 0;
#ifdef O_TMPFILE
    fd_ = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    error = errno;
#endif
    if (fd_ < 0) {
        // No O_TMPFILE here or on this file system: a named file, unnamed at once.
        const std::filesystem::path named = temporary_path_for(near).string() + ".scratch";
        fd_ = ::open(named.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        error = errno;
        if (fd_ >= 0) {
            ::unlink(named.c_str());
        }
    }
    if (fd_ < 0) {
        throw OutputError("cannot create a scratch file for " + quote(near) + " in folder " +
                          quote(folder) + ": " + os_message(error));
    }
}

ScratchFile::~ScratchFile() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

void ScratchFile::append(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const ::ssize_t n = ::pwrite(fd_, bytes, size, static_cast<::off_t>(size_));
        if (n < 0) {
            const int error = errno;
            if (error == EINTR) {
                continue;
            }
            throw OutputError("cannot write the scratch file of " + quote(near_) + ": " +
                              os_message(error));
        }
        bytes += n;
        size -= static_cast<std::size_t>(n);
        size_ += static_cast<std::uint64_t>(n);
    }
}

void ScratchFile::read(std::uint64_t offset, void* data, std::size_t size) const {
    auto* bytes = static_cast<char*>(data);
    while (size > 0) {
        const ::ssize_t n = ::pread(fd_, bytes, size, static_cast<::off_t>(offset));
        if (n <= 0) {
            const int error = n < 0 ? errno : 0;
            if (error == EINTR) {
                continue;
            }
            throw OutputError("cannot read the scratch file of " + quote(near_) + ": " +
                              (n < 0 ? os_message(error) : std::string("it is too short")));
        }
        bytes += n;
        size -= static_cast<std::size_t>(n);
        offset += static_cast<std::uint64_t>(n);
    }
}

} // namespace kokeilu::output::detail
