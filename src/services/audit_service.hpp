#pragma once
// Reading a project's audit trail (writing happens inside each service's transaction).
#include "auth/principal.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "repositories/audit_repository.hpp"

namespace cc::services {

class AuditService {
 public:
  explicit AuditService(db::Database& db) : db_(db) {}
  Page<AuditEntry> list(const auth::ProjectScope& scope, const repositories::AuditQuery& query,
                        const PageRequest& page) {
    return db_.read([&](db::Tx& tx) {
      return repositories::AuditRepository::list(tx, {scope.project_id, {}}, query, page);
    });
  }
  // Entries no project shows: about users and invitations, and of deleted projects. Site administrators only.
  Page<AuditEntry> list_instance(const auth::Principal& caller,
                                 std::optional<std::int64_t> deleted_project_id,
                                 const repositories::AuditQuery& query, const PageRequest& page) {
    if (!caller.is_superuser)
      throw Error::forbidden("Only site administrators can read the instance audit log");
    return db_.read([&](db::Tx& tx) {
      return repositories::AuditRepository::list(tx, {std::nullopt, deleted_project_id}, query, page);
    });
  }

 private:
  db::Database& db_;
};

}  // namespace cc::services
