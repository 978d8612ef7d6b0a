#include "repositories/project_repository.hpp"

namespace cc::repositories {

namespace {

constexpr std::string_view kColumns =
    "p.id, p.name, p.owner, p.description, p.version, p.created_at, p.updated_at";

Project read_project(const db::Row& row) {
  Project p;
  p.id = row.get_int(0);
  p.name = row.get_string(1);
  p.owner = row.get_string(2);
  p.description = row.opt_string(3);
  p.version = row.get_int(4);
  p.created_at = row.get_time(5);
  p.updated_at = row.get_time(6);
  return p;
}

Member read_member(const db::Row& row) {
  Member m;
  m.project_id = row.get_int(0);
  m.user_id = row.get_int(1);
  m.email = row.get_string(2);
  m.full_name = row.opt_string(3);
  m.role = parse_role(row.get_text(4)).value_or(Role::Viewer);
  m.created_at = row.get_time(5);
  m.updated_at = row.get_time(6);
  m.invitation_pending = row.is_null(7);
  return m;
}

constexpr std::string_view kMemberSelect =
    "SELECT m.project_id, m.user_id, u.email, u.full_name, m.role, m.created_at, m.updated_at, "
    "u.hashed_password "
    "FROM project_members m JOIN users u ON u.id = m.user_id ";

}  // namespace

std::int64_t ProjectRepository::insert(db::Tx& tx, const Project& p) {
  return tx.query_int(
      "INSERT INTO projects (name, owner, description, version, created_at, updated_at) VALUES (?, ?, ?, 1, "
      "?, ?) "
      "RETURNING id",
      {std::string_view(p.name), std::string_view(p.owner), db::optional_param(p.description), p.created_at,
       p.updated_at});
}

std::optional<Project> ProjectRepository::find(db::Tx& tx, std::int64_t id) {
  static const std::string sql = "SELECT " + std::string(kColumns) + " FROM projects p WHERE p.id = ?";
  return tx.query_one(sql, {id}, read_project);
}

Page<Project> ProjectRepository::list_for_user(db::Tx& tx, std::int64_t user_id, const PageRequest& page) {
  static const std::string sql = "SELECT " + std::string(kColumns) +
                                 ", m.role FROM projects p JOIN project_members m ON m.project_id = p.id "
                                 "WHERE m.user_id = ? ORDER BY p.id LIMIT ? OFFSET ?";
  Page<Project> out;
  out.total = tx.query_int("SELECT COUNT(*) FROM project_members WHERE user_id = ?", {user_id});
  out.items = tx.query_all(sql, {user_id, page.limit, page.offset}, [](const db::Row& row) {
    Project p = read_project(row);
    p.role = parse_role(row.get_text(7));
    return p;
  });
  return out;
}

std::optional<Project> ProjectRepository::find_by_owner_and_name(db::Tx& tx, std::string_view owner,
                                                                 std::string_view name) {
  static const std::string sql =
      "SELECT " + std::string(kColumns) + " FROM projects p WHERE p.owner = ? AND p.name = ?";
  return tx.query_one(sql, {owner, name}, read_project);
}

bool ProjectRepository::update(db::Tx& tx, const Project& p, std::int64_t expected_version) {
  return tx.exec(
             "UPDATE projects SET name = ?, owner = ?, description = ?, version = version + 1, updated_at = "
             "? "
             "WHERE id = ? AND version = ?",
             {std::string_view(p.name), std::string_view(p.owner), db::optional_param(p.description),
              p.updated_at, p.id, expected_version}) == 1;
}

bool ProjectRepository::remove(db::Tx& tx, std::int64_t id) {
  return tx.exec("DELETE FROM projects WHERE id = ?", {id}) == 1;
}

ProjectStats ProjectRepository::stats(db::Tx& tx, std::int64_t id) {
  ProjectStats s;
  tx.query(
      "SELECT (SELECT COUNT(*) FROM repositories WHERE project_id = ?), "
      "(SELECT COUNT(*) FROM technologies WHERE project_id = ?), "
      "(SELECT COUNT(*) FROM research_tasks WHERE project_id = ?), "
      "(SELECT COUNT(*) FROM knowledge_entries WHERE project_id = ?), "
      "(SELECT COUNT(*) FROM project_members WHERE project_id = ?)",
      {id, id, id, id, id}, [&](const db::Row& row) {
        s.repository_count = row.get_int(0);
        s.technology_count = row.get_int(1);
        s.research_task_count = row.get_int(2);
        s.knowledge_entry_count = row.get_int(3);
        s.member_count = row.get_int(4);
      });
  return s;
}

std::optional<Role> MemberRepository::role_of(db::Tx& tx, std::int64_t project_id, std::int64_t user_id) {
  return tx.query_one("SELECT role FROM project_members WHERE project_id = ? AND user_id = ?",
                      {project_id, user_id},
                      [](const db::Row& row) { return parse_role(row.get_text(0)).value_or(Role::Viewer); });
}

std::optional<std::pair<std::int64_t, Role>> MemberRepository::default_membership(db::Tx& tx,
                                                                                  std::int64_t user_id) {
  return tx.query_one(
      "SELECT m.project_id, m.role FROM project_members m JOIN users u ON u.id = m.user_id WHERE m.user_id = "
      "? "
      "ORDER BY CASE WHEN m.project_id = u.default_project_id THEN 0 ELSE 1 END, m.created_at, m.project_id "
      "LIMIT 1",
      {user_id}, [](const db::Row& row) {
        return std::make_pair(row.get_int(0), parse_role(row.get_text(1)).value_or(Role::Viewer));
      });
}

std::vector<Member> MemberRepository::list(db::Tx& tx, std::int64_t project_id) {
  static const std::string sql =
      std::string(kMemberSelect) + "WHERE m.project_id = ? ORDER BY m.created_at, m.user_id";
  return tx.query_all(sql, {project_id}, read_member);
}

std::optional<Member> MemberRepository::find(db::Tx& tx, std::int64_t project_id, std::int64_t user_id) {
  static const std::string sql = std::string(kMemberSelect) + "WHERE m.project_id = ? AND m.user_id = ?";
  return tx.query_one(sql, {project_id, user_id}, read_member);
}

void MemberRepository::insert(db::Tx& tx, std::int64_t project_id, std::int64_t user_id, Role role,
                              Timestamp now) {
  tx.exec(
      "INSERT INTO project_members (project_id, user_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, "
      "?)",
      {project_id, user_id, to_string(role), now, now});
}

void MemberRepository::update_role(db::Tx& tx, std::int64_t project_id, std::int64_t user_id, Role role,
                                   Timestamp now) {
  tx.exec("UPDATE project_members SET role = ?, updated_at = ? WHERE project_id = ? AND user_id = ?",
          {to_string(role), now, project_id, user_id});
}

void MemberRepository::remove(db::Tx& tx, std::int64_t project_id, std::int64_t user_id) {
  tx.exec("DELETE FROM project_members WHERE project_id = ? AND user_id = ?", {project_id, user_id});
}

std::int64_t MemberRepository::count_owners(db::Tx& tx, std::int64_t project_id) {
  return tx.query_int("SELECT COUNT(*) FROM project_members WHERE project_id = ? AND role = 'owner'",
                      {project_id});
}

}  // namespace cc::repositories
