#pragma once
// Accounts and sessions: first-run setup, registration, sign-in, token refresh with rotation and reuse
// detection, sign-out, and accepting an invitation.
#include <chrono>
#include <optional>
#include <string>

#include "auth/password_hasher.hpp"
#include "auth/principal.hpp"
#include "auth/token_service.hpp"
#include "core/config.hpp"
#include "db/database.hpp"
#include "domain/entities.hpp"

namespace cc::services {

struct TokenPair {
  std::string access_token;
  std::string refresh_token;
  std::int64_t expires_in = 0;  // seconds until the access token expires
};

struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

struct SetupInput {
  std::string token;
  std::string email;
  std::string password;
  std::optional<std::string> full_name;
  std::string project_name;
};

struct SetupResult {
  User user;
  Project project;
  TokenPair tokens;
};

struct AuthSettings {
  RegistrationMode registration = RegistrationMode::Auto;
  std::chrono::seconds refresh_ttl{30 * 24 * 3600};
};

class AuthService {
 public:
  AuthService(db::Database& db, auth::PasswordHasher& hasher, const auth::TokenService& tokens,
              AuthSettings settings);

  // True while no administrator exists; then the one-time setup token (created at start) is accepted.
  bool setup_required();
  // Creates the token if setup is required and none exists yet; empty once setup is done.
  std::string issue_setup_token();
  SetupResult setup(const SetupInput& input, const ClientInfo& client, const std::string& request_id);

  bool registration_open();
  User register_user(const std::string& email, const std::string& password,
                     const std::optional<std::string>& full_name, const std::string& request_id);
  TokenPair login(const std::string& email, const std::string& password, const ClientInfo& client);
  TokenPair refresh(const std::string& refresh_token, const ClientInfo& client);
  // Ends the session of the presented refresh token, or else the session of the access token in use.
  void logout(const auth::Principal& principal, const std::optional<std::string>& refresh_token);
  User me(const auth::Principal& principal);
  TokenPair accept_invite(const std::string& invite_token, const std::string& password,
                          const std::optional<std::string>& full_name, const ClientInfo& client);

  // Creates the first administrator from the command line (commandcenter user create --admin) or a plain
  // user.
  User create_user(const std::string& email, const std::string& password,
                   const std::optional<std::string>& full_name, bool admin,
                   const std::optional<std::string>& project_name);

 private:
  TokenPair start_session(db::Tx& tx, std::int64_t user_id, const std::string& email,
                          const ClientInfo& client, Timestamp now);

  db::Database& db_;
  auth::PasswordHasher& hasher_;
  const auth::TokenService& tokens_;
  AuthSettings settings_;
  std::mutex setup_mutex_;
  std::string setup_token_;
};

}  // namespace cc::services
