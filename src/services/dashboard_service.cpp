#include "services/dashboard_service.hpp"

#include "core/json_writer.hpp"
#include "repositories/dashboard_repository.hpp"

namespace cc::services {

namespace {
constexpr std::size_t kMaxCachedProjects = 1024;
}

DashboardService::DashboardService(db::Database& db, events::EventBus* events) : db_(db) {
  if (!events || db_.write_generation()) return;  // the embedded database counts its own writes
  watching_changes_ = true;
  on_change_ = events->subscribe_all([this](const events::EventPtr& e) {
    // Job events (progress above all) change nothing the dashboard shows; the imports they run publish
    // technology events of their own.
    if (!e->job()) changes_.fetch_add(2, std::memory_order_acq_rel);
  });
}

// Even while nothing is changing (the write generation's convention); none when changes cannot be seen.
std::optional<std::uint64_t> DashboardService::generation() const {
  if (auto g = db_.write_generation()) return g;
  if (watching_changes_) return changes_.load(std::memory_order_acquire);
  return std::nullopt;
}

std::string DashboardService::stats_json(const auth::ProjectScope& scope) {
  // Whole seconds: two requests in the same second and generation see the same numbers.
  auto second = std::chrono::floor<std::chrono::seconds>(now());
  std::int64_t second_key = second.time_since_epoch().count();
  auto generation = this->generation();
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
  if (watching_changes_) after = changes_.load(std::memory_order_acquire);
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
