#pragma once
// Schedules as the API sees them. Creating or changing one checks its job type and parameters with the
// handler, its time zone and cron expression, and plans its next run (jobs/recurrence.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/field_changes.hpp"
#include "domain/schedule.hpp"
#include "jobs/recurrence.hpp"
#include "services/job_service.hpp"

namespace cc::events {
class EventBus;
}

namespace cc::services {

struct SchedulePage {
  std::vector<Schedule> schedules;
  std::int64_t total = 0;
};

struct ScheduleExecution {
  Schedule schedule;
  Job job;
  Timestamp executed_at;
};

class ScheduleService {
 public:
  // `events` (may be null) hears of every created, updated and deleted schedule once it has committed.
  ScheduleService(db::Database& db, const jobs::HandlerRegistry& handlers, JobService& jobs,
                  events::EventBus* events = nullptr)
      : db_(db), handlers_(handlers), jobs_(jobs), events_(events) {}

  Schedule create(const auth::ProjectScope& scope, const FieldChanges& fields, const auth::Actor& actor);
  SchedulePage list(const auth::ProjectScope& scope, const ScheduleQuery& query, std::int64_t offset,
                    std::int64_t limit);
  Schedule get(const auth::ProjectScope& scope, std::int64_t id);
  Schedule update(const auth::ProjectScope& scope, std::int64_t id, const FieldChanges& fields,
                  const auth::Actor& actor);
  Schedule set_enabled(const auth::ProjectScope& scope, std::int64_t id, bool enabled,
                       const auth::Actor& actor);
  void remove(const auth::ProjectScope& scope, std::int64_t id, const auth::Actor& actor);
  // Runs it now (a job is created and dispatched). Refused for an inactive schedule unless `force`.
  ScheduleExecution execute(const auth::ProjectScope& scope, std::int64_t id, bool force,
                            const auth::Actor& actor);
  std::vector<Schedule> due(const auth::ProjectScope& scope, int limit);
  ScheduleStatistics statistics(const auth::ProjectScope& scope);

  // The next `count` runs of a recurrence after `after` (the cron helper of the web UI).
  static std::vector<Timestamp> preview(const jobs::Recurrence& recurrence, Timestamp after, int count);

 private:
  // Checks what a schedule would run and when; returns the normalised task parameters.
  std::string check(const Schedule& s) const;
  db::Database& db_;
  const jobs::HandlerRegistry& handlers_;
  JobService& jobs_;
  events::EventBus* events_;
};

jobs::Recurrence recurrence_of(const Schedule& s);

}  // namespace cc::services
