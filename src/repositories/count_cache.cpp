#include "repositories/count_cache.hpp"

namespace cc::repositories {

std::optional<std::int64_t> CountCache::find(const std::string& key, std::uint64_t generation) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) return std::nullopt;
  return it->second.count;
}

void CountCache::store(const std::string& key, std::uint64_t generation, std::int64_t count) {
  std::lock_guard lock(mutex_);
  // Entries of older generations are dead; dropping everything when full is simpler than an LRU and costs one
  // recount per filter.
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = Entry{generation, count};
}

}  // namespace cc::repositories
