#pragma once
// knowledge_entries.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/knowledge_entry.hpp"
#include "domain/pagination.hpp"

namespace cc::repositories {

class KnowledgeRepository {
 public:
  static std::optional<KnowledgeEntry> find(db::Tx& tx, std::int64_t project_id, std::int64_t id);
  static Page<KnowledgeEntry> list(db::Tx& tx, std::int64_t project_id, const KnowledgeQuery& query,
                                   const PageRequest& page);
  static std::int64_t insert(db::Tx& tx, const KnowledgeEntry& e, std::optional<std::int64_t> created_by);
  static bool update(db::Tx& tx, const KnowledgeEntry& e, std::int64_t expected_version);
  static bool remove(db::Tx& tx, std::int64_t project_id, std::int64_t id);
  // Before a technology is deleted: its entries lose the link in a new version of themselves. Their ids.
  static std::vector<std::int64_t> unlink_technology(db::Tx& tx, std::int64_t project_id,
                                                     std::int64_t technology_id, Timestamp at);
  // Distinct categories with their number of entries, alphabetically.
  static std::vector<std::pair<std::string, std::int64_t>> categories(db::Tx& tx, std::int64_t project_id);
};

}  // namespace cc::repositories
