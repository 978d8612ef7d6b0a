#include "services/dashboard_service.hpp"

#include <algorithm>

#include "core/json_writer.hpp"
#include "repositories/dashboard_repository.hpp"

namespace cc::services {

namespace {
constexpr std::size_t kMaxCachedProjects = 1024;
}

namespace {

using repositories::DashboardRepository;
using repositories::DashboardSection;

constexpr std::array<DashboardSection, repositories::kDashboardSections> kSections{
    DashboardSection::Repositories, DashboardSection::Technologies, DashboardSection::Tasks,
    DashboardSection::Knowledge};

// The section a resource change event touches, if any ("technology.updated", "technology.imported", …).
std::optional<std::size_t> section_of(std::string_view event_type) {
  auto resource = event_type.substr(0, event_type.find('.'));
  if (resource == "repository") return static_cast<std::size_t>(DashboardSection::Repositories);
  if (resource == "technology") return static_cast<std::size_t>(DashboardSection::Technologies);
  if (resource == "research_task") return static_cast<std::size_t>(DashboardSection::Tasks);
  if (resource == "knowledge_entry") return static_cast<std::size_t>(DashboardSection::Knowledge);
  return std::nullopt;
}

}  // namespace

DashboardService::DashboardService(db::Database& db, events::EventBus* events) : db_(db) {
  if (!events || db_.write_generation()) return;  // the embedded database counts its own writes
  watching_changes_ = true;
  on_change_ = events->subscribe_all([this](const events::EventPtr& e) {
    // Job events (progress above all) change nothing the dashboard shows; the imports they run publish
    // technology events of their own.
    if (e->job()) return;
    if (auto section = section_of(e->type())) changes_[*section].fetch_add(2, std::memory_order_acq_rel);
  });
}

// Even while nothing is changing (the write generation's convention); none when changes cannot be seen.
std::optional<DashboardService::Generations> DashboardService::generations() const {
  Generations out{};
  if (auto g = db_.write_generation()) {
    out.fill(*g);
    return out;
  }
  if (!watching_changes_) return std::nullopt;
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = changes_[i].load(std::memory_order_acquire);
  return out;
}

std::string DashboardService::stats_json(const auth::ProjectScope& scope) {
  // Whole seconds: two requests in the same second and generation see the same numbers.
  auto second = std::chrono::floor<std::chrono::seconds>(now());
  std::int64_t second_key = second.time_since_epoch().count();
  auto before = generations();
  bool cacheable = before && std::all_of(before->begin(), before->end(), [](auto g) { return g % 2 == 0; });
  DashboardStats stats;
  std::array<bool, repositories::kDashboardSections> stale{};
  stale.fill(true);
  if (cacheable) {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(scope.project_id); it != cache_.end()) {
      for (std::size_t i = 0; i < stale.size(); ++i) stale[i] = it->second.generations[i] != (*before)[i];
      auto tasks = static_cast<std::size_t>(DashboardSection::Tasks);
      stale[tasks] = stale[tasks] || it->second.second != second_key;
      if (std::none_of(stale.begin(), stale.end(), [](bool s) { return s; })) return it->second.json;
      stats = it->second.stats;
    }
  }
  std::optional<std::uint64_t> written;
  db_.read([&](db::Tx& tx) {
    for (std::size_t i = 0; i < kSections.size(); ++i) {
      if (stale[i]) DashboardRepository::read_section(tx, kSections[i], scope.project_id, second, stats);
    }
    written = tx.write_generation();
  });
  auto after = generations();
  if (written && after) after->fill(*written);
  auto json = json_text(stats);
  // Stored only if no change started or finished while the numbers were read (count_cache.hpp).
  if (cacheable && after == before) {
    std::lock_guard lock(mutex_);
    if (cache_.size() >= kMaxCachedProjects) cache_.clear();
    cache_[scope.project_id] = Cached{*before, second_key, std::move(stats), json};
  }
  return json;
}

RecentActivity DashboardService::recent_activity(const auth::ProjectScope& scope, std::int64_t limit) {
  return db_.read([&](db::Tx& tx) {
    return repositories::DashboardRepository::recent_activity(tx, scope.project_id, limit);
  });
}

}  // namespace cc::services
