#pragma once
// Access tokens: JWT HS256 per RFC 8725 — explicit type (`typ: at+jwt`), pinned algorithm, and iss, aud, exp,
// nbf checked here because libjwt 1.10 checks none of them.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace cc::auth {

struct AccessClaims {
  std::int64_t user_id = 0;
  std::string session_id;
  std::string email;
  Timestamp issued_at;
  Timestamp expires_at;
};

class TokenService {
 public:
  TokenService(std::string secret, std::string issuer, std::string audience, std::chrono::seconds access_ttl);

  std::string issue_access(std::int64_t user_id, std::string_view email, std::string_view session_id,
                           Timestamp now) const;
  // nullopt for anything but a valid, current access token of ours; `reason` says why (for logs, not
  // clients).
  std::optional<AccessClaims> verify_access(std::string_view token, Timestamp now,
                                            std::string* reason = nullptr) const;
  std::chrono::seconds access_ttl() const { return access_ttl_; }

 private:
  std::optional<AccessClaims> verify_uncached(std::string_view token, Timestamp now,
                                              std::string* reason) const;

  std::string secret_;
  std::string issuer_;
  std::string audience_;
  std::chrono::seconds access_ttl_;
  // Tokens that passed verification, until they expire: a client sends the same token with every request, and
  // the signature and claims of a given token string cannot change. (Revocation is checked separately,
  // against the session, on every request.)
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, AccessClaims> verified_;
};

}  // namespace cc::auth
