#pragma once
// The dashboard: statistics across a project's resources and its recent activity, each in a fixed number of
// queries. The statistics are cached, section by section (repositories, technologies, tasks, knowledge),
// until a change touches that section — and the task section until the next second too (overdue and upcoming
// depend on the clock) — so a dashboard that many people keep open costs almost nothing, and one change
// re-reads only what it can have changed. On the embedded database a change is any write (one counter for
// every section); on PostgreSQL, where other processes write too, it is a resource change event of that
// section, published after each commit and relayed from other processes within milliseconds.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/dashboard.hpp"
#include "events/event_bus.hpp"
#include "repositories/dashboard_repository.hpp"

namespace cc::services {

class DashboardService {
 public:
  // `events` (may be null: no cache on PostgreSQL) tells of changes on databases that other processes write.
  explicit DashboardService(db::Database& db, events::EventBus* events = nullptr);

  // The statistics as JSON text (what the cache holds).
  std::string stats_json(const auth::ProjectScope& scope);
  RecentActivity recent_activity(const auth::ProjectScope& scope, std::int64_t limit);

 private:
  using Generations = std::array<std::uint64_t, repositories::kDashboardSections>;
  struct Cached {
    Generations generations{};
    std::int64_t second = 0;  // of the task section
    DashboardStats stats;
    std::string json;
  };
  std::optional<Generations> generations() const;

  db::Database& db_;
  // Resource change events seen per section (PostgreSQL), by twos (count_cache.hpp's convention).
  std::array<std::atomic<std::uint64_t>, repositories::kDashboardSections> changes_{};
  bool watching_changes_ = false;
  events::Subscription on_change_;
  std::mutex mutex_;
  std::map<std::int64_t, Cached> cache_;  // by project
};

}  // namespace cc::services
