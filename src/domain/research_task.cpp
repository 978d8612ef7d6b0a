#include "domain/research_task.hpp"

#include <fmt/format.h>

#include "core/json_writer.hpp"
#include "domain/field_assign.hpp"
#include "domain/field_changes.hpp"

namespace cc {

const std::vector<std::string>& task_statuses() {
  static const std::vector<std::string> v = {"pending", "in_progress", "blocked", "completed", "cancelled"};
  return v;
}

void write_json(JsonWriter& w, const TaskDocument& d) {
  w.begin_object()
      .field("id", d.id)
      .field("filename", d.filename)
      .field("stored_filename", d.stored_name)
      .field("content_type", d.content_type)
      .field("size", d.size)
      .field("sha256", d.sha256)
      .field("uploaded_at", d.uploaded_at)
      .field("download_url", fmt::format("/api/v1/research-tasks/{}/documents/{}", d.task_id, d.id))
      .end_object();
}

std::string ResearchTask::etag() const {
  return fmt::format("\"k{}v{}\"", id, version);
}

void write_json(JsonWriter& w, const ResearchTask& t) {
  w.begin_object()
      .field("id", t.id)
      .field("project_id", t.project_id)
      .field("title", t.title)
      .field("description", t.description)
      .field("status", t.status)
      .field("technology_id", t.technology_id)
      .field("repository_id", t.repository_id)
      .field("user_notes", t.user_notes)
      .field("findings", t.findings)
      .field("assigned_to", t.assigned_to)
      .field("due_date", t.due_date)
      .field("estimated_hours", t.estimated_hours)
      .field("actual_hours", t.actual_hours)
      .field("progress_percentage", t.progress_percentage)
      .field("completed_at", t.completed_at);
  w.key("uploaded_documents").begin_array();
  for (const auto& d : t.documents) write_json(w, d);
  w.end_array();
  if (t.metadata) {
    w.raw_field("metadata_", *t.metadata);
  } else {
    w.field("metadata_", nullptr);
  }
  w.field("version", t.version)
      .field("created_at", t.created_at)
      .field("updated_at", t.updated_at)
      .end_object();
}

void apply_changes(ResearchTask& t, const FieldChanges& changes, Timestamp now) {
  using field_assign::assign;
  using field_assign::assign_required;
  std::string previous_status = t.status;
  for (const auto& [name, v] : changes.values()) {
    if (name == "title")
      assign_required(t.title, v);
    else if (name == "description")
      assign(t.description, v);
    else if (name == "status")
      assign_required(t.status, v);
    else if (name == "technology_id")
      assign(t.technology_id, v);
    else if (name == "repository_id")
      assign(t.repository_id, v);
    else if (name == "user_notes")
      assign(t.user_notes, v);
    else if (name == "findings")
      assign(t.findings, v);
    else if (name == "assigned_to")
      assign(t.assigned_to, v);
    else if (name == "due_date")
      assign(t.due_date, v);
    else if (name == "estimated_hours")
      assign(t.estimated_hours, v);
    else if (name == "actual_hours")
      assign(t.actual_hours, v);
    else if (name == "progress_percentage")
      assign_required(t.progress_percentage, v);
    else if (name == "metadata_")
      assign(t.metadata, v);
  }
  bool progress_given = changes.has("progress_percentage");
  bool status_given = changes.has("status");
  if (progress_given && t.progress_percentage == 100 && !(status_given && t.status != "completed")) {
    t.status = "completed";
  }
  if (t.status == "completed") {
    if (previous_status != "completed" || !t.completed_at) t.completed_at = now;
    if (!progress_given) t.progress_percentage = 100;
  } else {
    t.completed_at.reset();
  }
}

const validation::ObjectSpec& research_task_spec() {
  static const validation::ObjectSpec spec = [] {
    validation::ObjectSpec s("ResearchTask");
    s.field("title").string(1, 255).required().not_null();
    s.field("description").text(20000);
    s.field("status").one_of(task_statuses()).not_null().default_value("pending");
    s.field("technology_id").integer(1).describe("A technology of the same project");
    s.field("repository_id").integer(1).describe("A repository of the same project");
    s.field("user_notes").text(50000);
    s.field("findings").text(100000);
    s.field("assigned_to").text(255);
    s.field("due_date").date_time();
    s.field("estimated_hours").integer(0, 100000);
    s.field("actual_hours").integer(0, 100000);
    s.field("progress_percentage").integer(0, 100).not_null().describe("100 completes the task");
    s.field("metadata_").object(65536);
    s.field("project_id").integer(1).not_null().describe("Project to act in (else X-Project-ID or default)");
    return s;
  }();
  return spec;
}

void write_json(JsonWriter& w, const TaskStatistics& s) {
  auto summaries = [&](std::string_view key, const std::vector<TaskSummary>& list) {
    w.key(key).begin_array();
    for (const auto& t : list) {
      w.begin_object()
          .field("id", t.id)
          .field("title", t.title)
          .field("status", t.status)
          .field("due_date", t.due_date)
          .end_object();
    }
    w.end_array();
  };
  w.begin_object();
  w.key("by_status").begin_object();
  for (const auto& [status, n] : s.by_status) w.field(status, n);
  w.end_object();
  w.field("total", s.total).field("overdue_count", s.overdue_count).field("upcoming_count", s.upcoming_count);
  summaries("overdue_tasks", s.overdue_tasks);
  summaries("upcoming_tasks", s.upcoming_tasks);
  w.end_object();
}

}  // namespace cc
