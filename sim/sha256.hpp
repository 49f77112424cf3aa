// SHA-256 (FIPS 180-4): content hashes of sweep manifests, points and shard files.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace kokeilu::sim {

/// An incremental SHA-256: `update` any number of times, then `hex` (or `digest`) once.
class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }
    /// The 32-byte digest; the object is finished afterwards (update must not be called).
    [[nodiscard]] std::array<std::uint8_t, 32> digest();
    /// The digest as 64 lower-case hexadecimal digits.
    [[nodiscard]] std::string hex();

private:
    void block(const std::uint8_t* p);

    std::array<std::uint32_t, 8> state_{};
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t total_ = 0; ///< bytes hashed
};

/// SHA-256 of `text` as 64 lower-case hexadecimal digits.
[[nodiscard]] std::string sha256_hex(std::string_view text);

/// SHA-256 of a file's bytes as 64 lower-case hexadecimal digits, read in blocks. Throws
/// `kokeilu::Error` naming the file if it cannot be read.
[[nodiscard]] std::string sha256_file_hex(const std::filesystem::path& path);

} // namespace kokeilu::sim
