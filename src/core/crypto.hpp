#pragma once
// Small cryptographic helpers over libsodium and OpenSSL: randomness, hashing, constant-time comparison, and
// authenticated encryption of secrets at rest.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cc::crypto {

// Must run once before any other function here (main calls it; it is safe to call again).
void initialize();

std::string random_bytes(std::size_t count);
// URL-safe base64 without padding of `byte_count` random bytes.
std::string random_token(std::size_t byte_count = 32);

std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);
std::string hex_encode(std::string_view bytes);

std::string sha256(std::string_view data);  // raw 32 bytes
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes

bool constant_time_equal(std::string_view a, std::string_view b);

// XSalsa20-Poly1305 (libsodium secretbox) with a random nonce, base64url(nonce || ciphertext).
// `key` must be 32 bytes.
std::string seal(std::string_view key, std::string_view plaintext);
std::optional<std::string> open(std::string_view key, std::string_view sealed);

}  // namespace cc::crypto
