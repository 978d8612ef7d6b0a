#pragma once
// api_keys: long-lived credentials for scripts, bound to a user, one project and a role.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/entities.hpp"

namespace cc::repositories {

struct ApiKeyLookup {
  ApiKey key;
  std::string key_hash;
  std::string user_email;
  bool user_active = false;
  bool user_superuser = false;
};

class ApiKeyRepository {
 public:
  static std::int64_t insert(db::Tx& tx, const ApiKey& key, std::string_view key_hash);
  static std::optional<ApiKey> find_for_user(db::Tx& tx, std::int64_t user_id, std::int64_t id);
  static std::vector<ApiKey> list_for_user(db::Tx& tx, std::int64_t user_id);
  static std::optional<ApiKeyLookup> find_by_prefix(db::Tx& tx, std::string_view prefix);
  static bool revoke(db::Tx& tx, std::int64_t user_id, std::int64_t id, Timestamp now);
  static void touch(db::Tx& tx, std::int64_t id, Timestamp now);
};

}  // namespace cc::repositories
