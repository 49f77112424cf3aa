// SHA-256 against the FIPS 180-4 examples and incremental use.
#include "sim/sha256.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using kokeilu::sim::Sha256;
using kokeilu::sim::sha256_hex;

TEST_CASE("SHA-256 gives the published digests of the standard's examples", "[unit][sim]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 does not depend on how the input is cut into updates", "[unit][sim]") {
    std::string text;
    for (int i = 0; i < 300; ++i) {
        text += static_cast<char>('a' + i % 26);
    }
    for (const std::size_t step : {1U, 7U, 63U, 64U, 65U, 200U}) {
        Sha256 h;
        for (std::size_t i = 0; i < text.size(); i += step) {
            h.update(std::string_view(text).substr(i, step));
        }
        CAPTURE(step);
        CHECK(h.hex() == sha256_hex(text));
    }
}

TEST_CASE("SHA-256 of a file is that of its bytes; a missing file is an error", "[unit][sim]") {
    const auto path = std::filesystem::temp_directory_path() / "kokeilu_sha256_test.bin";
    std::string bytes(70000, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<char>(i * 31 % 251);
    }
    {
        std::ofstream out(path, std::ios::binary);
        out << bytes;
    }
    CHECK(kokeilu::sim::sha256_file_hex(path) == sha256_hex(bytes));
    std::filesystem::remove(path);
    CHECK_THROWS(kokeilu::sim::sha256_file_hex(path));
}
