#include "repositories/knowledge_repository.hpp"

#include <deque>

#include "db/sql_dialect.hpp"

namespace cc::repositories {

namespace {

constexpr std::string_view kColumns =
    "e.id, e.project_id, e.technology_id, e.title, e.content, e.category, e.source_file, e.source_url, "
    "e.source_type, e.page_number, e.confidence_score, e.relevance_score, e.metadata, e.version, "
    "e.created_at, "
    "e.updated_at";
constexpr std::string_view kWritable =
    "technology_id, title, content, category, source_file, source_url, source_type, page_number, "
    "confidence_score, relevance_score, metadata";
constexpr int kWritableCount = 11;

KnowledgeEntry read_entry(const db::Row& row) {
  KnowledgeEntry e;
  int c = 0;
  e.id = row.get_int(c++);
  e.project_id = row.get_int(c++);
  e.technology_id = row.opt_int(c++);
  e.title = row.get_string(c++);
  e.content = row.get_string(c++);
  e.category = row.get_string(c++);
  e.source_file = row.opt_string(c++);
  e.source_url = row.opt_string(c++);
  e.source_type = row.opt_string(c++);
  e.page_number = row.opt_int(c++);
  e.confidence_score = row.opt_double(c++);
  e.relevance_score = row.opt_double(c++);
  e.metadata = row.opt_string(c++);
  e.version = row.get_int(c++);
  e.created_at = row.get_time(c++);
  e.updated_at = row.get_time(c++);
  return e;
}

std::vector<db::Param> writable_params(const KnowledgeEntry& e) {
  using db::optional_param;
  return {
      optional_param(e.technology_id),   std::string_view(e.title),     std::string_view(e.content),
      std::string_view(e.category),      optional_param(e.source_file), optional_param(e.source_url),
      optional_param(e.source_type),     optional_param(e.page_number), optional_param(e.confidence_score),
      optional_param(e.relevance_score), optional_param(e.metadata)};
}

}  // namespace

std::optional<KnowledgeEntry> KnowledgeRepository::find(db::Tx& tx, std::int64_t project_id,
                                                        std::int64_t id) {
  static const std::string sql =
      "SELECT " + std::string(kColumns) + " FROM knowledge_entries e WHERE e.project_id = ? AND e.id = ?";
  return tx.query_one(sql, {project_id, id}, read_entry);
}

Page<KnowledgeEntry> KnowledgeRepository::list(db::Tx& tx, std::int64_t project_id, const KnowledgeQuery& q,
                                               const PageRequest& page) {
  std::string where = " WHERE e.project_id = ?";
  std::deque<std::string> texts;
  std::vector<db::Param> params{project_id};
  if (q.category) {
    where += " AND e.category = ?";
    texts.push_back(*q.category);
    params.emplace_back(std::string_view(texts.back()));
  }
  if (q.technology_id) {
    where += " AND e.technology_id = ?";
    params.emplace_back(*q.technology_id);
  }
  if (q.search && !q.search->empty()) {
    auto fragment = db::substring_search(tx.dialect(), "e", "knowledge_entries_fts",
                                         {"title", "content", "category"}, *q.search);
    where += " AND " + fragment.sql;
    for (auto& p : fragment.params) {
      texts.push_back(std::move(p));
      params.emplace_back(std::string_view(texts.back()));
    }
  }
  Page<KnowledgeEntry> out;
  out.total = tx.query_int("SELECT COUNT(*) FROM knowledge_entries e" + where, params);
  if (out.total <= page.offset) return out;
  params.emplace_back(page.limit);
  params.emplace_back(page.offset);
  out.items = tx.query_all("SELECT " + std::string(kColumns) + " FROM knowledge_entries e" + where +
                               " ORDER BY e.updated_at DESC, e.id DESC LIMIT ? OFFSET ?",
                           params, read_entry);
  return out;
}

std::int64_t KnowledgeRepository::insert(db::Tx& tx, const KnowledgeEntry& e,
                                         std::optional<std::int64_t> created_by) {
  static const std::string sql = "INSERT INTO knowledge_entries (project_id, " + std::string(kWritable) +
                                 ", version, created_by, created_at, updated_at) VALUES (?" +
                                 db::more_placeholders(kWritableCount) + ", 1, ?, ?, ?) RETURNING id";
  auto params = writable_params(e);
  params.insert(params.begin(), e.project_id);
  params.emplace_back(db::optional_param(created_by));
  params.emplace_back(e.created_at);
  params.emplace_back(e.updated_at);
  return tx.query_int(sql, params);
}

bool KnowledgeRepository::update(db::Tx& tx, const KnowledgeEntry& e, std::int64_t expected_version) {
  static const std::string sql =
      "UPDATE knowledge_entries SET " + db::assignments(kWritable) +
      "version = version + 1, updated_at = ? WHERE project_id = ? AND id = ? AND version = ?";
  auto params = writable_params(e);
  params.emplace_back(e.updated_at);
  params.emplace_back(e.project_id);
  params.emplace_back(e.id);
  params.emplace_back(expected_version);
  return tx.exec(sql, params) == 1;
}

bool KnowledgeRepository::remove(db::Tx& tx, std::int64_t project_id, std::int64_t id) {
  return tx.exec("DELETE FROM knowledge_entries WHERE project_id = ? AND id = ?", {project_id, id}) == 1;
}

std::vector<std::pair<std::string, std::int64_t>> KnowledgeRepository::categories(db::Tx& tx,
                                                                                  std::int64_t project_id) {
  return tx.query_all(
      "SELECT category, COUNT(*) FROM knowledge_entries WHERE project_id = ? GROUP BY category ORDER BY "
      "category",
      {project_id}, [](const db::Row& row) { return std::make_pair(row.get_string(0), row.get_int(1)); });
}

std::vector<std::int64_t> KnowledgeRepository::unlink_technology(db::Tx& tx, std::int64_t project_id,
                                                                 std::int64_t technology_id, Timestamp at) {
  return tx.query_all(
      "UPDATE knowledge_entries SET technology_id = NULL, version = version + 1, updated_at = ? "
      "WHERE project_id = ? AND technology_id = ? RETURNING id",
      {at, project_id, technology_id}, [](const db::Row& row) { return row.get_int(0); });
}
}  // namespace cc::repositories
