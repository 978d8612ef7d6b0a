#include "repositories/job_repository.hpp"

#include <deque>

#include "db/sql_dialect.hpp"

namespace cc::repositories {

namespace {

constexpr std::string_view kColumns =
    "id, project_id, job_type, status, priority, parameters, tags, result, error, progress, current_step, "
    "run_at, attempts, max_attempts, timeout_seconds, dedup_key, lease_owner, lease_expires_at, "
    "cancel_requested_at, attempt_history, schedule_id, created_by, created_at, dispatched_at, started_at, "
    "completed_at, updated_at";

Job read_job(const db::Row& row) {
  Job j;
  int c = 0;
  j.id = row.get_int(c++);
  j.project_id = row.get_int(c++);
  j.job_type = row.get_string(c++);
  j.status = row.get_string(c++);
  j.priority = static_cast<int>(row.get_int(c++));
  j.parameters = row.get_string(c++);
  j.tags = row.get_string(c++);
  j.result = row.opt_string(c++);
  j.error = row.opt_string(c++);
  j.progress = static_cast<int>(row.get_int(c++));
  j.current_step = row.opt_string(c++);
  j.run_at = row.opt_time(c++);
  j.attempts = static_cast<int>(row.get_int(c++));
  j.max_attempts = static_cast<int>(row.get_int(c++));
  j.timeout_seconds = static_cast<int>(row.get_int(c++));
  j.dedup_key = row.opt_string(c++);
  j.lease_owner = row.opt_string(c++);
  j.lease_expires_at = row.opt_time(c++);
  j.cancel_requested_at = row.opt_time(c++);
  j.attempt_history = row.get_string(c++);
  j.schedule_id = row.opt_int(c++);
  j.created_by = row.opt_int(c++);
  j.created_at = row.get_time(c++);
  j.dispatched_at = row.opt_time(c++);
  j.started_at = row.opt_time(c++);
  j.completed_at = row.opt_time(c++);
  j.updated_at = row.get_time(c++);
  return j;
}

const std::string& select_sql() {
  static const std::string sql = "SELECT " + std::string(kColumns) + " FROM jobs";
  return sql;
}

// The WHERE clause of a list query; `texts` keeps the strings the params point into alive.
std::string where_of(const JobQuery& q, std::vector<db::Param>& params, std::deque<std::string>& texts) {
  std::string where = " WHERE 1 = 1";
  if (q.project_id) {
    where += " AND project_id = ?";
    params.emplace_back(*q.project_id);
  }
  if (!q.statuses.empty()) {
    where += " AND status IN (?";
    for (std::size_t i = 1; i < q.statuses.size(); ++i) where += ", ?";
    where += ")";
    for (const auto& s : q.statuses) params.emplace_back(std::string_view(s));
  }
  if (q.job_type) {
    texts.push_back(*q.job_type);
    where += " AND job_type = ?";
    params.emplace_back(std::string_view(texts.back()));
  }
  if (q.schedule_id) {
    where += " AND schedule_id = ?";
    params.emplace_back(*q.schedule_id);
  }
  return where;
}

}  // namespace

std::optional<Job> JobRepository::find(db::Tx& tx, std::int64_t project_id, std::int64_t id) {
  static const std::string sql = select_sql() + " WHERE project_id = ? AND id = ?";
  return tx.query_one(sql, {project_id, id}, read_job);
}

std::optional<Job> JobRepository::find_any(db::Tx& tx, std::int64_t id) {
  static const std::string sql = select_sql() + " WHERE id = ?";
  return tx.query_one(sql, {id}, read_job);
}

std::optional<Job> JobRepository::find_live_by_dedup_key(db::Tx& tx, std::int64_t project_id,
                                                         std::string_view key) {
  static const std::string sql =
      select_sql() + " WHERE project_id = ? AND dedup_key = ? AND status IN ('pending', 'running')";
  return tx.query_one(sql, {project_id, key}, read_job);
}

std::vector<Job> JobRepository::list(db::Tx& tx, const JobQuery& query, std::int64_t offset,
                                     std::int64_t limit) {
  std::vector<db::Param> params;
  std::deque<std::string> texts;
  auto where = where_of(query, params, texts);
  params.emplace_back(limit);
  params.emplace_back(offset);
  return tx.query_all(select_sql() + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", params,
                      read_job);
}

std::int64_t JobRepository::count(db::Tx& tx, const JobQuery& query) {
  std::vector<db::Param> params;
  std::deque<std::string> texts;
  auto where = where_of(query, params, texts);
  return tx.query_int("SELECT COUNT(*) FROM jobs" + where, params);
}

JobStatistics JobRepository::statistics(db::Tx& tx, std::int64_t project_id,
                                        std::optional<std::string_view> type_prefix) {
  // One grouped pass: counts per status, and the mean duration of finished jobs.
  std::string sql = "SELECT job_type, status, COUNT(*), AVG(" +
                    db::seconds_between(tx.dialect(), "started_at", "completed_at") +
                    ") FROM jobs WHERE project_id = ?";
  std::vector<db::Param> params{project_id};
  std::string pattern;
  if (type_prefix) {
    pattern = std::string(*type_prefix) + "%";
    sql += " AND job_type LIKE ?";
    params.emplace_back(std::string_view(pattern));
  }
  sql += " GROUP BY job_type, status ORDER BY job_type";
  JobStatistics s;
  double weighted = 0;
  std::int64_t timed = 0;
  tx.query(sql, params, [&](const db::Row& row) {
    auto type = row.get_text(0);
    auto status = row.get_text(1);
    auto n = row.get_int(2);
    s.total += n;
    if (s.by_type.empty() || s.by_type.back().first != type) s.by_type.emplace_back(std::string(type), 0);
    s.by_type.back().second += n;
    if (status == job_status::Pending) s.pending += n;
    if (status == job_status::Running) s.running += n;
    if (status == job_status::Completed) s.completed += n;
    if (status == job_status::Failed) s.failed += n;
    if (status == job_status::Cancelled) s.cancelled += n;
    if (!row.is_null(3) && status != job_status::Running && status != job_status::Pending) {
      weighted += row.get_double(3) * static_cast<double>(n);
      timed += n;
    }
  });
  if (timed > 0) s.average_duration_seconds = weighted / static_cast<double>(timed);
  return s;
}

std::int64_t JobRepository::insert(db::Tx& tx, const Job& j) {
  static const std::string sql =
      "INSERT INTO jobs (project_id, job_type, status, priority, parameters, tags, run_at, max_attempts, "
      "timeout_seconds, dedup_key, schedule_id, created_by, created_at, dispatched_at, updated_at) VALUES "
      "(?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
  return tx.query_int(
      sql, {j.project_id, std::string_view(j.job_type), std::string_view(j.status),
            static_cast<std::int64_t>(j.priority), std::string_view(j.parameters), std::string_view(j.tags),
            db::optional_param(j.run_at), static_cast<std::int64_t>(j.max_attempts),
            static_cast<std::int64_t>(j.timeout_seconds), db::optional_param(j.dedup_key),
            db::optional_param(j.schedule_id), db::optional_param(j.created_by), j.created_at,
            db::optional_param(j.dispatched_at), j.updated_at});
}

void JobRepository::update_settings(db::Tx& tx, const Job& j) {
  tx.exec(
      "UPDATE jobs SET priority = ?, tags = ?, parameters = ?, max_attempts = ?, timeout_seconds = ?, "
      "updated_at = ? WHERE id = ?",
      {static_cast<std::int64_t>(j.priority), std::string_view(j.tags), std::string_view(j.parameters),
       static_cast<std::int64_t>(j.max_attempts), static_cast<std::int64_t>(j.timeout_seconds), j.updated_at,
       j.id});
}

bool JobRepository::remove_unless_running(db::Tx& tx, std::int64_t project_id, std::int64_t id) {
  return tx.exec("DELETE FROM jobs WHERE project_id = ? AND id = ? AND status <> 'running'",
                 {project_id, id}) == 1;
}

bool JobRepository::dispatch(db::Tx& tx, std::int64_t id, Timestamp run_at, Timestamp at) {
  return tx.exec(
             "UPDATE jobs SET run_at = ?, dispatched_at = ?, updated_at = ? WHERE id = ? AND status = "
             "'pending'",
             {run_at, at, at, id}) == 1;
}

bool JobRepository::cancel_pending(db::Tx& tx, std::int64_t id, Timestamp at) {
  return tx.exec(
             "UPDATE jobs SET status = 'cancelled', cancel_requested_at = ?, completed_at = ?, updated_at = "
             "?, "
             "current_step = 'Cancelled before it started' WHERE id = ? AND status = 'pending'",
             {at, at, at, id}) == 1;
}

bool JobRepository::request_cancel(db::Tx& tx, std::int64_t id, Timestamp at) {
  return tx.exec(
             "UPDATE jobs SET cancel_requested_at = COALESCE(cancel_requested_at, ?), updated_at = ? WHERE "
             "id = ? "
             "AND status = 'running'",
             {at, at, id}) == 1;
}

bool JobRepository::rerun(db::Tx& tx, std::int64_t id, Timestamp at) {
  return tx.exec(
             "UPDATE jobs SET status = 'pending', attempts = 0, run_at = ?, dispatched_at = ?, result = "
             "NULL, "
             "error = NULL, progress = 0, current_step = NULL, cancel_requested_at = NULL, started_at = "
             "NULL, "
             "completed_at = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ? "
             "AND "
             "status IN ('failed', 'cancelled')",
             {at, at, at, id}) == 1;
}

std::vector<Job> JobRepository::claim(db::Tx& tx, std::string_view owner, Timestamp at, Timestamp lease_until,
                                      const ClaimFilter& filter, int limit) {
  std::string pick = "SELECT id FROM jobs WHERE status = 'pending' AND run_at IS NOT NULL AND run_at <= ?";
  std::vector<db::Param> params{owner, lease_until, at, at};
  auto in_list = [&](const std::vector<std::string>& types) {
    std::string s = "(?";
    for (std::size_t i = 1; i < types.size(); ++i) s += ", ?";
    s += ")";
    return s;
  };
  if (!filter.only_types.empty()) {
    pick += " AND job_type IN " + in_list(filter.only_types);
    for (const auto& t : filter.only_types) params.emplace_back(std::string_view(t));
  }
  if (!filter.except_types.empty()) {
    pick += " AND job_type NOT IN " + in_list(filter.except_types);
    for (const auto& t : filter.except_types) params.emplace_back(std::string_view(t));
  }
  pick += " ORDER BY priority DESC, run_at, id LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  pick += db::skip_locked(tx.dialect());
  std::string sql =
      "UPDATE jobs SET status = 'running', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, "
      "started_at = ?, updated_at = ?, progress = 0, current_step = 'Starting' WHERE id IN (" +
      pick + ") RETURNING " + std::string(kColumns);
  // The started_at/updated_at parameters come before the pick's own.
  params.insert(params.begin() + 2, at);
  auto jobs = tx.query_all(sql, params, read_job);
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.id < b.id;
  });
  return jobs;
}

