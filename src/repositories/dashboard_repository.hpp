#pragma once
// The dashboard's queries: a fixed number per call, whatever the amount of data (each is an indexed count,
// a GROUP BY over an index, or a short ordered scan).
#include "db/database.hpp"
#include "domain/dashboard.hpp"

namespace cc::repositories {

// The parts of the statistics that change independently: a cache can refresh only those a change touched.
enum class DashboardSection { Repositories, Technologies, Tasks, Knowledge };
inline constexpr std::size_t kDashboardSections = 4;

class DashboardRepository {
 public:
  static DashboardStats stats(db::Tx& tx, std::int64_t project_id, Timestamp now);
  // Reads one section into `into`, leaving the others as they are.
  static void read_section(db::Tx& tx, DashboardSection section, std::int64_t project_id, Timestamp now,
                           DashboardStats& into);
  static RecentActivity recent_activity(db::Tx& tx, std::int64_t project_id, std::int64_t limit);
};

}  // namespace cc::repositories
