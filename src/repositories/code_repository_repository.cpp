#include "repositories/code_repository_repository.hpp"

#include <deque>

#include "db/sql_dialect.hpp"
#include "repositories/row_readers.hpp"

namespace cc::repositories {

namespace {

std::vector<db::Param> writable_params(const CodeRepository& r) {
  using db::optional_param;
  return {std::string_view(r.owner),
          std::string_view(r.name),
          std::string_view(r.full_name),
          optional_param(r.github_id),
          optional_param(r.description),
          optional_param(r.url),
          optional_param(r.clone_url),
          std::string_view(r.default_branch),
          optional_param(r.access_token_encrypted),
          r.is_private,
          optional_param(r.last_commit_sha),
          optional_param(r.last_commit_message),
          optional_param(r.last_commit_author),
          optional_param(r.last_commit_date),
          optional_param(r.last_synced_at),
          r.stars,
          r.forks,
          optional_param(r.language),
          optional_param(r.metadata)};
}

constexpr std::string_view kWritable =
    "owner, name, full_name, github_id, description, url, clone_url, default_branch, access_token_encrypted, "
    "is_private, last_commit_sha, last_commit_message, last_commit_author, last_commit_date, last_synced_at, "
    "stars, forks, language, metadata";
constexpr int kWritableCount = 19;

std::string link_columns(std::string_view alias) {
  std::string a(alias);
  return a + ".technology_id, " + a + ".repository_id, " + a + ".source, " + a + ".confidence, " + a +
         ".notes, " + a + ".created_by, " + a + ".created_at";
}

TechnologyLink read_link(const db::Row& row, int c) {
  TechnologyLink l;
  l.technology_id = row.get_int(c++);
  l.repository_id = row.get_int(c++);
  l.source = row.get_string(c++);
  l.confidence = row.opt_double(c++);
  l.notes = row.opt_string(c++);
  l.created_by = row.opt_int(c++);
  l.created_at = row.get_time(c++);
  return l;
}

}  // namespace

std::optional<CodeRepository> CodeRepositoryRepository::find(db::Tx& tx, std::int64_t project_id,
                                                             std::int64_t id) {
  static const std::string sql = "SELECT " + std::string(kCodeRepositoryColumns) +
                                 " FROM repositories r WHERE r.project_id = ? AND r.id = ?";
  return tx.query_one(sql, {project_id, id}, read_code_repository);
}

bool CodeRepositoryRepository::full_name_taken(db::Tx& tx, std::int64_t project_id,
                                               std::string_view full_name) {
  return tx.query_int(
             "SELECT COUNT(*) FROM repositories WHERE project_id = ? AND lower(full_name) = lower(?)",
             {project_id, full_name}) > 0;
}

Page<CodeRepository> CodeRepositoryRepository::list(db::Tx& tx, std::int64_t project_id,
                                                    const CodeRepositoryQuery& q, const PageRequest& page) {
  std::string where = " WHERE r.project_id = ?";
  std::deque<std::string> texts;  // owns what the params point to
  std::vector<db::Param> params{project_id};
  auto text = [&](std::string value) {
    texts.push_back(std::move(value));
    params.emplace_back(std::string_view(texts.back()));
  };
  if (q.owner) {
    where += " AND lower(r.owner) = lower(?)";
    text(*q.owner);
  }
  if (q.language) {
    where += " AND lower(r.language) = lower(?)";
    text(*q.language);
  }
  if (q.search && !q.search->empty()) {
    auto fragment =
        db::substring_search(tx.dialect(), "r", "repositories_fts", {"full_name", "description"}, *q.search);
    where += " AND " + fragment.sql;
    for (auto& p : fragment.params) text(std::move(p));
  }
  Page<CodeRepository> out;
  out.total = tx.query_int("SELECT COUNT(*) FROM repositories r" + where, params);
  if (out.total <= page.offset) return out;
  params.emplace_back(page.limit);
  params.emplace_back(page.offset);
  out.items = tx.query_all("SELECT " + std::string(kCodeRepositoryColumns) + " FROM repositories r" + where +
                               " ORDER BY r.updated_at DESC, r.id DESC LIMIT ? OFFSET ?",
                           params, read_code_repository);
  return out;
}

std::int64_t CodeRepositoryRepository::insert(db::Tx& tx, const CodeRepository& r,
                                              std::optional<std::int64_t> created_by) {
  static const std::string sql = "INSERT INTO repositories (project_id, " + std::string(kWritable) +
                                 ", version, created_by, created_at, updated_at) VALUES (?" +
                                 db::more_placeholders(kWritableCount) + ", 1, ?, ?, ?) RETURNING id";
  auto params = writable_params(r);
  params.insert(params.begin(), r.project_id);
  params.emplace_back(db::optional_param(created_by));
  params.emplace_back(r.created_at);
  params.emplace_back(r.updated_at);
  return tx.query_int(sql, params);
}

bool CodeRepositoryRepository::update(db::Tx& tx, const CodeRepository& r, std::int64_t expected_version) {
  static const std::string sql =
      "UPDATE repositories SET " + db::assignments(kWritable) +
      "version = version + 1, updated_at = ? WHERE project_id = ? AND id = ? AND version = ?";
  auto params = writable_params(r);
  params.emplace_back(r.updated_at);
  params.emplace_back(r.project_id);
  params.emplace_back(r.id);
  params.emplace_back(expected_version);
  return tx.exec(sql, params) == 1;
}

bool CodeRepositoryRepository::remove(db::Tx& tx, std::int64_t project_id, std::int64_t id) {
  return tx.exec("DELETE FROM repositories WHERE project_id = ? AND id = ?", {project_id, id}) == 1;
}

bool LinkRepository::exists(db::Tx& tx, std::int64_t technology_id, std::int64_t repository_id) {
  return tx.query_int(
             "SELECT COUNT(*) FROM technology_repositories WHERE technology_id = ? AND repository_id = ?",
             {technology_id, repository_id}) > 0;
}

void LinkRepository::insert(db::Tx& tx, std::int64_t project_id, const TechnologyLink& l) {
  tx.exec(
      "INSERT INTO technology_repositories (technology_id, repository_id, project_id, source, confidence, "
      "notes, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {l.technology_id, l.repository_id, project_id, std::string_view(l.source),
       db::optional_param(l.confidence), db::optional_param(l.notes), db::optional_param(l.created_by),
       l.created_at});
}

