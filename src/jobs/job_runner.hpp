#pragma once
// The worker pool of one process. It claims due jobs from the queue (the jobs table) under a lease, runs
// their handlers on its own threads, keeps the leases alive with heartbeats, and records each outcome:
// completed, failed (retried with backoff while attempts remain), or cancelled. It also returns to the queue
// the jobs of workers that died (their lease expired), and abandons a handler that ignores a cancellation or
// its timeout for longer than a bounded time.
//
// Throughput: a claim takes a batch of jobs in one statement and outcomes are written in batches by one
// finisher thread, so a queue of short jobs costs two commits per batch rather than two per job. Short job
// types (observed to take under `fast_job_threshold`) are prefetched ahead of free threads; long ones are
// claimed only when a thread is free, so that in scale-out one process does not hoard work others could run.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "jobs/retry_policy.hpp"

namespace cc::db {
class Database;
}
namespace cc::events {
class EventBus;
}

namespace cc::jobs {

class HandlerRegistry;

struct RunnerOptions {
  std::string owner;   // unique name of this worker process; generated when empty
  int workers = 4;     // handler threads
  int prefetch = 256;  // jobs of short types claimed ahead of free threads
  int claim_batch = 128;
  std::chrono::milliseconds fast_job_threshold{20};
  std::chrono::milliseconds idle_poll{1000};  // looks for due jobs at least this often
  std::chrono::seconds lease{30};
  std::chrono::seconds heartbeat{10};
  // After a cancellation or timeout is noticed, how long a handler may take to stop before it is abandoned.
  std::chrono::seconds abandon_after{15};
  std::chrono::milliseconds progress_persist_interval{250};
  RetryPolicy retry;
  // This process is the only one using the database (embedded SQLite, guarded by the data-dir lock): jobs
  // left running by an earlier process are recovered at start instead of after their lease expires.
  bool exclusive = false;
  // Per job type, at most this many run at once in this runner; overrides the handler's own limit.
  std::map<std::string, int, std::less<>> type_limits;
};

struct RunnerStatistics {
  std::uint64_t claimed = 0, completed = 0, failed = 0, retried = 0, cancelled = 0, recovered = 0,
                abandoned = 0;
  int executing = 0, waiting = 0;
};

class JobRunner {
 public:
  JobRunner(db::Database& database, const HandlerRegistry& handlers, events::EventBus& events,
            RunnerOptions options);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  void start();
  // Stops claiming; running handlers get `grace` to finish, then are interrupted and their jobs handed back
  // to the queue. Returns false when a handler could not be stopped (its thread is left behind).
  bool stop(std::chrono::milliseconds grace);
  // Due work may be waiting (a job was dispatched): claim now instead of at the next poll.
  void wake();
  // A user asked to cancel a job; if it runs here it sees the request at its next progress step.
  void cancel_if_running(std::int64_t job_id);
  const std::string& owner() const;
  RunnerStatistics statistics() const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace cc::jobs
