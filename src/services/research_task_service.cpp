#include "services/research_task_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/etag.hpp"
#include "core/json_writer.hpp"
#include "core/logging.hpp"
#include "domain/document_types.hpp"
#include "repositories/audit_repository.hpp"
#include "repositories/code_repository_repository.hpp"
#include "repositories/research_task_repository.hpp"
#include "repositories/technology_repository.hpp"
#include "services/change_events.hpp"

namespace cc::services {

using repositories::AuditRepository;
using repositories::CodeRepositoryRepository;
using repositories::ResearchTaskRepository;
using repositories::TechnologyRepository;

namespace {

std::string accepted_types_text() {
  std::vector<std::string_view> names;
  for (const auto& t : accepted_document_types()) names.push_back(t.extension);
  return fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace

ResearchTaskService::ResearchTaskService(db::Database& db, storage::FileStore& files,
                                         std::size_t max_document_bytes, events::EventBus* events)
    : db_(db), files_(files), max_document_bytes_(max_document_bytes), events_(events) {}

void ResearchTaskService::check_links(db::Tx& tx, const auth::ProjectScope& scope, const ResearchTask& task) {
  std::vector<FieldError> errors;
  if (task.technology_id && !TechnologyRepository::find(tx, scope.project_id, *task.technology_id)) {
    errors.push_back({"technology_id", "no technology with this id in the project", "not_found"});
  }
  if (task.repository_id && !CodeRepositoryRepository::find(tx, scope.project_id, *task.repository_id)) {
    errors.push_back({"repository_id", "no repository with this id in the project", "not_found"});
  }
  if (!errors.empty()) throw Error::missing_references(std::move(errors));
}

Page<ResearchTask> ResearchTaskService::list(const auth::ProjectScope& scope, const TaskQuery& query,
                                             const PageRequest& page) {
  return db_.read(
      [&](db::Tx& tx) { return ResearchTaskRepository::list(tx, scope.project_id, query, page); });
}

ResearchTask ResearchTaskService::get(const auth::ProjectScope& scope, std::int64_t id) {
  auto t = db_.read([&](db::Tx& tx) { return ResearchTaskRepository::find(tx, scope.project_id, id); });
  if (!t) throw Error::not_found("Research task", std::to_string(id));
  return *t;
}

ResearchTask ResearchTaskService::create(const auth::ProjectScope& scope, const FieldChanges& fields,
                                         const auth::Actor& actor) {
  return db_.write([&](db::Tx& tx) {
    ResearchTask t;
    t.project_id = scope.project_id;
    auto current = now();
    apply_changes(t, fields, current);
    check_links(tx, scope, t);
    t.created_at = t.updated_at = current;
    t.id = ResearchTaskRepository::insert(tx, t, actor.user_id);
    AuditRepository::record(tx, actor, scope.project_id, "research_task", std::to_string(t.id), "create",
                            std::nullopt, json_text(t));
    publish_change_after_commit(tx, events_, "research_task", "created", scope.project_id, t.id);
    return t;
  });
}

ResearchTask ResearchTaskService::update(const auth::ProjectScope& scope, std::int64_t id,
                                         const FieldChanges& fields,
                                         const std::optional<std::string>& if_match,
                                         const auth::Actor& actor) {
  return db_.write([&](db::Tx& tx) {
    auto current = ResearchTaskRepository::find(tx, scope.project_id, id);
    if (!current) throw Error::not_found("Research task", std::to_string(id));
    if (if_match && !if_match_satisfied(*if_match, current->etag())) throw Error::precondition_failed();
    ResearchTask updated = *current;
    auto time = now();
    apply_changes(updated, fields, time);
    if (fields.has("technology_id") || fields.has("repository_id")) check_links(tx, scope, updated);
    updated.updated_at = time;
    if (!ResearchTaskRepository::update(tx, updated, current->version)) throw Error::precondition_failed();
    updated.version = current->version + 1;
    AuditRepository::record(tx, actor, scope.project_id, "research_task", std::to_string(id), "update",
                            json_text(*current), json_text(updated));
    publish_change_after_commit(tx, events_, "research_task", "updated", scope.project_id, id);
    return updated;
  });
}

void ResearchTaskService::remove(const auth::ProjectScope& scope, std::int64_t id,
                                 const std::optional<std::string>& if_match, const auth::Actor& actor) {
  db_.write([&](db::Tx& tx) {
    auto current = ResearchTaskRepository::find(tx, scope.project_id, id);
    if (!current) throw Error::not_found("Research task", std::to_string(id));
    if (if_match && !if_match_satisfied(*if_match, current->etag())) throw Error::precondition_failed();
    auto stored = ResearchTaskRepository::stored_names_of_task(tx, scope.project_id, id);
    ResearchTaskRepository::remove(tx, scope.project_id, id);
    AuditRepository::record(tx, actor, scope.project_id, "research_task", std::to_string(id), "delete",
                            json_text(*current), std::nullopt);
    publish_change_after_commit(tx, events_, "research_task", "deleted", scope.project_id, id);
    // The files go only once the rows that name them are gone for good.
    tx.after_commit([this, stored] {
      for (const auto& name : stored) files_.remove(name);
    });
  });
}

TaskStatistics ResearchTaskService::statistics(const auth::ProjectScope& scope,
                                               std::optional<std::int64_t> technology_id,
                                               std::optional<std::int64_t> repository_id) {
  return db_.read([&](db::Tx& tx) {
    return ResearchTaskRepository::statistics(tx, scope.project_id, technology_id, repository_id, now());
  });
}

std::vector<ResearchTask> ResearchTaskService::upcoming(const auth::ProjectScope& scope, std::int64_t days,
                                                        std::int64_t limit) {
  auto current = now();
  return db_.read([&](db::Tx& tx) {
    return ResearchTaskRepository::upcoming(tx, scope.project_id, current, current + std::chrono::days(days),
                                            limit);
  });
}

std::vector<ResearchTask> ResearchTaskService::overdue(const auth::ProjectScope& scope, std::int64_t limit) {
  return db_.read(
      [&](db::Tx& tx) { return ResearchTaskRepository::overdue(tx, scope.project_id, now(), limit); });
}

ResearchTask ResearchTaskService::add_document(const auth::ProjectScope& scope, std::int64_t task_id,
                                               const UploadedDocument& upload, const auth::Actor& actor) {
  if (upload.bytes.empty()) throw Error::validation("file", "is empty", "too_short");
  if (upload.bytes.size() > max_document_bytes_) throw Error::payload_too_large(max_document_bytes_);
  auto type = classify_document(upload.content_type, upload.filename, upload.bytes);
  if (!type) {
    throw Error::unsupported_media_type(fmt::format(
        "This kind of file is not accepted (or its content does not match its type); accepted: {}",
        accepted_types_text()));
  }
  get(scope, task_id);  // 404 before any file is written
  auto stored = files_.save(upload.bytes, type->extension);
  try {
    return db_.write([&](db::Tx& tx) {
      auto task = ResearchTaskRepository::find(tx, scope.project_id, task_id);
      if (!task) throw Error::not_found("Research task", std::to_string(task_id));
      TaskDocument d;
      d.task_id = task_id;
      d.filename = sanitize_filename(upload.filename);
      d.stored_name = stored.stored_name;
      d.content_type = std::string(type->mime);
      d.size = stored.size;
      d.sha256 = stored.sha256_hex;
      d.uploaded_at = now();
      d.id = ResearchTaskRepository::insert_document(tx, scope.project_id, d, actor.user_id);
      // The documents are part of the task: a new version (and ETag) of it.
      ResearchTaskRepository::touch(tx, scope.project_id, task_id, d.uploaded_at);
      task->version += 1;
      task->updated_at = d.uploaded_at;
      AuditRepository::record(tx, actor, scope.project_id, "research_task_document", std::to_string(d.id),
                              "create", std::nullopt, json_text(d));
      publish_change_after_commit(tx, events_, "research_task", "updated", scope.project_id, task_id);
      task->documents.push_back(d);
      return *task;
    });
  } catch (...) {
    files_.remove(stored.stored_name);  // nothing of a failed upload stays behind
    throw;
  }
}

DocumentContent ResearchTaskService::document(const auth::ProjectScope& scope, std::int64_t task_id,
                                              std::int64_t document_id) {
  auto d = db_.read([&](db::Tx& tx) {
    return ResearchTaskRepository::find_document(tx, scope.project_id, task_id, document_id);
  });
  if (!d) throw Error::not_found("Document", std::to_string(document_id));
  auto bytes = files_.read(d->stored_name);
  if (!bytes) {
    log::error("storage.missing_file", {{"document_id", document_id}, {"stored_name", d->stored_name}});
    throw Error::not_found("Document file", std::to_string(document_id));
  }
  return {*d, std::move(*bytes)};
}

void ResearchTaskService::remove_document(const auth::ProjectScope& scope, std::int64_t task_id,
                                          std::int64_t document_id, const auth::Actor& actor) {
  db_.write([&](db::Tx& tx) {
    auto d = ResearchTaskRepository::find_document(tx, scope.project_id, task_id, document_id);
    if (!d) throw Error::not_found("Document", std::to_string(document_id));
    ResearchTaskRepository::remove_document(tx, scope.project_id, task_id, document_id);
    ResearchTaskRepository::touch(tx, scope.project_id, task_id, now());
    AuditRepository::record(tx, actor, scope.project_id, "research_task_document",
                            std::to_string(document_id), "delete", json_text(*d), std::nullopt);
    publish_change_after_commit(tx, events_, "research_task", "updated", scope.project_id, task_id);
    tx.after_commit([this, name = d->stored_name] { files_.remove(name); });
  });
}

std::size_t ResearchTaskService::remove_orphan_files(std::chrono::seconds min_age) {
  // Candidates first, then the database: a file whose row commits in between is still referenced.
  auto candidates = files_.names_older_than(min_age);
  if (candidates.empty()) return 0;
  auto orphans = db_.read([&](db::Tx& tx) { return ResearchTaskRepository::unreferenced(tx, candidates); });
  for (const auto& name : orphans) {
    files_.remove(name);
    log::warn("storage.removed_orphan_file", {{"file", name}});
  }
  return orphans.size();
}

}  // namespace cc::services
