#include "api/job_json.hpp"

#include "core/json_writer.hpp"

namespace cc::api {

http::Response job_list_response(const services::JobPage& page, const PageRequest& request) {
  JsonWriter w(1024 * (page.jobs.size() + 1));
  w.begin_object().key("jobs").begin_array();
  for (const auto& job : page.jobs) write_json_summary(w, job);
  w.end_array()
      .field("total", page.total)
      .field("skip", request.offset)
      .field("limit", request.limit)
      .field("page", request.page)
      .field("page_size", request.limit)
      .end_object();
  return http::Response::json(200, w.take());
}

http::Response job_progress_response(const Job& j) {
  JsonWriter w;
  w.begin_object()
      .field("job_id", j.id)
      .field("status", j.status)
      .field("progress", j.progress)
      .field("current_step", j.current_step)
      .field("is_terminal", j.terminal())
      .field("is_active", j.active())
      .field("attempts", j.attempts)
      .field("max_attempts", j.max_attempts)
      .field("cancel_requested_at", j.cancel_requested_at)
      .field("created_at", j.created_at)
      .field("started_at", j.started_at)
      .field("completed_at", j.completed_at)
      .field("duration_seconds", j.duration_seconds())
      .end_object();
  return http::Response::json(200, w.take());
}

namespace {

void write_by_status(JsonWriter& w, const JobStatistics& s) {
  w.key("by_status")
      .begin_object()
      .field("pending", s.pending)
      .field("running", s.running)
      .field("completed", s.completed)
      .field("failed", s.failed)
      .field("cancelled", s.cancelled)
      .end_object();
}

}  // namespace

http::Response job_statistics_response(const JobStatistics& s) {
  JsonWriter w;
  w.begin_object().field("total", s.total);
  write_by_status(w, s);
  w.field("success_rate", s.success_rate())
      .field("average_duration_seconds", s.average_duration_seconds)
      .field("active_jobs", s.pending + s.running)
      .end_object();
  return http::Response::json(200, w.take());
}

http::Response batch_statistics_response(const JobStatistics& s) {
  JsonWriter w;
  w.begin_object().field("total_batches", s.total).field("active_batches", s.pending + s.running);
  w.key("by_type").begin_object();
  for (const auto& [type, n] : s.by_type) w.field(type, n);
  w.end_object();
  write_by_status(w, s);
  w.field("average_duration_seconds", s.average_duration_seconds)
      .field("success_rate", s.success_rate())
      .end_object();
  return http::Response::json(200, w.take());
}

}  // namespace cc::api
