#include "api/schemas.hpp"

#include <boost/json/parse.hpp>

#include "domain/knowledge_entry.hpp"
#include "domain/research_task.hpp"
#include "domain/technology.hpp"

namespace cc::api {

namespace json = boost::json;

json::value ref(std::string_view name) {
  return json::object{{"$ref", "#/components/schemas/" + std::string(name)}};
}

json::value array_of(std::string_view name) {
  return json::object{{"type", "array"}, {"items", ref(name)}};
}

void add_job_schemas(json::object& schemas);

namespace {

// A response schema from a request spec: its fields, plus the ones the server assigns.
json::value response_schema(const validation::ObjectSpec& spec,
                            const std::vector<std::pair<std::string, std::string>>& extra_times) {
  json::object schema = spec.json_schema(validation::Mode::Patch);
  auto& props = schema["properties"].as_object();
  props["id"] = json::object{{"type", "integer"}};
  props["project_id"] = json::object{{"type", "integer"}};
  props["version"] =
      json::object{{"type", "integer"}, {"description", "Incremented on every change; see ETag"}};
  props["created_at"] = json::object{{"type", "string"}, {"format", "date-time"}};
  props["updated_at"] = json::object{{"type", "string"}, {"format", "date-time"}};
  for (const auto& [name, format] : extra_times) {
    props[name] = json::object{{"type", json::array{"string", "null"}}, {"format", format}};
  }
  schema.erase("additionalProperties");
  return schema;
}

}  // namespace

json::object component_schemas() {
  json::object schemas = json::parse(R"({
    "User": {"type": "object", "properties": {
      "id": {"type": "integer"}, "email": {"type": "string", "format": "email"},
      "full_name": {"type": ["string", "null"]}, "is_active": {"type": "boolean"},
      "is_superuser": {"type": "boolean"}, "invitation_pending": {"type": "boolean"},
      "default_project_id": {"type": ["integer", "null"]},
      "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
      "last_login": {"type": ["string", "null"], "format": "date-time"}}},
    "TokenPair": {"type": "object", "required": ["access_token", "refresh_token", "token_type"], "properties": {
      "access_token": {"type": "string"}, "refresh_token": {"type": "string"},
      "token_type": {"type": "string", "const": "bearer"}, "expires_in": {"type": "integer"}}},
    "SetupStatus": {"type": "object", "properties": {
      "setup_required": {"type": "boolean"}, "registration_open": {"type": "boolean"}}},
    "SetupResult": {"type": "object", "properties": {
      "user": {"$ref": "#/components/schemas/User"}, "project": {"$ref": "#/components/schemas/Project"},
      "access_token": {"type": "string"}, "refresh_token": {"type": "string"}, "token_type": {"type": "string"},
      "expires_in": {"type": "integer"}}},
    "Message": {"type": "object", "properties": {"message": {"type": "string"}}},
    "Project": {"type": "object", "properties": {
      "id": {"type": "integer"}, "name": {"type": "string"}, "owner": {"type": "string"},
      "description": {"type": ["string", "null"]},
      "role": {"type": "string", "enum": ["owner", "admin", "member", "viewer"]},
      "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
    "ProjectStats": {"allOf": [{"$ref": "#/components/schemas/Project"}, {"type": "object", "properties": {
      "repository_count": {"type": "integer"}, "technology_count": {"type": "integer"},
      "research_task_count": {"type": "integer"}, "knowledge_entry_count": {"type": "integer"},
      "member_count": {"type": "integer"}}}]},
    "Member": {"type": "object", "properties": {
      "project_id": {"type": "integer"}, "user_id": {"type": "integer"}, "email": {"type": "string"},
      "full_name": {"type": ["string", "null"]}, "role": {"type": "string", "enum": ["owner", "admin", "member", "viewer"]},
      "invitation_pending": {"type": "boolean"},
      "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
    "MemberAdded": {"allOf": [{"$ref": "#/components/schemas/Member"}, {"type": "object", "properties": {
      "invite_token": {"type": "string", "description": "Present when the email had no account; shown once"},
      "invite_expires_at": {"type": "string", "format": "date-time"}}}]},
    "ApiKey": {"type": "object", "properties": {
      "id": {"type": "integer"}, "name": {"type": "string"}, "prefix": {"type": "string"},
      "project_id": {"type": "integer"}, "role": {"type": "string"},
      "created_at": {"type": "string", "format": "date-time"},
      "expires_at": {"type": ["string", "null"], "format": "date-time"},
      "last_used_at": {"type": ["string", "null"], "format": "date-time"},
      "revoked_at": {"type": ["string", "null"], "format": "date-time"}}},
    "ApiKeyCreated": {"allOf": [{"$ref": "#/components/schemas/ApiKey"}, {"type": "object", "properties": {
      "key": {"type": "string", "description": "The secret; shown only in this response"}}}]},
    "TechnologyHistoryEntry": {"type": "object", "properties": {
      "id": {"type": "integer"}, "technology_id": {"type": "integer"},
      "field": {"type": "string", "enum": ["status", "domain"]},
      "from": {"type": ["string", "null"]}, "to": {"type": "string"}, "reason": {"type": ["string", "null"]},
      "changed_by": {"type": ["integer", "null"]}, "changed_by_email": {"type": ["string", "null"]},
      "changed_at": {"type": "string", "format": "date-time"}}},
    "AuditEntry": {"type": "object", "properties": {
      "id": {"type": "integer"}, "project_id": {"type": ["integer", "null"]},
      "actor_user_id": {"type": ["integer", "null"]}, "actor_email": {"type": ["string", "null"]},
      "actor_api_key_id": {"type": ["integer", "null"]}, "entity": {"type": "string"},
      "entity_id": {"type": "string"}, "action": {"type": "string"}, "before": {}, "after": {},
      "request_id": {"type": ["string", "null"]}, "created_at": {"type": "string", "format": "date-time"}}},
    "AuditPage": {"type": "object", "properties": {
      "total": {"type": "integer"}, "page": {"type": "integer"}, "page_size": {"type": "integer"},
      "items": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEntry"}}}},
    "TechnologyPage": {"type": "object", "properties": {
      "total": {"type": "integer"}, "page": {"type": "integer"}, "page_size": {"type": "integer"},
      "items": {"type": "array", "items": {"$ref": "#/components/schemas/Technology"}}}},
    "Repository": {"type": "object", "properties": {
      "id": {"type": "integer"}, "project_id": {"type": "integer"}, "owner": {"type": "string"},
      "name": {"type": "string"}, "full_name": {"type": "string"}, "description": {"type": ["string", "null"]},
      "has_access_token": {"type": "boolean", "description": "The token itself is never returned"},
      "is_private": {"type": "boolean"}, "github_id": {"type": ["integer", "null"]},
      "url": {"type": ["string", "null"]}, "clone_url": {"type": ["string", "null"]},
      "default_branch": {"type": "string"}, "last_commit_sha": {"type": ["string", "null"]},
      "last_commit_message": {"type": ["string", "null"]}, "last_commit_author": {"type": ["string", "null"]},
      "last_commit_date": {"type": ["string", "null"], "format": "date-time"},
      "last_synced_at": {"type": ["string", "null"], "format": "date-time"},
      "stars": {"type": "integer"}, "forks": {"type": "integer"}, "language": {"type": ["string", "null"]},
      "metadata_": {"type": ["object", "null"]}, "version": {"type": "integer"},
      "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
    "RepositorySync": {"type": "object", "properties": {
      "repository_id": {"type": "integer"}, "synced": {"type": "boolean"},
      "last_commit_sha": {"type": ["string", "null"]}, "last_commit_message": {"type": ["string", "null"]},
      "last_synced_at": {"type": ["string", "null"], "format": "date-time"}, "changes_detected": {"type": "boolean"},
      "repository": {"$ref": "#/components/schemas/Repository"}}},
    "TechnologyLink": {"type": "object", "properties": {
      "technology_id": {"type": "integer"}, "repository_id": {"type": "integer"},
      "source": {"type": "string", "enum": ["manual", "detected"]}, "confidence": {"type": ["number", "null"]},
      "notes": {"type": ["string", "null"]}, "linked_by": {"type": ["integer", "null"]},
      "linked_at": {"type": "string", "format": "date-time"}}},
    "LinkedRepository": {"allOf": [{"$ref": "#/components/schemas/Repository"}, {"type": "object", "properties": {
      "link": {"$ref": "#/components/schemas/TechnologyLink"}}}]},
    "LinkedTechnology": {"allOf": [{"$ref": "#/components/schemas/Technology"}, {"type": "object", "properties": {
      "link": {"$ref": "#/components/schemas/TechnologyLink"}}}]},
    "TaskDocument": {"type": "object", "properties": {
      "id": {"type": "integer"}, "filename": {"type": "string"}, "stored_filename": {"type": "string"},
      "content_type": {"type": "string"}, "size": {"type": "integer"}, "sha256": {"type": "string"},
      "uploaded_at": {"type": "string", "format": "date-time"}, "download_url": {"type": "string"}}},
    "TaskDocuments": {"type": "object", "properties": {
      "documents": {"type": "array", "items": {"$ref": "#/components/schemas/TaskDocument"}}}},
    "TaskSummary": {"type": "object", "properties": {
      "id": {"type": "integer"}, "title": {"type": "string"}, "status": {"type": "string"},
      "due_date": {"type": ["string", "null"], "format": "date-time"}}},
    "TaskStatistics": {"type": "object", "properties": {
      "by_status": {"type": "object", "additionalProperties": {"type": "integer"}},
      "total": {"type": "integer"}, "overdue_count": {"type": "integer"}, "upcoming_count": {"type": "integer"},
      "overdue_tasks": {"type": "array", "items": {"$ref": "#/components/schemas/TaskSummary"}},
      "upcoming_tasks": {"type": "array", "items": {"$ref": "#/components/schemas/TaskSummary"}}}},
    "KnowledgeEntryPage": {"type": "object", "properties": {
      "total": {"type": "integer"}, "page": {"type": "integer"}, "page_size": {"type": "integer"},
      "items": {"type": "array", "items": {"$ref": "#/components/schemas/KnowledgeEntry"}}}},
    "DashboardStats": {"type": "object", "properties": {
      "repositories": {"type": "object", "properties": {"total": {"type": "integer"}, "recently_synced": {"type": "array"}}},
      "technologies": {"type": "object", "properties": {
        "total": {"type": "integer"}, "by_status": {"type": "object"}, "by_domain": {"type": "object"},
        "high_priority_count": {"type": "integer"}, "high_priority": {"type": "array"}}},
      "research_tasks": {"$ref": "#/components/schemas/TaskStatistics"},
      "knowledge_base": {"type": "object", "properties": {
        "total_entries": {"type": "integer"}, "total_documents": {"type": "integer"},
        "categories": {"type": "integer"}, "status": {"type": "string"}}}}},
    "RecentActivity": {"type": "object", "properties": {
      "recent_repositories": {"type": "array"}, "recent_technologies": {"type": "array"},
      "recent_tasks": {"type": "array"}, "recent_knowledge_entries": {"type": "array"},
      "items": {"type": "array", "items": {"type": "object", "properties": {
        "type": {"type": "string", "enum": ["repository", "technology", "research_task", "knowledge_entry"]},
        "id": {"type": "integer"}, "updated_at": {"type": "string", "format": "date-time"}}}}}},
    "Health": {"type": "object", "properties": {
      "status": {"type": "string"}, "app": {"type": "string"}, "version": {"type": "string"}}},
    "Readiness": {"type": "object", "properties": {
      "status": {"type": "string", "enum": ["ready"]}, "database": {"type": "string", "enum": ["ok"]},
      "migrations": {"type": "string", "enum": ["current"]}}},
    "HealthDetailed": {"type": "object", "properties": {
      "status": {"type": "string", "enum": ["healthy", "unhealthy"]}, "app": {"type": "string"},
      "version": {"type": "string"}, "timestamp": {"type": "string", "format": "date-time"},
      "response_time_ms": {"type": "number"},
      "components": {"type": "object", "properties": {
        "database": {"type": "object"}, "workers": {"type": "object"}, "scheduler": {"type": "object"}}}}}
  })")
                             .as_object();
  // The technology schema is the request rules plus the fields the server assigns.
  json::object technology = technology_spec().json_schema(validation::Mode::Patch);
  auto& props = technology["properties"].as_object();
  props.erase("reason");
  props["id"] = json::object{{"type", "integer"}};
  props["project_id"] = json::object{{"type", "integer"}};
  props["version"] =
      json::object{{"type", "integer"}, {"description", "Incremented on every change; see ETag"}};
  props["created_at"] = json::object{{"type", "string"}, {"format", "date-time"}};
  props["updated_at"] = json::object{{"type", "string"}, {"format", "date-time"}};
  technology.erase("additionalProperties");
  schemas["Technology"] = std::move(technology);
  schemas["ResearchTask"] = response_schema(research_task_spec(), {{"completed_at", "date-time"}});
  schemas["ResearchTask"].as_object()["properties"].as_object()["uploaded_documents"] =
      json::object{{"type", "array"}, {"items", ref("TaskDocument")}};
  schemas["KnowledgeEntry"] = response_schema(knowledge_entry_spec(), {});
  add_job_schemas(schemas);
  return schemas;
}

}  // namespace cc::api
