#pragma once
// auth_sessions and refresh_tokens: one session per sign-in; its refresh tokens rotate on every use.
#include <optional>
#include <string>

#include "db/database.hpp"

namespace cc::repositories {

struct RefreshTokenRecord {
  std::string session_id;
  std::int64_t user_id = 0;
  Timestamp expires_at;
  std::optional<Timestamp> rotated_at;
  std::optional<Timestamp> session_revoked_at;
  Timestamp session_expires_at;
};

struct SessionPrincipal {
  std::int64_t user_id = 0;
  std::string email;
  bool is_active = false;
  bool is_superuser = false;
  std::optional<std::int64_t> default_project_id;
};

class SessionRepository {
 public:
  static void create(db::Tx& tx, std::string_view session_id, std::int64_t user_id, Timestamp now,
                     Timestamp expires_at, std::string_view ip, std::string_view user_agent);
  static void add_refresh_token(db::Tx& tx, std::string_view token_hash, std::string_view session_id,
                                Timestamp now, Timestamp expires_at);
  static std::optional<RefreshTokenRecord> find_refresh_token(db::Tx& tx, std::string_view token_hash);
  // Marks the token used; false if it already was (a concurrent or replayed use).
  static bool rotate(db::Tx& tx, std::string_view token_hash, Timestamp now);
  static void touch(db::Tx& tx, std::string_view session_id, Timestamp now);
  static void revoke(db::Tx& tx, std::string_view session_id, std::string_view reason, Timestamp now);
  static void revoke_all_for_user(db::Tx& tx, std::int64_t user_id, std::string_view reason, Timestamp now);
  // The user behind an access token, if the user is active and the session neither revoked nor expired.
  static std::optional<SessionPrincipal> active_principal(db::Tx& tx, std::int64_t user_id,
                                                          std::string_view session_id, Timestamp now);
};

}  // namespace cc::repositories
