#include "repositories/user_repository.hpp"

namespace cc::repositories {

namespace {

constexpr std::string_view kColumns =
    "id, email, full_name, is_active, is_superuser, default_project_id, created_at, updated_at, last_login, "
    "hashed_password, invite_token_hash";

User read_user(const db::Row& row) {
  User u;
  u.id = row.get_int(0);
  u.email = row.get_string(1);
  u.full_name = row.opt_string(2);
  u.is_active = row.get_bool(3);
  u.is_superuser = row.get_bool(4);
  u.default_project_id = row.opt_int(5);
  u.created_at = row.get_time(6);
  u.updated_at = row.get_time(7);
  u.last_login = row.opt_time(8);
  u.invitation_pending = row.is_null(9) && !row.is_null(10);
  return u;
}

std::string select_where(std::string_view condition) {
  return "SELECT " + std::string(kColumns) + " FROM users WHERE " + std::string(condition);
}

}  // namespace

std::optional<User> UserRepository::find(db::Tx& tx, std::int64_t id) {
  static const std::string sql = select_where("id = ?");
  return tx.query_one(sql, {id}, read_user);
}

std::optional<UserWithCredentials> UserRepository::find_by_email(db::Tx& tx, std::string_view email) {
  static const std::string sql = select_where("email = ?");
  return tx.query_one(sql, {email}, [](const db::Row& row) {
    return UserWithCredentials{read_user(row), row.opt_string(9)};
  });
}

std::optional<User> UserRepository::find_by_invite(db::Tx& tx, std::string_view token_hash, Timestamp now) {
  static const std::string sql = select_where("invite_token_hash = ? AND invite_expires_at > ?");
  return tx.query_one(sql, {token_hash, now}, read_user);
}

std::int64_t UserRepository::insert(db::Tx& tx, const NewUser& user, Timestamp now) {
  return tx.query_int(
      "INSERT INTO users (email, hashed_password, full_name, is_active, is_superuser, invite_token_hash, "
      "invite_expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {std::string_view(user.email), db::optional_param(user.password_hash),
       db::optional_param(user.full_name), true, user.is_superuser,
       db::optional_param(user.invite_token_hash), db::optional_param(user.invite_expires_at), now, now});
}

std::int64_t UserRepository::count(db::Tx& tx) {
  return tx.query_int("SELECT COUNT(*) FROM users");
}

std::int64_t UserRepository::count_superusers(db::Tx& tx) {
  return tx.query_int("SELECT COUNT(*) FROM users WHERE is_superuser = ?", {true});
}

void UserRepository::record_login(db::Tx& tx, std::int64_t id, Timestamp now) {
  tx.exec("UPDATE users SET last_login = ? WHERE id = ?", {now, id});
}

void UserRepository::set_default_project_if_unset(db::Tx& tx, std::int64_t id, std::int64_t project_id) {
  tx.exec("UPDATE users SET default_project_id = ? WHERE id = ? AND default_project_id IS NULL",
          {project_id, id});
}

void UserRepository::accept_invite(db::Tx& tx, std::int64_t id, std::string_view password_hash,
                                   const std::optional<std::string>& full_name, Timestamp now) {
  tx.exec(
      "UPDATE users SET hashed_password = ?, full_name = COALESCE(?, full_name), invite_token_hash = NULL, "
      "invite_expires_at = NULL, updated_at = ? WHERE id = ?",
      {password_hash, db::optional_param(full_name), now, id});
}

void UserRepository::renew_invite(db::Tx& tx, std::int64_t id, std::string_view token_hash,
                                  Timestamp expires_at) {
  tx.exec(
      "UPDATE users SET invite_token_hash = ?, invite_expires_at = ? WHERE id = ? AND hashed_password IS "
      "NULL",
      {token_hash, expires_at, id});
}

}  // namespace cc::repositories
