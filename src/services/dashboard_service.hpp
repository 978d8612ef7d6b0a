#pragma once
// The dashboard: statistics across a project's resources and its recent activity, each in a fixed number of
// queries. On the embedded database the statistics are cached until the next write (or the next second: the
// overdue and upcoming counts depend on the clock), so a dashboard that many people keep open costs almost
// nothing.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/dashboard.hpp"

namespace cc::services {

class DashboardService {
 public:
  explicit DashboardService(db::Database& db) : db_(db) {}

  // The statistics as JSON text (what the cache holds).
  std::string stats_json(const auth::ProjectScope& scope);
  RecentActivity recent_activity(const auth::ProjectScope& scope, std::int64_t limit);

 private:
  struct Cached {
    std::uint64_t generation = 0;
    std::int64_t second = 0;
    std::string json;
  };
  db::Database& db_;
  std::mutex mutex_;
  std::map<std::int64_t, Cached> cache_;  // by project
};

}  // namespace cc::services
