#pragma once
// A code repository tracked by a project (GitHub metadata and, later, analysis). Its access token is stored
// encrypted and never leaves the server: the JSON form says only `has_access_token`.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace cc {

class JsonWriter;
class FieldChanges;

struct CodeRepository {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string owner;
  std::string name;
  std::string full_name;
  std::optional<std::int64_t> github_id;
  std::optional<std::string> description;
  std::optional<std::string> url;
  std::optional<std::string> clone_url;
  std::string default_branch = "main";
  std::optional<std::string> access_token_encrypted;  // never serialised
  bool is_private = false;
  std::optional<std::string> last_commit_sha;
  std::optional<std::string> last_commit_message;
  std::optional<std::string> last_commit_author;
  std::optional<Timestamp> last_commit_date;
  std::optional<Timestamp> last_synced_at;
  std::int64_t stars = 0;
  std::int64_t forks = 0;
  std::optional<std::string> language;
  std::optional<std::string> metadata;  // JSON object text
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;

  std::string etag() const;
};

void write_json(JsonWriter& w, const CodeRepository& r);
void write_fields(JsonWriter& w, const CodeRepository& r);

// POST (Mode::Create: owner, name, description, access_token, is_private) and PATCH (Mode::Patch:
// description, access_token, is_private, metadata_) share the field rules; the API picks the allowed fields
// per method.
const validation::ObjectSpec& repository_create_spec();
const validation::ObjectSpec& repository_update_spec();

}  // namespace cc
