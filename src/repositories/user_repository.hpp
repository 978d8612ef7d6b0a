#pragma once
// users: accounts, credentials and pending invitations.
#include <optional>
#include <string>

#include "db/database.hpp"
#include "domain/entities.hpp"

namespace cc::repositories {

struct UserWithCredentials {
  User user;
  std::optional<std::string> password_hash;
};

struct NewUser {
  std::string email;
  std::optional<std::string> password_hash;
  std::optional<std::string> full_name;
  bool is_superuser = false;
  std::optional<std::string> invite_token_hash;
  std::optional<Timestamp> invite_expires_at;
};

class UserRepository {
 public:
  static std::optional<User> find(db::Tx& tx, std::int64_t id);
  static std::optional<UserWithCredentials> find_by_email(db::Tx& tx, std::string_view email);
  // A pending invitation that has not expired at `now`.
  static std::optional<User> find_by_invite(db::Tx& tx, std::string_view token_hash, Timestamp now);
  static std::int64_t insert(db::Tx& tx, const NewUser& user, Timestamp now);
  static std::int64_t count(db::Tx& tx);
  static std::int64_t count_superusers(db::Tx& tx);
  static void record_login(db::Tx& tx, std::int64_t id, Timestamp now);
  static void set_default_project_if_unset(db::Tx& tx, std::int64_t id, std::int64_t project_id);
  static void accept_invite(db::Tx& tx, std::int64_t id, std::string_view password_hash,
                            const std::optional<std::string>& full_name, Timestamp now);
  static void renew_invite(db::Tx& tx, std::int64_t id, std::string_view token_hash, Timestamp expires_at);
};

}  // namespace cc::repositories
