#pragma once
// Code repositories of a project: CRUD with the access token encrypted at rest, sync from GitHub, and links
// to technologies.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/code_repository.hpp"
#include "domain/field_changes.hpp"
#include "domain/pagination.hpp"
#include "domain/technology.hpp"
#include "domain/technology_link.hpp"
#include "integrations/github_client.hpp"
#include "repositories/code_repository_repository.hpp"

namespace cc::events {
class EventBus;
}

namespace cc::services {

struct SyncResult {
  CodeRepository repository;
  bool changes_detected = false;
};

class CodeRepositoryService {
 public:
  // `encryption_key`: 32 bytes for libsodium's secretbox.
  CodeRepositoryService(db::Database& db, std::string encryption_key,
                        const integrations::GitHubClient& github, events::EventBus* events = nullptr);

  Page<CodeRepository> list(const auth::ProjectScope& scope, const repositories::CodeRepositoryQuery& query,
                            const PageRequest& page);
  CodeRepository get(const auth::ProjectScope& scope, std::int64_t id);
  CodeRepository create(const auth::ProjectScope& scope, const FieldChanges& fields,
                        const auth::Actor& actor);
  CodeRepository update(const auth::ProjectScope& scope, std::int64_t id, const FieldChanges& fields,
                        const std::optional<std::string>& if_match, const auth::Actor& actor);
  void remove(const auth::ProjectScope& scope, std::int64_t id, const std::optional<std::string>& if_match,
              const auth::Actor& actor);
  // Fetches the repository and its default branch's latest commit from GitHub and stores what changed.
  SyncResult sync(const auth::ProjectScope& scope, std::int64_t id, const auth::Actor& actor);

  TechnologyLink link(const auth::ProjectScope& scope, std::int64_t technology_id, std::int64_t repository_id,
                      const std::optional<std::string>& notes, const auth::Actor& actor);
  void unlink(const auth::ProjectScope& scope, std::int64_t technology_id, std::int64_t repository_id,
              const auth::Actor& actor);
  Page<std::pair<CodeRepository, TechnologyLink>> repositories_of(const auth::ProjectScope& scope,
                                                                  std::int64_t technology_id,
                                                                  const PageRequest& page);
  Page<std::pair<Technology, TechnologyLink>> technologies_of(const auth::ProjectScope& scope,
                                                              std::int64_t repository_id,
                                                              const PageRequest& page);

 private:
  std::optional<std::string> encrypt(const std::optional<std::string>& token) const;
  db::Database& db_;
  std::string key_;
  const integrations::GitHubClient& github_;
  events::EventBus* events_;
};

}  // namespace cc::services
