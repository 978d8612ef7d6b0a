#include "domain/code_repository.hpp"

#include <fmt/format.h>

#include "core/json_writer.hpp"

namespace cc {

namespace {

// GitHub's rules: owners are 1-39 alphanumerics or single hyphens (not at the ends); repository names are
// letters, digits, '.', '_' and '-' (the original's pattern refused "socket.io" and "my_repo").
constexpr const char* kOwnerPattern = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";
constexpr const char* kNamePattern = "(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}";
// Classic (ghp_, gho_, ghu_, ghs_, ghr_) and fine-grained (github_pat_) GitHub tokens.
constexpr const char* kTokenPattern = "(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})";

void add_token(validation::ObjectSpec& s) {
  s.field("access_token")
      .string(1, 300)
      .matches(kTokenPattern, "must be a GitHub token (ghp_…, github_pat_…)")
      .write_only()
      .describe("Stored encrypted; never returned. null removes it.");
}

}  // namespace

std::string CodeRepository::etag() const {
  return fmt::format("\"r{}v{}\"", id, version);
}

void write_json(JsonWriter& w, const CodeRepository& r) {
  w.begin_object();
  write_fields(w, r);
  w.end_object();
}

void write_fields(JsonWriter& w, const CodeRepository& r) {
  w.field("id", r.id)
      .field("project_id", r.project_id)
      .field("owner", r.owner)
      .field("name", r.name)
      .field("full_name", r.full_name)
      .field("description", r.description)
      .field("has_access_token", r.access_token_encrypted.has_value())
      .field("is_private", r.is_private)
      .field("github_id", r.github_id)
      .field("url", r.url)
      .field("clone_url", r.clone_url)
      .field("default_branch", r.default_branch)
      .field("last_commit_sha", r.last_commit_sha)
      .field("last_commit_message", r.last_commit_message)
      .field("last_commit_author", r.last_commit_author)
      .field("last_commit_date", r.last_commit_date)
      .field("last_synced_at", r.last_synced_at)
      .field("stars", r.stars)
      .field("forks", r.forks)
      .field("language", r.language);
  if (r.metadata) {
    w.raw_field("metadata_", *r.metadata);
  } else {
    w.field("metadata_", nullptr);
  }
  w.field("version", r.version).field("created_at", r.created_at).field("updated_at", r.updated_at);
}

const validation::ObjectSpec& repository_create_spec() {
  static const validation::ObjectSpec spec = [] {
    validation::ObjectSpec s("RepositoryCreate", "A GitHub repository to track");
    s.field("owner")
        .string(1, 39)
        .matches(kOwnerPattern, "must be a GitHub user or organisation name")
        .required()
        .not_null();
    s.field("name")
        .string(1, 100)
        .matches(kNamePattern, "must be a GitHub repository name")
        .required()
        .not_null();
    s.field("description").text(5000);
    add_token(s);
    s.field("is_private").boolean().not_null().default_value(false);
    s.field("project_id").integer(1).not_null().describe("Project to act in (else X-Project-ID or default)");
    return s;
  }();
  return spec;
}

const validation::ObjectSpec& repository_update_spec() {
  static const validation::ObjectSpec spec = [] {
    validation::ObjectSpec s("RepositoryUpdate");
    s.field("description").text(5000);
    add_token(s);
    s.field("is_private").boolean().not_null();
    s.field("metadata_").object(65536).describe("Free-form JSON object");
    s.field("project_id").integer(1).not_null().describe("Project to act in (else X-Project-ID or default)");
    return s;
  }();
  return spec;
}

}  // namespace cc
