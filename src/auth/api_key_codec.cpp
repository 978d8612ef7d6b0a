#include "auth/api_key_codec.hpp"

#include "core/crypto.hpp"

namespace cc::auth {

namespace {
constexpr std::string_view kPrefix = "cc_";
constexpr std::size_t kPrefixHexLength = 16;
}  // namespace

GeneratedApiKey generate_api_key() {
  GeneratedApiKey key;
  key.prefix = crypto::hex_encode(crypto::random_bytes(kPrefixHexLength / 2));
  std::string secret = crypto::random_token(32);
  key.plaintext = std::string(kPrefix) + key.prefix + "_" + secret;
  key.secret_hash = hash_api_key_secret(secret);
  return key;
}

bool looks_like_api_key(std::string_view token) {
  return token.starts_with(kPrefix);
}

std::optional<ParsedApiKey> parse_api_key(std::string_view token) {
  if (!token.starts_with(kPrefix)) return std::nullopt;
  token.remove_prefix(kPrefix.size());
  if (token.size() < kPrefixHexLength + 2 || token.size() > 256 || token[kPrefixHexLength] != '_') {
    return std::nullopt;
  }
  ParsedApiKey parsed{std::string(token.substr(0, kPrefixHexLength)),
                      std::string(token.substr(kPrefixHexLength + 1))};
  for (char c : parsed.prefix) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  return parsed;
}

std::string hash_api_key_secret(std::string_view secret) {
  return crypto::sha256_hex(secret);
}

}  // namespace cc::auth
