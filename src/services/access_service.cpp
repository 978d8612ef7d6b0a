#include "services/access_service.hpp"

#include <fmt/format.h>

#include "auth/api_key_codec.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/logging.hpp"
#include "repositories/api_key_repository.hpp"
#include "repositories/project_repository.hpp"
#include "repositories/session_repository.hpp"

namespace cc::services {

using repositories::ApiKeyRepository;
using repositories::MemberRepository;
using repositories::SessionRepository;

namespace {
constexpr auto kApiKeyTouchInterval = std::chrono::minutes(1);
}

AccessService::AccessService(db::Database& db, const auth::TokenService& tokens) : db_(db), tokens_(tokens) {}

namespace {

std::optional<auth::AccessClaims> verify(const auth::TokenService& tokens, std::string_view bearer,
                                         Timestamp current) {
  std::string reason;
  auto claims = tokens.verify_access(bearer, current, &reason);
  if (!claims) log::debug("auth.token_rejected", {{"reason", reason}});
  return claims;
}

}  // namespace

auth::Principal AccessService::principal_from_token(db::Tx& tx, const auth::AccessClaims& claims,
                                                    Timestamp current) {
  auto found = SessionRepository::active_principal(tx, claims.user_id, claims.session_id, current);
  if (!found) throw Error::unauthorized("The session has ended; sign in again");
  if (!found->is_active) throw Error::unauthorized("This account is disabled");
  auth::Principal p;
  p.kind = auth::Principal::Kind::AccessToken;
  p.user_id = found->user_id;
  p.email = found->email;
  p.is_superuser = found->is_superuser;
  p.default_project_id = found->default_project_id;
  p.session_id = claims.session_id;
  return p;
}

auth::Principal AccessService::session_principal(std::int64_t user_id, const std::string& session_id) {
  auth::AccessClaims claims;
  claims.user_id = user_id;
  claims.session_id = session_id;
  auto current = now();
  return db_.read([&](db::Tx& tx) { return principal_from_token(tx, claims, current); });
}

auth::Principal AccessService::authenticate(std::string_view bearer) {
  if (bearer.empty()) throw Error::unauthorized();
  if (auth::looks_like_api_key(bearer)) return authenticate_api_key(bearer);
  auto current = now();
  auto claims = verify(tokens_, bearer, current);
  if (!claims) throw Error::unauthorized("Invalid or expired access token");
  return db_.read([&](db::Tx& tx) { return principal_from_token(tx, *claims, current); });
}

std::pair<auth::Principal, auth::ProjectScope> AccessService::authenticate_in_project(
    std::string_view bearer, std::optional<std::int64_t> project_id, Role required,
    std::optional<std::int64_t>& identified_user) {
  if (bearer.empty()) throw Error::unauthorized();
  if (auth::looks_like_api_key(bearer)) {
    auto principal = authenticate_api_key(bearer);
    identified_user = principal.user_id;
    auto scope = authorize(principal, project_id, required);
    return {std::move(principal), scope};
  }
  auto current = now();
  auto claims = verify(tokens_, bearer, current);
  if (!claims) throw Error::unauthorized("Invalid or expired access token");
  return db_.read([&](db::Tx& tx) {
    auto principal = principal_from_token(tx, *claims, current);
    identified_user = principal.user_id;
    auto scope = scope_in(tx, principal, project_id, required);
    return std::make_pair(std::move(principal), scope);
  });
}

auth::Principal AccessService::authenticate_api_key(std::string_view token) {
  auto parsed = auth::parse_api_key(token);
  if (!parsed) throw Error::unauthorized("Invalid API key");
  auto current = now();
  auto found = db_.read([&](db::Tx& tx) { return ApiKeyRepository::find_by_prefix(tx, parsed->prefix); });
  // The hash is compared in constant time, and unknown prefixes fail the same way as wrong secrets.
  std::string presented = auth::hash_api_key_secret(parsed->secret);
  if (!found || !crypto::constant_time_equal(presented, found->key_hash))
    throw Error::unauthorized("Invalid API key");
  const auto& key = found->key;
  if (key.revoked_at) throw Error::unauthorized("This API key has been revoked");
  if (key.expires_at && *key.expires_at <= current) throw Error::unauthorized("This API key has expired");
  if (!found->user_active) throw Error::unauthorized("This account is disabled");
  if (!key.last_used_at || current - *key.last_used_at > kApiKeyTouchInterval) {
    db_.write([&](db::Tx& tx) { ApiKeyRepository::touch(tx, key.id, current); });
  }
  auth::Principal p;
  p.kind = auth::Principal::Kind::ApiKey;
  p.user_id = key.user_id;
  p.email = found->user_email;
  p.is_superuser = false;  // keys never carry site-admin rights
  p.api_key_id = key.id;
  p.api_key_project_id = key.project_id;
  p.api_key_role = key.role;
  return p;
}

auth::ProjectScope AccessService::authorize(const auth::Principal& principal,
                                            std::optional<std::int64_t> project_id, Role required) {
  return db_.read([&](db::Tx& tx) { return scope_in(tx, principal, project_id, required); });
}

auth::ProjectScope AccessService::scope_in(db::Tx& tx, const auth::Principal& principal,
                                           std::optional<std::int64_t> project_id, Role required) {
  if (principal.api_key_project_id) {
    if (project_id && *project_id != *principal.api_key_project_id) {
      throw Error::not_found("Project", std::to_string(*project_id));
    }
    project_id = principal.api_key_project_id;
  }
  std::optional<Role> role;
  if (project_id) {
    role = MemberRepository::role_of(tx, *project_id, principal.user_id);
  } else if (principal.default_project_id &&
             (role = MemberRepository::role_of(tx, *principal.default_project_id, principal.user_id))) {
    project_id = principal.default_project_id;  // the common case: one primary-key look-up
  } else if (auto membership = MemberRepository::default_membership(tx, principal.user_id)) {
    project_id = membership->first;
    role = membership->second;
  } else {
    throw Error::validation("project_id", "no project selected: send X-Project-ID, or create a project first",
                            "required");
  }
  if (!role) throw Error::not_found("Project", std::to_string(*project_id));
  Role effective = *role;
  // A key acts with at most the role it was created with, and never more than its user holds today.
  if (principal.api_key_role && !at_least(*principal.api_key_role, effective))
    effective = *principal.api_key_role;
  if (!at_least(effective, required)) {
    throw Error::forbidden(fmt::format("This action needs the {} role in the project; you have {}",
                                       to_string(required), to_string(effective)));
  }
  return {*project_id, effective};
}

}  // namespace cc::services
