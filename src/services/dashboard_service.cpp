#include "services/dashboard_service.hpp"

#include "core/json_writer.hpp"
#include "repositories/dashboard_repository.hpp"

namespace cc::services {

namespace {
constexpr std::size_t kMaxCachedProjects = 1024;
}

std::string DashboardService::stats_json(const auth::ProjectScope& scope) {
  // Whole seconds: two requests in the same second and generation see the same numbers.
  auto second = std::chrono::floor<std::chrono::seconds>(now());
  std::int64_t second_key = second.time_since_epoch().count();
  auto generation = db_.write_generation();
  bool cacheable = generation && *generation % 2 == 0;
  if (cacheable) {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(scope.project_id);
    if (it != cache_.end() && it->second.generation == *generation && it->second.second == second_key) {
      return it->second.json;
    }
  }
  std::optional<std::uint64_t> after;
  auto stats = db_.read([&](db::Tx& tx) {
    auto s = repositories::DashboardRepository::stats(tx, scope.project_id, second);
    after = tx.write_generation();
    return s;
  });
  auto json = json_text(stats);
  // Stored only if no write batch started or finished while the numbers were read (count_cache.hpp).
  if (cacheable && after == generation) {
    std::lock_guard lock(mutex_);
    if (cache_.size() >= kMaxCachedProjects) cache_.clear();
    cache_[scope.project_id] = Cached{*generation, second_key, json};
  }
  return json;
}

RecentActivity DashboardService::recent_activity(const auth::ProjectScope& scope, std::int64_t limit) {
  return db_.read([&](db::Tx& tx) {
    return repositories::DashboardRepository::recent_activity(tx, scope.project_id, limit);
  });
}

}  // namespace cc::services