std::vector<HeartbeatResult> JobRepository::heartbeat(db::Tx& tx, std::string_view owner,
                                                      Timestamp lease_until) {
  return tx.query_all(
      "UPDATE jobs SET lease_expires_at = ? WHERE lease_owner = ? AND status = 'running' RETURNING id, "
      "cancel_requested_at",
      {lease_until, owner}, [](const db::Row& row) {
        return HeartbeatResult{row.get_int(0), !row.is_null(1)};
      });
}

bool JobRepository::save_progress(db::Tx& tx, std::int64_t id, std::string_view owner, int progress,
                                  const std::optional<std::string>& step, Timestamp at) {
  return tx.exec(
             "UPDATE jobs SET progress = ?, current_step = ?, updated_at = ? WHERE id = ? AND lease_owner = "
             "? AND "
             "status = 'running'",
             {static_cast<std::int64_t>(progress), db::optional_param(step), at, id, owner}) == 1;
}

namespace {
constexpr std::string_view kFinishSet =
    "UPDATE jobs SET status = ?, result = ?, error = ?, progress = ?, current_step = ?, attempt_history = ?, "
    "run_at = ?, completed_at = ?, updated_at = ?, attempts = attempts - ?, lease_owner = NULL, "
    "lease_expires_at = NULL";

std::vector<db::Param> finish_params(const JobRepository::Outcome& o, Timestamp at) {
  bool retry = o.status == job_status::Pending;
  return {std::string_view(o.status),
          db::optional_param(o.result),
          db::optional_param(o.error),
          static_cast<std::int64_t>(o.progress),
          db::optional_param(o.current_step),
          std::string_view(o.attempt_history),
          retry ? db::Param(o.retry_at.value_or(at)) : db::Param(nullptr),
          retry ? db::Param(nullptr) : db::Param(at),
          at,
          static_cast<std::int64_t>(o.refund_attempt ? 1 : 0)};
}
}  // namespace

