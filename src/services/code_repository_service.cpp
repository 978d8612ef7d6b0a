#include "services/code_repository_service.hpp"

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/etag.hpp"
#include "core/json_writer.hpp"
#include "repositories/audit_repository.hpp"
#include "repositories/research_task_repository.hpp"
#include "repositories/technology_repository.hpp"
#include "services/change_events.hpp"

namespace cc::services {

using repositories::AuditRepository;
using repositories::CodeRepositoryRepository;
using repositories::LinkRepository;
using repositories::TechnologyRepository;

namespace {

Error name_taken(const std::string& full_name) {
  return Error::conflict(fmt::format("The repository {} is already tracked in this project", full_name));
}

std::string link_id(std::int64_t technology_id, std::int64_t repository_id) {
  return fmt::format("{}:{}", technology_id, repository_id);
}

}  // namespace

CodeRepositoryService::CodeRepositoryService(db::Database& db, std::string encryption_key,
                                             const integrations::GitHubClient& github,
                                             events::EventBus* events)
    : db_(db), key_(std::move(encryption_key)), github_(github), events_(events) {
  if (key_.size() != 32) throw std::invalid_argument("the encryption key must be 32 bytes");
}

std::optional<std::string> CodeRepositoryService::encrypt(const std::optional<std::string>& token) const {
  if (!token) return std::nullopt;
  return crypto::seal(key_, *token);
}

Page<CodeRepository> CodeRepositoryService::list(const auth::ProjectScope& scope,
                                                 const repositories::CodeRepositoryQuery& query,
                                                 const PageRequest& page) {
  return db_.read(
      [&](db::Tx& tx) { return CodeRepositoryRepository::list(tx, scope.project_id, query, page); });
}

CodeRepository CodeRepositoryService::get(const auth::ProjectScope& scope, std::int64_t id) {
  auto r = db_.read([&](db::Tx& tx) { return CodeRepositoryRepository::find(tx, scope.project_id, id); });
  if (!r) throw Error::not_found("Repository", std::to_string(id));
  return *r;
}

CodeRepository CodeRepositoryService::create(const auth::ProjectScope& scope, const FieldChanges& fields,
                                             const auth::Actor& actor) {
  CodeRepository r;
  r.project_id = scope.project_id;
  r.owner = fields.string("owner").value_or("");
  r.name = fields.string("name").value_or("");
  r.full_name = r.owner + "/" + r.name;
  r.description = fields.string("description");
  r.access_token_encrypted = encrypt(fields.string("access_token"));
  if (const auto* v = fields.find("is_private")) r.is_private = std::get<bool>(*v);
  try {
    return db_.write([&](db::Tx& tx) {
      if (CodeRepositoryRepository::full_name_taken(tx, scope.project_id, r.full_name))
        throw name_taken(r.full_name);
      CodeRepository created = r;
      created.created_at = created.updated_at = now();
      created.id = CodeRepositoryRepository::insert(tx, created, actor.user_id);
      // The audit snapshot is the public representation: it says whether a token is set, never the token.
      AuditRepository::record(tx, actor, scope.project_id, "repository", std::to_string(created.id), "create",
                              std::nullopt, json_text(created));
      publish_change_after_commit(tx, events_, "repository", "created", scope.project_id, created.id);
      return created;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::UniqueViolation) throw name_taken(r.full_name);
    throw;
  }
}

CodeRepository CodeRepositoryService::update(const auth::ProjectScope& scope, std::int64_t id,
                                             const FieldChanges& fields,
                                             const std::optional<std::string>& if_match,
                                             const auth::Actor& actor) {
  std::optional<std::optional<std::string>> new_token;
  if (const auto* v = fields.find("access_token")) {
    new_token = std::holds_alternative<std::string>(*v) ? encrypt(std::get<std::string>(*v)) : std::nullopt;
  }
  return db_.write([&](db::Tx& tx) {
    auto current = CodeRepositoryRepository::find(tx, scope.project_id, id);
    if (!current) throw Error::not_found("Repository", std::to_string(id));
    if (if_match && !if_match_satisfied(*if_match, current->etag())) throw Error::precondition_failed();
    CodeRepository updated = *current;
    if (const auto* v = fields.find("description")) {
      updated.description =
          std::holds_alternative<std::string>(*v) ? std::optional(std::get<std::string>(*v)) : std::nullopt;
    }
    if (const auto* v = fields.find("is_private")) updated.is_private = std::get<bool>(*v);
    if (const auto* v = fields.find("metadata_")) {
      updated.metadata =
          std::holds_alternative<std::string>(*v) ? std::optional(std::get<std::string>(*v)) : std::nullopt;
    }
    if (new_token) updated.access_token_encrypted = *new_token;
    updated.updated_at = now();
    if (!CodeRepositoryRepository::update(tx, updated, current->version)) throw Error::precondition_failed();
    updated.version = current->version + 1;
    auto after = json_text(updated);
    if (new_token) {
      // The token itself never reaches the audit log, but that it was set, replaced or cleared does: a
      // replacement would otherwise look like no change at all (has_access_token stays true).
      const char* what = !*new_token ? "cleared" : current->access_token_encrypted ? "replaced" : "set";
      after.pop_back();
      after += fmt::format(R"(,"access_token":"{}"}})", what);
    }
    AuditRepository::record(tx, actor, scope.project_id, "repository", std::to_string(id), "update",
                            json_text(*current), after);
    publish_change_after_commit(tx, events_, "repository", "updated", scope.project_id, id);
    return updated;
  });
}

void CodeRepositoryService::remove(const auth::ProjectScope& scope, std::int64_t id,
                                   const std::optional<std::string>& if_match, const auth::Actor& actor) {
  db_.write([&](db::Tx& tx) {
    auto current = CodeRepositoryRepository::find(tx, scope.project_id, id);
    if (!current) throw Error::not_found("Repository", std::to_string(id));
    if (if_match && !if_match_satisfied(*if_match, current->etag())) throw Error::precondition_failed();
    for (auto task :
         repositories::ResearchTaskRepository::unlink_repository(tx, scope.project_id, id, now())) {
      publish_change_after_commit(tx, events_, "research_task", "updated", scope.project_id, task);
    }
    CodeRepositoryRepository::remove(tx, scope.project_id, id);
    AuditRepository::record(tx, actor, scope.project_id, "repository", std::to_string(id), "delete",
                            json_text(*current), std::nullopt);
    publish_change_after_commit(tx, events_, "repository", "deleted", scope.project_id, id);
  });
}

SyncResult CodeRepositoryService::sync(const auth::ProjectScope& scope, std::int64_t id,
                                       const auth::Actor& actor) {
  auto current = get(scope, id);
  std::optional<std::string> token;
  if (current.access_token_encrypted) {
    token = crypto::open(key_, *current.access_token_encrypted);
    if (!token)
      throw Error::conflict("The stored access token cannot be decrypted (was the encryption key changed?)");
  }
  // The GitHub calls happen outside any transaction: they can take seconds.
  auto remote = github_.repository(current.owner, current.name, token);
  auto commit = github_.latest_commit(current.owner, current.name, remote.default_branch, token);
  return db_.write([&](db::Tx& tx) {
    auto fresh = CodeRepositoryRepository::find(tx, scope.project_id, id);
    if (!fresh) throw Error::not_found("Repository", std::to_string(id));
    CodeRepository updated = *fresh;
    updated.github_id = remote.id;
    updated.description = remote.description;
    updated.url = remote.html_url;
    updated.clone_url = remote.clone_url;
    updated.default_branch = remote.default_branch;
    updated.stars = remote.stars;
    updated.forks = remote.forks;
    updated.language = remote.language;
    updated.is_private = remote.is_private;
    updated.last_commit_sha = commit.sha;
    updated.last_commit_message = commit.message;
    updated.last_commit_author = commit.author;
    updated.last_commit_date = commit.date;
    bool changed = fresh->last_commit_sha != updated.last_commit_sha ||
                   fresh->description != updated.description || fresh->stars != updated.stars ||
                   fresh->forks != updated.forks || fresh->language != updated.language ||
                   fresh->default_branch != updated.default_branch || fresh->is_private != updated.is_private;
    updated.updated_at = now();
    updated.last_synced_at = updated.updated_at;
    if (!CodeRepositoryRepository::update(tx, updated, fresh->version)) throw Error::precondition_failed();
    updated.version = fresh->version + 1;
    AuditRepository::record(tx, actor, scope.project_id, "repository", std::to_string(id), "sync",
                            json_text(*fresh), json_text(updated));
    publish_change_after_commit(tx, events_, "repository", "updated", scope.project_id, id);
    return SyncResult{updated, changed};
  });
}

TechnologyLink CodeRepositoryService::link(const auth::ProjectScope& scope, std::int64_t technology_id,
                                           std::int64_t repository_id,
                                           const std::optional<std::string>& notes,
                                           const auth::Actor& actor) {
  try {
    return db_.write([&](db::Tx& tx) {
      if (!TechnologyRepository::find(tx, scope.project_id, technology_id)) {
        throw Error::not_found("Technology", std::to_string(technology_id));
      }
      // A repository of another project looks exactly like a missing one.
      if (!CodeRepositoryRepository::find(tx, scope.project_id, repository_id)) {
        throw Error::not_found("Repository", std::to_string(repository_id));
      }
      if (LinkRepository::exists(tx, technology_id, repository_id)) {
        throw Error::conflict("This technology and repository are already linked");
      }
      TechnologyLink l;
      l.technology_id = technology_id;
      l.repository_id = repository_id;
      l.source = "manual";
      l.notes = notes;
      l.created_by = actor.user_id;
      l.created_at = now();
      LinkRepository::insert(tx, scope.project_id, l);
      AuditRepository::record(tx, actor, scope.project_id, "technology_link",
                              link_id(technology_id, repository_id), "create", std::nullopt, json_text(l));
      publish_change_after_commit(tx, events_, "repository", "updated", scope.project_id, repository_id);
      return l;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::UniqueViolation) {
      throw Error::conflict("This technology and repository are already linked");
    }
    throw;
  }
}

void CodeRepositoryService::unlink(const auth::ProjectScope& scope, std::int64_t technology_id,
                                   std::int64_t repository_id, const auth::Actor& actor) {
  db_.write([&](db::Tx& tx) {
    auto existing = LinkRepository::find(tx, scope.project_id, technology_id, repository_id);
    if (!existing) throw Error::not_found("Link", link_id(technology_id, repository_id));
    LinkRepository::remove(tx, scope.project_id, technology_id, repository_id);
    AuditRepository::record(tx, actor, scope.project_id, "technology_link",
                            link_id(technology_id, repository_id), "delete", json_text(*existing),
                            std::nullopt);
    publish_change_after_commit(tx, events_, "repository", "updated", scope.project_id, repository_id);
  });
}

Page<std::pair<CodeRepository, TechnologyLink>> CodeRepositoryService::repositories_of(
    const auth::ProjectScope& scope, std::int64_t technology_id, const PageRequest& page) {
  return db_.read([&](db::Tx& tx) {
    if (!TechnologyRepository::find(tx, scope.project_id, technology_id)) {
      throw Error::not_found("Technology", std::to_string(technology_id));
    }
    return LinkRepository::repositories_of(tx, scope.project_id, technology_id, page);
  });
}

Page<std::pair<Technology, TechnologyLink>> CodeRepositoryService::technologies_of(
    const auth::ProjectScope& scope, std::int64_t repository_id, const PageRequest& page) {
  return db_.read([&](db::Tx& tx) {
    if (!CodeRepositoryRepository::find(tx, scope.project_id, repository_id)) {
      throw Error::not_found("Repository", std::to_string(repository_id));
    }
    return LinkRepository::technologies_of(tx, scope.project_id, repository_id, page);
  });
}

}  // namespace cc::services
