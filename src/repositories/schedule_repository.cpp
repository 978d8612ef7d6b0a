#include "repositories/schedule_repository.hpp"

#include <deque>

#include "db/sql_dialect.hpp"

namespace cc::repositories {

namespace {

constexpr std::string_view kColumns =
    "id, project_id, name, description, task_type, task_parameters, frequency, cron_expression, "
    "interval_seconds, timezone, start_time, end_time, enabled, last_run_at, next_run_at, run_count, "
    "success_count, failure_count, last_error, last_success_at, last_failure_at, tags, version, created_by, "
    "created_at, updated_at";
constexpr std::string_view kWritable =
    "name, description, task_type, task_parameters, frequency, cron_expression, interval_seconds, timezone, "
    "start_time, end_time, enabled, next_run_at, tags";
constexpr int kWritableCount = 13;

Schedule read_schedule(const db::Row& row) {
  Schedule s;
  int c = 0;
  s.id = row.get_int(c++);
  s.project_id = row.get_int(c++);
  s.name = row.get_string(c++);
  s.description = row.opt_string(c++);
  s.task_type = row.get_string(c++);
  s.task_parameters = row.get_string(c++);
  s.frequency = row.get_string(c++);
  s.cron_expression = row.opt_string(c++);
  s.interval_seconds = row.opt_int(c++);
  s.timezone = row.get_string(c++);
  s.start_time = row.opt_time(c++);
  s.end_time = row.opt_time(c++);
  s.enabled = row.get_bool(c++);
  s.last_run_at = row.opt_time(c++);
  s.next_run_at = row.opt_time(c++);
  s.run_count = row.get_int(c++);
  s.success_count = row.get_int(c++);
  s.failure_count = row.get_int(c++);
  s.last_error = row.opt_string(c++);
  s.last_success_at = row.opt_time(c++);
  s.last_failure_at = row.opt_time(c++);
  s.tags = row.get_string(c++);
  s.version = row.get_int(c++);
  s.created_by = row.opt_int(c++);
  s.created_at = row.get_time(c++);
  s.updated_at = row.get_time(c++);
  return s;
}

std::vector<db::Param> writable_params(const Schedule& s) {
  using db::optional_param;
  return {std::string_view(s.name),
          optional_param(s.description),
          std::string_view(s.task_type),
          std::string_view(s.task_parameters),
          std::string_view(s.frequency),
          optional_param(s.cron_expression),
          optional_param(s.interval_seconds),
          std::string_view(s.timezone),
          optional_param(s.start_time),
          optional_param(s.end_time),
          s.enabled,
          optional_param(s.next_run_at),
          std::string_view(s.tags)};
}

const std::string& select_sql() {
  static const std::string sql = "SELECT " + std::string(kColumns) + " FROM schedules";
  return sql;
}

std::string where_of(std::int64_t project_id, const ScheduleQuery& q, std::vector<db::Param>& params) {
  std::string where = " WHERE project_id = ?";
  params.emplace_back(project_id);
  if (q.enabled) {
    where += " AND enabled = ?";
    params.emplace_back(*q.enabled);
  }
  if (q.task_type) {
    where += " AND task_type = ?";
    params.emplace_back(std::string_view(*q.task_type));
  }
  if (q.frequency) {
    where += " AND frequency = ?";
    params.emplace_back(std::string_view(*q.frequency));
  }
  return where;
}

}  // namespace

std::optional<Schedule> ScheduleRepository::find(db::Tx& tx, std::int64_t project_id, std::int64_t id) {
  static const std::string sql = select_sql() + " WHERE project_id = ? AND id = ?";
  return tx.query_one(sql, {project_id, id}, read_schedule);
}

std::vector<Schedule> ScheduleRepository::list(db::Tx& tx, std::int64_t project_id, const ScheduleQuery& q,
                                               std::int64_t offset, std::int64_t limit) {
  std::vector<db::Param> params;
  auto where = where_of(project_id, q, params);
  params.emplace_back(limit);
  params.emplace_back(offset);
  return tx.query_all(select_sql() + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", params,
                      read_schedule);
}

std::int64_t ScheduleRepository::count(db::Tx& tx, std::int64_t project_id, const ScheduleQuery& q) {
  std::vector<db::Param> params;
  auto where = where_of(project_id, q, params);
  return tx.query_int("SELECT COUNT(*) FROM schedules" + where, params);
}

std::int64_t ScheduleRepository::insert(db::Tx& tx, const Schedule& s) {
  static const std::string sql = "INSERT INTO schedules (project_id, " + std::string(kWritable) +
                                 ", version, created_by, created_at, updated_at) VALUES (?" +
                                 db::more_placeholders(kWritableCount) + ", 1, ?, ?, ?) RETURNING id";
  auto params = writable_params(s);
  params.insert(params.begin(), s.project_id);
  params.emplace_back(db::optional_param(s.created_by));
  params.emplace_back(s.created_at);
  params.emplace_back(s.updated_at);
  return tx.query_int(sql, params);
}

bool ScheduleRepository::update(db::Tx& tx, const Schedule& s, std::int64_t expected_version) {
  static const std::string sql = "UPDATE schedules SET " + db::assignments(kWritable) +
                                 "version = version + 1, updated_at = ? WHERE project_id = ? AND id = ? AND "
                                 "version = ?";
  auto params = writable_params(s);
  params.emplace_back(s.updated_at);
  params.emplace_back(s.project_id);
  params.emplace_back(s.id);
  params.emplace_back(expected_version);
  return tx.exec(sql, params) == 1;
}

bool ScheduleRepository::remove(db::Tx& tx, std::int64_t project_id, std::int64_t id) {
  return tx.exec("DELETE FROM schedules WHERE project_id = ? AND id = ?", {project_id, id}) == 1;
}

std::vector<Schedule> ScheduleRepository::due(db::Tx& tx, Timestamp at, int limit) {
  std::string sql =
      select_sql() +
      " WHERE enabled = ? AND next_run_at IS NOT NULL AND next_run_at <= ? ORDER BY next_run_at "
      "LIMIT ?";
  sql += db::skip_locked(tx.dialect());  // two schedulers never fire the same run
  return tx.query_all(sql, {true, at, static_cast<std::int64_t>(limit)}, read_schedule);
}

std::vector<Schedule> ScheduleRepository::due_in_project(db::Tx& tx, std::int64_t project_id, Timestamp at,
                                                         int limit) {
  static const std::string sql =
      select_sql() +
      " WHERE project_id = ? AND enabled = ? AND next_run_at IS NOT NULL AND next_run_at <= ? AND "
      "(start_time IS "
      "NULL OR start_time <= ?) AND (end_time IS NULL OR end_time > ?) ORDER BY next_run_at LIMIT ?";
  return tx.query_all(sql, {project_id, true, at, at, at, static_cast<std::int64_t>(limit)}, read_schedule);
}

bool ScheduleRepository::record_fire(db::Tx& tx, const Schedule& s, Timestamp fired_run,
                                     std::optional<Timestamp> next, bool still_enabled, Timestamp at) {
  return tx.exec(
             "UPDATE schedules SET last_run_at = ?, run_count = run_count + 1, next_run_at = ?, enabled = ?, "
             "updated_at = ?, version = version + 1 WHERE id = ? AND next_run_at = ?",
             {at, db::optional_param(next), still_enabled, at, s.id, fired_run}) == 1;
}

void ScheduleRepository::retract_failure(db::Tx& tx, std::int64_t schedule_id) {
  tx.exec("UPDATE schedules SET failure_count = failure_count - 1 WHERE id = ? AND failure_count > 0",
          {schedule_id});
}

void ScheduleRepository::record_outcome(db::Tx& tx, std::int64_t schedule_id, bool success,
                                        const std::optional<std::string>& error, Timestamp at) {
  if (success) {
    tx.exec("UPDATE schedules SET success_count = success_count + 1, last_success_at = ? WHERE id = ?",
            {at, schedule_id});
    return;
  }
  std::optional<std::string> clipped;
  if (error) clipped = error->substr(0, 1000);
  tx.exec(
      "UPDATE schedules SET failure_count = failure_count + 1, last_failure_at = ?, last_error = ? WHERE id "
      "= ?",
      {at, db::optional_param(clipped), schedule_id});
}

ScheduleStatistics ScheduleRepository::statistics(db::Tx& tx, std::int64_t project_id) {
  ScheduleStatistics s;
  tx.query(
      "SELECT frequency, COUNT(*), SUM(CASE WHEN enabled THEN 1 ELSE 0 END), SUM(run_count), "
      "SUM(success_count), "
      "SUM(failure_count) FROM schedules WHERE project_id = ? GROUP BY frequency ORDER BY frequency",
      {project_id}, [&](const db::Row& row) {
        auto n = row.get_int(1);
        s.by_frequency.emplace_back(row.get_string(0), n);
        s.total += n;
        s.enabled += row.get_int(2);
        s.runs += row.get_int(3);
        s.successes += row.get_int(4);
        s.failures += row.get_int(5);
      });
  return s;
}

}  // namespace cc::repositories
