#pragma once
// Knowledge entries of a project (search and document ingestion come with the knowledge-base issue).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/field_changes.hpp"
#include "domain/knowledge_entry.hpp"
#include "domain/pagination.hpp"

namespace cc::events {
class EventBus;
}

namespace cc::services {

class KnowledgeService {
 public:
  explicit KnowledgeService(db::Database& db, events::EventBus* events = nullptr)
      : db_(db), events_(events) {}
  Page<KnowledgeEntry> list(const auth::ProjectScope& scope, const KnowledgeQuery& query,
                            const PageRequest& page);
  KnowledgeEntry get(const auth::ProjectScope& scope, std::int64_t id);
  KnowledgeEntry create(const auth::ProjectScope& scope, const FieldChanges& fields,
                        const auth::Actor& actor);
  KnowledgeEntry update(const auth::ProjectScope& scope, std::int64_t id, const FieldChanges& fields,
                        const std::optional<std::string>& if_match, const auth::Actor& actor);
  void remove(const auth::ProjectScope& scope, std::int64_t id, const std::optional<std::string>& if_match,
              const auth::Actor& actor);
  std::vector<std::pair<std::string, std::int64_t>> categories(const auth::ProjectScope& scope);

 private:
  db::Database& db_;
  events::EventBus* events_ = nullptr;
};

}  // namespace cc::services
