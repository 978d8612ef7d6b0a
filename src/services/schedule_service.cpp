#include "services/schedule_service.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "jobs/job_handler.hpp"
#include "repositories/audit_repository.hpp"
#include "repositories/schedule_repository.hpp"
#include "services/change_events.hpp"

namespace cc::services {

using repositories::AuditRepository;
using repositories::ScheduleRepository;

namespace {

Error schedule_not_found(std::int64_t id) {
  return Error::not_found("Schedule", std::to_string(id));
}

// Planning fields: a change to any of them plans the next run again.
bool changes_timing(const FieldChanges& fields) {
  for (auto name : {"frequency", "cron_expression", "timezone", "start_time", "end_time", "enabled"}) {
    if (fields.has(name)) return true;
  }
  return false;
}

void plan(Schedule& s, Timestamp at) {
  s.next_run_at = s.enabled ? jobs::next_run(recurrence_of(s), at, s.run_count > 0) : std::nullopt;
}

}  // namespace

jobs::Recurrence recurrence_of(const Schedule& s) {
  jobs::Recurrence r;
  r.frequency = s.frequency;
  r.cron = s.cron_expression;
  r.timezone = s.timezone;
  r.start_time = s.start_time;
  r.end_time = s.end_time;
  return r;
}

std::string ScheduleService::check(const Schedule& s) const {
  jobs::validate_recurrence(recurrence_of(s));
  auto& handler = handlers_.require(s.task_type, "task_type");
  try {
    return handler.validate(boost::json::parse(s.task_parameters), s.project_id);
  } catch (const Error& e) {
    // Report the handler's findings under task_parameters, where the client put them.
    std::vector<FieldError> errors;
    for (auto f : e.errors()) {
      if (f.field.starts_with("parameters")) f.field = "task_" + f.field;
      errors.push_back(std::move(f));
    }
    if (errors.empty()) throw;
    throw Error::validation(std::move(errors));
  }
}

Schedule ScheduleService::create(const auth::ProjectScope& scope, const FieldChanges& fields,
                                 const auth::Actor& actor) {
  Schedule s;
  s.project_id = scope.project_id;
  apply_changes(s, fields);
  s.task_parameters = check(s);
  s.created_by = actor.user_id;
  s.created_at = s.updated_at = now();
  plan(s, s.created_at);
  return db_.write([&](db::Tx& tx) {
    s.id = ScheduleRepository::insert(tx, s);
    AuditRepository::record(tx, actor, scope.project_id, "schedule", std::to_string(s.id), "create",
                            std::nullopt, json_text(s));
    publish_change_after_commit(tx, events_, "schedule", "created", scope.project_id, s.id);
    return s;
  });
}

SchedulePage ScheduleService::list(const auth::ProjectScope& scope, const ScheduleQuery& query,
                                   std::int64_t offset, std::int64_t limit) {
  return db_.read([&](db::Tx& tx) {
    SchedulePage page;
    page.total = ScheduleRepository::count(tx, scope.project_id, query);
    if (page.total > offset)
      page.schedules = ScheduleRepository::list(tx, scope.project_id, query, offset, limit);
    return page;
  });
}

Schedule ScheduleService::get(const auth::ProjectScope& scope, std::int64_t id) {
  auto s = db_.read([&](db::Tx& tx) { return ScheduleRepository::find(tx, scope.project_id, id); });
  if (!s) throw schedule_not_found(id);
  return *s;
}

Schedule ScheduleService::update(const auth::ProjectScope& scope, std::int64_t id, const FieldChanges& fields,
                                 const auth::Actor& actor) {
  return db_.write([&](db::Tx& tx) {
    auto current = ScheduleRepository::find(tx, scope.project_id, id);
    if (!current) throw schedule_not_found(id);
    Schedule updated = *current;
    apply_changes(updated, fields);
    updated.task_parameters = check(updated);
    updated.updated_at = now();
    if (changes_timing(fields)) plan(updated, updated.updated_at);
    if (!ScheduleRepository::update(tx, updated, current->version)) {
      throw Error::conflict("The schedule changed while it was being updated; try again");
    }
    updated.version = current->version + 1;
    AuditRepository::record(tx, actor, scope.project_id, "schedule", std::to_string(id), "update",
                            json_text(*current), json_text(updated));
    publish_change_after_commit(tx, events_, "schedule", "updated", scope.project_id, id);
    return updated;
  });
}

Schedule ScheduleService::set_enabled(const auth::ProjectScope& scope, std::int64_t id, bool enabled,
                                      const auth::Actor& actor) {
  FieldChanges fields;
  fields.set("enabled", enabled);
  return update(scope, id, fields, actor);
}

void ScheduleService::remove(const auth::ProjectScope& scope, std::int64_t id, const auth::Actor& actor) {
  db_.write([&](db::Tx& tx) {
    auto current = ScheduleRepository::find(tx, scope.project_id, id);
    if (!current) throw schedule_not_found(id);
    ScheduleRepository::remove(tx, scope.project_id, id);
    AuditRepository::record(tx, actor, scope.project_id, "schedule", std::to_string(id), "delete",
                            json_text(*current), std::nullopt);
    publish_change_after_commit(tx, events_, "schedule", "deleted", scope.project_id, id);
  });
}

ScheduleExecution ScheduleService::execute(const auth::ProjectScope& scope, std::int64_t id, bool force,
                                           const auth::Actor& actor) {
  return db_.write([&](db::Tx& tx) {
    auto current = ScheduleRepository::find(tx, scope.project_id, id);
    if (!current) throw schedule_not_found(id);
    auto at = now();
    if (!current->active_at(at) && !force) {
      throw Error::conflict(
          "The schedule is disabled or outside its start/end window; pass force=true to run it "
          "anyway");
    }
    NewJob request;
    request.job_type = current->task_type;
    request.parameters = boost::json::parse(current->task_parameters);
    auto tags = boost::json::parse(current->tags);
    if (tags.is_object()) {
      tags.as_object()["schedule_id"] = current->id;
      request.tags = to_json_string(tags);
    }
    request.dispatch = true;
    request.schedule_id = current->id;
    auto created = jobs_.enqueue(tx, scope.project_id, std::move(request), actor.user_id);
    tx.exec("UPDATE schedules SET last_run_at = ?, run_count = run_count + 1, updated_at = ? WHERE id = ?",
            {at, at, id});
    AuditRepository::record(tx, actor, scope.project_id, "schedule", std::to_string(id), "execute",
                            std::nullopt, fmt::format("{{\"job_id\":{}}}", created.job.id));
    publish_change_after_commit(tx, events_, "schedule", "updated", scope.project_id, id);
    auto updated = *ScheduleRepository::find(tx, scope.project_id, id);
    return ScheduleExecution{updated, created.job, at};
  });
}

std::vector<Schedule> ScheduleService::due(const auth::ProjectScope& scope, int limit) {
  return db_.read(
      [&](db::Tx& tx) { return ScheduleRepository::due_in_project(tx, scope.project_id, now(), limit); });
}

ScheduleStatistics ScheduleService::statistics(const auth::ProjectScope& scope) {
  return db_.read([&](db::Tx& tx) { return ScheduleRepository::statistics(tx, scope.project_id); });
}

std::vector<Timestamp> ScheduleService::preview(const jobs::Recurrence& recurrence, Timestamp after,
                                                int count) {
  jobs::validate_recurrence(recurrence);
  std::vector<Timestamp> out;
  auto from = after;
  for (int i = 0; i < count; ++i) {
    auto next = jobs::next_run(recurrence, from, i > 0);
    if (!next) break;
    out.push_back(*next);
    from = *next;
  }
  return out;
}

}  // namespace cc::services
