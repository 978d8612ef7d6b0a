#include "domain/job.hpp"

#include <boost/json/parse.hpp>

#include "core/json_writer.hpp"

namespace cc {

const std::vector<std::string>& job_statuses() {
  static const std::vector<std::string> statuses{
      std::string(job_status::Pending), std::string(job_status::Running), std::string(job_status::Completed),
      std::string(job_status::Failed), std::string(job_status::Cancelled)};
  return statuses;
}

bool is_terminal_job_status(std::string_view status) {
  return status == job_status::Completed || status == job_status::Failed || status == job_status::Cancelled;
}

std::optional<double> Job::duration_seconds() const {
  if (!started_at || !completed_at) return std::nullopt;
  return std::chrono::duration<double>(*completed_at - *started_at).count();
}

namespace {

constexpr std::size_t kSummaryLimit = 4096;

// `json` itself when small; otherwise its members of at most 256 bytes, plus "_omitted": [names].
std::string summarised(const std::string& json) {
  if (json.size() <= kSummaryLimit) return json;
  boost::json::value v;
  try {
    v = boost::json::parse(json);
  } catch (const std::exception&) {
    return R"({"_omitted":["unreadable"]})";
  }
  if (!v.is_object()) return R"({"_omitted":["value"]})";
  boost::json::object kept;
  boost::json::array omitted;
  for (const auto& [key, member] : v.as_object()) {
    if (to_json_string(member).size() <= 256) {
      kept[key] = member;
    } else {
      omitted.emplace_back(key);
    }
  }
  kept["_omitted"] = std::move(omitted);
  return to_json_string(kept);
}

void write_job(JsonWriter& w, const Job& j, bool summary);

}  // namespace

void write_json(JsonWriter& w, const Job& j) {
  write_job(w, j, false);
}

void write_json_summary(JsonWriter& w, const Job& j) {
  write_job(w, j, true);
}

namespace {

void write_job(JsonWriter& w, const Job& j, bool summary) {
  w.begin_object()
      .field("id", j.id)
      .field("project_id", j.project_id)
      .field("job_type", j.job_type)
      .raw_field("parameters", summary ? summarised(j.parameters) : j.parameters)
      .raw_field("tags", j.tags)
      // The original exposed Celery's task id; there is no broker here, the job id is the only handle.
      .field("celery_task_id", nullptr)
      .field("status", j.status)
      .field("priority", j.priority)
      .field("progress", j.progress)
      .field("current_step", j.current_step);
  if (j.result) {
    w.raw_field("result", summary ? summarised(*j.result) : *j.result);
  } else {
    w.field("result", nullptr);
  }
  w.field("error", j.error)
      .field("attempts", j.attempts)
      .field("max_attempts", j.max_attempts)
      .raw_field("attempt_history", j.attempt_history)
      .field("timeout_seconds", j.timeout_seconds)
      .field("dedup_key", j.dedup_key)
      .field("run_at", j.run_at)
      .field("schedule_id", j.schedule_id)
      .field("cancel_requested_at", j.cancel_requested_at)
      .field("created_by", j.created_by)
      .field("created_at", j.created_at)
      .field("dispatched_at", j.dispatched_at)
      .field("started_at", j.started_at)
      .field("completed_at", j.completed_at)
      .field("updated_at", j.updated_at)
      .field("duration_seconds", j.duration_seconds())
      .field("is_terminal", j.terminal())
      .field("is_active", j.active())
      .end_object();
}

}  // namespace

const validation::ObjectSpec& job_create_spec() {
  static const validation::ObjectSpec spec = [] {
    validation::ObjectSpec s("JobCreate", "A job to run in the background");
    s.field("project_id").integer(1).not_null().describe("Project to act in (else X-Project-ID or default)");
    s.field("job_type")
        .string(1, 50)
        .required()
        .not_null()
        .example("batch_import")
        .describe("One of the supported job types; anything else is a 422 naming them");
    s.field("parameters")
        .object(8 * 1024 * 1024)
        .not_null()
        .describe("Input of the job, checked by its type");
    s.field("tags").object(16384).not_null();
    s.field("priority").integer(1, 10).not_null().default_value(5).describe("10 runs first");
    s.field("max_attempts").integer(1, 20).not_null().default_value(3);
    s.field("timeout_seconds").integer(1, 86400).not_null().default_value(600);
    s.field("dedup_key")
        .string(1, 255)
        .describe("While a job with this key is pending or running, creating another returns that job");
    s.field("dispatch")
        .boolean()
        .not_null()
        .default_value(false)
        .describe("Queue at once (otherwise POST /jobs/{id}/dispatch does)");
    s.field("delay_seconds").integer(0, 3600).not_null().describe("With dispatch: run no earlier than this");
    s.field("run_at").date_time().not_null().describe(
        "With dispatch: run no earlier than this time (RFC 3339, at most a year ahead); not with "
        "delay_seconds");
    s.field("created_by").integer(1).describe("Ignored: the job belongs to the authenticated caller");
    return s;
  }();
  return spec;
}

const validation::ObjectSpec& job_patch_spec() {
  static const validation::ObjectSpec spec = [] {
    validation::ObjectSpec s("JobPatch",
                             "Changes a job. Status, progress and results belong to the worker running it; "
                             "use /cancel to stop a job.");
    s.field("priority").integer(1, 10).not_null();
    s.field("tags").object(16384).not_null();
    s.field("parameters").object(8 * 1024 * 1024).not_null().describe("Only while pending");
    s.field("max_attempts").integer(1, 20).not_null();
    s.field("timeout_seconds").integer(1, 86400).not_null();
    return s;
  }();
  return spec;
}

}  // namespace cc
