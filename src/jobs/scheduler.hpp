#pragma once
// The scheduler loop of a worker process: fires due schedules by creating their jobs, and plans each
// schedule's next run. A due run is fired by exactly one process — the schedule's row is taken with
// FOR UPDATE SKIP LOCKED (PostgreSQL) and advanced by a compare-and-set on next_run_at, in the same
// transaction that creates the job. A scheduler that was down fires a missed run once, not once per missed
// period. Also does the housekeeping no request should wait for (expired WebSocket tickets, old relay
// events).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace cc::db {
class Database;
}
namespace cc::services {
class JobService;
}

namespace cc::jobs {

struct SchedulerOptions {
  std::chrono::milliseconds tick{1000};
  int batch = 100;
  std::chrono::hours events_retention{1};
  // Ended jobs older than this are deleted by housekeeping; none are while unset.
  std::optional<std::chrono::hours> job_retention;
};

class Scheduler {
 public:
  Scheduler(db::Database& database, services::JobService& jobs, SchedulerOptions options = {});
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void start();
  void stop();
  // Fires what is due now; returns how many runs it fired. The loop calls it every tick; tests call it
  // directly.
  int fire_due();
  // Deletes expired WebSocket tickets, relay events past their retention and, with a job retention, jobs
  // that ended before it. The loop calls it once a minute.
  void housekeeping();

 private:
  void loop();
  db::Database& db_;
  services::JobService& jobs_;
  SchedulerOptions options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cc::jobs
