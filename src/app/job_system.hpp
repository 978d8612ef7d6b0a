#pragma once
// Background work of one process, assembled: the event bus, the job handlers, the job service, and — as the
// process's role asks — the worker pool, the scheduler, and the relay that carries events to other processes
// over PostgreSQL. `serve` and `worker` both build one.
#include <chrono>
#include <memory>
#include <string>

#include "core/config.hpp"
#include "db/database.hpp"
#include "events/event_bus.hpp"
#include "jobs/job_handler.hpp"
#include "services/job_service.hpp"

namespace cc::jobs {
class JobRunner;
class Scheduler;
}  // namespace cc::jobs
namespace cc::events {
class PostgresRelay;
}

namespace cc::app {

class JobSystem {
 public:
  // `exclusive`: this process is the only one on the database (embedded SQLite).
  JobSystem(db::Database& database, const std::string& database_url, const JobsConfig& config,
            bool exclusive);
  ~JobSystem();
  JobSystem(const JobSystem&) = delete;
  JobSystem& operator=(const JobSystem&) = delete;

  events::EventBus& events() { return events_; }
  const jobs::HandlerRegistry& handlers() const { return handlers_; }
  services::JobService& jobs() { return *jobs_; }

  void start();
  // This process's job and event counters in the Prometheus text format (appended to /metrics).
  void render_metrics(std::string& out) const;
  // "workers" and "scheduler" members for /health/detailed: whether this process runs them, and what its
  // workers are doing.
  void write_health(JsonWriter& w) const;
  // Stops the scheduler, lets running jobs finish within the configured grace, stops the relay. False when a
  // handler could not be stopped.
  bool stop();

 private:
  db::Database& database_;
  JobsConfig config_;
  events::EventBus events_;
  jobs::HandlerRegistry handlers_;
  std::unique_ptr<services::JobService> jobs_;
  std::unique_ptr<jobs::JobRunner> runner_;
  std::unique_ptr<jobs::Scheduler> scheduler_;
  std::unique_ptr<events::PostgresRelay> relay_;
  events::Subscription wake_on_remote_;
};

}  // namespace cc::app
