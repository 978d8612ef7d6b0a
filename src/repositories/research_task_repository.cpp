#include "repositories/research_task_repository.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <tuple>

#include "db/sql_dialect.hpp"

namespace cc::repositories {

namespace {

constexpr std::string_view kColumns =
    "k.id, k.project_id, k.technology_id, k.repository_id, k.title, k.description, k.status, k.user_notes, "
    "k.findings, k.assigned_to, k.due_date, k.completed_at, k.progress_percentage, k.estimated_hours, "
    "k.actual_hours, k.metadata, k.version, k.created_at, k.updated_at";

constexpr std::string_view kWritable =
    "technology_id, repository_id, title, description, status, user_notes, findings, assigned_to, due_date, "
    "completed_at, progress_percentage, estimated_hours, actual_hours, metadata";
constexpr int kWritableCount = 14;

constexpr std::string_view kOpenStatuses = "('pending', 'in_progress', 'blocked')";

ResearchTask read_task(const db::Row& row) {
  ResearchTask t;
  int c = 0;
  t.id = row.get_int(c++);
  t.project_id = row.get_int(c++);
  t.technology_id = row.opt_int(c++);
  t.repository_id = row.opt_int(c++);
  t.title = row.get_string(c++);
  t.description = row.opt_string(c++);
  t.status = row.get_string(c++);
  t.user_notes = row.opt_string(c++);
  t.findings = row.opt_string(c++);
  t.assigned_to = row.opt_string(c++);
  t.due_date = row.opt_time(c++);
  t.completed_at = row.opt_time(c++);
  t.progress_percentage = row.get_int(c++);
  t.estimated_hours = row.opt_int(c++);
  t.actual_hours = row.opt_int(c++);
  t.metadata = row.opt_string(c++);
  t.version = row.get_int(c++);
  t.created_at = row.get_time(c++);
  t.updated_at = row.get_time(c++);
  return t;
}

constexpr std::string_view kDocumentColumns =
    "d.id, d.task_id, d.filename, d.stored_name, d.content_type, d.size, d.sha256, d.uploaded_at";

TaskDocument read_document(const db::Row& row) {
  TaskDocument d;
  d.id = row.get_int(0);
  d.task_id = row.get_int(1);
  d.filename = row.get_string(2);
  d.stored_name = row.get_string(3);
  d.content_type = row.get_string(4);
  d.size = row.get_int(5);
  d.sha256 = row.get_string(6);
  d.uploaded_at = row.get_time(7);
  return d;
}

std::vector<db::Param> writable_params(const ResearchTask& t) {
  using db::optional_param;
  return {optional_param(t.technology_id), optional_param(t.repository_id), std::string_view(t.title),
          optional_param(t.description),   std::string_view(t.status),      optional_param(t.user_notes),
          optional_param(t.findings),      optional_param(t.assigned_to),   optional_param(t.due_date),
          optional_param(t.completed_at),  t.progress_percentage,           optional_param(t.estimated_hours),
          optional_param(t.actual_hours),  optional_param(t.metadata)};
}

// Loads the documents of every task in `tasks` with one query.
void attach_documents(db::Tx& tx, std::int64_t project_id, std::vector<ResearchTask>& tasks) {
  if (tasks.empty()) return;
  std::string sql = "SELECT " + std::string(kDocumentColumns) +
                    " FROM research_task_documents d WHERE d.project_id = ? AND d.task_id IN (";
  std::vector<db::Param> params{project_id};
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(tasks[i].id);
  }
  sql += ") ORDER BY d.task_id, d.id";
  std::map<std::int64_t, std::vector<TaskDocument>> by_task;
  tx.query(sql, params, [&](const db::Row& row) {
    auto d = read_document(row);
    by_task[d.task_id].push_back(std::move(d));
  });
  for (auto& t : tasks) {
    if (auto it = by_task.find(t.id); it != by_task.end()) t.documents = std::move(it->second);
  }
}

}  // namespace

std::optional<ResearchTask> ResearchTaskRepository::find(db::Tx& tx, std::int64_t project_id,
                                                         std::int64_t id) {
  static const std::string sql =
      "SELECT " + std::string(kColumns) + " FROM research_tasks k WHERE k.project_id = ? AND k.id = ?";
  auto task = tx.query_one(sql, {project_id, id}, read_task);
  if (!task) return task;
  std::vector<ResearchTask> one{std::move(*task)};
  attach_documents(tx, project_id, one);
  return std::move(one.front());
}

