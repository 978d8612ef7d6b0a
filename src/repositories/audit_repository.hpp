#pragma once
// audit_log: one row per create, update and delete, written in the transaction of the change.
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/entities.hpp"
#include "domain/pagination.hpp"

namespace cc::repositories {

struct AuditQuery {
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> action;
  std::optional<std::int64_t> actor_user_id;
  std::optional<Timestamp> since;
  std::optional<Timestamp> until;
};

// Whose entries: one project's, or those no project shows any more — entries about users and invitations
// (no project) and entries of deleted projects (optionally of one of them).
struct AuditScope {
  std::optional<std::int64_t> project_id;          // a live project
  std::optional<std::int64_t> deleted_project_id;  // with project_id unset: only this deleted project
};

class AuditRepository {
 public:
  static void record(db::Tx& tx, const auth::Actor& actor, std::optional<std::int64_t> project_id,
                     std::string_view entity, std::string_view entity_id, std::string_view action,
                     const std::optional<std::string>& before_json,
                     const std::optional<std::string>& after_json);
  static Page<AuditEntry> list(db::Tx& tx, const AuditScope& scope, const AuditQuery& query,
                               const PageRequest& page);
};

}  // namespace cc::repositories
