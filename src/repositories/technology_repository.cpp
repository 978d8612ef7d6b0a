#include "repositories/technology_repository.hpp"

#include <algorithm>
#include <deque>

#include "core/strings.hpp"
#include "db/sql_dialect.hpp"
#include "repositories/row_readers.hpp"

namespace cc::repositories {

namespace {

// The writable columns in statement order, shared by INSERT and UPDATE.
std::vector<db::Param> column_params(const Technology& t) {
  using db::optional_param;
  return {std::string_view(t.title),
          optional_param(t.vendor),
          std::string_view(t.domain),
          std::string_view(t.status),
          t.relevance_score,
          t.priority,
          optional_param(t.description),
          optional_param(t.notes),
          optional_param(t.use_cases),
          optional_param(t.documentation_url),
          optional_param(t.repository_url),
          optional_param(t.website_url),
          optional_param(t.tags),
          optional_param(t.latency_ms),
          optional_param(t.throughput_qps),
          optional_param(t.integration_difficulty),
          optional_param(t.integration_time_estimate_days),
          optional_param(t.maturity_level),
          optional_param(t.stability_score),
          optional_param(t.cost_tier),
          optional_param(t.cost_monthly_usd),
          optional_param(t.dependencies),
          optional_param(t.alternatives),
          optional_param(t.last_hn_mention),
          optional_param(t.hn_score_avg),
          optional_param(t.github_stars),
          optional_param(t.github_last_commit)};
}

constexpr std::string_view kWritableColumns =
    "title, vendor, domain, status, relevance_score, priority, description, notes, use_cases, "
    "documentation_url, "
    "repository_url, website_url, tags, latency_ms, throughput_qps, integration_difficulty, "
    "integration_time_estimate_days, maturity_level, stability_score, cost_tier, cost_monthly_usd, "
    "dependencies, "
    "alternatives, last_hn_mention, hn_score_avg, github_stars, github_last_commit";

void index_tags(db::Tx& tx, std::int64_t project_id, std::int64_t technology_id,
                const std::optional<std::string>& tags) {
  tx.exec("DELETE FROM technology_tags WHERE technology_id = ?", {technology_id});
  if (!tags) return;
  std::vector<std::string> seen;
  for (auto& tag : split(*tags, ',')) {
    auto key = to_lower(tag);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    tx.exec("INSERT INTO technology_tags (technology_id, project_id, tag) VALUES (?, ?, ?)",
            {technology_id, project_id, std::string_view(key)});
    seen.push_back(std::move(key));
  }
}

std::string param_text(const db::Param& p) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          return "null";
        } else if constexpr (std::is_same_v<T, std::string_view>) {
          return std::string(v);
        } else if constexpr (std::is_same_v<T, Timestamp>) {
          return format_rfc3339(v);
        } else {
          return std::to_string(v);
        }
      },
      p);
}

std::string order_by(const std::vector<SortKey>& sort) {
  std::string out = " ORDER BY ";
  if (sort.empty()) return out + "t.updated_at DESC, t.id DESC";
  bool descending_last = false;
  for (const auto& key : sort) {
    std::string column = key.field == "title" ? "lower(t.title)" : "t." + key.field;  // field is allow-listed
    out += column + (key.descending ? " DESC, " : " ASC, ");
    descending_last = key.descending;
  }
  return out + (descending_last ? "t.id DESC" : "t.id ASC");  // a total order, so pages never overlap
}

}  // namespace

std::optional<Technology> TechnologyRepository::find(db::Tx& tx, std::int64_t project_id, std::int64_t id) {
  static const std::string sql = "SELECT " + std::string(kTechnologyColumns) +
                                 " FROM technologies t WHERE t.project_id = ? AND t.id = ?";
  return tx.query_one(sql, {project_id, id}, read_technology);
}

std::optional<Technology> TechnologyRepository::find_by_title(db::Tx& tx, std::int64_t project_id,
                                                              std::string_view title) {
  static const std::string sql = "SELECT " + std::string(kTechnologyColumns) +
                                 " FROM technologies t WHERE t.project_id = ? AND lower(t.title) = lower(?)";
  return tx.query_one(sql, {project_id, title}, read_technology);
}