Page<ResearchTask> ResearchTaskRepository::list(db::Tx& tx, std::int64_t project_id, const TaskQuery& q,
                                                const PageRequest& page) {
  std::string where = " WHERE k.project_id = ?";
  std::deque<std::string> texts;
  std::vector<db::Param> params{project_id};
  if (q.technology_id) {
    where += " AND k.technology_id = ?";
    params.emplace_back(*q.technology_id);
  }
  if (q.repository_id) {
    where += " AND k.repository_id = ?";
    params.emplace_back(*q.repository_id);
  }
  if (!q.statuses.empty()) {
    where += " AND k.status IN (";
    for (std::size_t i = 0; i < q.statuses.size(); ++i) {
      where += i ? ", ?" : "?";
      texts.push_back(q.statuses[i]);
      params.emplace_back(std::string_view(texts.back()));
    }
    where += ")";
  }
  if (q.assigned_to) {
    where += " AND k.assigned_to = ?";
    texts.push_back(*q.assigned_to);
    params.emplace_back(std::string_view(texts.back()));
  }
  Page<ResearchTask> out;
  out.total = tx.query_int("SELECT COUNT(*) FROM research_tasks k" + where, params);
  if (out.total <= page.offset) return out;
  params.emplace_back(page.limit);
  params.emplace_back(page.offset);
  out.items = tx.query_all("SELECT " + std::string(kColumns) + " FROM research_tasks k" + where +
                               " ORDER BY k.updated_at DESC, k.id DESC LIMIT ? OFFSET ?",
                           params, read_task);
  attach_documents(tx, project_id, out.items);
  return out;
}

std::int64_t ResearchTaskRepository::insert(db::Tx& tx, const ResearchTask& t,
                                            std::optional<std::int64_t> created_by) {
  static const std::string sql = "INSERT INTO research_tasks (project_id, " + std::string(kWritable) +
                                 ", version, created_by, created_at, updated_at) VALUES (?" +
                                 db::more_placeholders(kWritableCount) + ", 1, ?, ?, ?) RETURNING id";
  auto params = writable_params(t);
  params.insert(params.begin(), t.project_id);
  params.emplace_back(db::optional_param(created_by));
  params.emplace_back(t.created_at);
  params.emplace_back(t.updated_at);
  return tx.query_int(sql, params);
}

bool ResearchTaskRepository::update(db::Tx& tx, const ResearchTask& t, std::int64_t expected_version) {
  static const std::string sql =
      "UPDATE research_tasks SET " + db::assignments(kWritable) +
      "version = version + 1, updated_at = ? WHERE project_id = ? AND id = ? AND version = ?";
  auto params = writable_params(t);
  params.emplace_back(t.updated_at);
  params.emplace_back(t.project_id);
  params.emplace_back(t.id);
  params.emplace_back(expected_version);
  return tx.exec(sql, params) == 1;
}

bool ResearchTaskRepository::remove(db::Tx& tx, std::int64_t project_id, std::int64_t id) {
  return tx.exec("DELETE FROM research_tasks WHERE project_id = ? AND id = ?", {project_id, id}) == 1;
}

std::vector<ResearchTask> ResearchTaskRepository::overdue(db::Tx& tx, std::int64_t project_id, Timestamp now,
                                                          std::int64_t limit) {
  static const std::string sql =
      "SELECT " + std::string(kColumns) +
      " FROM research_tasks k WHERE k.project_id = ? AND k.due_date < ? AND k.status IN " +
      std::string(kOpenStatuses) + " ORDER BY k.due_date, k.id LIMIT ?";
  auto tasks = tx.query_all(sql, {project_id, now, limit}, read_task);
  attach_documents(tx, project_id, tasks);
  return tasks;
}

