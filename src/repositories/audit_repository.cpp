#include "repositories/audit_repository.hpp"

#include <deque>

namespace cc::repositories {

void AuditRepository::record(db::Tx& tx, const auth::Actor& actor, std::optional<std::int64_t> project_id,
                             std::string_view entity, std::string_view entity_id, std::string_view action,
                             const std::optional<std::string>& before_json,
                             const std::optional<std::string>& after_json) {
  tx.exec(
      "INSERT INTO audit_log (project_id, actor_user_id, actor_api_key_id, entity, entity_id, action, "
      "before_json, "
      "after_json, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {db::optional_param(project_id), db::optional_param(actor.user_id),
       db::optional_param(actor.api_key_id), entity, entity_id, action, db::optional_param(before_json),
       db::optional_param(after_json),
       actor.request_id.empty() ? db::Param(nullptr) : db::Param(std::string_view(actor.request_id)), now()});
}

Page<AuditEntry> AuditRepository::list(db::Tx& tx, const AuditScope& scope, const AuditQuery& q,
                                       const PageRequest& page) {
  std::string where;
  std::vector<db::Param> params;
  if (scope.project_id) {
    where = " WHERE a.project_id = ?";
    params.emplace_back(*scope.project_id);
  } else if (scope.deleted_project_id) {
    where = " WHERE a.project_id = ? AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = a.project_id)";
    params.emplace_back(*scope.deleted_project_id);
  } else {
    where =
        " WHERE (a.project_id IS NULL OR NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = a.project_id))";
  }
  auto text = [&](std::string_view column, const std::optional<std::string>& value) {
    if (!value) return;
    where += " AND a." + std::string(column) + " = ?";
    params.emplace_back(std::string_view(*value));
  };
  text("entity", q.entity);
  text("entity_id", q.entity_id);
  text("action", q.action);
  if (q.actor_user_id) {
    where += " AND a.actor_user_id = ?";
    params.emplace_back(*q.actor_user_id);
  }
  if (q.since) {
    where += " AND a.created_at >= ?";
    params.emplace_back(*q.since);
  }
  if (q.until) {
    where += " AND a.created_at < ?";
    params.emplace_back(*q.until);
  }
  Page<AuditEntry> out;
  out.total = tx.query_int("SELECT COUNT(*) FROM audit_log a" + where, params);
  if (out.total <= page.offset) return out;
  params.emplace_back(page.limit);
  params.emplace_back(page.offset);
  out.items = tx.query_all(
      "SELECT a.id, a.project_id, a.actor_user_id, a.actor_api_key_id, u.email, a.entity, a.entity_id, "
      "a.action, "
      "a.before_json, a.after_json, a.request_id, a.created_at FROM audit_log a "
      "LEFT JOIN users u ON u.id = a.actor_user_id" +
          where + " ORDER BY a.id DESC LIMIT ? OFFSET ?",
      params, [](const db::Row& row) {
        AuditEntry e;
        e.id = row.get_int(0);
        e.project_id = row.opt_int(1);
        e.actor_user_id = row.opt_int(2);
        e.actor_api_key_id = row.opt_int(3);
        e.actor_email = row.opt_string(4);
        e.entity = row.get_string(5);
        e.entity_id = row.get_string(6);
        e.action = row.get_string(7);
        e.before_json = row.opt_string(8);
        e.after_json = row.opt_string(9);
        e.request_id = row.opt_string(10);
        e.created_at = row.get_time(11);
        return e;
      });
  return out;
}

}  // namespace cc::repositories
