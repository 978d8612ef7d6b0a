#include "services/idempotency.hpp"

#include "core/error.hpp"

namespace cc::services {

namespace {
constexpr auto kRetention = std::chrono::hours(24);
}

std::optional<repositories::IdempotencyRecord> replay_idempotent(db::Tx& tx,
                                                                 const IdempotencyRequest& request) {
  auto record =
      repositories::IdempotencyRepository::find(tx, request.user_id, request.scope, request.key, now());
  if (record && record->request_hash != request.request_hash) {
    throw Error::validation("Idempotency-Key", "was already used with a different request body",
                            "idempotency_mismatch");
  }
  return record;
}

void remember_idempotent(db::Tx& tx, const IdempotencyRequest& request, int status,
                         const std::string& response_body, const std::string& resource_id) {
  auto current = now();
  repositories::IdempotencyRepository::insert(tx, request.user_id, request.scope, request.key,
                                              {request.request_hash, status, response_body, resource_id},
                                              current, current + kRetention);
}

}  // namespace cc::services
