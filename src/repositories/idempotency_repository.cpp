#include "repositories/idempotency_repository.hpp"

namespace cc::repositories {

std::optional<IdempotencyRecord> IdempotencyRepository::find(db::Tx& tx, std::int64_t user_id,
                                                             std::string_view scope, std::string_view key,
                                                             Timestamp now) {
  return tx.query_one(
      "SELECT request_hash, status_code, response_body, resource_id FROM idempotency_keys "
      "WHERE user_id = ? AND scope = ? AND idempotency_key = ? AND expires_at > ?",
      {user_id, scope, key, now}, [](const db::Row& row) {
        return IdempotencyRecord{row.get_string(0), static_cast<int>(row.get_int(1)), row.get_string(2),
                                 row.opt_string(3)};
      });
}

void IdempotencyRepository::insert(db::Tx& tx, std::int64_t user_id, std::string_view scope,
                                   std::string_view key, const IdempotencyRecord& r, Timestamp now,
                                   Timestamp expires_at) {
  // An expired record with the same key is replaced.
  tx.exec(
      "DELETE FROM idempotency_keys WHERE user_id = ? AND scope = ? AND idempotency_key = ? AND expires_at "
      "<= ?",
      {user_id, scope, key, now});
  tx.exec(
      "INSERT INTO idempotency_keys (user_id, scope, idempotency_key, request_hash, status_code, "
      "response_body, "
      "resource_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {user_id, scope, key, std::string_view(r.request_hash), std::int64_t{r.status_code},
       std::string_view(r.response_body), db::optional_param(r.resource_id), now, expires_at});
}

std::int64_t IdempotencyRepository::purge_expired(db::Tx& tx, Timestamp now) {
  return tx.exec("DELETE FROM idempotency_keys WHERE expires_at <= ?", {now});
}

}  // namespace cc::repositories
