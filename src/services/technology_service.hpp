#pragma once
// Technologies of a project: list with combined filters, create (idempotent), update and delete (optimistic
// concurrency through ETag/If-Match), and the history of every status and domain move.
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/field_changes.hpp"
#include "domain/pagination.hpp"
#include "domain/technology.hpp"
#include "repositories/count_cache.hpp"
#include "services/idempotency.hpp"

namespace cc::events {
class EventBus;
}

namespace cc::services {

struct CreatedTechnology {
  std::string body;  // the JSON representation answered with 201
  std::string etag;
  std::int64_t id = 0;
  bool replayed = false;
};

class TechnologyService {
 public:
  explicit TechnologyService(db::Database& db, events::EventBus* events = nullptr)
      : db_(db), events_(events) {}

  Page<Technology> list(const auth::ProjectScope& scope, const TechnologyQuery& query,
                        const PageRequest& page);
  Technology get(const auth::ProjectScope& scope, std::int64_t id);
  CreatedTechnology create(const auth::ProjectScope& scope, const FieldChanges& fields,
                           const std::optional<std::string>& reason,
                           const std::optional<IdempotencyRequest>& idempotency, const auth::Actor& actor);
  Technology update(const auth::ProjectScope& scope, std::int64_t id, const FieldChanges& fields,
                    const std::optional<std::string>& reason, const std::optional<std::string>& if_match,
                    const auth::Actor& actor);
  void remove(const auth::ProjectScope& scope, std::int64_t id, const std::optional<std::string>& if_match,
              const auth::Actor& actor);
  std::vector<TechnologyHistoryEntry> history(const auth::ProjectScope& scope, std::int64_t id);
  // Every status and domain move in the project since a time, newest first (the radar's "moved recently").
  Page<TechnologyHistoryEntry> moves(const auth::ProjectScope& scope, std::optional<Timestamp> since,
                                     const PageRequest& page);

 private:
  db::Database& db_;
  events::EventBus* events_;
  repositories::CountCache counts_;
};

}  // namespace cc::services
