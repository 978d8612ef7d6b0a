#pragma once
// Entities of the platform (users, projects, members, API keys, audit entries) and their JSON form.
// Columns that must never leave the server (password hashes, key hashes) are not part of these types.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "domain/role.hpp"

namespace cc {

class JsonWriter;

struct User {
  std::int64_t id = 0;
  std::string email;
  std::optional<std::string> full_name;
  bool is_active = true;
  bool is_superuser = false;
  bool invitation_pending = false;
  std::optional<std::int64_t> default_project_id;
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> last_login;
};
void write_json(JsonWriter& w, const User& user);

struct Project {
  std::int64_t id = 0;
  std::string name;
  std::string owner;
  std::optional<std::string> description;
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Role> role;  // the caller's role, when known
};
void write_json(JsonWriter& w, const Project& project);
// The members of the JSON object without its braces, for responses that add fields.
void write_fields(JsonWriter& w, const Project& project);

struct ProjectStats {
  std::int64_t repository_count = 0;
  std::int64_t technology_count = 0;
  std::int64_t research_task_count = 0;
  std::int64_t knowledge_entry_count = 0;
  std::int64_t member_count = 0;
};

struct Member {
  std::int64_t project_id = 0;
  std::int64_t user_id = 0;
  std::string email;
  std::optional<std::string> full_name;
  bool invitation_pending = false;
  Role role = Role::Viewer;
  Timestamp created_at;
  Timestamp updated_at;
};
void write_json(JsonWriter& w, const Member& member);
void write_fields(JsonWriter& w, const Member& member);

struct ApiKey {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::int64_t project_id = 0;
  std::string name;
  std::string prefix;
  Role role = Role::Viewer;
  Timestamp created_at;
  std::optional<Timestamp> expires_at;
  std::optional<Timestamp> last_used_at;
  std::optional<Timestamp> revoked_at;
};
// `secret` is included only in the response that creates the key.
void write_json(JsonWriter& w, const ApiKey& key, std::optional<std::string_view> secret = std::nullopt);

struct AuditEntry {
  std::int64_t id = 0;
  std::optional<std::int64_t> project_id;
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::int64_t> actor_api_key_id;
  std::optional<std::string> actor_email;
  std::string entity;
  std::string entity_id;
  std::string action;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::optional<std::string> request_id;
  Timestamp created_at;
};
void write_json(JsonWriter& w, const AuditEntry& entry);

}  // namespace cc
