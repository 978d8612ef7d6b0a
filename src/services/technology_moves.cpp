#include "services/technology_moves.hpp"

#include "repositories/technology_repository.hpp"

namespace cc::services {

namespace {

void record_move(db::Tx& tx, const Technology& t, std::string_view field, std::optional<std::string> from,
                 const std::string& to, const std::optional<std::string>& reason, const auth::Actor& actor) {
  TechnologyHistoryEntry e;
  e.technology_id = t.id;
  e.field = std::string(field);
  e.from_value = std::move(from);
  e.to_value = to;
  e.reason = reason;
  e.changed_by = actor.user_id;
  e.changed_at = t.updated_at;
  repositories::TechnologyHistoryRepository::insert(tx, t.project_id, e);
}

}  // namespace

void record_moves(db::Tx& tx, const Technology* before, const Technology& after,
                  const std::optional<std::string>& reason, const auth::Actor& actor) {
  if (!before || before->status != after.status) {
    record_move(tx, after, "status", before ? std::optional(before->status) : std::nullopt, after.status,
                reason, actor);
  }
  if (!before || before->domain != after.domain) {
    record_move(tx, after, "domain", before ? std::optional(before->domain) : std::nullopt, after.domain,
                reason, actor);
  }
}

}  // namespace cc::services
