#pragma once
// Caches COUNT(*) results of list queries while the database has not changed. Counting a few thousand
// matching rows costs more than fetching the page itself, and lists are read far more often than written.
//
// It relies on Tx::write_generation (embedded SQLite, where this process is the only writer). A reader:
//   g1 = generation; run the page query (this fixes the snapshot); g2 = generation.
// If g1 == g2 and g1 is even, no write batch started or finished around the moment the snapshot was taken, so
// the snapshot is exactly the state after batch g1/2, and any count computed in such a snapshot for the same
// filter is the same number. Otherwise the count is computed and not stored. On PostgreSQL (no generation)
// the cache is never used.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace cc::repositories {

class CountCache {
 public:
  std::optional<std::int64_t> find(const std::string& key, std::uint64_t generation) const;
  void store(const std::string& key, std::uint64_t generation, std::int64_t count);

 private:
  static constexpr std::size_t kMaxEntries = 4096;
  struct Entry {
    std::uint64_t generation;
    std::int64_t count;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace cc::repositories
