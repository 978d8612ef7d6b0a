#pragma once
// schedules. Firing a due run is a compare-and-set on (id, next_run_at): with several scheduler processes on
// one PostgreSQL, exactly one of them advances a schedule past a given run.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/pagination.hpp"
#include "domain/schedule.hpp"

namespace cc::repositories {

class ScheduleRepository {
 public:
  static std::optional<Schedule> find(db::Tx& tx, std::int64_t project_id, std::int64_t id);
  static std::vector<Schedule> list(db::Tx& tx, std::int64_t project_id, const ScheduleQuery& query,
                                    std::int64_t offset, std::int64_t limit);
  static std::int64_t count(db::Tx& tx, std::int64_t project_id, const ScheduleQuery& query);
  static std::int64_t insert(db::Tx& tx, const Schedule& s);
  // Saves every client-settable field and next_run_at. False when the version moved on.
  static bool update(db::Tx& tx, const Schedule& s, std::int64_t expected_version);
  static bool remove(db::Tx& tx, std::int64_t project_id, std::int64_t id);

  // Enabled schedules whose next run is due at `at`, oldest first; on PostgreSQL rows another scheduler is
  // firing are skipped.
  static std::vector<Schedule> due(db::Tx& tx, Timestamp at, int limit);
  // Enabled schedules of a project that are due (GET /schedules/due/list).
  static std::vector<Schedule> due_in_project(db::Tx& tx, std::int64_t project_id, Timestamp at, int limit);
  // Records that the run planned for `fired_run` happened at `at`, and plans the next one. A compare-and-set
  // on next_run_at: false when another scheduler fired it first.
  static bool record_fire(db::Tx& tx, const Schedule& s, Timestamp fired_run, std::optional<Timestamp> next,
                          bool still_enabled, Timestamp at);
  // A job this schedule created ended: counts it as a success or a failure.
  // Takes back one counted failure (its job is being re-run; the re-run's outcome counts instead).
  static void retract_failure(db::Tx& tx, std::int64_t schedule_id);
  static void record_outcome(db::Tx& tx, std::int64_t schedule_id, bool success,
                             const std::optional<std::string>& error, Timestamp at);
  static ScheduleStatistics statistics(db::Tx& tx, std::int64_t project_id);
};

}  // namespace cc::repositories
