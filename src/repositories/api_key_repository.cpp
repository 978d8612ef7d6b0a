#include "repositories/api_key_repository.hpp"

namespace cc::repositories {

namespace {

constexpr std::string_view kColumns =
    "k.id, k.user_id, k.project_id, k.name, k.prefix, k.role, k.created_at, k.expires_at, k.last_used_at, "
    "k.revoked_at";

ApiKey read_key(const db::Row& row) {
  ApiKey k;
  k.id = row.get_int(0);
  k.user_id = row.get_int(1);
  k.project_id = row.get_int(2);
  k.name = row.get_string(3);
  k.prefix = row.get_string(4);
  k.role = parse_role(row.get_text(5)).value_or(Role::Viewer);
  k.created_at = row.get_time(6);
  k.expires_at = row.opt_time(7);
  k.last_used_at = row.opt_time(8);
  k.revoked_at = row.opt_time(9);
  return k;
}

}  // namespace

std::int64_t ApiKeyRepository::insert(db::Tx& tx, const ApiKey& key, std::string_view key_hash) {
  return tx.query_int(
      "INSERT INTO api_keys (user_id, project_id, name, prefix, key_hash, role, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {key.user_id, key.project_id, std::string_view(key.name), std::string_view(key.prefix), key_hash,
       to_string(key.role), key.created_at, db::optional_param(key.expires_at)});
}

std::optional<ApiKey> ApiKeyRepository::find_for_user(db::Tx& tx, std::int64_t user_id, std::int64_t id) {
  static const std::string sql =
      "SELECT " + std::string(kColumns) + " FROM api_keys k WHERE k.user_id = ? AND k.id = ?";
  return tx.query_one(sql, {user_id, id}, read_key);
}

std::vector<ApiKey> ApiKeyRepository::list_for_user(db::Tx& tx, std::int64_t user_id) {
  static const std::string sql =
      "SELECT " + std::string(kColumns) + " FROM api_keys k WHERE k.user_id = ? ORDER BY k.id DESC";
  return tx.query_all(sql, {user_id}, read_key);
}

std::optional<ApiKeyLookup> ApiKeyRepository::find_by_prefix(db::Tx& tx, std::string_view prefix) {
  static const std::string sql = "SELECT " + std::string(kColumns) +
                                 ", k.key_hash, u.email, u.is_active, u.is_superuser FROM api_keys k "
                                 "JOIN users u ON u.id = k.user_id WHERE k.prefix = ?";
  return tx.query_one(sql, {prefix}, [](const db::Row& row) {
    return ApiKeyLookup{read_key(row), row.get_string(10), row.get_string(11), row.get_bool(12),
                        row.get_bool(13)};
  });
}

bool ApiKeyRepository::revoke(db::Tx& tx, std::int64_t user_id, std::int64_t id, Timestamp now) {
  return tx.exec("UPDATE api_keys SET revoked_at = ? WHERE user_id = ? AND id = ? AND revoked_at IS NULL",
                 {now, user_id, id}) == 1;
}

void ApiKeyRepository::touch(db::Tx& tx, std::int64_t id, Timestamp now) {
  tx.exec("UPDATE api_keys SET last_used_at = ? WHERE id = ?", {now, id});
}

}  // namespace cc::repositories