bool TechnologyRepository::title_taken(db::Tx& tx, std::int64_t project_id, std::string_view title,
                                       std::optional<std::int64_t> except_id) {
  return tx.query_int(
             "SELECT COUNT(*) FROM technologies WHERE project_id = ? AND lower(title) = lower(?) AND id <> ?",
             {project_id, title, except_id.value_or(0)}) > 0;
}

Page<Technology> TechnologyRepository::list(db::Tx& tx, std::int64_t project_id, const TechnologyQuery& q,
                                            const PageRequest& page, CountCache* counts) {
  std::string where = " WHERE t.project_id = ?";
  std::deque<std::string> text_params;  // owns the strings the params point to; a deque never moves them
  std::vector<db::Param> params{project_id};
  auto add_text = [&](std::string value) {
    text_params.push_back(std::move(value));
    params.emplace_back(std::string_view(text_params.back()));
  };
  auto in_list = [&](std::string_view column, const std::vector<std::string>& values) {
    if (values.empty()) return;
    where += " AND t." + std::string(column) + " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      where += i ? ", ?" : "?";
      add_text(values[i]);
    }
    where += ")";
  };
  in_list("domain", q.domains);
  in_list("status", q.statuses);
  auto range = [&](std::string_view column, const std::optional<std::int64_t>& min,
                   const std::optional<std::int64_t>& max) {
    if (min) {
      where += " AND t." + std::string(column) + " >= ?";
      params.emplace_back(*min);
    }
    if (max) {
      where += " AND t." + std::string(column) + " <= ?";
      params.emplace_back(*max);
    }
  };
  range("priority", q.priority_min, q.priority_max);
  range("relevance_score", q.relevance_min, q.relevance_max);
  for (const auto& tag : q.tags) {
    where += " AND t.id IN (SELECT technology_id FROM technology_tags WHERE project_id = ? AND tag = ?)";
    params.emplace_back(project_id);
    add_text(tag);
  }
  if (q.search && !q.search->empty()) {
    auto fragment = db::substring_search(tx.dialect(), "t", "technologies_fts",
                                         {"title", "description", "tags"}, *q.search);
    where += " AND " + fragment.sql;
    for (auto& p : fragment.params) add_text(std::move(p));
  }

  Page<Technology> out;
  // The page query runs first: it fixes the read snapshot between the two generation readings
  // (count_cache.hpp).
  auto generation_before = tx.write_generation();
  std::vector<db::Param> page_params = params;
  page_params.emplace_back(page.limit);
  page_params.emplace_back(page.offset);
  out.items = tx.query_all("SELECT " + std::string(kTechnologyColumns) + " FROM technologies t" + where +
                               order_by(q.sort) + " LIMIT ? OFFSET ?",
                           page_params, read_technology);
  auto generation_after = tx.write_generation();
  std::string count_sql = "SELECT COUNT(*) FROM technologies t" + where;
  bool cacheable =
      counts && generation_before && generation_before == generation_after && *generation_before % 2 == 0;
  std::string key;
  if (cacheable) {
    key = count_sql;
    for (const auto& p : params) key += '\x1f' + param_text(p);
    if (auto cached = counts->find(key, *generation_before)) {
      out.total = *cached;
      return out;
    }
  }
  out.total = tx.query_int(count_sql, params);
  if (cacheable) counts->store(key, *generation_before, out.total);
  return out;
}

std::int64_t TechnologyRepository::insert(db::Tx& tx, const Technology& t,
                                          std::optional<std::int64_t> created_by) {
  static const std::string sql = "INSERT INTO technologies (project_id, " + std::string(kWritableColumns) +
                                 ", version, created_by, created_at, updated_at) VALUES (?" +
                                 db::more_placeholders(27) + ", 1, ?, ?, ?) RETURNING id";
  auto params = column_params(t);
  params.insert(params.begin(), t.project_id);
  params.emplace_back(db::optional_param(created_by));
  params.emplace_back(t.created_at);
  params.emplace_back(t.updated_at);
  std::int64_t id = tx.query_int(sql, params);
  index_tags(tx, t.project_id, id, t.tags);
  return id;
}