std::vector<ResearchTask> ResearchTaskRepository::upcoming(db::Tx& tx, std::int64_t project_id, Timestamp now,
                                                           Timestamp until, std::int64_t limit) {
  static const std::string sql =
      "SELECT " + std::string(kColumns) +
      " FROM research_tasks k WHERE k.project_id = ? AND k.due_date >= ? AND k.due_date <= ? "
      "AND k.status IN ('pending', 'in_progress') ORDER BY k.due_date, k.id LIMIT ?";
  auto tasks = tx.query_all(sql, {project_id, now, until, limit}, read_task);
  attach_documents(tx, project_id, tasks);
  return tasks;
}

TaskStatistics ResearchTaskRepository::statistics(db::Tx& tx, std::int64_t project_id,
                                                  std::optional<std::int64_t> technology_id,
                                                  std::optional<std::int64_t> repository_id, Timestamp now) {
  std::string scope = "project_id = ?";
  std::vector<db::Param> params{project_id};
  if (technology_id) {
    scope += " AND technology_id = ?";
    params.emplace_back(*technology_id);
  }
  if (repository_id) {
    scope += " AND repository_id = ?";
    params.emplace_back(*repository_id);
  }
  TaskStatistics s;
  for (const auto& status : task_statuses()) s.by_status.emplace_back(status, 0);
  // Without a technology or repository filter the running counts (kept by triggers) answer in one look-up.
  std::string by_status =
      technology_id || repository_id
          ? "SELECT status, COUNT(*) FROM research_tasks WHERE " + scope + " GROUP BY status"
          : std::string(
                "SELECT status, SUM(n) FROM research_task_counts WHERE project_id = ? GROUP BY status");
  tx.query(by_status, params, [&](const db::Row& row) {
    auto status = row.get_text(0);
    for (auto& [name, n] : s.by_status) {
      if (name == status) n = row.get_int(1);
    }
  });
  for (const auto& [name, n] : s.by_status) s.total += n;

  // Overdue and upcoming: both counts in one statement, both short lists in another (a round trip each
  // matters on PostgreSQL, where the dashboard makes these calls).
  auto week = now + std::chrono::days(7);
  const std::string overdue = " AND due_date < ? AND status IN " + std::string(kOpenStatuses);
  const std::string upcoming =
      " AND due_date >= ? AND due_date <= ? AND status IN ('pending', 'in_progress')";
  std::vector<db::Param> both = params;
  both.emplace_back(now);
  both.insert(both.end(), params.begin(), params.end());
  both.emplace_back(now);
  both.emplace_back(week);
  tx.query("SELECT (SELECT COUNT(*) FROM research_tasks WHERE " + scope + overdue +
               "), (SELECT COUNT(*) FROM research_tasks WHERE " + scope + upcoming + ")",
           both, [&](const db::Row& row) {
             s.overdue_count = row.get_int(0);
             s.upcoming_count = row.get_int(1);
           });
  // The first five of each list, labelled, in one UNION ALL (each member wrapped: a compound SELECT's own
  // members cannot carry ORDER BY / LIMIT).
  auto first_five = [&](std::string_view label, const std::string& condition) {
    return fmt::format(
        "SELECT * FROM (SELECT '{0}' AS list, id, title, status, due_date FROM research_tasks WHERE {1}{2} "
        "ORDER BY due_date, id LIMIT 5) AS {0}",
        label, scope, condition);
  };
  tx.query(first_five("overdue", overdue) + " UNION ALL " + first_five("upcoming", upcoming), both,
           [&](const db::Row& row) {
             TaskSummary t{row.get_int(1), row.get_string(2), row.get_string(3), row.opt_time(4)};
             (row.get_text(0) == "overdue" ? s.overdue_tasks : s.upcoming_tasks).push_back(std::move(t));
           });
  // A UNION ALL keeps its members' order in practice, not by definition.
  auto by_due_date = [](const TaskSummary& a, const TaskSummary& b) {
    return std::tie(a.due_date, a.id) < std::tie(b.due_date, b.id);
  };
  std::sort(s.overdue_tasks.begin(), s.overdue_tasks.end(), by_due_date);
  std::sort(s.upcoming_tasks.begin(), s.upcoming_tasks.end(), by_due_date);
  return s;
}

std::int64_t ResearchTaskRepository::insert_document(db::Tx& tx, std::int64_t project_id,
                                                     const TaskDocument& d,
                                                     std::optional<std::int64_t> uploaded_by) {
  return tx.query_int(
      "INSERT INTO research_task_documents (project_id, task_id, filename, stored_name, content_type, size, "
      "sha256, "
      "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {project_id, d.task_id, std::string_view(d.filename), std::string_view(d.stored_name),
       std::string_view(d.content_type), d.size, std::string_view(d.sha256), db::optional_param(uploaded_by),
       d.uploaded_at});
}

