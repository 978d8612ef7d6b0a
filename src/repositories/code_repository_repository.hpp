#pragma once
// repositories (code repositories) and technology_repositories (their links to technologies).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "domain/code_repository.hpp"
#include "domain/pagination.hpp"
#include "domain/technology.hpp"
#include "domain/technology_link.hpp"

namespace cc::repositories {

struct CodeRepositoryQuery {
  std::optional<std::string> owner;
  std::optional<std::string> language;
  std::optional<std::string> search;
};

class CodeRepositoryRepository {
 public:
  static std::optional<CodeRepository> find(db::Tx& tx, std::int64_t project_id, std::int64_t id);
  static bool full_name_taken(db::Tx& tx, std::int64_t project_id, std::string_view full_name);
  static Page<CodeRepository> list(db::Tx& tx, std::int64_t project_id, const CodeRepositoryQuery& query,
                                   const PageRequest& page);
  static std::int64_t insert(db::Tx& tx, const CodeRepository& r, std::optional<std::int64_t> created_by);
  static bool update(db::Tx& tx, const CodeRepository& r, std::int64_t expected_version);
  static bool remove(db::Tx& tx, std::int64_t project_id, std::int64_t id);
};

class LinkRepository {
 public:
  static bool exists(db::Tx& tx, std::int64_t technology_id, std::int64_t repository_id);
  static void insert(db::Tx& tx, std::int64_t project_id, const TechnologyLink& link);
  static std::optional<TechnologyLink> find(db::Tx& tx, std::int64_t project_id, std::int64_t technology_id,
                                            std::int64_t repository_id);
  static bool remove(db::Tx& tx, std::int64_t project_id, std::int64_t technology_id,
                     std::int64_t repository_id);
  // One page of the repositories linked to a technology (by full name), and how many there are.
  static Page<std::pair<CodeRepository, TechnologyLink>> repositories_of(db::Tx& tx, std::int64_t project_id,
                                                                         std::int64_t technology_id,
                                                                         const PageRequest& page);
  // One page of the technologies linked to a repository (by title), and how many there are.
  static Page<std::pair<Technology, TechnologyLink>> technologies_of(db::Tx& tx, std::int64_t project_id,
                                                                     std::int64_t repository_id,
                                                                     const PageRequest& page);
};

}  // namespace cc::repositories
