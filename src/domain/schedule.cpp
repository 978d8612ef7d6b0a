#include "domain/schedule.hpp"

#include "core/json_writer.hpp"
#include "domain/field_assign.hpp"
#include "domain/field_changes.hpp"

namespace cc {

const std::vector<std::string>& schedule_frequencies() {
  static const std::vector<std::string> f{"once", "hourly", "daily", "weekly", "monthly", "cron"};
  return f;
}

bool Schedule::active_at(Timestamp at) const {
  if (!enabled) return false;
  if (start_time && at < *start_time) return false;
  if (end_time && at >= *end_time) return false;
  return true;
}

std::optional<double> Schedule::success_rate() const {
  auto finished = success_count + failure_count;
  if (finished == 0) return std::nullopt;
  return 100.0 * static_cast<double>(success_count) / static_cast<double>(finished);
}

void write_json(JsonWriter& w, const Schedule& s) {
  auto at = now();
  w.begin_object()
      .field("id", s.id)
      .field("project_id", s.project_id)
      .field("name", s.name)
      .field("description", s.description)
      .field("task_type", s.task_type)
      .raw_field("task_parameters", s.task_parameters)
      .field("frequency", s.frequency)
      .field("cron_expression", s.cron_expression)
      .field("interval_seconds", s.interval_seconds)
      .field("timezone", s.timezone)
      .field("start_time", s.start_time)
      .field("end_time", s.end_time)
      .field("enabled", s.enabled)
      .field("last_run_at", s.last_run_at)
      .field("next_run_at", s.next_run_at)
      .field("run_count", s.run_count)
      .field("success_count", s.success_count)
      .field("failure_count", s.failure_count)
      .field("success_rate", s.success_rate())
      .field("is_active", s.active_at(at))
      .field("last_error", s.last_error)
      .field("last_success_at", s.last_success_at)
      .field("last_failure_at", s.last_failure_at)
      .field("created_by", s.created_by)
      .raw_field("tags", s.tags)
      .field("version", s.version)
      .field("created_at", s.created_at)
      .field("updated_at", s.updated_at)
      .end_object();
}

void apply_changes(Schedule& s, const FieldChanges& changes) {
  using field_assign::assign;
  using field_assign::assign_required;
  for (const auto& [name, v] : changes.values()) {
    if (name == "name")
      assign_required(s.name, v);
    else if (name == "description")
      assign(s.description, v);
    else if (name == "task_type")
      assign_required(s.task_type, v);
    else if (name == "task_parameters")
      assign_required(s.task_parameters, v);
    else if (name == "frequency")
      assign_required(s.frequency, v);
    else if (name == "cron_expression")
      assign(s.cron_expression, v);
    else if (name == "interval_seconds")
      assign(s.interval_seconds, v);
    else if (name == "timezone")
      assign_required(s.timezone, v);
    else if (name == "start_time")
      assign(s.start_time, v);
    else if (name == "end_time")
      assign(s.end_time, v);
    else if (name == "enabled")
      assign_required(s.enabled, v);
    else if (name == "tags")
      assign_required(s.tags, v);
  }
}

const validation::ObjectSpec& schedule_spec() {
  static const validation::ObjectSpec spec = [] {
    validation::ObjectSpec s("Schedule", "Creates a job of task_type at every due run");
    s.field("project_id").integer(1).not_null().describe("Project to act in (else X-Project-ID or default)");
    s.field("name").string(1, 255).required().not_null();
    s.field("description").text(512);
    s.field("task_type")
        .string(1, 50)
        .required()
        .not_null()
        .example("batch_import")
        .describe("A supported job type");
    s.field("task_parameters").object(1024 * 1024).not_null().describe("The parameters of each job");
    s.field("frequency").one_of(schedule_frequencies()).not_null().default_value("daily");
    s.field("cron_expression")
        .string(1, 100)
        .example("30 9 * * 1-5")
        .describe(
            "Five fields (minute hour day-of-month month day-of-week) in the schedule's time zone; required "
            "with "
            "frequency cron");
    s.field("interval_seconds").integer(1, 31'536'000).describe("Kept for compatibility; not used");
    s.field("timezone")
        .string(1, 64)
        .not_null()
        .default_value("UTC")
        .example("Europe/Berlin")
        .describe("IANA time zone name");
    s.field("start_time").date_time().describe("No run before this; a once schedule runs at this time");
    s.field("end_time").date_time().describe("No run at or after this");
    s.field("enabled").boolean().not_null().default_value(true);
    s.field("tags").object(16384).not_null();
    s.field("created_by").integer(1).describe("Ignored: the schedule belongs to the authenticated caller");
    return s;
  }();
  return spec;
}

}  // namespace cc
