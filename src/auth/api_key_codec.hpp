#pragma once
// API key format: "cc_" + 16 hex characters (public prefix, used to find the key) + "_" + 43 characters of
// base64url secret (256 bits). Only SHA-256 of the secret is stored: the secret is random, so a slow hash
// adds nothing, and verification stays cheap enough for every request.
#include <optional>
#include <string>
#include <string_view>

namespace cc::auth {

struct GeneratedApiKey {
  std::string plaintext;  // shown to the user once
  std::string prefix;
  std::string secret_hash;
};

struct ParsedApiKey {
  std::string prefix;
  std::string secret;
};

GeneratedApiKey generate_api_key();
bool looks_like_api_key(std::string_view token);
std::optional<ParsedApiKey> parse_api_key(std::string_view token);
std::string hash_api_key_secret(std::string_view secret);

}  // namespace cc::auth
