#include "domain/entities.hpp"

#include "core/json_writer.hpp"

namespace cc {

void write_json(JsonWriter& w, const User& user) {
  w.begin_object()
      .field("id", user.id)
      .field("email", user.email)
      .field("full_name", user.full_name)
      .field("is_active", user.is_active)
      .field("is_superuser", user.is_superuser)
      .field("invitation_pending", user.invitation_pending)
      .field("default_project_id", user.default_project_id)
      .field("created_at", user.created_at)
      .field("updated_at", user.updated_at)
      .field("last_login", user.last_login)
      .end_object();
}

void write_json(JsonWriter& w, const Project& project) {
  w.begin_object();
  write_fields(w, project);
  w.end_object();
}

void write_fields(JsonWriter& w, const Project& project) {
  w.field("id", project.id)
      .field("name", project.name)
      .field("owner", project.owner)
      .field("description", project.description)
      .field("created_at", project.created_at)
      .field("updated_at", project.updated_at);
  if (project.role) w.field("role", to_string(*project.role));
}

void write_json(JsonWriter& w, const Member& member) {
  w.begin_object();
  write_fields(w, member);
  w.end_object();
}

void write_fields(JsonWriter& w, const Member& member) {
  w.field("project_id", member.project_id)
      .field("user_id", member.user_id)
      .field("email", member.email)
      .field("full_name", member.full_name)
      .field("role", to_string(member.role))
      .field("invitation_pending", member.invitation_pending)
      .field("created_at", member.created_at)
      .field("updated_at", member.updated_at);
}

void write_json(JsonWriter& w, const ApiKey& key, std::optional<std::string_view> secret) {
  w.begin_object()
      .field("id", key.id)
      .field("name", key.name)
      .field("prefix", key.prefix)
      .field("project_id", key.project_id)
      .field("role", to_string(key.role))
      .field("created_at", key.created_at)
      .field("expires_at", key.expires_at)
      .field("last_used_at", key.last_used_at)
      .field("revoked_at", key.revoked_at);
  if (secret) w.field("key", *secret);
  w.end_object();
}

void write_json(JsonWriter& w, const AuditEntry& entry) {
  w.begin_object()
      .field("id", entry.id)
      .field("project_id", entry.project_id)
      .field("actor_user_id", entry.actor_user_id)
      .field("actor_email", entry.actor_email)
      .field("actor_api_key_id", entry.actor_api_key_id)
      .field("entity", entry.entity)
      .field("entity_id", entry.entity_id)
      .field("action", entry.action);
  if (entry.before_json) {
    w.raw_field("before", *entry.before_json);
  } else {
    w.field("before", nullptr);
  }
  if (entry.after_json) {
    w.raw_field("after", *entry.after_json);
  } else {
    w.field("after", nullptr);
  }
  w.field("request_id", entry.request_id).field("created_at", entry.created_at).end_object();
}

}  // namespace cc
