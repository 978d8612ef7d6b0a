#include "services/technology_service.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "core/etag.hpp"
#include "core/json_writer.hpp"
#include "repositories/audit_repository.hpp"
#include "repositories/knowledge_repository.hpp"
#include "repositories/research_task_repository.hpp"
#include "repositories/technology_repository.hpp"
#include "services/change_events.hpp"
#include "services/technology_moves.hpp"

namespace cc::services {

using repositories::AuditRepository;
using repositories::TechnologyHistoryRepository;
using repositories::TechnologyRepository;

namespace {

std::string to_json(const Technology& t) {
  JsonWriter w;
  write_json(w, t);
  return w.take();
}

Error title_taken(std::string_view title) {
  return Error::conflict(fmt::format("A technology titled '{}' already exists in this project", title));
}

FieldChanges normalized(const FieldChanges& fields) {
  FieldChanges out = fields;
  if (auto tags = fields.string("tags")) {
    auto clean = normalize_tags(*tags);
    if (clean.empty()) {
      out.set("tags", nullptr);
    } else {
      out.set("tags", std::move(clean));
    }
  }
  return out;
}

}  // namespace

Page<Technology> TechnologyService::list(const auth::ProjectScope& scope, const TechnologyQuery& query,
                                         const PageRequest& page) {
  return db_.read(
      [&](db::Tx& tx) { return TechnologyRepository::list(tx, scope.project_id, query, page, &counts_); });
}

Technology TechnologyService::get(const auth::ProjectScope& scope, std::int64_t id) {
  auto t = db_.read([&](db::Tx& tx) { return TechnologyRepository::find(tx, scope.project_id, id); });
  if (!t) throw Error::not_found("Technology", std::to_string(id));
  return *t;
}

CreatedTechnology TechnologyService::create(const auth::ProjectScope& scope, const FieldChanges& fields,
                                            const std::optional<std::string>& reason,
                                            const std::optional<IdempotencyRequest>& idempotency,
                                            const auth::Actor& actor) {
  Technology t;
  t.project_id = scope.project_id;
  apply_changes(t, normalized(fields));
  auto attempt = [&] {
    return db_.write([&](db::Tx& tx) {
      CreatedTechnology out;
      if (idempotency) {
        if (auto stored = replay_idempotent(tx, *idempotency)) {
          out.body = stored->response_body;
          out.id = std::stoll(stored->resource_id.value_or("0"));
          out.replayed = true;
          // The replayed representation's ETag: the version it was created with.
          Technology as_created;
          as_created.id = out.id;
          as_created.version =
              boost::json::parse(out.body).as_object().at("version").to_number<std::int64_t>();
          out.etag = as_created.etag();
          return out;
        }
      }
      if (TechnologyRepository::title_taken(tx, scope.project_id, t.title)) throw title_taken(t.title);
      Technology created = t;
      created.created_at = created.updated_at = now();
      created.id = TechnologyRepository::insert(tx, created, actor.user_id);
      record_moves(tx, nullptr, created, reason, actor);
      out.body = to_json(created);
      out.etag = created.etag();
      out.id = created.id;
      AuditRepository::record(tx, actor, scope.project_id, "technology", std::to_string(created.id), "create",
                              std::nullopt, out.body);
      if (idempotency) remember_idempotent(tx, *idempotency, 201, out.body, std::to_string(created.id));
      publish_change_after_commit(tx, events_, "technology", "created", scope.project_id, created.id);
      return out;
    });
  };
  try {
    return attempt();
  } catch (const db::DbError& e) {
    if (e.kind() != db::DbError::Kind::UniqueViolation) throw;
    if (!idempotency) throw title_taken(t.title);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Conflict || !idempotency) throw;
  }
  // A concurrent request with the same Idempotency-Key may have committed between our look-up and our insert:
  // then its stored response is replayed; otherwise the title is genuinely taken.
  return attempt();
}

Technology TechnologyService::update(const auth::ProjectScope& scope, std::int64_t id,
                                     const FieldChanges& fields, const std::optional<std::string>& reason,
                                     const std::optional<std::string>& if_match, const auth::Actor& actor) {
  auto changes = normalized(fields);
  try {
    return db_.write([&](db::Tx& tx) {
      auto current = TechnologyRepository::find(tx, scope.project_id, id);
      if (!current) throw Error::not_found("Technology", std::to_string(id));
      if (if_match && !if_match_satisfied(*if_match, current->etag())) throw Error::precondition_failed();
      Technology updated = *current;
      apply_changes(updated, changes);
      if (updated.title != current->title &&
          TechnologyRepository::title_taken(tx, scope.project_id, updated.title, id)) {
        throw title_taken(updated.title);
      }
      updated.updated_at = now();
      if (!TechnologyRepository::update(tx, updated, current->version)) throw Error::precondition_failed();
      updated.version = current->version + 1;
      record_moves(tx, &*current, updated, reason, actor);
      AuditRepository::record(tx, actor, scope.project_id, "technology", std::to_string(id), "update",
                              to_json(*current), to_json(updated));
      publish_change_after_commit(tx, events_, "technology", "updated", scope.project_id, id);
      return updated;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::UniqueViolation)
      throw title_taken(changes.string("title").value_or(""));
    throw;
  }
}

void TechnologyService::remove(const auth::ProjectScope& scope, std::int64_t id,
                               const std::optional<std::string>& if_match, const auth::Actor& actor) {
  db_.write([&](db::Tx& tx) {
    auto current = TechnologyRepository::find(tx, scope.project_id, id);
    if (!current) throw Error::not_found("Technology", std::to_string(id));
    if (if_match && !if_match_satisfied(*if_match, current->etag())) throw Error::precondition_failed();
    auto at = now();
    for (auto task : repositories::ResearchTaskRepository::unlink_technology(tx, scope.project_id, id, at)) {
      publish_change_after_commit(tx, events_, "research_task", "updated", scope.project_id, task);
    }
    for (auto entry : repositories::KnowledgeRepository::unlink_technology(tx, scope.project_id, id, at)) {
      publish_change_after_commit(tx, events_, "knowledge_entry", "updated", scope.project_id, entry);
    }
    TechnologyRepository::remove(tx, scope.project_id, id);
    AuditRepository::record(tx, actor, scope.project_id, "technology", std::to_string(id), "delete",
                            to_json(*current), std::nullopt);
    publish_change_after_commit(tx, events_, "technology", "deleted", scope.project_id, id);
  });
}

std::vector<TechnologyHistoryEntry> TechnologyService::history(const auth::ProjectScope& scope,
                                                               std::int64_t id) {
  return db_.read([&](db::Tx& tx) {
    if (!TechnologyRepository::find(tx, scope.project_id, id))
      throw Error::not_found("Technology", std::to_string(id));
    return TechnologyHistoryRepository::list(tx, scope.project_id, id);
  });
}

Page<TechnologyHistoryEntry> TechnologyService::moves(const auth::ProjectScope& scope,
                                                      std::optional<Timestamp> since,
                                                      const PageRequest& page) {
  return db_.read(
      [&](db::Tx& tx) { return TechnologyHistoryRepository::moves(tx, scope.project_id, since, page); });
}

}  // namespace cc::services