bool TechnologyRepository::update(db::Tx& tx, const Technology& t, std::int64_t expected_version) {
  static const std::string sql =
      "UPDATE technologies SET " + db::assignments(kWritableColumns) +
      "version = version + 1, updated_at = ? WHERE project_id = ? AND id = ? AND version = ?";
  auto params = column_params(t);
  params.emplace_back(t.updated_at);
  params.emplace_back(t.project_id);
  params.emplace_back(t.id);
  params.emplace_back(expected_version);
  if (tx.exec(sql, params) != 1) return false;
  index_tags(tx, t.project_id, t.id, t.tags);
  return true;
}

bool TechnologyRepository::remove(db::Tx& tx, std::int64_t project_id, std::int64_t id) {
  return tx.exec("DELETE FROM technologies WHERE project_id = ? AND id = ?", {project_id, id}) == 1;
}

void TechnologyHistoryRepository::insert(db::Tx& tx, std::int64_t project_id,
                                         const TechnologyHistoryEntry& e) {
  tx.exec(
      "INSERT INTO technology_history (project_id, technology_id, field, from_value, to_value, reason, "
      "changed_by, "
      "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {project_id, e.technology_id, std::string_view(e.field), db::optional_param(e.from_value),
       std::string_view(e.to_value), db::optional_param(e.reason), db::optional_param(e.changed_by),
       e.changed_at});
}

namespace {

constexpr std::string_view kHistoryColumns =
    "SELECT h.id, h.technology_id, h.field, h.from_value, h.to_value, h.reason, h.changed_by, u.email, "
    "h.changed_at FROM technology_history h LEFT JOIN users u ON u.id = h.changed_by ";

TechnologyHistoryEntry history_from_row(const db::Row& row) {
  TechnologyHistoryEntry e;
  e.id = row.get_int(0);
  e.technology_id = row.get_int(1);
  e.field = row.get_string(2);
  e.from_value = row.opt_string(3);
  e.to_value = row.get_string(4);
  e.reason = row.opt_string(5);
  e.changed_by = row.opt_int(6);
  e.changed_by_email = row.opt_string(7);
  e.changed_at = row.get_time(8);
  return e;
}

}  // namespace

Page<TechnologyHistoryEntry> TechnologyHistoryRepository::moves(db::Tx& tx, std::int64_t project_id,
                                                                std::optional<Timestamp> since,
                                                                const PageRequest& page) {
  // The creation of a technology is recorded with no from_value; only moves have one. Backed by
  // ix_technology_history_project (project_id, changed_at).
  constexpr std::string_view kWhere =
      "WHERE h.project_id = ? AND h.changed_at >= ? AND h.from_value IS NOT NULL ";
  Timestamp from = since.value_or(Timestamp{});
  Page<TechnologyHistoryEntry> out;
  out.total = tx.query_int(std::string("SELECT COUNT(*) FROM technology_history h ") + std::string(kWhere),
                           {project_id, from});
  out.items = tx.query_all(std::string(kHistoryColumns) + std::string(kWhere) +
                               "ORDER BY h.changed_at DESC, h.id DESC LIMIT ? OFFSET ?",
                           {project_id, from, page.limit, page.offset}, history_from_row);
  return out;
}

std::vector<TechnologyHistoryEntry> TechnologyHistoryRepository::list(db::Tx& tx, std::int64_t project_id,
                                                                      std::int64_t technology_id) {
  return tx.query_all(std::string(kHistoryColumns) +
                          "WHERE h.project_id = ? AND h.technology_id = ? ORDER BY h.changed_at, h.id",
                      {project_id, technology_id}, history_from_row);
}

}  // namespace cc::repositories
