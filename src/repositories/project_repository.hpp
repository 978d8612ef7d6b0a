#pragma once
// projects and project_members. Every read is for a given user (membership is the access rule) or by id for a
// caller whose membership the access layer has already checked.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/entities.hpp"
#include "domain/pagination.hpp"

namespace cc::repositories {

class ProjectRepository {
 public:
  static std::int64_t insert(db::Tx& tx, const Project& project);
  static std::optional<Project> find(db::Tx& tx, std::int64_t id);
  static Page<Project> list_for_user(db::Tx& tx, std::int64_t user_id, const PageRequest& page);
  static std::optional<Project> find_by_owner_and_name(db::Tx& tx, std::string_view owner,
                                                       std::string_view name);
  // Writes every column of `project`; false if the row's version is no longer `expected_version`.
  static bool update(db::Tx& tx, const Project& project, std::int64_t expected_version);
  static bool remove(db::Tx& tx, std::int64_t id);
  static ProjectStats stats(db::Tx& tx, std::int64_t id);
};

class MemberRepository {
 public:
  static std::optional<Role> role_of(db::Tx& tx, std::int64_t project_id, std::int64_t user_id);
  // The project a user works in when a request names none: their default project if they still belong to it,
  // else the first project they joined.
  static std::optional<std::pair<std::int64_t, Role>> default_membership(db::Tx& tx, std::int64_t user_id);
  static std::vector<Member> list(db::Tx& tx, std::int64_t project_id);
  static std::optional<Member> find(db::Tx& tx, std::int64_t project_id, std::int64_t user_id);
  static void insert(db::Tx& tx, std::int64_t project_id, std::int64_t user_id, Role role, Timestamp now);
  static void update_role(db::Tx& tx, std::int64_t project_id, std::int64_t user_id, Role role,
                          Timestamp now);
  static void remove(db::Tx& tx, std::int64_t project_id, std::int64_t user_id);
  static std::int64_t count_owners(db::Tx& tx, std::int64_t project_id);
};

}  // namespace cc::repositories
