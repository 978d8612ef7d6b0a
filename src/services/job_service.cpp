#include "services/job_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "events/event_bus.hpp"
#include "jobs/job_handler.hpp"
#include "repositories/audit_repository.hpp"
#include "repositories/job_repository.hpp"
#include "repositories/schedule_repository.hpp"

namespace cc::services {

using repositories::AuditRepository;
using repositories::JobRepository;

namespace {

Error job_not_found(std::int64_t id) {
  return Error::not_found("Job", std::to_string(id));
}

}  // namespace

void JobService::publish(std::string_view type, const Job& job) {
  events_.publish(events::Event(type, job.project_id, events::JobState::of(job)));
}

CreatedJob JobService::enqueue(db::Tx& tx, std::int64_t project_id, NewJob request,
                               std::optional<std::int64_t> created_by) {
  auto& handler = handlers_.require(request.job_type);
  if (request.dedup_key) {
    if (auto live = JobRepository::find_live_by_dedup_key(tx, project_id, *request.dedup_key)) {
      return CreatedJob{*live, json_text(*live), true, false};
    }
  }
  Job job;
  job.project_id = project_id;
  job.job_type = request.job_type;
  job.parameters = handler.validate(request.parameters, project_id);
  job.tags = request.tags;
  job.priority = request.priority;
  job.max_attempts = request.max_attempts;
  job.timeout_seconds = request.timeout_seconds;
  job.dedup_key = request.dedup_key;
  job.schedule_id = request.schedule_id;
  job.created_by = created_by;
  job.created_at = job.updated_at = now();
  if (request.dispatch) {
    job.dispatched_at = job.created_at;
    job.run_at = request.run_at ? std::max(*request.run_at, job.created_at)
                                : job.created_at + std::chrono::seconds(request.delay_seconds);
  }
  job.id = JobRepository::insert(tx, job);
  bool dispatched = request.dispatch;
  tx.after_commit([this, job, dispatched] {
    publish(events::type::JobCreated, job);
    if (dispatched) {
      publish(events::type::JobDispatched, job);
      if (wake_) wake_();
    }
  });
  return CreatedJob{job, json_text(job), false, false};
}

CreatedJob JobService::create(const auth::ProjectScope& scope, NewJob request,
                              const std::optional<IdempotencyRequest>& idempotency,
                              const auth::Actor& actor) {
  auto attempt = [&] {
    return db_.write([&](db::Tx& tx) {
      if (idempotency) {
        if (auto stored = replay_idempotent(tx, *idempotency)) {
          CreatedJob out;
          out.body = stored->response_body;
          out.job.id = std::stoll(stored->resource_id.value_or("0"));
          out.replayed = true;
          return out;
        }
      }
      auto created = enqueue(tx, scope.project_id, request, actor.user_id);
      if (!created.deduplicated) {
        AuditRepository::record(tx, actor, scope.project_id, "job", std::to_string(created.job.id), "create",
                                std::nullopt, created.body);
      }
      if (idempotency) {
        remember_idempotent(tx, *idempotency, created.deduplicated ? 200 : 201, created.body,
                            std::to_string(created.job.id));
      }
      return created;
    });
  };
  try {
    return attempt();
  } catch (const db::DbError& e) {
    // Two requests with the same dedup key raced: the unique index let one in; the other now finds it.
    if (e.kind() != db::DbError::Kind::UniqueViolation) throw;
  }
  return attempt();
}

JobPage JobService::list(const JobQuery& query, std::int64_t skip, std::int64_t limit) {
  return db_.read([&](db::Tx& tx) {
    JobPage page;
    page.total = JobRepository::count(tx, query);
    if (page.total > skip) page.jobs = JobRepository::list(tx, query, skip, limit);
    return page;
  });
}

Job JobService::get(const auth::ProjectScope& scope, std::int64_t id) {
  auto job = db_.read([&](db::Tx& tx) { return JobRepository::find(tx, scope.project_id, id); });
  if (!job) throw job_not_found(id);
  return *job;
}

std::optional<Job> JobService::find(std::int64_t id) {
  return db_.read([&](db::Tx& tx) { return JobRepository::find_any(tx, id); });
}

Job JobService::update(const auth::ProjectScope& scope, std::int64_t id, const boost::json::object& changes,
                       const auth::Actor& actor) {
  auto job = db_.write([&](db::Tx& tx) {
    auto current = JobRepository::find(tx, scope.project_id, id);
    if (!current) throw job_not_found(id);
    Job updated = *current;
    for (const auto& member : changes) {
      std::string_view key = member.key();
      const auto& v = member.value();
      if (key == "priority") updated.priority = static_cast<int>(v.as_int64());
      if (key == "max_attempts") updated.max_attempts = static_cast<int>(v.as_int64());
      if (key == "timeout_seconds") updated.timeout_seconds = static_cast<int>(v.as_int64());
      if (key == "tags") updated.tags = to_json_string(v);
      if (key == "parameters") {
        if (current->status != job_status::Pending) {
          throw Error::conflict(fmt::format("The parameters of a {} job cannot change", current->status));
        }
        updated.parameters = handlers_.require(current->job_type).validate(v, scope.project_id);
      }
    }
    updated.updated_at = now();
    JobRepository::update_settings(tx, updated);
    AuditRepository::record(tx, actor, scope.project_id, "job", std::to_string(id), "update",
                            json_text(*current), json_text(updated));
    return updated;
  });
  publish(events::type::JobUpdated, job);
  return job;
}

void JobService::remove(const auth::ProjectScope& scope, std::int64_t id, const auth::Actor& actor) {
  auto removed = db_.write([&](db::Tx& tx) {
    auto current = JobRepository::find(tx, scope.project_id, id);
    if (!current) throw job_not_found(id);
    if (current->status == job_status::Running) {
      throw Error::conflict("The job is running: cancel it first, then delete it");
    }
    JobRepository::remove_unless_running(tx, scope.project_id, id);
    AuditRepository::record(tx, actor, scope.project_id, "job", std::to_string(id), "delete",
                            json_text(*current), std::nullopt);
    return *current;
  });
  publish(events::type::JobDeleted, removed);  // its WebSocket clients are told it is gone
}

Job JobService::dispatch(const auth::ProjectScope& scope, std::int64_t id, int delay_seconds,
                         const auth::Actor& actor) {
  auto job = db_.write([&](db::Tx& tx) {
    auto current = JobRepository::find(tx, scope.project_id, id);
    if (!current) throw job_not_found(id);
    if (current->status != job_status::Pending) {
      throw Error::conflict(
          fmt::format("Only a pending job can be dispatched; this one is {}", current->status));
    }
    auto at = now();
    JobRepository::dispatch(tx, id, at + std::chrono::seconds(delay_seconds), at);
    auto updated = JobRepository::find(tx, scope.project_id, id);
    AuditRepository::record(tx, actor, scope.project_id, "job", std::to_string(id), "dispatch", std::nullopt,
                            std::nullopt);
    return *updated;
  });
  publish(events::type::JobDispatched, job);
  if (wake_) wake_();
  return job;
}

Job JobService::cancel(const auth::ProjectScope& scope, std::int64_t id, const auth::Actor& actor) {
  bool running = false;
  auto job = db_.write([&](db::Tx& tx) {
    auto current = JobRepository::find(tx, scope.project_id, id);
    if (!current) throw job_not_found(id);
    if (current->terminal()) {
      throw Error::conflict(fmt::format("The job has already ended ({})", current->status));
    }
    auto at = now();
    if (JobRepository::cancel_pending(tx, id, at)) {
      // A scheduled run that never happened counts against its schedule, as a cancelled running one does.
      if (current->schedule_id) {
        repositories::ScheduleRepository::record_outcome(tx, *current->schedule_id, false,
                                                         std::string("Cancelled before it started"), at);
      }
    } else {
      JobRepository::request_cancel(tx, id, at);
      running = true;
    }
    AuditRepository::record(tx, actor, scope.project_id, "job", std::to_string(id), "cancel", std::nullopt,
                            std::nullopt);
    return *JobRepository::find(tx, scope.project_id, id);
  });
  if (running) {
    // The worker running it stops at its next progress step; the cancelled event comes from the worker. A
    // worker in another process learns of the request from this event.
    publish(events::type::JobCancelRequested, job);
    if (cancel_) cancel_(id);
  } else {
    publish(events::type::JobCancelled, job);
  }
  return job;
}

Job JobService::rerun(const auth::ProjectScope& scope, std::int64_t id, const auth::Actor& actor) {
  auto attempt = [&] {
    return db_.write([&](db::Tx& tx) {
      auto current = JobRepository::find(tx, scope.project_id, id);
      if (!current) throw job_not_found(id);
      if (current->status != job_status::Failed && current->status != job_status::Cancelled) {
        throw Error::conflict(
            fmt::format("Only a failed or cancelled job can be re-run; this one is {}", current->status));
      }
      handlers_.require(current->job_type);
      if (current->dedup_key) {
        // Its dedup key stands for one live job at a time; a newer job holds it now.
        if (auto live = JobRepository::find_live_by_dedup_key(tx, scope.project_id, *current->dedup_key)) {
          throw Error::conflict(fmt::format(
              "Job {} with the same dedup_key '{}' is {}; re-run this one when it has ended, or use that one",
              live->id, *current->dedup_key, live->status));
        }
      }
      JobRepository::rerun(tx, id, now());
      // The run's failure was counted when it ended; its re-run's outcome will be counted instead, so that a
      // schedule's successes and failures add up to its runs that ended.
      if (current->schedule_id) repositories::ScheduleRepository::retract_failure(tx, *current->schedule_id);
      AuditRepository::record(tx, actor, scope.project_id, "job", std::to_string(id), "rerun", std::nullopt,
                              std::nullopt);
      return *JobRepository::find(tx, scope.project_id, id);
    });
  };
  std::optional<Job> rerun;
  try {
    rerun = attempt();
  } catch (const db::DbError& e) {
    // A job with the same dedup key was created or re-run concurrently (PostgreSQL): the unique index let
    // that one in; this attempt now sees it and answers 409.
    if (e.kind() != db::DbError::Kind::UniqueViolation) throw;
    rerun = attempt();
  }
  const Job& job = *rerun;
  publish(events::type::JobDispatched, job);
  if (wake_) wake_();
  return job;
}

JobStatistics JobService::statistics(const auth::ProjectScope& scope,
                                     std::optional<std::string_view> type_prefix) {
  return db_.read([&](db::Tx& tx) { return JobRepository::statistics(tx, scope.project_id, type_prefix); });
}

std::vector<std::string> JobService::supported_types() const {
  return handlers_.types();
}

}  // namespace cc::services
