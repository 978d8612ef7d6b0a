// Response schemas of jobs, batch imports, schedules and WebSocket tickets.
#include <boost/json/parse.hpp>

#include "api/schemas.hpp"
#include "domain/schedule.hpp"

namespace cc::api {

namespace json = boost::json;

void add_job_schemas(json::object& schemas) {
  auto parsed = json::parse(R"({
    "Job": {"type": "object", "properties": {
      "id": {"type": "integer"}, "project_id": {"type": "integer"}, "job_type": {"type": "string"},
      "parameters": {"type": "object"}, "tags": {"type": "object"}, "celery_task_id": {"type": "null"},
      "status": {"type": "string", "enum": ["pending", "running", "completed", "failed", "cancelled"]},
      "priority": {"type": "integer"}, "progress": {"type": "integer", "minimum": 0, "maximum": 100},
      "current_step": {"type": ["string", "null"]}, "result": {}, "error": {"type": ["string", "null"]},
      "attempts": {"type": "integer"}, "max_attempts": {"type": "integer"},
      "attempt_history": {"type": "array", "items": {"type": "object", "properties": {
        "attempt": {"type": "integer"}, "worker": {"type": "string"}, "outcome": {"type": "string"},
        "started_at": {"type": "string", "format": "date-time"}, "finished_at": {"type": "string", "format": "date-time"},
        "error": {"type": "string"}}}},
      "timeout_seconds": {"type": "integer"}, "dedup_key": {"type": ["string", "null"]},
      "run_at": {"type": ["string", "null"], "format": "date-time"}, "schedule_id": {"type": ["integer", "null"]},
      "cancel_requested_at": {"type": ["string", "null"], "format": "date-time"},
      "created_by": {"type": ["integer", "null"]}, "created_at": {"type": "string", "format": "date-time"},
      "dispatched_at": {"type": ["string", "null"], "format": "date-time"},
      "started_at": {"type": ["string", "null"], "format": "date-time"},
      "completed_at": {"type": ["string", "null"], "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"},
      "duration_seconds": {"type": ["number", "null"]}, "is_terminal": {"type": "boolean"}, "is_active": {"type": "boolean"}}},
    "JobList": {"type": "object", "properties": {
      "jobs": {"type": "array", "items": {"$ref": "#/components/schemas/Job"}},
      "total": {"type": "integer"}, "skip": {"type": "integer"}, "limit": {"type": "integer"},
      "page": {"type": "integer"}, "page_size": {"type": "integer"}}},
    "JobTypes": {"type": "object", "properties": {"types": {"type": "array", "items": {"type": "object",
      "properties": {"type": {"type": "string"}, "description": {"type": "string"}}}}}},
    "JobProgress": {"type": "object", "properties": {
      "job_id": {"type": "integer"}, "status": {"type": "string"}, "progress": {"type": "integer"},
      "current_step": {"type": ["string", "null"]}, "is_terminal": {"type": "boolean"}, "is_active": {"type": "boolean"},
      "attempts": {"type": "integer"}, "max_attempts": {"type": "integer"},
      "cancel_requested_at": {"type": ["string", "null"], "format": "date-time"},
      "created_at": {"type": "string", "format": "date-time"},
      "started_at": {"type": ["string", "null"], "format": "date-time"},
      "completed_at": {"type": ["string", "null"], "format": "date-time"},
      "duration_seconds": {"type": ["number", "null"]}}},
    "JobStatistics": {"type": "object", "properties": {
      "total": {"type": "integer"}, "by_status": {"type": "object", "additionalProperties": {"type": "integer"}},
      "success_rate": {"type": ["number", "null"]}, "average_duration_seconds": {"type": ["number", "null"]},
      "active_jobs": {"type": "integer"}}},
    "BatchJob": {"type": "object", "properties": {
      "job_id": {"type": "integer"}, "job_type": {"type": "string"}, "status": {"type": "string"},
      "progress": {"type": "integer"}, "total_items": {"type": "integer"}}},
    "BatchStatistics": {"type": "object", "properties": {
      "total_batches": {"type": "integer"}, "active_batches": {"type": "integer"},
      "by_type": {"type": "object", "additionalProperties": {"type": "integer"}},
      "by_status": {"type": "object", "additionalProperties": {"type": "integer"}},
      "average_duration_seconds": {"type": ["number", "null"]}, "success_rate": {"type": ["number", "null"]}}},
    "ScheduleList": {"type": "object", "properties": {
      "schedules": {"type": "array", "items": {"$ref": "#/components/schemas/Schedule"}},
      "total": {"type": "integer"}, "page": {"type": "integer"}, "page_size": {"type": "integer"}, "pages": {"type": "integer"}}},
    "ScheduleExecution": {"type": "object", "properties": {
      "schedule_id": {"type": "integer"}, "schedule_name": {"type": "string"}, "job_id": {"type": "integer"},
      "executed_at": {"type": "string", "format": "date-time"},
      "next_run_at": {"type": ["string", "null"], "format": "date-time"}, "message": {"type": "string"}}},
    "ScheduleStatistics": {"type": "object", "properties": {
      "total_schedules": {"type": "integer"}, "enabled_schedules": {"type": "integer"},
      "disabled_schedules": {"type": "integer"}, "total_runs": {"type": "integer"},
      "successful_runs": {"type": "integer"}, "failed_runs": {"type": "integer"},
      "success_rate": {"type": ["number", "null"]},
      "by_frequency": {"type": "object", "additionalProperties": {"type": "integer"}}}},
    "SchedulePreview": {"type": "object", "properties": {
      "next_runs": {"type": "array", "items": {"type": "string", "format": "date-time"}}, "timezone": {"type": "string"}}},
    "WsTicket": {"type": "object", "properties": {"ticket": {"type": "string"}, "expires_in": {"type": "integer"}}}
  })");
  for (auto& [name, schema] : parsed.as_object()) schemas[name] = schema;

  json::object schedule = schedule_spec().json_schema(validation::Mode::Patch);
  auto& props = schedule["properties"].as_object();
  props.erase("created_by");
  for (auto name : {"id", "project_id", "version", "run_count", "success_count", "failure_count"}) {
    props[name] = json::object{{"type", "integer"}};
  }
  for (auto name : {"created_at", "updated_at"})
    props[name] = json::object{{"type", "string"}, {"format", "date-time"}};
  for (auto name : {"last_run_at", "next_run_at", "last_success_at", "last_failure_at"}) {
    props[name] = json::object{{"type", json::array{"string", "null"}}, {"format", "date-time"}};
  }
  props["success_rate"] = json::object{{"type", json::array{"number", "null"}}};
  props["is_active"] = json::object{{"type", "boolean"}};
  props["last_error"] = json::object{{"type", json::array{"string", "null"}}};
  props["created_by"] = json::object{{"type", json::array{"integer", "null"}}};
  schedule.erase("additionalProperties");
  schemas["Schedule"] = std::move(schedule);
}

}  // namespace cc::api
