#pragma once
// A background job: a row of the `jobs` table, which is also the queue (DESIGN.md §7). Its life:
// pending (created) → dispatched (run_at set) → running (claimed under a lease) → completed | failed |
// cancelled. A failed attempt goes back to pending with a later run_at until max_attempts is used up.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace cc {

class JsonWriter;

namespace job_status {
inline constexpr std::string_view Pending = "pending";
inline constexpr std::string_view Running = "running";
inline constexpr std::string_view Completed = "completed";
inline constexpr std::string_view Failed = "failed";
inline constexpr std::string_view Cancelled = "cancelled";
}  // namespace job_status

const std::vector<std::string>& job_statuses();
bool is_terminal_job_status(std::string_view status);

struct Job {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string job_type;
  std::string status = std::string(job_status::Pending);
  int priority = 5;
  std::string parameters = "{}";      // JSON object text
  std::string tags = "{}";            // JSON object text
  std::optional<std::string> result;  // JSON text
  std::optional<std::string> error;
  int progress = 0;
  std::optional<std::string> current_step;
  std::optional<Timestamp> run_at;  // nullopt: not dispatched
  int attempts = 0;
  int max_attempts = 3;
  int timeout_seconds = 600;
  std::optional<std::string> dedup_key;
  std::optional<std::string> lease_owner;
  std::optional<Timestamp> lease_expires_at;
  std::optional<Timestamp> cancel_requested_at;
  std::string attempt_history =
      "[]";  // JSON array of {attempt, worker, started_at, finished_at, outcome, error}
  std::optional<std::int64_t> schedule_id;
  std::optional<std::int64_t> created_by;
  Timestamp created_at;
  std::optional<Timestamp> dispatched_at;
  std::optional<Timestamp> started_at;
  std::optional<Timestamp> completed_at;
  Timestamp updated_at;

  bool terminal() const { return is_terminal_job_status(status); }
  bool active() const { return status == job_status::Pending || status == job_status::Running; }
  std::optional<double> duration_seconds() const;
};

void write_json(JsonWriter& w, const Job& job);
// For lists: a large `parameters` or `result` (an import's rows and report run to megabytes) keeps only its
// small members and names the rest in "_omitted"; GET /api/v1/jobs/{id} has everything.
void write_json_summary(JsonWriter& w, const Job& job);

// POST /api/v1/jobs. `parameters` are checked by the handler of `job_type`.
const validation::ObjectSpec& job_create_spec();
// PATCH /api/v1/jobs/{id}: what a client may change; state and progress belong to the worker.
const validation::ObjectSpec& job_patch_spec();

struct JobQuery {
  std::optional<std::int64_t> project_id;  // always set by the API: the caller's project
  std::vector<std::string> statuses;
  std::optional<std::string> job_type;
  std::optional<std::int64_t> schedule_id;
};

struct JobStatistics {
  std::int64_t total = 0;
  std::int64_t pending = 0, running = 0, completed = 0, failed = 0, cancelled = 0;
  std::optional<double> average_duration_seconds;
  std::vector<std::pair<std::string, std::int64_t>> by_type;  // sorted by type

  // Completed out of completed + failed, in percent; none while nothing has ended either way.
  std::optional<double> success_rate() const {
    if (completed + failed == 0) return std::nullopt;
    return 100.0 * static_cast<double>(completed) / static_cast<double>(completed + failed);
  }
};

}  // namespace cc
