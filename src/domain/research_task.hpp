#pragma once
// A research task: what to find out about a technology or repository, its status and progress, and the
// documents attached to it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace cc {

class JsonWriter;
class FieldChanges;

const std::vector<std::string>& task_statuses();

struct TaskDocument {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  std::string filename;
  std::string stored_name;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
  Timestamp uploaded_at;
};

void write_json(JsonWriter& w, const TaskDocument& d);

struct ResearchTask {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::optional<std::int64_t> technology_id;
  std::optional<std::int64_t> repository_id;
  std::string title;
  std::optional<std::string> description;
  std::string status = "pending";
  std::optional<std::string> user_notes;
  std::optional<std::string> findings;
  std::optional<std::string> assigned_to;
  std::optional<Timestamp> due_date;
  std::optional<Timestamp> completed_at;
  std::int64_t progress_percentage = 0;
  std::optional<std::int64_t> estimated_hours;
  std::optional<std::int64_t> actual_hours;
  std::optional<std::string> metadata;  // JSON object text
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
  std::vector<TaskDocument> documents;

  std::string etag() const;
};

void write_json(JsonWriter& w, const ResearchTask& t);

// Applies the rules that tie status, progress and completion together (the original's intent):
// completing sets completed_at; leaving "completed" clears it; progress 100 completes the task.
void apply_changes(ResearchTask& t, const FieldChanges& changes, Timestamp now);

const validation::ObjectSpec& research_task_spec();

struct TaskQuery {
  std::optional<std::int64_t> technology_id;
  std::optional<std::int64_t> repository_id;
  std::vector<std::string> statuses;
  std::optional<std::string> assigned_to;
};

struct TaskSummary {
  std::int64_t id = 0;
  std::string title;
  std::string status;
  std::optional<Timestamp> due_date;
};

struct TaskStatistics {
  std::vector<std::pair<std::string, std::int64_t>> by_status;  // every status, zeros included
  std::int64_t total = 0;
  std::int64_t overdue_count = 0;
  std::int64_t upcoming_count = 0;
  std::vector<TaskSummary> overdue_tasks;   // at most 5
  std::vector<TaskSummary> upcoming_tasks;  // at most 5
};

void write_json(JsonWriter& w, const TaskStatistics& s);

}  // namespace cc
