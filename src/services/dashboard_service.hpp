#pragma once
// The dashboard: statistics across a project's resources and its recent activity, each in a fixed number of
// queries. The statistics are cached until the next change (or the next second: the overdue and upcoming
// counts depend on the clock), so a dashboard that many people keep open costs almost nothing. On the
// embedded database a change is any write; on PostgreSQL, where other processes write too, it is any resource
// change event — published after each commit, and relayed from other processes within milliseconds.
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

namespace cc::services {

class DashboardService {
 public:
  // `events` (may be null: no cache on PostgreSQL) tells of changes on databases that other processes write.
  explicit DashboardService(db::Database& db, events::EventBus* events = nullptr);

  // The statistics as JSON text (what the cache holds).
  std::string stats_json(const auth::ProjectScope& scope);
  RecentActivity recent_activity(const auth::ProjectScope& scope, std::int64_t limit);

 private:
  struct Cached {
    std::uint64_t generation = 0;
    std::int64_t second = 0;
    std::string json;
  };
  std::optional<std::uint64_t> generation() const;

  db::Database& db_;
  std::atomic<std::uint64_t> changes_{0};  // resource change events seen (PostgreSQL)
  bool watching_changes_ = false;
  events::Subscription on_change_;
  std::mutex mutex_;
  std::map<std::int64_t, Cached> cache_;  // by project
};

}  // namespace cc::services
