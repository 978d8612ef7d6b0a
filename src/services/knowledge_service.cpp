#include "services/knowledge_service.hpp"

#include "core/error.hpp"
#include "core/etag.hpp"
#include "core/json_writer.hpp"
#include "repositories/audit_repository.hpp"
#include "repositories/knowledge_repository.hpp"
#include "repositories/technology_repository.hpp"
#include "services/change_events.hpp"

namespace cc::services {

using repositories::AuditRepository;
using repositories::KnowledgeRepository;
using repositories::TechnologyRepository;

namespace {

void check_technology(db::Tx& tx, std::int64_t project_id, const KnowledgeEntry& e) {
  if (e.technology_id && !TechnologyRepository::find(tx, project_id, *e.technology_id)) {
    throw Error::missing_references(
        {{"technology_id", "no technology with this id in the project", "not_found"}});
  }
}

}  // namespace

Page<KnowledgeEntry> KnowledgeService::list(const auth::ProjectScope& scope, const KnowledgeQuery& query,
                                            const PageRequest& page) {
  return db_.read([&](db::Tx& tx) { return KnowledgeRepository::list(tx, scope.project_id, query, page); });
}

KnowledgeEntry KnowledgeService::get(const auth::ProjectScope& scope, std::int64_t id) {
  auto e = db_.read([&](db::Tx& tx) { return KnowledgeRepository::find(tx, scope.project_id, id); });
  if (!e) throw Error::not_found("Knowledge entry", std::to_string(id));
  return *e;
}

KnowledgeEntry KnowledgeService::create(const auth::ProjectScope& scope, const FieldChanges& fields,
                                        const auth::Actor& actor) {
  return db_.write([&](db::Tx& tx) {
    KnowledgeEntry e;
    e.project_id = scope.project_id;
    apply_changes(e, fields);
    check_technology(tx, scope.project_id, e);
    e.created_at = e.updated_at = now();
    e.id = KnowledgeRepository::insert(tx, e, actor.user_id);
    AuditRepository::record(tx, actor, scope.project_id, "knowledge_entry", std::to_string(e.id), "create",
                            std::nullopt, json_text(e));
    publish_change_after_commit(tx, events_, "knowledge_entry", "created", scope.project_id, e.id);
    return e;
  });
}

KnowledgeEntry KnowledgeService::update(const auth::ProjectScope& scope, std::int64_t id,
                                        const FieldChanges& fields,
                                        const std::optional<std::string>& if_match,
                                        const auth::Actor& actor) {
  return db_.write([&](db::Tx& tx) {
    auto current = KnowledgeRepository::find(tx, scope.project_id, id);
    if (!current) throw Error::not_found("Knowledge entry", std::to_string(id));
    if (if_match && !if_match_satisfied(*if_match, current->etag())) throw Error::precondition_failed();
    KnowledgeEntry updated = *current;
    apply_changes(updated, fields);
    if (fields.has("technology_id")) check_technology(tx, scope.project_id, updated);
    updated.updated_at = now();
    if (!KnowledgeRepository::update(tx, updated, current->version)) throw Error::precondition_failed();
    updated.version = current->version + 1;
    AuditRepository::record(tx, actor, scope.project_id, "knowledge_entry", std::to_string(id), "update",
                            json_text(*current), json_text(updated));
    publish_change_after_commit(tx, events_, "knowledge_entry", "updated", scope.project_id, id);
    return updated;
  });
}

void KnowledgeService::remove(const auth::ProjectScope& scope, std::int64_t id,
                              const std::optional<std::string>& if_match, const auth::Actor& actor) {
  db_.write([&](db::Tx& tx) {
    auto current = KnowledgeRepository::find(tx, scope.project_id, id);
    if (!current) throw Error::not_found("Knowledge entry", std::to_string(id));
    if (if_match && !if_match_satisfied(*if_match, current->etag())) throw Error::precondition_failed();
    KnowledgeRepository::remove(tx, scope.project_id, id);
    AuditRepository::record(tx, actor, scope.project_id, "knowledge_entry", std::to_string(id), "delete",
                            json_text(*current), std::nullopt);
    publish_change_after_commit(tx, events_, "knowledge_entry", "deleted", scope.project_id, id);
  });
}

std::vector<std::pair<std::string, std::int64_t>> KnowledgeService::categories(
    const auth::ProjectScope& scope) {
  return db_.read([&](db::Tx& tx) { return KnowledgeRepository::categories(tx, scope.project_id); });
}

}  // namespace cc::services
