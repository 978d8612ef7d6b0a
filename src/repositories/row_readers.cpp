#include "repositories/row_readers.hpp"

namespace cc::repositories {

const std::string_view kTechnologyColumns =
    "t.id, t.project_id, t.title, t.vendor, t.domain, t.status, t.relevance_score, t.priority, "
    "t.description, "
    "t.notes, t.use_cases, t.documentation_url, t.repository_url, t.website_url, t.tags, t.latency_ms, "
    "t.throughput_qps, t.integration_difficulty, t.integration_time_estimate_days, t.maturity_level, "
    "t.stability_score, t.cost_tier, t.cost_monthly_usd, t.dependencies, t.alternatives, t.last_hn_mention, "
    "t.hn_score_avg, t.github_stars, t.github_last_commit, t.version, t.created_at, t.updated_at";

Technology read_technology_from(const db::Row& row, int first_column) {
  Technology t;
  int c = first_column;
  t.id = row.get_int(c++);
  t.project_id = row.get_int(c++);
  t.title = row.get_string(c++);
  t.vendor = row.opt_string(c++);
  t.domain = row.get_string(c++);
  t.status = row.get_string(c++);
  t.relevance_score = row.get_int(c++);
  t.priority = row.get_int(c++);
  t.description = row.opt_string(c++);
  t.notes = row.opt_string(c++);
  t.use_cases = row.opt_string(c++);
  t.documentation_url = row.opt_string(c++);
  t.repository_url = row.opt_string(c++);
  t.website_url = row.opt_string(c++);
  t.tags = row.opt_string(c++);
  t.latency_ms = row.opt_double(c++);
  t.throughput_qps = row.opt_int(c++);
  t.integration_difficulty = row.opt_string(c++);
  t.integration_time_estimate_days = row.opt_int(c++);
  t.maturity_level = row.opt_string(c++);
  t.stability_score = row.opt_int(c++);
  t.cost_tier = row.opt_string(c++);
  t.cost_monthly_usd = row.opt_double(c++);
  t.dependencies = row.opt_string(c++);
  t.alternatives = row.opt_string(c++);
  t.last_hn_mention = row.opt_time(c++);
  t.hn_score_avg = row.opt_int(c++);
  t.github_stars = row.opt_int(c++);
  t.github_last_commit = row.opt_time(c++);
  t.version = row.get_int(c++);
  t.created_at = row.get_time(c++);
  t.updated_at = row.get_time(c++);
  return t;
}

const std::string_view kCodeRepositoryColumns =
    "r.id, r.project_id, r.owner, r.name, r.full_name, r.github_id, r.description, r.url, r.clone_url, "
    "r.default_branch, r.access_token_encrypted, r.is_private, r.last_commit_sha, r.last_commit_message, "
    "r.last_commit_author, r.last_commit_date, r.last_synced_at, r.stars, r.forks, r.language, r.metadata, "
    "r.version, r.created_at, r.updated_at";

CodeRepository read_code_repository_from(const db::Row& row, int first_column) {
  CodeRepository r;
  int c = first_column;
  r.id = row.get_int(c++);
  r.project_id = row.get_int(c++);
  r.owner = row.get_string(c++);
  r.name = row.get_string(c++);
  r.full_name = row.get_string(c++);
  r.github_id = row.opt_int(c++);
  r.description = row.opt_string(c++);
  r.url = row.opt_string(c++);
  r.clone_url = row.opt_string(c++);
  r.default_branch = row.get_string(c++);
  r.access_token_encrypted = row.opt_string(c++);
  r.is_private = row.get_bool(c++);
  r.last_commit_sha = row.opt_string(c++);
  r.last_commit_message = row.opt_string(c++);
  r.last_commit_author = row.opt_string(c++);
  r.last_commit_date = row.opt_time(c++);
  r.last_synced_at = row.opt_time(c++);
  r.stars = row.get_int(c++);
  r.forks = row.get_int(c++);
  r.language = row.opt_string(c++);
  r.metadata = row.opt_string(c++);
  r.version = row.get_int(c++);
  r.created_at = row.get_time(c++);
  r.updated_at = row.get_time(c++);
  return r;
}

Technology read_technology(const db::Row& row) {
  return read_technology_from(row, 0);
}
CodeRepository read_code_repository(const db::Row& row) {
  return read_code_repository_from(row, 0);
}

}  // namespace cc::repositories
