#include "services/auth_service.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "core/logging.hpp"
#include "repositories/audit_repository.hpp"
#include "repositories/project_repository.hpp"
#include "repositories/session_repository.hpp"
#include "repositories/user_repository.hpp"

namespace cc::services {

using repositories::AuditRepository;
using repositories::MemberRepository;
using repositories::NewUser;
using repositories::ProjectRepository;
using repositories::SessionRepository;
using repositories::UserRepository;

namespace {

std::string user_json(const User& u) {
  JsonWriter w;
  write_json(w, u);
  return w.take();
}

std::string project_json(const Project& p) {
  JsonWriter w;
  write_json(w, p);
  return w.take();
}

// Creates a project owned by `user_id` (membership, default project, audit) inside `tx`.
Project create_first_project(db::Tx& tx, std::int64_t user_id, const std::string& owner,
                             const std::string& name, Timestamp now, const auth::Actor& actor) {
  Project p;
  p.name = name;
  p.owner = owner;
  p.created_at = now;
  p.updated_at = now;
  p.id = ProjectRepository::insert(tx, p);
  p.role = Role::Owner;
  MemberRepository::insert(tx, p.id, user_id, Role::Owner, now);
  UserRepository::set_default_project_if_unset(tx, user_id, p.id);
  AuditRepository::record(tx, actor, p.id, "project", std::to_string(p.id), "create", std::nullopt,
                          project_json(p));
  return p;
}

}  // namespace

AuthService::AuthService(db::Database& db, auth::PasswordHasher& hasher, const auth::TokenService& tokens,
                         AuthSettings settings)
    : db_(db), hasher_(hasher), tokens_(tokens), settings_(settings) {}

bool AuthService::setup_required() {
  return db_.read([](db::Tx& tx) { return UserRepository::count_superusers(tx) == 0; });
}

std::string AuthService::issue_setup_token() {
  std::lock_guard lock(setup_mutex_);
  if (!setup_required()) {
    setup_token_.clear();
    return {};
  }
  if (setup_token_.empty()) setup_token_ = crypto::random_token(24);
  return setup_token_;
}

SetupResult AuthService::setup(const SetupInput& input, const ClientInfo& client,
                               const std::string& request_id) {
  {
    std::lock_guard lock(setup_mutex_);
    if (setup_token_.empty() || !crypto::constant_time_equal(input.token, setup_token_)) {
      if (!setup_required()) throw Error::conflict("Setup is already complete");
      throw Error::unauthorized("The setup token is not valid; it is printed in the server log at start-up");
    }
  }
  std::string hash = hasher_.hash(input.password);
  auto result = db_.write([&](db::Tx& tx) {
    if (UserRepository::count_superusers(tx) > 0) throw Error::conflict("Setup is already complete");
    auto current = now();
    if (UserRepository::find_by_email(tx, input.email)) throw Error::conflict("Email already registered");
    NewUser nu{
        .email = input.email, .password_hash = hash, .full_name = input.full_name, .is_superuser = true};
    std::int64_t user_id = UserRepository::insert(tx, nu, current);
    auth::Actor actor{user_id, std::nullopt, request_id};
    auto user = *UserRepository::find(tx, user_id);
    AuditRepository::record(tx, actor, std::nullopt, "user", std::to_string(user_id), "create", std::nullopt,
                            user_json(user));
    Project project = create_first_project(tx, user_id, input.email, input.project_name, current, actor);
    user = *UserRepository::find(tx, user_id);
    TokenPair tokens = start_session(tx, user_id, user.email, client, current);
    return SetupResult{std::move(user), std::move(project), std::move(tokens)};
  });
  std::lock_guard lock(setup_mutex_);
  setup_token_.clear();
  log::info("setup.completed", {{"user_id", result.user.id}, {"project_id", result.project.id}});
  return result;
}

bool AuthService::registration_open() {
  switch (settings_.registration) {
    case RegistrationMode::Open:
      return true;
    case RegistrationMode::Closed:
      return false;
    case RegistrationMode::Auto:
      return setup_required();
  }
  return false;
}

User AuthService::register_user(const std::string& email, const std::string& password,
                                const std::optional<std::string>& full_name, const std::string& request_id) {
  if (!registration_open()) {
    throw Error::forbidden("Registration is closed; ask a project administrator to invite you");
  }
  bool exists = db_.read([&](db::Tx& tx) { return UserRepository::find_by_email(tx, email).has_value(); });
  if (exists) throw Error::conflict("Email already registered");
  std::string hash = hasher_.hash(password);
  try {
    return db_.write([&](db::Tx& tx) {
      auto current = now();
      std::int64_t id = UserRepository::insert(
          tx, {.email = email, .password_hash = hash, .full_name = full_name}, current);
      auto user = *UserRepository::find(tx, id);
      AuditRepository::record(tx, {id, std::nullopt, request_id}, std::nullopt, "user", std::to_string(id),
                              "create", std::nullopt, user_json(user));
      return user;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::UniqueViolation) throw Error::conflict("Email already registered");
    throw;
  }
}

TokenPair AuthService::login(const std::string& email, const std::string& password,
                             const ClientInfo& client) {
  auto found = db_.read([&](db::Tx& tx) { return UserRepository::find_by_email(tx, email); });
  if (!found || !found->password_hash) {
    hasher_.verify_dummy(password);
    throw Error::unauthorized("Incorrect email or password");
  }
  if (!hasher_.verify(*found->password_hash, password))
    throw Error::unauthorized("Incorrect email or password");
  if (!found->user.is_active) throw Error::forbidden("This account is disabled");
  return db_.write([&](db::Tx& tx) {
    auto current = now();
    UserRepository::record_login(tx, found->user.id, current);
    return start_session(tx, found->user.id, found->user.email, client, current);
  });
}

TokenPair AuthService::start_session(db::Tx& tx, std::int64_t user_id, const std::string& email,
                                     const ClientInfo& client, Timestamp current) {
  std::string session_id = crypto::random_token(18);
  std::string refresh = crypto::random_token(32);
  auto expires = current + settings_.refresh_ttl;
  SessionRepository::create(tx, session_id, user_id, current, expires, client.ip,
                            client.user_agent.substr(0, 512));
  SessionRepository::add_refresh_token(tx, crypto::sha256_hex(refresh), session_id, current, expires);
  return TokenPair{tokens_.issue_access(user_id, email, session_id, current), std::move(refresh),
                   tokens_.access_ttl().count()};
}

TokenPair AuthService::refresh(const std::string& refresh_token, const ClientInfo& client) {
  enum class Outcome { Ok, Invalid, Reused };
  std::string hash = crypto::sha256_hex(refresh_token);
  Outcome outcome = Outcome::Invalid;
  TokenPair pair;
  // A reused token revokes its whole session; that revocation must commit, so the outcome is returned from
  // the transaction and turned into an error after it.
  db_.write([&](db::Tx& tx) {
    auto current = now();
    outcome = Outcome::Invalid;
    auto record = SessionRepository::find_refresh_token(tx, hash);
    if (!record || record->session_revoked_at || record->expires_at <= current ||
        record->session_expires_at <= current) {
      return;
    }
    if (record->rotated_at || !SessionRepository::rotate(tx, hash, current)) {
      SessionRepository::revoke(tx, record->session_id, "refresh token reused", current);
      outcome = Outcome::Reused;
      return;
    }
    auto user = UserRepository::find(tx, record->user_id);
    if (!user || !user->is_active) return;
    std::string next = crypto::random_token(32);
    SessionRepository::add_refresh_token(tx, crypto::sha256_hex(next), record->session_id, current,
                                         record->session_expires_at);
    SessionRepository::touch(tx, record->session_id, current);
    pair = TokenPair{tokens_.issue_access(user->id, user->email, record->session_id, current),
                     std::move(next), tokens_.access_ttl().count()};
    outcome = Outcome::Ok;
  });
  if (outcome == Outcome::Reused) {
    log::warn("auth.refresh_reuse", {{"ip", client.ip}});
    throw Error::unauthorized("This refresh token was already used; the session has been ended for safety");
  }
  if (outcome != Outcome::Ok) throw Error::unauthorized("Invalid or expired refresh token");
  return pair;
}

void AuthService::logout(const auth::Principal& principal, const std::optional<std::string>& refresh_token) {
  db_.write([&](db::Tx& tx) {
    auto current = now();
    if (refresh_token) {
      auto record = SessionRepository::find_refresh_token(tx, crypto::sha256_hex(*refresh_token));
      if (record && record->user_id == principal.user_id) {
        SessionRepository::revoke(tx, record->session_id, "logout", current);
      }
    }
    if (principal.session_id) SessionRepository::revoke(tx, *principal.session_id, "logout", current);
  });
}

User AuthService::me(const auth::Principal& principal) {
  auto user = db_.read([&](db::Tx& tx) { return UserRepository::find(tx, principal.user_id); });
  if (!user) throw Error::unauthorized();
  return *user;
}

TokenPair AuthService::accept_invite(const std::string& invite_token, const std::string& password,
                                     const std::optional<std::string>& full_name, const ClientInfo& client) {
  std::string token_hash = crypto::sha256_hex(invite_token);
  auto user = db_.read([&](db::Tx& tx) { return UserRepository::find_by_invite(tx, token_hash, now()); });
  if (!user) throw Error::unauthorized("The invitation is not valid or has expired");
  std::string hash = hasher_.hash(password);
  return db_.write([&](db::Tx& tx) {
    auto current = now();
    // Re-check inside the transaction: the invitation is single-use.
    auto still = UserRepository::find_by_invite(tx, token_hash, current);
    if (!still) throw Error::unauthorized("The invitation is not valid or has expired");
    UserRepository::accept_invite(tx, still->id, hash, full_name, current);
    UserRepository::record_login(tx, still->id, current);
    AuditRepository::record(tx, {still->id, std::nullopt, {}}, std::nullopt, "user",
                            std::to_string(still->id), "accept_invite", std::nullopt, std::nullopt);
    return start_session(tx, still->id, still->email, client, current);
  });
}

User AuthService::create_user(const std::string& email, const std::string& password,
                              const std::optional<std::string>& full_name, bool admin,
                              const std::optional<std::string>& project_name) {
  std::string hash = hasher_.hash(password);
  try {
    return db_.write([&](db::Tx& tx) {
      auto current = now();
      if (UserRepository::find_by_email(tx, email)) throw Error::conflict("Email already registered");
      std::int64_t id = UserRepository::insert(
          tx, {.email = email, .password_hash = hash, .full_name = full_name, .is_superuser = admin},
          current);
      auth::Actor actor{id, std::nullopt, "cli"};
      auto user = *UserRepository::find(tx, id);
      AuditRepository::record(tx, actor, std::nullopt, "user", std::to_string(id), "create", std::nullopt,
                              user_json(user));
      if (project_name) create_first_project(tx, id, email, *project_name, current, actor);
      return *UserRepository::find(tx, id);
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::UniqueViolation) throw Error::conflict("Email already registered");
    throw;
  }
}

}  // namespace cc::services
