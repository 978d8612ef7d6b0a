#include "repositories/dashboard_repository.hpp"

#include <algorithm>

#include "domain/technology.hpp"
#include "repositories/research_task_repository.hpp"

namespace cc::repositories {

DashboardStats DashboardRepository::stats(db::Tx& tx, std::int64_t project_id, Timestamp now) {
  DashboardStats s;
  for (auto section : {DashboardSection::Repositories, DashboardSection::Technologies,
                       DashboardSection::Tasks, DashboardSection::Knowledge}) {
    read_section(tx, section, project_id, now, s);
  }
  return s;
}

void DashboardRepository::read_section(db::Tx& tx, DashboardSection section, std::int64_t project_id,
                                       Timestamp now, DashboardStats& s) {
  switch (section) {
    case DashboardSection::Repositories:
      s.repositories_total =
          tx.query_int("SELECT COUNT(*) FROM repositories WHERE project_id = ?", {project_id});
      s.recently_synced = tx.query_all(
          "SELECT id, full_name, last_synced_at FROM repositories WHERE project_id = ? "
          "AND last_synced_at IS NOT NULL ORDER BY last_synced_at DESC, id DESC LIMIT 5",
          {project_id}, [](const db::Row& row) {
            return DashboardStats::SyncedRepository{row.get_int(0), row.get_string(1), row.opt_time(2)};
          });
      return;
    case DashboardSection::Technologies:
      // technology_counts is kept by triggers (migration 0002): at most 42 rows, whatever the number of
      // technologies.
      s.technologies_total = 0;
      s.technologies_by_status.clear();
      s.technologies_by_domain.clear();
      for (const auto& status : technology_statuses()) s.technologies_by_status.emplace_back(status, 0);
      for (const auto& domain : technology_domains()) s.technologies_by_domain.emplace_back(domain, 0);
      tx.query(
          "SELECT domain, status, SUM(n) FROM technology_counts WHERE project_id = ? GROUP BY domain, status",
          {project_id}, [&](const db::Row& row) {
            auto domain = row.get_text(0);
            auto status = row.get_text(1);
            auto n = row.get_int(2);
            for (auto& [key, value] : s.technologies_by_domain) {
              if (key == domain) value += n;
            }
            for (auto& [key, value] : s.technologies_by_status) {
              if (key == status) value += n;
            }
            s.technologies_total += n;
          });
      s.high_priority_count = tx.query_int(
          "SELECT COUNT(*) FROM technologies WHERE project_id = ? AND priority >= 4", {project_id});
      s.high_priority = tx.query_all(
          "SELECT id, title, priority, status FROM technologies WHERE project_id = ? AND priority >= 4 "
          "ORDER BY priority DESC, relevance_score DESC, id LIMIT 5",
          {project_id}, [](const db::Row& row) {
            return DashboardStats::PriorityTechnology{row.get_int(0), row.get_string(1), row.get_int(2),
                                                      row.get_string(3)};
          });
      return;
    case DashboardSection::Tasks:
      s.research_tasks = ResearchTaskRepository::statistics(tx, project_id, std::nullopt, std::nullopt, now);
      return;
    case DashboardSection::Knowledge:
      tx.query("SELECT COUNT(*), COUNT(DISTINCT category) FROM knowledge_entries WHERE project_id = ?",
               {project_id}, [&](const db::Row& row) {
                 s.knowledge_entries = row.get_int(0);
                 s.knowledge_categories = row.get_int(1);
               });
      return;
  }
}

RecentActivity DashboardRepository::recent_activity(db::Tx& tx, std::int64_t project_id, std::int64_t limit) {
  RecentActivity a;
  auto recent = [&](const char* type, const std::string& sql, bool has_status) {
    return tx.query_all(sql, {project_id, limit}, [&](const db::Row& row) {
      ActivityItem item;
      item.type = type;
      item.id = row.get_int(0);
      item.title = row.get_string(1);
      if (has_status) item.status = row.get_string(2);
      item.updated_at = row.get_time(3);
      return item;
    });
  };
  a.repositories = recent("repository",
                          "SELECT id, full_name, NULL, updated_at FROM repositories WHERE project_id = ? "
                          "ORDER BY updated_at DESC, id DESC LIMIT ?",
                          false);
  a.technologies = recent("technology",
                          "SELECT id, title, status, updated_at FROM technologies WHERE project_id = ? "
                          "ORDER BY updated_at DESC, id DESC LIMIT ?",
                          true);
  a.tasks = recent("research_task",
                   "SELECT id, title, status, updated_at FROM research_tasks WHERE project_id = ? "
                   "ORDER BY updated_at DESC, id DESC LIMIT ?",
                   true);
  a.knowledge = recent("knowledge_entry",
                       "SELECT id, title, category, updated_at FROM knowledge_entries WHERE project_id = ? "
                       "ORDER BY updated_at DESC, id DESC LIMIT ?",
                       true);
  for (const auto* list : {&a.repositories, &a.technologies, &a.tasks, &a.knowledge}) {
    a.merged.insert(a.merged.end(), list->begin(), list->end());
  }
  std::sort(a.merged.begin(), a.merged.end(),
            [](const ActivityItem& x, const ActivityItem& y) { return x.updated_at > y.updated_at; });
  if (static_cast<std::int64_t>(a.merged.size()) > limit) a.merged.resize(static_cast<std::size_t>(limit));
  return a;
}

}  // namespace cc::repositories
