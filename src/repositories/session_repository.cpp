#include "repositories/session_repository.hpp"

namespace cc::repositories {

void SessionRepository::create(db::Tx& tx, std::string_view session_id, std::int64_t user_id, Timestamp now,
                               Timestamp expires_at, std::string_view ip, std::string_view user_agent) {
  tx.exec(
      "INSERT INTO auth_sessions (id, user_id, created_at, last_used_at, expires_at, ip, user_agent) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {session_id, user_id, now, now, expires_at, ip, user_agent});
}

void SessionRepository::add_refresh_token(db::Tx& tx, std::string_view token_hash,
                                          std::string_view session_id, Timestamp now, Timestamp expires_at) {
  tx.exec("INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
          {token_hash, session_id, now, expires_at});
}

std::optional<RefreshTokenRecord> SessionRepository::find_refresh_token(db::Tx& tx,
                                                                        std::string_view token_hash) {
  return tx.query_one(
      "SELECT r.session_id, s.user_id, r.expires_at, r.rotated_at, s.revoked_at, s.expires_at "
      "FROM refresh_tokens r JOIN auth_sessions s ON s.id = r.session_id WHERE r.token_hash = ?",
      {token_hash}, [](const db::Row& row) {
        return RefreshTokenRecord{row.get_string(0), row.get_int(1),  row.get_time(2),
                                  row.opt_time(3),   row.opt_time(4), row.get_time(5)};
      });
}

bool SessionRepository::rotate(db::Tx& tx, std::string_view token_hash, Timestamp now) {
  return tx.exec("UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ? AND rotated_at IS NULL",
                 {now, token_hash}) == 1;
}

void SessionRepository::touch(db::Tx& tx, std::string_view session_id, Timestamp now) {
  tx.exec("UPDATE auth_sessions SET last_used_at = ? WHERE id = ?", {now, session_id});
}

void SessionRepository::revoke(db::Tx& tx, std::string_view session_id, std::string_view reason,
                               Timestamp now) {
  tx.exec("UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
          {now, reason, session_id});
}

void SessionRepository::revoke_all_for_user(db::Tx& tx, std::int64_t user_id, std::string_view reason,
                                            Timestamp now) {
  tx.exec(
      "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL",
      {now, reason, user_id});
}

std::optional<SessionPrincipal> SessionRepository::active_principal(db::Tx& tx, std::int64_t user_id,
                                                                    std::string_view session_id,
                                                                    Timestamp now) {
  return tx.query_one(
      "SELECT u.id, u.email, u.is_active, u.is_superuser, u.default_project_id FROM users u "
      "JOIN auth_sessions s ON s.user_id = u.id "
      "WHERE u.id = ? AND s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ?",
      {user_id, session_id, now}, [](const db::Row& row) {
        return SessionPrincipal{row.get_int(0), row.get_string(1), row.get_bool(2), row.get_bool(3),
                                row.opt_int(4)};
      });
}

}  // namespace cc::repositories
