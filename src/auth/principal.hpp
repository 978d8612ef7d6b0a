#pragma once
// Who is calling, and in which project with which role. Built by AccessService for each authenticated
// request.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/role.hpp"

namespace cc::auth {

struct Principal {
  enum class Kind { AccessToken, ApiKey };
  Kind kind = Kind::AccessToken;
  std::int64_t user_id = 0;
  std::string email;
  bool is_superuser = false;
  std::optional<std::int64_t> default_project_id;
  std::optional<std::string> session_id;   // access tokens
  std::optional<std::int64_t> api_key_id;  // API keys: bound to one project with a role ceiling
  std::optional<std::int64_t> api_key_project_id;
  std::optional<Role> api_key_role;
};

struct ProjectScope {
  std::int64_t project_id = 0;
  Role role = Role::Viewer;
};

// The actor recorded in the audit log.
struct Actor {
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> api_key_id;
  std::string request_id;
};

}  // namespace cc::auth
