#pragma once
// A schedule: creates a job of `task_type` with `task_parameters` at each due run. When it runs is computed
// by jobs/recurrence.hpp in the schedule's IANA time zone.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace cc {

class JsonWriter;
class FieldChanges;

const std::vector<std::string>& schedule_frequencies();

struct Schedule {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string name;
  std::optional<std::string> description;
  std::string task_type;
  std::string task_parameters = "{}";  // JSON object text
  std::string frequency = "daily";
  std::optional<std::string> cron_expression;
  std::optional<std::int64_t> interval_seconds;  // accepted and stored for compatibility; not used to compute
  std::string timezone = "UTC";
  std::optional<Timestamp> start_time;
  std::optional<Timestamp> end_time;
  bool enabled = true;
  std::optional<Timestamp> last_run_at;
  std::optional<Timestamp> next_run_at;
  std::int64_t run_count = 0;
  std::int64_t success_count = 0;
  std::int64_t failure_count = 0;
  std::optional<std::string> last_error;
  std::optional<Timestamp> last_success_at;
  std::optional<Timestamp> last_failure_at;
  std::string tags = "{}";  // JSON object text
  std::int64_t version = 1;
  std::optional<std::int64_t> created_by;
  Timestamp created_at;
  Timestamp updated_at;

  // Enabled and inside its window at `at`.
  bool active_at(Timestamp at) const;
  std::optional<double> success_rate() const;
};

void write_json(JsonWriter& w, const Schedule& s);
void apply_changes(Schedule& s, const FieldChanges& changes);
const validation::ObjectSpec& schedule_spec();

struct ScheduleQuery {
  std::optional<bool> enabled;
  std::optional<std::string> task_type;
  std::optional<std::string> frequency;
};

struct ScheduleStatistics {
  std::int64_t total = 0, enabled = 0, runs = 0, successes = 0, failures = 0;
  std::vector<std::pair<std::string, std::int64_t>> by_frequency;
};

}  // namespace cc
