#include "app/job_system.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/crypto.hpp"
#include "core/json_writer.hpp"
#include "core/logging.hpp"
#include "events/postgres_relay.hpp"
#include "jobs/handlers/batch_import.hpp"
#include "jobs/job_runner.hpp"
#include "jobs/scheduler.hpp"

namespace cc::app {

JobSystem::JobSystem(db::Database& database, const std::string& database_url, const JobsConfig& config,
                     bool exclusive)
    : database_(database), config_(config) {
  // Only handlers that do real work are registered (a type without one is refused when a job is created).
  handlers_.add(jobs::make_batch_import_handler(database_, events_));
  jobs_ = std::make_unique<services::JobService>(database_, handlers_, events_);

  if (config_.workers > 0) {
    jobs::RunnerOptions options;
    options.workers = config_.workers;
    options.lease = config_.lease;
    options.heartbeat = config_.heartbeat;
    options.abandon_after = config_.abandon_after;
    options.retry.base = config_.retry_base;
    options.exclusive = exclusive;
    for (const auto& [type, limit] : config_.type_limits) {
      if (!handlers_.find(type)) {
        throw std::invalid_argument(fmt::format("--job-concurrency: no job type {:?}; the types are {}", type,
                                                fmt::join(handlers_.types(), ", ")));
      }
      options.type_limits.emplace(type, limit);
    }
    runner_ = std::make_unique<jobs::JobRunner>(database_, handlers_, events_, options);
    auto* runner = runner_.get();
    jobs_->on_dispatch([runner] { runner->wake(); });
    jobs_->on_cancel([runner](std::int64_t id) { runner->cancel_if_running(id); });
    // Jobs queued or cancelled by other processes reach us as events.
    wake_on_remote_ = events_.subscribe_all([runner](const events::EventPtr& e) {
      if (e->type() == events::type::JobDispatched || e->type() == events::type::JobRetrying) runner->wake();
      if (e->type() == events::type::JobCancelRequested && e->job())
        runner->cancel_if_running(e->job()->job_id);
    });
  }
  if (config_.scheduler) {
    jobs::SchedulerOptions options;
    if (config_.retention_days > 0) options.job_retention = std::chrono::hours(24 * config_.retention_days);
    scheduler_ = std::make_unique<jobs::Scheduler>(database_, *jobs_, options);
  }
  if (database_.dialect() == db::Dialect::Postgres) {
    std::string origin = runner_ ? runner_->owner() : std::string();
    if (origin.empty()) origin = "web:" + crypto::random_token(12);
    relay_ = std::make_unique<events::PostgresRelay>(events_, database_, database_url, origin);
  }
}

JobSystem::~JobSystem() {
  stop();
}

void JobSystem::start() {
  if (relay_) relay_->start();
  if (runner_) runner_->start();
  if (scheduler_) scheduler_->start();
  log::info("jobs.started", {{"workers", config_.workers},
                             {"scheduler", config_.scheduler},
                             {"handlers", static_cast<std::int64_t>(handlers_.types().size())}});
}

bool JobSystem::stop() {
  if (scheduler_) scheduler_->stop();
  bool clean = true;
  if (runner_)
    clean = runner_->stop(std::chrono::duration_cast<std::chrono::milliseconds>(config_.stop_grace));
  wake_on_remote_.reset();
  if (relay_) relay_->stop();
  return clean;
}

void JobSystem::write_health(JsonWriter& w) const {
  w.key("workers").begin_object();
  if (runner_) {
    auto s = runner_->statistics();
    w.field("status", "healthy")
        .field("threads", config_.workers)
        .field("executing", s.executing)
        .field("waiting", s.waiting)
        .field("completed", static_cast<std::int64_t>(s.completed))
        .field("failed", static_cast<std::int64_t>(s.failed))
        .field("abandoned", static_cast<std::int64_t>(s.abandoned));
  } else {
    w.field("status", "disabled");  // --no-workers: other processes run the jobs
  }
  w.end_object();
  w.key("scheduler").begin_object().field("status", scheduler_ ? "healthy" : "disabled").end_object();
}

void JobSystem::render_metrics(std::string& out) const {
  out += "# HELP events_published_total Events published by this process (jobs and resource changes).\n";
  out += "# TYPE events_published_total counter\n";
  out += fmt::format("events_published_total {}\n", events_.published());
  out += "# HELP events_subscribers Live subscriptions to the event bus (WebSocket clients among them).\n";
  out += "# TYPE events_subscribers gauge\n";
  out += fmt::format("events_subscribers {}\n", events_.subscriber_count());
  if (!runner_) return;  // --no-workers: jobs run in other processes, which count them
  auto s = runner_->statistics();
  out += "# HELP jobs_worker_events_total What this process's workers did with jobs, by outcome.\n";
  out += "# TYPE jobs_worker_events_total counter\n";
  const std::pair<const char*, std::uint64_t> outcomes[] = {
      {"claimed", s.claimed},     {"completed", s.completed}, {"failed", s.failed},
      {"retried", s.retried},     {"cancelled", s.cancelled}, {"recovered", s.recovered},
      {"abandoned", s.abandoned},
  };
  for (const auto& [outcome, n] : outcomes) {
    out += fmt::format("jobs_worker_events_total{{outcome=\"{}\"}} {}\n", outcome, n);
  }
  out += "# HELP jobs_worker_executing Jobs running in this process's workers now.\n";
  out += "# TYPE jobs_worker_executing gauge\n";
  out += fmt::format("jobs_worker_executing {}\n", s.executing);
  out += "# HELP jobs_worker_waiting Jobs claimed by this process and waiting for a free worker.\n";
  out += "# TYPE jobs_worker_waiting gauge\n";
  out += fmt::format("jobs_worker_waiting {}\n", s.waiting);
}

}  // namespace cc::app
