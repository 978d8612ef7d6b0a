#include "jobs/scheduler.hpp"

#include <boost/json/parse.hpp>

#include "core/json_writer.hpp"
#include "core/logging.hpp"
#include "db/database.hpp"
#include "repositories/job_repository.hpp"
#include "repositories/schedule_repository.hpp"
#include "services/job_service.hpp"
#include "services/schedule_service.hpp"

namespace cc::jobs {

using repositories::JobRepository;
using repositories::ScheduleRepository;

Scheduler::Scheduler(db::Database& database, services::JobService& jobs, SchedulerOptions options)
    : db_(database), jobs_(jobs), options_(options) {}

Scheduler::~Scheduler() {
  stop();
}

void Scheduler::start() {
  thread_ = std::thread([this] { loop(); });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int Scheduler::fire_due() {
  int fired = 0;
  db_.write([&](db::Tx& tx) {
    fired = 0;
    auto at = now();
    for (auto& s : ScheduleRepository::due(tx, at, options_.batch)) {
      auto planned = *s.next_run_at;
      // The next run after now (a scheduler that was down fires a missed run once).
      auto next = next_run(services::recurrence_of(s), at, true);
      bool still_enabled = s.frequency != "once" && next.has_value();
      if (!ScheduleRepository::record_fire(tx, s, planned, still_enabled ? next : std::nullopt, still_enabled,
                                           at)) {
        continue;  // another scheduler fired this run
      }
      services::NewJob request;
      request.job_type = s.task_type;
      try {
        request.parameters = boost::json::parse(s.task_parameters);
        auto tags = boost::json::parse(s.tags);
        if (tags.is_object()) {
          tags.as_object()["schedule_id"] = s.id;
          request.tags = to_json_string(tags);
        }
        request.dispatch = true;
        request.schedule_id = s.id;
        jobs_.enqueue(tx, s.project_id, std::move(request), s.created_by);
        ++fired;
      } catch (const std::exception& e) {
        // The schedule's job could not be created (its type is no longer supported, its parameters no longer
        // valid): that run counts as failed.
        ScheduleRepository::record_outcome(tx, s.id, false,
                                           std::string("could not create the job: ") + e.what(), at);
        log::warn("scheduler.job_not_created", {{"schedule_id", s.id}, {"error", e.what()}});
      }
    }
  });
  return fired;
}

void Scheduler::housekeeping() {
  auto at = now();
  db_.write([&](db::Tx& tx) {
    tx.exec("DELETE FROM ws_tickets WHERE expires_at < ?", {at});
    tx.exec("DELETE FROM events WHERE created_at < ?", {at - options_.events_retention});
  });
  if (!options_.job_retention) return;
  // In batches, each its own transaction, so that a large backlog (retention just switched on) never holds
  // the writer for long; what is left goes at the next round.
  constexpr int kBatch = 1000;
  std::int64_t purged = 0;
  for (int round = 0; round < 20; ++round) {
    std::int64_t n = 0;
    db_.write(
        [&](db::Tx& tx) { n = JobRepository::purge_finished(tx, at - *options_.job_retention, kBatch); });
    purged += n;
    if (n < kBatch) break;
  }
  if (purged > 0)
    log::info("jobs.purged", {{"jobs", purged}, {"older_than_hours", options_.job_retention->count()}});
}

void Scheduler::loop() {
  auto next_housekeeping = std::chrono::steady_clock::now();
  while (true) {
    try {
      fire_due();
      if (std::chrono::steady_clock::now() >= next_housekeeping) {
        next_housekeeping = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        housekeeping();
      }
    } catch (const std::exception& e) {
      log::warn("scheduler.tick_failed", {{"error", e.what()}});
    }
    std::unique_lock lock(mutex_);
    if (cv_.wait_for(lock, options_.tick, [&] { return stopping_; })) return;
  }
}

}  // namespace cc::jobs
