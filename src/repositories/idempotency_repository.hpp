#pragma once
// idempotency_keys: the response to a POST carrying an Idempotency-Key, replayed when the same key comes
// again.
#include <optional>
#include <string>

#include "db/database.hpp"

namespace cc::repositories {

struct IdempotencyRecord {
  std::string request_hash;
  int status_code = 0;
  std::string response_body;
  std::optional<std::string> resource_id;
};

class IdempotencyRepository {
 public:
  static std::optional<IdempotencyRecord> find(db::Tx& tx, std::int64_t user_id, std::string_view scope,
                                               std::string_view key, Timestamp now);
  static void insert(db::Tx& tx, std::int64_t user_id, std::string_view scope, std::string_view key,
                     const IdempotencyRecord& record, Timestamp now, Timestamp expires_at);
  static std::int64_t purge_expired(db::Tx& tx, Timestamp now);
};

}  // namespace cc::repositories
