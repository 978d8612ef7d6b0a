#include "events/event.hpp"

#include <boost/json/parse.hpp>

#include "core/json_writer.hpp"
#include "domain/job.hpp"

namespace cc::events {

namespace {

// Events travel between processes as rows of the events table; a job's result above this size stays in
// the job row and the receiving process reads it from there.
constexpr std::size_t kMaxWireResult = 16 * 1024;

// `with_result`: the job's result can be large (an import's per-row report); project subscribers get the
// state only and fetch the job if they want it, the job's own WebSocket and other processes get it whole.
void write_job_state(JsonWriter& w, const JobState& j, bool with_result) {
  w.begin_object()
      .field("job_id", j.job_id)
      .field("job_type", j.job_type)
      .field("status", j.status)
      .field("progress", j.progress)
      .field("current_step", j.current_step)
      .field("attempts", j.attempts);
  if (j.terminal()) {
    if (with_result && j.result && j.result->size() > kMaxWireResult) {
      w.field("result", nullptr).field("result_omitted", true);
    } else if (with_result && j.result) {
      w.raw_field("result", *j.result);
    } else if (with_result) {
      w.field("result", nullptr);
    }
    w.field("error", j.error);
  }
  w.end_object();
}

std::optional<std::string> opt_string(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

}  // namespace

bool JobState::terminal() const {
  return is_terminal_job_status(status);
}

JobState JobState::of(const Job& job) {
  JobState s;
  s.job_id = job.id;
  s.job_type = job.job_type;
  s.status = job.status;
  s.progress = job.progress;
  s.current_step = job.current_step;
  s.result = job.result;
  s.error = job.error;
  s.attempts = job.attempts;
  return s;
}

Event::Event(std::string_view type, std::int64_t project_id, JobState job, Timestamp at)
    : type_(type), project_id_(project_id), job_(std::move(job)), at_(at) {
  JsonWriter w;
  write_job_state(w, *job_, false);
  data_ = w.take();
  render();
}

Event::Event(std::string type, std::int64_t project_id, std::string data, Timestamp at)
    : type_(std::move(type)), project_id_(project_id), data_(std::move(data)), at_(at) {
  render();
}

void Event::render() {
  JsonWriter w(data_.size() + 128);
  w.begin_object()
      .field("type", "event")
      .field("event", type_)
      .field("project_id", project_id_)
      .raw_field("data", data_)
      .field("timestamp", at_)
      .end_object();
  message_ = std::make_shared<const std::string>(w.take());
}

std::string Event::to_wire() const {
  if (!job_ || !job_->result) return *message_;
  JsonWriter data;
  write_job_state(data, *job_, true);
  JsonWriter w;
  w.begin_object()
      .field("type", "event")
      .field("event", type_)
      .field("project_id", project_id_)
      .raw_field("data", data.str())
      .field("timestamp", at_)
      .end_object();
  return w.take();
}

std::optional<Event> Event::from_wire(std::string_view text) {
  try {
    auto value = boost::json::parse(text);
    const auto& o = value.as_object();
    auto type = std::string(o.at("event").as_string());
    auto project_id = o.at("project_id").as_int64();
    auto at = parse_rfc3339(o.at("timestamp").as_string());
    if (!at) return std::nullopt;
    const auto& data = o.at("data").as_object();
    if (type.starts_with("job.")) {
      JobState s;
      s.job_id = data.at("job_id").as_int64();
      s.job_type = std::string(data.at("job_type").as_string());
      s.status = std::string(data.at("status").as_string());
      s.progress = static_cast<int>(data.at("progress").as_int64());
      s.current_step = opt_string(data, "current_step");
      s.attempts = static_cast<int>(data.at("attempts").as_int64());
      if (const auto* r = data.if_contains("result"); r && !r->is_null()) s.result = to_json_string(*r);
      if (const auto* o = data.if_contains("result_omitted"); o && o->is_bool())
        s.result_omitted = o->as_bool();
      s.error = opt_string(data, "error");
      return Event(type, project_id, std::move(s), *at);
    }
    return Event(std::move(type), project_id, to_json_string(o.at("data")), *at);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace cc::events
