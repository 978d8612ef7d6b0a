#include "api/schemas.hpp"

#include <boost/json/parse.hpp>

#include "domain/technology.hpp"

namespace cc::api {

namespace json = boost::json;

json::value ref(std::string_view name) {
  return json::object{{"$ref", "#/components/schemas/" + std::string(name)}};
}

json::value array_of(std::string_view name) {
  return json::object{{"type", "array"}, {"items", ref(name)}};
}

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
      "technology_count": {"type": "integer"}, "member_count": {"type": "integer"}}}]},
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
    "Health": {"type": "object", "properties": {
      "status": {"type": "string"}, "app": {"type": "string"}, "version": {"type": "string"}}}
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
  return schemas;
}

}  // namespace cc::api
