#pragma once
// What the dashboard shows: counts across a project's resources and its recent activity.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "domain/research_task.hpp"

namespace cc {

class JsonWriter;

struct DashboardStats {
  struct SyncedRepository {
    std::int64_t id = 0;
    std::string full_name;
    std::optional<Timestamp> last_synced_at;
  };
  struct PriorityTechnology {
    std::int64_t id = 0;
    std::string title;
    std::int64_t priority = 0;
    std::string status;
  };
  std::int64_t repositories_total = 0;
  std::vector<SyncedRepository> recently_synced;
  std::int64_t technologies_total = 0;
  std::vector<std::pair<std::string, std::int64_t>> technologies_by_status;  // every status, zeros included
  std::vector<std::pair<std::string, std::int64_t>> technologies_by_domain;  // every domain, zeros included
  std::int64_t high_priority_count = 0;
  std::vector<PriorityTechnology> high_priority;
  TaskStatistics research_tasks;
  std::int64_t knowledge_entries = 0;
  std::int64_t knowledge_categories = 0;
};

void write_json(JsonWriter& w, const DashboardStats& s);

struct ActivityItem {
  std::string type;  // repository | technology | research_task | knowledge_entry
  std::int64_t id = 0;
  std::string title;
  std::optional<std::string> status;
  Timestamp updated_at;
};

struct RecentActivity {
  std::vector<ActivityItem> repositories;
  std::vector<ActivityItem> technologies;
  std::vector<ActivityItem> tasks;
  std::vector<ActivityItem> knowledge;
  std::vector<ActivityItem> merged;  // all of the above, newest first, at most `limit`
};

void write_json(JsonWriter& w, const RecentActivity& a);

}  // namespace cc
