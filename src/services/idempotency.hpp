#pragma once
// Idempotency-Key support for POST (draft-ietf-httpapi-idempotency-key-header): the first response is stored
// in the same transaction as the change it reports; the same key with the same request replays it, the same
// key with a different request is a 422.
#include <optional>
#include <string>

#include "db/database.hpp"
#include "repositories/idempotency_repository.hpp"

namespace cc::services {

struct IdempotencyRequest {
  std::int64_t user_id = 0;
  std::string scope;         // method, route and project
  std::string key;           // the header value
  std::string request_hash;  // SHA-256 of the request body
};

// Inside a write transaction: the stored response for this key, or nullopt if the request must run.
std::optional<repositories::IdempotencyRecord> replay_idempotent(db::Tx& tx,
                                                                 const IdempotencyRequest& request);
// Inside the same transaction, after the change: remembers the response for 24 hours.
void remember_idempotent(db::Tx& tx, const IdempotencyRequest& request, int status,
                         const std::string& response_body, const std::string& resource_id);

}  // namespace cc::services
