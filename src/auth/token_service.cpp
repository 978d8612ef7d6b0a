#include "auth/token_service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/json_writer.hpp"

// JWTs are built and checked here with OpenSSL's HMAC rather than libjwt: libjwt 1.10 (Debian 12) always
// writes `typ: JWT`, so it cannot mark access tokens with an explicit type as RFC 8725 §3.11 asks, and it
// checks no claim at all — the parts worth a library were the ones we had to write anyway.

namespace cc::auth {

namespace {

namespace json = boost::json;

constexpr std::string_view kAccessType = "at+jwt";
constexpr std::int64_t kLeewaySeconds = 30;  // clock skew between processes
constexpr std::size_t kMaxTokenBytes = 4096;
constexpr std::size_t kMaxCachedTokens = 1024;

std::nullopt_t reject(std::string* reason, const char* why) {
  if (reason) *reason = why;
  return std::nullopt;
}

std::optional<json::object> decode_object(std::string_view part) {
  auto raw = crypto::base64url_decode(part);
  if (!raw) return std::nullopt;
  boost::system::error_code ec;
  auto value = json::parse(*raw, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::optional<std::int64_t> int_claim(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() < static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  return std::nullopt;
}

std::optional<std::string_view> string_claim(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string_view(v->get_string());
}

}  // namespace

TokenService::TokenService(std::string secret, std::string issuer, std::string audience,
                           std::chrono::seconds access_ttl)
    : secret_(std::move(secret)),
      issuer_(std::move(issuer)),
      audience_(std::move(audience)),
      access_ttl_(access_ttl) {
  if (secret_.size() < 32) throw std::invalid_argument("JWT secret must be at least 32 bytes");
}

std::string TokenService::issue_access(std::int64_t user_id, std::string_view email,
                                       std::string_view session_id, Timestamp now) const {
  auto issued = to_unix_seconds(now);
  JsonWriter header;
  header.begin_object().field("alg", "HS256").field("typ", kAccessType).end_object();
  JsonWriter payload;
  payload.begin_object()
      .field("iss", issuer_)
      .field("aud", audience_)
      .field("sub", std::to_string(user_id))
      .field("sid", session_id)
      .field("email", email)
      .field("type", "access")  // the original's claim, kept for its clients
      .field("jti", crypto::random_token(12))
      .field("iat", issued)
      .field("nbf", issued)
      .field("exp", issued + access_ttl_.count())
      .end_object();
  std::string token = crypto::base64url_encode(header.str()) + "." + crypto::base64url_encode(payload.str());
  token += "." + crypto::base64url_encode(crypto::hmac_sha256(secret_, token));
  return token;
}

std::optional<AccessClaims> TokenService::verify_access(std::string_view token, Timestamp now,
                                                        std::string* reason) const {
  if (token.size() > kMaxTokenBytes) return reject(reason, "token too long");
  std::string key(token);
  {
    std::lock_guard lock(cache_mutex_);
    auto it = verified_.find(key);
    if (it != verified_.end()) {
      if (to_unix_seconds(it->second.expires_at) + kLeewaySeconds > to_unix_seconds(now)) return it->second;
      verified_.erase(it);
    }
  }
  auto claims = verify_uncached(token, now, reason);
  if (claims) {
    std::lock_guard lock(cache_mutex_);
    if (verified_.size() >= kMaxCachedTokens) verified_.clear();
    verified_.emplace(std::move(key), *claims);
  }
  return claims;
}

std::optional<AccessClaims> TokenService::verify_uncached(std::string_view token, Timestamp now,
                                                          std::string* reason) const {
  auto first = token.find('.');
  auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return reject(reason, "format");
  }
  auto header = decode_object(token.substr(0, first));
  if (!header) return reject(reason, "header");
  // The algorithm is pinned: "none", RS256 and anything else are refused before any key is used.
  if (string_claim(*header, "alg") != std::optional<std::string_view>("HS256"))
    return reject(reason, "algorithm");
  if (string_claim(*header, "typ") != std::optional<std::string_view>(kAccessType))
    return reject(reason, "typ");
  if (header->contains("crit")) return reject(reason, "crit");

  auto signature = crypto::base64url_decode(token.substr(second + 1));
  std::string expected = crypto::hmac_sha256(secret_, token.substr(0, second));
  if (!signature || !crypto::constant_time_equal(*signature, expected)) return reject(reason, "signature");

  auto payload = decode_object(token.substr(first + 1, second - first - 1));
  if (!payload) return reject(reason, "payload");
  if (string_claim(*payload, "iss") != std::optional<std::string_view>(issuer_))
    return reject(reason, "issuer");
  bool audience_ok = string_claim(*payload, "aud") == std::optional<std::string_view>(audience_);
  if (const auto* aud = payload->if_contains("aud"); aud && aud->is_array()) {
    for (const auto& a : aud->get_array())
      audience_ok = audience_ok || (a.is_string() && a.get_string() == audience_);
  }
  if (!audience_ok) return reject(reason, "audience");

  auto current = to_unix_seconds(now);
  auto exp = int_claim(*payload, "exp");
  auto nbf = int_claim(*payload, "nbf");
  auto iat = int_claim(*payload, "iat");
  if (!exp || *exp + kLeewaySeconds <= current) return reject(reason, "expired");
  if (nbf && *nbf - kLeewaySeconds > current) return reject(reason, "not yet valid");
  if (!iat || *iat - kLeewaySeconds > current) return reject(reason, "iat");

  auto sub = string_claim(*payload, "sub");
  auto sid = string_claim(*payload, "sid");
  if (!sub || !sid || sid->empty()) return reject(reason, "subject");
  AccessClaims claims;
  auto [end, ec] = std::from_chars(sub->data(), sub->data() + sub->size(), claims.user_id);
  if (ec != std::errc{} || end != sub->data() + sub->size() || claims.user_id <= 0)
    return reject(reason, "subject");
  claims.session_id = std::string(*sid);
  claims.email = std::string(string_claim(*payload, "email").value_or(""));
  claims.issued_at = from_unix_seconds(*iat);
  claims.expires_at = from_unix_seconds(*exp);
  return claims;
}

}  // namespace cc::auth
