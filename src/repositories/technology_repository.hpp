#pragma once
// technologies, their tag index and their status/domain history. Every statement is scoped by project_id.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/pagination.hpp"
#include "domain/technology.hpp"
#include "repositories/count_cache.hpp"

namespace cc::repositories {

class TechnologyRepository {
 public:
  static std::optional<Technology> find(db::Tx& tx, std::int64_t project_id, std::int64_t id);
  // Case-insensitive, as titles are unique per project regardless of case.
  static std::optional<Technology> find_by_title(db::Tx& tx, std::int64_t project_id, std::string_view title);
  static bool title_taken(db::Tx& tx, std::int64_t project_id, std::string_view title,
                          std::optional<std::int64_t> except_id = {});
  // `counts` (optional) caches totals between writes; see count_cache.hpp.
  static Page<Technology> list(db::Tx& tx, std::int64_t project_id, const TechnologyQuery& query,
                               const PageRequest& page, CountCache* counts = nullptr);
  // Inserts every column of `t` (id, version are assigned) and indexes its tags. Returns the new id.
  static std::int64_t insert(db::Tx& tx, const Technology& t, std::optional<std::int64_t> created_by);
  // Writes every column of `t` if the row is still at `expected_version`; bumps the version.
  static bool update(db::Tx& tx, const Technology& t, std::int64_t expected_version);
  static bool remove(db::Tx& tx, std::int64_t project_id, std::int64_t id);
};

class TechnologyHistoryRepository {
 public:
  static void insert(db::Tx& tx, std::int64_t project_id, const TechnologyHistoryEntry& entry);
  // Status and domain moves (not creations) of every technology of the project at or after `since`, newest
  // first: one page of them and how many there are.
  static Page<TechnologyHistoryEntry> moves(db::Tx& tx, std::int64_t project_id,
                                            std::optional<Timestamp> since, const PageRequest& page);
  static std::vector<TechnologyHistoryEntry> list(db::Tx& tx, std::int64_t project_id,
                                                  std::int64_t technology_id);
};

}  // namespace cc::repositories
