#pragma once
// API keys for scripts and CI: created by a signed-in user for one project they belong to, with a role no
// higher than their own; the secret is returned once and only its hash is kept.
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/entities.hpp"

namespace cc::services {

struct NewApiKeyInput {
  std::string name;
  std::int64_t project_id = 0;
  Role role = Role::Member;
  std::optional<Timestamp> expires_at;
};

struct CreatedApiKey {
  ApiKey key;
  std::string secret;  // the whole key, shown once
};

class ApiKeyService {
 public:
  explicit ApiKeyService(db::Database& db) : db_(db) {}
  CreatedApiKey create(const auth::Principal& principal, const NewApiKeyInput& input,
                       const auth::Actor& actor);
  std::vector<ApiKey> list(const auth::Principal& principal);
  void revoke(const auth::Principal& principal, std::int64_t id, const auth::Actor& actor);

 private:
  db::Database& db_;
};

}  // namespace cc::services