std::optional<TechnologyLink> LinkRepository::find(db::Tx& tx, std::int64_t project_id,
                                                   std::int64_t technology_id, std::int64_t repository_id) {
  static const std::string sql =
      "SELECT " + link_columns("l") +
      " FROM technology_repositories l WHERE l.project_id = ? AND l.technology_id = ? "
      "AND l.repository_id = ?";
  return tx.query_one(sql, {project_id, technology_id, repository_id},
                      [](const db::Row& row) { return read_link(row, 0); });
}

bool LinkRepository::remove(db::Tx& tx, std::int64_t project_id, std::int64_t technology_id,
                            std::int64_t repository_id) {
  return tx.exec(
             "DELETE FROM technology_repositories WHERE project_id = ? AND technology_id = ? AND "
             "repository_id = ?",
             {project_id, technology_id, repository_id}) == 1;
}

Page<std::pair<CodeRepository, TechnologyLink>> LinkRepository::repositories_of(db::Tx& tx,
                                                                                std::int64_t project_id,
                                                                                std::int64_t technology_id,
                                                                                const PageRequest& page) {
  static const std::string sql =
      "SELECT " + std::string(kCodeRepositoryColumns) + ", " + link_columns("l") +
      " FROM technology_repositories l JOIN repositories r ON r.id = l.repository_id "
      "WHERE l.project_id = ? AND l.technology_id = ? ORDER BY lower(r.full_name), r.id LIMIT ? OFFSET ?";
  Page<std::pair<CodeRepository, TechnologyLink>> out;
  out.total =
      tx.query_int("SELECT COUNT(*) FROM technology_repositories WHERE project_id = ? AND technology_id = ?",
                   {project_id, technology_id});
  out.items = tx.query_all(sql, {project_id, technology_id, page.limit, page.offset}, [](const db::Row& row) {
    return std::make_pair(read_code_repository(row), read_link(row, kCodeRepositoryColumnCount));
  });
  return out;
}

Page<std::pair<Technology, TechnologyLink>> LinkRepository::technologies_of(db::Tx& tx,
                                                                            std::int64_t project_id,
                                                                            std::int64_t repository_id,
                                                                            const PageRequest& page) {
  static const std::string sql =
      "SELECT " + std::string(kTechnologyColumns) + ", " + link_columns("l") +
      " FROM technology_repositories l JOIN technologies t ON t.id = l.technology_id "
      "WHERE l.project_id = ? AND l.repository_id = ? ORDER BY lower(t.title), t.id LIMIT ? OFFSET ?";
  Page<std::pair<Technology, TechnologyLink>> out;
  out.total =
      tx.query_int("SELECT COUNT(*) FROM technology_repositories WHERE project_id = ? AND repository_id = ?",
                   {project_id, repository_id});
  out.items = tx.query_all(sql, {project_id, repository_id, page.limit, page.offset}, [](const db::Row& row) {
    return std::make_pair(read_technology(row), read_link(row, kTechnologyColumnCount));
  });
  return out;
}

}  // namespace cc::repositories