bool JobRepository::finish(db::Tx& tx, std::int64_t id, std::string_view owner, const Outcome& o,
                           Timestamp at) {
  static const std::string sql =
      std::string(kFinishSet) + " WHERE id = ? AND lease_owner = ? AND status = 'running'";
  auto params = finish_params(o, at);
  params.emplace_back(id);
  params.emplace_back(owner);
  return tx.exec(sql, params) == 1;
}

std::vector<bool> JobRepository::finish_many(
    db::Tx& tx, std::string_view owner, const std::vector<std::pair<std::int64_t, const Outcome*>>& outcomes,
    Timestamp at) {
  std::vector<bool> written(outcomes.size(), false);
  // The one place a repository chooses by dialect, for speed, not for SQL: PostgreSQL saves a round trip per
  // job with one UPDATE … FROM (VALUES …) per hundred (its casts are PostgreSQL's); SQLite has no round trips
  // to save, and one prepared statement per job is as fast as it gets there.
  if (tx.dialect() == db::Dialect::Sqlite) {
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      written[i] = finish(tx, outcomes[i].first, owner, *outcomes[i].second, at);
    }
    return written;
  }
  constexpr std::size_t kChunk = 100;
  for (std::size_t from = 0; from < outcomes.size(); from += kChunk) {
    auto to = std::min(outcomes.size(), from + kChunk);
    std::string sql =
        "UPDATE jobs AS j SET status = v.status, result = v.result::jsonb, error = v.error, progress = "
        "v.progress, "
        "current_step = v.current_step, attempt_history = v.history::jsonb, run_at = v.run_at, completed_at "
        "= "
        "v.completed_at, updated_at = v.updated_at, attempts = j.attempts - v.refund, lease_owner = NULL, "
        "lease_expires_at = NULL FROM (VALUES ";
    std::vector<db::Param> params;
    params.reserve((to - from) * 11 + 1);
    for (auto i = from; i < to; ++i) {
      if (i > from) sql += ", ";
      sql +=
          "(?::bigint, ?::text, ?::text, ?::text, ?::integer, ?::text, ?::text, ?::timestamptz, "
          "?::timestamptz, "
          "?::timestamptz, ?::integer)";
      const auto& o = *outcomes[i].second;
      bool retry = o.status == job_status::Pending;
      params.emplace_back(outcomes[i].first);
      params.emplace_back(std::string_view(o.status));
      params.emplace_back(db::optional_param(o.result));
      params.emplace_back(db::optional_param(o.error));
      params.emplace_back(static_cast<std::int64_t>(o.progress));
      params.emplace_back(db::optional_param(o.current_step));
      params.emplace_back(std::string_view(o.attempt_history));
      params.emplace_back(retry ? db::Param(o.retry_at.value_or(at)) : db::Param(nullptr));
      params.emplace_back(retry ? db::Param(nullptr) : db::Param(at));
      params.emplace_back(at);
      params.emplace_back(static_cast<std::int64_t>(o.refund_attempt ? 1 : 0));
    }
    sql +=
        ") AS v(id, status, result, error, progress, current_step, history, run_at, completed_at, "
        "updated_at, "
        "refund) WHERE j.id = v.id AND j.lease_owner = ? AND j.status = 'running' RETURNING j.id";
    params.emplace_back(owner);
    std::vector<std::int64_t> ids;
    tx.query(sql, params, [&](const db::Row& row) { ids.push_back(row.get_int(0)); });
    std::sort(ids.begin(), ids.end());
    for (auto i = from; i < to; ++i) {
      written[i] = std::binary_search(ids.begin(), ids.end(), outcomes[i].first);
    }
  }
  return written;
}

std::vector<Job> JobRepository::expired(db::Tx& tx, Timestamp at, int limit) {
  std::string sql =
      select_sql() + " WHERE status = 'running' AND lease_expires_at < ? ORDER BY lease_expires_at LIMIT ?";
  sql += db::skip_locked(tx.dialect());
  return tx.query_all(sql, {at, static_cast<std::int64_t>(limit)}, read_job);
}

bool JobRepository::recover(db::Tx& tx, const Job& job, const Outcome& o, Timestamp at) {
  static const std::string sql =
      std::string(kFinishSet) +
      " WHERE id = ? AND status = 'running' AND lease_owner = ? AND lease_expires_at = ?";
  auto params = finish_params(o, at);
  params.emplace_back(job.id);
  params.emplace_back(db::optional_param(job.lease_owner));
  params.emplace_back(db::optional_param(job.lease_expires_at));
  return tx.exec(sql, params) == 1;
}

std::int64_t JobRepository::purge_finished(db::Tx& tx, Timestamp before, int limit) {
  return tx.exec(
      "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE status IN ('completed', 'failed', "
      "'cancelled') AND "
      "completed_at < ? LIMIT ?)",
      {before, static_cast<std::int64_t>(limit)});
}

}  // namespace cc::repositories