std::optional<TaskDocument> ResearchTaskRepository::find_document(db::Tx& tx, std::int64_t project_id,
                                                                  std::int64_t task_id,
                                                                  std::int64_t document_id) {
  static const std::string sql =
      "SELECT " + std::string(kDocumentColumns) +
      " FROM research_task_documents d WHERE d.project_id = ? AND d.task_id = ? AND d.id = ?";
  return tx.query_one(sql, {project_id, task_id, document_id}, read_document);
}

bool ResearchTaskRepository::remove_document(db::Tx& tx, std::int64_t project_id, std::int64_t task_id,
                                             std::int64_t document_id) {
  return tx.exec("DELETE FROM research_task_documents WHERE project_id = ? AND task_id = ? AND id = ?",
                 {project_id, task_id, document_id}) == 1;
}

std::vector<std::string> ResearchTaskRepository::stored_names_of_project(db::Tx& tx,
                                                                         std::int64_t project_id) {
  return tx.query_all("SELECT stored_name FROM research_task_documents WHERE project_id = ?", {project_id},
                      [](const db::Row& row) { return row.get_string(0); });
}

std::vector<std::string> ResearchTaskRepository::stored_names_of_task(db::Tx& tx, std::int64_t project_id,
                                                                      std::int64_t task_id) {
  return tx.query_all("SELECT stored_name FROM research_task_documents WHERE project_id = ? AND task_id = ?",
                      {project_id, task_id}, [](const db::Row& row) { return row.get_string(0); });
}

void ResearchTaskRepository::touch(db::Tx& tx, std::int64_t project_id, std::int64_t id, Timestamp at) {
  tx.exec("UPDATE research_tasks SET version = version + 1, updated_at = ? WHERE project_id = ? AND id = ?",
          {at, project_id, id});
}

namespace {

// `column` is one of two constants below, never input.
std::vector<std::int64_t> unlink(db::Tx& tx, std::string_view column, std::int64_t project_id,
                                 std::int64_t id, Timestamp at) {
  return tx.query_all(
      fmt::format("UPDATE research_tasks SET {0} = NULL, version = version + 1, updated_at = ? "
                  "WHERE project_id = ? AND {0} = ? RETURNING id",
                  column),
      {at, project_id, id}, [](const db::Row& row) { return row.get_int(0); });
}

}  // namespace

std::vector<std::int64_t> ResearchTaskRepository::unlink_technology(db::Tx& tx, std::int64_t project_id,
                                                                    std::int64_t technology_id,
                                                                    Timestamp at) {
  return unlink(tx, "technology_id", project_id, technology_id, at);
}

std::vector<std::int64_t> ResearchTaskRepository::unlink_repository(db::Tx& tx, std::int64_t project_id,
                                                                    std::int64_t repository_id,
                                                                    Timestamp at) {
  return unlink(tx, "repository_id", project_id, repository_id, at);
}

std::vector<std::string> ResearchTaskRepository::unreferenced(db::Tx& tx,
                                                              const std::vector<std::string>& names) {
  // A few hundred names per query: one round trip per name would make a start with many files slow on
  // PostgreSQL.
  constexpr std::size_t kChunk = 500;
  std::vector<std::string> out;
  for (std::size_t from = 0; from < names.size(); from += kChunk) {
    auto to = std::min(names.size(), from + kChunk);
    std::string sql = "SELECT stored_name FROM research_task_documents WHERE stored_name IN (";
    std::vector<db::Param> params;
    for (auto i = from; i < to; ++i) {
      sql += i == from ? "?" : ", ?";
      params.emplace_back(std::string_view(names[i]));
    }
    sql += ")";
    std::set<std::string, std::less<>> known;
    tx.query(sql, params, [&](const db::Row& row) { known.insert(row.get_string(0)); });
    for (auto i = from; i < to; ++i) {
      if (!known.contains(names[i])) out.push_back(names[i]);
    }
  }
  return out;
}

}  // namespace cc::repositories
