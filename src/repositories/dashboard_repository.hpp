#pragma once
// The dashboard's queries: a fixed number per call, whatever the amount of data (each is an indexed count,
// a GROUP BY over an index, or a short ordered scan).
#include "db/database.hpp"
#include "domain/dashboard.hpp"

namespace cc::repositories {

class DashboardRepository {
 public:
  static DashboardStats stats(db::Tx& tx, std::int64_t project_id, Timestamp now);
  static RecentActivity recent_activity(db::Tx& tx, std::int64_t project_id, std::int64_t limit);
};

}  // namespace cc::repositories
