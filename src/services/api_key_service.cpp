#include "services/api_key_service.hpp"

#include <fmt/format.h>

#include "auth/api_key_codec.hpp"
#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "repositories/api_key_repository.hpp"
#include "repositories/audit_repository.hpp"
#include "repositories/project_repository.hpp"

namespace cc::services {

using repositories::ApiKeyRepository;
using repositories::AuditRepository;
using repositories::MemberRepository;

namespace {
std::string key_json(const ApiKey& k) {
  JsonWriter w;
  write_json(w, k);
  return w.take();
}
}  // namespace

CreatedApiKey ApiKeyService::create(const auth::Principal& principal, const NewApiKeyInput& input,
                                    const auth::Actor& actor) {
  if (principal.kind == auth::Principal::Kind::ApiKey) {
    throw Error::forbidden("API keys cannot create API keys; sign in to create one");
  }
  auto current = now();
  if (input.expires_at && *input.expires_at <= current) {
    throw Error::validation("expires_at", "must be in the future", "out_of_range");
  }
  auto generated = auth::generate_api_key();
  return db_.write([&](db::Tx& tx) {
    auto role = MemberRepository::role_of(tx, input.project_id, principal.user_id);
    if (!role) throw Error::not_found("Project", std::to_string(input.project_id));
    if (!at_least(*role, input.role)) {
      throw Error::forbidden(
          fmt::format("A key cannot have a higher role than yours ({}) in the project", to_string(*role)));
    }
    ApiKey key;
    key.user_id = principal.user_id;
    key.project_id = input.project_id;
    key.name = input.name;
    key.prefix = generated.prefix;
    key.role = input.role;
    key.created_at = current;
    key.expires_at = input.expires_at;
    key.id = ApiKeyRepository::insert(tx, key, generated.secret_hash);
    AuditRepository::record(tx, actor, key.project_id, "api_key", std::to_string(key.id), "create",
                            std::nullopt, key_json(key));
    return CreatedApiKey{key, generated.plaintext};
  });
}

std::vector<ApiKey> ApiKeyService::list(const auth::Principal& principal) {
  return db_.read([&](db::Tx& tx) { return ApiKeyRepository::list_for_user(tx, principal.user_id); });
}

void ApiKeyService::revoke(const auth::Principal& principal, std::int64_t id, const auth::Actor& actor) {
  db_.write([&](db::Tx& tx) {
    auto key = ApiKeyRepository::find_for_user(tx, principal.user_id, id);
    if (!key || key->revoked_at) throw Error::not_found("API key", std::to_string(id));
    ApiKeyRepository::revoke(tx, principal.user_id, id, now());
    AuditRepository::record(tx, actor, key->project_id, "api_key", std::to_string(id), "delete",
                            key_json(*key), std::nullopt);
  });
}

}  // namespace cc::services
