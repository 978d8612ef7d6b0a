#pragma once
// Authentication (who is calling) and project authorisation (may they act in this project, with which role).
// Called for every protected request, so each step is one indexed query.
#include <optional>
#include <string_view>

#include "auth/principal.hpp"
#include "auth/token_service.hpp"
#include "db/database.hpp"

namespace cc::services {

class AccessService {
 public:
  AccessService(db::Database& db, const auth::TokenService& tokens);

  // `bearer` is the credential after "Bearer ": an access token or an API key. Throws Error 401.
  auth::Principal authenticate(std::string_view bearer);

  // Resolves the project a request acts in — the explicit `project_id` (X-Project-ID header, body or query),
  // else the API key's project, else the user's default project — and checks the caller's role there. Throws
  // 404 when the caller is not a member (another project's id looks exactly like a missing one), 403 when the
  // role is too low, 422 when no project can be determined.
  auth::ProjectScope authorize(const auth::Principal& principal, std::optional<std::int64_t> project_id,
                               Role required);

  // The principal of a signed-in session, if it is still active (WebSocket tickets). Throws Error 401.
  auth::Principal session_principal(std::int64_t user_id, const std::string& session_id);

  // Both steps in one read transaction: the common case of every project-scoped request. `identified_user`
  // is set as soon as the caller is known, so that a request refused for its role is still logged with it.
  std::pair<auth::Principal, auth::ProjectScope> authenticate_in_project(
      std::string_view bearer, std::optional<std::int64_t> project_id, Role required,
      std::optional<std::int64_t>& identified_user);

 private:
  auth::Principal authenticate_api_key(std::string_view token);
  auth::Principal principal_from_token(db::Tx& tx, const auth::AccessClaims& claims, Timestamp now);
  auth::ProjectScope scope_in(db::Tx& tx, const auth::Principal& principal,
                              std::optional<std::int64_t> project_id, Role required);
  db::Database& db_;
  const auth::TokenService& tokens_;
};

}  // namespace cc::services
