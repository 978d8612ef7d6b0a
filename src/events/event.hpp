#pragma once
// A typed event: something changed in a project. Job events carry the job's state so that a WebSocket client
// never has to ask the database; resource events carry the resource id. Events are immutable once built and
// shared between every subscriber that receives them.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace cc {
struct Job;
}

namespace cc::events {

// The event types. Resource events are "<resource>.<created|updated|deleted>".
namespace type {
inline constexpr std::string_view JobCreated = "job.created";
inline constexpr std::string_view JobDispatched = "job.dispatched";
inline constexpr std::string_view JobStarted = "job.started";
inline constexpr std::string_view JobProgress = "job.progress";
inline constexpr std::string_view JobRetrying = "job.retrying";
inline constexpr std::string_view JobCompleted = "job.completed";
inline constexpr std::string_view JobFailed = "job.failed";
inline constexpr std::string_view JobCancelled = "job.cancelled";
// A running job was asked to stop: the process running it cancels it at its next progress step.
inline constexpr std::string_view JobCancelRequested = "job.cancel_requested";
inline constexpr std::string_view JobDeleted = "job.deleted";
// Its settings (priority, attempts, timeout, tags, parameters) changed.
inline constexpr std::string_view JobUpdated = "job.updated";
}  // namespace type

struct JobState {
  std::int64_t job_id = 0;
  std::string job_type;
  std::string status;
  int progress = 0;
  std::optional<std::string> current_step;
  std::optional<std::string> result;  // JSON text, on completion
  // Set on an event read from another process when the result was too large to travel with it: the
  // receiver reads it from the job row.
  bool result_omitted = false;
  std::optional<std::string> error;
  int attempts = 0;

  bool terminal() const;
  static JobState of(const Job& job);
};

class Event {
 public:
  // A job event.
  Event(std::string_view type, std::int64_t project_id, JobState job, Timestamp at = now());
  // A resource event; `data` is a JSON object text such as {"id":7}.
  Event(std::string type, std::int64_t project_id, std::string data, Timestamp at = now());

  const std::string& type() const { return type_; }
  std::int64_t project_id() const { return project_id_; }
  const std::optional<JobState>& job() const { return job_; }
  const std::string& data() const { return data_; }
  Timestamp at() const { return at_; }

  // What /api/v1/ws sends: {"type":"event","event":…,"project_id":…,"data":{…},"timestamp":…}. Built once
  // and shared by every subscriber.
  const std::shared_ptr<const std::string>& message() const { return message_; }

  // The form stored in the events table to cross processes, and back. from_wire returns nullopt for text
  // that is not an event (a newer or corrupted row is skipped, not fatal).
  std::string to_wire() const;
  static std::optional<Event> from_wire(std::string_view text);

 private:
  void render();
  std::string type_;
  std::int64_t project_id_ = 0;
  std::optional<JobState> job_;
  std::string data_;
  Timestamp at_;
  std::shared_ptr<const std::string> message_;
};

}  // namespace cc::events
